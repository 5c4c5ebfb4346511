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

mod fingerprints;
mod index;
mod matching;
mod report;

use std::collections::HashSet;

use crate::documents::{self, Document, DocumentFilter};
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

use super::{get_pack, BuildProgress};
use fingerprints::{fingerprint, Fingerprint};
use report::Sought;

pub use index::IndexProblem;
pub use report::{BundleCheck, CheckedDocument, DuplicateDocument, FoundDocument, PartialDocument};

/// What to check the bundle against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The child whose documents are looked for.
    pub child_id: String,
    /// Look only for the documents of this saved pack (else every document of the child).
    pub pack_id: Option<String>,
    /// The bundle's file name, for messages (default "The bundle").
    pub file_name: Option<String>,
}

/// The documents to look for: the saved pack's (in its order), or every document of the child.
fn sought_documents(vault: &Vault, options: &CheckOptions) -> Result<Vec<Document>> {
    record::get_child(vault, &options.child_id)?;
    let all = documents::list_documents(
        vault,
        &DocumentFilter { child_id: Some(options.child_id.clone()), ..DocumentFilter::default() },
    )?;
    let Some(pack_id) = &options.pack_id else { return Ok(all) };
    let pack = get_pack(vault, pack_id)?;
    if pack.child_id != options.child_id {
        return Err(Error::InvalidInput(format!(
            "The saved pack {pack_id} is for another child. Give that child's id with --child, or \
             another pack (`carefile bundle list --child {}` shows this child's).",
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
        return Ok(all);
    }
    ids.into_iter().map(|id| documents::get_document(vault, id)).collect()
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
    let docs = sought_documents(vault, options)?;
    let total = docs.len() as u32 + 2;
    progress(BuildProgress { done: 0, total, step: format!("Reading the pages of {name}") });
    let texts = documents::read_page_texts(&name, pdf)?;

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
        .map(|(d, p)| Sought {
            id: d.id.clone(),
            title: d.title.clone(),
            has_text: p.iter().any(|f| !f.is_empty()),
        })
        .collect();
    let counts: Vec<usize> = prints.iter().map(Vec::len).collect();
    let has_words: Vec<bool> = texts.iter().map(|t| documents::has_words(t)).collect();
    let mut check = report::assemble(&sought, &counts, &occurrences, &has_words);

    let titles: Vec<(String, String)> =
        docs.iter().map(|d| (d.id.clone(), d.title.clone())).collect();
    let other = check.other_pages.iter().map(|&p| (p, texts[p as usize - 1].as_str()));
    check.index = index::check_index(other, &titles, &check.found);
    progress(BuildProgress { done: total, total, step: "Done".into() });
    Ok(check)
}
