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

/// The JSON a successful command printed.
fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON")
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

/// Imports a newer EP report (other words, a later date) into the vault of `family_and_bundle`.
fn newer_ep_report(dir: &Dir, child: &str) -> String {
    let mut vault = carefile::vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS))
        .expect("open vault");
    let mut seed = 99;
    let pages: Vec<String> = (0..2).map(|_| words(&mut seed, 120)).collect();
    let bytes = pdf("Educational psychology report", &pages);
    let options = ImportOptions {
        metadata: DocumentMetadata {
            title: Some("Educational psychology report (updated)".into()),
            child_id: Some(child.to_string()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    let id = import_bytes(&mut vault, "ep-2.pdf", bytes, &options).expect("import").id.unwrap();
    vault.lock().expect("lock");
    id
}

#[test]
fn a_newer_version_marked_in_the_vault_makes_the_older_one_in_the_bundle_outdated() {
    if !have_qpdf() {
        eprintln!("SKIPPED: qpdf is not installed");
        return;
    }
    let dir = Dir::new();
    let (child, ids) = family_and_bundle(&dir);
    let newer = newer_ep_report(&dir, &child);
    let la = dir.path("la.pdf").display().to_string();

    // Before the mark, the new report is simply missing and the old one is not out of date.
    let v = json(&dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--json"]));
    assert_eq!(v["outdated"], serde_json::json!([]));

    let out = dir.run(PASS, &["doc", "supersedes", &newer, &ids[0]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("newer version"), "{}", stdout(&out));
    let out = dir.run(PASS, &["doc", "supersedes", &ids[0], &newer]);
    assert!(!out.status.success(), "a loop of versions is refused");
    assert_one_clear_line(&out);

    let v = json(&dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--json"]));
    let outdated: Vec<(&str, &serde_json::Value, &str)> = v["outdated"]
        .as_array()
        .expect("outdated")
        .iter()
        .map(|o| (o["document"].as_str().unwrap(), &o["pages"], o["newer"].as_str().unwrap()))
        .collect();
    let (p1, p2) = (serde_json::json!([2, 4]), serde_json::json!([7, 9]));
    assert_eq!(
        outdated,
        vec![(ids[0].as_str(), &p1, newer.as_str()), (ids[0].as_str(), &p2, newer.as_str())]
    );
    let missing: Vec<&str> =
        v["missing"].as_array().unwrap().iter().map(|m| m["document"].as_str().unwrap()).collect();
    assert!(missing.contains(&newer.as_str()), "the newer report is missing: {missing:?}");
    assert!(!missing.contains(&ids[0].as_str()));
    assert_eq!(v["checked"], 5, "the old version is not expected in the bundle");

    // With a pack naming only the newer report, the old one is still recognised as out of date.
    let saved = json(&dir.run(
        PASS,
        &["bundle", "save", "--child", &child, "--kind", "custom", "--doc", &newer, "--json"],
    ));
    let pack = saved["id"].as_str().expect("pack id").to_string();
    let v = json(
        &dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--pack", &pack, "--json"]),
    );
    assert_eq!(v["checked"], 1);
    assert_eq!(v["outdated"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["missing"][0]["document"], newer.as_str());

    let versions = json(&dir.run(PASS, &["doc", "versions", "--child", &child, "--json"]));
    assert_eq!(versions["marks"][0]["newer"], newer.as_str());
    let out = dir.run(PASS, &["doc", "supersedes", &newer, &ids[0], "--clear"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--json"]));
    assert_eq!(v["outdated"], serde_json::json!([]));
}

#[test]
fn the_letter_lists_the_problems_with_pages_and_joins_the_contact_log_when_sent() {
    if !have_qpdf() {
        eprintln!("SKIPPED: qpdf is not installed");
        return;
    }
    let dir = Dir::new();
    let (child, _) = family_and_bundle(&dir);
    let la = dir.path("la.pdf").display().to_string();
    let letter = dir.path("letter.pdf").display().to_string();
    let send7 = dir.path("send7.pdf").display().to_string();

    let out = dir.run(
        PASS,
        &[
            "bundle",
            "check",
            &la,
            "--child",
            &child,
            "--appeal-type",
            "refusal-to-assess",
            "--letter",
            &letter,
            "--from",
            "Jo Example",
            "--sent",
            "2026-12-01",
            "--channel",
            "email",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // Ten pages of the family's evidence against the limit of 75 for a refusal to assess.
    assert_eq!(v["budgets"][0]["section"], "Parent's evidence");
    assert_eq!(
        (v["budgets"][0]["pages"].as_u64(), v["budgets"][0]["limit"].as_u64()),
        (Some(10), Some(75))
    );
    assert_eq!(v["budgets"][0]["source"], "documents");
    assert!(std::fs::read(&letter).expect("letter PDF").starts_with(b"%PDF"));
    let text = std::fs::read_to_string(dir.path("letter.txt")).expect("letter text");
    for want in [
        "Problems in the tribunal bundle for Sam Example",
        "- School SENCo report",
        "- Paediatrician letter",
        "Educational psychology report at pages 2\u{2013}4 and pages 7\u{2013}9",
        "the index says page 12, but it is at pages 10\u{2013}11",
        "Yours sincerely,\n\nJo Example",
        "1 Dec 2026",
    ] {
        assert!(text.contains(want), "{want:?} is not in:\n{text}");
    }
    let log = json(&dir.run(PASS, &["log", "list", "--child", &child, "--json"]));
    let log = log.as_array().expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["subject"], "Problems in the tribunal bundle for Sam Example");
    assert_eq!(log[0]["sent"], "2026-12-01");
    assert_eq!(log[0]["id"], v["correspondence"]);

    // The letter is never written over; within its limit, no SEND7 is drafted.
    let out = dir.run(PASS, &["bundle", "check", &la, "--child", &child, "--letter", &letter]);
    assert!(!out.status.success());
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("already there"), "{}", stderr(&out));
    let out = dir.run(
        PASS,
        &[
            "bundle",
            "check",
            &la,
            "--child",
            &child,
            "--appeal-type",
            "contents",
            "--send7",
            &send7,
        ],
    );
    assert!(!out.status.success());
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("within its page limit"), "{}", stderr(&out));
    assert!(!Path::new(&send7).exists());
}

#[test]
fn a_send7_draft_names_the_pages_over_the_limit() {
    use carefile::bundle::{
        send7_draft, BudgetSource, BundleCheck, CheckLetterOptions, SectionBudget,
    };
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild {
            name: "Łucja Wiśniewska".into(),
            dob: NaiveDate::from_ymd_opt(2014, 2, 3).unwrap(),
            ..NewChild::default()
        },
    )
    .unwrap();
    let check = BundleCheck {
        pages: 300,
        checked: 4,
        found: vec![],
        missing: vec![],
        duplicates: vec![],
        outdated: vec![],
        partial: vec![],
        unreadable: vec![],
        other_pages: vec![],
        not_checked: vec![],
        index: vec![],
        budgets: vec![SectionBudget {
            section: "Parent's evidence".into(),
            limit: 100,
            pages: 131,
            ranges: vec![[70, 200]],
            source: BudgetSource::Index,
        }],
    };
    let options = CheckLetterOptions {
        child_id: child.id.clone(),
        file_name: "bundle.pdf".into(),
        dated: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        from_name: None,
    };
    let draft = send7_draft(&vault, &check, &options).expect("draft");
    for want in [
        "131 pages",
        "31 more than the limit of 100",
        "pages 70\u{2013}200",
        "Łucja Wiśniewska",
        "[Your name]",
    ] {
        assert!(draft.text.contains(want), "{want:?} is not in:\n{}", draft.text);
    }
    let pdf = carefile::milestones::letter_pdf(&draft).expect("PDF");
    assert!(pdf.starts_with(b"%PDF"));
    // Nothing wrong, no letter.
    let clean = BundleCheck { budgets: vec![], ..check };
    let err = carefile::bundle::check_letter(&vault, &clean, &options).unwrap_err();
    assert!(err.to_string().contains("nothing wrong"), "{err}");
}

/// `pdf` re-made as a scan: each page drawn by pdftoppm (150 dpi, grey) and put back as an image
/// with no text layer.
fn scanned(pdf: &Path, out: &Path, dir: &Path) {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for n in 1.. {
        let stem = dir.join(format!("scan-{n}"));
        let out = Command::new("pdftoppm")
            .args(["-r", "150", "-gray", "-f", &n.to_string(), "-l", &n.to_string(), "-singlefile"])
            .arg(pdf)
            .arg(&stem)
            .output()
            .expect("pdftoppm");
        let Ok(pgm) = std::fs::read(stem.with_extension("pgm")) else { break };
        assert!(out.status.success() || !pgm.is_empty());
        // "P5\n<w> <h>\n255\n" then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !pgm[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
        }
        let (w, h): (i64, i64) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let pixels = pgm[at + 1..].to_vec();
        let mut image = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => w, "Height" => h,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            pixels,
        );
        image.compress().expect("compress");
        let image_id = doc.add_object(image);
        let content =
            doc.add_object(Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec()));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
        })));
    }
    assert!(!kids.is_empty(), "pdftoppm drew no pages");
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save(out).expect("save scan");
}

#[test]
fn a_scanned_copy_with_no_text_layer_is_still_found_with_ocr() {
    let have = |p: &str| Command::new(p).arg("-v").output().is_ok();
    if !have_qpdf() || !have("tesseract") || !have("pdftoppm") {
        eprintln!("SKIPPED: qpdf, tesseract or pdftoppm is not installed");
        return;
    }
    let dir = Dir::new();
    let (child, ids) = family_and_bundle(&dir);
    // The LA bundle: the EP report as it is, then the SALT report printed and scanned.
    scanned(&dir.path("b.pdf"), &dir.path("b-scan.pdf"), dir.tmp.path());
    qpdf(&["--empty", "--pages", "a.pdf", "b-scan.pdf", "--", "scan-bundle.pdf"], dir.tmp.path());
    let vault = carefile::vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS))
        .expect("open vault");
    let bytes = std::fs::read(dir.path("scan-bundle.pdf")).unwrap();

    let without = CheckOptions { child_id: child.clone(), no_ocr: true, ..CheckOptions::default() };
    let report = check_bundle(&vault, bytes.clone(), &without, &mut |_| {}).expect("check");
    assert_eq!(report.unreadable, vec![4, 5], "without OCR the scanned pages can't be read");

    let with = CheckOptions { child_id: child, ..CheckOptions::default() };
    let report = check_bundle(&vault, bytes, &with, &mut |_| {}).expect("check");
    let found: Vec<(&str, [u32; 2])> =
        report.found.iter().map(|f| (f.document.as_str(), f.pages)).collect();
    assert_eq!(found, vec![(ids[0].as_str(), [1, 3]), (ids[1].as_str(), [4, 5])]);
    assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
}
