//! What a list or search asks for (filters, a query) and what a search finds (hits, and where in
//! the record a record hit lives).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::DocumentKind;

/// Which documents to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentFilter {
    pub child_id: Option<String>,
    /// Only documents linked to this family's children, people, plans or correspondence.
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub family_id: Option<String>,
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
