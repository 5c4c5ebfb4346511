//! Versions of a document: the family marks a document as a newer version of another (an updated
//! EP report, a plan re-issued after review), and Carefile suggests such pairs from the title,
//! author, date and text. The bundle check uses the marks to say when a bundle holds an old one.
//! This file owns `doc_versions` (migration 14).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::catalog::{get_document, list_documents};
use super::search_types::DocumentFilter;
use super::{now_stamp, Document};
use crate::audit::{self, AuditEvent};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// The audit trail's word for a version mark (a link from the newer document to the older).
const SUPERSEDES: &str = "supersedes";

/// One mark: `newer` is a later version of `older`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VersionMark {
    pub newer: String,
    pub older: String,
    /// When the mark was made (UTC, ISO 8601).
    pub created: String,
}

/// A pair Carefile thinks may be two versions of one document, for the family to confirm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VersionSuggestion {
    pub newer: String,
    pub older: String,
    /// 0–1: how alike their titles and text are.
    pub likeness: f64,
    /// Why, in data: "same_kind", "same_author", "similar_title", "similar_text".
    pub reasons: Vec<String>,
}

/// Marks `newer` as a later version of `older` (audited). Both must exist; a document follows
/// at most one older one (marking again replaces it), and a chain may not loop.
pub fn mark_new_version(vault: &mut Vault, newer: &str, older: &str) -> Result<VersionMark> {
    let (newer, older) = (newer.trim(), older.trim());
    if newer == older {
        return Err(Error::invalid("A document can't be a newer version of itself."));
    }
    get_document(vault, newer)?;
    get_document(vault, older)?;
    // Walking down from `older` must not reach `newer`, or the chain would loop.
    let mut at = older.to_owned();
    let mut seen = BTreeSet::new();
    while let Some(next) = older_of(vault, &at)? {
        if next == newer {
            return Err(Error::invalid(format!(
                "{older} is already marked as a later version of {newer}, so {newer} can't also \
                 be the newer one. Clear that mark first (`carefile doc supersedes {older} \
                 {newer} --clear`)."
            )));
        }
        if !seen.insert(next.clone()) {
            break;
        }
        at = next;
    }
    let created = now_stamp();
    let tx = vault.conn_mut().transaction()?;
    let before: Option<String> = tx
        .query_row("SELECT supersedes FROM doc_versions WHERE document_id = ?1", [newer], |r| {
            r.get(0)
        })
        .optional()?;
    if before.as_deref() != Some(older) {
        if let Some(before) = &before {
            audit::record(&tx, &AuditEvent::unlinked(newer, SUPERSEDES, before))?;
        }
        tx.execute(
            "INSERT INTO doc_versions (document_id, supersedes, created) VALUES (?1, ?2, ?3)
             ON CONFLICT (document_id) DO UPDATE SET supersedes = ?2, created = ?3",
            params![newer, older, created],
        )?;
        audit::record(&tx, &AuditEvent::linked(newer, SUPERSEDES, older))?;
    }
    tx.commit()?;
    version_mark(vault, newer)?.ok_or_else(|| Error::Internal("The version mark was lost.".into()))
}

/// Takes away the mark that `newer` is a later version of `older` (audited).
pub fn clear_new_version(vault: &mut Vault, newer: &str, older: &str) -> Result<()> {
    let (newer, older) = (newer.trim(), older.trim());
    get_document(vault, newer)?;
    let tx = vault.conn_mut().transaction()?;
    let removed = tx.execute(
        "DELETE FROM doc_versions WHERE document_id = ?1 AND supersedes = ?2",
        params![newer, older],
    )?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "{newer} isn't marked as a newer version of {older}, so there is nothing to clear."
        )));
    }
    audit::record(&tx, &AuditEvent::unlinked(newer, SUPERSEDES, older))?;
    tx.commit()?;
    Ok(())
}

fn version_mark(vault: &Vault, newer: &str) -> Result<Option<VersionMark>> {
    Ok(vault
        .conn()
        .query_row(
            "SELECT document_id, supersedes, created FROM doc_versions WHERE document_id = ?1",
            [newer],
            |r| Ok(VersionMark { newer: r.get(0)?, older: r.get(1)?, created: r.get(2)? }),
        )
        .optional()?)
}

fn older_of(vault: &Vault, id: &str) -> Result<Option<String>> {
    Ok(version_mark(vault, id)?.map(|m| m.older))
}

/// Every mark between the child's documents, newest document first within each chain.
pub fn version_marks(vault: &Vault, child_id: &str) -> Result<Vec<VersionMark>> {
    let docs: BTreeSet<String> =
        child_documents(vault, child_id)?.into_iter().map(|d| d.id).collect();
    let mut stmt = vault
        .conn()
        .prepare("SELECT document_id, supersedes, created FROM doc_versions ORDER BY created")?;
    let marks = stmt
        .query_map([], |r| {
            Ok(VersionMark { newer: r.get(0)?, older: r.get(1)?, created: r.get(2)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(marks.into_iter().filter(|m| docs.contains(&m.newer) || docs.contains(&m.older)).collect())
}

/// The newest version of each document that has a newer one: older id → newest id (following
/// chains of marks; a document nothing supersedes is not in the map).
pub fn newest_versions(vault: &Vault) -> Result<HashMap<String, String>> {
    let mut stmt = vault.conn().prepare("SELECT document_id, supersedes FROM doc_versions")?;
    let newer_of: HashMap<String, String> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = HashMap::new();
    for old in newer_of.keys() {
        let mut at = old;
        let mut steps = 0;
        while let Some(next) = newer_of.get(at) {
            at = next;
            steps += 1;
            if steps > newer_of.len() {
                break; // a loop can't be written through this module; stop rather than spin
            }
        }
        out.insert(old.clone(), at.clone());
    }
    Ok(out)
}

fn child_documents(vault: &Vault, child_id: &str) -> Result<Vec<Document>> {
    crate::record::get_child(vault, child_id)?;
    list_documents(
        vault,
        &DocumentFilter { child_id: Some(child_id.to_owned()), ..DocumentFilter::default() },
    )
}

/// Lower-case words of three letters or more, without dates and numbers: what a title or a page
/// is about.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count() as f64;
    common / (a.len() + b.len()) as f64 * 2.0
}

/// The words of a document's first pages, for comparing two versions.
fn text_words(vault: &Vault, id: &str) -> Result<BTreeSet<String>> {
    let mut stmt = vault.conn().prepare_cached(
        "SELECT text FROM doc_pages WHERE document_id = ?1 ORDER BY page LIMIT 3",
    )?;
    let texts = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let mut out = BTreeSet::new();
    for t in texts {
        out.extend(words(&t?));
    }
    Ok(out)
}

/// Pairs of the child's documents that look like two versions of one: the same kind, dated
/// differently (the later is the newer), with alike titles or text, and the same author when
/// both name one. Pairs already marked are left out. Best first.
pub fn suggest_versions(vault: &Vault, child_id: &str) -> Result<Vec<VersionSuggestion>> {
    let docs = child_documents(vault, child_id)?;
    let marked: BTreeSet<(String, String)> = version_marks(vault, child_id)?
        .into_iter()
        .flat_map(|m| [(m.newer.clone(), m.older.clone()), (m.older, m.newer)])
        .collect();
    let mut texts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, a) in docs.iter().enumerate() {
        for b in &docs[i + 1..] {
            let (Some(da), Some(db)) = (a.dated, b.dated) else { continue };
            if a.kind != b.kind || da == db || a.attached_to.is_some() || b.attached_to.is_some() {
                continue;
            }
            let same_author = match (&a.author, &b.author) {
                (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
                _ => false,
            };
            if a.author.is_some() && b.author.is_some() && !same_author {
                continue;
            }
            if marked.contains(&(a.id.clone(), b.id.clone())) {
                continue;
            }
            let title = jaccard(&words(&a.title), &words(&b.title));
            for d in [a, b] {
                if !texts.contains_key(&d.id) {
                    texts.insert(d.id.clone(), text_words(vault, &d.id)?);
                }
            }
            let text = jaccard(&texts[&a.id], &texts[&b.id]);
            let likeness = title.max(text);
            if likeness < 0.6 {
                continue;
            }
            let mut reasons = vec!["same_kind".to_string()];
            if same_author {
                reasons.push("same_author".into());
            }
            if title >= 0.6 {
                reasons.push("similar_title".into());
            }
            if text >= 0.6 {
                reasons.push("similar_text".into());
            }
            let (newer, older) = if da > db { (a, b) } else { (b, a) };
            out.push(VersionSuggestion {
                newer: newer.id.clone(),
                older: older.id.clone(),
                likeness: (likeness * 100.0).round() / 100.0,
                reasons,
            });
        }
    }
    out.sort_by(|x, y| y.likeness.total_cmp(&x.likeness));
    Ok(out)
}
