use super::*;

const FAST: KdfParams = KdfParams::INSECURE_FOR_TESTS;

fn pass() -> Passphrase {
    Passphrase::new("kettle orbit lantern")
}

fn new_vault(dir: &Path) -> (Vault, RecoveryKey) {
    create(dir, "Sam's record", &pass(), FAST).unwrap()
}

#[test]
fn created_vault_unlocks_with_its_passphrase_and_knows_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = new_vault(tmp.path());
    vault.lock().unwrap();
    let vault = unlock(tmp.path(), &pass()).unwrap();
    assert_eq!(vault.name().unwrap(), "Sam's record");
    let info = vault.info().unwrap();
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert!(!info.cipher_version.is_empty());
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    new_vault(tmp.path());
    let e = create(tmp.path(), "Other", &pass(), FAST).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::VaultExists);
}

#[test]
fn weak_passphrase_is_refused_at_creation_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let e = create(&dir, "Sam", &Passphrase::new("short"), FAST).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::WeakPassphrase);
    assert!(!dir.exists());
}

#[test]
fn newer_schema_is_refused_without_changing_the_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = new_vault(tmp.path());
    vault.conn().pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
    vault.lock().unwrap();
    let before = fs::read(db_path(tmp.path())).unwrap();
    let e = unlock(tmp.path(), &pass()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::VaultTooNew);
    assert!(e.to_string().contains("newer version of Carefile"), "{e}");
    assert_eq!(before, fs::read(db_path(tmp.path())).unwrap());
}

#[test]
fn keyring_key_from_another_vault_is_rejected_and_forgotten() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = new_vault(tmp.path());
    let store = MemoryStore::new();
    store.set(vault.id(), &DataKey::generate().to_hex()).unwrap();
    let id = vault.id().to_string();
    vault.lock().unwrap();
    let e = unlock_with_store(tmp.path(), &store).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::NotFound);
    assert!(store.get(&id).unwrap().is_none());
}

#[test]
fn key_file_from_another_vault_is_reported_as_damage() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    new_vault(a.path()).0.lock().unwrap();
    new_vault(b.path()).0.lock().unwrap();
    fs::copy(keys_path(a.path()), keys_path(b.path())).unwrap();
    let e = unlock(b.path(), &pass()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CorruptVault);
}

#[test]
fn change_passphrase_requires_the_current_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut vault, _) = new_vault(tmp.path());
    let e = vault
        .change_passphrase(
            &Passphrase::new("not the passphrase"),
            &Passphrase::new("new one here ok"),
            FAST,
        )
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::WrongPassphrase);
    vault.change_passphrase(&pass(), &Passphrase::new("new one here ok"), FAST).unwrap();
    vault.lock().unwrap();
    assert!(unlock(tmp.path(), &Passphrase::new("new one here ok")).is_ok());
    assert_eq!(unlock(tmp.path(), &pass()).unwrap_err().code(), crate::ErrorCode::WrongPassphrase);
}

#[test]
fn missing_vault_says_how_to_make_one() {
    let tmp = tempfile::tempdir().unwrap();
    let e = unlock(&tmp.path().join("nothing"), &pass()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::NoVault);
    assert!(e.to_string().contains("carefile init"));
}
