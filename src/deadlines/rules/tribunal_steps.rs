//! After an appeal is decided or conceded: R32-R39.

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEventKind as K, TribunalOrder};
use super::super::exceptions::{exception_flags, Exceptions};
use super::super::format_uk;
use super::super::periods::{self, plural, weeks_after};

const LA: Who = Who::LocalAuthority;
const DUTY: Nature = Nature::Duty;

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
    |e| matches!(e.kind, K::DecisionNotToIssueSent | K::DraftPlanServed | K::PlanIssued)
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
    |e| matches!(e.kind, K::DecisionNotToIssueSent | K::DraftPlanServed | K::PlanIssued)
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
    for order in ctx.all(K::TribunalOrderSent) {
        let next = ctx.next_after(order.date, |e| e.kind == K::TribunalOrderSent);
        // SEND Regs 2014 reg 44(2): time runs from the day the Tribunal sends the order (SEND18).
        let steps: &[(&Rule, u32, &str)] = match order.order {
            Some(TribunalOrder::Assess) => &[
                (&R32, 2, "tell you it will assess"),
                (&R33_DECIDE, 10, "tell you if it will not issue a plan"),
                (&R33_FINAL, 14, "issue the final plan"),
            ],
            Some(TribunalOrder::MakePlan) => {
                &[(&R34_DRAFT, 5, "send the draft plan"), (&R34_FINAL, 11, "issue the final plan")]
            }
            Some(TribunalOrder::Amend) => {
                &[(&R35, 5, "issue the amended plan with the provision in place")]
            }
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
            let text = format!("The LA must {what} at once, from {}.", format_uk(order.date));
            ctx.push(&R37, Item::new(order, periods::immediate(order.date), text).until(next));
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

#[cfg(test)]
#[path = "tribunal_steps_tests.rs"]
mod tests;
