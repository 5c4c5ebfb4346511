//! Phase transfers and the end of a plan: R19-R21 and R43.

use chrono::{Datelike, Months, NaiveDate};

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DeadlineFlag, DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEvent, DeadlineEventKind as K, ReviewOutcome};
use super::super::format_uk;
use super::super::periods::{self, months_before, weeks_before};

/// A review and any amendment finished: what meets a phase-transfer deadline.
fn review_finished(e: &DeadlineEvent) -> bool {
    matches!(e.kind, K::FinalAmendedPlanIssued | K::PlanIssued | K::DecisionNotToAmendSent)
        || (e.kind == K::ReviewDecision && e.outcome == Some(ReviewOutcome::Maintain))
}

const R19: Rule = Rule {
    id: "R19",
    slug: "R19-phase-transfer-review",
    key: "phase-transfer-review",
    title: "Plan reviewed and amended for the move",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 18(1)(b)",
    met_by: review_finished,
};

const R19_MEETING: Rule = Rule {
    id: "R19",
    slug: "R19-phase-transfer-meeting",
    key: "phase-transfer-meeting",
    title: "Latest review meeting for the move (advice)",
    who: Who::School,
    nature: Nature::Guidance,
    source: "IPSEA; derived from SEND Regs 2014 reg 18(1) and the 12-week review process",
    met_by: |e| e.kind == K::ReviewMeeting,
};

const R20: Rule = Rule {
    id: "R20",
    slug: "R20-phase-transfer-review",
    key: "phase-transfer-review",
    title: "Plan reviewed and amended for the move to post-16",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 18(1)(a)",
    met_by: review_finished,
};

const R20_MEETING: Rule = Rule {
    id: "R20",
    slug: "R20-phase-transfer-meeting",
    key: "phase-transfer-meeting",
    title: "Latest review meeting for the move to post-16 (advice)",
    who: Who::School,
    nature: Nature::Guidance,
    source: "IPSEA; derived from SEND Regs 2014 reg 18(1) and the 12-week review process",
    met_by: |e| e.kind == K::ReviewMeeting,
};

const R21: Rule = Rule {
    id: "R21",
    slug: "R21-post16-transfer-review",
    key: "post16-transfer-review",
    title: "Plan reviewed and amended for the post-16 move",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 18(2)",
    met_by: review_finished,
};

const R43: Rule = Rule {
    id: "R43",
    slug: "R43-plan-end",
    key: "plan-end",
    title: "Plan ends (age 25)",
    who: Who::LocalAuthority,
    nature: Nature::Notice,
    source: "Children and Families Act 2014 Part 3; Hounslow and Dudley LA guidance",
    met_by: |_| false,
};

pub(in super::super) fn apply(ctx: &mut Ctx) {
    // SEND Regs 2014 reg 18(1)(b): reviewed and amended before 15 February in the year of the move.
    for moving in ctx.all(K::PhaseTransfer) {
        phase_transfer(ctx, moving, 2, 15, &R19, &R19_MEETING);
    }
    // SEND Regs 2014 reg 18(1)(a): secondary school to post-16, before 31 March.
    for moving in ctx.all(K::PhaseTransferPost16) {
        phase_transfer(ctx, moving, 3, 31, &R20, &R20_MEETING);
    }
    for moving in ctx.all(K::Post16Transfer) {
        // SEND Regs 2014 reg 18(2): at least 5 months before a post-16 move at another time.
        let Some(p) = months_before(moving.date, 5) else {
            continue;
        };
        let from = p.due.checked_sub_months(Months::new(12)).unwrap_or(p.due);
        let text = format!(
            "For a move between post-16 institutions on {}, the plan must be reviewed and amended \
             at least 5 months before, so by {}.",
            format_uk(moving.date),
            format_uk(p.due)
        );
        ctx.push(&R21, Item::new(moving, p, text).from(from).until(moving.date.succ_opt()));
    }
    if let Some(birth) = ctx.all(K::DateOfBirth).last().copied() {
        plan_end(ctx, birth);
    }
}

fn phase_transfer<'a>(
    ctx: &mut Ctx<'a>,
    moving: &'a DeadlineEvent,
    month: u32,
    day: u32,
    rule: &Rule,
    meeting_rule: &Rule,
) {
    let Some(due) = NaiveDate::from_ymd_opt(moving.date.year(), month, day) else {
        return;
    };
    let from = moving.date.checked_sub_months(Months::new(12)).unwrap_or(moving.date);
    let until = moving.date.succ_opt();
    let words = format!(
        "before {} in the calendar year of the move ({})",
        format_uk(due),
        moving.date.year()
    );
    let text = format!(
        "Because your child moves on {}, the LA must review the plan and amend it to name the new \
         setting before {}.",
        format_uk(moving.date),
        format_uk(due)
    );
    let item = Item::new(moving, periods::fixed(due, words), text).from(from).until(until);
    ctx.push(rule, item);
    // Advice (send-law.md 2.4): the 12-week review process must fit before the fixed date.
    let weeks = ctx.settings.review_decision_weeks.saturating_add(ctx.settings.amendment_weeks);
    let Some(p) = weeks_before(due, weeks) else {
        return;
    };
    let text = format!(
        "To leave time for the full {weeks}-week review and amendment process before {}, the \
         review meeting should be held by about {}.",
        format_uk(due),
        format_uk(p.due)
    );
    let item = Item::new(moving, p, text).from(from).until(until).flags(vec![DeadlineFlag::new(
        FlagKind::Advisory,
        "Advice, not law: a planning date worked back from the legal deadline.",
    )]);
    ctx.push(meeting_rule, item);
}

fn plan_end<'a>(ctx: &mut Ctx<'a>, birth: &'a DeadlineEvent) {
    // A 29 February birthday clamps to 28 February in a non-leap year.
    let Some(birthday_25) = birth.date.checked_add_months(Months::new(25 * 12)) else {
        return;
    };
    // Hounslow and Dudley LA guidance: a plan ends at the end of the academic year in which the
    // young person turns 25 (academic-year end a setting, 31 August assumed).
    let Some(due) = ctx.settings.academic_year_end_on_or_after(birthday_25) else {
        return;
    };
    let words = format!(
        "end of the academic year in which your child turns 25 ({})",
        format_uk(birthday_25)
    );
    let text = format!(
        "An EHC plan ends at the end of the academic year in which the young person turns 25, so \
         on {}. This ending cannot be appealed.",
        format_uk(due)
    );
    let item = Item::new(birth, periods::fixed(due, words), text).flag(
        FlagKind::Advisory,
        "The academic year is assumed to end on 31 August (a setting); the exact date is not \
         confirmed.",
    );
    ctx.push(&R43, item);
}

#[cfg(test)]
#[path = "transfer_tests.rs"]
mod tests;
