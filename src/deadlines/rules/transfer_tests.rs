use crate::deadlines::test_support::*;
use crate::deadlines::{
    compute, DeadlineEventKind as K, DeadlineSettings, DeadlineStatus, FlagKind, Nature,
};

#[test]
fn phase_transfer_in_september_2026_is_due_15_feb_2026_with_meeting_advice_23_nov_2025() {
    let all = run(&[ev(K::PhaseTransfer, d(2026, 9, 2))], d(2025, 9, 1));
    let review = one(&all, "R19-phase-transfer-review");
    assert_eq!(review.due, d(2026, 2, 15));
    assert_eq!(review.key, "phase-transfer-review");
    let meeting = one(&all, "R19-phase-transfer-meeting");
    assert_eq!(meeting.due, d(2025, 11, 23));
    assert_eq!(meeting.nature, Nature::Guidance);
    assert!(has_flag(meeting, FlagKind::Advisory));
}

#[test]
fn phase_transfer_met_by_a_final_amended_plan_before_the_date() {
    let events = [
        ev(K::ReviewMeeting, d(2025, 11, 10)),
        ev(K::FinalAmendedPlanIssued, d(2026, 2, 20)),
        ev(K::PhaseTransfer, d(2026, 9, 2)),
    ];
    let all = run(&events, d(2026, 3, 1));
    assert_eq!(days_late(one(&all, "R19-phase-transfer-review")), Some(5));
    assert!(matches!(
        one(&all, "R19-phase-transfer-meeting").status,
        DeadlineStatus::MetOnTime { .. }
    ));
}

#[test]
fn move_to_post16_uses_the_same_key_with_31_march() {
    let all = run(&[ev(K::PhaseTransferPost16, d(2026, 9, 7))], d(2025, 9, 1));
    let review = one(&all, "R20-phase-transfer-review");
    assert_eq!(review.due, d(2026, 3, 31));
    assert_eq!(review.key, "phase-transfer-review");
}

#[test]
fn post16_move_at_another_time_needs_review_5_months_before_with_clamping() {
    let all = run(&[ev(K::Post16Transfer, d(2027, 7, 31))], d(2026, 9, 1));
    assert_eq!(one(&all, "R21-post16-transfer-review").due, d(2027, 2, 28));
}

#[test]
fn plan_ends_at_the_end_of_the_academic_year_the_young_person_turns_25() {
    let all = run(&[ev(K::DateOfBirth, d(2005, 10, 10))], d(2025, 1, 1));
    let end = one(&all, "R43-plan-end");
    assert_eq!(end.due, d(2031, 8, 31));
    assert_eq!(end.nature, Nature::Notice);
    assert!(has_flag(end, FlagKind::Advisory));
    let summer = run(&[ev(K::DateOfBirth, d(2004, 2, 29))], d(2025, 1, 1));
    assert_eq!(one(&summer, "R43-plan-end").due, d(2029, 8, 31));
}

#[test]
fn academic_year_end_for_plan_end_is_a_setting() {
    let settings = DeadlineSettings {
        academic_year_end_month: 7,
        academic_year_end_day: 31,
        ..DeadlineSettings::default()
    };
    let all = compute(&[ev(K::DateOfBirth, d(2005, 7, 31))], &settings, d(2025, 1, 1));
    assert_eq!(one(&all, "R43-plan-end").due, d(2030, 7, 31));
}
