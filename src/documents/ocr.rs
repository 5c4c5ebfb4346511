//! OCR of pages without a text layer, with Tesseract when it is installed. PDF pages are rendered
//! by `pdftoppm` (within a size cap) and images are read as they are; everything passes through
//! pipes, and the helpers' own working files stay in a private folder in the vault's. The text found is a derivative stored beside the page; the original is untouched. What a
//! run takes and reports (`OcrOptions`, `OcrReport`) is here too.

use std::time::Duration;

/// The longest side of a page drawn for OCR, in inches at the chosen resolution.
const MAX_PAGE_INCHES: u32 = 14;

use rusqlite::params;
use serde::Serialize;

use super::pdf_text::has_words;
use super::search::index_page;
use super::store::read_blob;
use super::tools::{find_program, run_piped};
use super::{Progress, ProgressStage};
use crate::audit::{self, AuditEvent};
use crate::error::Result;
use crate::vault::Vault;

/// How OCR runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrOptions {
    /// Tesseract's language (installed traineddata), `eng` by default.
    pub language: String,
    /// Rendering resolution for PDF pages.
    pub dpi: u32,
    /// Stop after this many pages (the desktop runs OCR in batches); `None` for all.
    pub max_pages: Option<u32>,
    /// One page's rendering or recognition must finish within this time.
    pub page_timeout: Duration,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            language: "eng".into(),
            dpi: 300,
            max_pages: None,
            page_timeout: Duration::from_secs(120),
        }
    }
}

/// What one OCR run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct OcrReport {
    pub available: bool,
    /// Pages now searchable.
    pub pages_read: u32,
    /// Pages where OCR found no words.
    pub pages_empty: u32,
    /// Pages OCR could not process, with the reason for the first.
    pub pages_failed: u32,
    pub first_problem: Option<String>,
    /// Pages still waiting (when `max_pages` stopped the run).
    pub pages_left: u32,
}

/// Whether Tesseract is installed (and, for PDFs, poppler's `pdftoppm`).
pub fn ocr_available() -> bool {
    find_program("tesseract").is_some()
}

fn recognise(image: &[u8], options: &OcrOptions) -> std::result::Result<String, String> {
    let args = ["stdin", "stdout", "-l", &options.language];
    let out = run_piped("tesseract", &args, image, options.page_timeout)
        .map_err(|e| format!("Tesseract: {e}"))?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

fn render_pdf_page(
    pdf: &[u8],
    page: u32,
    options: &OcrOptions,
) -> std::result::Result<Vec<u8>, String> {
    if find_program("pdftoppm").is_none() {
        return Err("pdftoppm (poppler-utils) is needed to read PDF pages with OCR".into());
    }
    let p = page.to_string();
    // The page drawn to fit a square of `dpi` × 14 inches (4,200 pixels at 300 dpi: an A4 or legal
    // page at about the resolution asked for), so a page declared a metre wide can't make a
    // gigapixel image.
    let fit = (options.dpi.clamp(72, 600) * MAX_PAGE_INCHES).to_string();
    let args = ["-f", &p, "-l", &p, "-scale-to", &fit, "-gray", "-png", "-"];
    let png = run_piped("pdftoppm", &args, pdf, options.page_timeout)
        .map_err(|e| format!("pdftoppm: {e}"))?;
    if png.is_empty() {
        return Err("pdftoppm could not draw the page".into());
    }
    Ok(png)
}

/// OCR of some pages of a PDF that is not in the vault (a bundle being checked): each page's text,
/// or `None` where it could not be read. Nothing is stored. Empty when Tesseract or pdftoppm is
/// missing. `progress` hears the index of each page before it is read.
pub(crate) fn ocr_pdf_pages(
    pdf: &[u8],
    pages: &[u32],
    progress: &mut dyn FnMut(usize),
) -> Vec<Option<String>> {
    if !ocr_available() || find_program("pdftoppm").is_none() {
        return Vec::new();
    }
    let options = OcrOptions::default();
    pages
        .iter()
        .enumerate()
        .map(|(i, &page)| {
            progress(i);
            let image = render_pdf_page(pdf, page, &options).ok()?;
            recognise(&image, &options).ok().filter(|t| has_words(t))
        })
        .collect()
}

/// Sets a document's text status from its pages once none is waiting for OCR: readable, or "no
/// text found" with how many pages had no words. Call inside the transaction that changed them.
pub(super) fn refresh_text_status(tx: &rusqlite::Connection, id: &str) -> Result<()> {
    let (waiting, empty): (i64, i64) = tx.query_row(
        "SELECT COALESCE(SUM(needs_ocr), 0), COALESCE(SUM(source = 'none'), 0)
         FROM doc_pages WHERE document_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (status, note) = match (waiting, empty) {
        (0, 0) => ("readable", None),
        (0, n) => (
            "no_text_found",
            Some(format!("OCR found no words on {n} page(s) (photos, drawings or blank pages).")),
        ),
        _ => return Ok(()),
    };
    tx.execute(
        "UPDATE documents SET text_status = ?2, status_note = ?3 WHERE id = ?1",
        params![id, status, note],
    )?;
    Ok(())
}

/// A page waiting for OCR: document id, index number, original's hash, format, page.
type PendingPage = (String, i64, String, String, u32);

/// Pages waiting for OCR, in import order.
fn pending(vault: &Vault) -> Result<Vec<PendingPage>> {
    let mut stmt = vault.conn().prepare(
        "SELECT d.id, d.num, d.sha256, d.format, p.page
         FROM doc_pages p JOIN documents d ON d.id = p.document_id
         WHERE p.needs_ocr = 1 ORDER BY d.num, p.page",
    )?;
    let rows =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads every page still waiting for OCR (or the first `options.max_pages`), makes the text
/// searchable and updates each document's text status. Safe to run in the background and to
/// stop between calls: each page is saved as soon as it is read. Without Tesseract it does
/// nothing and says so (`available: false`).
pub fn ocr_pending(
    vault: &mut Vault,
    options: &OcrOptions,
    progress: &dyn Fn(Progress),
) -> Result<OcrReport> {
    let mut report = OcrReport {
        available: ocr_available(),
        pages_read: 0,
        pages_empty: 0,
        pages_failed: 0,
        first_problem: None,
        pages_left: 0,
    };
    let all = pending(vault)?;
    if !report.available {
        report.pages_left = all.len() as u32;
        return Ok(report);
    }
    let take = options.max_pages.map(|m| m as usize).unwrap_or(all.len()).min(all.len());
    report.pages_left = (all.len() - take) as u32;
    let total = take as u32;
    // The original of the document being read, kept while its pages are processed.
    let mut current: Option<(String, Vec<u8>)> = None;
    for (i, (id, num, sha, format, page)) in all.into_iter().take(take).enumerate() {
        progress(Progress {
            stage: ProgressStage::Ocr,
            done: i as u32,
            total,
            item: Some(format!("{id} page {page}")),
        });
        if current.as_ref().map(|(s, _)| s != &sha).unwrap_or(true) {
            current = Some((sha.clone(), read_blob(vault.conn(), &sha)?));
        }
        let bytes = current.as_ref().map(|(_, b)| b.as_slice()).unwrap_or_default();
        let text = if format == "pdf" {
            render_pdf_page(bytes, page, options).and_then(|png| recognise(&png, options))
        } else {
            recognise(bytes, options)
        };
        let tx = vault.conn_mut().transaction()?;
        match text {
            Ok(text) if has_words(&text) => {
                tx.execute(
                    "UPDATE doc_pages SET text = ?3, source = 'ocr', needs_ocr = 0
                     WHERE document_id = ?1 AND page = ?2",
                    params![id, page, text],
                )?;
                index_page(&tx, num, &id, page, &text)?;
                audit::record(&tx, &AuditEvent::text_added(&id, page, "ocr"))?;
                report.pages_read += 1;
            }
            Ok(_) => {
                tx.execute(
                    "UPDATE doc_pages SET needs_ocr = 0 WHERE document_id = ?1 AND page = ?2",
                    params![id, page],
                )?;
                report.pages_empty += 1;
            }
            Err(problem) => {
                // Marked as tried so a page that always fails doesn't block the rest for ever.
                tx.execute(
                    "UPDATE doc_pages SET needs_ocr = 0 WHERE document_id = ?1 AND page = ?2",
                    params![id, page],
                )?;
                report.pages_failed += 1;
                report.first_problem.get_or_insert(problem);
            }
        }
        refresh_text_status(&tx, &id)?;
        tx.commit()?;
    }
    progress(Progress { stage: ProgressStage::Ocr, done: total, total, item: None });
    Ok(report)
}
