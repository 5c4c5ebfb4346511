//! Late additions: re-issuing a pack with new documents appended after every earlier page, so the
//! page references people have already made (in a position statement, a working document, a
//! letter) stay true.
//!
//! The re-issue starts from the plan of the issue it extends, not from today's record: its
//! sections, documents, titles and page counts are taken as they were issued. The new documents go
//! into one new section at the end with its own divider, which lists them (a supplementary index;
//! the index itself gives the section one line when that fits on its last page); the manifest
//! moves to the very end and covers everything. Only the manifest's old pages change, and the
//! cover and index say what was added.

use chrono::NaiveDate;

use super::plan::inputs_of;
use super::templates::letter_for;
use super::{
    british, plan_bundle, BundleDocument, BundlePlan, DocumentOrder, Pack, SectionInput,
    SectionSpec,
};
use crate::error::{Error, Result};

/// The plan of a re-issue: `previous` as it was issued, then `additions` in a new late section.
pub fn reissue_plan(
    previous: &BundlePlan,
    additions: Vec<BundleDocument>,
    today: NaiveDate,
) -> Result<BundlePlan> {
    if additions.is_empty() {
        return Err(Error::invalid(
            "Choose at least one document to add: a re-issue only appends documents.",
        ));
    }
    if additions.iter().all(|a| a.problem.is_some()) {
        let why: Vec<String> = additions
            .iter()
            .map(|a| format!("\u{201c}{}\u{201d}: {}", a.title, a.problem.as_deref().unwrap_or("")))
            .collect();
        return Err(Error::invalid(format!(
            "None of these can go into the bundle, so there is nothing to re-issue with. {}",
            why.join("; ")
        )));
    }
    for a in &additions {
        let placed = previous
            .sections
            .iter()
            .flat_map(|s| &s.documents)
            .find(|d| d.document.id == a.id)
            .map(|d| format!("at {} (pages {}\u{2013}{})", d.tab, d.first_page, d.last_page));
        let left_out = previous
            .excluded
            .iter()
            .any(|d| d.id == a.id)
            .then(|| "in its list of documents left out".to_string());
        if let Some(where_) = placed.or(left_out) {
            return Err(Error::invalid(format!(
                "\u{201c}{}\u{201d} is already in this bundle {where_}. Only documents that are not in it yet can be added.",
                a.title
            )));
        }
    }

    // Every section, document and left-out document of the earlier issue, as it was issued.
    let mut sections = inputs_of(previous);
    let letter = (sections.len()..)
        .map(letter_for)
        .find(|l| sections.iter().all(|s| &s.spec.letter != l))
        .unwrap_or_else(|| "Z".into());
    let mut cover_lines = previous.cover_lines.clone();
    if !cover_lines.iter().any(|(k, _)| k == "First issued") {
        cover_lines.push(("First issued".into(), british(previous.today)));
    }
    cover_lines.push(("Re-issued".into(), format!("{}, adding section {letter}", british(today))));
    sections.push(SectionInput {
        spec: SectionSpec {
            letter,
            title: format!("Late additions, {}", british(today)),
            budget: None,
            kinds: vec![],
            extract: None,
        },
        documents: additions,
        order: DocumentOrder::Chronological,
        late: true,
    });
    let pack = Pack {
        kind: previous.kind,
        title: previous.title.clone(),
        subtitle: previous.subtitle.clone(),
        cover_lines,
        appeal_type: previous.appeal_type,
        hearing: previous.hearing,
        today,
        sections,
    };
    let plan = plan_bundle(&pack, &previous.options);
    unchanged_pages(previous, &plan)?;
    Ok(plan)
}

/// Checks that every section and document of `previous` sits on the same pages in `next`: the
/// promise a re-issue makes. Also used after building, where page counts are read from the files.
pub fn unchanged_pages(previous: &BundlePlan, next: &BundlePlan) -> Result<()> {
    let moved = |what: &str| {
        Error::Internal(format!(
            "{what} would move in the re-issue, so earlier page references would break; nothing was written"
        ))
    };
    if next.index_first_page != previous.index_first_page
        || next.index_pages != previous.index_pages
    {
        return Err(moved("The index"));
    }
    for (before, after) in previous.sections.iter().zip(&next.sections) {
        if before.first_page != after.first_page || before.last_page != after.last_page {
            return Err(moved(&format!("Section {}", before.letter)));
        }
        for (b, a) in before.documents.iter().zip(&after.documents) {
            if b.document.id != a.document.id
                || b.first_page != a.first_page
                || b.last_page != a.last_page
            {
                return Err(moved(&format!("\u{201c}{}\u{201d}", b.document.title)));
            }
        }
        if before.documents.len() != after.documents.len() {
            return Err(moved(&format!("Section {}", before.letter)));
        }
    }
    if next.sections.len() <= previous.sections.len() {
        return Err(moved("A section"));
    }
    Ok(())
}
