use crate::deadlines::test_support::*;
use crate::deadlines::{Counting, DeadlineEventKind as K, DeadlineStatus, FlagKind, TribunalOrder};

fn order(o: TribunalOrder) -> crate::deadlines::DeadlineEvent {
    ev(K::TribunalOrderSent, d(2025, 6, 2)).order(o)
}

#[test]
fn order_to_assess_gives_2_10_and_14_weeks() {
    let all = run(&[order(TribunalOrder::Assess)], d(2025, 6, 2));
    assert_eq!(one(&all, "R32-order-assess").due, d(2025, 6, 16));
    assert_eq!(one(&all, "R33-order-decision").due, d(2025, 8, 11));
    assert_eq!(one(&all, "R33-order-final-plan").due, d(2025, 9, 8));
    assert!(all.iter().all(|x| x.key == "order-compliance"));
}

#[test]
fn order_to_make_a_plan_gives_draft_in_5_weeks_and_final_in_11() {
    let all = run(&[order(TribunalOrder::MakePlan)], d(2025, 6, 2));
    assert_eq!(one(&all, "R34-order-draft-plan").due, d(2025, 7, 7));
    assert_eq!(one(&all, "R34-order-final-plan").due, d(2025, 8, 18));
}

#[test]
fn order_to_amend_gives_5_weeks_and_school_only_2_weeks() {
    let all = run(&[order(TribunalOrder::Amend)], d(2025, 6, 2));
    assert_eq!(one(&all, "R35-order-amend").due, d(2025, 7, 7));
    let all = run(&[order(TribunalOrder::School)], d(2025, 6, 2));
    assert_eq!(one(&all, "R36-order-school").due, d(2025, 6, 16));
}

#[test]
fn order_to_continue_takes_effect_at_once() {
    let all = run(&[order(TribunalOrder::Continue)], d(2025, 6, 3));
    let r37 = one(&all, "R37-order-immediate");
    assert_eq!(r37.due, d(2025, 6, 2));
    assert_eq!(r37.counting, Counting::Immediate);
    assert_eq!(r37.status, DeadlineStatus::Passed { days: 1 });
}

#[test]
fn order_without_a_type_produces_nothing() {
    assert!(run(&[ev(K::TribunalOrderSent, d(2025, 6, 2))], d(2025, 6, 2)).is_empty());
}

#[test]
fn two_weeks_away_is_an_exception_flag_after_an_order() {
    let events =
        [order(TribunalOrder::Assess), ev(K::Absence, d(2025, 6, 5)).until(d(2025, 6, 20))];
    let all = run(&events, d(2025, 6, 2));
    let r32 = one(&all, "R32-order-assess");
    assert_eq!(r32.due, d(2025, 6, 16));
    assert!(has_flag(r32, FlagKind::Absence));
}

#[test]
fn plan_issued_late_after_an_order_is_met_late() {
    let events = [
        order(TribunalOrder::MakePlan),
        ev(K::DraftPlanServed, d(2025, 7, 1)),
        ev(K::PlanIssued, d(2025, 9, 1)),
    ];
    let all = run(&events, d(2025, 9, 2));
    assert!(matches!(
        one(&all, "R34-order-draft-plan").status,
        DeadlineStatus::MetOnTime { days_to_spare: 6, .. }
    ));
    assert_eq!(days_late(one(&all, "R34-order-final-plan")), Some(14));
}

#[test]
fn conceded_appeal_uses_the_2015_limits() {
    let all =
        run(&[ev(K::AppealConceded, d(2025, 6, 2)).order(TribunalOrder::Assess)], d(2025, 6, 2));
    assert_eq!(dues(&all, "R38"), vec![d(2025, 6, 16), d(2025, 8, 11), d(2025, 9, 8)]);
    assert!(all.iter().all(|x| x.key == "concession-compliance"));
    let all =
        run(&[ev(K::AppealConceded, d(2025, 6, 2)).order(TribunalOrder::Amend)], d(2025, 6, 2));
    assert_eq!(dues(&all, "R38"), vec![d(2025, 7, 7)]);
    let all =
        run(&[ev(K::AppealConceded, d(2025, 6, 2)).order(TribunalOrder::School)], d(2025, 6, 2));
    assert_eq!(dues(&all, "R38"), vec![d(2025, 6, 16)]);
}

#[test]
fn recommendation_response_is_due_in_5_weeks() {
    let all = run(&[ev(K::TribunalRecommendationSent, d(2025, 6, 2))], d(2025, 6, 2));
    assert_eq!(one(&all, "R39-recommendation-response").due, d(2025, 7, 7));
}
