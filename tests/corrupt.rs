//! A damaged vault: a clear `corrupt_vault` error, advice to restore, and the file left alone.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};

use crate::util::*;

fn vault_with_some_pages(dir: &Dir) {
    let (v, _) = dir.create();
    for i in 0..200 {
        v.conn()
            .execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
                (format!("filler{i}"), "y".repeat(300)),
            )
            .unwrap();
    }
    v.lock().unwrap();
}

fn assert_corrupt_and_untouched(dir: &Dir) {
    let before = dir.snapshot();
    let out = dir.run(PASS, &["unlock", "--check", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(error_code(&out), "corrupt_vault");
    let human = dir.run(PASS, &["unlock", "--check"]);
    assert_one_clear_line(&human);
    assert!(stderr(&human).contains("backup"), "should suggest restoring: {}", stderr(&human));
    assert_eq!(before, dir.snapshot(), "a damaged vault must never be overwritten");
}

#[test]
fn damaged_page_is_reported_as_corrupt_vault() {
    let dir = Dir::new();
    vault_with_some_pages(&dir);
    let db = dir.vault().join("vault.db");
    let len = std::fs::metadata(&db).unwrap().len();
    assert!(len > 4096 * 6, "need several pages, got {len}");
    let mut f = OpenOptions::new().write(true).open(&db).unwrap();
    f.seek(SeekFrom::Start(4096 * 3 + 100)).unwrap();
    f.write_all(&[0x55; 64]).unwrap();
    drop(f);
    assert_corrupt_and_untouched(&dir);
}

#[test]
fn damaged_first_page_is_reported_as_corrupt_not_as_a_wrong_passphrase() {
    let dir = Dir::new();
    vault_with_some_pages(&dir);
    let db = dir.vault().join("vault.db");
    let mut f = OpenOptions::new().write(true).open(&db).unwrap();
    f.seek(SeekFrom::Start(200)).unwrap();
    f.write_all(&[0xAA; 32]).unwrap();
    drop(f);
    let out = dir.run(PASS, &["unlock", "--json"]);
    assert_eq!(error_code(&out), "corrupt_vault");
    assert_corrupt_and_untouched(&dir);
}

#[test]
fn truncated_vault_is_reported_as_corrupt_vault() {
    let dir = Dir::new();
    vault_with_some_pages(&dir);
    let db = dir.vault().join("vault.db");
    let len = std::fs::metadata(&db).unwrap().len();
    OpenOptions::new().write(true).open(&db).unwrap().set_len(len - 4096 - 1000).unwrap();
    assert_corrupt_and_untouched(&dir);
}

#[test]
fn damaged_key_file_is_a_clear_error() {
    let dir = Dir::new();
    vault_with_some_pages(&dir);
    std::fs::write(dir.vault().join("vault-keys.json"), b"{ not json").unwrap();
    let out = dir.run(PASS, &["unlock", "--json"]);
    assert_eq!(error_code(&out), "corrupt_file");
}
