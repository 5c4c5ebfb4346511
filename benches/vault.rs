//! `make bench`: how long unlocking takes, side by side with the reference — SQLCipher's own
//! passphrase keying (PBKDF2-HMAC-SHA512, 256,000 iterations) on a database of the same size —
//! reported as a ratio. Run with `cargo bench --bench vault`.

use std::time::{Duration, Instant};

use carefile::vault::{self, KdfParams, Passphrase};

const PASS: &str = "kettle orbit lantern minnow";
const ROUNDS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> Duration {
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
    let (v, _) =
        vault::create(&dir, "Bench", &Passphrase::new(PASS), KdfParams::DEFAULT).expect("create");
    for i in 0..500 {
        v.conn()
            .execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
                (format!("row{i}"), "z".repeat(200)),
            )
            .expect("fill");
    }
    v.lock().expect("lock");

    let ours = time(|| {
        vault::unlock(&dir, &Passphrase::new(PASS)).expect("unlock").lock().expect("lock");
    });

    // The reference: a SQLCipher database keyed with the passphrase itself (its built-in KDF).
    let reference_db = tmp.path().join("reference.db");
    {
        let c = rusqlite::Connection::open(&reference_db).expect("open reference");
        c.execute_batch(&format!("PRAGMA key = '{PASS}'; CREATE TABLE t (v TEXT);")).expect("key");
        for _ in 0..500 {
            c.execute("INSERT INTO t (v) VALUES (?1)", ["z".repeat(200)]).expect("fill reference");
        }
    }
    let reference = time(|| {
        let c = rusqlite::Connection::open(&reference_db).expect("open reference");
        c.execute_batch(&format!("PRAGMA key = '{PASS}';")).expect("key");
        let _: i64 = c.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).expect("read");
    });

    let p = KdfParams::DEFAULT;
    println!("Unlock with passphrase (median of {ROUNDS})");
    println!(
        "  carefile  Argon2id {} MiB, {} passes   {:8.1} ms",
        p.memory_kib / 1024,
        p.iterations,
        ms(ours)
    );
    println!("  reference SQLCipher PBKDF2-SHA512 256k  {:8.1} ms", ms(reference));
    println!("  ratio (carefile / reference)            {:8.2}x", ms(ours) / ms(reference));
    println!(
        "Target: about 0.5 s per unlock: every guess costs an attacker 256 MiB of memory for that long."
    );
}
