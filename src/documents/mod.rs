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

mod catalog;
mod detect;
mod email;
mod import;
mod ocr;
mod pdf_text;
mod people;
mod search;
mod store;
mod tools;
mod word;

use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

pub use catalog::{
    document_history, document_pages, export_document, get_document, link_document,
    linked_documents, list_documents, page_text, read_original, read_rendition, unlink_document,
    update_metadata, write_original,
};
pub use import::{import_bytes, import_file, import_paths};
pub use ocr::{ocr_available, ocr_pending};
pub use pdf_text::in_contained_parser;
pub use search::{search, search_all};
pub use word::libreoffice_available;

/// What kind of document it is, in the words parents and the law use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Report,
    Letter,
    Plan,
    Decision,
    Minutes,
    SchoolReport,
    Evidence,
    Photo,
    Email,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 10] = [
        DocumentKind::Report,
        DocumentKind::Letter,
        DocumentKind::Plan,
        DocumentKind::Decision,
        DocumentKind::Minutes,
        DocumentKind::SchoolReport,
        DocumentKind::Evidence,
        DocumentKind::Photo,
        DocumentKind::Email,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Report => "report",
            DocumentKind::Letter => "letter",
            DocumentKind::Plan => "plan",
            DocumentKind::Decision => "decision",
            DocumentKind::Minutes => "minutes",
            DocumentKind::SchoolReport => "school_report",
            DocumentKind::Evidence => "evidence",
            DocumentKind::Photo => "photo",
            DocumentKind::Email => "email",
            DocumentKind::Other => "other",
        }
    }

    /// How the kind reads on screen.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Report => "Report",
            DocumentKind::Letter => "Letter",
            DocumentKind::Plan => "Plan",
            DocumentKind::Decision => "Decision",
            DocumentKind::Minutes => "Minutes",
            DocumentKind::SchoolReport => "School report",
            DocumentKind::Evidence => "Evidence",
            DocumentKind::Photo => "Photo",
            DocumentKind::Email => "Email",
            DocumentKind::Other => "Other",
        }
    }

    /// Accepts `school-report`, `school_report` or `School report`.
    pub fn parse(text: &str) -> Result<Self> {
        let norm = text.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|k| k.as_str() == norm).ok_or_else(|| {
            Error::invalid(format!(
                "\"{}\" isn't a kind of document Carefile knows. Use one of: report, letter, plan, \
                 decision, minutes, school-report, evidence, photo, email, other.",
                text.trim()
            ))
        })
    }
}

/// The file format of the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    Jpeg,
    Png,
    Tiff,
    Email,
    Word,
    Text,
}

impl DocumentFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Jpeg => "jpeg",
            DocumentFormat::Png => "png",
            DocumentFormat::Tiff => "tiff",
            DocumentFormat::Email => "email",
            DocumentFormat::Word => "word",
            DocumentFormat::Text => "text",
        }
    }

    pub(crate) fn parse(text: &str) -> Self {
        match text {
            "pdf" => DocumentFormat::Pdf,
            "jpeg" => DocumentFormat::Jpeg,
            "png" => DocumentFormat::Png,
            "tiff" => DocumentFormat::Tiff,
            "email" => DocumentFormat::Email,
            "word" => DocumentFormat::Word,
            _ => DocumentFormat::Text,
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, DocumentFormat::Jpeg | DocumentFormat::Png | DocumentFormat::Tiff)
    }
}

/// Whether a document's words can be searched yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum TextStatus {
    /// Every page has text (its own, or from OCR).
    Readable,
    /// Some pages have no text layer; OCR can read them.
    NeedsOcr,
    /// OCR ran and found no words on some pages (photos, drawings, blank pages).
    NoTextFound,
    /// A Word document: LibreOffice is needed to view, search or bundle it. The original is kept.
    NeedsLibreoffice,
    /// The text could not be read, though the original is kept.
    Unreadable,
}

impl TextStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TextStatus::Readable => "readable",
            TextStatus::NeedsOcr => "needs_ocr",
            TextStatus::NoTextFound => "no_text_found",
            TextStatus::NeedsLibreoffice => "needs_libreoffice",
            TextStatus::Unreadable => "unreadable",
        }
    }

    pub(crate) fn parse(text: &str) -> Self {
        match text {
            "readable" => TextStatus::Readable,
            "needs_ocr" => TextStatus::NeedsOcr,
            "no_text_found" => TextStatus::NoTextFound,
            "needs_libreoffice" => TextStatus::NeedsLibreoffice,
            _ => TextStatus::Unreadable,
        }
    }
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PageSource {
    /// The PDF's own text layer.
    Layer,
    /// Optical character recognition (a derivative; the page itself is unchanged).
    Ocr,
    /// The headers and body of an email.
    Email,
    /// A plain text file.
    Text,
    /// No text.
    None,
}

impl PageSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PageSource::Layer => "layer",
            PageSource::Ocr => "ocr",
            PageSource::Email => "email",
            PageSource::Text => "text",
            PageSource::None => "none",
        }
    }

    pub(crate) fn parse(text: &str) -> Self {
        match text {
            "layer" => PageSource::Layer,
            "ocr" => PageSource::Ocr,
            "email" => PageSource::Email,
            "text" => PageSource::Text,
            _ => PageSource::None,
        }
    }
}

/// An image's size and EXIF orientation (1 = upright; 6 = turn 90° clockwise to view, 3 = 180°,
/// 8 = 90° anticlockwise; 2, 4, 5, 7 are mirrored). Viewers must honour it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ImageInfo {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub orientation: Option<u16>,
    /// Clockwise rotation in degrees (0, 90, 180, 270) that shows the image upright.
    pub rotate_degrees: u16,
    pub mirrored: bool,
}

/// What an email said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EmailInfo {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    /// As sent, ISO 8601 with the sender's offset.
    pub sent: Option<String>,
    pub message_id: Option<String>,
    pub attachment_count: u32,
}

/// A document as lists and the viewer show it. The original itself is fetched separately.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    /// The fingerprint of the original: SHA-256 of its exact bytes.
    pub sha256: String,
    pub file_name: String,
    pub format: DocumentFormat,
    pub media_type: String,
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub size: u64,
    pub title: String,
    pub kind: DocumentKind,
    /// The author or sender.
    pub author: Option<String>,
    /// The date on the document.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    /// The date the family received it.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub received: Option<NaiveDate>,
    /// The plan section it belongs to, such as "K" (advice and information).
    pub plan_section: Option<String>,
    pub tags: Vec<String>,
    pub child_ids: Vec<String>,
    /// The people in the record it is from: linked at import when the email's sender or the
    /// author matches exactly one person.
    pub person_ids: Vec<String>,
    pub pages: u32,
    pub text_status: TextStatus,
    /// Why the text status is what it is, in words (such as "LibreOffice is needed…").
    pub status_note: Option<String>,
    /// A PDF rendition exists (of a Word document), for the viewer and bundles.
    pub has_rendition: bool,
    pub image: Option<ImageInfo>,
    pub email: Option<EmailInfo>,
    /// The email this came attached to.
    pub attached_to: Option<String>,
    /// For an email: its attachments' document ids.
    pub attachment_ids: Vec<String>,
    /// When first imported (UTC, ISO 8601).
    pub imported: String,
    pub updated: String,
}

/// One page, for the viewer's thumbnails and "needs OCR" flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    pub page: u32,
    pub source: PageSource,
    pub has_text: bool,
    pub needs_ocr: bool,
    pub chars: u32,
}

/// The metadata given at import (everything optional; sensible defaults are filled in).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentMetadata {
    pub title: Option<String>,
    pub kind: Option<DocumentKind>,
    pub author: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub received: Option<NaiveDate>,
    pub plan_section: Option<String>,
    pub tags: Vec<String>,
    pub child_id: Option<String>,
}

/// A change to a document's metadata. `None` leaves a field as it is; an empty string clears an
/// optional field. Dates are `YYYY-MM-DD`. Each changed field is written to the audit trail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct MetadataChange {
    pub title: Option<String>,
    pub kind: Option<DocumentKind>,
    pub author: Option<String>,
    pub dated: Option<String>,
    pub received: Option<String>,
    pub plan_section: Option<String>,
    /// Replaces the tags.
    pub tags: Option<Vec<String>>,
    /// Replaces the linked children.
    pub child_ids: Option<Vec<String>>,
}

/// Bounds on what an import will read, so no file can exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// Files larger than this are refused.
    pub max_file_bytes: u64,
    /// PDFs with more pages than this are refused.
    pub max_pages: u32,
    /// PDFs with more objects than this are refused.
    pub max_objects: usize,
    /// No stream in a PDF may decompress to more than this.
    pub max_stream_bytes: usize,
    /// Reading one file's text must finish within this time.
    pub parse_timeout: Duration,
    /// LibreOffice must convert a Word document to PDF within this time, or it is stopped.
    pub convert_timeout: Duration,
    /// How deep a folder import goes.
    pub max_folder_depth: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_file_bytes: 512 * 1024 * 1024,
            max_pages: 10_000,
            max_objects: 5_000_000,
            max_stream_bytes: 128 * 1024 * 1024,
            parse_timeout: Duration::from_secs(60),
            convert_timeout: Duration::from_secs(180),
            max_folder_depth: 32,
        }
    }
}

/// A PDF password, given only for one import. Never stored, logged or serialised.
#[derive(Clone, Default)]
pub struct PdfPassword(zeroize::Zeroizing<String>);

impl PdfPassword {
    pub fn new(text: impl Into<String>) -> Self {
        PdfPassword(zeroize::Zeroizing::new(text.into()))
    }

    pub(crate) fn reveal(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Debug for PdfPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub metadata: DocumentMetadata,
    /// For an `.eml`: whether the family received it (the default) or sent it, for the
    /// correspondence entry it becomes.
    pub email_direction: Option<crate::record::Direction>,
    pub password: Option<PdfPassword>,
    pub limits: ImportLimits,
    /// The LibreOffice program that converts Word documents to PDF. `None` looks for `soffice`
    /// on `PATH` at each conversion.
    pub libreoffice: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Refused,
}

/// What happened to one file. Fields that do not apply are absent in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub file: String,
    pub status: ImportStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub pages: Option<u32>,
    /// Why the file was refused, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub code: Option<ErrorCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub text_status: Option<TextStatus>,
    /// For an email: the correspondence entry it was filed as in the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub correspondence_id: Option<String>,
    /// The person in the record it was linked to as its sender or author.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub person_id: Option<String>,
    /// For an email: what happened to each attachment.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "bindings", ts(as = "Option<Vec<ImportOutcome>>", optional))]
    pub attachments: Vec<ImportOutcome>,
}

impl ImportOutcome {
    pub(crate) fn refused(file: &str, e: &Error) -> Self {
        ImportOutcome {
            file: file.to_string(),
            status: ImportStatus::Refused,
            id: None,
            sha256: None,
            pages: None,
            reason: Some(e.to_string()),
            code: Some(e.code()),
            text_status: None,
            correspondence_id: None,
            person_id: None,
            attachments: Vec::new(),
        }
    }
}

/// The end-of-import report: every file, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub outcomes: Vec<ImportOutcome>,
    pub imported: u32,
    pub duplicates: u32,
    pub refused: u32,
}

/// Which long operation is reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ProgressStage {
    /// Finding the files in the folders given.
    Scanning,
    Importing,
    Ocr,
}

/// Sent to the progress callback before each item and once at the end (`done == total`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub stage: ProgressStage,
    pub done: u32,
    pub total: u32,
    /// The file or page being worked on.
    pub item: Option<String>,
}

/// Which documents to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentFilter {
    pub child_id: Option<String>,
    pub kind: Option<DocumentKind>,
    /// Part of the author's or sender's name.
    pub author: Option<String>,
    pub tag: Option<String>,
    /// Dated (or received, or imported) on or after.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// Dated (or received, or imported) on or before.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
}

/// A search: words (a "quoted phrase" matches exactly) and the same filters as the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct SearchQuery {
    pub text: String,
    pub filter: DocumentFilter,
    /// At most this many hits (default 50).
    pub limit: Option<u32>,
}

/// Where a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    /// The text of the page.
    Text,
    /// The title or other details (the page is then 1).
    Details,
}

/// What a hit is: a document, or a part of the record (`search_all` only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum HitSource {
    Document,
    /// A letter, email, call, meeting or text in the contact log (`id` is the entry's id).
    Correspondence,
    /// A plan section's text (`id` is the plan's id; the title names the section and version).
    Plan,
    /// An outcome progress note (`id` is the note's id).
    Note,
}

impl HitSource {
    pub fn as_str(self) -> &'static str {
        match self {
            HitSource::Document => "document",
            HitSource::Correspondence => "correspondence",
            HitSource::Plan => "plan",
            HitSource::Note => "note",
        }
    }
}

/// Where a record hit lives, so the app can open the screen that shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RecordPlace {
    /// The child whose record it is in.
    pub child_id: Option<String>,
    /// For plan text and progress notes: the plan.
    pub plan_id: Option<String>,
    /// For plan text: the section, such as "F".
    pub plan_section: Option<String>,
    /// For a progress note: the outcome it is about.
    pub outcome_id: Option<String>,
}

/// One hit: the viewer opens `id` at `page` and highlights the words between `[` and `]`.
/// Record hits (`source` other than `document`) have no kind and page 1, and say where they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub id: String,
    pub source: HitSource,
    pub title: String,
    pub kind: Option<DocumentKind>,
    pub page: u32,
    pub snippet: String,
    pub matched_in: MatchedIn,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    /// For a record hit: where to open it. `None` for documents.
    pub place: Option<RecordPlace>,
}

/// The exact bytes of an original (or a rendition), for the viewer or the system viewer.
#[derive(Clone, PartialEq, Eq)]
pub struct Original {
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Original {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Original")
            .field("file_name", &self.file_name)
            .field("media_type", &self.media_type)
            .field("sha256", &self.sha256)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Proof of an export: the file written and the fingerprint checked while writing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ExportReceipt {
    pub id: String,
    pub file: String,
    pub sha256: String,
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes: u64,
}

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Child,
    Email,
    Correspondence,
    Person,
    Plan,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Child => "child",
            LinkKind::Email => "email",
            LinkKind::Correspondence => "correspondence",
            LinkKind::Person => "person",
            LinkKind::Plan => "plan",
        }
    }
}

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

/// Today's UTC timestamp, as stored.
pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(crate) fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}
