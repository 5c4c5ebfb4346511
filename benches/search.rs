//! `make bench`: search latency (median, p95) over a vault of 10,000 documents / 100,000 pages plus
//! 20,000 contact-log entries, through Carefile's own `search_all`, side by side with the same FTS5
//! query on an unencrypted SQLite copy of the same index, as a ratio (targets: p95 under 10 ms and
//! at most 1.2x the reference). Run with `cargo bench --bench search`.
//!
//! The vault fills the way a family's would, through the public API: each document is a 10-page
//! PDF read by the text engine, each log entry saved (and indexed) as the app saves one.

use std::time::{Duration, Instant};

use carefile::documents::{self, ImportOptions, SearchQuery};
use carefile::record::{self, CorrespondenceKind, Direction, NewChild, NewCorrespondence};
use carefile::vault::{self, KdfParams, Passphrase};
use rusqlite::Connection;

#[path = "common/pdf.rs"]
mod common_pdf;
use common_pdf::pdf;

const PASS: &str = "kettle orbit lantern minnow";
const DOCUMENTS: usize = 10_000;
const PAGES: usize = 10;
const ENTRIES: usize = 20_000;
const QUERIES: usize = 300;
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
    "sensory",
    "fidget",
    "timetable",
    "visual",
    "transition",
    "keyworker",
    "dyslexia",
    "autism",
];

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

/// A small PDF of `pages` pages in Helvetica, each a few lines of words.
fn letter_pdf(seed: &mut u64, number: usize, pages: usize) -> Vec<u8> {
    let pages: Vec<Vec<String>> = (0..pages)
        .map(|page| {
            let mut lines = vec![format!("Letter {number} page {}", page + 1)];
            lines.extend((0..8).map(|_| words(seed, 12)));
            lines
        })
        .collect();
    pdf(&pages)
}

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

fn queries() -> Vec<String> {
    let mut seed = 23;
    (0..QUERIES)
        .map(
            |i| {
                if i % 3 == 0 {
                    format!("\"{}\"", words(&mut seed, 2))
                } else {
                    words(&mut seed, 2)
                }
            },
        )
        .collect()
}

/// The same index, unencrypted: an FTS5 table with the vault's rows, queried the way
/// `documents::search` queries it (match, bm25 order, snippet, 50 rows).
fn reference_copy(vault: &Connection, path: &std::path::Path) -> Connection {
    let plain = Connection::open(path).expect("plain db");
    plain
        .execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE doc_search USING fts5 (title, meta, body, joins,
                 document_id UNINDEXED, page UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE record_search USING fts5 (title, body, source UNINDEXED,
                 item_id UNINDEXED, child_id UNINDEXED, dated UNINDEXED,
                 tokenize = 'unicode61 remove_diacritics 2');",
        )
        .expect("schema");
    let tx = plain.unchecked_transaction().expect("tx");
    {
        let mut read = vault
            .prepare("SELECT rowid, title, meta, body, joins, document_id, page FROM doc_search")
            .expect("read");
        let mut put = tx
            .prepare("INSERT INTO doc_search (rowid, title, meta, body, joins, document_id, page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .expect("put");
        let mut rows = read.query([]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            let values: Vec<rusqlite::types::Value> =
                (0..7).map(|i| r.get(i).expect("col")).collect();
            put.execute(rusqlite::params_from_iter(values)).expect("insert");
        }
        let mut read = vault
            .prepare("SELECT title, body, source, item_id, child_id, dated FROM record_search")
            .expect("read");
        let mut put = tx
            .prepare("INSERT INTO record_search (title, body, source, item_id, child_id, dated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .expect("put");
        let mut rows = read.query([]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            let values: Vec<rusqlite::types::Value> =
                (0..6).map(|i| r.get(i).expect("col")).collect();
            put.execute(rusqlite::params_from_iter(values)).expect("insert");
        }
    }
    tx.commit().expect("commit");
    plain
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
            preferred_name: None,
            dob: chrono::NaiveDate::from_ymd_opt(2015, 5, 1).expect("date"),
            local_authority: None,
            setting: None,
            about_me: Default::default(),
        },
    )
    .expect("child");

    let filling = Instant::now();
    let mut seed = 11;
    for i in 0..DOCUMENTS {
        let outcome = documents::import_bytes(
            &mut v,
            &format!("letter-{i}.pdf"),
            letter_pdf(&mut seed, i, PAGES),
            &ImportOptions::default(),
        )
        .expect("import");
        assert_eq!(outcome.pages, Some(PAGES as u32), "{outcome:?}");
    }
    let documents_filled = filling.elapsed();
    let filling = Instant::now();
    for i in 0..ENTRIES {
        record::add_correspondence(
            &mut v,
            &NewCorrespondence {
                child_id: Some(child.id.clone()),
                person_id: None,
                kind: CorrespondenceKind::Email,
                direction: if i % 2 == 0 { Direction::Incoming } else { Direction::Outgoing },
                subject: format!("Email {i} about {}", words(&mut seed, 3)),
                dated: None,
                sent: None,
                received: chrono::NaiveDate::from_ymd_opt(
                    2020 + (i % 5) as i32,
                    1 + (i % 12) as u32,
                    1,
                ),
                channel: None,
                proof_of_delivery: None,
                summary: words(&mut seed, 40),
                actions: Vec::new(),
            },
        )
        .expect("entry");
    }
    let entries_filled = filling.elapsed();
    println!(
        "a vault of {DOCUMENTS} documents / {} pages (filled in {:.0} s) and {ENTRIES} log entries ({:.0} s)",
        DOCUMENTS * PAGES,
        documents_filled.as_secs_f64(),
        entries_filled.as_secs_f64()
    );

    let queries = queries();
    // Warm both (the first query reads the index into the page cache).
    documents::search_all(
        &v,
        &SearchQuery { text: "speech".into(), limit: Some(50), ..Default::default() },
    )
    .expect("warm");
    let mut ours = Vec::new();
    for q in &queries {
        let t = Instant::now();
        let hits = documents::search_all(
            &v,
            &SearchQuery { text: q.clone(), limit: Some(50), ..Default::default() },
        )
        .expect("search");
        ours.push(t.elapsed());
        std::hint::black_box(hits);
    }

    let plain = reference_copy(v.conn(), &tmp.path().join("plain.db"));
    let mut reference = Vec::new();
    let fts = |q: &str| {
        // The same safe query text the app builds (each word quoted, the last one a prefix).
        let parts: Vec<String> = if q.starts_with('"') {
            vec![q.to_string()]
        } else {
            let w: Vec<&str> = q.split_whitespace().collect();
            w.iter()
                .enumerate()
                .map(
                    |(i, x)| {
                        if i + 1 == w.len() {
                            format!("\"{x}\"*")
                        } else {
                            format!("\"{x}\"")
                        }
                    },
                )
                .collect()
        };
        parts.join(" ")
    };
    let mut docs_stmt = plain
        .prepare(
            "SELECT document_id, page, snippet(doc_search, -1, '[', ']', '…', 12),
                    bm25(doc_search, 8.0, 3.0, 1.0, 1.0) AS score
             FROM doc_search WHERE doc_search MATCH ?1 ORDER BY score LIMIT 50",
        )
        .expect("prepare");
    let mut record_stmt = plain
        .prepare(
            "SELECT item_id, snippet(record_search, -1, '[', ']', '…', 12),
                    bm25(record_search, 8.0, 1.0) AS score
             FROM record_search WHERE record_search MATCH ?1 ORDER BY score LIMIT 50",
        )
        .expect("prepare");
    for q in &queries {
        let q = fts(q);
        let t = Instant::now();
        let a: Vec<(String, i64, String, f64)> = docs_stmt
            .query_map([&q], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let b: Vec<(String, String, f64)> = record_stmt
            .query_map([&q], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        reference.push(t.elapsed());
        std::hint::black_box((a, b));
    }

    let (om, op) = (median(&mut ours), p95(&mut ours));
    let (rm, rp) = (median(&mut reference), p95(&mut reference));
    println!("search, {QUERIES} queries of two words (a third of them phrases), 50 hits each:");
    println!("                         median      p95");
    println!(
        "  carefile (encrypted)  {:>7.2} ms {:>7.2} ms   (target p95 under 10 ms)",
        ms(om),
        ms(op)
    );
    println!("  FTS5, unencrypted     {:>7.2} ms {:>7.2} ms", ms(rm), ms(rp));
    println!(
        "  ratio                 {:>7.2}x   {:>7.2}x     (target at most 1.2x)",
        om.as_secs_f64() / rm.as_secs_f64(),
        op.as_secs_f64() / rp.as_secs_f64()
    );
    v.lock().expect("lock");
}
