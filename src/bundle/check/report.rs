//! What a bundle check finds, in data: the occurrences become `found`, `duplicates` and
//! `partial`; the documents never seen become `missing`; pages with no words and no match
//! become `unreadable`. Page numbers are the bundle PDF's own, from 1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::budgets::SectionBudget;
use super::index::IndexProblem;
use super::matching::Occurrence;

/// A document of the family's evidence, by id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CheckedDocument {
    pub document: String,
    pub title: String,
}

/// One occurrence of a document in the bundle: its first and last page there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct FoundDocument {
    pub document: String,
    pub title: String,
    pub pages: [u32; 2],
}

/// A document that is in the bundle more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DuplicateDocument {
    pub document: String,
    pub title: String,
    /// Each occurrence's first and last page in the bundle.
    pub occurrences: Vec<[u32; 2]>,
}

/// An occurrence with some of the document's pages left out, or its pages out of order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PartialDocument {
    pub document: String,
    pub title: String,
    pub pages: [u32; 2],
    /// The document's own page numbers (from 1) that are not in this occurrence.
    pub missing_pages: Vec<u32>,
    /// The document's page numbers in the order the bundle has them, when that is not 1, 2, 3…
    pub order: Option<Vec<u32>>,
}

/// An occurrence of a document the vault holds a newer version of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct OutdatedDocument {
    pub document: String,
    pub title: String,
    pub pages: [u32; 2],
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    /// The newest version in the vault.
    pub newer: String,
    pub newer_title: String,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub newer_dated: Option<NaiveDate>,
}

/// The whole check. Page numbers are the bundle PDF's, from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BundleCheck {
    /// Pages in the bundle.
    pub pages: u32,
    /// How many of the family's documents were looked for.
    pub checked: u32,
    /// One entry per occurrence, in bundle order.
    pub found: Vec<FoundDocument>,
    /// Documents with text that are nowhere in the bundle.
    pub missing: Vec<CheckedDocument>,
    pub duplicates: Vec<DuplicateDocument>,
    /// Old versions: documents found in the bundle that the vault holds a newer version of.
    pub outdated: Vec<OutdatedDocument>,
    pub partial: Vec<PartialDocument>,
    /// Bundle pages with no words that match nothing.
    pub unreadable: Vec<u32>,
    /// Bundle pages with words that are none of the family's documents (the LA's own papers,
    /// its index, other parties' evidence).
    pub other_pages: Vec<u32>,
    /// Documents with no text to look for (a photo not yet read by OCR, say): not checked.
    pub not_checked: Vec<CheckedDocument>,
    /// Entries of the bundle's own index whose page number is wrong.
    pub index: Vec<IndexProblem>,
    /// The Practice Direction's page limits, section by section (when an appeal type is given).
    pub budgets: Vec<SectionBudget>,
}

/// A document looked for: its id, title and whether any of its pages has text.
pub(crate) struct Sought {
    pub id: String,
    pub title: String,
    pub has_text: bool,
    /// Expected in the bundle (an old version looked for only to be recognised is not).
    pub expected: bool,
}

impl Sought {
    fn named(&self) -> CheckedDocument {
        CheckedDocument { document: self.id.clone(), title: self.title.clone() }
    }
}

fn span(occ: &Occurrence) -> [u32; 2] {
    [occ.first as u32 + 1, occ.last as u32 + 1]
}

/// Everything but the index check. `page_counts[d]` is document `d`'s number of pages.
pub(crate) fn assemble(
    sought: &[Sought],
    page_counts: &[usize],
    occurrences: &[Occurrence],
    bundle_has_words: &[bool],
) -> BundleCheck {
    let found = occurrences
        .iter()
        .map(|o| FoundDocument {
            document: sought[o.document].id.clone(),
            title: sought[o.document].title.clone(),
            pages: span(o),
        })
        .collect();

    let mut duplicates = Vec::new();
    let mut missing = Vec::new();
    let mut not_checked = Vec::new();
    for (d, doc) in sought.iter().enumerate() {
        let spans: Vec<[u32; 2]> =
            occurrences.iter().filter(|o| o.document == d).map(span).collect();
        if !doc.expected && spans.is_empty() {
            continue;
        }
        if !doc.has_text {
            not_checked.push(doc.named());
        } else if spans.is_empty() {
            missing.push(doc.named());
        } else if spans.len() > 1 {
            duplicates.push(DuplicateDocument {
                document: doc.id.clone(),
                title: doc.title.clone(),
                occurrences: spans,
            });
        }
    }

    let partial = occurrences
        .iter()
        .filter_map(|o| {
            let count = page_counts[o.document];
            let missing_pages: Vec<u32> =
                (0..count).filter(|p| !o.pages.contains(p)).map(|p| p as u32 + 1).collect();
            let in_order = o.pages.windows(2).all(|w| w[0] < w[1]);
            (!missing_pages.is_empty() || !in_order).then(|| PartialDocument {
                document: sought[o.document].id.clone(),
                title: sought[o.document].title.clone(),
                pages: span(o),
                missing_pages,
                order: (!in_order).then(|| o.pages.iter().map(|p| *p as u32 + 1).collect()),
            })
        })
        .collect();

    let mut covered = vec![false; bundle_has_words.len()];
    for o in occurrences {
        covered[o.first..=o.last].iter_mut().for_each(|c| *c = true);
    }
    let loose = |words: bool| -> Vec<u32> {
        (0..covered.len())
            .filter(|&b| !covered[b] && bundle_has_words[b] == words)
            .map(|b| b as u32 + 1)
            .collect()
    };

    BundleCheck {
        pages: bundle_has_words.len() as u32,
        checked: sought.len() as u32,
        found,
        missing,
        duplicates,
        outdated: Vec::new(),
        partial,
        unreadable: loose(false),
        other_pages: loose(true),
        not_checked,
        index: Vec::new(),
        budgets: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sought(id: &str, has_text: bool) -> Sought {
        Sought { id: id.into(), title: id.to_uppercase(), has_text, expected: true }
    }

    #[test]
    fn pages_left_out_or_swapped_make_an_occurrence_partial() {
        let docs = [sought("a", true), sought("b", true), sought("c", false), sought("d", true)];
        let occ = vec![
            Occurrence { document: 0, first: 0, last: 1, pages: vec![0, 2] },
            Occurrence { document: 1, first: 3, last: 4, pages: vec![1, 0] },
        ];
        let check = assemble(&docs, &[3, 2, 1, 1], &occ, &[true, true, false, true, true, true]);
        assert_eq!(check.partial.len(), 2);
        assert_eq!(check.partial[0].missing_pages, vec![2]);
        assert_eq!(check.partial[0].order, None);
        assert_eq!(check.partial[1].missing_pages, Vec::<u32>::new());
        assert_eq!(check.partial[1].order, Some(vec![2, 1]));
        assert_eq!(check.unreadable, vec![3]);
        assert_eq!(check.other_pages, vec![6]);
        assert_eq!(check.missing, vec![docs[3].named()]);
        assert_eq!(check.not_checked, vec![docs[2].named()]);
        assert!(check.duplicates.is_empty());
    }
}
