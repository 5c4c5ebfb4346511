//! The tribunal working document: rows from the plan, proposals and versions, the `.docx` read
//! with an independent reader (the zip's `word/document.xml` and `word/footnotes.xml`), the PDF,
//! reading a `.docx` back, the bundle's working-document section and the CLI contract.

use std::io::Read;
use std::process::Command;

use carefile::bundle::{self, AppealType, PackKind, PackRequest};
use carefile::documents::{import_bytes, DocumentKind, DocumentMetadata, ImportOptions};
use carefile::record::{
    add_child, add_need, add_plan, add_provision, set_section, NewChild, NewNeed, NewPlan,
    NewProvision, PlanKind, Section,
};
use carefile::vault::Vault;
use carefile::workdoc::{
    self, EvidenceInput, NewWorkdoc, Party, RowKind, RowStatus, VersionOrigin, Workdoc,
};
use chrono::NaiveDate;

use crate::bundle::fixture_pdf;
use crate::util::{stderr, Dir, PASS};

struct Case {
    dir: Dir,
    vault: Vault,
    child: String,
    report: String,
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn provision(what: &str) -> NewProvision {
    NewProvision {
        section: Section::F,
        what: what.into(),
        need_ids: vec![],
        who: None,
        qualification: None,
        frequency: None,
        minutes: None,
        group_size: None,
        place: None,
        start: None,
        end: None,
        funded_by: None,
    }
}

/// A child with an EHC plan (a need in B, text and a provision item in F, a school in I) and an
/// 8-page EP report by "Dr A. Example" dated 6 Dec 2024.
fn case() -> Case {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
    )
    .unwrap();
    let plan = add_plan(
        &mut vault,
        &NewPlan {
            child_id: child.id.clone(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: Some("Anytown Council (fictional)".into()),
            named_setting: None,
            caseworker_id: None,
        },
    )
    .unwrap();
    add_need(
        &mut vault,
        &plan.id,
        &NewNeed {
            section: Section::B,
            area: Some("Communication and interaction".into()),
            text: "Sam finds it hard to follow spoken instructions.".into(),
        },
    )
    .unwrap();
    set_section(
        &mut vault,
        &plan.id,
        Section::F,
        None,
        "Sam will have access to a quiet room as appropriate.",
    )
    .unwrap();
    add_provision(&mut vault, &plan.id, &provision("Regular speech and language therapy")).unwrap();
    set_section(&mut vault, &plan.id, Section::I, None, "Sample Primary School (fictional)")
        .unwrap();
    let options = ImportOptions {
        metadata: DocumentMetadata {
            title: Some("EP report".into()),
            kind: Some(DocumentKind::Report),
            author: Some("Dr A. Example".into()),
            dated: Some(d("2024-12-06")),
            child_id: Some(child.id.clone()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    let report = import_bytes(
        &mut vault,
        "ep-report.pdf",
        fixture_pdf("EP", &[(595.0, 842.0, 0); 8]),
        &options,
    )
    .unwrap()
    .id
    .unwrap();
    Case { dir, vault, child: child.id, report }
}

fn create(c: &mut Case) -> Workdoc {
    workdoc::create_workdoc(
        &mut c.vault,
        &NewWorkdoc { child_id: c.child.clone(), ..NewWorkdoc::default() },
    )
    .unwrap()
}

fn row_of(w: &Workdoc, starts: &str) -> u32 {
    w.rows.iter().find(|r| r.original.starts_with(starts)).expect("row").row
}

/// The family replaces "Regular" by "Daily" citing p. 7 para 5; the LA adds to the quiet room.
fn with_proposals(c: &mut Case) -> Workdoc {
    let w = create(c);
    let therapy = row_of(&w, "Regular");
    let room = row_of(&w, "Sam will have");
    let ev = EvidenceInput { document_id: c.report.clone(), page: Some(7), paragraph: Some(5) };
    workdoc::propose(
        &mut c.vault,
        &w.id,
        therapy,
        Party::Parent,
        "Daily speech and language therapy",
        &[ev],
    )
    .unwrap();
    workdoc::propose(
        &mut c.vault,
        &w.id,
        room,
        Party::La,
        "Sam will have access to a quiet room at lunchtime as appropriate.",
        &[],
    )
    .unwrap()
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut part = archive.by_name(name).expect(name);
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// Each `<w:r>` of the XML with its text and whether it is bold, italic, struck or underlined.
fn runs(xml: &str) -> Vec<(String, bool, bool, bool, bool)> {
    let mut out = Vec::new();
    for chunk in xml.split("<w:r>").skip(1) {
        let run = chunk.split("</w:r>").next().unwrap();
        let text: String = run
            .split("<w:t")
            .skip(1)
            .filter_map(|t| t.split_once('>').map(|(_, rest)| rest.split("</w:t>").next().unwrap()))
            .collect();
        let rpr = run.split("</w:rPr>").next().unwrap_or("");
        let on = |tag: &str| {
            rpr.contains(&format!("<{tag} />"))
                || rpr.contains(&format!("<{tag}/>"))
                || rpr.contains(&format!("<{tag} w:val=\"true\""))
                || (tag == "w:u" && rpr.contains("<w:u w:val=\"single\""))
        };
        out.push((text, on("w:b"), on("w:i"), on("w:strike"), on("w:u")));
    }
    out
}

#[test]
fn rows_follow_the_plan_keep_their_items_and_carry_the_provision_check() {
    let mut c = case();
    let w = create(&mut c);
    assert_eq!(w.version.number, 1);
    let sections: Vec<Section> = w.rows.iter().map(|r| r.section).collect();
    assert_eq!(sections, [Section::B, Section::F, Section::F, Section::I]);
    let need = &w.rows[0];
    assert_eq!(need.kind, RowKind::Need);
    assert!(need.item_id.is_some());
    let therapy = w.rows.iter().find(|r| r.kind == RowKind::Provision).unwrap();
    assert_eq!(therapy.original, "Regular speech and language therapy");
    assert!(therapy.item_id.is_some());
    assert!(therapy.flags.iter().any(|f| f.phrase == "regular"), "{:?}", therapy.flags);
    let room = w.rows.iter().find(|r| r.original.starts_with("Sam will")).unwrap();
    let phrases: Vec<&str> = room.flags.iter().map(|f| f.phrase.as_str()).collect();
    assert!(phrases.contains(&"access to") && phrases.contains(&"as appropriate"), "{phrases:?}");
    assert_eq!(w.rows.last().unwrap().kind, RowKind::Placement);
    assert!(w.rows.iter().all(|r| r.status == RowStatus::NotDiscussed));
}

#[test]
fn a_new_plan_version_shows_which_rows_moved() {
    use carefile::record::{issue_version, list_plans, update_provision, Stage};
    let mut c = case();
    let plan = list_plans(&c.vault, Some(&c.child)).unwrap().remove(0);
    issue_version(&mut c.vault, &plan.id, Stage::Final, d("2025-01-10"), None).unwrap();
    let w = create(&mut c);
    assert!(workdoc::rows_moved(&c.vault, &w.id).unwrap().is_empty());
    let therapy = w.rows.iter().find(|r| r.kind == RowKind::Provision).unwrap();
    update_provision(
        &mut c.vault,
        &plan.id,
        therapy.item_id.as_deref().unwrap(),
        &provision("Weekly speech and language therapy"),
    )
    .unwrap();
    let moved = workdoc::rows_moved(&c.vault, &w.id).unwrap();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].row, therapy.row);
    assert_eq!(moved[0].plan_version, 2);
    assert_eq!(moved[0].now.as_deref(), Some("Weekly speech and language therapy"));
}

#[test]
fn evidence_is_cited_from_the_documents_author_title_and_date() {
    let c = case();
    assert_eq!(
        workdoc::cite(&c.vault, &c.report, Some(7), Some(5)).unwrap(),
        "Dr A. Example, EP report, 6 Dec 2024, p. 7, para 5"
    );
    let e = workdoc::cite(&c.vault, &c.report, Some(9), None).unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_input");
}

#[test]
fn docx_uses_the_tribunal_key_with_evidence_as_footnotes_and_no_tracked_changes() {
    let mut c = case();
    let w = with_proposals(&mut c);
    let bytes = workdoc::export_docx(&c.vault, &w.id, None).unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    let notes = zip_part(&bytes, "word/footnotes.xml");
    let r = runs(&doc);
    assert!(r.iter().any(|x| x.0 == "Daily" && x.1 && !x.2 && !x.3), "Daily in bold: {r:?}");
    assert!(r.iter().any(|x| x.0 == "Regular" && x.1 && x.3), "Regular bold, struck: {r:?}");
    assert!(r.iter().any(|x| x.0 == "at lunchtime" && x.2 && !x.1 && !x.3), "LA addition italic");
    assert!(r.iter().any(|x| x.0.contains("speech and language therapy") && !x.1 && !x.2 && !x.3));
    assert!(doc.contains("w:footnoteReference"), "a footnote reference in the text");
    assert!(notes.contains("Dr A. Example, EP report, 6 Dec 2024, p. 7, para 5"));
    for tracked in ["<w:ins ", "<w:ins>", "<w:del ", "<w:del>", "w:commentReference"] {
        assert!(!doc.contains(tracked), "no tracked changes or comments ({tracked})");
    }
    let word = bytes.clone();
    // LibreOffice, when installed, opens and converts it without error.
    if Command::new("soffice").arg("--version").output().is_ok() {
        let path = c.dir.path("wd.docx");
        std::fs::write(&path, &word).unwrap();
        let out = Command::new("soffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(c.dir.path(""))
            .arg(&path)
            .env("HOME", c.dir.path(""))
            .output()
            .unwrap();
        assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
        assert!(c.dir.path("wd.pdf").exists());
    }
}

#[test]
fn agreed_changes_are_underlined_and_struck_through() {
    let mut c = case();
    let w = with_proposals(&mut c);
    let therapy = row_of(&w, "Regular");
    let w =
        workdoc::agree(&mut c.vault, &w.id, therapy, Some("Weekly speech and language therapy"))
            .unwrap();
    assert_eq!(w.rows[therapy as usize - 1].status, RowStatus::Agreed);
    let doc = zip_part(&workdoc::export_docx(&c.vault, &w.id, None).unwrap(), "word/document.xml");
    let r = runs(&doc);
    assert!(r.iter().any(|x| x.0 == "Weekly" && x.4 && !x.1 && !x.2), "agreed addition: {r:?}");
    assert!(r.iter().any(|x| x.0 == "Regular" && x.3 && !x.1 && !x.2), "agreed deletion: {r:?}");
}

#[test]
fn agreeing_two_different_proposals_needs_the_wording() {
    let mut c = case();
    let w = with_proposals(&mut c);
    let therapy = row_of(&w, "Regular");
    workdoc::propose(&mut c.vault, &w.id, therapy, Party::La, "Termly therapy", &[]).unwrap();
    let before = workdoc::get_workdoc(&c.vault, &w.id, None).unwrap();
    let e = workdoc::agree(&mut c.vault, &w.id, therapy, None).unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_input");
    assert_eq!(workdoc::get_workdoc(&c.vault, &w.id, None).unwrap(), before);
}

#[test]
fn a_sent_version_is_kept_and_the_next_change_starts_a_new_one() {
    let mut c = case();
    let w = with_proposals(&mut c);
    workdoc::freeze_version(&mut c.vault, &w.id).unwrap();
    let v1 = workdoc::get_workdoc(&c.vault, &w.id, Some(1)).unwrap();
    let room = row_of(&w, "Sam will have");
    let w2 = workdoc::agree(&mut c.vault, &w.id, room, None).unwrap();
    assert_eq!(w2.version.number, 2);
    assert_eq!(w2.version.origin, VersionOrigin::Edited);
    let again = workdoc::get_workdoc(&c.vault, &w.id, Some(1)).unwrap();
    assert_eq!((again.version, again.rows), (v1.version, v1.rows), "version 1 unchanged");
    let cmp = workdoc::compare_workdoc_versions(&c.vault, &w.id, 1, 2).unwrap();
    assert_eq!(cmp.rows.len(), 1);
    assert_eq!(cmp.rows[0].row, room);
    assert_eq!(cmp.rows[0].status_to, Some(RowStatus::Agreed));
}

#[test]
fn export_then_import_gives_back_the_same_rows_and_proposals() {
    let mut c = case();
    let w = with_proposals(&mut c);
    let need = row_of(&w, "Sam finds");
    let w = workdoc::propose(
        &mut c.vault,
        &w.id,
        need,
        Party::Parent,
        "Sam finds it very hard to follow spoken instructions and needs visual support.",
        &[],
    )
    .unwrap();
    let w = workdoc::propose(
        &mut c.vault,
        &w.id,
        need,
        Party::La,
        "Sam finds it hard to follow instructions.",
        &[],
    )
    .unwrap();
    let placement = row_of(&w, "Sample");
    let w = workdoc::agree(&mut c.vault, &w.id, placement, None).unwrap();
    let bytes = workdoc::export_docx(&c.vault, &w.id, None).unwrap();
    workdoc::freeze_version(&mut c.vault, &w.id).unwrap();
    let imported = workdoc::import_docx(&mut c.vault, &c.child, &bytes).unwrap();
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    let back = &imported.workdoc;
    assert_eq!(back.version.number, w.version.number + 1);
    assert_eq!(back.version.origin, VersionOrigin::Imported);
    assert!(back.version.frozen);
    let key = |w: &Workdoc| {
        w.rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.original.clone(),
                    r.family.clone(),
                    r.la.clone(),
                    r.agreed.clone(),
                    r.status,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(back), key(&w));
    assert_eq!(imported.matched.len(), w.rows.len());
}

#[test]
fn an_la_file_with_new_wording_is_matched_by_wording_and_the_rest_kept_to_place() {
    use docx_rs::{Docx, Paragraph, Run};
    let mut c = case();
    let w = create(&mut c);
    let therapy = row_of(&w, "Regular");
    let mut file = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Regular speech and language"))
                .add_run(Run::new().add_text(" "))
                .add_run(Run::new().add_text("from a qualified therapist").italic())
                .add_run(Run::new().add_text(" "))
                .add_run(Run::new().add_text("therapy")),
        )
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("A new paragraph the LA wrote").italic()),
        )
        .pack(&mut file)
        .unwrap();
    let imported = workdoc::import_docx(&mut c.vault, &c.child, &file.into_inner()).unwrap();
    assert_eq!(imported.matched, [therapy]);
    let r = &imported.workdoc.rows[therapy as usize - 1];
    assert_eq!(
        r.la.as_deref(),
        Some("Regular speech and language from a qualified therapist therapy")
    );
    assert_eq!(r.status, RowStatus::Disputed);
    assert_eq!(imported.unplaced.len(), 1);
    assert_eq!(imported.unplaced[0].la.as_deref(), Some("A new paragraph the LA wrote"));
}

#[test]
fn a_file_that_is_not_word_is_refused_and_changes_nothing() {
    let mut c = case();
    let w = create(&mut c);
    let e = workdoc::import_docx(&mut c.vault, &c.child, b"not a zip").unwrap_err();
    assert_eq!(e.code().as_str(), "corrupt_file");
    assert_eq!(workdoc::get_workdoc(&c.vault, &w.id, None).unwrap().versions.len(), 1);
}

/// A real export whose central directory says every part unpacks to 3.75 GB (the shape of the
/// 886-byte file fuzzing found, which made docx-rs reserve gigabytes before reading).
#[test]
fn a_word_file_claiming_gigabytes_is_refused_before_it_is_read() {
    let mut c = case();
    let w = create(&mut c);
    let mut bytes = workdoc::export_docx(&c.vault, &w.id, None).unwrap();
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == *b"PK\x01\x02" {
            bytes[i + 24..i + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
            patched += 1;
        }
        i += 1;
    }
    assert!(patched > 3, "the export has its parts");
    let e = workdoc::import_docx(&mut c.vault, &c.child, &bytes).unwrap_err();
    assert_eq!(e.code().as_str(), "corrupt_file");
    assert!(e.to_string().contains("MB"), "{e}");
    assert_eq!(workdoc::get_workdoc(&c.vault, &w.id, None).unwrap().versions.len(), 1);
}

#[test]
fn pdf_has_the_rows_and_warns_past_25_pages() {
    let mut c = case();
    let w = with_proposals(&mut c);
    let pdf = workdoc::export_pdf(&c.vault, &w.id, None).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert_eq!(pdf.pages, 1);
    assert!(!pdf.over_limit);
    let plan = carefile::record::list_plans(&c.vault, Some(&c.child)).unwrap().remove(0);
    for i in 0..500 {
        add_provision(
            &mut c.vault,
            &plan.id,
            &provision(&format!(
                "Item {i}: a session of occupational therapy every week in school"
            )),
        )
        .unwrap();
    }
    let big = create(&mut c);
    let pdf = workdoc::export_pdf(&c.vault, &big.id, None).unwrap();
    assert!(pdf.pages > workdoc::PAGE_LIMIT && pdf.over_limit, "{} pages", pdf.pages);
}

#[test]
fn a_contents_appeal_bundle_holds_the_latest_working_document() {
    let mut c = case();
    let req = PackRequest {
        kind: Some(PackKind::Tribunal),
        child_id: c.child.clone(),
        appeal_type: Some(AppealType::Contents),
        ..PackRequest::default()
    };
    let section = |plan: &bundle::BundlePlan| {
        plan.sections.iter().find(|s| s.title == "Working document").unwrap().clone()
    };
    assert!(section(&bundle::plan_pack(&c.vault, &req).unwrap()).documents.is_empty());
    let w = with_proposals(&mut c);
    let plan = bundle::plan_pack(&c.vault, &req).unwrap();
    let s = section(&plan);
    assert_eq!(s.documents.len(), 1);
    assert_eq!(
        s.documents[0].document.title,
        format!("Working document, version {}", w.version.number)
    );
    assert!(s.document_pages >= 1 && s.over_budget_by.is_none());
    let built = bundle::build_pack(&c.vault, &req, &mut |_| {}).unwrap();
    assert!(built.bytes.starts_with(b"%PDF"));
}

mod cli {
    use super::*;

    fn json(out: &std::process::Output) -> serde_json::Value {
        assert!(out.status.success(), "command failed: {}", stderr(out));
        serde_json::from_slice(&out.stdout).expect("JSON on stdout")
    }

    #[test]
    fn the_cli_contract_from_create_to_import() {
        let c = case();
        let report = c.report.clone();
        let child = c.child.clone();
        c.vault.lock().unwrap();
        let run = |args: &[&str]| c.dir.run(PASS, args);

        let made =
            json(&run(&["workdoc", "create", "--child", &child, "--sections", "B,F,I", "--json"]));
        let id = made["id"].as_str().unwrap().to_string();
        assert_eq!(made["version"], 1);
        let rows = made["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0]["row"], 1);
        assert_eq!(rows[0]["section"], "B");
        let therapy =
            rows.iter().find(|r| r["original"] == "Regular speech and language therapy").unwrap();
        let n = therapy["row"].as_u64().unwrap().to_string();
        assert_eq!(therapy["section"], "F");

        let ev = format!("{report}:7:5");
        let out = json(&run(&[
            "workdoc",
            "propose",
            &id,
            "--row",
            &n,
            "--by",
            "parent",
            "--text",
            "Daily speech and language therapy",
            "--evidence",
            &ev,
            "--json",
        ]));
        let row = &out["rows"][n.parse::<usize>().unwrap() - 1];
        assert_eq!(row["family"], "Daily speech and language therapy");
        assert_eq!(row["status"], "disputed");
        assert_eq!(
            row["evidence"][0]["citation"],
            "Dr A. Example, EP report, 6 Dec 2024, p. 7, para 5"
        );

        let bad = run(&["workdoc", "propose", &id, "--row", "99", "--by", "la", "--text", "x"]);
        assert_eq!(bad.status.code(), Some(1));
        assert!(stderr(&bad).starts_with("error: ") && stderr(&bad).trim().lines().count() == 1);
        let bad = run(&["workdoc", "propose", &id, "--row", &n, "--by", "school", "--text", "x"]);
        assert_eq!(bad.status.code(), Some(1));

        let out = json(&run(&["workdoc", "agree", &id, "--row", "4", "--json"]));
        assert_eq!(out["rows"][3]["status"], "agreed");
        let shown = json(&run(&["workdoc", "show", &id, "--json"]));
        assert_eq!(shown["rows"][3]["agreed"], "Sample Primary School (fictional)");
        let listed = run(&["workdoc", "list", "--child", &child]);
        assert!(listed.status.success() && crate::util::stdout(&listed).contains(&id));

        let docx = c.dir.path("wd.docx");
        let pdf = c.dir.path("wd.pdf");
        let out = json(&run(&[
            "workdoc",
            "export",
            &id,
            "--docx",
            docx.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
            "--json",
        ]));
        assert_eq!(out["pages"], 1);
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
        let imported =
            json(&run(&["workdoc", "import", docx.to_str().unwrap(), "--child", &child, "--json"]));
        assert_eq!(imported["id"], id.as_str());
        assert_eq!(imported["version"], 2);
        assert_eq!(imported["rows"], shown["rows"]);
    }
}
