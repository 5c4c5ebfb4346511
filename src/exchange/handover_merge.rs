//! Importing a handover package: every check first (seal, contents, schema), then one transaction
//! that adds the rows whose stable id is new here and leaves the rest alone, linking a document
//! already held under another id (same SHA-256) to the one already here.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::handover_package::{bad_package, from_json, open_package, HandoverManifest};
use super::handover_select::{foreign_keys, insertion_order};
use super::rows::{columns, quote, tables, NOT_RECORD};
use crate::error::{Error, Result};
use crate::vault::{Passphrase, Vault};

/// What an import did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverImport {
    pub manifest: HandoverManifest,
    /// Rows that were new here.
    pub rows_added: usize,
    /// Rows already here (same id), left as they were.
    pub rows_already_here: usize,
    pub documents_added: usize,
}

/// Import a package into this vault: every check first (seal, contents, schema), then one
/// transaction. Rows already here are left alone; documents already here (by SHA-256) are reused.
pub fn import_handover(
    vault: &mut Vault,
    file: &Path,
    share: &Passphrase,
) -> Result<HandoverImport> {
    let package = open_package(file, share)?;
    let known = tables(vault.conn())?;
    for (t, (cols, rows)) in &package.tables {
        if NOT_RECORD.contains(&t.as_str()) || t == "vault_meta" || !known.contains(t) {
            return Err(Error::UnsupportedFile(format!(
                "This handover package holds a kind of record ({t}) this version of Carefile doesn't know. Update Carefile, then import it again. Nothing was imported."
            )));
        }
        let have = columns(vault.conn(), t)?;
        if cols.iter().any(|c| !have.contains(c)) || rows.iter().any(|r| r.len() != cols.len()) {
            return Err(Error::UnsupportedFile(format!(
                "This handover package was made by a different version of Carefile (table {t} differs). Update Carefile on both computers. Nothing was imported."
            )));
        }
    }
    // Children before parents, with foreign keys checked at commit: a row is then never added
    // under a parent that is already sealed (an issued plan version refuses new sections).
    let mut order = insertion_order(vault.conn(), package.tables.keys().cloned().collect())?;
    order.reverse();
    let tx = vault.conn_mut().transaction()?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    // A document held here already under another id: link to the one here instead.
    let mut doc_remap: BTreeMap<String, String> = BTreeMap::new();
    if let Some((cols, rows)) = package.tables.get("documents") {
        let (Some(id_at), Some(sha_at)) =
            (cols.iter().position(|c| c == "id"), cols.iter().position(|c| c == "sha256"))
        else {
            return Err(bad_package());
        };
        for r in rows {
            let (Some(id), Some(sha)) = (r[id_at].as_str(), r[sha_at].as_str()) else {
                return Err(bad_package());
            };
            let here: Option<String> = tx
                .query_row("SELECT id FROM documents WHERE sha256 = ?1", [sha], |r| r.get(0))
                .optional()?;
            if let Some(here) = here.filter(|h| h != id) {
                doc_remap.insert(id.to_string(), here);
            }
        }
    }
    let mut added = 0;
    let mut already = 0;
    let mut documents_added = 0;
    for t in &order {
        let (cols, rows) = &package.tables[t];
        let fks = foreign_keys(&tx, t)?;
        let doc_cols: Vec<usize> = fks
            .iter()
            .filter(|f| f.parent == "documents")
            .flat_map(|f| f.from.iter().filter_map(|c| cols.iter().position(|x| x == c)))
            .chain(if t == "documents" { cols.iter().position(|c| c == "id") } else { None })
            .collect();
        // An integer key is only a local row number: leave it out and match the row by content.
        let local_key = tx
            .query_row(
                &format!("SELECT name FROM pragma_table_info({}) WHERE pk = 1 AND upper(type) = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info({0}) WHERE pk > 0) = 1", quote_lit(t)),
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?;
        let keep: Vec<usize> =
            (0..cols.len()).filter(|&i| Some(&cols[i]) != local_key.as_ref()).collect();
        let pk: Vec<usize> = if local_key.is_some() {
            keep.clone()
        } else {
            let mut stmt = tx.prepare(&format!(
                "SELECT name FROM pragma_table_info({}) WHERE pk > 0",
                quote_lit(t)
            ))?;
            let names: Vec<String> =
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let at: Vec<usize> =
                names.iter().filter_map(|n| cols.iter().position(|c| c == n)).collect();
            if at.is_empty() || at.len() != names.len() {
                keep.clone()
            } else {
                at
            }
        };
        let present = pk
            .iter()
            .enumerate()
            .map(|(n, &i)| format!("{} IS ?{}", quote(&cols[i]), n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let list = keep.iter().map(|&i| quote(&cols[i])).collect::<Vec<_>>().join(", ");
        let marks = (1..=keep.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        for row in rows {
            let mut values: Vec<Value> = row.iter().map(from_json).collect::<Result<_>>()?;
            for &i in &doc_cols {
                if let Value::Text(id) = &values[i] {
                    if let Some(here) = doc_remap.get(id) {
                        values[i] = Value::Text(here.clone());
                    }
                }
            }
            let kept: Vec<Value> = keep.iter().map(|&i| values[i].clone()).collect();
            let key: Vec<Value> = pk.iter().map(|&i| values[i].clone()).collect();
            // Already here (same stable id, or the same content for rows with only a local
            // number): left exactly as it is.
            let exists: bool = tx.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE {present})", quote(t)),
                params_from_iter(key.iter()),
                |r| r.get(0),
            )?;
            if exists {
                already += 1;
                continue;
            }
            let n = tx
                .execute(
                    &format!("INSERT OR IGNORE INTO {} ({list}) VALUES ({marks})", quote(t)),
                    params_from_iter(kept.iter()),
                )
                .map_err(|e| {
                    Error::UnsupportedFile(format!(
                        "This handover package doesn't fit this vault ({e}). Nothing was imported."
                    ))
                })?;
            if n == 1 {
                added += 1;
                if t == "documents" {
                    documents_added += 1;
                }
            } else {
                already += 1;
            }
        }
    }
    let m = &package.manifest;
    tx.execute(
        "INSERT OR IGNORE INTO handovers (id, direction, child_id, made_by, made_at, delete_after, at, rows_added, documents, manifest)
         VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            m.package_id, m.child_id, m.made_by, m.made_at, m.delete_after,
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            added as i64, documents_added as i64,
            serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
        ],
    )?;
    for d in &m.documents {
        let event = crate::audit::AuditEvent::new(
            crate::audit::AuditAction::ImportedAgain,
            doc_remap.get(&d.id).unwrap_or(&d.id),
            json!({ "sha256": d.sha256, "handover": m.package_id, "from": m.made_by, "made": m.made_at }),
        );
        crate::audit::record(&tx, &event)?;
    }
    tx.commit().map_err(|e| {
        Error::UnsupportedFile(format!(
            "This handover package doesn't fit this vault ({e}). Nothing was imported."
        ))
    })?;
    Ok(HandoverImport {
        manifest: package.manifest,
        rows_added: added,
        rows_already_here: already,
        documents_added,
    })
}

fn quote_lit(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}
