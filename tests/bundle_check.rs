//! `bundle check`: an "LA bundle" made with qpdf from the family's own documents (a cover of its
//! own, one document twice, two left out, every page stamped "LA bundle page N of M" by overlay)
//! is checked against the vault: each document at its exact pages, the two missing, the duplicate,
//! and the one wrong page number in the cover's index.

use std::path::Path;
use std::process::Command;

use carefile::bundle::{check_bundle, CheckOptions};
use carefile::documents::{import_bytes, DocumentMetadata, ImportOptions};
use carefile::pdf::{save_pdf, Layout, TextStyle};
use carefile::record::{add_child, NewChild};
use chrono::NaiveDate;

use crate::util::*;

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "ve", "zo", "bri", "dan", "fel", "gor", "hul",
    "jin",
];

/// Made-up words, different for every seed.
fn words(seed: &mut u64, count: usize) -> String {
    (0..count)
        .map(|_| {
            (0..3)
                .map(|_| {
                    *seed =
                        seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    SYLLABLES[(*seed >> 60) as usize]
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf(title: &str, pages: &[String]) -> Vec<u8> {
    let mut layout = Layout::a4();
    for (n, text) in pages.iter().enumerate() {
        if n > 0 {
            layout.new_page();
        }
        layout.heading(title, &TextStyle::heading());
        layout.paragraph(text, &TextStyle::body());
    }
    save_pdf(title, layout.finish()).expect("PDF")
}

fn qpdf(args: &[&str], dir: &Path) {
    let out = Command::new("qpdf").args(args).current_dir(dir).output().expect("run qpdf");
    // 3 is "succeeded with warnings".
    assert!(matches!(out.status.code(), Some(0 | 3)), "qpdf failed: {}", stderr(&out));
}

fn have_qpdf() -> bool {
    Command::new("qpdf").arg("--version").output().is_ok()
}

/// A vault with one child and five documents (pages: 3, 2, 2, 2, 1), the bundle made of them in
/// `la.pdf`; returns the child and the document ids.
fn family_and_bundle(dir: &Dir) -> (String, Vec<String>) {
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild {
            name: "Sam Example".into(),
            dob: NaiveDate::from_ymd_opt(2015, 6, 1).unwrap(),
            ..NewChild::default()
        },
    )
    .expect("add child");
    let titles = [
        "Educational psychology report",
        "Speech and language therapy report",
        "Occupational therapy report",
        "School SENCo report",
        "Paediatrician letter",
    ];
    let page_counts = [3, 2, 2, 2, 1];
    let mut seed = 11;
    let mut ids = Vec::new();
    for (n, (title, count)) in titles.iter().zip(page_counts).enumerate() {
        let pages: Vec<String> = (0..count).map(|_| words(&mut seed, 120)).collect();
        let bytes = pdf(title, &pages);
        let file = format!("{}.pdf", (b'a' + n as u8) as char);
        std::fs::write(dir.path(&file), &bytes).expect("write document");
        let options = ImportOptions {
            metadata: DocumentMetadata {
                title: Some(title.to_string()),
                child_id: Some(child.id.clone()),
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        };
        let outcome = import_bytes(&mut vault, &file, bytes, &options).expect("import");
        ids.push(outcome.id.expect("imported"));
    }
    vault.lock().expect("lock");

    // The LA's cover and index (its page numbers: the SENCo report's is wrong on purpose).
    let mut layout = Layout::a4();
    layout.heading("Local authority bundle", &TextStyle::heading());
    layout.paragraph("Appeal reference EH999/25/00001. Index", &TextStyle::body());
    for line in [
        "Educational psychology report ........ 2",
        "Speech and language therapy report ........ 5",
        "Occupational therapy report ........ 12",
    ] {
        layout.paragraph(line, &TextStyle::body());
    }
    let cover = save_pdf("Cover", layout.finish()).expect("cover");
    std::fs::write(dir.path("cover.pdf"), cover).expect("write cover");
    // cover 1, a 2-4, b 5-6, a 7-9, c 10-11: 11 pages; d and e left out.
    qpdf(
        &["--empty", "--pages", "cover.pdf", "a.pdf", "b.pdf", "a.pdf", "c.pdf", "--", "raw.pdf"],
        dir.tmp.path(),
    );
    let stamps: Vec<String> = (1..=11).map(|n| format!("LA bundle page {n} of 11")).collect();
    let mut layout = Layout::a4();
    for (n, s) in stamps.iter().enumerate() {
        if n > 0 {
            layout.new_page();
        }
        layout.paragraph(s, &TextStyle::body());
    }
    std::fs::write(dir.path("stamps.pdf"), save_pdf("Stamps", layout.finish()).unwrap()).unwrap();
    qpdf(&["raw.pdf", "--overlay", "stamps.pdf", "--", "la.pdf"], dir.tmp.path());
    (child.id, ids)
}

#[test]
fn finds_each_document_at_its_pages_the_missing_and_the_duplicate() {
    if !have_qpdf() {
        eprintln!("SKIPPED: qpdf is not installed");
        return;
    }
    let dir = Dir::new();
    let (child, ids) = family_and_bundle(&dir);
    let vault = carefile::vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS))
        .expect("open vault");
    let bytes = std::fs::read(dir.path("la.pdf")).unwrap();
    let mut steps = Vec::new();
    let options = CheckOptions { child_id: child.clone(), ..CheckOptions::default() };
    let report = check_bundle(&vault, bytes, &options, &mut |p| steps.push(p)).expect("check");

    assert_eq!(report.pages, 11);
    assert_eq!(report.checked, 5);
    let found: Vec<(&str, [u32; 2])> =
        report.found.iter().map(|f| (f.document.as_str(), f.pages)).collect();
    assert_eq!(
        found,
        vec![
            (ids[0].as_str(), [2, 4]),
            (ids[1].as_str(), [5, 6]),
            (ids[0].as_str(), [7, 9]),
            (ids[2].as_str(), [10, 11]),
        ]
    );
    let mut missing: Vec<&str> = report.missing.iter().map(|m| m.document.as_str()).collect();
    missing.sort();
    let mut expected = vec![ids[3].as_str(), ids[4].as_str()];
    expected.sort();
    assert_eq!(missing, expected);
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(report.duplicates[0].document, ids[0]);
    assert_eq!(report.duplicates[0].occurrences, vec![[2, 4], [7, 9]]);
    assert!(report.partial.is_empty(), "{:?}", report.partial);
    assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
    assert_eq!(report.other_pages, vec![1]);
    // The cover's index gives page 12 for the OT report, which starts at page 10.
    assert_eq!(report.index.len(), 1, "{:?}", report.index);
    assert_eq!(report.index[0].document, ids[2]);
    assert_eq!((report.index[0].listed, report.index[0].index_page), (12, 1));
    assert_eq!(report.index[0].actual, vec![[10, 11]]);
    assert_eq!(steps.last().map(|p| p.done == p.total), Some(true));
}

#[test]
fn the_cli_prints_the_report_and_refuses_a_file_that_is_not_a_pdf() {
    if !have_qpdf() {
        eprintln!("SKIPPED: qpdf is not installed");
        return;
    }
    let dir = Dir::new();
    let (child, ids) = family_and_bundle(&dir);
    let la = dir.path("la.pdf").display().to_string();

    let out = dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["found"][0]["document"], ids[0].as_str());
    assert_eq!(v["found"][0]["pages"], serde_json::json!([2, 4]));
    assert_eq!(v["duplicates"][0]["occurrences"], serde_json::json!([[2, 4], [7, 9]]));
    assert_eq!(v["missing"].as_array().map(Vec::len), Some(2));

    let out = dir.run(PASS, &["bundle", "check", &la, "--child", &child]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Found: Educational psychology report, pages 2\u{2013}4"), "{text}");
    assert!(text.contains("Missing: Paediatrician letter"), "{text}");
    assert!(
        text.contains(
            "Twice: Educational psychology report, pages 2\u{2013}4 and pages 7\u{2013}9"
        ),
        "{text}"
    );

    // With a saved pack of the EP and SENCo reports, only the SENCo report is missing.
    let out = dir.run(
        PASS,
        &[
            "bundle", "save", "--child", &child, "--kind", "custom", "--doc", &ids[0], "--doc",
            &ids[3], "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let saved: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let pack = saved["id"].as_str().expect("pack id").to_string();
    let out =
        dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--pack", &pack, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["checked"], 2);
    assert_eq!(
        v["missing"],
        serde_json::json!([{"document": ids[3], "title": "School SENCo report"}])
    );
    assert_eq!(v["found"].as_array().map(Vec::len), Some(2));

    std::fs::write(dir.path("notes.txt"), "not a bundle").unwrap();
    let notes = dir.path("notes.txt").display().to_string();
    let out = dir.run(PASS, &["bundle", "check", &notes, "--child", &child]);
    assert!(!out.status.success());
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("not a PDF"), "{}", stderr(&out));

    let out = dir.run(PASS, &["bundle", "check", &la, "--child", "nobody"]);
    assert!(!out.status.success());
    assert_one_clear_line(&out);
}
