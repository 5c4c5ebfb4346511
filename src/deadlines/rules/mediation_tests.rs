use crate::deadlines::test_support::*;
use crate::deadlines::{
    compute, DayKind, DeadlineEventKind as K, DeadlineSettings, DeadlineStatus, FlagKind, Nature,
};

#[test]
fn ipsea_example_decision_1_oct_certificate_29_nov_appeal_by_4_jan_2027() {
    let events = [
        ev(K::DecisionNoticeSent, d(2026, 10, 1)),
        ev(K::MediationCertificateIssued, d(2026, 11, 29)),
    ];
    let all = run(&events, d(2026, 12, 1));
    let appeal = one(&all, "R27-appeal-deadline");
    assert_eq!(appeal.due, d(2027, 1, 4));
    assert!(has_flag(appeal, FlagKind::MovedByTribunalRule));
    assert!(appeal.explanation.contains("29 Nov 2026"), "{}", appeal.explanation);
    let contact = one(&all, "R22-mediation-contact");
    assert_eq!(contact.due, d(2026, 12, 1));
    // The certificate shows the adviser was contacted.
    assert!(matches!(contact.status, DeadlineStatus::MetOnTime { .. }));
}

#[test]
fn decision_sent_15_jun_2025_appeal_moves_out_of_august_to_1_sep() {
    let all = run(&[ev(K::DecisionNoticeSent, d(2025, 6, 15))], d(2025, 6, 16));
    let appeal = one(&all, "R27-appeal-deadline");
    assert_eq!(appeal.due, d(2025, 9, 1));
    assert_eq!(appeal.nature, Nature::Right);
    let moved =
        appeal.flags.iter().find(|f| f.kind == FlagKind::MovedByTribunalRule).expect("moved");
    assert!(moved.message.contains("15 Aug 2025") && moved.message.contains("1 Sep 2025"));
    assert!(appeal.counting_words.contains("5pm"));
}

#[test]
fn unused_appeal_right_is_passed_not_overdue_and_lodged_late_is_met_late() {
    let events = [ev(K::DecisionNotToAssessSent, d(2025, 3, 10))];
    let all = run(&events, d(2025, 6, 1));
    assert_eq!(one(&all, "R27-appeal-deadline").status, DeadlineStatus::Passed { days: 20 });
    let events =
        [ev(K::DecisionNotToAssessSent, d(2025, 3, 10)), ev(K::AppealLodged, d(2025, 5, 14))];
    assert_eq!(days_late(one(&run(&events, d(2025, 6, 1)), "R27-appeal-deadline")), Some(2));
}

#[test]
fn each_decision_has_its_own_appeal_window() {
    let events = [
        ev(K::PlanIssued, d(2025, 1, 10)),
        ev(K::MediationCertificateIssued, d(2025, 2, 20)),
        ev(K::FinalAmendedPlanIssued, d(2025, 11, 3)),
    ];
    let all = run(&events, d(2025, 1, 11));
    // 10 Jan + 2 months = 10 Mar; certificate 20 Feb + 1 month = 20 Mar (later).
    assert_eq!(dues(&all, "R27"), vec![d(2025, 3, 20), d(2026, 1, 5)]);
}

#[test]
fn mediation_declined_gives_a_certificate_within_3_working_days() {
    // Good Friday 18 Apr 2025: Easter Monday is skipped too.
    let all = run(&[ev(K::MediationDeclined, d(2025, 4, 18))], d(2025, 4, 18));
    let cert = one(&all, "R23-mediation-certificate");
    assert_eq!(cert.due, d(2025, 4, 24));
    assert_eq!(cert.key, "mediation-certificate");
}

#[test]
fn mediation_within_30_days_and_certificate_3_working_days_after_it_ends() {
    let events = [
        ev(K::MediationRequested, d(2025, 3, 3)),
        ev(K::MediationHeld, d(2025, 4, 10)),
        ev(K::MediationCertificateIssued, d(2025, 4, 15)),
    ];
    let all = run(&events, d(2025, 5, 1));
    let held = one(&all, "R24-mediation-held");
    assert_eq!(held.due, d(2025, 4, 2));
    assert_eq!(days_late(held), Some(8));
    assert!(has_flag(held, FlagKind::Advisory));
    let cert = one(&all, "R26-mediation-certificate");
    assert_eq!(cert.due, d(2025, 4, 15));
    assert!(matches!(cert.status, DeadlineStatus::MetOnTime { days_to_spare: 0, .. }));
}

#[test]
fn health_mediation_steps_and_the_working_days_setting() {
    let events =
        [ev(K::HealthMediationRequested, d(2025, 5, 2)), ev(K::IcbInformed, d(2025, 5, 9))];
    let all = run(&events, d(2025, 5, 2));
    let r25 = one(&all, "R25-icb-informed");
    assert_eq!(r25.due, d(2025, 5, 8)); // Mon 5 May is a bank holiday
    assert_eq!(days_late(r25), Some(1));
    assert_eq!(one(&all, "R24-health-mediation-held").due, d(2025, 6, 8));
    let settings =
        DeadlineSettings { health_mediation_days: DayKind::Working, ..DeadlineSettings::default() };
    let all = compute(&events, &settings, d(2025, 5, 2));
    assert_eq!(one(&all, "R24-health-mediation-held").due, d(2025, 6, 23)); // 26 May bank holiday
}

#[test]
fn mediation_not_possible_in_time_gives_a_certificate_deadline() {
    let all = run(&[ev(K::MediationNotPossible, d(2025, 12, 23))], d(2025, 12, 23));
    assert_eq!(one(&all, "R26-mediation-certificate").due, d(2025, 12, 30));
}
