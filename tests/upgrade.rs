//! Upgrades keep the family's data: a vault made by the previous release (tests/fixtures/vault-v0.1.0,
//! committed once) opens in this build and is migrated to this build's schema, with a copy of it kept
//! first whenever a migration runs; and a vault from a newer Carefile is refused, unchanged, with the
//! message this build gives.

use std::path::{Path, PathBuf};

use carefile::documents::{list_documents, read_original, DocumentFilter};
use carefile::record::{list_children, list_correspondence};
use carefile::vault::{self, upgrade_copies, Passphrase, SCHEMA_VERSION, UPGRADE_COPIES_DIR};

use crate::util::{snapshot, stderr, Dir};

const FIXTURE: &str = "tests/fixtures/vault-v0.1.0";
const FIXTURE_PASS: &str = "fixture kettle orbit lantern";
/// The schema the fixture was made at: the highest migration of the release that made it (a7a4140).
const FIXTURE_SCHEMA: i64 = 40;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE).join(name)
}

/// A private copy of the fixture vault at `dir` (tests never open the committed files).
fn copy_fixture(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for file in [vault::DB_FILE, vault::KEYS_FILE] {
        std::fs::copy(fixture("vault").join(file), dir.join(file)).unwrap();
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn a_vault_from_the_previous_release_opens_migrated_with_everything_in_it() {
    let d = Dir::new();
    copy_fixture(&d.vault());
    let v = vault::unlock(&d.vault(), &Passphrase::new(FIXTURE_PASS)).unwrap();
    let info = v.info().unwrap();
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert_eq!(info.name, "Fixture family");

    let children = list_children(&v).unwrap();
    assert_eq!(children.len(), 1);
    assert_eq!(children[0].name, "Zoë Fixture");
    assert_eq!(children[0].dob.to_string(), "2015-03-02");

    let letters = list_correspondence(&v, Some(&children[0].id)).unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].subject, "Decision not to assess");

    // The originals come back byte for byte.
    let docs = list_documents(&v, &DocumentFilter::default()).unwrap();
    let mut names: Vec<&str> = docs.iter().map(|d| d.file_name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["tounicode.pdf", "two-line.pdf"]);
    for doc in &docs {
        let original = read_original(&v, &doc.id).unwrap();
        let on_disk = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(&doc.file_name),
        )
        .unwrap();
        assert_eq!(sha256_hex(&original.bytes), sha256_hex(&on_disk), "{}", doc.file_name);
        assert_eq!(original.sha256, doc.sha256);
    }
    v.check_integrity().unwrap();
    v.lock().unwrap();

    // A migration keeps a copy of the vault as it was; with nothing to migrate there is none.
    let copies = upgrade_copies(&d.vault());
    if SCHEMA_VERSION > FIXTURE_SCHEMA {
        assert_eq!(copies.len(), 1, "{copies:?}");
        let name = copies[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("schema-{FIXTURE_SCHEMA}-")), "{name}");
        assert_eq!(
            std::fs::read(copies[0].join(vault::KEYS_FILE)).unwrap(),
            std::fs::read(fixture("vault").join(vault::KEYS_FILE)).unwrap(),
            "the copy keeps the key envelope, so the same passphrase opens it"
        );
    } else {
        assert!(copies.is_empty(), "{copies:?}");
        assert!(!d.vault().join(UPGRADE_COPIES_DIR).exists());
    }

    // Opening it again migrates nothing more and keeps no further copy.
    vault::unlock(&d.vault(), &Passphrase::new(FIXTURE_PASS)).unwrap().lock().unwrap();
    assert_eq!(upgrade_copies(&d.vault()).len(), copies.len());
}

#[test]
fn the_cli_opens_a_vault_from_the_previous_release() {
    let d = Dir::new();
    copy_fixture(&d.vault());
    let out = d.run(FIXTURE_PASS, &["child", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Zoë Fixture"));
    let out = d.run(FIXTURE_PASS, &["info", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["schemaVersion"], SCHEMA_VERSION);
}

#[test]
fn a_vault_from_a_newer_carefile_is_refused_clearly_and_left_unchanged() {
    let d = Dir::new();
    copy_fixture(&d.vault());
    // What a later release leaves behind: this vault, at a schema this build does not know.
    let v = vault::unlock(&d.vault(), &Passphrase::new(FIXTURE_PASS)).unwrap();
    v.conn().pragma_update(None, "user_version", SCHEMA_VERSION + 3).unwrap();
    v.lock().unwrap();
    let before = snapshot(&d.vault());

    let e = vault::unlock(&d.vault(), &Passphrase::new(FIXTURE_PASS)).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::VaultTooNew);
    assert_eq!(
        e.to_string(),
        format!(
            "This vault was made by a newer version of Carefile (schema {}; this version knows up \
             to {SCHEMA_VERSION}). Update Carefile to open it. Nothing was changed.",
            SCHEMA_VERSION + 3
        )
    );
    assert_eq!(snapshot(&d.vault()), before, "a refused vault is not touched");

    let out = d.run(FIXTURE_PASS, &["info"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("made by a newer version of Carefile"), "{err}");
    assert!(err.contains("Update Carefile to open it"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert_eq!(snapshot(&d.vault()), before);
}
