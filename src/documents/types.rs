//! A document as the app shows it, the metadata a person gives or changes, and an original's bytes
//! (or the proof of an export) on their way out of the vault.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DocumentFormat, DocumentKind, PageSource, TextStatus};

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
    /// The From header as a person reads it: `Name <address>`.
    pub from: Option<String>,
    /// The sender's address alone, as the email parser read it (for matching people). Emails
    /// imported before it was kept have none; their `from` is read again by the parser.
    #[serde(default)]
    pub from_address: Option<String>,
    /// The sender's display name alone, when the From header gives one.
    #[serde(default)]
    pub from_name: Option<String>,
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
