//! `make bench`: checking an LA bundle of about 500 pages against a vault of 200 documents (the
//! issue's target: under 10 seconds), side by side with poppler's `pdftotext` reading the same
//! bundle's text alone, as a ratio. Run with `cargo bench --bench bundle_check`.
//!
//! The documents are imported through the public API (each a PDF read by the text engine); the
//! bundle holds 190 of them in a shuffled order, some twice, with a stamp line added on every page,
//! as an LA's re-stamped bundle has.

use std::process::Command;
use std::time::Instant;

use carefile::bundle::{check_bundle, CheckOptions};
use carefile::documents::{self, DocumentMetadata, ImportOptions};
use carefile::record::{self, NewChild};
use carefile::vault::{self, KdfParams, Passphrase};

#[path = "common/pdf.rs"]
mod common_pdf;
use common_pdf::pdf;

const PASS: &str = "kettle orbit lantern minnow";
const DOCUMENTS: usize = 200;
const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "ve", "zo", "bri", "dan", "fel", "gor", "hul",
    "jin",
];

fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Made-up words: every page its own text.
fn words(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| (0..3).map(|_| SYLLABLES[next(seed) as usize % 16]).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("vault");
    let (mut v, _) =
        vault::create(&dir, "Bench", &Passphrase::new(PASS), KdfParams::INSECURE_FOR_TESTS)
            .expect("create");
    let child = record::add_child(
        &mut v,
        &NewChild {
            name: "Sam Example".into(),
            dob: chrono::NaiveDate::from_ymd_opt(2015, 6, 1).unwrap(),
            ..NewChild::default()
        },
    )
    .expect("child");

    // 200 documents of 1 to 4 pages, 8 lines of words each.
    let mut seed = 5;
    let mut docs: Vec<Vec<Vec<String>>> = Vec::new();
    for i in 0..DOCUMENTS {
        let count = 1 + next(&mut seed) as usize % 4;
        let pages: Vec<Vec<String>> =
            (0..count).map(|_| (0..8).map(|_| words(&mut seed, 8)).collect()).collect();
        let options = ImportOptions {
            metadata: DocumentMetadata {
                title: Some(format!("Report {i}")),
                child_id: Some(child.id.clone()),
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        };
        documents::import_bytes(&mut v, &format!("d{i}.pdf"), pdf(&pages), &options)
            .expect("import");
        docs.push(pages);
    }

    // The bundle: 190 documents in a shuffled order, ten of them twice, every page stamped.
    let mut order: Vec<usize> = (0..190).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, next(&mut seed) as usize % (i + 1));
    }
    order.extend(0..10);
    let mut pages: Vec<Vec<String>> = order.iter().flat_map(|&d| docs[d].clone()).collect();
    let total = pages.len();
    for (n, p) in pages.iter_mut().enumerate() {
        p.insert(0, format!("LA bundle page {} of {total}", n + 1));
    }
    let bundle = pdf(&pages);
    let file = tmp.path().join("bundle.pdf");
    std::fs::write(&file, &bundle).expect("write bundle");

    let options = CheckOptions { child_id: child.id.clone(), no_ocr: true, ..Default::default() };
    let started = Instant::now();
    let report = check_bundle(&v, bundle, &options, &mut |_| {}).expect("check");
    let ours = started.elapsed();
    assert_eq!(report.pages as usize, total);
    assert_eq!(report.missing.len(), 10, "ten of the 200 are left out of the bundle");
    assert_eq!(report.found.len(), 200);
    assert_eq!(report.duplicates.len(), 10);

    let started = Instant::now();
    let reference = Command::new("pdftotext").arg(&file).arg("-").output();
    let theirs = started.elapsed();
    println!(
        "bundle check: {total} pages against {DOCUMENTS} documents in {:.2} s (target under 10 s)",
        ours.as_secs_f64()
    );
    match reference {
        Ok(out) if out.status.success() => println!(
            "  pdftotext reading the same bundle's text alone: {:.2} s; ratio {:.1}x",
            theirs.as_secs_f64(),
            ours.as_secs_f64() / theirs.as_secs_f64().max(1e-6)
        ),
        _ => println!("  (pdftotext is not installed: no reference)"),
    }
}
