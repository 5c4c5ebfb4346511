//! EHC needs assessment and re-assessment: R1-R9 (R7, the closure window, is raised as a flag by
//! `exceptions`).

use chrono::Months;

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::DeadlineEventKind as K;
use super::super::exceptions::{exception_flags, Exceptions};
use super::super::format_uk;
use super::super::periods::{days_after, days_beginning_with, weeks_after};

const R1: Rule = Rule {
    id: "R1",
    slug: "R1-decision-to-assess",
    key: "decision-to-assess",
    title: "Decision whether to assess",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 5(1); exceptions reg 5(4)",
    met_by: |e| matches!(e.kind, K::DecisionToAssessSent | K::DecisionNotToAssessSent),
};

const R2: Rule = Rule {
    id: "R2",
    slug: "R2-advice",
    key: "advice",
    title: "Advice for the assessment",
    who: Who::AdviceGiver,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 8(1); exceptions reg 8(2)",
    met_by: |e| e.kind == K::AdviceReceived,
};

const R3: Rule = Rule {
    id: "R3",
    slug: "R3-no-plan-notice",
    key: "no-plan-notice",
    title: "Notice if no plan will be issued",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 10(1); exceptions reg 10(4)",
    met_by: |e| matches!(e.kind, K::DecisionNotToIssueSent | K::DraftPlanServed | K::PlanIssued),
};

const R4: Rule = Rule {
    id: "R4",
    slug: "R4-draft-plan-comments",
    key: "draft-plan-comments",
    title: "Your comments on the draft plan",
    who: Who::Family,
    nature: Nature::Right,
    source: "SEND Regs 2014 reg 13(1)(a)",
    met_by: |e| e.kind == K::DraftPlanCommentsSent,
};

const R5: Rule = Rule {
    id: "R5",
    slug: "R5-school-consultation",
    key: "school-consultation",
    title: "School's reply to consultation",
    who: Who::School,
    nature: Nature::Guidance,
    source: "SEND Code of Practice 2015 para 9.83 (guidance)",
    met_by: |e| e.kind == K::SchoolConsultationResponse,
};

const R6: Rule = Rule {
    id: "R6",
    slug: "R6-final-plan",
    key: "final-plan",
    title: "Final EHC plan",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 13(2); exceptions reg 13(3) and reg 10(4)",
    met_by: |e| e.kind == K::PlanIssued,
};

const R8: Rule = Rule {
    id: "R8",
    slug: "R8-reassessment-decision",
    key: "reassessment-decision",
    title: "Decision whether to re-assess",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "Kent County Council and sen-help guidance (regulation number unconfirmed)",
    met_by: |e| matches!(e.kind, K::DecisionToReassessSent | K::DecisionNotToReassessSent),
};

const R9: Rule = Rule {
    id: "R9",
    slug: "R9-reassessment-plan",
    key: "reassessment-plan",
    title: "Final plan after re-assessment",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 27(2); exceptions reg 27(3)",
    met_by: |e| matches!(e.kind, K::PlanIssued | K::FinalAmendedPlanIssued),
};

pub(in super::super) fn apply(ctx: &mut Ctx) {
    assessment_requests(ctx);
    for asked in ctx.all(K::AdviceRequested) {
        let next = ctx.next_after(asked.date, |e| e.kind == K::AdviceRequested);
        // SEND Regs 2014 reg 8(1): advice within 6 weeks of the LA's request.
        let Some(p) = weeks_after(asked.date, 6, ctx.settings) else {
            continue;
        };
        let flags = exception_flags(ctx, asked.date, p.due, Exceptions::Advice);
        let text = format!(
            "Anyone the LA asks for advice for the assessment must give it within 6 weeks of being \
             asked, so by {}.",
            format_uk(p.due)
        );
        ctx.push(&R2, Item::new(asked, p, text).until(next).flags(flags));
    }
    for served in ctx.all(K::DraftPlanServed) {
        let next = ctx.next_after(served.date, |e| e.kind == K::DraftPlanServed);
        // SEND Regs 2014 reg 13(1)(a): at least 15 days beginning with the day of service.
        let Some(p) = days_beginning_with(served.date, 15) else {
            continue;
        };
        let text = format!(
            "You have at least 15 days, counting the day the draft plan was served, to comment, \
             ask for a school to be named and ask for a meeting with the LA: until {}.",
            format_uk(p.due)
        );
        let item = Item::new(served, p, text).until(next).flag(
            FlagKind::Advisory,
            "When a posted draft counts as served is not settled. Carefile counts from the date \
             you entered; if it arrived later, keep both dates and ask the LA to confirm your \
             deadline.",
        );
        ctx.push(&R4, item);
    }
    for consulted in ctx.all(K::SchoolConsulted) {
        let next = ctx.next_after(consulted.date, |e| e.kind == K::SchoolConsulted);
        // SEND Code of Practice 9.83: the school should reply within 15 days (guidance).
        let Some(p) = days_after(consulted.date, 15, ctx.settings) else {
            continue;
        };
        let text = format!(
            "A school the LA consults about being named in the plan should reply within 15 days, \
             so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(consulted, p, text).until(next).flag(
            FlagKind::Advisory,
            "Guidance, not law: the Code of Practice says the school \"should\" reply in 15 days.",
        );
        ctx.push(&R5, item);
    }
    reassessment(ctx);
}

fn assessment_requests(ctx: &mut Ctx) {
    for req in ctx.all(K::AssessmentRequestReceived) {
        let next = ctx.next_after(req.date, |e| e.kind == K::AssessmentRequestReceived);
        // SEND Regs 2014 reg 5(1): decision whether to assess within 6 weeks of the request.
        if let Some(p) = weeks_after(req.date, 6, ctx.settings) {
            let flags = exception_flags(ctx, req.date, p.due, Exceptions::Assessment);
            let text = format!(
                "The LA must tell you whether it will carry out an EHC needs assessment within 6 \
                 weeks of receiving the request, so by {}.",
                format_uk(p.due)
            );
            ctx.push(&R1, Item::new(req, p, text).until(next).flags(flags));
        }
        // After a refusal to assess there is no assessment, so no R3 or R6.
        if ctx.first_where(req.date, next, |e| e.kind == K::DecisionNotToAssessSent).is_some() {
            continue;
        }
        // SEND Regs 2014 reg 10(1): notice of a decision not to issue a plan within 16 weeks.
        if let Some(p) = weeks_after(req.date, 16, ctx.settings) {
            let flags = exception_flags(ctx, req.date, p.due, Exceptions::Assessment);
            let text = format!(
                "If, after assessing, the LA decides not to issue an EHC plan, it must tell you \
                 within 16 weeks of receiving the request, so by {}. A draft plan by then shows it \
                 decided to issue one.",
                format_uk(p.due)
            );
            ctx.push(&R3, Item::new(req, p, text).until(next).flags(flags));
        }
        if ctx.first_where(req.date, next, |e| e.kind == K::DecisionNotToIssueSent).is_some() {
            continue;
        }
        // SEND Regs 2014 reg 13(2): final plan within 20 weeks of the request.
        let Some(p) = weeks_after(req.date, 20, ctx.settings) else {
            continue;
        };
        let flags = exception_flags(ctx, req.date, p.due, Exceptions::Assessment);
        let week14 =
            weeks_after(req.date, 14, ctx.settings).map(|w| format_uk(w.due)).unwrap_or_default();
        let text = format!(
            "The LA must issue the final EHC plan within 20 weeks of receiving the request, so by \
             {}.",
            format_uk(p.due)
        );
        let item = Item::new(req, p, text).until(next).flags(flags).flag(
            FlagKind::Advisory,
            format!(
                "Advice, not law: for both 15-day periods to fit, the draft plan should reach you \
                 by about week 14 ({week14})."
            ),
        );
        ctx.push(&R6, item);
    }
}

fn reassessment(ctx: &mut Ctx) {
    for req in ctx.all(K::ReassessmentRequestReceived) {
        let next = ctx.next_after(req.date, |e| e.kind == K::ReassessmentRequestReceived);
        // Kent LA and sen-help: re-assessment decision within 15 days (regulation UNCONFIRMED).
        let Some(p) = days_after(req.date, 15, ctx.settings) else {
            continue;
        };
        let text = format!(
            "The LA should tell you within 15 days of receiving your request whether it will \
             re-assess, so by {}.",
            format_uk(p.due)
        );
        let mut item = Item::new(req, p, text).until(next).flag(
            FlagKind::Advisory,
            "The 15 days come from LA and charity guidance; the regulation number was not \
             confirmed.",
        );
        let six_months_before = req.date.checked_sub_months(Months::new(6)).unwrap_or(req.date);
        let recent = ctx.first_where(six_months_before, Some(req.date), |e| {
            matches!(e.kind, K::DecisionToAssessSent | K::DecisionToReassessSent | K::PlanIssued)
        });
        if let Some(recent) = recent {
            item = item.flag(
                FlagKind::Note,
                format!(
                    "The last assessment step you recorded was on {}, under 6 months before this \
                     request, so the LA may refuse to re-assess.",
                    format_uk(recent.date)
                ),
            );
        }
        ctx.push(&R8, item);
    }
    for decided in ctx.all(K::DecisionToReassessSent) {
        let next = ctx.next_after(decided.date, |e| e.kind == K::DecisionToReassessSent);
        // SEND Regs 2014 reg 27(2): final plan within 14 weeks of the decision to re-assess.
        let Some(p) = weeks_after(decided.date, 14, ctx.settings) else {
            continue;
        };
        let flags = exception_flags(ctx, decided.date, p.due, Exceptions::Assessment);
        let text = format!(
            "After deciding to re-assess, the LA must issue the final plan within 14 weeks, so by \
             {}.",
            format_uk(p.due)
        );
        ctx.push(&R9, Item::new(decided, p, text).until(next).flags(flags));
    }
}

#[cfg(test)]
#[path = "assessment_tests.rs"]
mod tests;
