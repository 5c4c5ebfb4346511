//! `make bench`: an advocate's vault with 50 families, 5,000 documents and 50,000 record entries —
//! how long the caseload takes (target: under 100 ms) and a search across every family. Run with
//! `cargo bench --bench caseload`. The record is filled with SQL in one transaction (it is the
//! reading being measured); the documents go in through the ordinary import, so they are indexed.

use std::time::{Duration, Instant};

use carefile::documents::{self, DocumentMetadata, ImportOptions, SearchQuery};
use carefile::vault::{self, KdfParams, Passphrase};

const PASS: &str = "kettle orbit lantern minnow";
const ROUNDS: usize = 9;
const FAMILIES: usize = 50;
const DOCUMENTS: usize = 5_000;
const ENTRIES: usize = 50_000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> Duration {
    f(); // warm
    let mut runs = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        f();
        runs.push(t.elapsed());
    }
    median(runs)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("vault");
    let (mut v, _) =
        vault::create(&dir, "Advocate", &Passphrase::new(PASS), KdfParams::INSECURE_FOR_TESTS)
            .expect("create");
    let words =
        ["speech", "therapy", "transport", "annual", "review", "tribunal", "sensory", "reading"];
    let mut children = Vec::new();
    {
        let tx = v.conn_mut().transaction().expect("tx");
        for f in 0..FAMILIES {
            let fam = format!("fa_{f:016x}");
            tx.execute(
                "INSERT INTO families (id, name, created) VALUES (?1, ?2, '2025-01-01T00:00:00Z')",
                (&fam, format!("Family {f}")),
            )
            .expect("family");
            for c in 0..2 {
                let child = format!("ch_{f:08x}{c:08x}");
                tx.execute(
                    "INSERT INTO children (id, name, dob, created, family_id)
                     VALUES (?1, ?2, '2016-05-04', '2025-01-01T00:00:00Z', ?3)",
                    (&child, format!("Child {f}-{c}"), &fam),
                )
                .expect("child");
                tx.execute(
                    "INSERT INTO deadline_events (id, child_id, kind, dated, created)
                     VALUES (?1, ?2, 'assessment-request-received', ?3, '2025-01-01T00:00:00Z')",
                    (format!("ev_{f:08x}{c:08x}"), &child, format!("2026-{:02}-05", 1 + (f % 12))),
                )
                .expect("event");
                children.push(child);
            }
        }
        for i in 0..ENTRIES {
            let child = &children[i % children.len()];
            tx.execute(
                "INSERT INTO correspondence (id, child_id, kind, direction, subject, sent, summary, created)
                 VALUES (?1, ?2, 'letter', 'out', ?3, ?4, ?5, '2025-01-01T00:00:00Z')",
                (
                    format!("co_{i:016x}"),
                    child,
                    format!("Letter {i} about {}", words[i % words.len()]),
                    format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                    format!("We wrote about {} and {}.", words[i % 7], words[(i + 3) % 8]),
                ),
            )
            .expect("entry");
        }
        tx.commit().expect("commit");
    }
    let fill = Instant::now();
    let documents_wanted = std::env::var("CASELOAD_BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DOCUMENTS);
    for i in 0..documents_wanted {
        let child = &children[i % children.len()];
        let options = ImportOptions {
            metadata: DocumentMetadata { child_id: Some(child.clone()), ..Default::default() },
            ..Default::default()
        };
        let text = format!("Report {i}: {} needs {} weekly.", words[i % 8], words[(i + 5) % 8]);
        documents::import_bytes(&mut v, &format!("report-{i}.txt"), text.into_bytes(), &options)
            .expect("import");
    }
    let filled = fill.elapsed();

    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    if std::env::var_os("CASELOAD_BENCH_PARTS").is_some() {
        let t = Instant::now();
        for c in &children {
            carefile::milestones::child_deadlines(&v, c, today, 14).expect("deadlines");
        }
        println!("  child_deadlines x{}: {:.1} ms", children.len(), ms(t.elapsed()));
        let t = Instant::now();
        for c in &children {
            carefile::record::last_contact(&v, c).expect("contact");
        }
        println!("  last_contact x{}: {:.1} ms", children.len(), ms(t.elapsed()));
        let t = Instant::now();
        carefile::record::list_families(&v).expect("families");
        println!("  list_families: {:.1} ms", ms(t.elapsed()));
        let t = Instant::now();
        carefile::exchange::last_exchanges(&v).expect("exchanges");
        println!("  last_exchanges: {:.1} ms", ms(t.elapsed()));
    }
    let c = carefile::caseload::caseload(&v, today).expect("caseload");
    assert_eq!(c.families.len(), FAMILIES);
    let caseload = time(|| {
        carefile::caseload::caseload(&v, today).expect("caseload");
    });
    let query = SearchQuery { text: "tribunal".into(), ..Default::default() };
    let search = time(|| {
        documents::search_all(&v, &query).expect("search");
    });
    let family = SearchQuery {
        text: "tribunal".into(),
        filter: documents::DocumentFilter {
            family_id: Some(c.families[0].family_id.clone()),
            ..Default::default()
        },
        limit: None,
    };
    let family_search = time(|| {
        documents::search_all(&v, &family).expect("search");
    });

    println!(
        "Advocate vault: {FAMILIES} families, {} children, {DOCUMENTS} documents (imported in {:.1} s), {ENTRIES} record entries",
        children.len(),
        filled.as_secs_f64()
    );
    println!(
        "  caseload (median of {ROUNDS})              {:8.1} ms   target < 100 ms",
        ms(caseload)
    );
    println!("  search every family (median)            {:8.1} ms", ms(search));
    println!("  search one family (median)              {:8.1} ms", ms(family_search));
}
