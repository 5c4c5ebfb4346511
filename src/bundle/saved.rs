//! Saved packs and their issues (`bundle_packs` and `bundle_issues`, this module's tables): the
//! request that rebuilds a pack, every build of it as an issue (the plan as built and the text pages
//! it set), and re-issuing the latest issue with late additions after its last page.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::templates::template_for;
use super::vault::{pack_documents, PackRequest, VaultLoader};
use super::{
    build_bundle, reissue_plan, unchanged_pages, BuildProgress, BuiltBundle, BundleDocument,
    BundlePlan, PackKind, SourceFormat, TextDocument,
};
use crate::audit::{self, AuditEvent};
use crate::documents;
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

/// A pack kept in the vault.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SavedPack {
    pub id: String,
    pub child_id: String,
    pub kind: PackKind,
    pub title: String,
    pub request: PackRequest,
    pub created: String,
    pub updated: String,
    pub last_built: Option<String>,
    pub last_sha256: Option<String>,
    pub last_fingerprint: Option<String>,
    pub last_pages: Option<u32>,
}

const PACK_COLUMNS: &str = "id, child_id, kind, title, request, created, updated, last_built, last_sha256, last_fingerprint, last_pages";

fn pack_from_row(r: &rusqlite::Row) -> rusqlite::Result<SavedPack> {
    let kind: String = r.get(2)?;
    let request: String = r.get(4)?;
    Ok(SavedPack {
        id: r.get(0)?,
        child_id: r.get(1)?,
        kind: PackKind::parse(&kind).unwrap_or(PackKind::Custom),
        title: r.get(3)?,
        request: serde_json::from_str(&request).unwrap_or_default(),
        created: r.get(5)?,
        updated: r.get(6)?,
        last_built: r.get(7)?,
        last_sha256: r.get(8)?,
        last_fingerprint: r.get(9)?,
        last_pages: r.get(10)?,
    })
}

use crate::ids::now_stamp as stamp_now;

/// Saves a pack (a new one when `id` is `None`).
pub fn save_pack(vault: &Vault, id: Option<&str>, req: &PackRequest) -> Result<SavedPack> {
    record::get_child(vault, &req.child_id)?;
    let kind = req.kind.unwrap_or(PackKind::Tribunal);
    let title = req
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| template_for(kind, req.appeal_type).title);
    let json = serde_json::to_string(req)
        .map_err(|e| Error::Internal(format!("saving a pack failed: {e}")))?;
    let now = stamp_now();
    let id = match id {
        Some(id) => {
            get_pack(vault, id)?;
            vault.conn().execute(
                "UPDATE bundle_packs SET child_id = ?2, kind = ?3, title = ?4, request = ?5, updated = ?6 WHERE id = ?1",
                params![id, req.child_id, kind.as_str(), title, json, now],
            )?;
            id.to_string()
        }
        None => {
            let id = crate::ids::new_id("pk");
            vault.conn().execute(
                "INSERT INTO bundle_packs (id, child_id, kind, title, request, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, req.child_id, kind.as_str(), title, json, now],
            )?;
            id
        }
    };
    get_pack(vault, &id)
}

pub fn get_pack(vault: &Vault, id: &str) -> Result<SavedPack> {
    vault
        .conn()
        .query_row(&format!("SELECT {PACK_COLUMNS} FROM bundle_packs WHERE id = ?1"), [id], pack_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("There is no saved pack with the id {id}. `carefile bundle list` shows the saved packs.")))
}

/// Saved packs, newest first; one child's when `child_id` is given.
pub fn list_packs(vault: &Vault, child_id: Option<&str>) -> Result<Vec<SavedPack>> {
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {PACK_COLUMNS} FROM bundle_packs WHERE (?1 IS NULL OR child_id = ?1) ORDER BY updated DESC, id"
    ))?;
    let rows = stmt.query_map([child_id], pack_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_pack(vault: &Vault, id: &str) -> Result<()> {
    get_pack(vault, id)?;
    let tx = vault.conn().unchecked_transaction()?;
    tx.execute("DELETE FROM bundle_issues WHERE pack_id = ?1", [id])?;
    tx.execute("DELETE FROM bundle_packs WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(())
}

/// One build of a saved pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PackIssue {
    /// 1 for the first build; each build or re-issue adds one.
    pub issue: u32,
    pub built: String,
    pub sha256: String,
    pub fingerprint: String,
    pub pages: u32,
    /// The first page of the late additions this issue appended (none for a full build).
    pub late_from: Option<u32>,
}

/// Notes a saved pack's latest build (a full build or a re-issue) as its next issue, keeping the
/// plan as built and its text pages so that a later re-issue can append after them.
pub fn record_pack_build(vault: &Vault, id: &str, built: &BuiltBundle) -> Result<PackIssue> {
    get_pack(vault, id)?;
    let plan = serde_json::to_string(&built.plan)
        .map_err(|e| Error::Internal(format!("keeping the bundle's plan failed: {e}")))?;
    let texts = serde_json::to_string(&built.texts)
        .map_err(|e| Error::Internal(format!("keeping the bundle's text pages failed: {e}")))?;
    let late_from = built.plan.sections.iter().rev().find(|s| s.late).map(|s| s.first_page);
    let now = stamp_now();
    let tx = vault.conn().unchecked_transaction()?;
    let issue: u32 = tx.query_row(
        "SELECT COALESCE(MAX(issue), 0) + 1 FROM bundle_issues WHERE pack_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO bundle_issues (pack_id, issue, built, sha256, fingerprint, pages, late_from, plan, texts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, issue, now, built.sha256, built.plan.fingerprint, built.plan.total_pages, late_from, plan, texts],
    )?;
    tx.execute(
        "UPDATE bundle_packs SET last_built = ?2, last_sha256 = ?3, last_fingerprint = ?4, last_pages = ?5 WHERE id = ?1",
        params![id, now, built.sha256, built.plan.fingerprint, built.plan.total_pages],
    )?;
    tx.commit()?;
    Ok(PackIssue {
        issue,
        built: now,
        sha256: built.sha256.clone(),
        fingerprint: built.plan.fingerprint.clone(),
        pages: built.plan.total_pages,
        late_from,
    })
}

/// A saved pack's issues, oldest first.
pub fn list_pack_issues(vault: &Vault, id: &str) -> Result<Vec<PackIssue>> {
    get_pack(vault, id)?;
    let mut stmt = vault.conn().prepare(
        "SELECT issue, built, sha256, fingerprint, pages, late_from FROM bundle_issues WHERE pack_id = ?1 ORDER BY issue",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(PackIssue {
            issue: r.get(0)?,
            built: r.get(1)?,
            sha256: r.get(2)?,
            fingerprint: r.get(3)?,
            pages: r.get(4)?,
            late_from: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn latest_issue(
    vault: &Vault,
    pack: &SavedPack,
) -> Result<(BundlePlan, BTreeMap<String, TextDocument>)> {
    let row: Option<(String, String)> = vault
        .conn()
        .query_row(
            "SELECT plan, texts FROM bundle_issues WHERE pack_id = ?1 ORDER BY issue DESC LIMIT 1",
            [&pack.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((plan, texts)) = row else {
        return Err(Error::invalid(format!(
            "\u{201c}{}\u{201d} hasn't been built yet. Build it first; late additions can then be appended to that issue.",
            pack.title
        )));
    };
    let damaged = |e: serde_json::Error| {
        Error::Internal(format!(
            "the record of the pack's last issue can't be read ({e}); build it afresh"
        ))
    };
    Ok((
        serde_json::from_str(&plan).map_err(damaged)?,
        serde_json::from_str(&texts).map_err(damaged)?,
    ))
}

/// The child's documents that a re-issue of the pack could add: those not in its latest issue
/// (placed or left out). An error when the pack has not been built yet.
pub fn reissue_candidates(vault: &Vault, pack_id: &str) -> Result<Vec<BundleDocument>> {
    let pack = get_pack(vault, pack_id)?;
    let (previous, _) = latest_issue(vault, &pack)?;
    let issued: HashSet<&str> = previous
        .sections
        .iter()
        .flat_map(|s| s.documents.iter().map(|d| d.document.id.as_str()))
        .chain(previous.excluded.iter().map(|d| d.id.as_str()))
        .collect();
    let mut all = pack_documents(vault, &pack.child_id)?;
    all.retain(|d| !issued.contains(d.id.as_str()));
    Ok(all)
}

/// Re-issues a saved pack's latest issue with `add` (document ids) appended as late additions
/// dated `today`: every earlier page keeps its number. Writes nothing but audit entries; the
/// caller saves the bytes and then calls [`record_pack_build`].
pub fn reissue_pack(
    vault: &Vault,
    pack_id: &str,
    add: &[String],
    today: Option<NaiveDate>,
    progress: &mut dyn FnMut(BuildProgress),
) -> Result<BuiltBundle> {
    let pack = get_pack(vault, pack_id)?;
    let (previous, texts) = latest_issue(vault, &pack)?;
    let today = today.unwrap_or_else(crate::milestones::today);
    let mut loader = VaultLoader::new(vault);
    // The issued documents, as they were issued: their bytes by id (originals never change), their
    // text pages from the issue itself.
    for s in &previous.sections {
        for d in &s.documents {
            if d.document.format == SourceFormat::Generated || texts.contains_key(&d.document.id) {
                continue;
            }
            let stored = documents::get_document(vault, &d.document.id).map_err(|_| {
                Error::invalid(format!(
                    "\u{201c}{}\u{201d} ({}) was in the issued bundle but is no longer in the vault, so the \
                     re-issue can't set the same pages again. Build the pack afresh instead.",
                    d.document.title, d.tab
                ))
            })?;
            loader.document(&stored)?;
        }
    }
    loader.texts.extend(texts);
    let mut additions: Vec<BundleDocument> = Vec::new();
    for id in add {
        if additions.iter().any(|a| &a.id == id) {
            continue; // named twice: added once
        }
        let d = documents::get_document(vault, id)?;
        if !d.child_ids.is_empty() && !d.child_ids.contains(&pack.child_id) {
            return Err(Error::invalid(format!(
                "\u{201c}{}\u{201d} belongs to another child's record, not to this pack's child.",
                d.title
            )));
        }
        additions.push(loader.document(&d)?);
    }
    let plan = reissue_plan(&previous, additions, today)?;
    let built = build_bundle(&plan, &loader, progress)?;
    unchanged_pages(&previous, &built.plan)?;
    let label = format!(
        "{} ({}, late additions)",
        built.plan.title,
        &built.plan.fingerprint[..16.min(built.plan.fingerprint.len())]
    );
    if let Some(late) = built.plan.sections.last() {
        for d in &late.documents {
            audit::record(
                vault.conn(),
                &AuditEvent::included_in_bundle(&d.document.id, &d.document.sha256, &label),
            )?;
        }
    }
    Ok(built)
}
