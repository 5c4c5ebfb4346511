//! Annual reviews and amendments: R10-R18.

use chrono::{Days, Months};

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEvent, DeadlineEventKind as K, ReviewOutcome};
use super::super::format_uk;
use super::super::periods::{days_beginning_with, months_after, plural, weeks_after, weeks_before};
use super::super::settings::ReviewAnchor;

const R10: Rule = Rule {
    id: "R10",
    slug: "R10-annual-review",
    key: "annual-review",
    title: "Annual review completed",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "Children and Families Act 2014 s.44",
    met_by: |e| matches!(e.kind, K::PlanIssued | K::ReviewDecision),
};

const R11: Rule = Rule {
    id: "R11",
    slug: "R11-early-years-review",
    key: "early-years-review",
    title: "Early-years review (under 5)",
    who: Who::LocalAuthority,
    nature: Nature::Guidance,
    source: "SEND Code of Practice 2015 para 9.178 (guidance)",
    met_by: |e| matches!(e.kind, K::ReviewMeeting | K::ReviewDecision),
};

const R12: Rule = Rule {
    id: "R12",
    slug: "R12-review-notice",
    key: "review-notice",
    title: "Notice of the review meeting",
    who: Who::School,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 20(3) (reg 21(3) if not at a school)",
    met_by: |e| e.kind == K::ReviewNoticeSent,
};

const R13: Rule = Rule {
    id: "R13",
    slug: "R13-review-papers",
    key: "review-papers",
    title: "Review papers sent out",
    who: Who::School,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 20(4) (reg 21(4) if not at a school)",
    met_by: |e| e.kind == K::ReviewPapersCirculated,
};

const R14: Rule = Rule {
    id: "R14",
    slug: "R14-review-report",
    key: "review-report",
    title: "Review report sent",
    who: Who::School,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 20(7) (reg 21(7) if not at a school)",
    met_by: |e| e.kind == K::ReviewReportSent,
};

const R15: Rule = Rule {
    id: "R15",
    slug: "R15-review-decision",
    key: "review-decision",
    title: "LA decision after the review",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 20(10); R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)",
    met_by: |e| {
        matches!(e.kind, K::ReviewDecision | K::AmendmentNoticeServed | K::CeaseDecisionSent)
    },
};

const R16: Rule = Rule {
    id: "R16",
    slug: "R16-amendment-comments",
    key: "amendment-comments",
    title: "Your comments on proposed amendments",
    who: Who::Family,
    nature: Nature::Right,
    source: "SEND Regs 2014 reg 22(2)(c)",
    met_by: |e| e.kind == K::AmendmentCommentsSent,
};

const R17: Rule = Rule {
    id: "R17",
    slug: "R17-final-amended-plan",
    key: "final-amended-plan",
    title: "Final amended plan",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 22(3)-(4)",
    met_by: |e| matches!(e.kind, K::FinalAmendedPlanIssued | K::DecisionNotToAmendSent),
};

const R18: Rule = Rule {
    id: "R18",
    slug: "R18-review-long-stop",
    key: "review-long-stop",
    title: "Review finished (long-stop)",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "R (L, M & P) v Devon CC [2022] EWHC 493 (Admin); SEND Regs 2014 regs 20(10), 22(3)",
    met_by: |e| {
        matches!(
            e.kind,
            K::FinalAmendedPlanIssued | K::DecisionNotToAmendSent | K::CeaseDecisionSent
        ) || (e.kind == K::ReviewDecision
            && matches!(e.outcome, Some(ReviewOutcome::Maintain | ReviewOutcome::Cease)))
    },
};

pub(in super::super) fn apply(ctx: &mut Ctx) {
    annual_reviews(ctx);
    for meeting in ctx.all(K::ReviewMeeting) {
        review_meeting(ctx, meeting);
    }
    for notice in ctx.all(K::AmendmentNoticeServed) {
        let next = ctx.next_after(notice.date, |e| e.kind == K::AmendmentNoticeServed);
        // SEND Regs 2014 reg 22(2)(c): at least 15 days beginning with the day of service.
        if let Some(p) = days_beginning_with(notice.date, 15) {
            let text = format!(
                "You have at least 15 days, counting the day the amendment notice was served, to \
                 comment, ask for a school to be named and ask for a meeting: until {}.",
                format_uk(p.due)
            );
            ctx.push(&R16, Item::new(notice, p, text).until(next));
        }
        // SEND Regs 2014 reg 22(3)-(4): final amended plan, or notice of not amending, in 8 weeks.
        let weeks = ctx.settings.amendment_weeks;
        if let Some(p) = weeks_after(notice.date, weeks, ctx.settings) {
            let text = format!(
                "The LA must issue the final amended plan, or tell you it will not amend, within \
                 {} of the amendment notice, so by {}.",
                plural(weeks, "week"),
                format_uk(p.due)
            );
            ctx.push(&R17, Item::new(notice, p, text).until(next));
        }
    }
}

/// A completed review (or a newly issued plan) and the date its 12 months run from.
struct Completion<'a> {
    anchor: &'a DeadlineEvent,
    done: &'a DeadlineEvent,
}

fn completions<'a>(ctx: &Ctx<'a>) -> Vec<Completion<'a>> {
    let meetings = ctx.all(K::ReviewMeeting);
    let mut out: Vec<Completion<'a>> = ctx
        .all_where(|e| matches!(e.kind, K::PlanIssued | K::ReviewDecision))
        .into_iter()
        .map(|done| {
            let meeting = (done.kind == K::ReviewDecision
                && ctx.settings.review_anchor == ReviewAnchor::MeetingDate)
                .then(|| {
                    let earliest = done.date.checked_sub_days(Days::new(84)).unwrap_or(done.date);
                    meetings.iter().copied().rfind(|m| m.date >= earliest && m.date <= done.date)
                })
                .flatten();
            Completion { anchor: meeting.unwrap_or(done), done }
        })
        .collect();
    out.sort_by_key(|c| c.done.date);
    out
}

fn annual_reviews(ctx: &mut Ctx) {
    let birth = ctx.all(K::DateOfBirth).last().map(|e| e.date);
    let list = completions(ctx);
    for (i, c) in list.iter().enumerate() {
        let search_from = c.done.date.succ_opt().unwrap_or(c.done.date);
        let next_done = list.get(i + 1).map(|n| n.done.date);
        let ceased =
            ctx.first_where(search_from, next_done, |e| e.kind == K::PlanCeased).map(|e| e.date);
        let from_words = match c.anchor.kind {
            K::PlanIssued => "the plan was issued",
            K::ReviewMeeting => "the last review meeting",
            _ => "the LA's last review decision",
        };
        // CFA 2014 s.44: a review within 12 months of the plan, then of each previous review.
        if let Some(p) = months_after(c.anchor.date, 12) {
            if ceased.is_none_or(|ceased| ceased > p.due) {
                let text = format!(
                    "The plan must be reviewed, and the LA's decision made, within 12 months of \
                     when {from_words} ({}), so by {}.",
                    format_uk(c.anchor.date),
                    format_uk(p.due)
                );
                let item = Item::new(c.anchor, p, text).from(search_from).flag(
                    FlagKind::Advisory,
                    "Whether the 12 months run from the review meeting or the LA's decision is \
                     debated; Carefile uses the date in your settings (the meeting by default, the \
                     stricter choice).",
                );
                ctx.push(&R10, item);
            }
        }
        // SEND Code of Practice 9.178: consider reviewing every 3 to 6 months for a child under 5.
        let under_five = birth
            .and_then(|b| b.checked_add_months(Months::new(60)))
            .is_some_and(|fifth| c.anchor.date < fifth);
        let months = ctx.settings.early_years_review_months;
        if let (true, Some(p)) = (under_five, months_after(c.anchor.date, months)) {
            let text = format!(
                "For a child under 5 the LA should consider reviewing the plan every 3 to 6 \
                 months; Carefile suggests {} after {}, so by {}.",
                plural(months, "month"),
                format_uk(c.anchor.date),
                format_uk(p.due)
            );
            let item = Item::new(c.anchor, p, text).from(search_from).flag(
                FlagKind::Advisory,
                "Guidance, not law: a reminder to ask for an earlier review.",
            );
            ctx.push(&R11, item);
        }
    }
}

fn review_meeting<'a>(ctx: &mut Ctx<'a>, meeting: &'a DeadlineEvent) {
    let m = meeting.date;
    let next = ctx.next_after(m, |e| e.kind == K::ReviewMeeting);
    let year_before = m.checked_sub_months(Months::new(12)).unwrap_or(m);
    let previous =
        ctx.previous_before(m, |e| e.kind == K::ReviewMeeting).and_then(|p| p.succ_opt());
    let before_from = previous.map_or(year_before, |p| p.max(year_before));
    let after_meeting = m.succ_opt();
    // SEND Regs 2014 reg 20(3): at least 2 weeks' notice of the meeting.
    if let Some(p) = weeks_before(m, 2) {
        let text = format!(
            "Everyone invited must get at least 2 weeks' notice of the review meeting on {}, so by \
             {}.",
            format_uk(m),
            format_uk(p.due)
        );
        ctx.push(&R12, Item::new(meeting, p, text).from(before_from).until(after_meeting));
    }
    // SEND Regs 2014 reg 20(4): advice and information circulated at least 2 weeks before.
    let papers = ctx.settings.review_papers_weeks_before;
    if let Some(p) = weeks_before(m, papers) {
        let text = format!(
            "The advice and reports for the review must be sent to everyone invited at least {} \
             before the meeting on {}, so by {}.",
            plural(papers, "week"),
            format_uk(m),
            format_uk(p.due)
        );
        let mut item = Item::new(meeting, p, text).from(before_from).until(after_meeting);
        if papers != 2 {
            item = item.flag(
                FlagKind::Advisory,
                "Your settings change the 2 weeks in the regulations; a 2022 proposal for 3 weeks \
                 is not confirmed as law.",
            );
        }
        ctx.push(&R13, item);
    }
    // SEND Regs 2014 reg 20(7)-(8): report within 2 weeks after the meeting.
    if let Some(p) = weeks_after(m, 2, ctx.settings) {
        let text = format!(
            "A written report of the review, with any recommended changes and disagreements, must \
             go to everyone invited within 2 weeks of the meeting, so by {}.",
            format_uk(p.due)
        );
        ctx.push(&R14, Item::new(meeting, p, text).until(next));
    }
    // SEND Regs 2014 reg 20(10): the LA decides to keep, amend or cease within 4 weeks; Devon
    // [2022] EWHC 493: proposed amendments must come with that decision.
    let decision_weeks = ctx.settings.review_decision_weeks;
    if let Some(p) = weeks_after(m, decision_weeks, ctx.settings) {
        let text = format!(
            "The LA must tell you within {} of the meeting whether it will keep, amend or cease \
             the plan, with any proposed amendments, so by {}.",
            plural(decision_weeks, "week"),
            format_uk(p.due)
        );
        ctx.push(&R15, Item::new(meeting, p, text).until(next));
    }
    // Devon [2022] EWHC 493 (Admin): 4 + 8 weeks, so the amended plan is due 12 weeks after the
    // meeting.
    let total = decision_weeks.saturating_add(ctx.settings.amendment_weeks);
    if let Some(p) = weeks_after(m, total, ctx.settings) {
        let text = format!(
            "The whole review, including any final amended plan, must be finished within {} of the \
             meeting, so by {}.",
            plural(total, "week"),
            format_uk(p.due)
        );
        let item = Item::new(meeting, p, text).until(next).flag(
            FlagKind::Advisory,
            "This long-stop comes from a High Court case, not the regulations' own words; a 2022 \
             consultation on longer review timings is not known to have changed the law.",
        );
        ctx.push(&R18, item);
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
