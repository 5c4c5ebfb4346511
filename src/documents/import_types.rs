//! What an import takes (options, limits, a PDF password) and what it reports (an outcome per
//! file, the totals), and the progress that imports and OCR runs send as they go.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{DocumentMetadata, TextStatus};
use crate::error::{Error, ErrorCode};

/// Bounds on what an import will read, so no file can exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// Files larger than this are refused.
    pub max_file_bytes: u64,
    /// PDFs with more pages than this are refused.
    pub max_pages: u32,
    /// The most memory the PDF reader's worker process may use (Unix: its address space).
    pub max_parse_memory: u64,
    /// Reading one file's text must finish within this time.
    pub parse_timeout: Duration,
    /// LibreOffice must convert a Word document to PDF within this time, or it is stopped.
    pub convert_timeout: Duration,
    /// How deep a folder import goes.
    pub max_folder_depth: usize,
    /// How many emails deep attachments are taken out of emails attached to emails.
    pub max_email_depth: u32,
    /// How many attachments one email (with the emails inside it) may give, in all.
    pub max_email_parts: u32,
    /// How many bytes of attachments one email (with the emails inside it) may give, in all.
    pub max_email_bytes: u64,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_file_bytes: 512 * 1024 * 1024,
            max_pages: 10_000,
            max_parse_memory: 4 * 1024 * 1024 * 1024,
            parse_timeout: Duration::from_secs(60),
            convert_timeout: Duration::from_secs(180),
            max_folder_depth: 32,
            max_email_depth: 8,
            max_email_parts: 500,
            max_email_bytes: 1024 * 1024 * 1024,
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
    /// Reading documents' text again with a newer text engine.
    Reread,
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
