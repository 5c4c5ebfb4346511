//! During and after an appeal: R28-R39.

use chrono::Months;

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEvent, DeadlineEventKind as K, TribunalOrder};
use super::super::exceptions::{exception_flags, Exceptions};
use super::super::format_uk;
use super::super::periods::{
    self, days_before, plural, weeks_after, working_days_after, working_days_before,
};
use super::super::tribunal::tribunal_days_after;

macro_rules! rule {
    ($name:ident, $id:literal, $slug:literal, $key:literal, $title:literal, $who:expr,
     $nature:expr, $source:literal, $met:expr) => {
        const $name: Rule = Rule {
            id: $id,
            slug: $slug,
            key: $key,
            title: $title,
            who: $who,
            nature: $nature,
            source: $source,
            met_by: $met,
        };
    };
}

const LA: Who = Who::LocalAuthority;
const DUTY: Nature = Nature::Duty;

rule!(
    R28,
    "R28",
    "R28-tribunal-direction",
    "tribunal-direction",
    "Step directed by the Tribunal",
    Who::AsDirected,
    Nature::Notice,
    "HESC Rules 2008 r.12(3)(b) and r.12(2)",
    |_| false
);
rule!(
    R29,
    "R29",
    "R29-la-response",
    "la-response",
    "LA's response to the appeal",
    LA,
    DUTY,
    "gov.uk guidance for LAs; HESC Rules 2008 r.21 (text unconfirmed)",
    |e| e.kind == K::LaResponseReceived
);
rule!(
    R30,
    "R30",
    "R30-late-evidence",
    "late-evidence",
    "Send evidence before the last week",
    Who::Family,
    Nature::Guidance,
    "Liaise Lincolnshire (secondary source)",
    |e| e.kind == K::EvidenceSent
);
rule!(
    R31,
    "R31",
    "R31-working-document",
    "working-document",
    "Working document finalised",
    Who::AsDirected,
    Nature::Guidance,
    "Essex SENDIASS; the Tribunal's directions govern",
    |e| e.kind == K::WorkingDocumentFinalised
);
rule!(
    R32,
    "R32",
    "R32-order-assess",
    "order-compliance",
    "Tell you it will assess (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(b); gov.uk SEND18",
    |e| matches!(e.kind, K::DecisionToAssessSent | K::DecisionToReassessSent)
);
rule!(
    R33_DECIDE,
    "R33",
    "R33-order-decision",
    "order-compliance",
    "Decide whether to issue a plan (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(b)",
    |e| matches!(
        e.kind,
        K::DecisionNotToIssueSent | K::DraftPlanServed | K::PlanIssued
    )
);
rule!(
    R33_FINAL,
    "R33",
    "R33-order-final-plan",
    "order-compliance",
    "Final plan after assessment (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(b)",
    |e| e.kind == K::PlanIssued
);
rule!(
    R34_DRAFT,
    "R34",
    "R34-order-draft-plan",
    "order-compliance",
    "Draft plan (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(c); gov.uk SEND18",
    |e| matches!(e.kind, K::DraftPlanServed | K::PlanIssued)
);
rule!(
    R34_FINAL,
    "R34",
    "R34-order-final-plan",
    "order-compliance",
    "Final plan (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(c)",
    |e| e.kind == K::PlanIssued
);
rule!(
    R35,
    "R35",
    "R35-order-amend",
    "order-compliance",
    "Amended plan (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(e); BA v Nottinghamshire CC [2021] EWHC 1348 (Admin)",
    |e| matches!(e.kind, K::FinalAmendedPlanIssued | K::PlanIssued)
);
rule!(
    R36,
    "R36",
    "R36-order-school",
    "order-compliance",
    "School named (Tribunal order)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 44(2)(f)",
    |e| matches!(e.kind, K::FinalAmendedPlanIssued | K::PlanIssued)
);
rule!(
    R37,
    "R37",
    "R37-order-immediate",
    "order-compliance",
    "Order takes effect at once",
    LA,
    Nature::Notice,
    "SEND Regs 2014 reg 44(2)(a); gov.uk SEND18",
    |_| false
);
rule!(
    R38_NOTIFY,
    "R38",
    "R38-conceded-assess",
    "concession-compliance",
    "Tell you it will assess (appeal conceded)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 45 as amended by SI 2015/359",
    |e| matches!(e.kind, K::DecisionToAssessSent | K::DecisionToReassessSent)
);
rule!(
    R38_DECIDE,
    "R38",
    "R38-conceded-decision",
    "concession-compliance",
    "Decide whether to issue a plan (appeal conceded)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 45 as amended by SI 2015/359",
    |e| matches!(
        e.kind,
        K::DecisionNotToIssueSent | K::DraftPlanServed | K::PlanIssued
    )
);
rule!(
    R38_FINAL,
    "R38",
    "R38-conceded-final-plan",
    "concession-compliance",
    "Final plan (appeal conceded)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 45 as amended by SI 2015/359",
    |e| e.kind == K::PlanIssued
);
rule!(
    R38_AMEND,
    "R38",
    "R38-conceded-amend",
    "concession-compliance",
    "Amended plan (appeal conceded)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 45 as amended by SI 2015/359",
    |e| matches!(e.kind, K::FinalAmendedPlanIssued | K::PlanIssued)
);
rule!(
    R38_SCHOOL,
    "R38",
    "R38-conceded-school",
    "concession-compliance",
    "School named (appeal conceded)",
    LA,
    DUTY,
    "SEND Regs 2014 reg 45 as amended by SI 2015/359",
    |e| matches!(e.kind, K::FinalAmendedPlanIssued | K::PlanIssued)
);
rule!(
    R39,
    "R39",
    "R39-recommendation-response",
    "recommendation-response",
    "Response to a Tribunal recommendation",
    LA,
    DUTY,
    "Local Government and Social Care Ombudsman SEN fact sheet",
    |e| e.kind == K::RecommendationResponse
);

pub(in super::super) fn apply(ctx: &mut Ctx) {
    for direction in ctx.all(K::TribunalDirection) {
        // HESC r.12(3)(b): days counted without 25 Dec-1 Jan and August; r.12(2) next working day.
        let Some(p) = direction
            .days
            .and_then(|n| tribunal_days_after(direction.date, n))
        else {
            continue;
        };
        let text = format!(
            "The Tribunal's direction of {} must be carried out by {}.",
            format_uk(direction.date),
            format_uk(p.due)
        );
        let item = Item::new(direction, p, text).flag(
            FlagKind::Note,
            "If the Tribunal gave a fixed date, that date applies instead (HESC r.12(4)).",
        );
        ctx.push(&R28, item);
    }
    for registered in ctx.all(K::AppealRegistered) {
        // gov.uk / HESC r.21 (UNCONFIRMED): the LA responds within 30 working days.
        let Some(p) = working_days_after(registered.date, 30) else {
            continue;
        };
        let text = format!(
            "The LA should send its response to your appeal within 30 working days, so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(registered, p, text).flag(
            FlagKind::Advisory,
            "The real date is in the Tribunal's registration letter; gov.uk says 6 weeks. Use the \
             letter's date.",
        );
        ctx.push(&R29, item);
    }
    for hearing in ctx.all(K::Hearing) {
        hearing_steps(ctx, hearing);
    }
    for order in ctx.all(K::TribunalOrderSent) {
        let next = ctx.next_after(order.date, |e| e.kind == K::TribunalOrderSent);
        // SEND Regs 2014 reg 44(2): time runs from the day the Tribunal sends the order (SEND18).
        let steps: &[(&Rule, u32, &str)] = match order.order {
            Some(TribunalOrder::Assess) => &[
                (&R32, 2, "tell you it will assess"),
                (&R33_DECIDE, 10, "tell you if it will not issue a plan"),
                (&R33_FINAL, 14, "issue the final plan"),
            ],
            Some(TribunalOrder::MakePlan) => &[
                (&R34_DRAFT, 5, "send the draft plan"),
                (&R34_FINAL, 11, "issue the final plan"),
            ],
            Some(TribunalOrder::Amend) => &[(
                &R35,
                5,
                "issue the amended plan with the provision in place",
            )],
            Some(TribunalOrder::School) => &[(&R36, 2, "issue the plan naming the school")],
            Some(TribunalOrder::Continue | TribunalOrder::Cease) | None => &[],
        };
        for &(rule, weeks, what) in steps {
            let Some(p) = weeks_after(order.date, weeks, ctx.settings) else {
                continue;
            };
            let flags = exception_flags(ctx, order.date, p.due, Exceptions::TribunalOrder);
            let text = format!(
                "After the Tribunal's order, the LA must {what} within {}, so by {}.",
                plural(weeks, "week"),
                format_uk(p.due)
            );
            ctx.push(rule, Item::new(order, p, text).until(next).flags(flags));
        }
        if let Some(o @ (TribunalOrder::Continue | TribunalOrder::Cease)) = order.order {
            // SEND Regs 2014 reg 44(2)(a): continue (or cease) immediately.
            let what = if o == TribunalOrder::Continue {
                "keep the plan in place"
            } else {
                "stop maintaining the plan"
            };
            let text = format!(
                "The LA must {what} at once, from {}.",
                format_uk(order.date)
            );
            ctx.push(
                &R37,
                Item::new(order, periods::immediate(order.date), text).until(next),
            );
        }
    }
    for conceded in ctx.all(K::AppealConceded) {
        let next = ctx.next_after(conceded.date, |e| e.kind == K::AppealConceded);
        // SEND Regs 2014 reg 45 (as amended by SI 2015/359): limits after the LA concedes.
        let steps: &[(&Rule, u32, &str)] = match conceded.order {
            Some(TribunalOrder::Assess) => &[
                (&R38_NOTIFY, 2, "tell you it will assess"),
                (&R38_DECIDE, 10, "tell you if it will not issue a plan"),
                (&R38_FINAL, 14, "issue the final plan"),
            ],
            Some(TribunalOrder::Amend) => &[(&R38_AMEND, 5, "issue the amended plan")],
            Some(TribunalOrder::School) => &[(&R38_SCHOOL, 2, "issue the plan naming the school")],
            _ => &[],
        };
        for &(rule, weeks, what) in steps {
            let Some(p) = weeks_after(conceded.date, weeks, ctx.settings) else {
                continue;
            };
            let text = format!(
                "Because the LA conceded the appeal, it must {what} within {}, so by {}.",
                plural(weeks, "week"),
                format_uk(p.due)
            );
            ctx.push(rule, Item::new(conceded, p, text).until(next));
        }
    }
    for recommended in ctx.all(K::TribunalRecommendationSent) {
        // LGSCO SEN fact sheet: the Ombudsman can look at a response taking longer than 5 weeks.
        let Some(p) = weeks_after(recommended.date, 5, ctx.settings) else {
            continue;
        };
        let text = format!(
            "The LA and health body should decide whether to follow the Tribunal's health or \
             social care recommendation within 5 weeks, so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(recommended, p, text).flag(
            FlagKind::Note,
            "Complaints about this go to the Ombudsman (or the health \
                                   complaints route), not the Tribunal.",
        );
        ctx.push(&R39, item);
    }
}

fn hearing_steps<'a>(ctx: &mut Ctx<'a>, hearing: &'a DeadlineEvent) {
    let from = hearing
        .date
        .checked_sub_months(Months::new(12))
        .unwrap_or(hearing.date);
    let until = hearing.date.succ_opt();
    // Liaise Lincolnshire: evidence within 5 working days of the hearing may be refused.
    if let Some(p) = working_days_before(hearing.date, 5) {
        let text = format!(
            "Evidence sent within 5 working days of the hearing may be refused without a good \
             reason, so send it before {}.",
            format_uk(p.due)
        );
        let item = Item::new(hearing, p, text).from(from).until(until).flag(
            FlagKind::Advisory,
            "Advice from a secondary source. Your directions set the real evidence deadline; late \
             evidence needs form SEND7.",
        );
        ctx.push(&R30, item);
    }
    // Essex SENDIASS: the working document is usually finalised about 2 weeks before the hearing.
    if let Some(p) = days_before(hearing.date, 14) {
        let text = format!(
            "The working document is usually finalised about 2 weeks before the \
                            hearing, around {}.",
            format_uk(p.due)
        );
        let item = Item::new(hearing, p, text).from(from).until(until).flag(
            FlagKind::Advisory,
            "Advice, not law: the Tribunal's directions give the real date.",
        );
        ctx.push(&R31, item);
    }
}

#[cfg(test)]
#[path = "tribunal_steps_tests.rs"]
mod tests;
