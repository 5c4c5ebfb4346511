//! Storing and editing working documents. The newest version is edited until it is sent (exported)
//! or received (imported); then it is frozen, and the next proposal or agreement starts a new
//! version copied from it, so every exchange stays as it was (like plan versions). Also the
//! comparison of any two versions, row by row and word by word.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::markup::mark_up;
use super::rows::cite;
use super::{
    normalise, EvidenceRef, Party, RowStatus, UnplacedWording, VersionOrigin, Workdoc, WorkdocRow,
    WorkdocSummary, WorkdocVersionSummary,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{self, word_diff, DiffKind, DiffSegment, Section};
use crate::vault::Vault;

fn json_err(e: serde_json::Error) -> Error {
    Error::Internal(format!("a stored working document row could not be read: {e}"))
}

fn unknown(id: &str) -> Error {
    Error::NotFound(format!(
        "There is no working document {id}. `carefile workdoc list --child ID` lists them."
    ))
}

fn summaries(conn: &Connection, id: &str) -> Result<Vec<(String, WorkdocVersionSummary)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, dated, origin, frozen, note FROM workdoc_versions WHERE workdoc_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            WorkdocVersionSummary {
                number: r.get(1)?,
                dated: r.get(2)?,
                origin: r.get(3)?,
                frozen: r.get(4)?,
                note: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_rows(conn: &Connection, version_id: &str) -> Result<Vec<WorkdocRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT row_number, section, kind, item_id, label, original, family, la, agreed, status, evidence, flags
         FROM workdoc_rows WHERE version_id = ?1 ORDER BY row_number",
    )?;
    let raw = stmt
        .query_map([version_id], |r| {
            Ok((
                WorkdocRow {
                    row: r.get(0)?,
                    section: r.get(1)?,
                    kind: r.get(2)?,
                    item_id: r.get(3)?,
                    label: r.get(4)?,
                    original: r.get(5)?,
                    family: r.get(6)?,
                    la: r.get(7)?,
                    agreed: r.get(8)?,
                    status: r.get(9)?,
                    evidence: Vec::new(),
                    flags: Vec::new(),
                    markup: Vec::new(),
                },
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(mut row, evidence, flags)| {
            row.evidence = serde_json::from_str(&evidence).map_err(json_err)?;
            row.flags = serde_json::from_str(&flags).map_err(json_err)?;
            row.markup = mark_up(&row);
            Ok(row)
        })
        .collect()
}

/// A working document at version `number` (the newest when `None`).
pub(crate) fn load_workdoc(conn: &Connection, id: &str, number: Option<i64>) -> Result<Workdoc> {
    let head = conn
        .query_row(
            "SELECT child_id, plan_id, plan_version, sections FROM workdocs WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| unknown(id))?;
    let all = summaries(conn, id)?;
    let (vid, version) = match number {
        Some(n) => all.iter().find(|(_, v)| v.number == n).cloned().ok_or_else(|| {
            Error::NotFound(format!(
                "This working document has no version {n}; it has {}.",
                all.len()
            ))
        })?,
        None => all.last().cloned().ok_or_else(|| unknown(id))?,
    };
    let unplaced: String =
        conn.query_row("SELECT unplaced FROM workdoc_versions WHERE id = ?1", [&vid], |r| {
            r.get(0)
        })?;
    let sections =
        head.3.split(',').filter(|s| !s.is_empty()).map(Section::parse).collect::<Result<_>>()?;
    Ok(Workdoc {
        id: id.to_owned(),
        child_id: head.0,
        plan_id: head.1,
        plan_version: head.2,
        sections,
        version,
        versions: all.into_iter().map(|(_, v)| v).collect(),
        rows: load_rows(conn, &vid)?,
        unplaced: serde_json::from_str(&unplaced).map_err(json_err)?,
    })
}

fn write_row(conn: &Connection, version_id: &str, r: &WorkdocRow) -> Result<()> {
    conn.execute(
        "INSERT INTO workdoc_rows (version_id, row_number, section, kind, item_id, label, original, family, la, agreed, status, evidence, flags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            version_id,
            r.row,
            r.section,
            r.kind,
            r.item_id,
            r.label,
            r.original,
            r.family,
            r.la,
            r.agreed,
            r.status,
            serde_json::to_string(&r.evidence).map_err(json_err)?,
            serde_json::to_string(&r.flags).map_err(json_err)?,
        ],
    )?;
    Ok(())
}

/// Writes a whole version; it is frozen last, so its rows go in first.
pub(crate) fn insert_version(
    conn: &Connection,
    workdoc_id: &str,
    number: i64,
    origin: VersionOrigin,
    frozen: bool,
    rows: &[WorkdocRow],
    unplaced: &[UnplacedWording],
) -> Result<String> {
    let vid = new_id("wdv");
    conn.execute(
        "INSERT INTO workdoc_versions (id, workdoc_id, number, dated, origin, frozen, unplaced, created)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)",
        params![
            vid,
            workdoc_id,
            number,
            record::iso(record::today()),
            origin,
            serde_json::to_string(unplaced).map_err(json_err)?,
            record::now_stamp()
        ],
    )?;
    for r in rows {
        write_row(conn, &vid, r)?;
    }
    if frozen {
        conn.execute("UPDATE workdoc_versions SET frozen = 1 WHERE id = ?1", [&vid])?;
    }
    Ok(vid)
}

/// The version edits go into: the newest, or a fresh copy of it when it has been sent or received.
fn editable_version(conn: &Connection, workdoc_id: &str) -> Result<String> {
    let all = summaries(conn, workdoc_id)?;
    let (vid, newest) = all.last().ok_or_else(|| unknown(workdoc_id))?;
    if !newest.frozen {
        return Ok(vid.clone());
    }
    let rows = load_rows(conn, vid)?;
    let unplaced: String =
        conn.query_row("SELECT unplaced FROM workdoc_versions WHERE id = ?1", [vid], |r| r.get(0))?;
    let unplaced: Vec<UnplacedWording> = serde_json::from_str(&unplaced).map_err(json_err)?;
    insert_version(
        conn,
        workdoc_id,
        newest.number + 1,
        VersionOrigin::Edited,
        false,
        &rows,
        &unplaced,
    )
}

/// Runs `change` on row `row` of the version being edited and stores the result.
fn edit_row(
    vault: &mut Vault,
    id: &str,
    row: u32,
    change: impl FnOnce(&mut WorkdocRow) -> Result<()>,
) -> Result<Workdoc> {
    let tx = vault.conn_mut().transaction()?;
    let vid = editable_version(&tx, id)?;
    let mut r = load_rows(&tx, &vid)?.into_iter().find(|r| r.row == row).ok_or_else(|| {
        Error::invalid(format!(
            "This working document has no row {row}. `carefile workdoc show {id}` lists them."
        ))
    })?;
    change(&mut r)?;
    tx.execute(
        "DELETE FROM workdoc_rows WHERE version_id = ?1 AND row_number = ?2",
        params![vid, row],
    )?;
    write_row(&tx, &vid, &r)?;
    tx.commit()?;
    load_workdoc(vault.conn(), id, None)
}

/// A piece of evidence as a person gives it: `DOC[:PAGE[:PARA]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceInput {
    pub document_id: String,
    pub page: Option<u32>,
    pub paragraph: Option<u32>,
}

impl EvidenceInput {
    pub fn parse(text: &str) -> Result<Self> {
        let mut parts = text.trim().split(':');
        let bad = || {
            Error::invalid(format!("\"{}\" isn't evidence Carefile can read. Give DOC, DOC:PAGE or DOC:PAGE:PARA, such as doc_1a2b:7:5.", text.trim()))
        };
        let document_id = parts.next().filter(|d| !d.is_empty()).ok_or_else(bad)?.to_owned();
        let mut number = || -> Result<Option<u32>> {
            parts.next().map(|p| p.trim().parse::<u32>().map_err(|_| bad())).transpose()
        };
        let (page, paragraph) = (number()?, number()?);
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(EvidenceInput { document_id, page, paragraph })
    }
}

fn settle_status(r: &mut WorkdocRow) {
    r.agreed = None;
    r.status = match (&r.family, &r.la) {
        (Some(f), Some(l)) if f == l => {
            r.agreed = Some(f.clone());
            RowStatus::Agreed
        }
        (None, None) => RowStatus::NotDiscussed,
        _ => RowStatus::Disputed,
    };
}

/// Records one side's proposed wording for a row (blank takes the proposal away), with the
/// evidence it relies on. A new proposal reopens a row that was agreed.
pub fn propose(
    vault: &mut Vault,
    id: &str,
    row: u32,
    by: Party,
    text: &str,
    evidence: &[EvidenceInput],
) -> Result<Workdoc> {
    let mut cited = Vec::new();
    for e in evidence {
        let citation = cite(vault, &e.document_id, e.page, e.paragraph)?;
        cited.push(EvidenceRef {
            by,
            document_id: e.document_id.clone(),
            page: e.page,
            paragraph: e.paragraph,
            citation,
        });
    }
    let text = Some(normalise(text)).filter(|t| !t.is_empty());
    edit_row(vault, id, row, |r| {
        match by {
            Party::Parent => r.family = text,
            Party::La => r.la = text,
        }
        settle_status(r);
        for e in cited {
            let same = |x: &EvidenceRef| {
                x.by == e.by
                    && x.document_id == e.document_id
                    && x.page == e.page
                    && x.paragraph == e.paragraph
            };
            if !r.evidence.iter().any(same) {
                r.evidence.push(e);
            }
        }
        Ok(())
    })
}

/// Marks a row agreed: with `text`, or the one wording both sides' proposals come to.
pub fn agree(vault: &mut Vault, id: &str, row: u32, text: Option<&str>) -> Result<Workdoc> {
    let text = text.map(normalise).filter(|t| !t.is_empty());
    edit_row(vault, id, row, |r| {
        let wording = match (text, &r.family, &r.la) {
            (Some(t), _, _) => t,
            (None, Some(f), Some(l)) if f != l => {
                return Err(Error::invalid(
                    "The family and the LA propose different wording; give the agreed wording with --text.",
                ))
            }
            (None, Some(x), _) | (None, None, Some(x)) => x.clone(),
            (None, None, None) => r.original.clone(),
        };
        r.agreed = Some(wording);
        r.status = RowStatus::Agreed;
        Ok(())
    })
}

/// Keeps the newest version exactly as it is (it has been sent); the next edit starts a new one.
pub fn freeze_version(vault: &mut Vault, id: &str) -> Result<WorkdocVersionSummary> {
    let conn = vault.conn();
    let all = summaries(conn, id)?;
    let (vid, newest) = all.last().ok_or_else(|| unknown(id))?;
    if !newest.frozen {
        conn.execute("UPDATE workdoc_versions SET frozen = 1 WHERE id = ?1", [vid])?;
    }
    Ok(WorkdocVersionSummary { frozen: true, ..newest.clone() })
}

pub fn get_workdoc(vault: &Vault, id: &str, version: Option<i64>) -> Result<Workdoc> {
    load_workdoc(vault.conn(), id.trim(), version)
}

/// A child's working documents, newest first.
pub fn list_workdocs(vault: &Vault, child_id: &str) -> Result<Vec<WorkdocSummary>> {
    let child = record::get_child(vault, child_id)?;
    let mut stmt = vault.conn().prepare_cached(
        "SELECT id, created FROM workdocs WHERE child_id = ?1 ORDER BY created DESC, rowid DESC",
    )?;
    let ids = stmt
        .query_map([&child.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|(id, created)| {
            let w = load_workdoc(vault.conn(), &id, None)?;
            let count = |s| w.rows.iter().filter(|r| r.status == s).count() as u32;
            Ok(WorkdocSummary {
                rows: w.rows.len() as u32,
                disputed: count(RowStatus::Disputed),
                agreed: count(RowStatus::Agreed),
                id: w.id,
                plan_id: w.plan_id,
                plan_version: w.plan_version,
                sections: w.sections,
                latest: w.version,
                created,
            })
        })
        .collect()
}

/// The child's most recently made working document, at its newest version.
pub fn latest_for_child(vault: &Vault, child_id: &str) -> Result<Option<Workdoc>> {
    let id: Option<String> = vault
        .conn()
        .query_row(
            "SELECT id FROM workdocs WHERE child_id = ?1 ORDER BY created DESC, rowid DESC LIMIT 1",
            [child_id],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| load_workdoc(vault.conn(), &id, None)).transpose()
}

/// How one row differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RowChange {
    pub row: u32,
    pub section: Section,
    pub status_from: Option<RowStatus>,
    pub status_to: Option<RowStatus>,
    /// Each side's wording (the original where it proposed none), older to newer.
    pub family: Vec<DiffSegment>,
    pub la: Vec<DiffSegment>,
    pub agreed: Vec<DiffSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VersionComparison {
    pub from: WorkdocVersionSummary,
    pub to: WorkdocVersionSummary,
    /// Only the rows that changed.
    pub rows: Vec<RowChange>,
}

/// Compares version `from` with version `to` of a working document.
pub fn compare_workdoc_versions(
    vault: &Vault,
    id: &str,
    from: i64,
    to: i64,
) -> Result<VersionComparison> {
    let (a, b) = (get_workdoc(vault, id, Some(from))?, get_workdoc(vault, id, Some(to))?);
    let numbers: std::collections::BTreeSet<u32> =
        a.rows.iter().chain(&b.rows).map(|r| r.row).collect();
    let mut rows = Vec::new();
    for n in numbers {
        let (old, new) = (a.rows.iter().find(|r| r.row == n), b.rows.iter().find(|r| r.row == n));
        let text = |r: Option<&WorkdocRow>, f: fn(&WorkdocRow) -> Option<&String>| {
            r.map(|r| f(r).unwrap_or(&r.original).clone()).unwrap_or_default()
        };
        let diff = |f: fn(&WorkdocRow) -> Option<&String>| word_diff(&text(old, f), &text(new, f));
        let change = RowChange {
            row: n,
            section: new.or(old).map(|r| r.section).unwrap_or(Section::F),
            status_from: old.map(|r| r.status),
            status_to: new.map(|r| r.status),
            family: diff(|r| r.family.as_ref()),
            la: diff(|r| r.la.as_ref()),
            agreed: diff(|r| r.agreed.as_ref()),
        };
        let moved = |s: &[DiffSegment]| s.iter().any(|d| d.kind != DiffKind::Same);
        if change.status_from != change.status_to
            || moved(&change.family)
            || moved(&change.la)
            || moved(&change.agreed)
        {
            rows.push(change);
        }
    }
    Ok(VersionComparison { from: a.version, to: b.version, rows })
}
