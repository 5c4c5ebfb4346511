use crate::deadlines::test_support::*;
use crate::deadlines::{Counting, DeadlineEventKind as K, DeadlineStatus, FlagKind, Nature};

#[test]
fn ombudsman_complaint_within_12_months_of_knowing_clamps_29_february() {
    let all = run(&[ev(K::ProblemKnown, d(2024, 2, 29))], d(2024, 3, 1));
    let r40 = one(&all, "R40-ombudsman-complaint");
    assert_eq!(r40.due, d(2025, 2, 28));
    assert_eq!(r40.nature, Nature::Right);
}

#[test]
fn educational_record_within_15_school_days_skipping_recorded_closures() {
    let events = [
        ev(K::EducationalRecordRequested, d(2025, 10, 20)),
        ev(K::SchoolClosure, d(2025, 10, 25)).until(d(2025, 11, 3)),
    ];
    let all = run(&events, d(2025, 10, 20));
    let r41 = one(&all, "R41-educational-record");
    assert_eq!(r41.due, d(2025, 11, 17));
    assert_eq!(r41.counting, Counting::SchoolDaysAfter);
    assert!(has_flag(r41, FlagKind::Advisory));
}

#[test]
fn subject_access_request_within_one_calendar_month() {
    let events =
        [ev(K::SubjectAccessRequest, d(2025, 1, 31)), ev(K::SubjectAccessResponse, d(2025, 3, 3))];
    let all = run(&events, d(2025, 3, 10));
    let r42 = one(&all, "R42-subject-access");
    assert_eq!(r42.due, d(2025, 2, 28));
    assert_eq!(days_late(r42), Some(3));
}

#[test]
fn sen_support_meetings_counted_per_school_year() {
    let events = [
        ev(K::SenSupportMeeting, d(2024, 10, 1)),
        ev(K::SenSupportMeeting, d(2025, 1, 20)),
        ev(K::SenSupportMeeting, d(2025, 5, 12)),
        ev(K::SenSupportMeeting, d(2025, 10, 6)),
    ];
    let all = run(&events, d(2025, 11, 1));
    let years: Vec<_> = all.iter().filter(|x| x.rule == "R44").collect();
    assert_eq!(years.len(), 2);
    assert_eq!(years[0].due, d(2025, 8, 31));
    assert!(matches!(years[0].status, DeadlineStatus::MetOnTime { met_on, .. }
            if met_on == d(2025, 5, 12)));
    assert_eq!(years[1].due, d(2026, 8, 31));
    assert!(years[1].explanation.contains("1 of 3"));
    assert!(years[1].status.is_open());
}
