use crate::deadlines::test_support::*;
use crate::deadlines::{
    compute, DeadlineEventKind as K, DeadlineSettings, DeadlineStatus, FlagKind, ReviewAnchor,
    ReviewOutcome,
};

#[test]
fn review_meeting_14_nov_2024_gives_the_worked_example_dates() {
    let all = run(&[ev(K::ReviewMeeting, d(2024, 11, 14))], d(2024, 10, 1));
    assert_eq!(one(&all, "R12-review-notice").due, d(2024, 10, 31));
    assert_eq!(one(&all, "R13-review-papers").due, d(2024, 10, 31));
    assert_eq!(one(&all, "R14-review-report").due, d(2024, 11, 28));
    assert_eq!(one(&all, "R15-review-decision").due, d(2024, 12, 12));
    assert_eq!(one(&all, "R18-review-long-stop").due, d(2025, 2, 6));
}

#[test]
fn notice_sent_less_than_two_weeks_before_the_meeting_is_met_late() {
    let events = [ev(K::ReviewNoticeSent, d(2024, 11, 4)), ev(K::ReviewMeeting, d(2024, 11, 14))];
    let all = run(&events, d(2024, 11, 20));
    assert_eq!(days_late(one(&all, "R12-review-notice")), Some(4));
    // Nothing recorded for the papers: overdue from the date they were due.
    assert_eq!(one(&all, "R13-review-papers").status, DeadlineStatus::Overdue { days: 20 });
}

#[test]
fn proposed_amendments_meet_the_review_decision_and_the_final_amended_plan_meets_the_long_stop() {
    let events = [
        ev(K::ReviewMeeting, d(2024, 11, 14)),
        ev(K::AmendmentNoticeServed, d(2024, 12, 10)),
        ev(K::FinalAmendedPlanIssued, d(2025, 2, 14)),
    ];
    let all = run(&events, d(2025, 3, 1));
    assert!(matches!(
        one(&all, "R15-review-decision").status,
        DeadlineStatus::MetOnTime { days_to_spare: 2, .. }
    ));
    assert_eq!(one(&all, "R16-amendment-comments").due, d(2024, 12, 24));
    let r17 = one(&all, "R17-final-amended-plan");
    assert_eq!(r17.due, d(2025, 2, 4));
    assert_eq!(days_late(r17), Some(10));
    assert_eq!(days_late(one(&all, "R18-review-long-stop")), Some(8));
}

#[test]
fn decision_to_keep_the_plan_unchanged_ends_the_long_stop() {
    let events = [
        ev(K::ReviewMeeting, d(2024, 11, 14)),
        ev(K::ReviewDecision, d(2024, 12, 5)).outcome(ReviewOutcome::Maintain),
    ];
    let all = run(&events, d(2025, 3, 1));
    assert!(matches!(one(&all, "R18-review-long-stop").status, DeadlineStatus::MetOnTime { .. }));
    // Keeping the plan unchanged is appealable: the appeal clock starts from this letter.
    assert_eq!(one(&all, "R27-appeal-deadline").due, d(2025, 2, 5));
}

#[test]
fn review_timings_follow_the_settings() {
    let settings = DeadlineSettings {
        review_decision_weeks: 8,
        review_papers_weeks_before: 3,
        ..DeadlineSettings::default()
    };
    let all = compute(&[ev(K::ReviewMeeting, d(2024, 11, 14))], &settings, d(2024, 10, 1));
    assert_eq!(one(&all, "R15-review-decision").due, d(2025, 1, 9));
    assert_eq!(one(&all, "R18-review-long-stop").due, d(2025, 3, 6));
    let papers = one(&all, "R13-review-papers");
    assert_eq!(papers.due, d(2024, 10, 24));
    assert!(has_flag(papers, FlagKind::Advisory));
}

#[test]
fn annual_review_is_due_12_months_after_the_plan_with_month_end_clamping() {
    let all = run(&[ev(K::PlanIssued, d(2024, 2, 29))], d(2024, 3, 1));
    let r10 = one(&all, "R10-annual-review");
    assert_eq!(r10.due, d(2025, 2, 28));
    assert!(r10.counting_words.contains("last day"));
}

#[test]
fn annual_review_runs_from_the_later_of_plan_and_review_decision() {
    let events = [ev(K::PlanIssued, d(2023, 3, 1)), ev(K::ReviewDecision, d(2024, 2, 20))];
    let all = run(&events, d(2024, 3, 1));
    assert_eq!(dues(&all, "R10"), vec![d(2024, 3, 1), d(2025, 2, 20)]);
    let first = &all.iter().filter(|x| x.rule == "R10").collect::<Vec<_>>()[0];
    assert!(matches!(first.status, DeadlineStatus::MetOnTime { .. }));
}

#[test]
fn annual_review_anchor_is_the_meeting_by_default_and_the_decision_by_setting() {
    let events = [
        ev(K::PlanIssued, d(2023, 3, 1)),
        ev(K::ReviewMeeting, d(2024, 1, 15)),
        ev(K::ReviewDecision, d(2024, 2, 9)),
    ];
    let all = run(&events, d(2024, 3, 1));
    assert_eq!(dues(&all, "R10"), vec![d(2024, 3, 1), d(2025, 1, 15)]);
    let settings = DeadlineSettings {
        review_anchor: ReviewAnchor::DecisionDate,
        ..DeadlineSettings::default()
    };
    let all = compute(&events, &settings, d(2024, 3, 1));
    assert_eq!(dues(&all, "R10"), vec![d(2024, 3, 1), d(2025, 2, 9)]);
}

#[test]
fn annual_review_completed_late_shows_days_late_and_stops_after_the_plan_ceases() {
    let events = [
        ev(K::PlanIssued, d(2023, 3, 1)),
        ev(K::ReviewDecision, d(2024, 4, 10)),
        ev(K::PlanCeased, d(2024, 9, 1)),
    ];
    let all = run(&events, d(2025, 6, 1));
    assert_eq!(dues(&all, "R10"), vec![d(2024, 3, 1)]);
    assert_eq!(days_late(one(&all, "R10-annual-review")), Some(40));
}

#[test]
fn early_years_review_is_suggested_for_a_child_under_five() {
    let events = [ev(K::DateOfBirth, d(2021, 6, 1)), ev(K::PlanIssued, d(2024, 9, 2))];
    let all = run(&events, d(2024, 9, 3));
    let r11 = one(&all, "R11-early-years-review");
    assert_eq!(r11.due, d(2025, 3, 2));
    assert!(has_flag(r11, FlagKind::Advisory));
    let older = [ev(K::DateOfBirth, d(2018, 6, 1)), ev(K::PlanIssued, d(2024, 9, 2))];
    assert!(run(&older, d(2024, 9, 3)).iter().all(|x| x.rule != "R11"));
}
