use crate::deadlines::test_support::*;
use crate::deadlines::{Counting, DeadlineEventKind as K, FlagKind, Nature};

#[test]
fn tribunal_direction_in_days_skips_christmas() {
    let all = run(&[ev(K::TribunalDirection, d(2025, 12, 20)).days(10)], d(2025, 12, 20));
    let r28 = one(&all, "R28-tribunal-direction");
    assert_eq!(r28.due, d(2026, 1, 7));
    assert_eq!(r28.counting, Counting::TribunalDays);
    assert!(run(&[ev(K::TribunalDirection, d(2025, 12, 20))], d(2025, 12, 20)).is_empty());
}

#[test]
fn la_response_and_hearing_advice_dates() {
    let events = [ev(K::AppealRegistered, d(2025, 6, 2)), ev(K::Hearing, d(2025, 5, 30))];
    let all = run(&events, d(2025, 5, 1));
    let r29 = one(&all, "R29-la-response");
    assert_eq!(r29.due, d(2025, 7, 14));
    assert!(has_flag(r29, FlagKind::Advisory));
    let r30 = one(&all, "R30-late-evidence");
    assert_eq!(r30.due, d(2025, 5, 22));
    assert_eq!(r30.nature, Nature::Guidance);
    assert_eq!(one(&all, "R31-working-document").due, d(2025, 5, 16));
}
