//! The vault: one folder holding the encrypted SQLCipher database and its key envelope.
//!
//! It owns creating and opening the database, the key hierarchy (a random data key wrapped by the
//! passphrase and by the recovery key, optionally remembered in the OS keyring), migrations, and
//! locking. It must never write the data key, a passphrase or the recovery key anywhere in the
//! clear, and never modify a vault it could not open.
//!
//! ```text
//! <vault>/vault.db            SQLCipher 4 database (AES-256, HMAC-SHA512 per page), raw data key
//! <vault>/vault.db-wal        its write-ahead log, encrypted the same way
//! <vault>/vault-keys.json     the envelope: data key wrapped twice, Argon2id parameters, no secrets
//! ```

mod db;
mod idle;
mod keys;
mod policy;
mod secret;
pub(crate) mod snapshot;
mod store;
mod upgrade;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

pub use db::{Migration, SCHEMA_VERSION};
pub use idle::{IdleClock, DEFAULT_IDLE_MINUTES};
pub use keys::KdfParams;
pub use policy::{assess_passphrase, PassphraseAssessment, MIN_LENGTH};
pub use secret::{Passphrase, RecoveryKey};
pub use store::{store_from_env, MemoryStore, NoStore, OsKeyring, SecretStore};
pub use upgrade::{upgrade_copies, UPGRADE_COPIES_DIR};

use crate::error::{Error, Result};
use keys::{Envelope, ENVELOPE_FORMAT, ENVELOPE_VERSION};
use secret::DataKey;

pub const DB_FILE: &str = "vault.db";
pub const KEYS_FILE: &str = "vault-keys.json";
/// The keyring service name; test builds use their own so they never see a real vault's key.
pub const KEYRING_SERVICE: &str = "uk.carefile.vault";

/// Where a vault lives when nobody says otherwise: the OS data directory
/// (`~/.local/share/carefile/vault` on Linux, `~/Library/Application Support/uk.carefile.Carefile/vault`
/// on macOS, `%APPDATA%\Carefile\Carefile\data\vault` on Windows). The CLI and the desktop share it.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("uk", "Carefile", "Carefile").map(|d| d.data_dir().join("vault"))
}

fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

fn keys_path(dir: &Path) -> PathBuf {
    dir.join(KEYS_FILE)
}

/// Whether a vault exists in this folder (its key envelope is there).
pub fn exists(dir: &Path) -> bool {
    keys_path(dir).is_file()
}

fn read_envelope(dir: &Path) -> Result<Envelope> {
    if !exists(dir) {
        return Err(Error::NoVault(dir.to_path_buf()));
    }
    Envelope::read(&keys_path(dir))
}

/// An unlocked vault: an open, keyed connection and the data key (to re-wrap or remember it).
/// Dropping it locks the vault: the connection closes and the key is zeroized.
pub struct Vault {
    dir: PathBuf,
    conn: Connection,
    key: DataKey,
    envelope: Envelope,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// What `carefile info` and the home screen show.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VaultInfo {
    pub path: String,
    pub name: String,
    pub vault_id: String,
    pub created: String,
    pub schema_version: i64,
    pub cipher_version: String,
    pub kdf: String,
    /// Rows per table, for a quick sense of what the vault holds.
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, number>"))]
    pub counts: BTreeMap<String, i64>,
}

/// The vault as the desktop sees it before and after unlocking.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub path: String,
    pub exists: bool,
    pub unlocked: bool,
    pub name: Option<String>,
    pub remembered: bool,
    pub keyring_available: bool,
    pub idle_lock_minutes: u32,
}

/// Why the vault locked, sent to the UI with the `vault-locked` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum LockReason {
    Idle,
    User,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
pub struct VaultLockedPayload {
    pub reason: LockReason,
}

/// What the desktop receives after creating a vault: the recovery key is shown once.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VaultCreated {
    pub status: VaultStatus,
    pub recovery_key: String,
}

/// Put together the status the desktop shows, whether or not the vault is unlocked.
pub fn status(
    dir: &Path,
    open: Option<&Vault>,
    store: &dyn SecretStore,
    idle_lock_minutes: u32,
) -> VaultStatus {
    VaultStatus {
        path: dir.display().to_string(),
        exists: exists(dir),
        unlocked: open.is_some(),
        name: open.and_then(|v| v.name().ok()),
        remembered: is_remembered(dir, store),
        keyring_available: store.available(),
        idle_lock_minutes,
    }
}

/// Create a new vault in `dir` (made if missing). Returns the unlocked vault and the recovery key,
/// which exists only in this return value: show it once, print it, then drop it.
pub fn create(
    dir: &Path,
    name: &str,
    passphrase: &Passphrase,
    params: KdfParams,
) -> Result<(Vault, RecoveryKey)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("Give the vault a name, such as \"Sam's record\"."));
    }
    if name.chars().count() > 200 {
        return Err(Error::invalid("A vault name can be at most 200 characters."));
    }
    let verdict = assess_passphrase(passphrase.expose());
    if !verdict.acceptable {
        return Err(Error::WeakPassphrase(verdict.hint));
    }
    if exists(dir) || db_path(dir).exists() {
        return Err(Error::VaultExists(dir.to_path_buf()));
    }
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("Could not create the folder {}", dir.display()), e))?;
    restrict_permissions(dir);

    let key = DataKey::generate();
    let recovery = RecoveryKey::generate();
    let vault_id = hex::encode(rand_bytes::<16>());
    let created = crate::ids::now_stamp();
    let envelope = Envelope {
        format: ENVELOPE_FORMAT.into(),
        version: ENVELOPE_VERSION,
        key_check: keys::key_check(&key, &vault_id),
        passphrase: keys::wrap_with_passphrase(&key, &vault_id, passphrase, params)?,
        recovery: keys::wrap_with_recovery(&key, &vault_id, &recovery)?,
        vault_id: vault_id.clone(),
        created: created.clone(),
    };

    let path = db_path(dir);
    let mut conn = db::open(&path, &key, true)?;
    db::migrate(&mut conn, &path, &mut |_, _| Ok(()))?;
    let tx = conn.transaction()?;
    for (k, v) in [("vault_id", vault_id.as_str()), ("name", name), ("created", created.as_str())] {
        tx.execute("INSERT INTO vault_meta (key, value) VALUES (?1, ?2)", (k, v))?;
    }
    tx.commit()?;
    // The envelope goes last: until it exists there is no vault, so a crash here leaves nothing
    // that looks openable.
    envelope.write(&keys_path(dir))?;
    crate::safety::helpers::use_vault_folder(dir);
    Ok((Vault { dir: dir.to_path_buf(), conn, key, envelope }, recovery))
}

fn rand_bytes<const N: usize>() -> [u8; N] {
    use rand::RngCore;
    let mut b = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

#[cfg(unix)]
fn restrict_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict_permissions(_dir: &Path) {}

fn open_with_key(dir: &Path, envelope: Envelope, key: DataKey) -> Result<Vault> {
    let path = db_path(dir);
    if !path.is_file() {
        return Err(Error::CorruptVault {
            path: path.clone(),
            detail: "the database file is missing".into(),
        });
    }
    let mut conn = db::open(&path, &key, false)?;
    db::migrate(&mut conn, &path, &mut |conn, found| {
        upgrade::keep_copy(dir, conn, &key, found).map(|_| ())
    })?;
    let stored_id: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = 'vault_id'", [], |r| r.get(0))
        .optional()
        .map_err(db::damaged(&path))?;
    if stored_id.as_deref() != Some(envelope.vault_id.as_str()) {
        return Err(Error::CorruptVault {
            path,
            detail: "the key file belongs to a different vault".into(),
        });
    }
    crate::safety::helpers::use_vault_folder(dir);
    Ok(Vault { dir: dir.to_path_buf(), conn, key, envelope })
}

/// Unlock with the passphrase. A wrong passphrase is detected before the database is touched, so
/// every vault file stays byte-identical.
pub fn unlock(dir: &Path, passphrase: &Passphrase) -> Result<Vault> {
    let envelope = read_envelope(dir)?;
    let key = envelope.unwrap_with_passphrase(passphrase)?;
    open_with_key(dir, envelope, key)
}

/// Unlock with the recovery key from the Recovery Sheet.
pub fn unlock_with_recovery_key(dir: &Path, recovery: &RecoveryKey) -> Result<Vault> {
    let envelope = read_envelope(dir)?;
    let key = envelope.unwrap_with_recovery(recovery)?;
    open_with_key(dir, envelope, key)
}

/// Unlock with a data key remembered in `store`. `NotFound` when nothing (valid) is remembered.
pub fn unlock_with_store(dir: &Path, store: &dyn SecretStore) -> Result<Vault> {
    let envelope = read_envelope(dir)?;
    let remembered = store.get(&envelope.vault_id)?.ok_or_else(|| {
        Error::NotFound(
            "This vault is not remembered on this computer. Use your passphrase.".into(),
        )
    })?;
    let key = DataKey::from_hex(&remembered).filter(|k| envelope.matches(k));
    let Some(key) = key else {
        // A stale or foreign entry: drop it so it is not tried again.
        let _ = store.delete(&envelope.vault_id);
        return Err(Error::NotFound(
            "The key remembered on this computer no longer fits this vault. Use your passphrase."
                .into(),
        ));
    };
    open_with_key(dir, envelope, key)
}

/// Set a new passphrase using the recovery key, and return the unlocked vault.
pub fn reset_passphrase(
    dir: &Path,
    recovery: &RecoveryKey,
    new_passphrase: &Passphrase,
    params: KdfParams,
) -> Result<Vault> {
    let verdict = assess_passphrase(new_passphrase.expose());
    if !verdict.acceptable {
        return Err(Error::WeakPassphrase(verdict.hint));
    }
    let mut vault = unlock_with_recovery_key(dir, recovery)?;
    vault.rewrap_passphrase(new_passphrase, params)?;
    Ok(vault)
}

/// Whether `store` holds a key for the vault in `dir` (without checking it).
pub fn is_remembered(dir: &Path, store: &dyn SecretStore) -> bool {
    read_envelope(dir).ok().and_then(|env| store.get(&env.vault_id).ok().flatten()).is_some()
}

impl Vault {
    /// The open connection, for the modules that own tables in this vault.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn id(&self) -> &str {
        &self.envelope.vault_id
    }

    fn meta(&self, key: &str) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    pub fn name(&self) -> Result<String> {
        self.meta("name")
    }

    pub fn rename(&self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("A vault needs a name."));
        }
        self.conn.execute("UPDATE vault_meta SET value = ?1 WHERE key = 'name'", [name])?;
        Ok(())
    }

    pub fn info(&self) -> Result<VaultInfo> {
        let mut counts = BTreeMap::new();
        let tables: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite_%' AND name NOT IN ('vault_meta', 'schema_migrations')
                   AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        // Full-text indexes keep shadow tables (`<index>_data`, `_idx`, …): not what a person means
        // by "what the vault holds".
        let virtual_tables: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for t in tables {
            if virtual_tables.iter().any(|v| t.starts_with(&format!("{v}_"))) {
                continue;
            }
            // Table names come from sqlite_master, not from a person; quote them anyway.
            let sql = format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\""));
            counts.insert(t, self.conn.query_row(&sql, [], |r| r.get(0))?);
        }
        let kdf = match self.envelope.kdf_params() {
            Some(p) if p.memory_kib >= 1024 => format!(
                "Argon2id, {} MiB, {} passes, {} lane(s)",
                p.memory_kib / 1024,
                p.iterations,
                p.parallelism
            ),
            Some(p) => format!(
                "Argon2id, {} KiB, {} passes, {} lane(s) (weak: for tests only)",
                p.memory_kib, p.iterations, p.parallelism
            ),
            None => "unknown".into(),
        };
        Ok(VaultInfo {
            path: self.dir.display().to_string(),
            name: self.name()?,
            vault_id: self.envelope.vault_id.clone(),
            created: self.envelope.created.clone(),
            schema_version: db::schema_version(&self.conn)?,
            cipher_version: db::cipher_version(&self.conn)?,
            kdf,
            counts,
        })
    }

    /// The Recovery Sheet PDF for this vault: its name, creation date, id and the recovery key.
    pub fn recovery_sheet(&self, key: &RecoveryKey) -> Result<Vec<u8>> {
        let created = self.envelope.created.get(..10).unwrap_or_default();
        let created = chrono::NaiveDate::parse_from_str(created, "%Y-%m-%d")
            .unwrap_or_else(|_| chrono::Utc::now().date_naive());
        crate::pdf::recovery_sheet_pdf(&crate::pdf::RecoverySheet {
            vault_name: self.name()?,
            created,
            recovery_key: key.reveal_grouped().to_string(),
            vault_id: self.envelope.vault_id.clone(),
        })
    }

    /// Read every page and check it: slow on a large vault, so it is a separate step.
    pub fn check_integrity(&self) -> Result<()> {
        db::check_integrity(&self.conn, &db_path(&self.dir))
    }

    fn rewrap_passphrase(&mut self, new_passphrase: &Passphrase, params: KdfParams) -> Result<()> {
        let mut envelope = self.envelope.clone();
        envelope.passphrase =
            keys::wrap_with_passphrase(&self.key, &envelope.vault_id, new_passphrase, params)?;
        envelope.write(&keys_path(&self.dir))?;
        self.envelope = envelope;
        Ok(())
    }

    /// Change the passphrase. Only the envelope changes: the database is not re-encrypted.
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new_passphrase: &Passphrase,
        params: KdfParams,
    ) -> Result<()> {
        // Someone at an unlocked screen must still know the current passphrase.
        self.envelope.unwrap_with_passphrase(current)?;
        let verdict = assess_passphrase(new_passphrase.expose());
        if !verdict.acceptable {
            return Err(Error::WeakPassphrase(verdict.hint));
        }
        self.rewrap_passphrase(new_passphrase, params)
    }

    /// Keep the data key in `store` so this computer can unlock without the passphrase.
    pub fn remember(&self, store: &dyn SecretStore) -> Result<()> {
        store.set(&self.envelope.vault_id, &self.key.to_hex())
    }

    /// Remove the remembered key from `store`.
    pub fn forget(&self, store: &dyn SecretStore) -> Result<()> {
        store.delete(&self.envelope.vault_id)
    }

    pub fn is_remembered(&self, store: &dyn SecretStore) -> bool {
        store.get(&self.envelope.vault_id).ok().flatten().is_some()
    }

    /// Run `f` as one all-or-nothing unit: every change it makes lands in one commit, or (on an
    /// error, a panic or a kill) none does. Steps inside that open their own transaction must use
    /// `conn_mut().savepoint()` (which nests) rather than `transaction()` (which does not).
    pub fn all_or_nothing<T>(&mut self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT all_or_nothing")?;
        let mut guard = Unit { vault: self, done: false };
        let value = f(guard.vault)?;
        guard.vault.conn.execute_batch("RELEASE all_or_nothing")?;
        guard.done = true;
        Ok(value)
    }

    /// Close the connection (checkpointing the WAL) and drop the key.
    pub fn lock(self) -> Result<()> {
        let Vault { conn, .. } = self;
        conn.close().map_err(|(_, e)| Error::from(e))
    }
}

/// For `crate::fuzzing` only: a key file as read before unlocking.
pub(crate) fn fuzz_envelope(bytes: &[u8]) -> Result<()> {
    let env = snapshot::fuzz_parse_envelope(bytes)?;
    let _ = env.kdf_params().map(|p| p.check_untrusted("fuzz"));
    Ok(())
}

/// Rolls an unfinished [`Vault::all_or_nothing`] back, on an error or while unwinding a panic.
struct Unit<'a> {
    vault: &'a mut Vault,
    done: bool,
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ =
                self.vault.conn.execute_batch("ROLLBACK TO all_or_nothing; RELEASE all_or_nothing");
        }
    }
}

#[cfg(test)]
mod tests;

/// For the core's own tests: a new vault in a temporary folder (kept while the `TempDir` lives),
/// with the fast test KDF.
#[cfg(test)]
pub(crate) fn scratch() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _key) = create(
        &dir.path().join("vault"),
        "Test",
        &Passphrase::new("kettle orbit lantern minnow"),
        KdfParams::INSECURE_FOR_TESTS,
    )
    .unwrap();
    (dir, vault)
}
