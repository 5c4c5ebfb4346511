//! The tribunal working document: the plan's wording in the sections under appeal (B, F and I, and
//! any the family adds), one row per need, provision item, outcome, placement line or paragraph,
//! with the family's proposal, the LA's proposal, agreed wording, a status and the evidence each
//! side relies on; kept as numbered, dated versions (one per exchange) and exported as `.docx` and
//! PDF in the Tribunal's key (send-law.md 3.2: bold for the parents, italic for the LA, underline
//! and strikethrough for what both agree; no tracked changes, no comments; evidence as footnotes).
//!
//! This module owns the tables of `migrations/0050_workdoc.sql` and nothing else: plans are read
//! through `record`'s functions and evidence through `documents`'. It never changes a version once
//! it has been sent (exported) or received (imported); the database refuses too.
//!
//! The files, one job each: `rows.rs` makes the rows from a plan version and cites evidence,
//! `versions.rs` stores and edits versions and compares two, `markup.rs` works out the key from
//! word-level differences, `docx.rs` and `pdf.rs` export, `export.rs` sends (writes and keeps),
//! `import.rs` reads a `.docx` back.

mod docx;
mod export;
mod import;
mod markup;
mod pdf;
mod rows;
mod versions;

pub use docx::export_docx;
pub use export::{send_workdoc, ExportFormat, WorkdocSent};
pub(crate) use import::fuzz_read_docx;
pub use import::{import_docx, ImportedWorkdoc};
pub use markup::{mark_up, Mark, MarkedRun};
pub use pdf::{export_pdf, WorkdocPdf, PAGE_LIMIT};
pub use rows::{cite, create_workdoc, rows_moved, NewWorkdoc, RowMoved};
pub use versions::{
    agree, compare_workdoc_versions, freeze_version, get_workdoc, latest_for_child, list_workdocs,
    propose, EvidenceInput, RowChange, VersionComparison,
};

use serde::{Deserialize, Serialize};

use crate::record::{text_enum, Section};

text_enum! {
    /// Where a row stands between the two sides.
    pub enum RowStatus ("row status") {
        NotDiscussed = "not_discussed",
        Disputed = "disputed",
        Agreed = "agreed",
    }
}

text_enum! {
    /// What part of the plan a row copies.
    pub enum RowKind ("kind of row") {
        Need = "need",
        Provision = "provision",
        Outcome = "outcome",
        Placement = "placement",
        Text = "text",
    }
}

text_enum! {
    /// Who proposed a wording.
    pub enum Party ("party") {
        Parent = "parent",
        La = "la",
    }
}

text_enum! {
    /// How a version came to be.
    pub enum VersionOrigin ("version origin") {
        Created = "created",
        Edited = "edited",
        Imported = "imported",
    }
}

/// One piece of evidence a side relies on for its proposal: a document in the vault, and where in
/// it. `citation` is the footnote text, made from the document's author, title and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRef {
    pub by: Party,
    pub document_id: String,
    pub page: Option<u32>,
    pub paragraph: Option<u32>,
    pub citation: String,
}

/// What the provision check found in a row's original wording: offered as a point to dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RowFlag {
    pub phrase: String,
    pub message: String,
}

/// One row of the working document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WorkdocRow {
    /// 1, 2, 3… in the order of the plan.
    pub row: u32,
    pub section: Section,
    pub kind: RowKind,
    /// The need, provision item or outcome this row copies (stable across plan versions).
    pub item_id: Option<String>,
    /// A heading such as the area of need.
    pub label: Option<String>,
    /// The plan's wording.
    pub original: String,
    pub family: Option<String>,
    pub la: Option<String>,
    pub agreed: Option<String>,
    pub status: RowStatus,
    pub evidence: Vec<EvidenceRef>,
    pub flags: Vec<RowFlag>,
    /// The wording in the Tribunal's key, as it will print (worked out, never stored).
    #[serde(default)]
    pub markup: Vec<MarkedRun>,
}

/// Wording in an imported file that matched no row: shown for the family to place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct UnplacedWording {
    /// The wording with both sides' deletions kept and additions left out.
    pub original: String,
    pub family: Option<String>,
    pub la: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WorkdocVersionSummary {
    pub number: i64,
    /// ISO 8601 date of the exchange.
    pub dated: String,
    pub origin: VersionOrigin,
    /// Sent or received: kept exactly as it was.
    pub frozen: bool,
    pub note: Option<String>,
}

/// A working document at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Workdoc {
    pub id: String,
    pub child_id: String,
    pub plan_id: String,
    /// The plan version the original wording was taken from.
    pub plan_version: i64,
    pub sections: Vec<Section>,
    pub version: WorkdocVersionSummary,
    /// Every version, first to newest.
    pub versions: Vec<WorkdocVersionSummary>,
    pub rows: Vec<WorkdocRow>,
    pub unplaced: Vec<UnplacedWording>,
}

/// A line in the list of a child's working documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WorkdocSummary {
    pub id: String,
    pub plan_id: String,
    pub plan_version: i64,
    pub sections: Vec<Section>,
    pub latest: WorkdocVersionSummary,
    pub rows: u32,
    pub disputed: u32,
    pub agreed: u32,
    pub created: String,
}

/// The wording a proposal is about, as one string of words: whitespace runs collapse to one space.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
