//! Complaints, information rights and SEN Support meetings: R40-R42 and R44.

use chrono::Months;

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{Counting, DutyHolder as Who, FlagKind, Nature};
use super::super::events::DeadlineEventKind as K;
use super::super::format_uk;
use super::super::periods::{months_after, school_days_after, Period};

const R40: Rule = Rule {
    id: "R40",
    slug: "R40-ombudsman-complaint",
    key: "ombudsman-complaint",
    title: "Complain to the Ombudsman",
    who: Who::Family,
    nature: Nature::Right,
    source: "Local Government Act 1974 ss.26B and 34D",
    met_by: |e| e.kind == K::OmbudsmanComplaintMade,
};

const R41: Rule = Rule {
    id: "R41",
    slug: "R41-educational-record",
    key: "educational-record",
    title: "School shows you the educational record",
    who: Who::School,
    nature: Nature::Duty,
    source: "Education (Pupil Information) (England) Regulations 2005 reg 5",
    met_by: |e| e.kind == K::EducationalRecordReceived,
};

const R42: Rule = Rule {
    id: "R42",
    slug: "R42-subject-access",
    key: "subject-access",
    title: "Reply to your subject access request",
    who: Who::RecordHolder,
    nature: Nature::Duty,
    source: "UK GDPR and Data Protection Act 2018 (as summarised by BCP SENDIASS)",
    met_by: |e| e.kind == K::SubjectAccessResponse,
};

const R44: Rule = Rule {
    id: "R44",
    slug: "R44-sen-support-meetings",
    key: "sen-support-meetings",
    title: "Three SEN Support meetings this school year",
    who: Who::School,
    nature: Nature::Guidance,
    source: "SEND Code of Practice 2015 para 6.65 (guidance)",
    met_by: |e| e.kind == K::SenSupportMeeting,
};

pub(in super::super) fn apply(ctx: &mut Ctx) {
    for known in ctx.all(K::ProblemKnown) {
        // Local Government Act 1974 ss.26B, 34D: complain within 12 months of knowing.
        let Some(p) = months_after(known.date, 12) else {
            continue;
        };
        let text = format!(
            "Complain to the Local Government and Social Care Ombudsman within 12 months of when \
             you first knew about the problem, so by {}. Complain to the council first.",
            format_uk(p.due)
        );
        let item = Item::new(known, p, text).flag(
            FlagKind::Note,
            "The Ombudsman can look at delays and provision not being delivered, but not at \
             decisions you can appeal to the Tribunal. It may accept a later complaint if there is \
             good reason.",
        );
        ctx.push(&R40, item);
    }
    let closures: Vec<_> =
        ctx.all(K::SchoolClosure).into_iter().filter_map(|e| Some((e.date, e.until?))).collect();
    for asked in ctx.all(K::EducationalRecordRequested) {
        let next = ctx.next_after(asked.date, |e| e.kind == K::EducationalRecordRequested);
        // Education (Pupil Information) (England) Regs 2005 reg 5: within 15 school days.
        let Some(p) = school_days_after(asked.date, 15, &closures) else {
            continue;
        };
        let text = format!(
            "A maintained school must let you see or have a copy of the educational record within \
             15 school days of your written request, so by about {}.",
            format_uk(p.due)
        );
        let item = Item::new(asked, p, text).until(next).flag(
            FlagKind::Advisory,
            "School days are worked out from weekends, bank holidays and the school closures you \
             have recorded; check the term dates. Academies are not covered by this rule.",
        );
        ctx.push(&R41, item);
    }
    for asked in ctx.all(K::SubjectAccessRequest) {
        let next = ctx.next_after(asked.date, |e| e.kind == K::SubjectAccessRequest);
        // UK GDPR / DPA 2018: a subject access request is answered within one calendar month.
        let Some(p) = months_after(asked.date, 1) else {
            continue;
        };
        let text = format!(
            "The organisation must answer your subject access request within one calendar month of \
             receiving it, so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(asked, p, text).until(next).flag(
            FlagKind::Note,
            "For a complex request the organisation can extend this, but it must tell you within \
             the first month.",
        );
        ctx.push(&R42, item);
    }
    sen_support_meetings(ctx);
}

/// CoP 6.65: schools should meet parents at least three times a year. One item per school year
/// with any meeting recorded; met on the date of the third meeting.
fn sen_support_meetings(ctx: &mut Ctx) {
    let meetings = ctx.all(K::SenSupportMeeting);
    let mut i = 0;
    while let Some(&first) = meetings.get(i) {
        let Some(year_end) = ctx.settings.academic_year_end_on_or_after(first.date) else {
            break;
        };
        let in_year: Vec<_> =
            meetings[i..].iter().take_while(|m| m.date <= year_end).copied().collect();
        i += in_year.len().max(1);
        let year_start = year_end
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(first.date);
        let count = in_year.len();
        let words = format!("by the end of the school year ({})", format_uk(year_end));
        let period = Period { due: year_end, counting: Counting::SchoolYear, words };
        let text = format!(
            "Schools should meet parents of a child on SEN Support at least three times a year; \
             you have recorded {count} of 3 meetings in the school year {} to {}.",
            format_uk(year_start),
            format_uk(year_end)
        );
        let mut item =
            Item::new(first, period, text).flag(FlagKind::Advisory, "Guidance, not law.");
        // The third meeting meets it; with fewer, nothing in the search window can.
        item = match in_year.get(2) {
            Some(third) => item.from(third.date).until(year_end.succ_opt()),
            None => item.from(year_end).until(Some(year_end)),
        };
        ctx.push(&R44, item);
    }
}

#[cfg(test)]
#[path = "information_tests.rs"]
mod tests;
