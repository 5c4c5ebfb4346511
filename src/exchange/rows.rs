//! Reading the vault's tables generically, from `sqlite_master`, so backups' change detection, the
//! handover package and the open export carry tables added later without a format change.
//!
//! This is the one place that reads other modules' tables without asking them: it only ever reads
//! whole rows (or inserts whole rows that came from another Carefile vault with the same schema),
//! never interprets a column beyond the foreign keys SQLite declares.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// Tables that are not part of the record: bookkeeping that differs between vaults or copies.
pub(crate) const NOT_RECORD: &[&str] =
    &["schema_migrations", "exchange_settings", "backup_history", "handovers"];

pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every ordinary table, by name: no SQLite internals, no virtual tables (full-text indexes) and
/// none of their shadow tables.
pub(crate) fn tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name, type, coalesce(sql, '') FROM sqlite_master
          WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let all: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let virtuals: Vec<&str> = all
        .iter()
        .filter(|(_, _, sql)| sql.trim_start().to_ascii_uppercase().starts_with("CREATE VIRTUAL"))
        .map(|(n, _, _)| n.as_str())
        .collect();
    Ok(all
        .iter()
        .filter(|(n, _, _)| !virtuals.contains(&n.as_str()))
        .filter(|(n, _, _)| !virtuals.iter().any(|v| n.starts_with(&format!("{v}_"))))
        .map(|(n, _, _)| n.clone())
        .collect())
}

pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<_>>()?;
    Ok(cols)
}

fn hash_value(h: &mut Sha256, v: ValueRef) {
    match v {
        ValueRef::Null => h.update([0u8]),
        ValueRef::Integer(i) => {
            h.update([1u8]);
            h.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            h.update([2u8]);
            h.update(f.to_le_bytes());
        }
        ValueRef::Text(t) => {
            h.update([3u8]);
            h.update((t.len() as u64).to_le_bytes());
            h.update(t);
        }
        ValueRef::Blob(b) => {
            h.update([4u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

/// A summary of everything in the record (all tables but `NOT_RECORD`), independent of row order
/// and of how the pages happen to be laid out: equal exactly when every row is equal.
pub fn record_fingerprint(conn: &Connection) -> Result<String> {
    let mut outer = Sha256::new();
    for table in tables(conn)? {
        if NOT_RECORD.contains(&table.as_str()) {
            continue;
        }
        let mut rows = table_row_hashes(conn, &table)?;
        rows.sort_unstable();
        outer.update((table.len() as u64).to_le_bytes());
        outer.update(table.as_bytes());
        outer.update((rows.len() as u64).to_le_bytes());
        for r in rows {
            outer.update(r);
        }
    }
    Ok(hex::encode(outer.finalize()))
}

fn table_row_hashes(conn: &Connection, table: &str) -> Result<Vec<[u8; 32]>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {}", quote(table)))?;
    let n = stmt.column_count();
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut h = Sha256::new();
        for i in 0..n {
            hash_value(&mut h, r.get_ref(i)?);
        }
        out.push(h.finalize().into());
    }
    Ok(out)
}
