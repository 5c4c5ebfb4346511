//! Preview: a pack built in memory to look at before saving. It has the pages a build would have,
//! and leaves no trace: no `included_in_bundle` audit entries, no build noted on a saved pack, no
//! file written.

use std::collections::BTreeSet;

use carefile::bundle::{
    build_pack, list_pack_issues, list_packs, preview_pack, save_pack, AppealType, BuildProgress,
    PackKind, PackRequest,
};
use carefile::documents::{import_bytes, DocumentKind, DocumentMetadata, ImportOptions};
use carefile::record::{add_child, NewChild};
use carefile::vault::Vault;
use chrono::NaiveDate;

use crate::bundle::a4;
use crate::util::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn import(vault: &mut Vault, child: &str, title: &str, kind: DocumentKind, pages: usize) -> String {
    let options = ImportOptions {
        metadata: DocumentMetadata {
            title: Some(title.into()),
            kind: Some(kind),
            dated: Some(d("2025-06-01")),
            child_id: Some(child.into()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    let bytes = a4(&title.to_uppercase(), pages);
    import_bytes(vault, &format!("{title}.pdf"), bytes, &options).unwrap().id.unwrap()
}

fn names(dir: &Dir) -> BTreeSet<String> {
    std::fs::read_dir(dir.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn included(vault: &Vault) -> usize {
    let log = carefile::audit::list(vault.conn(), None).unwrap();
    log.iter().filter(|e| e.action == "included_in_bundle").count()
}

#[test]
fn a_preview_has_the_pages_of_a_build_and_leaves_no_trace() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
    )
    .unwrap();
    let decision =
        import(&mut vault, &child.id, "Decision not to amend", DocumentKind::Decision, 2);
    import(&mut vault, &child.id, "Educational psychology report", DocumentKind::Report, 3);
    let request = PackRequest {
        kind: Some(PackKind::Tribunal),
        appeal_type: Some(AppealType::Contents),
        child_id: child.id.clone(),
        today: Some(d("2025-11-14")),
        ..PackRequest::default()
    };
    let pack = save_pack(&vault, None, &request).unwrap();
    let audit_before = carefile::audit::list(vault.conn(), None).unwrap();
    let packs_before = list_packs(&vault, None).unwrap();
    let files_before = names(&dir);

    let mut steps: Vec<BuildProgress> = Vec::new();
    let preview = preview_pack(&vault, &request, &mut |p| steps.push(p)).expect("preview");

    // Nothing recorded, nothing written.
    assert_eq!(carefile::audit::list(vault.conn(), None).unwrap(), audit_before);
    assert!(carefile::audit::verify(vault.conn()).unwrap().ok);
    assert_eq!(list_packs(&vault, None).unwrap(), packs_before);
    assert_eq!(list_packs(&vault, None).unwrap()[0].last_built, None);
    assert!(list_pack_issues(&vault, &pack.id).unwrap().is_empty());
    assert_eq!(names(&dir), files_before);

    // Progress as for a build, ending at done == total.
    let last = steps.last().expect("progress was reported");
    assert!(steps.len() > 1, "{steps:?}");
    assert_eq!(last.done, last.total);

    // Real PDF bytes with every page the plan counts: cover, index, dividers, documents, manifest.
    let doc = lopdf::Document::load_mem(&preview.bytes).expect("the preview is a PDF");
    assert_eq!(doc.get_pages().len() as u32, preview.plan.total_pages);
    let placed: Vec<&str> = preview
        .plan
        .sections
        .iter()
        .flat_map(|s| s.documents.iter().map(|d| d.document.id.as_str()))
        .collect();
    assert!(placed.contains(&decision.as_str()), "{placed:?}");

    // A build of the same request has the same pages, and does record what it included: the
    // check above would have seen it.
    let built = build_pack(&vault, &request, &mut |_| {}).expect("build");
    assert_eq!(built.plan.total_pages, preview.plan.total_pages);
    assert_eq!(built.plan.fingerprint, preview.plan.fingerprint);
    assert_eq!(
        lopdf::Document::load_mem(&built.bytes).unwrap().get_pages().len(),
        doc.get_pages().len()
    );
    assert_eq!(included(&vault), 2);
}

#[test]
fn a_preview_for_an_unknown_child_is_an_ordinary_error() {
    let dir = Dir::new();
    let (vault, _) = dir.create();
    let before = carefile::audit::list(vault.conn(), None).unwrap();
    let request = PackRequest { child_id: "ch_nobody".into(), ..PackRequest::default() };
    let err = preview_pack(&vault, &request, &mut |_| {}).unwrap_err();
    assert!(matches!(err, carefile::Error::NotFound(_)), "{err}");
    assert_eq!(carefile::audit::list(vault.conn(), None).unwrap(), before);
}

#[test]
fn an_email_in_a_pack_shows_its_headers_once_with_a_readable_date() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
    )
    .unwrap();
    let eml = "From: Jo Caseworker <jo.caseworker@anytown.example>\r\n\
               To: Parent <parent@home.example>\r\n\
               Subject: Draft EHC plan\r\n\
               Date: Fri, 14 Nov 2025 09:30:00 +0000\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\n\
               Please find the draft plan enclosed. You have 15 days to respond.\r\n";
    let options = ImportOptions {
        metadata: DocumentMetadata {
            child_id: Some(child.id.clone()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    import_bytes(&mut vault, "draft.eml", eml.as_bytes().to_vec(), &options).unwrap();
    let request = PackRequest {
        kind: Some(PackKind::Custom),
        child_id: child.id.clone(),
        ..PackRequest::default()
    };
    let built = preview_pack(&vault, &request, &mut |_| {}).unwrap();
    let path = dir.path("email.pdf");
    std::fs::write(&path, &built.bytes).unwrap();
    let placed = &built.plan.sections.iter().flat_map(|s| &s.documents).next().unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &placed.first_page.to_string(), "-l", &placed.last_page.to_string()])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(text.matches("jo.caseworker@anytown.example").count(), 1, "{text}");
    assert!(text.contains("14 Nov 2025 09:30"), "{text}");
    assert!(text.contains("You have 15 days to respond."), "{text}");
}
