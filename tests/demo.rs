//! The whole-app demo: a new vault with the fictional family's record, documents, deadlines and a
//! built tribunal bundle, so that every screen has something on it.

use carefile::bundle::{self, PackKind};
use carefile::deadlines::{DeadlineStatus, DutyHolder};
use carefile::demo::{self, DemoSummary};
use carefile::documents::{
    self, DocumentFilter, DocumentKind, LinkKind, MatchedIn, SearchQuery, TextStatus,
};
use carefile::milestones::{self, DUE_SOON_DAYS};
use carefile::record::{self, CorrespondenceKind};
use carefile::vault::Vault;

use crate::util::*;

fn seeded(dir: &Dir) -> (Vault, DemoSummary) {
    let (mut v, _) = dir.create();
    let summary = demo::seed(&mut v).expect("seed the demo");
    (v, summary)
}

#[test]
fn demo_documents_are_searchable_and_filed_for_the_first_child() {
    let dir = Dir::new();
    let (v, summary) = seeded(&dir);
    let alex = &summary.children[0];
    let docs = documents::list_documents(
        &v,
        &DocumentFilter { child_id: Some(alex.clone()), ..DocumentFilter::default() },
    )
    .unwrap();
    assert_eq!(docs.len(), summary.documents);
    let kinds: Vec<DocumentKind> = docs.iter().map(|d| d.kind).collect();
    for kind in [
        DocumentKind::Report,
        DocumentKind::Decision,
        DocumentKind::Plan,
        DocumentKind::SchoolReport,
        DocumentKind::Minutes,
        DocumentKind::Email,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} among {kinds:?}");
    }
    assert!(docs.iter().all(|d| d.text_status == TextStatus::Readable), "{docs:#?}");
    let ep =
        docs.iter().find(|d| d.author.as_deref() == Some("Dr A. Example (fictional)")).unwrap();
    assert!((6..=8).contains(&ep.pages), "EP report has {} pages", ep.pages);
    let plan = docs.iter().find(|d| d.kind == DocumentKind::Plan).unwrap();
    assert!((9..=11).contains(&plan.pages), "EHC plan has {} pages", plan.pages);

    let hits = documents::search(
        &v,
        &SearchQuery { text: "\"1:1 support\"".into(), ..SearchQuery::default() },
    )
    .unwrap();
    let in_ep = hits.iter().find(|h| h.id == ep.id).expect("the EP report mentions 1:1 support");
    assert_eq!(in_ep.matched_in, MatchedIn::Text);
    assert!(in_ep.page > 1 && in_ep.page <= ep.pages, "{in_ep:?}");
    let page = documents::page_text(&v, &ep.id, in_ep.page).unwrap();
    assert!(page.contains("1:1 support"), "{page}");
}

#[test]
fn the_caseworkers_email_links_to_the_caseworker_and_files_in_the_contact_log() {
    let dir = Dir::new();
    let (v, summary) = seeded(&dir);
    let caseworker = record::list_people(&v)
        .unwrap()
        .into_iter()
        .find(|p| p.role.as_deref() == Some("SEN caseworker") && p.email.is_some())
        .expect("the demo has a caseworker with an email address");
    let email = documents::list_documents(
        &v,
        &DocumentFilter { kind: Some(DocumentKind::Email), ..DocumentFilter::default() },
    )
    .unwrap()
    .pop()
    .expect("an email");
    let from = email.email.as_ref().and_then(|e| e.from.clone()).unwrap_or_default();
    assert!(from.contains(caseworker.email.as_deref().unwrap()), "{from}");
    assert_eq!(email.person_ids, std::slice::from_ref(&caseworker.id));
    assert_eq!(email.attachment_ids.len(), 1, "with its PDF attachment");
    let attachment = documents::get_document(&v, &email.attachment_ids[0]).unwrap();
    assert_eq!(attachment.pages, 1);

    let filed = record::list_correspondence(&v, Some(&summary.children[0]))
        .unwrap()
        .into_iter()
        .find(|c| c.kind == CorrespondenceKind::Email && c.subject == email.title)
        .expect("the email is in the contact log");
    assert_eq!(filed.person_id.as_deref(), Some(caseworker.id.as_str()));
    let linked = documents::linked_documents(&v, LinkKind::Correspondence, &filed.id).unwrap();
    assert!(linked.iter().any(|d| d.id == email.id), "{linked:?}");
}

#[test]
fn section_k_lists_the_two_reports_as_advice() {
    let dir = Dir::new();
    let (v, summary) = seeded(&dir);
    let advice = carefile::advice::list_advice(&v, &summary.plans[0]).unwrap();
    assert_eq!(advice.len(), 2);
    assert_eq!(summary.advice, 2);
    assert!(advice.iter().all(|d| d.kind == DocumentKind::Report));
    assert!(advice.windows(2).all(|w| w[0].dated <= w[1].dated), "oldest first");
}

#[test]
fn the_deadlines_dashboard_has_something_overdue_something_due_and_something_met() {
    let dir = Dir::new();
    let (v, summary) = seeded(&dir);
    let today = milestones::today();
    assert!(summary.deadline_events >= 3, "{summary:?}");
    let alex = milestones::child_deadlines(&v, &summary.children[0], today, DUE_SOON_DAYS).unwrap();
    assert!(!alex.overdue.is_empty(), "{:#?}", alex.deadlines);
    assert!(alex.next_due.is_some(), "{:#?}", alex.deadlines);
    assert!(alex.deadlines.iter().any(|d| matches!(d.status, DeadlineStatus::MetOnTime { .. })));
    // The appeal against the amended plan is still open.
    assert!(
        alex.deadlines.iter().any(|d| d.title.contains("Appeal") && d.status.is_open()),
        "{:#?}",
        alex.deadlines
    );
    // The second child's request for an assessment has had no decision for weeks: the LA is late.
    let robin =
        milestones::child_deadlines(&v, &summary.children[1], today, DUE_SOON_DAYS).unwrap();
    assert!(
        robin.overdue.iter().any(|d| d.who == DutyHolder::LocalAuthority
            && matches!(d.status, DeadlineStatus::Overdue { .. })),
        "{:#?}",
        robin.deadlines
    );
}

#[test]
fn the_demo_pack_is_built_once_and_can_be_reissued_with_the_newer_email() {
    let dir = Dir::new();
    let (v, summary) = seeded(&dir);
    let alex = &summary.children[0];
    let packs = bundle::list_packs(&v, Some(alex)).unwrap();
    assert_eq!(packs.len(), 1);
    assert_eq!(summary.packs, 1);
    let pack = &packs[0];
    assert_eq!(pack.kind, PackKind::Tribunal);
    let issues = bundle::list_pack_issues(&v, &pack.id).unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(Some(issues[0].pages), pack.last_pages);
    assert_eq!(issues[0].pages, summary.pack_pages);

    let candidates = bundle::reissue_candidates(&v, &pack.id).unwrap();
    assert_eq!(candidates.len(), summary.late_additions);
    assert!(candidates.iter().any(|d| d.kind == DocumentKind::Email), "{candidates:?}");

    // Rebuilding the saved pack gives the same pages: the email is not swept in.
    let again = bundle::build_pack(&v, &pack.request, &mut |_| {}).unwrap();
    assert_eq!(again.plan.total_pages, issues[0].pages);

    let add: Vec<String> = candidates.iter().map(|d| d.id.clone()).collect();
    let reissued = bundle::reissue_pack(&v, &pack.id, &add, None, &mut |_| {}).unwrap();
    assert!(reissued.plan.total_pages > issues[0].pages);
    assert!(reissued.plan.sections.last().is_some_and(|s| s.late));
}

#[test]
fn demo_command_fills_every_screen_and_keeps_the_audit_trail_intact() {
    let dir = Dir::new();
    let out = dir.run(PASS, &["demo", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let seeded = &made["seeded"];
    for key in ["children", "plans", "people", "correspondence", "deliveries"] {
        assert!(!seeded[key].is_null(), "the JSON keeps {key}: {seeded}");
    }
    assert!(seeded["documents"].as_u64() >= Some(8), "{seeded}");
    assert_eq!(seeded["packs"].as_u64(), Some(1));

    let listed = dir.run(PASS, &["doc", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), seeded["documents"].as_u64().map(|n| n as usize));
    let verify = dir.run(PASS, &["audit", "verify"]);
    assert!(verify.status.success(), "{}{}", stdout(&verify), stderr(&verify));
}
