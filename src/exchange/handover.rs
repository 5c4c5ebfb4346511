//! The handover package: one child's record and chosen originals, sealed with a one-off share
//! passphrase (see `seal`), for an independent advocate — and back again.
//!
//! The content is generic: rows by table, chosen by following the foreign keys SQLite declares
//! (everything that belongs to the child, what those rows refer to, and the parts of those, such
//! as a document's stored chunks), so new tables travel without a format change. Importing inserts
//! rows whose stable id is new and leaves existing ones alone, so family → advocate → family merges
//! without duplicates; a document already held under another id (same SHA-256) is linked to the
//! one already there.
//!
//! This file makes a package; `handover_select.rs` chooses the rows by following the foreign keys
//! (and orders tables parents first), `handover_package.rs` is the format inside the seal (the
//! manifest, rows as JSON) and opening it, and `handover_merge.rs` imports a package into a vault.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use serde::Deserialize;

use super::handover_package::{open_package, to_json, HandoverManifest, ManifestDocument, Package};
use super::handover_select::{select, values_of};
use super::rows::columns;
use super::seal;
use crate::error::{Error, Result};
use crate::vault::{KdfParams, Passphrase, Vault};

/// What to put in a package.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverRequest {
    pub child_id: String,
    /// Only these documents; `None` means every document linked to the child's record.
    pub documents: Option<Vec<String>>,
    /// Who is sending it, as the receiver will see it.
    pub made_by: String,
    /// "Please delete after", ISO date, shown on import.
    pub delete_after: Option<String>,
}

/// Seal the child's record (and chosen documents) into `out` with the share passphrase.
pub fn export_handover(
    vault: &Vault,
    request: &HandoverRequest,
    share: &Passphrase,
    kdf: KdfParams,
    out: &Path,
) -> Result<HandoverManifest> {
    if share.expose().chars().count() < crate::vault::MIN_LENGTH {
        return Err(Error::WeakPassphrase(format!(
            "Use a share passphrase of at least {} characters, and tell it to the advocate another way (by phone, not in the same email).",
            crate::vault::MIN_LENGTH
        )));
    }
    if request.made_by.trim().is_empty() {
        return Err(Error::invalid(
            "Say who is sending this package, so the advocate knows where it came from.",
        ));
    }
    if let Some(d) = &request.delete_after {
        crate::record::parse_date("\"please delete after\" date", d)?;
    }
    if out.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose another file name.",
            out.display()
        )));
    }
    let conn = vault.conn();
    let sel = select(conn, &request.child_id, request.documents.as_deref())?;
    let mut tables_out = BTreeMap::new();
    let mut counts = BTreeMap::new();
    for (t, rows) in &sel {
        if rows.is_empty() {
            continue;
        }
        let cols = columns(conn, t)?;
        let mut out_rows = Vec::new();
        for &r in rows {
            out_rows.push(values_of(conn, t, &cols, r)?.into_iter().map(to_json).collect());
        }
        counts.insert(t.clone(), rows.len());
        tables_out.insert(t.clone(), (cols, out_rows));
    }
    let mut documents = Vec::new();
    if let Some(rows) = sel.get("documents") {
        for &r in rows {
            let v =
                values_of(conn, "documents", &["id".into(), "sha256".into(), "title".into()], r)?;
            let text = |v: &Value| match v {
                Value::Text(s) => s.clone(),
                _ => String::new(),
            };
            documents.push(ManifestDocument {
                id: text(&v[0]),
                sha256: text(&v[1]),
                title: text(&v[2]),
            });
        }
    }
    let manifest = HandoverManifest {
        package_id: crate::ids::new_id("ho"),
        made_by: request.made_by.trim().to_string(),
        made_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        delete_after: request.delete_after.clone(),
        source_vault: vault.id().to_string(),
        child_id: request.child_id.clone(),
        documents,
        counts,
    };
    let package = Package {
        format: "carefile-handover".into(),
        version: 1,
        manifest: manifest.clone(),
        tables: tables_out,
    };
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&package).map_err(|e| Error::Internal(e.to_string()))?,
    );
    let sealed = seal::seal(&plain, share, kdf)?;
    crate::safety::write_atomic(out, &sealed, crate::safety::Existing::Replace)?;
    conn.execute(
        "INSERT INTO handovers (id, direction, child_id, made_by, made_at, delete_after, at, rows_added, documents, manifest)
         VALUES (?1, 'export', ?2, ?3, ?4, ?5, ?4, 0, ?6, ?7)",
        rusqlite::params![
            manifest.package_id, manifest.child_id, manifest.made_by, manifest.made_at,
            manifest.delete_after, manifest.documents.len() as i64,
            serde_json::to_string(&manifest).unwrap_or_else(|_| "{}".into())
        ],
    )?;
    Ok(manifest)
}

/// Read a package's manifest without importing (to show "from whom, when, delete after").
pub fn read_handover(file: &Path, share: &Passphrase) -> Result<HandoverManifest> {
    Ok(open_package(file, share)?.manifest)
}
