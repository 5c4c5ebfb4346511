//! Late additions: a re-issued bundle keeps every earlier page where it was and appends the new
//! documents after it, numbered on, with their own divider (a supplementary index), bookmarks and
//! the manifest at the very end; the same through the vault, where the issued plan and its text
//! pages are kept so that a record changed since cannot move a page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use carefile::bundle::{
    build_bundle, plan_bundle, reissue_plan, AppealType, BuiltBundle, BundleDocument,
    BundleOptions, BundlePlan, DocumentLoader, DocumentOrder, DocumentRole, Pack, PackKind,
    SectionInput, SourceContent, SourceFormat, WarningCode,
};
use carefile::documents::DocumentKind;
use chrono::NaiveDate;
use lopdf::{Document, Object};
use sha2::{Digest, Sha256};

use crate::bundle::a4;
use crate::util::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[derive(Default)]
struct Memory(HashMap<String, Vec<u8>>);

impl DocumentLoader for Memory {
    fn load(&self, doc: &BundleDocument) -> carefile::Result<SourceContent> {
        let bytes = self.0.get(&doc.id).cloned();
        bytes.map(SourceContent::Pdf).ok_or_else(|| carefile::Error::NotFound(doc.id.clone()))
    }
}

impl Memory {
    fn pdf(&mut self, id: &str, title: &str, dated: &str, pages: u32) -> BundleDocument {
        let bytes = a4(&id.to_uppercase(), pages as usize);
        let doc = BundleDocument {
            id: id.into(),
            title: title.into(),
            kind: DocumentKind::Report,
            role: DocumentRole::Other,
            author: None,
            dated: Some(d(dated)),
            sha256: hex::encode(Sha256::digest(&bytes)),
            pages,
            has_text_layer: true,
            format: SourceFormat::Pdf,
            attached_to: None,
            problem: None,
        };
        self.0.insert(id.into(), bytes);
        doc
    }
}

fn tribunal(mem: &mut Memory) -> Pack {
    let t = carefile::bundle::template_for(PackKind::Tribunal, Some(AppealType::Contents));
    let mut docs = vec![
        vec![mem.pdf("dec", "Decision not to amend", "2025-06-01", 2)],
        vec![mem.pdf("plan", "Final EHC plan", "2025-01-10", 3)],
        vec![],
        vec![mem.pdf("ep", "Educational psychology report", "2024-09-01", 4)],
    ]
    .into_iter();
    Pack {
        kind: PackKind::Tribunal,
        title: t.title.clone(),
        subtitle: Some("Sam Example (fictional)".into()),
        cover_lines: vec![("Child".into(), "Sam Example".into())],
        appeal_type: t.appeal_type,
        hearing: Some(d("2026-03-02")),
        today: d("2025-11-14"),
        sections: t
            .sections
            .into_iter()
            .map(|spec| SectionInput {
                spec,
                documents: docs.next().unwrap_or_default(),
                order: DocumentOrder::Chronological,
                late: false,
            })
            .collect(),
    }
}

fn build(plan: &BundlePlan, mem: &Memory, dir: &Dir, name: &str) -> (BuiltBundle, PathBuf) {
    let built = build_bundle(plan, mem, &mut |_| {}).expect("build");
    let path = dir.path(name);
    std::fs::write(&path, &built.bytes).unwrap();
    if let Some(keep) = std::env::var_os("CAREFILE_KEEP_BUNDLES") {
        let _ = std::fs::write(Path::new(&keep).join(name), &built.bytes);
    }
    (built, path)
}

fn page_text(path: &Path, n: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    stdout(&out)
}

fn qpdf_clean(path: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success() && !text.to_lowercase().contains("warning"), "{text}");
}

/// Bookmark titles with their depth and target page, in order.
fn bookmarks(path: &Path) -> Vec<(usize, String, u32)> {
    let doc = Document::load(path).unwrap();
    let pages: HashMap<(u32, u16), u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let root = doc.catalog().unwrap().get(b"Outlines").unwrap().as_reference().unwrap();
    let mut out = Vec::new();
    fn walk(
        doc: &Document,
        pages: &HashMap<(u32, u16), u32>,
        first: Option<&Object>,
        depth: usize,
        out: &mut Vec<(usize, String, u32)>,
    ) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let title = match item.get(b"Title").unwrap() {
                Object::String(bytes, _) if bytes.starts_with(&[0xfe, 0xff]) => {
                    let units: Vec<u16> = bytes[2..]
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                }
                Object::String(bytes, _) => String::from_utf8_lossy(bytes).into_owned(),
                other => format!("{other:?}"),
            };
            let dest = match item.get(b"Dest") {
                Ok(d) => d.as_array().unwrap(),
                Err(_) => {
                    let a = item.get(b"A").unwrap();
                    let a = match a.as_reference() {
                        Ok(id) => doc.get_dictionary(id).unwrap(),
                        Err(_) => a.as_dict().unwrap(),
                    };
                    a.get(b"D").unwrap().as_array().unwrap()
                }
            };
            out.push((depth, title, pages[&dest[0].as_reference().unwrap()]));
            walk(doc, pages, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    walk(&doc, &pages, doc.get_dictionary(root).unwrap().get(b"First").ok(), 0, &mut out);
    out
}

#[test]
fn late_additions_keep_every_earlier_page_and_number_on() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let first = plan_bundle(&tribunal(&mut mem), &BundleOptions::default());
    let (one, one_path) = build(&first, &mem, &dir, "issue-1.pdf");

    let additions = vec![
        mem.pdf("salt", "Speech and language therapy report", "2026-01-20", 3),
        mem.pdf("letter", "School's letter about support", "2025-12-01", 1),
    ];
    let second = reissue_plan(&one.plan, additions, d("2026-02-10")).expect("re-issue plan");
    let (two, two_path) = build(&second, &mem, &dir, "issue-2.pdf");
    qpdf_clean(&two_path);

    // Every section and document of the first issue is on the same pages, word for word.
    let late = two.plan.sections.last().unwrap();
    assert!(late.late && late.title.contains("10 Feb 2026"), "{late:?}");
    assert_eq!(
        late.first_page, one.plan.manifest_first_page,
        "late additions take the old manifest's place"
    );
    for n in one.plan.sections[0].first_page..late.first_page {
        assert_eq!(page_text(&one_path, n), page_text(&two_path, n), "page {n} changed");
    }
    // Numbering runs on: each added page carries its own number, oldest addition first.
    assert_eq!(late.documents[0].document.id, "letter");
    assert_eq!(late.documents[0].first_page, late.first_page + 1);
    assert_eq!(late.documents[1].first_page, late.first_page + 2);
    assert_eq!(two.plan.total_pages, Document::load(&two_path).unwrap().get_pages().len() as u32);
    for n in late.first_page..=two.plan.total_pages {
        let text = page_text(&two_path, n);
        assert_eq!(
            text.split_whitespace().last(),
            Some(n.to_string().as_str()),
            "page {n}: {text}"
        );
    }
    assert!(page_text(&two_path, late.documents[1].first_page).contains("SALT page 1"));
    // The divider is the additions' own index; the manifest moved to the end and covers them.
    let divider = page_text(&two_path, late.first_page);
    assert!(
        divider.contains("Late additions") && divider.contains("School's letter about support"),
        "{divider}"
    );
    assert!(divider.contains(&format!("p. {}", late.documents[0].first_page)), "{divider}");
    assert_eq!(two.plan.manifest_first_page, late.last_page + 1);
    let manifest: String = (two.plan.manifest_first_page..=two.plan.total_pages)
        .map(|n| page_text(&two_path, n))
        .collect();
    assert!(manifest.contains(&late.documents[1].document.sha256));
    // The index still lists the first issue's documents on their pages; the cover names the addition.
    let index = page_text(&two_path, two.plan.index_first_page);
    assert!(!index.contains("Speech and language"), "the index keeps its length: {index}");
    assert!(
        index.contains(&format!("Late additions, 10 Feb 2026: listed on page {}", late.first_page)),
        "a line for the additions fits on the index: {index}"
    );
    let cover = page_text(&two_path, 1);
    assert!(
        cover.contains("Re-issued")
            && cover.contains("First issued")
            && cover.contains("14 Nov 2025"),
        "{cover}"
    );
    // Bookmarks: the late section with its documents nested under it.
    let marks = bookmarks(&two_path);
    let at =
        marks.iter().position(|(_, t, _)| t.contains("Late additions")).expect("late bookmark");
    assert_eq!(marks[at].0, 0);
    assert_eq!(marks[at].2, late.first_page);
    assert_eq!((marks[at + 1].0, marks[at + 1].2), (1, late.documents[0].first_page));
    assert_eq!((marks[at + 2].0, marks[at + 2].2), (1, late.documents[1].first_page));
    // A tribunal needs to agree to late evidence.
    assert!(two.plan.warnings.iter().any(|w| w.code == WarningCode::LateEvidence));

    // A third issue appends after the second's additions, which stay where they were.
    let third =
        reissue_plan(&two.plan, vec![mem.pdf("ot", "OT report", "2026-02-01", 2)], d("2026-02-20"))
            .expect("third issue");
    let (three, three_path) = build(&third, &mem, &dir, "issue-3.pdf");
    qpdf_clean(&three_path);
    let (f, g) =
        (&three.plan.sections[late_index(&three.plan)], three.plan.sections.last().unwrap());
    assert_eq!((f.first_page, f.last_page), (late.first_page, late.last_page));
    assert_ne!(f.letter, g.letter);
    assert_eq!(g.first_page, two.plan.manifest_first_page);
    for n in late.first_page..=late.last_page {
        assert_eq!(page_text(&two_path, n), page_text(&three_path, n), "page {n} changed");
    }
}

fn late_index(plan: &BundlePlan) -> usize {
    plan.sections.iter().position(|s| s.late).unwrap()
}

#[test]
fn a_print_edition_re_issue_starts_the_additions_on_right_hand_pages() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let options = BundleOptions { print_edition: true, ..BundleOptions::default() };
    let first = plan_bundle(&tribunal(&mut mem), &options);
    let (one, _) = build(&first, &mem, &dir, "print-1.pdf");
    let add = vec![
        mem.pdf("a", "Added one", "2026-01-01", 3),
        mem.pdf("b", "Added two", "2026-01-02", 2),
    ];
    let (two, path) =
        build(&reissue_plan(&one.plan, add, d("2026-02-10")).unwrap(), &mem, &dir, "print-2.pdf");
    qpdf_clean(&path);
    let late = two.plan.sections.last().unwrap();
    assert_eq!(late.first_page % 2, 1);
    assert!(late.documents.iter().all(|d| d.first_page % 2 == 1));
    for (before, after) in one.plan.sections.iter().zip(&two.plan.sections) {
        assert_eq!((before.first_page, before.last_page), (after.first_page, after.last_page));
    }
}

#[test]
fn a_re_issue_refuses_nothing_to_add_and_documents_already_in_it() {
    let mut mem = Memory::default();
    let plan = plan_bundle(&tribunal(&mut mem), &BundleOptions::default());
    let err = reissue_plan(&plan, vec![], d("2026-02-10")).unwrap_err();
    assert!(err.to_string().contains("at least one document"), "{err}");
    let again = mem.pdf("ep", "Educational psychology report", "2024-09-01", 4);
    let err = reissue_plan(&plan, vec![again], d("2026-02-10")).unwrap_err();
    assert!(err.to_string().contains("already in this bundle at D1"), "{err}");
    // Nothing that can be included: refused, with the reason.
    let mut word = mem.pdf("word", "School's letter", "2026-01-01", 1);
    word.problem = Some("it is a Word document and LibreOffice is needed".into());
    let err = reissue_plan(&plan, vec![word], d("2026-02-10")).unwrap_err();
    assert!(err.to_string().contains("LibreOffice is needed"), "{err}");
}

mod vault {
    use super::*;
    use carefile::bundle::{
        build_pack, list_pack_issues, record_pack_build, reissue_pack, save_pack, PackRequest,
    };
    use carefile::documents::{import_bytes, DocumentMetadata, ImportOptions};
    use carefile::record::{
        add_child, add_correspondence, CorrespondenceKind, Direction, NewChild, NewCorrespondence,
    };
    use carefile::vault::Vault;

    fn import(vault: &mut Vault, child: &str, name: &str, pages: usize, dated: &str) -> String {
        let options = ImportOptions {
            metadata: DocumentMetadata {
                title: Some(name.into()),
                kind: Some(DocumentKind::Letter),
                dated: Some(d(dated)),
                child_id: Some(child.into()),
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        };
        let bytes = a4(&name.to_uppercase(), pages);
        import_bytes(vault, &format!("{name}.pdf"), bytes, &options).unwrap().id.unwrap()
    }

    fn letter(vault: &mut Vault, child: &str, n: u32) {
        add_correspondence(
            vault,
            &NewCorrespondence {
                child_id: Some(child.into()),
                person_id: None,
                kind: CorrespondenceKind::Email,
                direction: Direction::Outgoing,
                subject: format!("Chasing the draft plan, email {n}"),
                dated: Some(d("2025-10-01")),
                sent: Some(d("2025-10-01")),
                received: None,
                channel: None,
                proof_of_delivery: None,
                summary: String::new(),
                actions: vec![],
            },
        )
        .unwrap();
    }

    #[test]
    fn a_saved_pack_re_issues_from_its_last_issue_even_after_the_record_changed() {
        let dir = Dir::new();
        let (mut vault, _) = dir.create();
        let child = add_child(
            &mut vault,
            &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
        )
        .unwrap();
        import(&mut vault, &child.id, "Letter asking for an assessment", 2, "2025-03-01");
        letter(&mut vault, &child.id, 0);
        let request = PackRequest {
            kind: Some(PackKind::Complaint),
            child_id: child.id.clone(),
            today: Some(d("2025-11-14")),
            ..PackRequest::default()
        };
        let pack = save_pack(&vault, None, &request).unwrap();
        let err = reissue_pack(&vault, &pack.id, &[], None, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("hasn't been built yet"), "{err}");

        let one = build_pack(&vault, &request, &mut |_| {}).unwrap();
        let issue = record_pack_build(&vault, &pack.id, &one).unwrap();
        assert_eq!((issue.issue, issue.late_from), (1, None));
        let one_path = dir.path("one.pdf");
        std::fs::write(&one_path, &one.bytes).unwrap();

        // The record grows: the correspondence index extract would now run to more pages.
        for n in 1..=80 {
            letter(&mut vault, &child.id, n);
        }
        let late = import(&mut vault, &child.id, "Reply from the local authority", 2, "2025-12-01");
        let two = reissue_pack(
            &vault,
            &pack.id,
            &[late.clone(), late.clone()],
            Some(d("2026-01-05")),
            &mut |_| {},
        )
        .expect("re-issue");
        let two_path = dir.path("two.pdf");
        std::fs::write(&two_path, &two.bytes).unwrap();
        qpdf_clean(&two_path);
        let added = two.plan.sections.last().unwrap();
        assert_eq!(added.documents.len(), 1, "named twice, added once");
        assert_eq!(added.documents[0].document.id, late);
        for n in one.plan.sections[0].first_page..added.first_page {
            assert_eq!(page_text(&one_path, n), page_text(&two_path, n), "page {n} changed");
        }
        let issue = record_pack_build(&vault, &pack.id, &two).unwrap();
        assert_eq!((issue.issue, issue.late_from), (2, Some(added.first_page)));
        let issues = list_pack_issues(&vault, &pack.id).unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[1].sha256, two.sha256);
        // The added document is in the audit trail as included in the bundle.
        let log = carefile::audit::list(vault.conn(), Some(&late)).unwrap();
        assert!(log.iter().any(|e| e.action == "included_in_bundle"), "{log:?}");
        // Adding it again is refused, naming where it already is.
        let err = reissue_pack(&vault, &pack.id, &[late], None, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("already in this bundle"), "{err}");
    }

    #[test]
    fn a_re_issue_refuses_another_childs_document_and_an_unknown_id() {
        let dir = Dir::new();
        let (mut vault, _) = dir.create();
        let sam = add_child(
            &mut vault,
            &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
        )
        .unwrap();
        let alex = add_child(
            &mut vault,
            &NewChild { name: "Alex Example".into(), dob: d("2017-02-01"), ..NewChild::default() },
        )
        .unwrap();
        import(&mut vault, &sam.id, "Sam's letter", 1, "2025-03-01");
        let other = import(&mut vault, &alex.id, "Alex's letter", 1, "2025-03-02");
        let request = PackRequest {
            kind: Some(PackKind::Custom),
            child_id: sam.id.clone(),
            ..PackRequest::default()
        };
        let pack = save_pack(&vault, None, &request).unwrap();
        let one = build_pack(&vault, &request, &mut |_| {}).unwrap();
        record_pack_build(&vault, &pack.id, &one).unwrap();
        let err = reissue_pack(&vault, &pack.id, &[other], None, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("another child"), "{err}");
        let err =
            reissue_pack(&vault, &pack.id, &["dc_nope".into()], None, &mut |_| {}).unwrap_err();
        assert!(matches!(err, carefile::Error::NotFound(_)), "{err}");
        assert_eq!(list_pack_issues(&vault, &pack.id).unwrap().len(), 1);
    }

    fn json(out: &std::process::Output) -> serde_json::Value {
        assert!(out.status.success(), "command failed: {}", stderr(out));
        serde_json::from_slice(&out.stdout).expect("JSON on stdout")
    }

    #[test]
    fn cli_re_issues_a_saved_pack_with_late_additions() {
        let dir = Dir::new();
        let (mut vault, _) = dir.create();
        let child = add_child(
            &mut vault,
            &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
        )
        .unwrap();
        import(&mut vault, &child.id, "Decision letter", 2, "2025-06-01");
        vault.lock().unwrap();
        let saved = json(
            &dir.run(PASS, &["bundle", "save", "--child", &child.id, "--kind", "custom", "--json"]),
        );
        let pack = saved["id"].as_str().unwrap().to_string();
        let out = dir
            .run(PASS, &["bundle", "reissue", "--pack", &pack, "--add", "dc_x", "--out", "x.pdf"]);
        assert_one_clear_line(&out);
        assert!(stderr(&out).contains("hasn't been built yet"), "{}", stderr(&out));

        let first = dir.path("first.pdf");
        let one = json(&dir.run(
            PASS,
            &["bundle", "build", "--pack", &pack, "--out", first.to_str().unwrap(), "--json"],
        ));
        let mut vault =
            carefile::vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS)).unwrap();
        let late = import(&mut vault, &child.id, "Late reply", 3, "2025-12-01");
        vault.lock().unwrap();
        // Without --add: what could be added (not what is already in).
        let candidates = json(&dir.run(PASS, &["bundle", "reissue", "--pack", &pack, "--json"]));
        let ids: Vec<&str> =
            candidates.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [late.as_str()]);

        let second = dir.path("second.pdf");
        let two = json(&dir.run(
            PASS,
            &[
                "bundle",
                "reissue",
                "--pack",
                &pack,
                "--add",
                &late,
                "--today",
                "2027-01-05",
                "--out",
                second.to_str().unwrap(),
                "--json",
            ],
        ));
        qpdf_clean(&second);
        assert_eq!(two["issue"], 2);
        let late_from = two["late_from"].as_u64().unwrap() as u32;
        assert_eq!(late_from, one["manifest_first_page"].as_u64().unwrap() as u32);
        let sections = two["sections"].as_array().unwrap();
        assert_eq!(sections.last().unwrap()["documents"][0]["id"], late.as_str());
        assert_eq!(sections.last().unwrap()["first_page"], late_from);
        for n in 2..late_from {
            if n == one["index_first_page"].as_u64().unwrap() as u32 {
                continue; // its header names the new page count
            }
            assert_eq!(page_text(&first, n), page_text(&second, n), "page {n} changed");
        }
        let issues = json(&dir.run(PASS, &["bundle", "issues", &pack, "--json"]));
        let issues = issues.as_array().unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[1]["lateFrom"], late_from);
        assert_eq!(issues[1]["sha256"], two["sha256"]);
        // The file is never overwritten.
        let again = dir.run(
            PASS,
            &[
                "bundle",
                "reissue",
                "--pack",
                &pack,
                "--add",
                &late,
                "--out",
                second.to_str().unwrap(),
            ],
        );
        assert_one_clear_line(&again);
        assert!(stderr(&again).contains("already exists"));
    }
}
