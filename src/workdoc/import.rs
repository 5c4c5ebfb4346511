//! Reading a working document back from Word (docx-rs's reader): each run's bold, italic,
//! strikethrough and underline mapped to the Tribunal's key, each piece of wording matched to a
//! row by its original words, and the result kept as a new, received (frozen) version. Wording
//! that matches no row is kept with the version for the family to place.
//!
//! A file Carefile wrote is recognised by its table's "Wording" column (and "Status" is read too);
//! any other file is read paragraph by paragraph, table cells included. Footnotes are not read
//! back (docx-rs's reader skips them): each row keeps the evidence it had.

use crate::safety::contain;

use docx_rs::{
    Bold, DocumentChild, Italic, Paragraph, ParagraphChild, RunChild, TableCellContent, TableChild,
    TableRowChild, Underline,
};
use serde::Serialize;
use similar::{capture_diff_slices, diff_ratio, Algorithm};

use super::docx::{status_label, WORDING_HEADER};
use super::markup::{unmark, Mark, MarkedRun, Unmarked};
use super::versions::{freeze_version, insert_version, latest_for_child, load_workdoc};
use super::{normalise, RowStatus, UnplacedWording, VersionOrigin, Workdoc};
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

/// What an import made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ImportedWorkdoc {
    /// The working document at the version the import made.
    pub workdoc: Workdoc,
    /// The rows the file's wording was matched to.
    pub matched: Vec<u32>,
    /// The file's wording that matched no row.
    pub unplaced: Vec<UnplacedWording>,
}

/// One piece of wording in the file, with the status written beside it, if any.
struct Unit {
    runs: Vec<MarkedRun>,
    status: Option<String>,
}

fn runs_of(p: &Paragraph) -> Vec<MarkedRun> {
    let mut out: Vec<MarkedRun> = Vec::new();
    for child in &p.children {
        let ParagraphChild::Run(run) = child else { continue };
        let mut text = String::new();
        for c in &run.children {
            match c {
                RunChild::Text(t) => text.push_str(&t.text),
                RunChild::Tab(_) => text.push(' '),
                _ => {}
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let rp = &run.run_property;
        let mark = Mark::from_format(
            rp.bold.as_ref() == Some(&Bold::new()),
            rp.italic.as_ref() == Some(&Italic::new()),
            rp.strike.as_ref().is_some_and(|s| s.val) || rp.dstrike.as_ref().is_some_and(|s| s.val),
            rp.underline.as_ref().is_some_and(|u| u != &Underline::new("none")),
        );
        match out.last_mut() {
            Some(last) if last.mark == mark => {
                last.text.push(' ');
                last.text.push_str(text.trim());
            }
            _ => out.push(MarkedRun { mark, text: text.trim().to_owned() }),
        }
    }
    out
}

fn cell_paragraphs(cell: &TableRowChild) -> Vec<&Paragraph> {
    let TableRowChild::TableCell(c) = cell;
    c.children
        .iter()
        .filter_map(|x| match x {
            TableCellContent::Paragraph(p) => Some(p.as_ref()),
            _ => None,
        })
        .collect()
}

fn cell_runs(cell: &TableRowChild) -> Vec<MarkedRun> {
    cell_paragraphs(cell).into_iter().flat_map(runs_of).collect()
}

fn plain(runs: &[MarkedRun]) -> String {
    normalise(&runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// The wording units of a document: our table's wording column when there is one, else every
/// paragraph.
fn units(doc: &docx_rs::Docx) -> Vec<Unit> {
    let mut ours = Vec::new();
    let mut loose = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => loose.push(Unit { runs: runs_of(p), status: None }),
            DocumentChild::Table(t) => {
                let rows: Vec<&Vec<TableRowChild>> =
                    t.rows.iter().map(|TableChild::TableRow(r)| &r.cells).collect();
                let header: Vec<String> = rows
                    .first()
                    .map(|h| h.iter().map(|c| plain(&cell_runs(c))).collect())
                    .unwrap_or_default();
                match header.iter().position(|h| h == WORDING_HEADER) {
                    Some(k) => {
                        let status = header.iter().position(|h| h == "Status");
                        for r in rows.iter().skip(1) {
                            let Some(cell) = r.get(k) else { continue };
                            ours.push(Unit {
                                runs: cell_runs(cell),
                                status: status.and_then(|s| r.get(s)).map(|c| plain(&cell_runs(c))),
                            });
                        }
                    }
                    None => {
                        for r in &rows {
                            for c in r.iter() {
                                for p in cell_paragraphs(c) {
                                    loose.push(Unit { runs: runs_of(p), status: None });
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut all = if ours.is_empty() { loose } else { ours };
    all.retain(|u| !plain(&u.runs).is_empty());
    all
}

fn similarity(a: &str, b: &str) -> f32 {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let (a, b): (Vec<&str>, Vec<&str>) =
        (a.split_whitespace().collect(), b.split_whitespace().collect());
    diff_ratio(&capture_diff_slices(Algorithm::Myers, &a, &b), a.len(), b.len())
}

/// Wording this close to a row's original (the share of words in common) is taken as that row.
const MATCH_RATIO: f32 = 0.75;

/// Most parts a .docx may have, and most bytes each part and all of them may say they hold once
/// unpacked. docx-rs reserves each part's stated size before reading it, so a few hundred bytes
/// claiming gigabytes would exhaust memory (found by `fuzz/` on an 886-byte file). A real working
/// document is well under these.
const MAX_PARTS: usize = 2_000;
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Checks the archive's stated sizes before docx-rs reads it: `Err(why)` when they are too big.
fn within_bounds(bytes: &[u8]) -> std::result::Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is not a Word (.docx) file: {e}"))?;
    if archive.len() > MAX_PARTS {
        return Err(format!("it has {} parts, more than a Word file has", archive.len()));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| format!("a part is damaged: {e}"))?;
        if part.size() > MAX_PART_BYTES {
            return Err(format!(
                "its part {} says it holds {} MB, more than a Word file's text",
                part.name(),
                part.size() / (1024 * 1024)
            ));
        }
        total = total.saturating_add(part.size());
    }
    if total > MAX_TOTAL_BYTES {
        return Err(format!("it says it unpacks to {} MB", total / (1024 * 1024)));
    }
    Ok(())
}

fn read(bytes: &[u8]) -> Result<docx_rs::Docx> {
    let unreadable = |why: String| {
        Error::CorruptFile(format!(
            "That file isn't a Word document Carefile can read ({why}). Open it in Word or LibreOffice and save it as .docx, then import it again."
        ))
    };
    within_bounds(bytes).map_err(unreadable)?;
    match contain(|| docx_rs::read_docx(bytes)) {
        Some(Ok(doc)) => Ok(doc),
        Some(Err(e)) => Err(unreadable(e.to_string())),
        None => Err(unreadable("its contents are damaged".into())),
    }
}

/// For `crate::fuzzing` only.
pub(crate) fn fuzz_read_docx(bytes: &[u8]) -> Result<usize> {
    Ok(units(&read(bytes)?).len())
}

/// Reads the other side's `.docx` into a new version of the child's latest working document.
pub fn import_docx(vault: &mut Vault, child_id: &str, bytes: &[u8]) -> Result<ImportedWorkdoc> {
    let child = record::get_child(vault, child_id)?;
    let doc = read(bytes)?;
    let current = latest_for_child(vault, &child.id)?.ok_or_else(|| {
        Error::NotFound(format!(
            "{} has no working document to read this into. Make one first: `carefile workdoc create --child {}`.",
            child.name, child.id
        ))
    })?;
    let units = units(&doc);
    if units.is_empty() {
        return Err(Error::invalid("That Word file has no wording in it to read."));
    }
    let mut rows = current.rows.clone();
    let mut taken = vec![false; rows.len()];
    let mut matched = Vec::new();
    let mut unplaced = Vec::new();
    for u in units {
        let Unmarked { original, family, la, agreed } = unmark(&u.runs);
        let best = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| !taken[*i])
            .map(|(i, r)| (i, similarity(&r.original, &original)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, s)| *s >= MATCH_RATIO);
        let Some((i, _)) = best else {
            unplaced.push(UnplacedWording { original, family, la });
            continue;
        };
        taken[i] = true;
        let r = &mut rows[i];
        matched.push(r.row);
        r.family = family.or(r.family.take());
        r.la = la.or(r.la.take());
        let said = u.status.as_deref().and_then(|s| {
            [RowStatus::Agreed, RowStatus::Disputed, RowStatus::NotDiscussed]
                .into_iter()
                .find(|st| status_label(*st).eq_ignore_ascii_case(s))
        });
        if let Some(a) = agreed {
            r.agreed = Some(a);
            r.status = RowStatus::Agreed;
        } else if let Some(s) = said {
            r.status = s;
            if s == RowStatus::Agreed && r.agreed.is_none() {
                r.agreed = Some(r.original.clone());
            }
        } else if r.family.is_some() || r.la.is_some() {
            r.status = RowStatus::Disputed;
        }
    }
    freeze_version(vault, &current.id)?;
    let tx = vault.conn_mut().transaction()?;
    insert_version(
        &tx,
        &current.id,
        current.version.number + 1,
        VersionOrigin::Imported,
        true,
        &rows,
        &unplaced,
    )?;
    tx.commit()?;
    let workdoc = load_workdoc(vault.conn(), &current.id, None)?;
    Ok(ImportedWorkdoc { workdoc, matched, unplaced })
}
