//! The PDF text engine and search as a person meets them: words at the start and end of lines,
//! ToUnicode fonts, hyphenation, columns, diacritics; a vault from the previous release read again
//! and searchable; the worker process's bounds becoming ordinary errors.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{stderr, stdout, Dir, PASS};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(name)
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "stderr: {}", stderr(out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON on stdout: {} / {}", stdout(out), stderr(out)))
}

/// Imports fixture PDFs into a new vault; returns their ids in order.
fn vault_with(dir: &Dir, names: &[&str]) -> Vec<String> {
    dir.init();
    names
        .iter()
        .map(|name| {
            let f = fixture(name);
            let list = json(&dir.run(PASS, &["doc", "import", "--json", f.to_str().unwrap()]));
            assert_eq!(list[0]["status"], "imported", "{list}");
            list[0]["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn search(dir: &Dir, words: &str) -> Vec<serde_json::Value> {
    let hits = json(&dir.run(PASS, &["doc", "search", words, "--json"]));
    hits.as_array().unwrap().clone()
}

fn page_text(dir: &Dir, id: &str, page: u32) -> String {
    let out = dir.run(PASS, &["doc", "text", id, "--page", &page.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).trim_end().to_string()
}

#[test]
fn a_word_at_the_start_of_a_line_is_found_on_its_page() {
    let dir = Dir::new();
    let ids = vault_with(&dir, &["two-line.pdf"]);
    assert_eq!(page_text(&dir, &ids[0], 1), "Report page 1\nxylophonic paragraph 1");
    let hits = search(&dir, "xylophonic");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], ids[0].as_str());
    assert_eq!(hits[0]["page"], 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[xylophonic]"), "{hits:?}");
    // A phrase that runs from one line into the next.
    assert_eq!(search(&dir, "\"page 1 xylophonic\"").len(), 1);
}

#[test]
fn a_font_with_a_tounicode_cmap_gives_its_real_words() {
    let dir = Dir::new();
    let ids = vault_with(&dir, &["tounicode.pdf"]);
    assert_eq!(
        page_text(&dir, &ids[0], 1),
        "The educational psychologist recommends daily speech therapy"
    );
    assert_eq!(search(&dir, "\"daily speech therapy\"").len(), 1);
}

#[test]
fn a_word_hyphenated_over_a_line_end_is_found_whole() {
    let dir = Dir::new();
    vault_with(&dir, &["hyphenated.pdf"]);
    assert_eq!(search(&dir, "assessment").len(), 1);
    assert_eq!(search(&dir, "\"statutory assessment would\"").len(), 1);
}

#[test]
fn columns_are_read_one_after_the_other() {
    let dir = Dir::new();
    let ids = vault_with(&dir, &["columns.pdf"]);
    let text = page_text(&dir, &ids[0], 1);
    assert!(
        text.contains("daily speech and\nlanguage therapy from a\nqualified therapist."),
        "{text}"
    );
    assert_eq!(search(&dir, "\"speech and language therapy\"").len(), 1, "{text}");
    assert_eq!(search(&dir, "\"provided each week\"").len(), 1, "{text}");
}

#[test]
fn diacritics_fold_and_spellings_stay_themselves() {
    let dir = Dir::new();
    dir.init();
    let notes = dir.path("notes.txt");
    std::fs::write(&notes, "Zoë's behaviour plan was reviewed by the SENCo.\n").unwrap();
    let list = json(&dir.run(PASS, &["doc", "import", "--json", notes.to_str().unwrap()]));
    assert_eq!(list[0]["status"], "imported");
    assert_eq!(search(&dir, "Zoe").len(), 1);
    assert_eq!(search(&dir, "zoë").len(), 1);
    assert_eq!(search(&dir, "behaviour").len(), 1);
    // No stemming between British and American spellings.
    assert!(search(&dir, "behavior ").is_empty());
}

#[test]
fn a_log_entry_is_searchable_as_soon_as_it_is_saved() {
    let dir = Dir::new();
    dir.init();
    let child =
        json(&dir.run(PASS, &["child", "add", "--name", "Sam", "--dob", "2015-03-02", "--json"]));
    let child = child["id"].as_str().unwrap();
    for (subject, summary) in [
        ("Call with the caseworker", "She promised the draft plan by Friday"),
        ("Letter from school", "The SENCo will apply for top-up funding"),
    ] {
        let out = dir.run(
            PASS,
            &[
                "log",
                "add",
                "--child",
                child,
                "--kind",
                "letter",
                "--direction",
                "in",
                "--subject",
                subject,
                "--summary",
                summary,
                "--received",
                "2025-01-10",
                "--json",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        // Each entry is found straight after it was written, the earlier ones still too.
        let hits = search(&dir, summary.split(' ').nth(3).unwrap());
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0]["source"], "correspondence");
    }
    assert_eq!(search(&dir, "promised").len(), 1);
}

/// A copy of the vault the previous release made (tests/fixtures/vault-v0.1.0).
fn old_vault(dir: &Dir) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v0.1.0/vault");
    std::fs::create_dir_all(dir.vault()).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.vault().join(entry.file_name())).unwrap();
    }
}

const OLD_PASS: &str = "fixture kettle orbit lantern";

#[test]
fn a_vault_from_the_previous_release_is_read_again_and_finds_new_words() {
    let dir = Dir::new();
    old_vault(&dir);
    let run = |args: &[&str]| dir.run(OLD_PASS, args);
    // Opening migrates it; its PDFs wait to be read again and the old text is still there.
    let before = json(&run(&["doc", "search", "xylophonic", "--json"]));
    assert_eq!(before.as_array().unwrap().len(), 0, "{before}");
    let note = run(&["doc", "search", "xylophonic"]);
    assert!(stderr(&note).contains("2 document(s) wait to be read again"), "{}", stderr(&note));

    // One at a time, as a run stopped half-way would leave it.
    let first = json(&run(&["doc", "reindex", "--max-documents", "1", "--json"]));
    assert_eq!(
        (first["documentsRead"].as_u64(), first["documentsLeft"].as_u64()),
        (Some(1), Some(1))
    );
    let rest = json(&run(&["doc", "reindex", "--json"]));
    assert_eq!(
        (rest["documentsRead"].as_u64(), rest["documentsLeft"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(rest["documentsFailed"], 0);

    for words in ["xylophonic", "psychologist", "\"daily speech therapy\""] {
        let hits = json(&run(&["doc", "search", words, "--json"]));
        assert_eq!(hits.as_array().unwrap().len(), 1, "{words}: {hits}");
    }
    // The record's words from before the upgrade are found too (the index was rebuilt once).
    let hits = json(&run(&["doc", "search", "assessment", "--json"]));
    assert_eq!(hits[0]["source"], "correspondence", "{hits}");
    // Nothing more to do; one audit entry per document; the chain holds.
    let again = json(&run(&["doc", "reindex", "--json"]));
    assert_eq!(again["documentsRead"], 0);
    let log = json(&run(&["audit", "log", "--json"]));
    let rereads = log.as_array().unwrap().iter().filter(|e| e["action"] == "text_reread").count();
    assert_eq!(rereads, 2, "{log}");
    assert!(run(&["audit", "verify"]).status.success());
    // The page the old release left as "needs OCR" is readable now.
    let list = json(&run(&["doc", "list", "--json"]));
    assert!(list.as_array().unwrap().iter().all(|d| d["textStatus"] == "readable"), "{list}");
}

#[test]
fn a_pdf_reader_past_its_bounds_is_an_ordinary_error() {
    use carefile::documents::{self, ImportLimits, ImportOptions, ImportStatus};
    use carefile::ErrorCode;
    use std::time::Duration;
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let bytes = std::fs::read(fixture("columns.pdf")).unwrap();
    for limits in [
        ImportLimits { parse_timeout: Duration::ZERO, ..ImportLimits::default() },
        // Too little memory for the worker even to start: it dies, the import says why.
        ImportLimits { max_parse_memory: 1024 * 1024, ..ImportLimits::default() },
        ImportLimits { max_pages: 0, ..ImportLimits::default() },
    ] {
        let options = ImportOptions { limits, ..ImportOptions::default() };
        assert_eq!(documents::list_documents(&vault, &Default::default()).unwrap().len(), 0);
        match documents::import_bytes(&mut vault, "columns.pdf", bytes.clone(), &options) {
            Err(e) => assert!(
                matches!(e.code(), ErrorCode::CorruptFile | ErrorCode::UnsupportedFile),
                "{e:?}"
            ),
            Ok(outcome) => panic!("imported past a bound: {outcome:?}"),
        }
    }
    // The vault is untouched and the next import works.
    let outcome =
        documents::import_bytes(&mut vault, "columns.pdf", bytes, &ImportOptions::default())
            .unwrap();
    assert!(matches!(outcome.status, ImportStatus::Imported), "{outcome:?}");
}

/// Words of three letters or more, counted (as `../shared/tools/text-fidelity.py` counts them).
fn words(text: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    let lower = text.to_lowercase();
    for w in lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 3) {
        *out.entry(w.to_string()).or_insert(0) += 1;
    }
    out
}

fn pdftotext_page(file: &Path, page: u32) -> Option<String> {
    let p = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &p, "-l", &p])
        .arg(file)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_text_corpus_reads_as_well_as_pdftotext() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/text");
    if !corpus.is_dir() || pdftotext_page(&corpus, 1).is_none() {
        eprintln!("SKIPPED: ../shared/corpus/text or pdftotext is absent; nothing was tested here");
        return;
    }
    let dir = Dir::new();
    dir.init();
    let out = dir.run(PASS, &["doc", "import", "--json", corpus.to_str().unwrap()]);
    // Every file goes in or is refused with a reason; nothing crashes or hangs.
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked") && !stderr(&out).contains("internal fault"));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let (mut reference, mut found) = (0usize, 0usize);
    let mut weak = Vec::new();
    for o in list.iter().filter(|o| o["status"] == "imported") {
        let file = Path::new(o["file"].as_str().unwrap());
        let pages = o["pages"].as_u64().unwrap_or(1).min(3) as u32;
        let (mut file_ref, mut file_found) = (0, 0);
        for page in 1..=pages {
            let want = words(&pdftotext_page(file, page).unwrap_or_default());
            let got = words(&page_text(&dir, o["id"].as_str().unwrap(), page));
            file_ref += want.values().sum::<usize>();
            file_found +=
                want.iter().map(|(w, n)| (*n).min(*got.get(w).unwrap_or(&0))).sum::<usize>();
        }
        // As the fidelity tool: only files with a real text layer (40 words or more) count.
        if file_ref < 40 {
            continue;
        }
        reference += file_ref;
        found += file_found;
        let recall = file_found as f64 / file_ref as f64;
        if recall < 0.9 {
            weak.push(format!("{} {recall:.2}", file.display()));
        }
    }
    let recall = found as f64 / reference.max(1) as f64;
    assert!(reference > 5_000, "only {reference} words measured");
    assert!(recall >= 0.98, "word recall {recall:.3} against pdftotext");
    assert!(weak.is_empty(), "files under 0.9: {weak:?}");
}
