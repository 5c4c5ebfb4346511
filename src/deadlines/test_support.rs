//! Small helpers shared by the deadline tests.

use chrono::NaiveDate;

use super::{
    compute, Deadline, DeadlineEvent, DeadlineEventKind, DeadlineSettings, DeadlineStatus,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

pub fn ev(kind: DeadlineEventKind, date: NaiveDate) -> DeadlineEvent {
    DeadlineEvent::new(kind, date)
}

/// Computes with default settings.
pub fn run(events: &[DeadlineEvent], today: NaiveDate) -> Vec<Deadline> {
    compute(events, &DeadlineSettings::default(), today)
}

/// The only deadline whose id starts with `slug` (e.g. "R6-final-plan"); panics if not exactly one.
pub fn one<'a>(all: &'a [Deadline], slug: &str) -> &'a Deadline {
    let found: Vec<_> = all.iter().filter(|x| x.id.starts_with(&format!("{slug}-"))).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {slug}, got {:#?}",
        all.iter().map(|x| &x.id).collect::<Vec<_>>()
    );
    found[0]
}

/// The due dates of every deadline with rule `id`, in order.
pub fn dues(all: &[Deadline], rule: &str) -> Vec<NaiveDate> {
    all.iter().filter(|x| x.rule == rule).map(|x| x.due).collect()
}

pub fn has_flag(x: &Deadline, kind: super::FlagKind) -> bool {
    x.flags.iter().any(|f| f.kind == kind)
}

pub fn days_late(x: &Deadline) -> Option<i32> {
    match x.status {
        DeadlineStatus::MetLate { days_late, .. } => Some(days_late),
        _ => None,
    }
}
