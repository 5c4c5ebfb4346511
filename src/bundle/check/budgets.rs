//! The Practice Direction's page limits, section by section, for the appeal type (the tribunal
//! template's budgets). Where the bundle's own index names its sections ("Section C: Parent's
//! evidence .... 121"), a section runs from its page to the next section's; otherwise only the
//! family's documents found in the bundle are counted, by the section their kind belongs in.

use serde::{Deserialize, Serialize};

use super::index::entries;
use super::report::FoundDocument;
use crate::bundle::templates::{template_for, AppealType, PackKind, SectionSpec};
use crate::documents::DocumentKind;

/// How a section's pages were counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum BudgetSource {
    /// From the section headings in the bundle's index: every page of the section.
    Index,
    /// Only the family's documents found in the bundle, by their kind.
    Documents,
}

/// One section's pages against its limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SectionBudget {
    /// The template's section title, such as "Parent's evidence".
    pub section: String,
    pub limit: u32,
    pub pages: u32,
    /// The bundle pages counted: each range's first and last page.
    pub ranges: Vec<[u32; 2]>,
    pub source: BudgetSource,
}

impl SectionBudget {
    pub fn over(&self) -> u32 {
        self.pages.saturating_sub(self.limit)
    }
}

/// What a heading's words say about which template section it is.
fn section_for<'a>(heading: &str, sections: &'a [SectionSpec]) -> Option<&'a SectionSpec> {
    let h = heading.to_lowercase();
    let has = |w: &str| h.contains(w);
    let want = if has("working document") {
        "Working document"
    } else if has("parent") || has("appellant") || has("family") {
        "Parent's evidence"
    } else if has("local authority") || has("respondent") || has("la evidence") || has("la's") {
        if has("response") || has("decision") {
            "Core papers"
        } else {
            "Local authority's evidence"
        }
    } else if has("ehc plan") || has("ehcp") || has("the plan") {
        "EHC plan"
    } else if has("core") || has("appeal") || has("decision") || has("order") {
        "Core papers"
    } else {
        return None;
    };
    sections.iter().find(|s| s.title.starts_with(want))
}

/// A heading is an index line that names a section ("Section B", "B.", "Part 2") or one of the
/// template's sections.
fn is_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.starts_with("section ")
        || t.starts_with("part ")
        || t.starts_with("tab ")
        || t.as_bytes().get(1).is_some_and(|b| matches!(b, b'.' | b')' | b':'))
            && t.as_bytes()[0].is_ascii_alphabetic()
}

/// The page limits of the appeal type's sections, counted from the bundle's index headings when it
/// has them, else from the family's documents found.
pub(crate) fn check_budgets<'a>(
    appeal: AppealType,
    bundle_pages: u32,
    index_pages: impl Iterator<Item = (u32, &'a str)>,
    found: &[FoundDocument],
    kinds: &dyn Fn(&str) -> Option<DocumentKind>,
) -> Vec<SectionBudget> {
    let template = template_for(PackKind::Tribunal, Some(appeal));
    let sections: Vec<SectionSpec> =
        template.sections.into_iter().filter(|s| s.budget.is_some()).collect();

    // Headings: (start page, section), in page order.
    let mut heads: Vec<(u32, &SectionSpec)> = entries(index_pages)
        .into_iter()
        .filter(|(_, text, start)| is_heading(text) && *start >= 1 && *start <= bundle_pages)
        .filter_map(|(_, text, start)| section_for(&text, &sections).map(|s| (start, s)))
        .collect();
    heads.sort_by_key(|h| h.0);
    heads.dedup_by_key(|h| h.0);
    if !heads.is_empty() {
        let mut out: Vec<SectionBudget> = Vec::new();
        for (i, (start, spec)) in heads.iter().enumerate() {
            let end = heads.get(i + 1).map_or(bundle_pages, |n| n.0 - 1);
            if end < *start {
                continue;
            }
            let range = [*start, end];
            match out.iter_mut().find(|b| b.section == spec.title) {
                Some(b) => {
                    b.pages += end - start + 1;
                    b.ranges.push(range);
                }
                None => out.push(SectionBudget {
                    section: spec.title.clone(),
                    limit: spec.budget.unwrap_or(0),
                    pages: end - start + 1,
                    ranges: vec![range],
                    source: BudgetSource::Index,
                }),
            }
        }
        return out;
    }

    // No headings: the family's documents, by the section their kind goes in.
    let mut out: Vec<SectionBudget> = Vec::new();
    for f in found {
        let Some(kind) = kinds(&f.document) else { continue };
        let Some(spec) = sections.iter().find(|s| s.kinds.contains(&kind)) else { continue };
        let n = f.pages[1] - f.pages[0] + 1;
        match out.iter_mut().find(|b| b.section == spec.title) {
            Some(b) => {
                b.pages += n;
                b.ranges.push(f.pages);
            }
            None => out.push(SectionBudget {
                section: spec.title.clone(),
                limit: spec.budget.unwrap_or(0),
                pages: n,
                ranges: vec![f.pages],
                source: BudgetSource::Documents,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(id: &str, pages: [u32; 2]) -> FoundDocument {
        FoundDocument { document: id.into(), title: id.into(), pages }
    }

    #[test]
    fn sections_from_the_index_headings_run_to_the_next_heading() {
        let index = "INDEX\nSection A: Appeal papers and the decision ..... 2\n\
                     Section B: EHC plan .... 20\nSection C: Working document ... 60\n\
                     Section D: Parent's evidence .... 70\nSection E: Local authority evidence 190\n";
        let b = check_budgets(AppealType::Contents, 230, [(1, index)].into_iter(), &[], &|_| None);
        let got: Vec<(&str, u32, u32)> =
            b.iter().map(|s| (s.section.as_str(), s.pages, s.limit)).collect();
        assert_eq!(
            got,
            vec![
                ("Core papers: appeal, decision, response and orders", 18, 100),
                ("EHC plan and Section K appendices", 40, 150),
                ("Working document", 10, 25),
                ("Parent's evidence", 120, 100),
                ("Local authority's evidence", 41, 100),
            ]
        );
        assert_eq!(b[3].over(), 20);
        assert_eq!(b[3].ranges, vec![[70, 189]]);
        assert!(b.iter().all(|s| s.source == BudgetSource::Index));
    }

    #[test]
    fn without_headings_the_familys_documents_are_counted_by_kind() {
        let docs = [found("ep", [3, 80]), found("plan", [81, 100]), found("ep", [101, 110])];
        let kind = |id: &str| match id {
            "ep" => Some(DocumentKind::Report),
            "plan" => Some(DocumentKind::Plan),
            _ => None,
        };
        let b = check_budgets(AppealType::RefusalToAssess, 120, std::iter::empty(), &docs, &kind);
        assert_eq!(b.len(), 1, "a refusal to assess has no plan section: {b:?}");
        assert_eq!((b[0].section.as_str(), b[0].pages, b[0].limit), ("Parent's evidence", 88, 75));
        assert_eq!(b[0].over(), 13);
        assert_eq!(b[0].source, BudgetSource::Documents);
    }
}
