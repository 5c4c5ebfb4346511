//! The closed vocabularies a document is described with (its kind, format, text status, where a
//! page's text came from, what a link points at) and the words each is stored as.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
