//! Checking a bundle the LA sent: which of the family's documents are in it and where, which are
//! missing, in twice, cut short or out of order, which pages cannot be read, and whether the
//! bundle's own index points to the right pages (send-law.md §3.1: families are told to check
//! every page and report gaps at once).
//!
//! Pages are matched by content, never by bytes: the LA re-stamps and re-saves every page. The
//! bundle's page texts come from the documents module's contained PDF engine (nothing is
//! stored); the family's documents and their page texts through its public functions.
//! `fingerprints` makes a page's shingle hashes, `matching` finds each bundle page's document
//! page and the runs of them, `report` and `index` say what that means.

mod budgets;
mod fingerprints;
mod index;
mod letter;
mod matching;
mod report;

use std::collections::HashSet;

use crate::documents::{self, Document, DocumentFilter};
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

use super::templates::AppealType;
use super::{get_pack, BuildProgress};
use fingerprints::{fingerprint, Fingerprint};
use report::Sought;

pub use budgets::{BudgetSource, SectionBudget};
pub use index::IndexProblem;
pub use letter::{check_letter, send7_draft, CheckLetterOptions};
pub use report::{
    BundleCheck, CheckedDocument, DuplicateDocument, FoundDocument, OutdatedDocument,
    PartialDocument,
};

/// What to check the bundle against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The child whose documents are looked for.
    pub child_id: String,
    /// Look only for the documents of this saved pack (else every document of the child).
    pub pack_id: Option<String>,
    /// The bundle's file name, for messages (default "The bundle").
    pub file_name: Option<String>,
    /// Check the Practice Direction's page limits for this kind of appeal.
    pub appeal_type: Option<AppealType>,
    /// Leave out OCR of the bundle's pages that have no text (it takes seconds a page).
    pub no_ocr: bool,
}

/// The documents to look for, each with whether it is expected in the bundle: the saved pack's
/// (in its order), or every document of the child; plus the older versions of those, which are
/// looked for only to say they are out of date (and are not expected themselves).
fn sought_documents(vault: &Vault, options: &CheckOptions) -> Result<Vec<(Document, bool)>> {
    record::get_child(vault, &options.child_id)?;
    let all = documents::list_documents(
        vault,
        &DocumentFilter { child_id: Some(options.child_id.clone()), ..DocumentFilter::default() },
    )?;
    let newest = documents::newest_versions(vault)?;
    let mut expected: Vec<Document> = match &options.pack_id {
        None => all.clone(),
        Some(pack_id) => {
            let pack = get_pack(vault, pack_id)?;
            if pack.child_id != options.child_id {
                return Err(Error::InvalidInput(format!(
                    "The saved pack {pack_id} is for another child. Give that child's id with \
                     --child, or another pack (`carefile bundle list --child {}` shows this \
                     child's).",
                    options.child_id
                )));
            }
            let mut seen = HashSet::new();
            let ids: Vec<&String> = pack
                .request
                .sections
                .iter()
                .flat_map(|s| &s.document_ids)
                .filter(|id| seen.insert(id.as_str()))
                .collect();
            if ids.is_empty() {
                // The pack takes the template's documents: all of the child's.
                all.clone()
            } else {
                ids.into_iter()
                    .map(|id| documents::get_document(vault, id))
                    .collect::<Result<_>>()?
            }
        }
    };
    // An old version is not expected when its newest version is among the documents.
    let wanted: HashSet<String> = expected.iter().map(|d| d.id.clone()).collect();
    let superseded =
        |d: &Document| newest.get(&d.id).is_some_and(|n| n != &d.id && wanted.contains(n));
    let mut out: Vec<(Document, bool)> = Vec::new();
    for d in expected.drain(..) {
        let e = !superseded(&d);
        out.push((d, e));
    }
    // Older versions of what is expected, to be recognised if the LA used one of them.
    for d in all {
        if !wanted.contains(&d.id) && newest.get(&d.id).is_some_and(|n| wanted.contains(n)) {
            out.push((d, false));
        }
    }
    Ok(out)
}

/// Every occurrence of a document the vault holds a newer version of, with that version.
fn outdated(vault: &Vault, found: &[FoundDocument]) -> Result<Vec<OutdatedDocument>> {
    let newest = documents::newest_versions(vault)?;
    let mut out = Vec::new();
    for f in found {
        let Some(newer) = newest.get(&f.document).filter(|n| **n != f.document) else { continue };
        let newer = documents::get_document(vault, newer)?;
        let dated = |d: &Document| d.dated;
        out.push(OutdatedDocument {
            document: f.document.clone(),
            title: f.title.clone(),
            pages: f.pages,
            dated: dated(&documents::get_document(vault, &f.document)?),
            newer: newer.id.clone(),
            newer_title: newer.title.clone(),
            newer_dated: newer.dated,
        });
    }
    Ok(out)
}

/// Each page's fingerprint of one document (empty for a page with no text).
fn document_prints(vault: &Vault, doc: &Document) -> Result<Vec<Fingerprint>> {
    documents::document_pages(vault, &doc.id)?
        .iter()
        .map(|p| {
            Ok(if p.has_text {
                fingerprint(&documents::page_text(vault, &doc.id, p.page)?)
            } else {
                Fingerprint::new()
            })
        })
        .collect()
}

/// Checks the bundle in `pdf` against the family's documents (see the module comment). Nothing
/// in the vault changes. `progress` hears before each step and once at the end.
pub fn check_bundle(
    vault: &Vault,
    pdf: Vec<u8>,
    options: &CheckOptions,
    progress: &mut dyn FnMut(BuildProgress),
) -> Result<BundleCheck> {
    let name = options.file_name.clone().unwrap_or_else(|| "The bundle".into());
    let (docs, expected): (Vec<Document>, Vec<bool>) =
        sought_documents(vault, options)?.into_iter().unzip();
    let total = docs.len() as u32 + 2;
    progress(BuildProgress { done: 0, total, step: format!("Reading the pages of {name}") });
    let ocr = !options.no_ocr && documents::ocr_available();
    let (mut texts, kept) = if ocr {
        (documents::read_page_texts(&name, pdf.clone())?, Some(pdf))
    } else {
        (documents::read_page_texts(&name, pdf)?, None)
    };
    if let Some(pdf) = kept {
        // Scanned pages (printed and scanned, or images re-made into a PDF): read them with OCR.
        let blank: Vec<u32> = (0..texts.len())
            .filter(|&i| !documents::has_words(&texts[i]))
            .map(|i| i as u32 + 1)
            .collect();
        if !blank.is_empty() {
            let count = blank.len();
            let read = documents::ocr_pdf_pages(&pdf, &blank, &mut |i| {
                progress(BuildProgress {
                    done: 0,
                    total,
                    step: format!("Reading scanned page {} of {count} with OCR", i + 1),
                })
            });
            for (page, text) in blank.iter().zip(read) {
                if let Some(text) = text {
                    texts[*page as usize - 1] = text;
                }
            }
        }
    }

    let mut prints = Vec::with_capacity(docs.len());
    for (n, doc) in docs.iter().enumerate() {
        progress(BuildProgress {
            done: n as u32 + 1,
            total,
            step: format!("Looking for \u{201c}{}\u{201d}", doc.title),
        });
        prints.push(document_prints(vault, doc)?);
    }
    progress(BuildProgress { done: total - 1, total, step: "Matching pages".into() });
    let bundle: Vec<Fingerprint> = texts.iter().map(|t| fingerprint(t)).collect();
    let matches = matching::match_pages(&prints, &bundle);
    let occurrences = matching::occurrences(&prints, &matches);

    let sought: Vec<Sought> = docs
        .iter()
        .zip(&prints)
        .zip(&expected)
        .map(|((d, p), &expected)| Sought {
            id: d.id.clone(),
            title: d.title.clone(),
            has_text: p.iter().any(|f| !f.is_empty()),
            expected,
        })
        .collect();
    let counts: Vec<usize> = prints.iter().map(Vec::len).collect();
    let has_words: Vec<bool> = texts.iter().map(|t| documents::has_words(t)).collect();
    let mut check = report::assemble(&sought, &counts, &occurrences, &has_words);
    check.checked = expected.iter().filter(|e| **e).count() as u32;
    check.outdated = outdated(vault, &check.found)?;

    let titles: Vec<(String, String)> =
        docs.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
    let other = check.other_pages.iter().map(|&p| (p, texts[p as usize - 1].as_str()));
    check.index = index::check_index(other, &titles, &check.found);
    if let Some(appeal) = options.appeal_type {
        let other = check.other_pages.iter().map(|&p| (p, texts[p as usize - 1].as_str()));
        let kind_of = |id: &str| docs.iter().find(|d| d.id == id).map(|d| d.kind);
        check.budgets = budgets::check_budgets(appeal, check.pages, other, &check.found, &kind_of);
    }
    progress(BuildProgress { done: total, total, step: "Done".into() });
    Ok(check)
}
