//! An advocate's caseload (issue 12): many families in one vault, taken in through each area's own
//! rules, never mixed, and work going back to the right family; hostile packages refused with
//! nothing changed.

use std::path::{Path, PathBuf};

use carefile::documents::{self, DocumentFilter, DocumentMetadata, ImportOptions, SearchQuery};
use carefile::exchange::{self, testing};
use carefile::record::{self, CorrespondenceKind, Direction, NewChild, NewCorrespondence};
use carefile::vault::{KdfParams, Passphrase, Vault};
use serde_json::{json, Value as Json};

use crate::util::*;

const SHARE: &str = "otters under the old mill";

fn share() -> Passphrase {
    Passphrase::new(SHARE)
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// A family's own vault: one child, a letter logged, a recorded deadline event and a document
/// whose text holds `word` (a word no other family uses).
struct Family {
    dir: Dir,
    vault: Vault,
    child: String,
    word: String,
}

fn family(name: &str, word: &str, requested: &str) -> Family {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let child = record::add_child(
        &mut v,
        &NewChild { name: name.into(), dob: d("2016-05-04"), ..Default::default() },
    )
    .unwrap()
    .id;
    record::add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: Some(child.clone()),
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Outgoing,
            subject: format!("Request for {name}"),
            dated: None,
            sent: Some(d(requested)),
            received: None,
            channel: None,
            proof_of_delivery: None,
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap();
    let event = carefile::milestones::parse_event_arg(
        &format!("assessment-request-received={requested}"),
        None,
    )
    .unwrap();
    carefile::milestones::add_event(&mut v, &child, &event).unwrap();
    import_text(
        &mut v,
        &child,
        &format!("{name}-report.txt"),
        &format!("Report: {word} needs support."),
    );
    Family { dir, vault: v, child, word: word.into() }
}

fn import_text(v: &mut Vault, child: &str, name: &str, text: &str) -> String {
    let options = ImportOptions {
        metadata: DocumentMetadata { child_id: Some(child.into()), ..Default::default() },
        ..Default::default()
    };
    let out = documents::import_bytes(v, name, text.as_bytes().to_vec(), &options).unwrap();
    out.id.expect("imported")
}

fn export(v: &Vault, child: &str, by: &str, out: &Path) -> exchange::HandoverManifest {
    let request = exchange::HandoverRequest {
        child_id: child.into(),
        documents: None,
        made_by: by.into(),
        delete_after: None,
    };
    exchange::export_handover(v, &request, &share(), KdfParams::INSECURE_FOR_TESTS, out).unwrap()
}

fn search(v: &Vault, word: &str, family: Option<&str>) -> Vec<String> {
    let q = SearchQuery {
        text: word.into(),
        filter: DocumentFilter { family_id: family.map(str::to_owned), ..Default::default() },
        limit: None,
    };
    documents::search(v, &q).unwrap().into_iter().map(|h| h.id).collect()
}

fn count(v: &Vault, table: &str) -> i64 {
    v.conn().query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0)).unwrap()
}

fn family_of(v: &Vault, child: &str) -> String {
    record::family_of_child(v, child).unwrap()
}

#[test]
fn three_families_go_into_one_advocate_vault_and_work_goes_back_to_the_right_one() {
    let mut fams = vec![
        family("Ada", "quillwort", "2026-09-01"),
        family("Ben", "marramgrass", "2026-10-01"),
        family("Cal", "sundew", "2026-11-01"),
    ];
    let adv = Dir::new();
    let (mut advocate, _) = adv.create();
    let mut packages = Vec::new();
    for f in &fams {
        let p = f.dir.path("to-advocate.carefile-handover");
        export(&f.vault, &f.child, "Parent", &p);
        let r = exchange::import_handover(&mut advocate, &p, &share()).unwrap();
        assert_eq!(r.documents_added, 1, "{r:?}");
        assert_eq!(r.family_id, family_of(&f.vault, &f.child));
        packages.push(p);
    }
    assert_eq!(record::list_families(&advocate).unwrap().len(), 3);
    assert_eq!(documents::list_documents(&advocate, &Default::default()).unwrap().len(), 3);
    for f in &fams {
        let fam = family_of(&advocate, &f.child);
        let listed = documents::list_documents(
            &advocate,
            &DocumentFilter { family_id: Some(fam.clone()), ..Default::default() },
        )
        .unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(search(&advocate, &f.word, None), vec![listed[0].id.clone()]);
        assert_eq!(search(&advocate, &f.word, Some(&fam)).len(), 1);
        for other in fams.iter().filter(|o| o.word != f.word) {
            assert!(search(&advocate, &other.word, Some(&fam)).is_empty());
        }
    }
    // Re-importing any package adds nothing at all.
    let before = snapshot_rows(&advocate);
    for p in &packages {
        let r = exchange::import_handover(&mut advocate, p, &share()).unwrap();
        assert!(r.already_imported);
        assert_eq!(r.rows_added, 0);
    }
    assert_eq!(before, snapshot_rows(&advocate));
    assert!(carefile::audit::verify(advocate.conn()).unwrap().ok);
    let received = exchange::verify_received_audit(&advocate).unwrap();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.check.ok && r.check.entries >= 1), "{received:?}");

    // The caseload: every family, the most urgent (oldest request, most overdue) first.
    let c = carefile::caseload::caseload(&advocate, d("2027-03-01")).unwrap();
    assert_eq!(c.families.len(), 3);
    assert_eq!(c.families[0].children[0].child_id, fams[0].child);
    for f in &c.families {
        let ch = &f.children[0];
        assert!(ch.last_contact.is_some());
        assert_eq!(ch.last_package.as_ref().unwrap().direction, "import");
    }

    // Nothing of another family goes into Ben's pack or open export.
    let ada_doc = documents::list_documents(
        &advocate,
        &DocumentFilter {
            family_id: Some(family_of(&advocate, &fams[0].child)),
            ..Default::default()
        },
    )
    .unwrap()[0]
        .id
        .clone();
    let pack = carefile::bundle::PackRequest {
        child_id: fams[1].child.clone(),
        sections: vec![carefile::bundle::PackDocumentChoice {
            spec: carefile::bundle::SectionSpec {
                letter: "A".into(),
                title: "Evidence".into(),
                budget: None,
                kinds: vec![],
                extract: None,
            },
            document_ids: vec![ada_doc.clone()],
            order: Default::default(),
        }],
        ..Default::default()
    };
    let e = carefile::bundle::plan_pack(&advocate, &pack).unwrap_err();
    assert!(e.to_string().contains("belongs to another family"), "{e}");
    let request = exchange::HandoverRequest {
        child_id: fams[1].child.clone(),
        documents: Some(vec![ada_doc]),
        made_by: "Advocate".into(),
        delete_after: None,
    };
    let e = exchange::export_handover(
        &advocate,
        &request,
        &share(),
        KdfParams::INSECURE_FOR_TESTS,
        &adv.path("wrong.carefile-handover"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("isn't part of this child's family"), "{e}");
    let out = adv.path("ben-export");
    let summary = exchange::open_export(&advocate, &fams[1].child, &out).unwrap();
    assert_eq!(summary.documents.len(), 1);
    let mut everything = String::new();
    for entry in walk(&out) {
        everything.push_str(&String::from_utf8_lossy(&std::fs::read(entry).unwrap()));
    }
    assert!(everything.contains("marramgrass"));
    for other in [&fams[0], &fams[2]] {
        assert!(!everything.contains(&other.word) && !everything.contains(&other.child));
    }

    // The advocate writes for Ben and sends it back; Ben finds it and nothing of Ada's or Cal's.
    let ben = &fams[1].child.clone();
    import_text(
        &mut advocate,
        ben,
        "advocate-letter.txt",
        "Advocate letter: tribunal bundle ready, heliotrope.",
    );
    let back = adv.path("to-ben.carefile-handover");
    let m = export(&advocate, ben, "Advocate", &back);
    let inside = testing::unseal_json(&back, &share()).unwrap().to_string();
    for other in [&fams[0], &fams[2]] {
        assert!(!inside.contains(&other.child), "another family's child in Ben's package");
        assert!(!inside.contains(&other.word));
    }
    assert_eq!(m.documents.len(), 2);
    let ben_family = &mut fams[1];
    let r = exchange::import_handover(&mut ben_family.vault, &back, &share()).unwrap();
    assert_eq!(r.documents_added, 1, "{r:?}");
    assert_eq!(search(&ben_family.vault, "heliotrope", None).len(), 1);
    assert_eq!(count(&ben_family.vault, "documents"), 2);
    for w in ["quillwort", "sundew"] {
        assert!(search(&ben_family.vault, w, None).is_empty());
    }
    assert!(carefile::audit::verify(ben_family.vault.conn()).unwrap().ok);
    ben_family.vault.check_integrity().unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Every row of every table but the search index's internals, to compare before and after.
fn snapshot_rows(v: &Vault) -> String {
    let tables: Vec<String> = v
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'doc_search%' AND name NOT LIKE 'record_search%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = v.conn().prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{:?}",
                    (0..n)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i))
                        .collect::<Result<Vec<_>, _>>()?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("{t}: {rows:?}\n"));
    }
    out
}

#[test]
fn round_trips_family_advocate_family_advocate_duplicate_nothing() {
    let mut fam = family("Dee", "bogbean", "2026-09-01");
    let adv = Dir::new();
    let (mut advocate, _) = adv.create();
    let child = fam.child.clone();
    let p1 = fam.dir.path("1.carefile-handover");
    export(&fam.vault, &child, "Parent", &p1);
    exchange::import_handover(&mut advocate, &p1, &share()).unwrap();
    import_text(&mut advocate, &child, "advocate-notes.txt", "Advocate notes on provision");
    let p2 = adv.path("2.carefile-handover");
    export(&advocate, &child, "Advocate", &p2);
    let r = exchange::import_handover(&mut fam.vault, &p2, &share()).unwrap();
    assert_eq!(r.documents_added, 1);
    // The family adds a letter and sends everything back.
    import_text(&mut fam.vault, &child, "school-letter.txt", "School letter about transport");
    let p3 = fam.dir.path("3.carefile-handover");
    export(&fam.vault, &child, "Parent", &p3);
    let r = exchange::import_handover(&mut advocate, &p3, &share()).unwrap();
    assert_eq!(r.documents_added, 1, "{r:?}");
    let p4 = adv.path("4.carefile-handover");
    export(&advocate, &child, "Advocate", &p4);
    let r = exchange::import_handover(&mut fam.vault, &p4, &share()).unwrap();
    assert_eq!(r.documents_added, 0);
    assert_eq!(r.rows_added, 0, "{r:?}");
    for v in [&fam.vault, &advocate] {
        assert_eq!(count(v, "documents"), 3);
        assert_eq!(count(v, "children"), 1);
        assert_eq!(count(v, "correspondence"), 1);
        assert_eq!(count(v, "deadline_events"), 1);
        assert_eq!(count(v, "families"), 1);
        let nums: i64 = v
            .conn()
            .query_row("SELECT count(DISTINCT num) FROM documents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(nums, 3);
        assert!(carefile::audit::verify(v.conn()).unwrap().ok);
        assert_eq!(search(v, "transport", None).len(), 1);
        assert_eq!(search(v, "provision", None).len(), 1);
    }
}

// ---- Hostile packages ----

/// An advocate vault that already holds one family, and another family's genuine package to
/// tamper with (its JSON, unsealed).
struct Hostile {
    adv: Dir,
    advocate: Vault,
    first: Family,
    json: Json,
}

fn hostile() -> Hostile {
    let first = family("Eve", "butterwort", "2026-09-01");
    let adv = Dir::new();
    let (mut advocate, _) = adv.create();
    let p = first.dir.path("p.carefile-handover");
    export(&first.vault, &first.child, "Parent", &p);
    exchange::import_handover(&mut advocate, &p, &share()).unwrap();
    let second = family("Fin", "cottongrass", "2026-10-01");
    let p = second.dir.path("p.carefile-handover");
    export(&second.vault, &second.child, "Parent", &p);
    let json = testing::unseal_json(&p, &share()).unwrap();
    Hostile { adv, advocate, first, json }
}

fn table<'a>(json: &'a mut Json, t: &str) -> &'a mut Json {
    &mut json["tables"][t]
}

/// Seals `json`, imports it, and checks it is refused in one line with every vault file unchanged.
fn refused(h: &mut Hostile, json: &Json, expect: &str) {
    let path: PathBuf = h.adv.path("hostile.carefile-handover");
    testing::seal_json(json, &share(), KdfParams::INSECURE_FOR_TESTS, &path).unwrap();
    h.advocate.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let before = snapshot(&h.adv.vault());
    let rows = snapshot_rows(&h.advocate);
    let e = exchange::import_handover(&mut h.advocate, &path, &share()).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains(expect), "{expect}: {msg}");
    assert!(!msg.contains('\n'), "{msg}");
    assert!(msg.ends_with("Nothing was imported."), "{msg}");
    assert_eq!(snapshot_rows(&h.advocate), rows, "{expect}");
    assert!(snapshot(&h.adv.vault()) == before, "vault files changed: {expect}");
}

#[test]
fn rows_for_tables_outside_the_exchange_format_are_refused() {
    let mut h = hostile();
    for t in ["audit_log", "handovers", "vault_meta", "doc_search", "deadline_settings"] {
        let mut j = h.json.clone();
        *table(&mut j, t) = json!([["seq", "hash"], [[1, "x"]]]);
        refused(&mut h, &j, &format!("it holds rows for {t}"));
    }
}

#[test]
fn columns_outside_the_exchange_format_are_refused() {
    let mut h = hostile();
    let mut j = h.json.clone();
    // A document's own number is this vault's business.
    let docs = table(&mut j, "documents");
    docs[0].as_array_mut().unwrap().push(json!("num"));
    for r in docs[1].as_array_mut().unwrap() {
        r.as_array_mut().unwrap().push(json!(1));
    }
    refused(&mut h, &j, "column documents.num outside the exchange format");
}

#[test]
fn ids_pointing_at_another_familys_rows_are_refused() {
    let mut h = hostile();
    let eve_child = h.first.child.clone();
    // A letter of the new family filed under the first family's child.
    let mut j = h.json.clone();
    let corr = table(&mut j, "correspondence");
    let at = corr[0].as_array().unwrap().iter().position(|c| c == "child_id").unwrap();
    corr[1][0][at] = json!(eve_child);
    refused(&mut h, &j, "neither in the package nor this family's");
    // A document linked to the first family's child.
    let mut j = h.json.clone();
    let links = table(&mut j, "doc_links");
    let at = links[0].as_array().unwrap().iter().position(|c| c == "target_id").unwrap();
    links[1][0][at] = json!(eve_child);
    refused(&mut h, &j, "neither in the package nor this family's");
    // The first family's child, claimed for the new family.
    let mut j = h.json.clone();
    let kids = table(&mut j, "children");
    let at = kids[0].as_array().unwrap().iter().position(|c| c == "id").unwrap();
    kids[1][0][at] = json!(eve_child);
    j["manifest"]["childId"] = json!(eve_child);
    refused(&mut h, &j, "belongs to another family");
    // A deadline event for the first family's child.
    let mut j = h.json.clone();
    let ev = table(&mut j, "deadline_events");
    let at = ev[0].as_array().unwrap().iter().position(|c| c == "child_id").unwrap();
    ev[1][0][at] = json!(eve_child);
    refused(&mut h, &j, "neither in the package nor this family's");
    // A package from before families existed.
    let mut j = h.json.clone();
    j["tables"].as_object_mut().unwrap().remove("families");
    refused(&mut h, &j, "older version of Carefile");
    // Two families in one package.
    let mut j = h.json.clone();
    let fam = table(&mut j, "families");
    let mut second = fam[1][0].clone();
    second[0] = json!("fa_0000000000000000");
    fam[1].as_array_mut().unwrap().push(second);
    refused(&mut h, &j, "exactly one family");
}

#[test]
fn oversized_or_forged_originals_are_refused() {
    let mut h = hostile();
    let size_at = |j: &mut Json| {
        table(j, "doc_blobs")[0].as_array().unwrap().iter().position(|c| c == "size").unwrap()
    };
    let mut j = h.json.clone();
    let at = size_at(&mut j);
    table(&mut j, "doc_blobs")[1][0][at] = json!(600_i64 * 1024 * 1024);
    refused(&mut h, &j, "larger than the import limit");
    // Bytes that don't match the fingerprint.
    let mut j = h.json.clone();
    let chunks = table(&mut j, "doc_blob_chunks");
    let at = chunks[0].as_array().unwrap().iter().position(|c| c == "data").unwrap();
    chunks[1][0][at] = json!({ "base64": "Zm9yZ2Vk" });
    refused(&mut h, &j, "doesn't match its fingerprint");
    // A stored file no document uses.
    let mut j = h.json.clone();
    let blobs = table(&mut j, "doc_blobs");
    let mut extra = blobs[1][0].clone();
    extra[0] = json!("ab".repeat(32));
    blobs[1].as_array_mut().unwrap().push(extra);
    refused(&mut h, &j, "no document in it uses");
    // A forged audit history.
    let mut j = h.json.clone();
    j["audit"][0]["detail"] = json!("{\"file\":\"elsewhere\"}");
    refused(&mut h, &j, "audit history fails its check");
}

#[test]
fn caseload_from_the_cli_lists_families_by_urgency() {
    let a = family("Gus", "eyebright", "2026-01-05");
    let b = family("Hal", "milkwort", "2026-12-01");
    let adv = Dir::new();
    adv.init();
    for f in [&b, &a] {
        let p = f.dir.path("p.carefile-handover");
        export(&f.vault, &f.child, "Parent", &p);
        let o = adv
            .cli()
            .env("CAREFILE_PASSPHRASE", PASS)
            .env("CAREFILE_SHARE_PASSPHRASE", SHARE)
            .args(["handover", "import", p.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = adv.run(PASS, &["--json", "caseload", "--today", "2026-12-20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Json = serde_json::from_slice(&o.stdout).unwrap();
    let fams = c["families"].as_array().unwrap();
    assert_eq!(fams.len(), 2);
    assert_eq!(fams[0]["children"][0]["childId"], json!(a.child), "{c}");
    let o = adv.run(PASS, &["caseload", "--today", "2026-12-20"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Gus") && text.contains("package received"), "{text}");
    let fam = fams[1]["familyId"].as_str().unwrap();
    let o = adv.run(PASS, &["--json", "doc", "search", "eyebright", "--family", fam]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(serde_json::from_slice::<Json>(&o.stdout).unwrap().as_array().unwrap().len(), 0);
    let o = adv.run(PASS, &["--json", "child", "list", "--family", fam]);
    assert!(o.status.success(), "{}", stderr(&o));
    let kids: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(kids.as_array().unwrap().len(), 1);
    assert_eq!(kids[0]["id"], json!(b.child));
    let o = adv.run(PASS, &["--json", "deadlines", "due-soon", "--family", "fa_nosuchfamily00"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no family with the id"), "{}", stderr(&o));
    let o = adv.run(PASS, &["audit", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("received from vault"));
}
