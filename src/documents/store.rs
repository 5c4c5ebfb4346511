//! Originals inside the vault, content-addressed: one `doc_blobs` row per SHA-256 and the bytes in
//! 1 MiB chunks, so storing or exporting a large file never needs it as one SQL value (and never
//! needs more than the caller's own copy in memory).

use std::io::Write;

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

const CHUNK: usize = 1024 * 1024;

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub(crate) fn blob_exists(conn: &Connection, sha256: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM doc_blobs WHERE sha256 = ?1", [sha256], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores `bytes` under `sha256` unless already there. Call inside the import's transaction.
pub(crate) fn put_blob(conn: &Connection, sha256: &str, bytes: &[u8]) -> Result<()> {
    if blob_exists(conn, sha256)? {
        return Ok(());
    }
    let chunks = bytes.chunks(CHUNK);
    let count = chunks.len() as i64;
    conn.execute(
        "INSERT INTO doc_blobs (sha256, size, chunks, created) VALUES (?1, ?2, ?3, ?4)",
        params![sha256, bytes.len() as i64, count, super::now_stamp()],
    )?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO doc_blob_chunks (sha256, seq, data) VALUES (?1, ?2, ?3)")?;
    for (seq, chunk) in chunks.enumerate() {
        stmt.execute(params![sha256, seq as i64, chunk])?;
    }
    Ok(())
}

fn damaged(sha256: &str) -> Error {
    Error::CorruptVault {
        path: std::path::PathBuf::from("the vault"),
        detail: format!(
            "the stored original {sha256} no longer matches its fingerprint or is incomplete"
        ),
    }
}

/// Streams the original to `out`, checking its SHA-256 on the way. Returns the bytes written.
/// A mismatch is an error: the caller must discard what was written.
pub(crate) fn copy_blob(conn: &Connection, sha256: &str, out: &mut dyn Write) -> Result<u64> {
    let (size, chunks): (i64, i64) = conn
        .query_row("SELECT size, chunks FROM doc_blobs WHERE sha256 = ?1", [sha256], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| damaged(sha256))?;
    let mut stmt = conn
        .prepare_cached("SELECT seq, data FROM doc_blob_chunks WHERE sha256 = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([sha256])?;
    let mut hasher = Sha256::new();
    let mut written: u64 = 0;
    let mut expected_seq = 0;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        if seq != expected_seq {
            return Err(damaged(sha256));
        }
        let data = row.get_ref(1)?.as_blob().map_err(|_| damaged(sha256))?;
        hasher.update(data);
        out.write_all(data).map_err(|e| Error::io("Could not write the document", e))?;
        written += data.len() as u64;
        expected_seq += 1;
    }
    if expected_seq != chunks || written != size as u64 || hex::encode(hasher.finalize()) != sha256
    {
        return Err(damaged(sha256));
    }
    Ok(written)
}

/// The whole original in memory, checked.
pub(crate) fn read_blob(conn: &Connection, sha256: &str) -> Result<Vec<u8>> {
    let size: i64 = conn
        .query_row("SELECT size FROM doc_blobs WHERE sha256 = ?1", [sha256], |r| r.get(0))
        .optional()?
        .ok_or_else(|| damaged(sha256))?;
    let mut bytes = Vec::with_capacity(size.max(0) as usize);
    copy_blob(conn, sha256, &mut bytes)?;
    Ok(bytes)
}
