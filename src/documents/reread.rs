//! Reading PDFs' text again when the text engine improves: every PDF (and Word rendition) a vault
//! held before the engine changed waits in `doc_reread` (a migration queues them) and is read again
//! in the background, a few at a time. A document leaves the queue in the same transaction that
//! stores its new text, its search index rows and one audit entry, so a run stopped by a crash, a
//! lock or the app closing carries on where it was.
//!
//! What a new reading may change: a page gets the new text when the engine finds words on it
//! (this replaces OCR text too: a real text layer is better than recognition). A page where the
//! new engine finds nothing keeps what it had, so a re-read never loses words.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::import_types::ImportLimits;
use super::ocr::refresh_text_status;
use super::pdf_text::{has_words, read_pdf_text};
use super::search::index_page;
use super::store::read_blob;
use super::{Progress, ProgressStage};
use crate::audit::{self, AuditEvent};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// The engine that reads page text now. Queued documents name the engine they wait for.
pub(crate) const ENGINE: &str = "mupdf-1";

/// What one re-read run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RereadReport {
    /// Documents read again (whether or not their text changed).
    pub documents_read: u32,
    /// Pages whose text changed.
    pub pages_changed: u32,
    /// Documents the engine could not read; they keep the text they had.
    pub documents_failed: u32,
    pub first_problem: Option<String>,
    /// Documents still waiting (when `max_documents` stopped the run).
    pub documents_left: u32,
}

/// How many documents wait to be read again.
pub fn reread_waiting(vault: &Vault) -> Result<u32> {
    Ok(vault.conn().query_row("SELECT COUNT(*) FROM doc_reread", [], |r| r.get(0))?)
}

/// Queues every PDF and Word rendition to be read again (`carefile doc reindex --all`), and says
/// how many are waiting.
pub fn queue_reread_all(vault: &mut Vault) -> Result<u32> {
    vault.conn().execute(
        "INSERT OR REPLACE INTO doc_reread (document_id, engine)
         SELECT id, ?1 FROM documents WHERE format = 'pdf' OR rendition_sha256 IS NOT NULL",
        [ENGINE],
    )?;
    reread_waiting(vault)
}

/// One queued document: id, index number, title, the PDF's hash (original or rendition).
type Queued = (String, i64, String, Option<String>);

fn queued(vault: &Vault, limit: u32) -> Result<Vec<Queued>> {
    let mut stmt = vault.conn().prepare(
        "SELECT d.id, d.num, d.title,
                CASE WHEN d.format = 'pdf' THEN d.sha256 ELSE d.rendition_sha256 END
         FROM doc_reread q JOIN documents d ON d.id = q.document_id
         ORDER BY d.num LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads the queued documents again (or the first `max_documents`), stores what the engine finds
/// and re-indexes it. Each document is saved as soon as it is read.
pub fn reread_pending(
    vault: &mut Vault,
    max_documents: Option<u32>,
    progress: &dyn Fn(Progress),
) -> Result<RereadReport> {
    let waiting = reread_waiting(vault)?;
    let take = max_documents.unwrap_or(waiting).min(waiting);
    let mut report = RereadReport {
        documents_read: 0,
        pages_changed: 0,
        documents_failed: 0,
        first_problem: None,
        documents_left: waiting - take,
    };
    let limits = ImportLimits::default();
    for (i, (id, num, title, sha)) in queued(vault, take)?.into_iter().enumerate() {
        progress(Progress {
            stage: ProgressStage::Reread,
            done: i as u32,
            total: take,
            item: Some(title.clone()),
        });
        let read = match &sha {
            Some(sha) => {
                let bytes = std::sync::Arc::new(read_blob(vault.conn(), sha)?);
                read_pdf_text(&title, bytes, None, &limits)
            }
            None => Err(Error::NotFound(format!("{title} has no PDF to read"))),
        };
        let pages = match read {
            Ok(text) => Some(text.pages),
            // A broken installation stops the run; the queue keeps everything for next time.
            Err(e @ Error::Internal(_)) => return Err(e),
            // Protected files (their password isn't kept) and files the engine can't read keep
            // the text they had.
            Err(e) => {
                report.documents_failed += 1;
                report.first_problem.get_or_insert_with(|| e.to_string());
                None
            }
        };
        let tx = vault.conn_mut().transaction()?;
        let changed = match pages {
            Some(pages) => store_pages(&tx, &id, num, &pages)?,
            None => 0,
        };
        if changed > 0 {
            refresh_text_status(&tx, &id)?;
        }
        audit::record(&tx, &AuditEvent::text_reread(&id, ENGINE, changed))?;
        tx.execute("DELETE FROM doc_reread WHERE document_id = ?1", [&id])?;
        tx.commit()?;
        report.documents_read += 1;
        report.pages_changed += changed;
    }
    progress(Progress { stage: ProgressStage::Reread, done: take, total: take, item: None });
    Ok(report)
}

/// Stores the pages where the new reading found words and differs from what is kept; returns how
/// many changed.
fn store_pages(tx: &rusqlite::Transaction, id: &str, num: i64, pages: &[String]) -> Result<u32> {
    let mut changed = 0;
    for (i, text) in pages.iter().enumerate() {
        let page = i as u32 + 1;
        if !has_words(text) {
            continue;
        }
        let kept: Option<String> = tx
            .query_row(
                "SELECT text FROM doc_pages WHERE document_id = ?1 AND page = ?2",
                params![id, page],
                |r| r.get(0),
            )
            .optional()?;
        // Pages the first reading didn't count (a repaired file) are not invented.
        let Some(kept) = kept else { continue };
        if kept == *text {
            continue;
        }
        tx.execute(
            "UPDATE doc_pages SET text = ?3, source = 'layer', needs_ocr = 0
             WHERE document_id = ?1 AND page = ?2",
            params![id, page, text],
        )?;
        index_page(tx, num, id, page, text)?;
        changed += 1;
    }
    Ok(changed)
}
