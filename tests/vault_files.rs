//! What is on disk: encrypted, with no readable trace of what the family wrote.

use carefile::vault::{self, MemoryStore, Passphrase};

use crate::util::*;

const MARKERS: &[&str] =
    &["MARKER-7f3a-Zoe-Hartley", "speech-and-language-MARKER-91c2", "MARKER-caseworker-Pat"];

#[test]
fn vault_file_and_wal_hold_none_of_the_words_written_into_them() {
    let dir = Dir::new();
    let (vault, _) = dir.create();
    for (i, marker) in MARKERS.iter().enumerate() {
        vault
            .conn()
            .execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
                (format!("marker{i}"), marker),
            )
            .unwrap();
    }
    vault.rename(MARKERS[0]).unwrap();
    // Read the files while the vault is still open, so the new pages are still in the WAL.
    let files = dir.snapshot();
    let db = &files["vault.db"];
    let wal = files.get("vault.db-wal").expect("WAL file exists while open");
    assert!(!wal.is_empty(), "the writes should be in the WAL");
    assert!(!db.starts_with(b"SQLite format 3"));
    for (name, bytes) in &files {
        for marker in MARKERS {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} found in {name}"
            );
        }
    }
    vault.lock().unwrap();
    let after = dir.snapshot();
    assert!(!after["vault.db"].starts_with(b"SQLite format 3"));
    for marker in MARKERS {
        assert!(!after["vault.db"].windows(marker.len()).any(|w| w == marker.as_bytes()));
    }
}

#[test]
fn memory_store_remembers_the_vault_and_forgets_it_on_request() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    let store = MemoryStore::new();
    assert!(!v.is_remembered(&store));
    v.remember(&store).unwrap();
    v.lock().unwrap();
    assert!(vault::is_remembered(&dir.vault(), &store));
    let v = vault::unlock_with_store(&dir.vault(), &store).expect("unlocks from the store");
    assert_eq!(v.name().unwrap(), "Test family");
    v.forget(&store).unwrap();
    v.lock().unwrap();
    assert!(!vault::is_remembered(&dir.vault(), &store));
    let e = vault::unlock_with_store(&dir.vault(), &store).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::NotFound);
    // The passphrase still works after forgetting.
    vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
}

#[test]
fn changing_the_passphrase_rewraps_the_key_without_reencrypting_the_database() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    v.lock().unwrap();
    let db_before = std::fs::read(dir.vault().join("vault.db")).unwrap();
    let mut v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
    v.change_passphrase(
        &Passphrase::new(PASS),
        &Passphrase::new("a completely new passphrase"),
        carefile::vault::KdfParams::INSECURE_FOR_TESTS,
    )
    .unwrap();
    v.lock().unwrap();
    assert_eq!(db_before, std::fs::read(dir.vault().join("vault.db")).unwrap());
}

#[test]
fn recovery_sheet_holds_the_key_on_the_page_and_nowhere_else() {
    let dir = Dir::new();
    let (v, key) = dir.create();
    let pdf = v.recovery_sheet(&key).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).expect("a readable PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let text = doc.extract_text(&[1]).unwrap();
    let grouped = key.reveal_grouped();
    for group in grouped.split('-') {
        assert!(text.contains(group), "group {group} missing from the sheet");
    }
    assert!(text.contains("Test family"));
    // Not in the document information (title, subject, keywords…), which viewers show and index.
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .map(|d| format!("{d:?}"))
        .unwrap_or_default();
    assert!(!info.contains(grouped.as_str()) && !info.contains(&grouped.replace('-', "")));
}
