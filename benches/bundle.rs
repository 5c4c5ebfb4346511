//! `make bench`: building a tribunal bundle from 40 generated source PDFs (about 400 pages:
//! cover, hyperlinked index, dividers, stamps on every page, bookmarks, manifest), side by side
//! with the reference — `qpdf --empty --pages … -- out.pdf`, a plain merge of the same files with
//! none of our work — as a ratio (target at most 1.5×), with the process's peak memory.
//! Run with `cargo bench --bench bundle`.

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

use carefile::bundle::{
    build_bundle, plan_bundle, template_for, AppealType, BundleDocument, BundleOptions,
    DocumentLoader, DocumentOrder, DocumentRole, Pack, PackKind, SectionInput, SourceContent,
    SourceFormat,
};
use carefile::documents::DocumentKind;
use carefile::pdf::{save_pdf, Layout, TextStyle};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

const DOCUMENTS: usize = 40;
const ROUNDS: usize = 5;

struct Memory(HashMap<String, Vec<u8>>);

impl DocumentLoader for Memory {
    fn load(&self, d: &BundleDocument) -> carefile::Result<SourceContent> {
        Ok(SourceContent::Pdf(self.0[&d.id].clone()))
    }
}

/// A text PDF of `pages` pages, each a page of running text (a typical typed report).
fn report(n: usize, pages: usize) -> Vec<u8> {
    let mut l = Layout::a4();
    let para = "The child needs a structured, predictable day with visual timetables and a named adult \
                who checks in at the start of each lesson. Speech and language therapy is to be \
                delivered weekly in 30-minute one-to-one sessions by an HCPC-registered therapist. ";
    for p in 0..pages {
        if p > 0 {
            l.new_page();
        }
        l.paragraph(&format!("Report {n}, page {}", p + 1), &TextStyle::heading());
        for _ in 0..9 {
            l.paragraph(para, &TextStyle::body());
        }
    }
    save_pdf(&format!("Report {n}"), l.finish()).expect("fixture")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = HashMap::new();
    let mut docs = Vec::new();
    let mut paths = Vec::new();
    let mut total_pages = 0;
    for n in 0..DOCUMENTS {
        let pages = 6 + (n * 7) % 9; // 6 to 14 pages, about 400 in all
        total_pages += pages;
        let bytes = report(n, pages);
        let path = dir.path().join(format!("doc-{n:02}.pdf"));
        std::fs::write(&path, &bytes).expect("write fixture");
        paths.push(path);
        let id = format!("d{n}");
        docs.push(BundleDocument {
            id: id.clone(),
            title: format!("Report {n} from a professional"),
            kind: DocumentKind::Report,
            role: DocumentRole::Other,
            author: Some("Dr A Example (fictional)".into()),
            dated: NaiveDate::from_ymd_opt(2024, 1 + (n % 12) as u32, 1 + (n % 27) as u32),
            sha256: hex::encode(Sha256::digest(&bytes)),
            pages: pages as u32,
            has_text_layer: true,
            format: SourceFormat::Pdf,
            attached_to: None,
            problem: None,
        });
        files.insert(id, bytes);
    }
    let t = template_for(PackKind::Tribunal, Some(AppealType::Contents));
    let per = DOCUMENTS / t.sections.len();
    let pack = Pack {
        kind: PackKind::Tribunal,
        title: t.title.clone(),
        subtitle: Some("Benchmark".into()),
        cover_lines: vec![],
        appeal_type: t.appeal_type,
        hearing: None,
        today: NaiveDate::from_ymd_opt(2025, 11, 14).expect("date"),
        sections: t
            .sections
            .iter()
            .enumerate()
            .map(|(i, spec)| SectionInput {
                spec: spec.clone(),
                documents: docs
                    [i * per..if i + 1 == t.sections.len() { DOCUMENTS } else { (i + 1) * per }]
                    .to_vec(),
                order: DocumentOrder::Chronological,
                late: false,
            })
            .collect(),
    };
    let loader = Memory(files);

    let plan_started = Instant::now();
    let plan = plan_bundle(&pack, &BundleOptions::default());
    let plan_time = plan_started.elapsed();

    let mut ours = Vec::new();
    let mut size = 0;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let built = build_bundle(&plan, &loader, &mut |_| {}).expect("build");
        ours.push(started.elapsed());
        size = built.bytes.len();
    }
    let mut reference = Vec::new();
    let qpdf = Command::new("qpdf").arg("--version").output().is_ok();
    if qpdf {
        for _ in 0..ROUNDS {
            let out = dir.path().join("merged.pdf");
            let _ = std::fs::remove_file(&out);
            let started = Instant::now();
            let status = Command::new("qpdf")
                .arg("--empty")
                .arg("--pages")
                .args(&paths)
                .arg("--")
                .arg(&out)
                .status()
                .expect("qpdf");
            reference.push(started.elapsed());
            assert!(status.success());
        }
    }
    let ours = median(ours);
    println!(
        "bundle: {DOCUMENTS} source PDFs, {total_pages} source pages, {} pages built, {:.1} MB",
        plan.total_pages,
        size as f64 / 1e6
    );
    println!("  plan_bundle:            {:>8.2} ms", plan_time.as_secs_f64() * 1e3);
    println!("  build_bundle (median):  {:>8.1} ms", ours.as_secs_f64() * 1e3);
    if qpdf {
        let reference = median(reference);
        println!(
            "  qpdf --empty --pages:   {:>8.1} ms (plain merge, the reference)",
            reference.as_secs_f64() * 1e3
        );
        println!(
            "  ratio:                  {:>8.2}x (target at most 1.5x)",
            ours.as_secs_f64() / reference.as_secs_f64()
        );
    } else {
        println!("  qpdf not installed: no reference to compare with");
    }
    if let Some(mb) = peak_memory_mb() {
        println!("  peak memory (process):  {mb:>8.1} MB");
    }
}
