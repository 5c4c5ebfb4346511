//! Importing a handover package: the exchange module unseals it, checks it against the exchange
//! format (every table claimed by an area, exactly that area's columns, values of the right shape)
//! and dispatches the rows to the areas that own them, in one transaction: the record first (it
//! names the package's family and checks every row belongs to it), then documents, deadline events
//! and saved packs. Nothing is copied table by table; a table no area claims is refused.
//!
//! The sender's audit entries about the documents travel with the package and are kept, exactly
//! as written, under the sending vault's id (`received_audit`); the receiver's own chain records
//! the import. A package already taken in adds nothing the second time.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use super::handover_package::{from_json, open_package, HandoverManifest, Package};
use super::received::{refused, Exchanged, Received, ReceivedTable};
use crate::audit::{self, AuditAction, AuditEvent, AuditVerification, ChainEntry};
use crate::error::Result;
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
    /// The family the package's child belongs to here.
    pub family_id: String,
    /// True when this very package was taken in before: nothing was added.
    pub already_imported: bool,
}

/// Every table of the exchange format, by the area that takes it in.
pub(crate) fn merge_format() -> Vec<Exchanged> {
    crate::record::take_in::EXCHANGED
        .iter()
        .chain(crate::documents::take_in::EXCHANGED)
        .chain(crate::milestones::take_in::EXCHANGED)
        .chain(crate::bundle::take_in::EXCHANGED)
        .copied()
        .collect()
}

/// Checks a package's tables against the exchange format and turns them into rows.
fn unpack(package: &Package) -> Result<Received> {
    let format = merge_format();
    let mut received = Received {
        package_id: package.manifest.package_id.clone(),
        made_by: package.manifest.made_by.clone(),
        source_vault: package.manifest.source_vault.clone(),
        tables: Default::default(),
    };
    if package.manifest.family_id.is_none() || !package.tables.contains_key("families") {
        return Err(crate::error::Error::UnsupportedFile(
            "This handover package was made by an older version of Carefile. Ask the sender to update Carefile and make it again. Nothing was imported.".into(),
        ));
    }
    for (t, (cols, rows)) in &package.tables {
        let Some(spec) = format.iter().find(|s| s.table == t) else {
            return Err(refused(format!(
                "it holds rows for {t}, which a handover package never carries"
            )));
        };
        let want: BTreeSet<&str> = spec.columns.iter().copied().collect();
        let have: BTreeSet<&str> = cols.iter().map(String::as_str).collect();
        if let Some(extra) = have.difference(&want).next() {
            return Err(refused(format!(
                "it holds a column {t}.{extra} outside the exchange format"
            )));
        }
        if have.len() != cols.len() || have != want {
            return Err(refused(format!(
                "the rows for {t} don't have the exchange format's columns"
            )));
        }
        let mut table = ReceivedTable { columns: cols.clone(), rows: Vec::new() };
        for r in rows {
            if r.len() != cols.len() {
                return Err(refused(format!("a row for {t} has the wrong number of values")));
            }
            table.rows.push(r.iter().map(from_json).collect::<Result<_>>()?);
        }
        received.tables.insert(t.clone(), table);
    }
    let child = &package.manifest.child_id;
    if !received.rows("children").iter().any(|c| c.text("id") == Some(child.as_str())) {
        return Err(refused("it doesn't bring the child it names"));
    }
    let v = audit::verify_segment(&package.audit);
    if let Some(problem) = v.problem {
        return Err(refused(format!("the sender's audit history fails its check ({problem})")));
    }
    Ok(received)
}

/// Import a package into this vault: every check first, then one transaction through each area's
/// own "take in" function. Rows already here are left alone; documents already here (by SHA-256)
/// are reused.
pub fn import_handover(
    vault: &mut Vault,
    file: &Path,
    share: &Passphrase,
) -> Result<HandoverImport> {
    let package = open_package(file, share)?;
    let received = unpack(&package)?;
    let m = &package.manifest;
    let total_rows: usize = received.tables.values().map(|t| t.rows.len()).sum();
    let seen: Option<String> = vault
        .conn()
        .query_row(
            "SELECT child_id FROM handovers WHERE id = ?1 AND direction = 'import'",
            [&m.package_id],
            |r| r.get(0),
        )
        .optional()?;
    if seen.is_some() {
        let family = crate::record::family_of_child(vault, &m.child_id)?;
        return Ok(HandoverImport {
            manifest: package.manifest,
            rows_added: 0,
            rows_already_here: total_rows,
            documents_added: 0,
            family_id: family,
            already_imported: true,
        });
    }
    let tx = vault.conn_mut().transaction()?;
    let (family, record_added) = crate::record::take_in::take_in(&tx, &received)?;
    let docs = crate::documents::take_in::take_in(&tx, &received, &family)?;
    let events = crate::milestones::take_in::take_in(&tx, &received, &family)?;
    let packs = crate::bundle::take_in::take_in(&tx, &received, &family)?;
    let added = record_added + docs.rows_added + events + packs;
    let mut kept = 0;
    for e in &package.audit {
        kept += tx.execute(
            "INSERT OR IGNORE INTO received_audit
                 (source_vault, seq, at, action, subject, detail, prev_hash, hash, package_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                m.source_vault,
                e.seq,
                e.at,
                e.action,
                e.subject,
                e.detail,
                e.prev_hash,
                e.hash,
                m.package_id
            ],
        )?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO handovers (id, direction, child_id, made_by, made_at, delete_after, at, rows_added, documents, manifest)
         VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            m.package_id, m.child_id, m.made_by, m.made_at, m.delete_after,
            super::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            added as i64, docs.documents_added as i64,
            serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
        ],
    )?;
    audit::record(
        &tx,
        &AuditEvent::new(
            AuditAction::HandoverImported,
            &m.package_id,
            json!({
                "from": m.made_by, "made": m.made_at, "sourceVault": m.source_vault,
                "family": family, "child": m.child_id, "rowsAdded": added,
                "documentsAdded": docs.documents_added,
                "senderEntries": package.audit.len(), "senderEntriesKept": kept,
                "senderHead": package.audit.last().map(|e| e.hash.clone()),
            }),
        ),
    )?;
    tx.commit().map_err(|e| refused(format!("it doesn't fit this vault ({e})")))?;
    Ok(HandoverImport {
        manifest: package.manifest,
        rows_added: added,
        rows_already_here: total_rows.saturating_sub(added),
        documents_added: docs.documents_added,
        family_id: family,
        already_imported: false,
    })
}

/// The audit history received with handover packages, one check per sending vault: every entry's
/// hash still covers its content and its predecessor.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ReceivedAuditCheck {
    pub source_vault: String,
    pub check: AuditVerification,
}

/// Checks every received segment of audit history (see `ReceivedAuditCheck`).
pub fn verify_received_audit(vault: &Vault) -> Result<Vec<ReceivedAuditCheck>> {
    let conn = vault.conn();
    let mut stmt = conn.prepare(
        "SELECT source_vault, seq, at, action, subject, detail, prev_hash, hash
           FROM received_audit ORDER BY source_vault, seq",
    )?;
    let rows: Vec<(String, ChainEntry)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                ChainEntry {
                    seq: r.get(1)?,
                    at: r.get(2)?,
                    action: r.get(3)?,
                    subject: r.get(4)?,
                    detail: r.get(5)?,
                    prev_hash: r.get(6)?,
                    hash: r.get(7)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<ReceivedAuditCheck> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let source = rows[start].0.clone();
        let end =
            rows[start..].iter().position(|r| r.0 != source).map_or(rows.len(), |n| start + n);
        let entries: Vec<ChainEntry> = rows[start..end].iter().map(|r| r.1.clone()).collect();
        out.push(ReceivedAuditCheck {
            source_vault: source,
            check: audit::verify_segment(&entries),
        });
        start = end;
    }
    Ok(out)
}
