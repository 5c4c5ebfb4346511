//! Engine-wide behaviour: the CLI contract's event keys and rule keys, ordering, JSON shape and
//! property-style sweeps over many trigger dates.

use chrono::{Days, NaiveDate};

use super::test_support::*;
use super::*;

fn keys_for(events: &[DeadlineEvent]) -> Vec<String> {
    let mut keys: Vec<String> = run(events, d(2025, 1, 1)).into_iter().map(|x| x.key).collect();
    keys.sort();
    keys.dedup();
    keys
}

fn parse(args: &[&str]) -> Vec<DeadlineEvent> {
    args.iter().map(|a| DeadlineEvent::parse_arg(a).expect("valid event")).collect()
}

#[test]
fn cli_event_keys_produce_the_contracted_rule_keys() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["assessment-request-received=2025-01-06"],
            &["decision-to-assess", "final-plan", "no-plan-notice"],
        ),
        (&["draft-plan-served=2025-03-03"], &["draft-plan-comments"]),
        (&["reassessment-request-received=2025-03-03"], &["reassessment-decision"]),
        (
            &["review-meeting=2024-11-14"],
            &[
                "review-decision",
                "review-long-stop",
                "review-notice",
                "review-papers",
                "review-report",
            ],
        ),
        (&["amendment-notice-served=2024-12-10"], &["amendment-comments", "final-amended-plan"]),
        (&["phase-transfer=2026-09-02"], &["phase-transfer-meeting", "phase-transfer-review"]),
        (
            &["phase-transfer-post16=2026-09-07"],
            &["phase-transfer-meeting", "phase-transfer-review"],
        ),
        (&["decision-notice-sent=2025-06-15"], &["appeal-deadline", "mediation-contact"]),
        (&["mediation-declined=2025-04-18"], &["mediation-certificate"]),
        (&["problem-known=2025-01-06"], &["ombudsman-complaint"]),
    ];
    for (args, expected) in cases {
        assert_eq!(keys_for(&parse(args)), *expected, "events {args:?}");
    }
    for o in ["assess", "make-plan", "amend", "school"] {
        let mut e = parse(&["tribunal-order-sent=2025-06-02"]);
        e[0].order = Some(TribunalOrder::from_key(o).expect("order"));
        assert_eq!(keys_for(&e), ["order-compliance"], "order {o}");
    }
}

#[test]
fn annual_review_runs_12_months_from_the_later_of_plan_issued_and_review_decision() {
    let events = parse(&["plan-issued=2023-03-01", "review-decision=2024-02-20"]);
    let latest = run(&events, d(2024, 3, 1))
        .into_iter()
        .filter(|x| x.key == "annual-review")
        .map(|x| x.due)
        .max();
    assert_eq!(latest, Some(d(2025, 2, 20)));
}

#[test]
fn decision_notice_with_certificate_gives_the_later_appeal_date() {
    let events =
        parse(&["decision-notice-sent=2025-10-01", "mediation-certificate-issued=2025-11-29"]);
    let appeal = run(&events, d(2025, 10, 2))
        .into_iter()
        .find(|x| x.key == "appeal-deadline")
        .expect("appeal");
    assert_eq!(appeal.due, d(2026, 1, 2));
}

#[test]
fn results_are_sorted_by_due_date() {
    let events = parse(&[
        "review-meeting=2024-11-14",
        "assessment-request-received=2025-01-06",
        "decision-notice-sent=2025-06-15",
        "problem-known=2024-01-01",
    ]);
    let all = run(&events, d(2025, 1, 1));
    assert!(all.windows(2).all(|w| w[0].due <= w[1].due));
}

#[test]
fn same_event_entered_twice_counts_once() {
    let e = ev(DeadlineEventKind::DraftPlanServed, d(2025, 3, 3));
    assert_eq!(run(&[e.clone(), e.clone().reference("letter-2")], d(2025, 3, 3)).len(), 1);
}

#[test]
fn references_are_echoed_for_trigger_and_the_event_that_met_it() {
    let events = [
        ev(DeadlineEventKind::AssessmentRequestReceived, d(2025, 1, 6)).reference("letter-1"),
        ev(DeadlineEventKind::DecisionToAssessSent, d(2025, 2, 10)).reference("letter-2"),
    ];
    let all = run(&events, d(2025, 3, 1));
    let r1 = one(&all, "R1-decision-to-assess");
    assert_eq!(r1.trigger_reference.as_deref(), Some("letter-1"));
    assert_eq!(r1.met_reference.as_deref(), Some("letter-2"));
    assert_eq!(r1.id, "R1-decision-to-assess-2025-01-06");
}

#[test]
fn deadline_json_is_camel_case_with_iso_dates() {
    let all = run(&[ev(DeadlineEventKind::DraftPlanServed, d(2025, 3, 3))], d(2025, 3, 3));
    let json = serde_json::to_value(&all[0]).expect("serialise");
    assert_eq!(json["rule"], "R4");
    assert_eq!(json["key"], "draft-plan-comments");
    assert_eq!(json["due"], "2025-03-17");
    assert_eq!(json["trigger"], "draft-plan-served");
    assert_eq!(json["triggerDate"], "2025-03-03");
    assert_eq!(json["counting"], "daysBeginningWith");
    assert_eq!(json["status"]["state"], "dueIn");
    assert_eq!(json["who"], "family");
}

#[test]
fn format_uk_writes_day_short_month_year() {
    assert_eq!(format_uk(d(2025, 11, 14)), "14 Nov 2025");
    assert_eq!(format_uk(d(2025, 9, 1)), "1 Sep 2025");
}

#[test]
fn status_is_open_due_today_then_overdue_by_n_days() {
    let events = [ev(DeadlineEventKind::AssessmentRequestReceived, d(2025, 1, 6))];
    let status = |today| one(&run(&events, today), "R1-decision-to-assess").status.clone();
    assert_eq!(status(d(2025, 2, 10)), DeadlineStatus::DueIn { days: 7 });
    assert_eq!(status(d(2025, 2, 17)), DeadlineStatus::DueIn { days: 0 });
    assert_eq!(status(d(2025, 2, 27)), DeadlineStatus::Overdue { days: 10 });
}

/// Every trigger kind that starts a forward period, for the sweeps below.
fn forward_triggers(date: NaiveDate) -> Vec<DeadlineEvent> {
    use DeadlineEventKind as K;
    let mut events: Vec<_> = [
        K::AssessmentRequestReceived,
        K::AdviceRequested,
        K::DraftPlanServed,
        K::SchoolConsulted,
        K::ReassessmentRequestReceived,
        K::DecisionToReassessSent,
        K::PlanIssued,
        K::AmendmentNoticeServed,
        K::DecisionNoticeSent,
        K::MediationDeclined,
        K::MediationRequested,
        K::HealthMediationRequested,
        K::IcbInformed,
        K::MediationHeld,
        K::AppealRegistered,
        K::ProblemKnown,
        K::EducationalRecordRequested,
        K::SubjectAccessRequest,
        K::TribunalRecommendationSent,
    ]
    .into_iter()
    .map(|k| ev(k, date))
    .collect();
    events.push(ev(K::TribunalOrderSent, date).order(TribunalOrder::Assess));
    events.push(ev(K::AppealConceded, date).order(TribunalOrder::Amend));
    events.push(ev(K::TribunalDirection, date).days(10));
    events
}

#[test]
fn property_forward_deadlines_never_precede_their_trigger_and_working_days_are_working_days() {
    let mut day = d(2018, 1, 1);
    while day <= d(2027, 12, 31) {
        for x in run(&forward_triggers(day), day) {
            assert!(
                x.due >= x.trigger_date,
                "{} due {} before trigger {}",
                x.id,
                x.due,
                x.trigger_date
            );
            if matches!(
                x.counting,
                Counting::WorkingDaysAfter
                    | Counting::SchoolDaysAfter
                    | Counting::TribunalDays
                    | Counting::TribunalAppeal
            ) {
                assert!(
                    calendar::is_working_day(x.due),
                    "{} due {} is not a working day",
                    x.id,
                    x.due
                );
            }
            if x.key == "appeal-deadline" {
                assert!(
                    !tribunal::in_sen_holiday(x.due),
                    "{} due {} is in a Tribunal holiday",
                    x.id,
                    x.due
                );
            }
        }
        day = day.checked_add_days(Days::new(3)).expect("in range");
    }
}

#[test]
fn dates_at_the_end_of_the_calendar_are_left_out_not_a_panic() {
    let mut events = forward_triggers(NaiveDate::MAX);
    events.push(ev(DeadlineEventKind::ReviewMeeting, NaiveDate::MIN));
    events.push(ev(DeadlineEventKind::DateOfBirth, NaiveDate::MAX));
    events.push(ev(DeadlineEventKind::PhaseTransfer, NaiveDate::MIN));
    events.push(ev(DeadlineEventKind::SenSupportMeeting, NaiveDate::MAX));
    events.push(ev(DeadlineEventKind::Absence, NaiveDate::MIN).until(NaiveDate::MAX));
    let _ = compute(&events, &DeadlineSettings::default(), NaiveDate::MAX);
    let _ = compute(&events, &DeadlineSettings::default(), NaiveDate::MIN);
}
