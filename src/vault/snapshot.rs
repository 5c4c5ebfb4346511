//! The small door the `exchange` module needs into the vault to make and check backups: the key
//! envelope as bytes, a copy of the data key that never leaves this crate, and opening (or creating)
//! a separate SQLCipher file with that key. It never writes a key or a plaintext page anywhere.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::keys::{Envelope, ENVELOPE_FORMAT, ENVELOPE_VERSION};
use super::secret::{DataKey, Passphrase, RecoveryKey};
use super::Vault;
use crate::error::{Error, Result};

/// A vault's data key, for keying snapshots and deriving backup MAC keys. Zeroized on drop,
/// redacted in `Debug`, never `Serialize`, and only reachable inside the crate.
#[derive(Debug)]
pub(crate) struct SnapshotKey(DataKey);

/// The key envelope of a vault as JSON, to travel inside a backup (it holds no usable secret).
pub(crate) fn envelope_json(vault: &Vault) -> Result<Vec<u8>> {
    serde_json::to_vec(&vault.envelope)
        .map_err(|e| Error::Internal(format!("could not encode the key envelope: {e}")))
}

pub(crate) fn fuzz_parse_envelope(json: &[u8]) -> Result<Envelope> {
    parse_envelope(json)
}

fn parse_envelope(json: &[u8]) -> Result<Envelope> {
    let env: Envelope = serde_json::from_slice(json)
        .map_err(|_| Error::CorruptFile("The key envelope inside this file is damaged.".into()))?;
    if env.format != ENVELOPE_FORMAT {
        return Err(Error::CorruptFile(
            "The key envelope inside this file is not Carefile's.".into(),
        ));
    }
    if env.version > ENVELOPE_VERSION {
        return Err(Error::VaultTooNew {
            found: env.version as i64,
            known: ENVELOPE_VERSION as i64,
        });
    }
    Ok(env)
}

/// The vault id an envelope belongs to.
pub(crate) fn envelope_vault_id(json: &[u8]) -> Result<String> {
    Ok(parse_envelope(json)?.vault_id)
}

impl SnapshotKey {
    pub(crate) fn of(vault: &Vault) -> SnapshotKey {
        SnapshotKey(DataKey::from_bytes(*vault.key.expose()))
    }

    pub(crate) fn from_passphrase(envelope: &[u8], passphrase: &Passphrase) -> Result<SnapshotKey> {
        Ok(SnapshotKey(parse_envelope(envelope)?.unwrap_with_passphrase(passphrase)?))
    }

    pub(crate) fn from_recovery_key(envelope: &[u8], key: &RecoveryKey) -> Result<SnapshotKey> {
        Ok(SnapshotKey(parse_envelope(envelope)?.unwrap_with_recovery(key)?))
    }

    /// A sub-key for one purpose (HKDF-SHA256), so the data key itself is never used twice.
    pub(crate) fn derive(&self, salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
        let _ =
            hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), self.0.expose()).expand(info, out.as_mut());
        out
    }

    /// Open (or create, when `create`) a standalone SQLCipher file with this key, in rollback-journal
    /// mode so it is one file. Proves the key reads the file before returning.
    pub(crate) fn open_file(&self, path: &Path, create: bool) -> Result<Connection> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| {
            Error::io(format!("Could not open {}", path.display()), std::io::Error::other(e))
        })?;
        super::db::apply_key(&conn, &self.0, path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;",
        )
        .map_err(super::db::damaged(path))?;
        Ok(conn)
    }
}

/// Read every page of a snapshot and check it (SQLCipher page HMACs, then SQLite's b-trees).
pub(crate) fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    super::db::check_integrity(conn, path)
}

/// Make a new, private (0700) folder for a vault being put together.
pub(crate) fn prepare_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("Could not create the folder {}", dir.display()), e))?;
    super::restrict_permissions(dir);
    Ok(())
}

/// Put a checked snapshot in place as a new vault: the database first, the envelope last (until it
/// exists there is no vault, as in `create`). `dir` must not hold a vault.
pub(crate) fn install(dir: &Path, envelope: &[u8], snapshot: &Path) -> Result<()> {
    let env = parse_envelope(envelope)?;
    let db = super::db_path(dir);
    if super::exists(dir) || (snapshot != db && db.exists()) {
        return Err(Error::VaultExists(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("Could not create the folder {}", dir.display()), e))?;
    super::restrict_permissions(dir);
    if snapshot != super::db_path(dir) {
        std::fs::rename(snapshot, super::db_path(dir)).map_err(|e| {
            Error::io(format!("Could not move the restored vault into {}", dir.display()), e)
        })?;
    }
    env.write(&super::keys_path(dir))
}
