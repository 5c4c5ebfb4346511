//! Bundles and packs: a tribunal bundle, an annual review pack, a complaint pack or a custom pack,
//! first as a **plan** (sections, documents in order, running page numbers, page budgets and
//! pre-flight warnings — cheap enough to recompute on every drag in the UI), then as one **built**
//! PDF: cover, hyperlinked index, section dividers, the documents with their pages as they are,
//! every page stamped with its own PDF page number, bookmarks, a manifest of SHA-256 fingerprints
//! and the document properties set. The same plan builds the screen edition and the print edition.
//!
//! The engine (`plan`, `pages`, `merge`, `stamp`, `outline`, `build`) works on plain inputs
//! ([`BundleDocument`] and a [`DocumentLoader`]) and knows nothing of the vault; `vault.rs` adapts
//! the documents and record modules to it (through their functions, never their tables), with
//! `loader.rs` loading the documents and `extracts.rs` writing the record extracts as text;
//! `saved.rs` owns the saved packs and their issues (`migrations/0030_bundle.sql`, `0031`), and
//! `reissue.rs` appends late additions after an issued bundle's pages; `check/` checks a bundle
//! someone else built (the LA's) against the family's documents. This module must never change an
//! original, never panic on a hostile PDF (every parse of a source runs contained, and a document
//! that cannot be included becomes a warning, not a failed bundle), and never write a file itself:
//! callers decide where the bytes go.

mod build;
mod check;
mod extracts;
mod image_pages;
mod loader;
mod merge;
mod outline;
mod pages;
mod plan;
mod preview;
mod reissue;
mod report;
mod saved;
mod stamp;
pub mod take_in;
pub mod templates;
mod vault;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::documents::DocumentKind;

pub(crate) use build::fuzz_source;
pub use build::{build_bundle, in_contained_step, BuildProgress, BuiltBundle};
pub use check::{
    check_bundle, check_letter, send7_draft, BudgetSource, BundleCheck, CheckLetterOptions,
    CheckOptions, CheckedDocument, DuplicateDocument, FoundDocument, IndexProblem,
    OutdatedDocument, PartialDocument, SectionBudget,
};
pub use pages::{text_document_pages, TextBlock, TextDocument};
pub use plan::plan_bundle;
pub use preview::preview_pack;
pub use reissue::{reissue_plan, unchanged_pages};
pub use report::{contract_json, human_summary, short_fingerprint};
pub use saved::{
    delete_pack, get_pack, list_pack_issues, list_packs, record_pack_build, reissue_candidates,
    reissue_pack, save_pack, PackIssue, SavedPack,
};
pub use templates::{template_for, AppealType, Extract, PackKind, PackTemplate, SectionSpec};
pub use vault::{
    build_pack, pack_documents, plan_pack, PackDocumentChoice, PackRequest, VaultLoader,
};

/// What part a document plays, for the Practice Direction's limits on expert reports and
/// witness statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DocumentRole {
    /// A professional's report (EP, SALT, OT, paediatrician…).
    ExpertReport,
    WitnessStatement,
    #[default]
    Other,
}

/// How a source document becomes pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// PDF pages as they are (a Word document's PDF rendition too).
    #[default]
    Pdf,
    /// A photo or scan (JPEG or PNG), one page.
    Image,
    /// An email or a text file, set as readable pages.
    Text,
    /// An extract of the record made for this pack (chronology, views, delivery…).
    Generated,
}

/// One document as the engine sees it: what the index shows, what the warnings need, and how to
/// fetch its bytes (through a [`DocumentLoader`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BundleDocument {
    pub id: String,
    pub title: String,
    pub kind: DocumentKind,
    #[serde(default)]
    pub role: DocumentRole,
    pub author: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    /// SHA-256 of the original (for a generated extract: of its text).
    pub sha256: String,
    pub pages: u32,
    pub has_text_layer: bool,
    #[serde(default)]
    pub format: SourceFormat,
    /// For an attachment: the email it came with (it follows the email in the pack).
    #[serde(default)]
    pub attached_to: Option<String>,
    /// Known before building that the document cannot be included, and why.
    #[serde(default)]
    pub problem: Option<String>,
}

/// How documents are ordered inside a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DocumentOrder {
    /// Oldest first, undated last (2025 Practice Direction: chronological within each section).
    #[default]
    Chronological,
    /// Exactly as given (the person reordered them).
    AsGiven,
}

/// A section and the documents chosen for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SectionInput {
    pub spec: SectionSpec,
    pub documents: Vec<BundleDocument>,
    #[serde(default)]
    pub order: DocumentOrder,
    /// Added after the pack was first issued: placed after every earlier page, its documents listed
    /// on its own divider (the index gives it one line, when that fits), so that earlier page
    /// references stay true.
    #[serde(default)]
    pub late: bool,
}

/// Everything a plan is made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Pack {
    pub kind: PackKind,
    pub title: String,
    /// Second line of the cover, such as the child's name.
    pub subtitle: Option<String>,
    /// Label and value pairs on the cover (child, date of birth, LA, hearing date…).
    #[serde(default)]
    pub cover_lines: Vec<(String, String)>,
    pub appeal_type: Option<AppealType>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub hearing: Option<NaiveDate>,
    /// The date warnings are judged on when there is no hearing date, and the cover's date.
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub today: NaiveDate,
    pub sections: Vec<SectionInput>,
}

/// How page numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `12`: the PDF page number.
    #[default]
    Plain,
    /// `B12`: the section letter before the PDF page number (front matter and manifest plain).
    SectionPrefixed,
}

/// Choices that change the pages but not what is in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct BundleOptions {
    /// Every section and document starts on a right-hand (odd) page; blank pages fill the gaps.
    pub print_edition: bool,
    pub numbering: Numbering,
    /// "Page 12 of 340" rather than "12".
    pub page_of_total: bool,
    /// Shown as the PDF's author (document properties).
    pub author: Option<String>,
}

/// What a warning is about; scripts and the UI act on the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    OverBudget,
    ExpertReportTooLong,
    ExpertReportTooOld,
    WitnessStatementTooLong,
    NoTextLayer,
    Undated,
    Duplicate,
    CannotInclude,
    /// Documents added after a tribunal bundle was issued need the Tribunal's permission.
    LateEvidence,
}

impl WarningCode {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::OverBudget => "over_budget",
            WarningCode::ExpertReportTooLong => "expert_report_too_long",
            WarningCode::ExpertReportTooOld => "expert_report_too_old",
            WarningCode::WitnessStatementTooLong => "witness_statement_too_long",
            WarningCode::NoTextLayer => "no_text_layer",
            WarningCode::Undated => "undated",
            WarningCode::Duplicate => "duplicate",
            WarningCode::CannotInclude => "cannot_include",
            WarningCode::LateEvidence => "late_evidence",
        }
    }
}

/// One pre-flight finding, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BundleWarning {
    pub code: WarningCode,
    pub message: String,
    /// The section letter it is about, if any.
    pub section: Option<String>,
    pub document_id: Option<String>,
}

/// A document placed in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PlannedDocument {
    pub document: BundleDocument,
    /// Its tab in the index, such as `B3`.
    pub tab: String,
    pub first_page: u32,
    pub last_page: u32,
    /// Blank pages inserted just before it (print edition).
    pub blanks_before: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PlannedSection {
    pub letter: String,
    pub title: String,
    pub budget: Option<u32>,
    /// The divider page (the section's first page).
    pub first_page: u32,
    pub last_page: u32,
    /// Pages of its documents, which is what a budget counts.
    pub document_pages: u32,
    pub over_budget_by: Option<u32>,
    /// Blank pages inserted just before the divider (print edition).
    pub blanks_before: u32,
    pub documents: Vec<PlannedDocument>,
    /// Late additions (see [`SectionInput::late`]).
    #[serde(default)]
    pub late: bool,
}

/// The plan: every page accounted for before anything is built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BundlePlan {
    pub kind: PackKind,
    pub title: String,
    pub subtitle: Option<String>,
    pub cover_lines: Vec<(String, String)>,
    pub appeal_type: Option<AppealType>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub hearing: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub today: NaiveDate,
    pub options: BundleOptions,
    pub index_first_page: u32,
    pub index_pages: u32,
    pub sections: Vec<PlannedSection>,
    pub manifest_first_page: u32,
    pub manifest_pages: u32,
    pub total_pages: u32,
    /// Every blank page, by number (print edition).
    pub blank_pages: Vec<u32>,
    /// SHA-256 over the sources, their order and their pages: the same plan always has the same
    /// fingerprint. Shown shortened on the index and the manifest.
    pub fingerprint: String,
    pub warnings: Vec<BundleWarning>,
    /// Documents left out, with the reason (also in `warnings`).
    pub excluded: Vec<BundleDocument>,
}

/// A source's content, fetched when building.
#[derive(Clone)]
pub enum SourceContent {
    Pdf(Vec<u8>),
    Jpeg { bytes: Vec<u8>, rotate_degrees: u16 },
    Png { bytes: Vec<u8>, rotate_degrees: u16 },
    Text(TextDocument),
}

impl std::fmt::Debug for SourceContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceContent::Pdf(b) => write!(f, "Pdf({} bytes)", b.len()),
            SourceContent::Jpeg { bytes, .. } => write!(f, "Jpeg({} bytes)", bytes.len()),
            SourceContent::Png { bytes, .. } => write!(f, "Png({} bytes)", bytes.len()),
            SourceContent::Text(t) => write!(f, "Text({:?})", t.title),
        }
    }
}

/// Fetches a document's content for the build.
pub trait DocumentLoader {
    fn load(&self, document: &BundleDocument) -> crate::Result<SourceContent>;
}

/// `14 Nov 2025` (the one copy is `deadlines::format_uk`).
pub(crate) use crate::deadlines::format_uk as british;
