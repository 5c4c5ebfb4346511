//! `make bench`: importing a generated 100-page text PDF (hash, store, text per page, index),
//! side by side with the reference — `pdftotext` + `sha256sum` on the same file — as a ratio
//! (target at most 1.5×); then search latency (median, p95) over a generated vault of 10,000
//! documents. Run with `cargo bench --bench import`.

use std::process::Command;
use std::time::{Duration, Instant};

use carefile::documents::{self, DocumentFilter, ImportOptions, SearchQuery};
use carefile::pdf::{save_pdf, Layout, TextStyle};
use carefile::vault::{self, KdfParams, Passphrase};

const PASS: &str = "kettle orbit lantern minnow";
const ROUNDS: usize = 7;
const WORDS: &[&str] = &[
    "speech",
    "language",
    "therapy",
    "provision",
    "outcome",
    "annual",
    "review",
    "school",
    "support",
    "assessment",
    "psychologist",
    "sensory",
    "occupational",
    "transport",
    "tribunal",
    "mediation",
    "caseworker",
    "placement",
    "curriculum",
    "communication",
    "social",
    "emotional",
    "health",
    "physiotherapy",
    "attendance",
    "reading",
    "writing",
    "numeracy",
    "playground",
    "lunchtime",
    "classroom",
    "teaching",
    "assistant",
    "weekly",
    "daily",
    "termly",
    "group",
];

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v[(v.len() * 95 / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Deterministic pseudo-random words, so every run measures the same text.
fn words(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            WORDS[(*seed >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn hundred_page_pdf() -> Vec<u8> {
    let mut seed = 7;
    let mut layout = Layout::a4();
    for page in 1..=100 {
        if page > 1 {
            layout.new_page();
        }
        for _ in 0..6 {
            layout.paragraph(&words(&mut seed, 60), &TextStyle::body());
        }
    }
    save_pdf("Bench report", layout.finish()).expect("PDF")
}

fn have(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let pdf_path = tmp.path().join("report.pdf");
    std::fs::write(&pdf_path, hundred_page_pdf()).expect("write PDF");

    // Ours: a fresh vault each round (so the file is new, not a duplicate); creating it is not
    // timed.
    let mut ours = Vec::new();
    for round in 0..ROUNDS {
        let dir = tmp.path().join(format!("v{round}"));
        let (mut v, _) =
            vault::create(&dir, "Bench", &Passphrase::new(PASS), KdfParams::INSECURE_FOR_TESTS)
                .expect("create");
        let t = Instant::now();
        let outcome = documents::import_file(&mut v, &pdf_path, &ImportOptions::default());
        ours.push(t.elapsed());
        assert_eq!(outcome.pages, Some(100), "{outcome:?}");
        v.lock().expect("lock");
    }
    let ours = median(&mut ours);

    if have("pdftotext") && have("sha256sum") {
        let mut reference = Vec::new();
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let text =
                Command::new("pdftotext").arg(&pdf_path).arg("-").output().expect("pdftotext");
            let hash = Command::new("sha256sum").arg(&pdf_path).output().expect("sha256sum");
            reference.push(t.elapsed());
            assert!(text.status.success() && hash.status.success());
        }
        let reference = median(&mut reference);
        println!("import of a 100-page text PDF (hash, store, text, index), median of {ROUNDS}:");
        println!("  carefile            {:>8.1} ms", ms(ours));
        println!("  pdftotext+sha256sum {:>8.1} ms", ms(reference));
        println!(
            "  ratio               {:>8.2}x (target at most 1.5x)",
            ours.as_secs_f64() / reference.as_secs_f64()
        );
    } else {
        println!(
            "import of a 100-page text PDF: {:.1} ms (pdftotext/sha256sum missing: no ratio)",
            ms(ours)
        );
    }

    // Search over 10,000 documents of a few paragraphs each, in one transaction-free loop of
    // ordinary imports (as a family's vault would fill over the years).
    let dir = tmp.path().join("search");
    let (mut v, _) =
        vault::create(&dir, "Bench", &Passphrase::new(PASS), KdfParams::INSECURE_FOR_TESTS)
            .expect("create");
    v.conn().execute_batch("PRAGMA synchronous = OFF;").expect("pragma");
    let mut seed = 11;
    let filling = Instant::now();
    for i in 0..10_000 {
        let text = format!("Letter {i}. {}", words(&mut seed, 150));
        documents::import_bytes(
            &mut v,
            &format!("letter-{i}.txt"),
            text.into_bytes(),
            &ImportOptions::default(),
        )
        .expect("import");
    }
    let filled = filling.elapsed();
    let count = documents::list_documents(&v, &DocumentFilter::default()).expect("list").len();
    let mut times = Vec::new();
    let mut seed = 23;
    for i in 0..300 {
        let q =
            if i % 3 == 0 { format!("\"{}\"", words(&mut seed, 2)) } else { words(&mut seed, 2) };
        let t = Instant::now();
        let hits =
            documents::search(&v, &SearchQuery { text: q, limit: Some(50), ..Default::default() })
                .expect("search");
        times.push(t.elapsed());
        std::hint::black_box(hits);
    }
    println!(
        "search over {count} documents (filled in {:.1} s), 300 queries, 50 hits each:",
        filled.as_secs_f64()
    );
    println!("  median {:>8.2} ms", ms(median(&mut times)));
    println!("  p95    {:>8.2} ms", ms(p95(&mut times)));
    v.lock().expect("lock");
}
