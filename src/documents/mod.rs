//! Documents and evidence: importing originals (PDF, images, email, Word, text), keeping them
//! byte for byte inside the vault (content-addressed by SHA-256), their metadata, text per page,
//! OCR of pages without a text layer, and full-text search.
//!
//! This module owns the tables of `migrations/0010_documents.sql`. It must never change an
//! original: metadata lives beside it, and text (from the PDF text layer, OCR or an email body) is a
//! derivative. It never writes a document's content to a plain file, except where the user asks
//! for an export, and where LibreOffice can only convert from a file (see `word.rs`). Parsing
//! hostile input is contained: a panic or a hang in a parser is an ordinary error for that file.
//! Every change a person could need to prove later is written to the audit trail.
//!
//! The types live by theme: `kinds.rs` (the closed vocabularies and their stored words),
//! `types.rs` (a document, its metadata, originals), `import_types.rs` and `search_types.rs`
//! (what those operations take and return); OCR's options and report are in `ocr.rs`; version
//! marks (a newer version of a document) in `versions.rs`. The work
//! is in the other files, one concern each; everything public is re-exported here.

mod analysis;
mod catalog;
mod detect;
mod duplicate;
mod email;
mod filing;
mod import;
mod import_types;
mod kinds;
mod links;
mod metadata;
mod ocr;
mod pdf_engine;
pub(crate) mod pdf_text;
mod people;
mod reread;
mod search;
mod search_types;
mod store;
pub mod take_in;
mod tools;
mod types;
mod versions;
mod word;

pub use catalog::{
    document_history, document_pages, export_document, get_document, link_document,
    linked_documents, linked_targets, list_documents, page_text, read_original, read_rendition,
    unlink_document, update_metadata, write_original,
};
pub use import::{import_bytes, import_file, import_paths};
pub use import_types::{
    ImportLimits, ImportOptions, ImportOutcome, ImportReport, ImportStatus, PdfPassword, Progress,
    ProgressStage,
};
pub use kinds::{DocumentFormat, DocumentKind, LinkKind, PageSource, TextStatus};
pub use ocr::{ocr_available, ocr_pending, OcrOptions, OcrReport};
pub use reread::{queue_reread_all, reread_pending, reread_waiting, RereadReport};
pub use search::{search, search_all};
pub use search_types::{DocumentFilter, HitSource, MatchedIn, RecordPlace, SearchHit, SearchQuery};
pub use types::{
    Document, DocumentMetadata, EmailInfo, ExportReceipt, ImageInfo, MetadataChange, Original,
    PageInfo,
};
pub use versions::{
    clear_new_version, mark_new_version, newest_versions, suggest_versions, version_marks,
    VersionMark, VersionSuggestion,
};
pub use word::libreoffice_available;

pub(crate) use ocr::ocr_pdf_pages;
pub(crate) use pdf_text::{has_words, read_page_texts};

pub(crate) use pdf_text::fuzz_serve as fuzz_pdf_text;

/// For `crate::fuzzing` only.
pub(crate) fn fuzz_email(bytes: &[u8]) -> crate::Result<usize> {
    email::parse_email("fuzz.eml", bytes).map(|e| e.attachments.len())
}

/// For `crate::fuzzing` only.
pub(crate) fn fuzz_detect(name: &str, bytes: &[u8]) -> crate::Result<DocumentFormat> {
    let (format, _) = detect::detect(name, bytes)?;
    let _ = detect::image_info(format, bytes);
    Ok(format)
}

/// Today's UTC timestamp as stored, and blank text as "not given": one copy each, the record's.
pub(crate) use crate::record::{clean, now_stamp};
