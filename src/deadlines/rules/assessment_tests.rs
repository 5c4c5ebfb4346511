use crate::deadlines::test_support::*;
use crate::deadlines::{
    compute, DeadlineEventKind as K, DeadlineSettings, DeadlineStatus, FlagKind, Nature,
    WithinStart,
};

#[test]
fn request_received_6_jan_2025_gives_the_worked_example_dates() {
    let all = run(&[ev(K::AssessmentRequestReceived, d(2025, 1, 6))], d(2025, 1, 6));
    assert_eq!(one(&all, "R1-decision-to-assess").due, d(2025, 2, 17));
    assert_eq!(one(&all, "R3-no-plan-notice").due, d(2025, 4, 28));
    let final_plan = one(&all, "R6-final-plan");
    assert_eq!(final_plan.due, d(2025, 5, 26));
    assert_eq!(final_plan.source, "SEND Regs 2014 reg 13(2); exceptions reg 13(3) and reg 10(4)");
    assert!(final_plan.explanation.contains("26 May 2025"));
}

#[test]
fn final_plan_due_on_a_bank_holiday_is_not_moved_but_flagged() {
    let all = run(&[ev(K::AssessmentRequestReceived, d(2025, 1, 6))], d(2025, 1, 6));
    let final_plan = one(&all, "R6-final-plan");
    assert_eq!(final_plan.due, d(2025, 5, 26)); // spring bank holiday
    assert!(has_flag(final_plan, FlagKind::NonWorkingDay));
}

#[test]
fn counting_the_receipt_day_is_a_setting_that_moves_dates_one_day_earlier() {
    let settings = DeadlineSettings {
        within_start: WithinStart::IncludeEventDay,
        ..DeadlineSettings::default()
    };
    let all = compute(&[ev(K::AssessmentRequestReceived, d(2025, 1, 6))], &settings, d(2025, 1, 6));
    assert_eq!(one(&all, "R1-decision-to-assess").due, d(2025, 2, 16));
    assert!(one(&all, "R1-decision-to-assess").counting_words.contains("as day 1"));
}

#[test]
fn refusal_to_assess_meets_r1_and_removes_the_plan_deadlines() {
    let events = [
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::DecisionNotToAssessSent, d(2025, 2, 20)),
    ];
    let all = run(&events, d(2025, 3, 1));
    let r1 = one(&all, "R1-decision-to-assess");
    assert_eq!(days_late(r1), Some(3));
    assert!(all.iter().all(|x| x.rule != "R3" && x.rule != "R6"));
    // The refusal starts the appeal clock instead.
    assert_eq!(
        one(
            &all,
            "\
                          R27-appeal-deadline"
        )
        .due,
        d(2025, 4, 22)
    ); // 20 Apr is Easter Sunday, 21 Easter Monday
}

#[test]
fn draft_plan_shows_the_la_decided_to_issue_a_plan() {
    let events = [
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::DecisionToAssessSent, d(2025, 2, 10)),
        ev(K::DraftPlanServed, d(2025, 4, 14)),
        ev(K::PlanIssued, d(2025, 6, 2)),
    ];
    let all = run(&events, d(2025, 7, 1));
    assert!(matches!(
        one(&all, "R1-decision-to-assess").status,
        DeadlineStatus::MetOnTime { days_to_spare: 7, .. }
    ));
    assert!(matches!(one(&all, "R3-no-plan-notice").status, DeadlineStatus::MetOnTime { .. }));
    assert_eq!(days_late(one(&all, "R6-final-plan")), Some(7));
}

#[test]
fn decision_not_to_issue_removes_the_final_plan_deadline() {
    let events = [
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::DecisionNotToIssueSent, d(2025, 4, 25)),
    ];
    let all = run(&events, d(2025, 5, 1));
    assert!(matches!(one(&all, "R3-no-plan-notice").status, DeadlineStatus::MetOnTime { .. }));
    assert!(all.iter().all(|x| x.rule != "R6"));
}

#[test]
fn advice_is_due_6_weeks_after_the_la_asks_with_reg_8_exceptions_flagged() {
    let events = [ev(K::AdviceRequested, d(2025, 2, 3)), ev(K::AppointmentMissed, d(2025, 2, 20))];
    let all = run(&events, d(2025, 2, 4));
    let advice = one(&all, "R2-advice");
    assert_eq!(advice.due, d(2025, 3, 17));
    assert!(has_flag(advice, FlagKind::MissedAppointment));
}

#[test]
fn draft_plan_served_3_mar_2025_gives_comments_until_17_mar() {
    let all = run(&[ev(K::DraftPlanServed, d(2025, 3, 3))], d(2025, 3, 3));
    let r4 = one(&all, "R4-draft-plan-comments");
    assert_eq!(r4.due, d(2025, 3, 17));
    assert_eq!(r4.nature, Nature::Right);
    assert_eq!(r4.status, DeadlineStatus::DueIn { days: 14 });
}

#[test]
fn school_consultation_reply_is_guidance_15_days_later() {
    let all = run(&[ev(K::SchoolConsulted, d(2025, 3, 3))], d(2025, 4, 1));
    let r5 = one(&all, "R5-school-consultation");
    assert_eq!(r5.due, d(2025, 3, 18));
    assert!(has_flag(r5, FlagKind::Advisory));
    // Guidance that passes unanswered is "passed", not "overdue".
    assert_eq!(r5.status, DeadlineStatus::Passed { days: 14 });
}

#[test]
fn reassessment_decision_in_15_days_and_final_plan_14_weeks_after_deciding() {
    let events = [
        ev(K::PlanIssued, d(2024, 12, 2)),
        ev(K::ReassessmentRequestReceived, d(2025, 3, 3)),
        ev(K::DecisionToReassessSent, d(2025, 3, 17)),
    ];
    let all = run(&events, d(2025, 3, 20));
    let r8 = one(&all, "R8-reassessment-decision");
    assert_eq!(r8.due, d(2025, 3, 18));
    assert!(has_flag(r8, FlagKind::Advisory)); // regulation number unconfirmed
    assert!(has_flag(r8, FlagKind::Note)); // under 6 months since the plan
    assert_eq!(one(&all, "R9-reassessment-plan").due, d(2025, 6, 23));
}

#[test]
fn absence_of_four_weeks_is_a_flag_and_never_moves_the_date() {
    let events = [
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::Absence, d(2025, 3, 1)).until(d(2025, 4, 5)),
        ev(K::ExceptionClaimed, d(2025, 5, 30)),
    ];
    let all = run(&events, d(2025, 1, 6));
    let r6 = one(&all, "R6-final-plan");
    assert_eq!(r6.due, d(2025, 5, 26));
    assert!(has_flag(r6, FlagKind::Absence));
    assert!(has_flag(r6, FlagKind::ExceptionClaimed));
    // A two-week trip is not long enough for the assessment exceptions.
    let short = [
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::Absence, d(2025, 3, 1)).until(d(2025, 3, 15)),
    ];
    assert!(!has_flag(one(&run(&short, d(2025, 1, 6)), "R6-final-plan"), FlagKind::Absence));
}

#[test]
fn advice_asked_inside_the_summer_closure_window_flags_the_exception() {
    // School closes Wed 23 Jul 2025, reopens Wed 3 Sep: window 16 Jul - 27 Aug.
    let events = [
        ev(K::AssessmentRequestReceived, d(2025, 5, 12)),
        ev(K::SchoolClosure, d(2025, 7, 23)).until(d(2025, 9, 3)),
        ev(K::AdviceRequested, d(2025, 7, 18)),
    ];
    let all = run(&events, d(2025, 5, 12));
    let r6 = one(&all, "R6-final-plan");
    assert_eq!(r6.due, d(2025, 9, 29));
    let flag =
        r6.flags.iter().find(|f| f.kind == FlagKind::SchoolClosureWindow).expect("closure flag");
    assert!(flag.message.contains("16 Jul 2025 to 27 Aug 2025"), "{}", flag.message);
    // Advice asked before the window raises no closure flag.
    let early = [
        ev(K::AssessmentRequestReceived, d(2025, 5, 12)),
        ev(K::SchoolClosure, d(2025, 7, 23)).until(d(2025, 9, 3)),
        ev(K::AdviceRequested, d(2025, 6, 2)),
    ];
    assert!(!has_flag(
        one(&run(&early, d(2025, 5, 12)), "R6-final-plan"),
        FlagKind::SchoolClosureWindow
    ));
}

#[test]
fn summer_in_the_period_without_recorded_closures_gives_an_advisory_closure_flag() {
    let all = run(&[ev(K::AssessmentRequestReceived, d(2025, 5, 12))], d(2025, 5, 12));
    assert!(has_flag(one(&all, "R6-final-plan"), FlagKind::SchoolClosureWindow));
    let winter = run(&[ev(K::AssessmentRequestReceived, d(2025, 10, 6))], d(2025, 10, 6));
    assert!(!has_flag(one(&winter, "R6-final-plan"), FlagKind::SchoolClosureWindow));
}

#[test]
fn a_second_request_starts_its_own_clock_and_decisions_are_not_shared() {
    let events = [
        ev(K::AssessmentRequestReceived, d(2024, 1, 8)),
        ev(K::AssessmentRequestReceived, d(2025, 1, 6)),
        ev(K::DecisionToAssessSent, d(2025, 2, 10)),
    ];
    let all = run(&events, d(2025, 3, 1));
    let r1: Vec<_> = all.iter().filter(|x| x.rule == "R1").collect();
    assert_eq!(r1.len(), 2);
    assert!(matches!(r1[0].status, DeadlineStatus::Overdue { .. }));
    assert!(matches!(r1[1].status, DeadlineStatus::MetOnTime { .. }));
}
