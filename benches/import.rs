//! `make bench`: importing a generated 100-page text PDF (hash, store, text per page by the text
//! engine's worker process, index), side by side with the reference — `pdftotext` + `sha256sum` on
//! the same file — as a ratio (target at most 1.0×). Search latency is `benches/search.rs`. Run
//! with `cargo bench --bench import`.

use std::process::Command;
use std::time::{Duration, Instant};

use carefile::documents::{self, ImportOptions};
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
            "  ratio               {:>8.2}x (target at most 1.0x)",
            ours.as_secs_f64() / reference.as_secs_f64()
        );
    } else {
        println!(
            "import of a 100-page text PDF: {:.1} ms (pdftotext/sha256sum missing: no ratio)",
            ms(ours)
        );
    }
}
