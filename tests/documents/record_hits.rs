//! Search hits in the record say where they are, so the app can open the screen that shows them:
//! the child of a contact log entry, the plan and section of plan text, the plan and outcome of a
//! progress note.

use carefile::documents::*;
use carefile::record::{
    add_correspondence, add_outcome, add_plan, add_progress_note, set_section, CorrespondenceKind,
    Direction, NewCorrespondence, NewOutcome, NewPlan, NewProgressNote, PlanKind, ProgressSource,
    Section,
};

use super::a_child;
use crate::util::*;

#[test]
fn record_hits_name_the_child_plan_section_and_outcome_they_belong_to() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = a_child(&mut vault);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let entry = add_correspondence(
        &mut vault,
        &NewCorrespondence {
            child_id: Some(child.clone()),
            person_id: None,
            kind: CorrespondenceKind::Call,
            direction: Direction::Incoming,
            subject: "Call with the SENCo".into(),
            dated: Some(date),
            sent: None,
            received: None,
            channel: None,
            proof_of_delivery: None,
            summary: "Agreed a weekly trampoline session.".into(),
            actions: Vec::new(),
        },
    )
    .unwrap();
    let plan = add_plan(
        &mut vault,
        &NewPlan {
            child_id: child.clone(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: None,
            named_setting: None,
            caseworker_id: None,
        },
    )
    .unwrap();
    let text = "A trampoline session with a trained adult each week.";
    set_section(&mut vault, &plan.id, Section::F, None, text).unwrap();
    let outcome = add_outcome(
        &mut vault,
        &plan.id,
        &NewOutcome { text: "Join in PE.".into(), pfa_area: None, by_when: None },
    )
    .unwrap();
    let note = add_progress_note(
        &mut vault,
        &plan.id,
        &NewProgressNote {
            outcome_id: outcome.id.clone(),
            dated: date,
            source: ProgressSource::School,
            note: "Loved the trampoline club.".into(),
        },
    )
    .unwrap();

    let query = SearchQuery { text: "trampoline".into(), ..Default::default() };
    let hits = search_all(&vault, &query).unwrap();
    let place = |source: HitSource| {
        let hit = hits.iter().find(|h| h.source == source).unwrap_or_else(|| panic!("{hits:?}"));
        (hit.id.clone(), hit.place.clone().expect("a record hit says where it is"))
    };
    let (id, at) = place(HitSource::Correspondence);
    assert_eq!(id, entry.id);
    assert_eq!(at, RecordPlace { child_id: Some(child.clone()), ..RecordPlace::default() });
    let (id, at) = place(HitSource::Plan);
    assert_eq!(id, plan.id);
    assert_eq!(at.plan_id.as_deref(), Some(plan.id.as_str()));
    assert_eq!(at.plan_section.as_deref(), Some("F"));
    assert_eq!(at.child_id.as_deref(), Some(child.as_str()));
    let (id, at) = place(HitSource::Note);
    assert_eq!(id, note.id);
    assert_eq!(at.plan_id.as_deref(), Some(plan.id.as_str()));
    assert_eq!(at.outcome_id.as_deref(), Some(outcome.id.as_str()));
    assert_eq!(at.plan_section, None);

    // Document hits are opened in the viewer, not placed in the record.
    let doc = b"Trampoline park receipt.".to_vec();
    import_bytes(&mut vault, "receipt.txt", doc, &ImportOptions::default()).unwrap();
    let hits = search_all(&vault, &query).unwrap();
    let document = hits.iter().find(|h| h.source == HitSource::Document).unwrap();
    assert_eq!(document.place, None);
}
