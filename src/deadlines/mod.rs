//! The statutory deadline engine: a pure function from the dated events a family has recorded to
//! the dates the law sets, each explained by its rule, its source and how it was counted.
//!
//! It owns the rules of `domain/send-law.md` section 7 (R1-R44), the England & Wales working-day
//! calendar and the Tribunal's holiday rules. It must never do I/O, read the clock (the caller
//! passes `today`) or invent a date: exceptions are flags on a result, never new dates, and points
//! the law leaves unclear are [`DeadlineSettings`] with documented defaults. SEND Regs deadlines
//! are shown as calculated even on a weekend or bank holiday; only Tribunal dates move.
//!
//! ```
//! use carefile::deadlines::{compute, DeadlineEvent, DeadlineEventKind, DeadlineSettings};
//! use chrono::NaiveDate;
//!
//! let received = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
//! let events = [DeadlineEvent::new(DeadlineEventKind::AssessmentRequestReceived, received)];
//! let today = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
//! let deadlines = compute(&events, &DeadlineSettings::default(), today);
//! assert_eq!(deadlines[0].key, "decision-to-assess");
//! assert_eq!(deadlines[0].due, NaiveDate::from_ymd_opt(2025, 2, 17).unwrap());
//! ```

pub mod calendar;
mod context;
mod deadline;
mod events;
mod exceptions;
mod periods;
mod rules;
mod settings;
pub mod tribunal;

use chrono::NaiveDate;

pub use deadline::{
    Counting, Deadline, DeadlineFlag, DeadlineStatus, DutyHolder, FlagKind, Nature,
};
pub use events::{parse_date, DeadlineEvent, DeadlineEventKind, ReviewOutcome, TribunalOrder};
pub use periods::Period;
pub use settings::{DayKind, DeadlineSettings, ReviewAnchor, WithinStart};

/// Every deadline that follows from `events`, sorted by due date (then rule number), with its
/// status against `today` and against later recorded events. Events may be in any order; the same
/// event entered twice counts once. Dates too far in the future to compute are left out, never a
/// panic.
pub fn compute(
    events: &[DeadlineEvent],
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Vec<Deadline> {
    let mut ctx = context::Ctx::new(events, settings, today);
    rules::apply_all(&mut ctx);
    let mut out = ctx.out;
    out.sort_by(|a, b| {
        (a.due, rule_number(&a.rule), &a.id).cmp(&(b.due, rule_number(&b.rule), &b.id))
    });
    out
}

fn rule_number(rule: &str) -> u32 {
    rule.trim_start_matches('R').parse().unwrap_or(u32::MAX)
}

/// A date as people in the UK read it: `14 Nov 2025`.
pub fn format_uk(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
