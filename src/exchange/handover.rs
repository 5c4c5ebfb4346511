//! The handover package: one child's record and chosen originals, sealed with a one-off share
//! passphrase (see `seal`), for an independent advocate — and back again.
//!
//! The rows are chosen by following the foreign keys SQLite declares (everything that belongs to
//! the child, what those rows refer to, and the parts of those, such as a document's stored
//! chunks), and only the exchange format travels: the tables and columns an area takes in (see
//! `handover_merge.rs`). Nothing of another family goes in: chosen documents must be linked to the
//! child's family, and a link travels only with what it points at. The sender's audit entries
//! about the documents travel too, hashes included.
//!
//! This file makes a package; `handover_select.rs` chooses the rows, `handover_package.rs` is the
//! format inside the seal (the manifest, rows as JSON) and opening it, `received.rs` the rows as
//! the areas receive them, and `handover_merge.rs` imports a package into a vault.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::handover_package::{open_package, to_json, HandoverManifest, ManifestDocument, Package};
use super::handover_select::{select, values_of};
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
    let family = crate::record::family_of_child(vault, &request.child_id)?;
    if let Some(chosen) = &request.documents {
        let targets = crate::record::family_targets(conn, &family)?;
        for id in chosen {
            let linked = crate::documents::linked_targets(vault, id)?;
            if !linked.iter().any(|t| targets.contains(t)) {
                return Err(Error::invalid(format!(
                    "The document {id} isn't part of this child's family, so it can't go in their package."
                )));
            }
        }
    }
    let sel = select(conn, &request.child_id, request.documents.as_deref())?;
    let mut tables_out = BTreeMap::new();
    let mut counts = BTreeMap::new();
    for (t, rows) in &sel {
        if rows.is_empty() {
            continue;
        }
        // Only the exchange format travels: tables no area takes in stay here.
        let Some(spec) = super::merge_format().into_iter().find(|s| s.table == t) else {
            continue;
        };
        let cols: Vec<String> = spec.columns.iter().map(|c| c.to_string()).collect();
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
        made_at: crate::ids::now_stamp(),
        delete_after: request.delete_after.clone(),
        source_vault: vault.id().to_string(),
        child_id: request.child_id.clone(),
        family_id: Some(family),
        documents,
        counts,
    };
    let subjects = manifest.documents.iter().map(|d| d.id.clone()).collect();
    let package = Package {
        format: "carefile-handover".into(),
        version: 1,
        manifest: manifest.clone(),
        tables: tables_out,
        audit: crate::audit::chain_entries(conn, &subjects)?,
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

/// The last handover package made or taken in for a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PackageExchange {
    /// `export` (made here) or `import` (taken in here).
    pub direction: String,
    /// When, UTC ISO 8601.
    pub at: String,
    pub made_by: String,
}

/// The last package exchanged for each child, by child id.
pub fn last_exchanges(vault: &Vault) -> Result<BTreeMap<String, PackageExchange>> {
    let mut stmt = vault.conn().prepare(
        "SELECT child_id, direction, at, made_by FROM handovers h
          WHERE at = (SELECT max(at) FROM handovers WHERE child_id = h.child_id)
          ORDER BY child_id, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            PackageExchange { direction: r.get(1)?, at: r.get(2)?, made_by: r.get(3)? },
        ))
    })?;
    let mut out = BTreeMap::new();
    for r in rows {
        let (child, e) = r?;
        out.insert(child, e);
    }
    Ok(out)
}
