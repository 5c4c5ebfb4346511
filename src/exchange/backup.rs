//! The backup container (format version 1). One file, everything after the header still encrypted:
//!
//! ```text
//! offset  size  field
//! 0       8     magic "CFBACKUP"
//! 8       2     container version, u16 little-endian (1)
//! 10      4     header length H, u32 LE (at most 1 MiB)
//! 14      H     header, UTF-8 JSON: format, version, created, vaultId, schemaVersion,
//!               carefileVersion, macSalt (base64), envelope (the vault's key file, as in
//!               vault-keys.json: the data key wrapped by the passphrase and by the recovery key)
//! 14+H    8     snapshot length D, u64 LE
//! 22+H    D     the snapshot: a SQLCipher 4 database keyed with the vault's own data key, made with
//!               SQLite's online backup API (a consistent point in time, even while others write)
//! end-64  32    HMAC-SHA256 of every byte before it, keyed by HKDF-SHA256(data key, macSalt,
//!               "carefile backup mac v1"): proves the file was made by someone holding the key
//! end-32  32    SHA-256 of every byte before it: spots any damaged byte without any key
//! ```
//!
//! Checking order: the SHA-256 first (damage is `corrupt_file` whatever the passphrase), then the
//! key envelope (wrong passphrase or recovery key), then the HMAC (tampering is `corrupt_file`),
//! then the snapshot is opened and every page checked.

use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::ids::random_bytes;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hkdf::hmac::{Hmac, Mac};
use rusqlite::backup::{Backup, StepResult};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::safety::files::hidden_sibling;
use crate::safety::RemoveOnDrop;
use crate::vault::snapshot::{self, SnapshotKey};
use crate::vault::{self, Passphrase, RecoveryKey, Vault};

pub const BACKUP_MAGIC: &[u8; 8] = b"CFBACKUP";
pub const BACKUP_VERSION: u16 = 1;
/// The extension Carefile gives backup files.
pub const BACKUP_EXTENSION: &str = "carefile-backup";
const HEADER_LIMIT: u32 = 1024 * 1024;
const MAC_INFO: &[u8] = b"carefile backup mac v1";
const PREFIX: u64 = 8 + 2 + 4;
const TRAILER: u64 = 64;

type HmacSha256 = Hmac<Sha256>;

/// What opens a backup: the passphrase the vault had when the backup was made, or its recovery key.
pub enum BackupSecret<'a> {
    Passphrase(&'a Passphrase),
    RecoveryKey(&'a RecoveryKey),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    format: String,
    version: u16,
    created: String,
    vault_id: String,
    schema_version: i64,
    carefile_version: String,
    mac_salt: String,
    envelope: serde_json::Value,
}

/// What a backup holds, as `create` and `verify` report it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub path: String,
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes: u64,
    /// UTC, ISO 8601.
    pub created: String,
    pub vault_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub schema_version: i64,
}

fn corrupt(path: &Path, why: &str) -> Error {
    Error::CorruptFile(format!(
        "The backup {} is damaged ({why}). Nothing was restored. Use another backup.",
        path.display()
    ))
}

pub(super) fn io_err<'a>(path: &'a Path, what: &str) -> impl Fn(io::Error) -> Error + 'a {
    let what = what.to_string();
    move |e| Error::io(format!("Could not {what} {}", path.display()), e)
}

/// Copy the vault into a new SQLCipher file at `path`, keyed with the same data key, as one
/// consistent snapshot: one backup step copies every page inside a single read transaction, so a
/// writer in another process neither blocks it nor makes it start again.
fn snapshot_into(vault: &Vault, key: &SnapshotKey, path: &Path) -> Result<()> {
    let mut dst = key.open_file(path, true)?;
    {
        let backup = Backup::new(vault.conn(), &mut dst)?;
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => continue,
                StepResult::Busy | StepResult::Locked if tries < 200 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                _ => {
                    return Err(Error::Internal(
                        "the vault stayed busy, so no backup was made; try again".into(),
                    ))
                }
            }
        }
    }
    // The copied header says WAL; a snapshot is one self-contained file.
    dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
    dst.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

use crate::ids::now_stamp as now;

/// Write a backup of `vault` to `out`, which must not exist yet. The file appears only when it is
/// complete; anything temporary is an encrypted database in the same folder, removed afterwards.
pub fn create_backup(vault: &Vault, out: &Path) -> Result<BackupSummary> {
    if out.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose another file name. Nothing was written.",
            out.display()
        )));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::NotFound(format!(
            "The folder {} isn't there (is the drive plugged in?). Nothing was written.",
            parent.display()
        )));
    }
    let key = SnapshotKey::of(vault);
    let mut cleanup = RemoveOnDrop::new();
    let snap = hidden_sibling(out, "snapshot");
    cleanup.db(&snap);
    snapshot_into(vault, &key, &snap)?;

    let schema_version: i64 = vault.conn().query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let salt = random_bytes::<16>();
    let envelope: serde_json::Value = serde_json::from_slice(&snapshot::envelope_json(vault)?)
        .map_err(|e| Error::Internal(format!("could not encode the key envelope: {e}")))?;
    let header = Header {
        format: "carefile-backup".into(),
        version: BACKUP_VERSION,
        created: now(),
        vault_id: vault.id().to_string(),
        schema_version,
        carefile_version: env!("CARGO_PKG_VERSION").into(),
        mac_salt: B64.encode(salt),
        envelope,
    };
    let header_json = serde_json::to_vec(&header)
        .map_err(|e| Error::Internal(format!("could not encode the backup header: {e}")))?;

    // Written under a temporary name and renamed when whole (safety::files): a kill never leaves
    // half a backup under its name.
    let mut file = crate::safety::AtomicFile::create(out)?;
    let mac_key = key.derive(&salt, MAC_INFO);
    let mut mac = <HmacSha256 as Mac>::new_from_slice(mac_key.as_ref())
        .map_err(|_| Error::Internal("could not start the backup checksum".into()))?;
    let mut sha = Sha256::new();
    let mut put = |bytes: &[u8], file: &mut crate::safety::AtomicFile| -> Result<()> {
        mac.update(bytes);
        sha.update(bytes);
        file.write_all(bytes).map_err(io_err(out, "write"))
    };
    let db_len = fs::metadata(&snap).map_err(io_err(&snap, "read"))?.len();
    put(BACKUP_MAGIC, &mut file)?;
    put(&BACKUP_VERSION.to_le_bytes(), &mut file)?;
    put(&(header_json.len() as u32).to_le_bytes(), &mut file)?;
    put(&header_json, &mut file)?;
    put(&db_len.to_le_bytes(), &mut file)?;
    let mut src = BufReader::new(File::open(&snap).map_err(io_err(&snap, "read"))?);
    let mut buf = vec![0u8; 64 * 1024];
    let mut copied = 0u64;
    loop {
        let n = src.read(&mut buf).map_err(io_err(&snap, "read"))?;
        if n == 0 {
            break;
        }
        copied += n as u64;
        put(&buf[..n], &mut file)?;
    }
    if copied != db_len {
        return Err(Error::Internal("the snapshot changed while it was being copied".into()));
    }
    let tag = mac.finalize().into_bytes();
    sha.update(tag);
    file.write_all(&tag).map_err(io_err(out, "write"))?;
    file.write_all(&sha.finalize()).map_err(io_err(out, "write"))?;
    file.commit(crate::safety::Existing::Refuse)?;
    let bytes = fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(BackupSummary {
        path: out.display().to_string(),
        bytes,
        created: header.created,
        vault_id: header.vault_id,
        schema_version,
    })
}

/// A backup file whose layout and checksum have been checked, but not yet its key.
pub(super) struct Opened {
    path: PathBuf,
    len: u64,
    header: Header,
    pub(super) envelope: Vec<u8>,
    db_offset: u64,
    db_len: u64,
}

fn read_exact_at(file: &mut File, path: &Path, buf: &mut [u8]) -> Result<()> {
    file.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => corrupt(path, "it ends too soon"),
        _ => Error::io(format!("Could not read {}", path.display()), e),
    })
}

pub(super) fn fuzz_open(path: &Path) -> Result<()> {
    open_container(path).map(|_| ())
}

pub(super) fn open_container(path: &Path) -> Result<Opened> {
    let mut file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => {
            Error::NotFound(format!("There is no file at {}.", path.display()))
        }
        _ => Error::io(format!("Could not read {}", path.display()), e),
    })?;
    let len = file.metadata().map_err(io_err(path, "read"))?.len();
    if len < PREFIX + 8 + TRAILER {
        return Err(corrupt(path, "it is too short to be a Carefile backup"));
    }
    let mut prefix = [0u8; PREFIX as usize];
    read_exact_at(&mut file, path, &mut prefix)?;
    // The whole-file checksum comes first, so that a damaged byte anywhere (even in the magic or
    // version) is reported as damage, never as "wrong passphrase" or "not a backup".
    let mut sha = Sha256::new();
    sha.update(prefix);
    let mut reader = BufReader::new(&mut file);
    let mut left = len - PREFIX - 32;
    let mut buf = vec![0u8; 64 * 1024];
    while left > 0 {
        let n = (left as usize).min(buf.len());
        reader.read_exact(&mut buf[..n]).map_err(io_err(path, "read"))?;
        sha.update(&buf[..n]);
        left -= n as u64;
    }
    let mut stored = [0u8; 32];
    reader.read_exact(&mut stored).map_err(io_err(path, "read"))?;
    if sha.finalize().as_slice() != stored {
        if &prefix[..8] != BACKUP_MAGIC {
            return Err(Error::CorruptFile(format!(
                "{} is not a Carefile backup, or it is badly damaged. Nothing was restored.",
                path.display()
            )));
        }
        return Err(corrupt(path, "its checksum doesn't match, so at least one byte has changed"));
    }
    if &prefix[..8] != BACKUP_MAGIC {
        return Err(Error::CorruptFile(format!(
            "{} is not a Carefile backup. Nothing was restored.",
            path.display()
        )));
    }
    let version = u16::from_le_bytes([prefix[8], prefix[9]]);
    if version > BACKUP_VERSION {
        return Err(Error::UnsupportedFile(format!(
            "This backup was made by a newer version of Carefile (backup format {version}). Update \
             Carefile to restore it."
        )));
    }
    let header_len = u32::from_le_bytes([prefix[10], prefix[11], prefix[12], prefix[13]]);
    if header_len > HEADER_LIMIT || PREFIX + header_len as u64 + 8 + TRAILER > len {
        return Err(corrupt(path, "its header has an impossible length"));
    }
    file.seek(SeekFrom::Start(PREFIX)).map_err(io_err(path, "read"))?;
    let mut header_bytes = vec![0u8; header_len as usize];
    read_exact_at(&mut file, path, &mut header_bytes)?;
    let mut db_len = [0u8; 8];
    read_exact_at(&mut file, path, &mut db_len)?;
    let db_len = u64::from_le_bytes(db_len);
    let db_offset = PREFIX + header_len as u64 + 8;
    if db_offset.checked_add(db_len).and_then(|n| n.checked_add(TRAILER)) != Some(len) {
        return Err(corrupt(path, "its parts don't add up to its size"));
    }
    let header: Header = serde_json::from_slice(&header_bytes)
        .map_err(|_| corrupt(path, "its header is unreadable"))?;
    if header.format != "carefile-backup" {
        return Err(corrupt(path, "its header is not a Carefile backup header"));
    }
    let envelope = serde_json::to_vec(&header.envelope)
        .map_err(|_| corrupt(path, "its key envelope is unreadable"))?;
    if snapshot::envelope_vault_id(&envelope)? != header.vault_id {
        return Err(corrupt(path, "its key envelope belongs to another vault"));
    }
    Ok(Opened { path: path.to_path_buf(), len, header, envelope, db_offset, db_len })
}

impl Opened {
    pub(super) fn key(&self, secret: &BackupSecret) -> Result<SnapshotKey> {
        match secret {
            BackupSecret::Passphrase(p) => SnapshotKey::from_passphrase(&self.envelope, p),
            BackupSecret::RecoveryKey(k) => SnapshotKey::from_recovery_key(&self.envelope, k),
        }
    }

    /// Check the HMAC while writing the snapshot (still encrypted) to `dest`.
    pub(super) fn extract(&self, key: &SnapshotKey, dest: &Path) -> Result<()> {
        let salt =
            B64.decode(&self.header.mac_salt).map_err(|_| corrupt(&self.path, "bad MAC salt"))?;
        let mac_key = key.derive(&salt, MAC_INFO);
        let mut mac = <HmacSha256 as Mac>::new_from_slice(mac_key.as_ref())
            .map_err(|_| Error::Internal("could not start the backup checksum".into()))?;
        let mut file = BufReader::new(File::open(&self.path).map_err(io_err(&self.path, "read"))?);
        let mut out = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dest)
            .map_err(io_err(dest, "write"))?;
        let mut pos = 0u64;
        let end = self.len - TRAILER;
        let mut buf = vec![0u8; 64 * 1024];
        while pos < end {
            let n = ((end - pos) as usize).min(buf.len());
            file.read_exact(&mut buf[..n]).map_err(io_err(&self.path, "read"))?;
            mac.update(&buf[..n]);
            // The part of this block that is the snapshot.
            let from = self.db_offset.max(pos);
            let to = (self.db_offset + self.db_len).min(pos + n as u64);
            if from < to {
                out.write_all(&buf[(from - pos) as usize..(to - pos) as usize])
                    .map_err(io_err(dest, "write"))?;
            }
            pos += n as u64;
        }
        let mut tag = [0u8; 32];
        file.read_exact(&mut tag).map_err(io_err(&self.path, "read"))?;
        mac.verify_slice(&tag).map_err(|_| {
            corrupt(&self.path, "it fails its authenticity check: it was changed after it was made")
        })?;
        out.sync_all().map_err(io_err(dest, "save"))?;
        Ok(())
    }

    pub(super) fn summary(&self) -> BackupSummary {
        BackupSummary {
            path: self.path.display().to_string(),
            bytes: self.len,
            created: self.header.created.clone(),
            vault_id: self.header.vault_id.clone(),
            schema_version: self.header.schema_version,
        }
    }
}

/// Open an extracted snapshot and check every page, and that it is the vault the header names.
pub(super) fn check_snapshot(key: &SnapshotKey, path: &Path, opened: &Opened) -> Result<()> {
    let conn =
        key.open_file(path, false).map_err(|_| corrupt(&opened.path, "its database won't open"))?;
    snapshot::check_integrity(&conn, path).map_err(|e| match e {
        Error::CorruptVault { detail, .. } => corrupt(&opened.path, &detail),
        other => other,
    })?;
    let id: String = conn
        .query_row("SELECT value FROM vault_meta WHERE key = 'vault_id'", [], |r| r.get(0))
        .map_err(|_| corrupt(&opened.path, "its database has no vault id"))?;
    if id != opened.header.vault_id {
        return Err(corrupt(&opened.path, "its database belongs to another vault"));
    }
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if schema > vault::SCHEMA_VERSION {
        return Err(Error::VaultTooNew { found: schema, known: vault::SCHEMA_VERSION });
    }
    drop(conn);
    Ok(())
}

/// Check a backup end to end without restoring it: checksum, key, authenticity, every page. The
/// only thing written is an encrypted copy of the snapshot in the system's temporary folder,
/// removed before returning.
pub fn verify_backup(path: &Path, secret: &BackupSecret) -> Result<BackupSummary> {
    let opened = open_container(path)?;
    let key = opened.key(secret)?;
    let tmp = hidden_sibling(&std::env::temp_dir().join("carefile-verify"), "db");
    let mut cleanup = RemoveOnDrop::new();
    cleanup.db(&tmp);
    opened.extract(&key, &tmp)?;
    check_snapshot(&key, &tmp, &opened)?;
    Ok(opened.summary())
}
