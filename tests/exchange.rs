//! Backups, restore and automatic backups (issue 7): round trip, consistency under a concurrent
//! writer, damage detection byte by byte, rotation over a simulated 100 days.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use carefile::documents::{self, DocumentMetadata, ImportOptions};
use carefile::exchange::{self, BackupSecret, BackupSettings};
use carefile::vault::{self, Passphrase, Vault};
use rusqlite::types::Value;

use crate::util::*;

/// Words that appear only inside the record and a document, to prove they never appear in the clear.
const SECRET_WORDS: &str = "Zephyrine-Quillbottom-7731";

/// A vault with the demo family, two documents (one naming `SECRET_WORDS`) and audit entries.
fn filled(dir: &Dir) -> Vault {
    let (mut v, _) = dir.create();
    carefile::demo::seed_demo(&mut v).expect("demo");
    v.conn()
        .execute("UPDATE children SET about_likes = ?1", [SECRET_WORDS])
        .expect("secret words in the record");
    let child: String = v
        .conn()
        .query_row("SELECT id FROM children ORDER BY name LIMIT 1", [], |r| r.get(0))
        .unwrap();
    for (name, text) in [
        ("speech-therapy-report.txt", format!("Report on {SECRET_WORDS}: needs weekly therapy.")),
        ("letter.txt", "Dear parent, the annual review is on 14 November.".repeat(400)),
    ] {
        let options = ImportOptions {
            metadata: DocumentMetadata { child_id: Some(child.clone()), ..Default::default() },
            ..Default::default()
        };
        let out =
            documents::import_bytes(&mut v, name, text.into_bytes(), &options).expect("import");
        assert!(out.id.is_some(), "{out:?}");
    }
    v
}

/// Every row of every table, by table name (from `sqlite_master`), sorted.
fn all_rows(conn: &rusqlite::Connection) -> BTreeMap<String, Vec<Vec<Value>>> {
    let mut out = BTreeMap::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        out.insert(t, rows);
    }
    out
}

fn originals(v: &Vault) -> BTreeMap<String, Vec<u8>> {
    documents::list_documents(v, &Default::default())
        .unwrap()
        .into_iter()
        .map(|d| {
            let o = documents::read_original(v, &d.id).unwrap();
            (o.sha256.clone(), o.bytes)
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The CLI run against the vault at `target` instead of the test's own.
fn run_at(dir: &Dir, target: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_carefile"))
        .arg("--vault")
        .arg(target)
        .env_remove("CAREFILE_VAULT")
        .env_remove("CAREFILE_RECOVERY_KEY")
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("CAREFILE_SECRET_STORE", "none")
        .env("CAREFILE_INSECURE_FAST_KDF", "1")
        .env("HOME", dir.tmp.path())
        .env("XDG_DATA_HOME", dir.tmp.path().join("xdg"))
        .args(args)
        .output()
        .expect("run carefile")
}

fn backup_of(dir: &Dir) -> std::path::PathBuf {
    let out = dir.path("family.carefile-backup");
    let o = dir.run(PASS, &["backup", "create", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn backup_restores_every_row_and_every_original_byte_for_byte() {
    let dir = Dir::new();
    let v = filled(&dir);
    let before = all_rows(v.conn());
    let docs = originals(&v);
    assert_eq!(docs.len(), 2);
    v.lock().unwrap();

    let file = backup_of(&dir);
    let o = dir.run(PASS, &["backup", "verify", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let restored = dir.path("restored");
    let o = run_at(&dir, &restored, &["backup", "restore", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let r = vault::unlock(&restored, &Passphrase::new(PASS)).unwrap();
    r.check_integrity().unwrap();
    let mut after = all_rows(r.conn());
    // The restored vault is the same vault: same id, same rows, table for table.
    assert_eq!(r.id(), vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap().id());
    after.remove("backup_history");
    let mut before = before;
    before.remove("backup_history");
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (table, rows) in &before {
        assert_eq!(rows, &after[table], "table {table} differs after restore");
    }
    let back = originals(&r);
    assert_eq!(docs, back);
    for (sha, bytes) in &back {
        assert_eq!(&sha256_hex(bytes), sha);
    }
    let audit = carefile::audit::verify(r.conn()).unwrap();
    assert!(audit.ok && audit.entries >= 2, "{audit:?}");
}

#[test]
fn the_recovery_key_also_opens_a_backup_and_a_wrong_passphrase_is_told_clearly() {
    let dir = Dir::new();
    let (v, rk) = dir.create();
    let file = dir.path("b.carefile-backup");
    exchange::create_backup(&v, &file).unwrap();
    let s = exchange::verify_backup(&file, &BackupSecret::RecoveryKey(&rk)).unwrap();
    assert_eq!(s.vault_id, v.id());
    let o = dir.run("not the passphrase", &["--json", "backup", "verify", file.to_str().unwrap()]);
    assert_eq!(error_code(&o), "wrong_passphrase");
    let target = dir.path("never");
    let e = exchange::restore_backup(
        &file,
        &BackupSecret::Passphrase(&Passphrase::new("nope")),
        &target,
        false,
    )
    .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::WrongPassphrase);
    assert!(!target.exists());
}

#[test]
fn no_plaintext_of_the_record_or_documents_appears_in_a_backup() {
    let dir = Dir::new();
    let v = filled(&dir);
    let file = dir.path("b.carefile-backup");
    exchange::create_backup(&v, &file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let hay = String::from_utf8_lossy(&bytes);
    assert!(!hay.contains(SECRET_WORDS));
    assert!(!hay.contains("annual review"));
    assert!(!hay.contains("SQLite format 3"));
    // Nothing temporary is left beside it.
    let names: Vec<_> =
        std::fs::read_dir(dir.tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn restore_never_overwrites_a_vault_unless_told_and_then_moves_it_aside() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    let file = dir.path("b.carefile-backup");
    exchange::create_backup(&v, &file).unwrap();
    v.lock().unwrap();
    let before = dir.snapshot();
    let o = dir.run(PASS, &["--json", "backup", "restore", file.to_str().unwrap()]);
    assert_eq!(error_code(&o), "vault_exists");
    assert_eq!(before, dir.snapshot());

    let o = dir
        .run(PASS, &["--json", "backup", "restore", file.to_str().unwrap(), "--replace-existing"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let aside = report["movedAside"].as_str().expect("moved aside");
    assert_eq!(snapshot(Path::new(aside)), before);
    vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_backup_taken_while_another_process_writes_restores_consistently() {
    let dir = Dir::new();
    dir.init();
    let mut child = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .arg("__churn")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    assert!(line.contains("churning"), "{line}");
    let wal = dir.vault().join("vault.db-wal");
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 64 * 1024 {
        std::thread::yield_now();
    }
    let mut files = Vec::new();
    for i in 0..3 {
        let out = dir.path(&format!("during-{i}.carefile-backup"));
        let o = dir.run(PASS, &["backup", "create", "--out", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        files.push(out);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for (i, file) in files.iter().enumerate() {
        let target = dir.path(&format!("restored-{i}"));
        let s = exchange::restore_backup(
            file,
            &BackupSecret::Passphrase(&Passphrase::new(PASS)),
            &target,
            false,
        )
        .unwrap();
        assert!(s.moved_aside.is_none());
        let r = vault::unlock(&target, &Passphrase::new(PASS)).unwrap();
        r.check_integrity().unwrap();
        // Each churn transaction writes 50 rows at once: a consistent snapshot holds whole ones.
        let (n, odd): (i64, i64) = r
            .conn()
            .query_row(
                "SELECT count(*), sum(length(value) != 4096) FROM vault_meta WHERE key LIKE 'churn:%'",
                [],
                |row| Ok((row.get(0)?, row.get::<_, Option<i64>>(1)?.unwrap_or(0))),
            )
            .unwrap();
        assert!(n > 0 && n % 50 == 0, "backup {i} holds part of a transaction ({n} rows)");
        assert_eq!(odd, 0);
    }
}

#[test]
fn any_flipped_byte_makes_verify_and_restore_fail_as_corrupt_and_creates_nothing() {
    let dir = Dir::new();
    let v = filled(&dir);
    let file = dir.path("b.carefile-backup");
    exchange::create_backup(&v, &file).unwrap();
    let good = std::fs::read(&file).unwrap();
    let len = good.len();
    let header_len = u32::from_le_bytes(good[10..14].try_into().unwrap()) as usize;
    let body = 14 + header_len + 8;
    let envelope =
        14 + String::from_utf8_lossy(&good[14..14 + header_len]).find("\"envelope\"").unwrap() + 40;
    let positions = [
        0,
        7,
        8,
        10,
        13, // magic, version, header length
        14,
        30,
        envelope,
        envelope + 60,
        14 + header_len - 1, // header and key envelope
        body - 8,
        body - 1, // snapshot length
        body,
        body + 100,
        body + (len - body) / 2,
        len - 65, // snapshot
        len - 64,
        len - 40,
        len - 33, // HMAC
        len - 32,
        len - 1, // checksum
    ];
    for pos in positions {
        let mut bad = good.clone();
        bad[pos] ^= 0x20;
        let path = dir.path(&format!("flipped-{pos}.carefile-backup"));
        std::fs::write(&path, &bad).unwrap();
        let o = dir.run(PASS, &["--json", "backup", "verify", path.to_str().unwrap()]);
        assert_eq!(error_code(&o), "corrupt_file", "verify, byte {pos}: {}", stderr(&o));
        let target = dir.path(&format!("restore-{pos}"));
        let o = run_at(&dir, &target, &["--json", "backup", "restore", path.to_str().unwrap()]);
        assert_eq!(error_code(&o), "corrupt_file", "restore, byte {pos}: {}", stderr(&o));
        assert!(!target.exists(), "byte {pos}: a vault folder was created");
        std::fs::remove_file(&path).unwrap();
    }
    // A shortened file too.
    std::fs::write(dir.path("short"), &good[..len - 1]).unwrap();
    let o = dir.run(PASS, &["--json", "backup", "verify", dir.path("short").to_str().unwrap()]);
    assert_eq!(error_code(&o), "corrupt_file");
    // Nothing was left behind: only the vault, the good backup and the short one.
    let mut names: Vec<String> = std::fs::read_dir(dir.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["b.carefile-backup", "short", "vault"]);
}

fn day(n: i64) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2025, 1, 1, 20, 0, 0).unwrap() + chrono::Duration::days(n)
}

#[test]
fn rotation_keeps_exactly_the_configured_set_over_a_simulated_100_days() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    let folder = dir.path("usb");
    std::fs::create_dir(&folder).unwrap();
    exchange::set_backup_settings(
        v.conn(),
        &BackupSettings { folder: Some(folder.display().to_string()), ..Default::default() },
    )
    .unwrap();
    for n in 0..100 {
        v.conn()
            .execute(
                "INSERT OR REPLACE INTO vault_meta (key, value) VALUES ('test:day', ?1)",
                [n.to_string()],
            )
            .unwrap();
        let r = exchange::run_auto_backup(&v, None, day(n)).unwrap();
        assert!(r.made.is_some(), "day {n}: {:?}", r.skipped);
        // At most daily: a second run the same day makes nothing.
        let again =
            exchange::run_auto_backup(&v, None, day(n) + chrono::Duration::hours(1)).unwrap();
        assert!(again.made.is_none());
    }
    // Nothing changed since: the next day makes nothing either.
    let r = exchange::run_auto_backup(&v, None, day(100)).unwrap();
    assert_eq!(r.skipped.as_deref(), Some("Nothing has changed since the last backup."));

    let mut dates: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .map(|n| n.split('-').skip(2).take(3).collect::<Vec<_>>().join("-"))
        .collect();
    dates.sort();
    assert_eq!(
        dates,
        [
            "2025-01-31",
            "2025-02-28",
            "2025-03-23",
            "2025-03-30",
            "2025-03-31",
            "2025-04-04",
            "2025-04-05",
            "2025-04-06",
            "2025-04-07",
            "2025-04-08",
            "2025-04-09",
            "2025-04-10"
        ]
    );
    let status = exchange::backup_status(v.conn(), day(99)).unwrap();
    assert!(status.warning.is_none(), "{status:?}");
    assert!(status.last.unwrap().file.contains("2025-04-10"));
    let status = exchange::backup_status(v.conn(), day(99 + 8)).unwrap();
    assert!(status.warning.unwrap().contains("8 days old"));
}

#[test]
fn backup_status_warns_when_the_folder_is_missing_and_auto_makes_nothing() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    let status = exchange::backup_status(v.conn(), chrono::Utc::now()).unwrap();
    assert!(status.warning.unwrap().contains("never been backed up"));
    assert!(exchange::auto_backup_if_due(&v).unwrap().is_none());
    let gone = dir.path("unplugged");
    exchange::set_backup_settings(
        v.conn(),
        &BackupSettings { folder: Some(gone.display().to_string()), ..Default::default() },
    )
    .unwrap();
    let status = exchange::backup_status(v.conn(), chrono::Utc::now()).unwrap();
    assert!(status.folder_missing);
    let e = exchange::auto_backup_if_due(&v).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::NotFound);
    assert!(!gone.exists());
}

#[test]
fn backup_auto_from_the_cli_remembers_the_folder() {
    let dir = Dir::new();
    dir.init();
    let folder = dir.path("backups");
    std::fs::create_dir(&folder).unwrap();
    let o = dir.run(PASS, &["--json", "backup", "auto", "--folder", folder.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dir.run(PASS, &["--json", "backup", "auto"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(r["made"].is_null(), "{r}");
    let o = dir.run(PASS, &["--json", "backup", "status"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(s["warning"].is_null(), "{s}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}

// ---- Handover packages ----

const SHARE: &str = "blue heron at the weir";

fn share() -> Passphrase {
    Passphrase::new(SHARE)
}

fn first_child(v: &Vault) -> String {
    v.conn().query_row("SELECT id FROM children ORDER BY name LIMIT 1", [], |r| r.get(0)).unwrap()
}

fn count(v: &Vault, table: &str) -> i64 {
    v.conn().query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0)).unwrap()
}

fn export_for(v: &Vault, child: &str, made_by: &str, out: &Path) -> exchange::HandoverManifest {
    let request = exchange::HandoverRequest {
        child_id: child.to_string(),
        documents: None,
        made_by: made_by.into(),
        delete_after: Some("2026-12-31".into()),
    };
    exchange::export_handover(v, &request, &share(), vault::KdfParams::INSECURE_FOR_TESTS, out)
        .unwrap()
}

#[test]
fn handover_family_to_advocate_and_back_brings_the_advocates_note_and_document_once() {
    let family_dir = Dir::new();
    let mut family = filled(&family_dir);
    let child = first_child(&family);
    let package = family_dir.path("for-advocate.carefile-handover");
    let m = export_for(&family, &child, "Sam's mum", &package);
    assert_eq!(m.documents.len(), 2);
    assert!(!String::from_utf8_lossy(&std::fs::read(&package).unwrap()).contains(SECRET_WORDS));

    let advocate_dir = Dir::new();
    let (mut advocate, _) = advocate_dir.create();
    let r = exchange::import_handover(&mut advocate, &package, &share()).unwrap();
    assert_eq!(r.manifest.made_by, "Sam's mum");
    assert_eq!(r.manifest.delete_after.as_deref(), Some("2026-12-31"));
    assert_eq!(r.documents_added, 2);
    assert_eq!(count(&advocate, "children"), 1);
    assert_eq!(
        originals(&advocate),
        originals(&family)
            .into_iter()
            .filter(|(s, _)| m.documents.iter().any(|d| &d.sha256 == s))
            .collect()
    );

    // The advocate adds a note and a document.
    advocate
        .conn()
        .execute(
            "INSERT INTO correspondence (id, child_id, kind, direction, subject, summary, created)
             VALUES ('co_advocate00000001', ?1, 'meeting', 'out', 'Advocate meeting', 'Went through Section F.', '2026-11-20')",
            [&child],
        )
        .unwrap();
    let options = ImportOptions {
        metadata: DocumentMetadata { child_id: Some(child.clone()), ..Default::default() },
        ..Default::default()
    };
    documents::import_bytes(
        &mut advocate,
        "advocate-notes.txt",
        b"Notes from the advocate".to_vec(),
        &options,
    )
    .unwrap();
    let back = advocate_dir.path("for-family.carefile-handover");
    export_for(&advocate, &child, "Advocate A", &back);

    let before_corr = count(&family, "correspondence");
    let before_docs = count(&family, "documents");
    let before_children = count(&family, "children");
    let r = exchange::import_handover(&mut family, &back, &share()).unwrap();
    assert_eq!(r.documents_added, 1, "{r:?}");
    assert_eq!(count(&family, "correspondence"), before_corr + 1);
    assert_eq!(count(&family, "documents"), before_docs + 1);
    assert_eq!(count(&family, "children"), before_children);
    let notes: i64 = family
        .conn()
        .query_row(
            "SELECT count(*) FROM correspondence WHERE subject = 'Advocate meeting'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, 1);
    // Importing the same package again changes nothing.
    let rows = all_rows(family.conn());
    let again = exchange::import_handover(&mut family, &back, &share()).unwrap();
    assert_eq!(again.rows_added, 0);
    let mut after = all_rows(family.conn());
    let mut rows = rows;
    for t in ["audit_log", "audit_head", "handovers"] {
        rows.remove(t);
        after.remove(t);
    }
    assert_eq!(rows, after);
    family.check_integrity().unwrap();
    assert!(carefile::audit::verify(family.conn()).unwrap().ok);
}

#[test]
fn a_wrong_share_passphrase_or_any_flipped_byte_imports_nothing() {
    let dir = Dir::new();
    let v = filled(&dir);
    let package = dir.path("p.carefile-handover");
    export_for(&v, &first_child(&v), "Sam's mum", &package);
    let good = std::fs::read(&package).unwrap();

    let other = Dir::new();
    let (mut target, _) = other.create();
    let before = all_rows(target.conn());
    let e =
        exchange::import_handover(&mut target, &package, &Passphrase::new("not the share words"))
            .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::WrongSharePassphrase);
    assert_eq!(e.code().as_str(), "wrong_share_passphrase");
    assert!(e.to_string().contains("share passphrase"), "{e}");
    let len = good.len();
    for pos in [0, 8, 11, 20, 40, 60, 100, 140, 200, len / 3, len / 2, len - 17, len - 1] {
        let mut bad = good.clone();
        bad[pos] ^= 0x04;
        let path = dir.path("bad.carefile-handover");
        std::fs::write(&path, &bad).unwrap();
        let e = exchange::import_handover(&mut target, &path, &share()).unwrap_err();
        assert_eq!(e.code(), carefile::ErrorCode::CorruptFile, "byte {pos}: {e}");
    }
    // Cut short: the final chunk is missing.
    std::fs::write(dir.path("short"), &good[..len - 100]).unwrap();
    let e = exchange::import_handover(&mut target, &dir.path("short"), &share()).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::CorruptFile);
    assert_eq!(before, all_rows(target.conn()));
}

#[test]
fn handover_from_the_cli_round_trips() {
    let dir = Dir::new();
    let o = dir.run(PASS, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let child: String = {
        let v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
        first_child(&v)
    };
    let out = dir.path("h.carefile-handover");
    let o = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("CAREFILE_SHARE_PASSPHRASE", SHARE)
        .args(["--json", "handover", "export", "--child", &child, "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let other = Dir::new();
    other.init();
    let o = other
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("CAREFILE_SHARE_PASSPHRASE", SHARE)
        .args(["--json", "handover", "import", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(r["rowsAdded"].as_i64().unwrap() > 1, "{r}");
}

// ---- Open export ----

#[test]
fn open_export_writes_the_originals_the_record_and_the_chronology() {
    let dir = Dir::new();
    let v = filled(&dir);
    let child = first_child(&v);
    let child_name: String = v
        .conn()
        .query_row("SELECT name FROM children WHERE id = ?1", [&child], |r| r.get(0))
        .unwrap();
    let expected_originals = originals(&v);
    let entries = carefile::record::chronology(
        &v,
        &carefile::record::ChronologyFilter { child_id: Some(child.clone()), ..Default::default() },
    )
    .unwrap();
    let rows = entries.len();
    assert!(rows > 1);
    drop(v);

    let out = dir.path("open-export");
    let o = run_at(
        &dir,
        &dir.vault(),
        &["--json", "export", "--child", &child, "--out", out.to_str().unwrap(), "--unencrypted"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["documents"].as_array().unwrap().len(), 2, "{summary}");

    // Originals: byte-identical, by SHA-256.
    let mut found = BTreeMap::new();
    for e in std::fs::read_dir(out.join("documents")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        found.insert(sha256_hex(&bytes), bytes);
    }
    assert_eq!(found, expected_originals);

    // The record: parses, names the child, lists each document with its fingerprint.
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("record.json")).unwrap()).unwrap();
    assert_eq!(record["format"], exchange::OPEN_EXPORT_FORMAT);
    assert_eq!(record["child"]["id"], child.as_str());
    assert_eq!(record["child"]["name"], child_name.as_str());
    assert!(!record["plans"].as_array().unwrap().is_empty(), "the demo child has a plan");
    assert!(record["plans"][0]["versions"].as_array().is_some_and(|v| !v.is_empty()));
    for d in record["documents"].as_array().unwrap() {
        let sha = d["document"]["sha256"].as_str().unwrap();
        let bytes = std::fs::read(out.join(d["file"].as_str().unwrap())).unwrap();
        assert_eq!(sha256_hex(&bytes), sha);
    }

    // The chronology: a header and one row per entry.
    let csv = std::fs::read_to_string(out.join("chronology.csv")).unwrap();
    assert!(csv.starts_with("Date,Child,Kind,What happened,Details"), "{csv}");
    assert_eq!(csv.lines().count(), rows + 1, "{csv}");
    for e in &entries {
        let line = format!("{},", e.date.format("%Y-%m-%d"));
        assert!(csv.lines().any(|l| l.starts_with(&line)), "{line} missing from {csv}");
    }
    assert!(out.join("README.txt").exists());

    // Never into a folder that already has files in it.
    let o = run_at(
        &dir,
        &dir.vault(),
        &["export", "--child", &child, "--out", out.to_str().unwrap(), "--unencrypted"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already has files"), "{}", stderr(&o));
}

#[test]
fn open_export_without_unencrypted_warns_and_writes_nothing() {
    let dir = Dir::new();
    let v = filled(&dir);
    let child = first_child(&v);
    drop(v);
    let out = dir.path("not-yet");
    let o =
        run_at(&dir, &dir.vault(), &["export", "--child", &child, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("not encrypted") && err.contains("anyone"), "{err}");
    assert!(err.contains("--unencrypted"), "{err}");
    assert!(!out.exists(), "nothing is written without --unencrypted");

    // An unknown child is refused before anything is written, too.
    let v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
    let e = exchange::open_export(&v, "no-such-child", &out).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::NotFound, "{e}");
    assert!(!out.exists());
}
