//! Planning: documents in order, every page numbered, budgets checked, pre-flight warnings.
//! No PDF is opened here; page counts come with the documents, and the only layout done is of
//! the index and manifest, to know how many pages they take.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use sha2::{Digest, Sha256};

use super::pages;
use super::{
    british, BundleDocument, BundleOptions, BundlePlan, BundleWarning, DocumentOrder, DocumentRole,
    Pack, PackKind, PlannedDocument, PlannedSection, SectionInput, SectionSpec, SourceFormat,
    WarningCode,
};

// PD 2025 (Education Law Advice, 21 May 2025): expert reports at most 15 A4 pages, normally no
// more than 3 years old; witness statements at most 10 A4 pages.
const EXPERT_REPORT_MAX_PAGES: u32 = 15;
const EXPERT_REPORT_MAX_AGE_MONTHS: u32 = 36;
const WITNESS_STATEMENT_MAX_PAGES: u32 = 10;

fn warn(
    code: WarningCode,
    message: String,
    section: Option<&str>,
    doc: Option<&str>,
) -> BundleWarning {
    BundleWarning {
        code,
        message,
        section: section.map(str::to_owned),
        document_id: doc.map(str::to_owned),
    }
}

fn pages_word(n: u32) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

/// Oldest first, undated last; an email's attachments straight after it.
fn ordered(docs: &[BundleDocument], order: DocumentOrder) -> Vec<BundleDocument> {
    let mut main: Vec<BundleDocument> = Vec::new();
    let mut attachments: Vec<BundleDocument> = Vec::new();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    for d in docs {
        match &d.attached_to {
            Some(parent)
                if ids.contains(&parent.as_str()) && order == DocumentOrder::Chronological =>
            {
                attachments.push(d.clone())
            }
            _ => main.push(d.clone()),
        }
    }
    if order == DocumentOrder::Chronological {
        main.sort_by(|a, b| {
            (a.dated.is_none(), a.dated, a.title.to_lowercase()).cmp(&(
                b.dated.is_none(),
                b.dated,
                b.title.to_lowercase(),
            ))
        });
    }
    let mut out = Vec::with_capacity(docs.len());
    for d in main {
        let id = d.id.clone();
        out.push(d);
        out.extend(attachments.iter().filter(|a| a.attached_to.as_deref() == Some(&id)).cloned());
    }
    out
}

fn document_warnings(
    d: &BundleDocument,
    letter: &str,
    tab: &str,
    at: NaiveDate,
    hearing: bool,
    out: &mut Vec<BundleWarning>,
) {
    let name = format!("\u{201c}{}\u{201d} ({tab})", d.title);
    let w = |code, msg: String, out: &mut Vec<BundleWarning>| {
        out.push(warn(code, msg, Some(letter), Some(&d.id)))
    };
    match d.role {
        DocumentRole::ExpertReport => {
            if d.pages > EXPERT_REPORT_MAX_PAGES {
                w(WarningCode::ExpertReportTooLong, format!(
                    "{name} is an expert report of {} pages; the Practice Direction allows {EXPERT_REPORT_MAX_PAGES}, \
                     including an executive summary of at most 2 pages. Ask the author for a shorter \
                     version, or ask the Tribunal for a request for change (form SEND7).",
                    d.pages
                ), out);
            }
            if let Some(dated) = d.dated {
                let limit = dated.checked_add_months(Months::new(EXPERT_REPORT_MAX_AGE_MONTHS));
                if limit.is_some_and(|l| l < at) {
                    let when = if hearing { "at the hearing date" } else { "today" };
                    w(
                        WarningCode::ExpertReportTooOld,
                        format!(
                        "{name} is dated {} and will be more than 3 years old {when} ({}). Expert \
                         reports should normally be no more than 3 years old: consider asking for \
                         an updated report.",
                        british(dated), british(at)
                    ),
                        out,
                    );
                }
            }
        }
        DocumentRole::WitnessStatement if d.pages > WITNESS_STATEMENT_MAX_PAGES => {
            w(WarningCode::WitnessStatementTooLong, format!(
                "{name} is a witness statement of {} pages; the limit is {WITNESS_STATEMENT_MAX_PAGES}. \
                 A longer statement needs a note explaining why.",
                d.pages
            ), out);
        }
        _ => {}
    }
    if !d.has_text_layer && matches!(d.format, SourceFormat::Pdf | SourceFormat::Image) {
        w(WarningCode::NoTextLayer, format!(
            "{name} has pages with no text layer, so it can't be searched in the bundle. Run OCR on \
             it first (Documents, then Read text)."
        ), out);
    }
    if d.dated.is_none() && d.format != SourceFormat::Generated {
        w(
            WarningCode::Undated,
            format!(
            "{name} has no date, so it is placed at the end of its section. Add the date on the \
             document so it sits in date order."
        ),
            out,
        );
    }
}

/// Lays out the pack: order, page numbers, budgets and warnings.
pub fn plan_bundle(pack: &Pack, options: &BundleOptions) -> BundlePlan {
    let at = pack.hearing.unwrap_or(pack.today);
    let mut warnings = Vec::new();
    let mut excluded = Vec::new();
    let mut sections = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for input in &pack.sections {
        let letter = input.spec.letter.clone();
        let mut documents = Vec::new();
        for d in ordered(&input.documents, input.order) {
            if let Some(why) = &d.problem {
                warnings.push(warn(
                    WarningCode::CannotInclude,
                    format!("\u{201c}{}\u{201d} can't be included: {why}", d.title),
                    Some(&letter),
                    Some(&d.id),
                ));
                excluded.push(d);
                continue;
            }
            let tab = format!("{letter}{}", documents.len() + 1);
            document_warnings(&d, &letter, &tab, at, pack.hearing.is_some(), &mut warnings);
            if let Some(first) = seen.get(&d.sha256) {
                warnings.push(warn(
                    WarningCode::Duplicate,
                    format!(
                        "\u{201c}{}\u{201d} ({tab}) is the same file as {first}. Remove one copy \
                         unless both are needed.",
                        d.title
                    ),
                    Some(&letter),
                    Some(&d.id),
                ));
            } else {
                seen.insert(d.sha256.clone(), format!("\u{201c}{}\u{201d} ({tab})", d.title));
            }
            documents.push(PlannedDocument {
                document: d,
                tab,
                first_page: 0,
                last_page: 0,
                blanks_before: 0,
            });
        }
        let document_pages: u32 = documents.iter().map(|d| d.document.pages).sum();
        let over_budget_by =
            input.spec.budget.and_then(|b| document_pages.checked_sub(b)).filter(|o| *o > 0);
        if let (Some(over), Some(budget)) = (over_budget_by, input.spec.budget) {
            warnings.push(warn(
                WarningCode::OverBudget,
                format!(
                    "Section {letter} ({}) has {} against a limit of {budget}: {} over. Take pages \
                     out, or ask the Tribunal for a request for change (form SEND7) to file more.",
                    input.spec.title,
                    pages_word(document_pages),
                    pages_word(over)
                ),
                Some(&letter),
                None,
            ));
        }
        sections.push(PlannedSection {
            letter,
            title: input.spec.title.clone(),
            budget: input.spec.budget,
            first_page: 0,
            last_page: 0,
            document_pages,
            over_budget_by,
            blanks_before: 0,
            documents,
            late: input.late,
        });
    }
    if pack.kind == PackKind::Tribunal {
        for s in sections.iter().filter(|s| s.late && !s.documents.is_empty()) {
            warnings.push(warn(
                WarningCode::LateEvidence,
                format!(
                    "Section {} ({}) holds evidence added after the bundle was issued. The Tribunal \
                     has to agree to late evidence: ask with a request for change (form SEND7), \
                     say why it is late, and send a copy to the local authority.",
                    s.letter, s.title
                ),
                Some(&s.letter),
                None,
            ));
        }
    }
    let mut plan = BundlePlan {
        kind: pack.kind,
        title: pack.title.clone(),
        subtitle: pack.subtitle.clone(),
        cover_lines: pack.cover_lines.clone(),
        appeal_type: pack.appeal_type,
        hearing: pack.hearing,
        today: pack.today,
        options: options.clone(),
        index_first_page: 0,
        index_pages: 1,
        sections,
        manifest_first_page: 0,
        manifest_pages: 1,
        total_pages: 0,
        blank_pages: Vec::new(),
        fingerprint: String::new(),
        warnings,
        excluded,
    };
    // The index and manifest only change length with the number and titles of entries, never
    // with the page numbers in them, so this settles in two rounds at most.
    for _ in 0..4 {
        number(&mut plan);
        let index_pages = pages::index(&plan).0.len() as u32;
        let manifest_pages = pages::manifest(&plan).len() as u32;
        if index_pages == plan.index_pages && manifest_pages == plan.manifest_pages {
            break;
        }
        plan.index_pages = index_pages;
        plan.manifest_pages = manifest_pages;
    }
    number(&mut plan);
    plan
}

/// A plan's sections as planning inputs again: documents in the order planned, late additions
/// still late, and the documents it left out put back in the section their warning named, so that
/// planning them again leaves them out again. For re-planning after a build and for re-issues.
pub(super) fn inputs_of(plan: &BundlePlan) -> Vec<SectionInput> {
    let mut sections: Vec<SectionInput> = plan
        .sections
        .iter()
        .map(|s| SectionInput {
            spec: SectionSpec {
                letter: s.letter.clone(),
                title: s.title.clone(),
                budget: s.budget,
                kinds: vec![],
                extract: None,
            },
            documents: s.documents.iter().map(|d| d.document.clone()).collect(),
            order: DocumentOrder::AsGiven,
            late: s.late,
        })
        .collect();
    for d in &plan.excluded {
        let letter = plan
            .warnings
            .iter()
            .find(|w| w.document_id.as_deref() == Some(&d.id))
            .and_then(|w| w.section.clone());
        let i = sections.iter().position(|s| Some(&s.spec.letter) == letter.as_ref()).unwrap_or(0);
        if let Some(s) = sections.get_mut(i) {
            s.documents.push(d.clone());
        }
    }
    sections
}

/// Gives every page its number, from the current index and manifest lengths.
fn number(plan: &mut BundlePlan) {
    let print = plan.options.print_edition;
    let mut blanks = Vec::new();
    let mut next = 2; // page 1 is the cover
                      // Each blank is numbered like any other page; returns how many were added.
    let to_odd = |next: &mut u32, blanks: &mut Vec<u32>| -> u32 {
        if print && *next % 2 == 0 {
            blanks.push(*next);
            *next += 1;
            1
        } else {
            0
        }
    };
    to_odd(&mut next, &mut blanks);
    plan.index_first_page = next;
    next += plan.index_pages;
    for s in &mut plan.sections {
        s.blanks_before = to_odd(&mut next, &mut blanks);
        s.first_page = next;
        next += 1; // the divider
        for d in &mut s.documents {
            d.blanks_before = to_odd(&mut next, &mut blanks);
            d.first_page = next;
            next += d.document.pages.max(1);
            d.last_page = next - 1;
        }
        s.last_page = next - 1;
    }
    to_odd(&mut next, &mut blanks);
    plan.manifest_first_page = next;
    next += plan.manifest_pages;
    plan.total_pages = next - 1;
    plan.blank_pages = blanks;
    plan.fingerprint = fingerprint(plan);
}

fn fingerprint(plan: &BundlePlan) -> String {
    let mut h = Sha256::new();
    h.update(b"carefile-bundle-1\n");
    h.update(plan.title.as_bytes());
    for s in &plan.sections {
        let late = if s.late { " (late)" } else { "" };
        h.update(format!("\nsection {} {}{late}\n", s.letter, s.title).as_bytes());
        for d in &s.documents {
            h.update(
                format!(
                    "{} {} {} {}-{}\n",
                    d.tab, d.document.id, d.document.sha256, d.first_page, d.last_page
                )
                .as_bytes(),
            );
        }
    }
    h.update(format!("total {}\n", plan.total_pages).as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::super::templates::{template_for, AppealType, PackKind};
    use super::super::SectionInput;
    use super::*;
    use crate::documents::DocumentKind;

    fn doc(id: &str, pages: u32, dated: Option<&str>) -> BundleDocument {
        BundleDocument {
            id: id.into(),
            title: format!("Document {id}"),
            kind: DocumentKind::Report,
            role: DocumentRole::Other,
            author: None,
            dated: dated.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            sha256: format!("{id:0>64}"),
            pages,
            has_text_layer: true,
            format: SourceFormat::Pdf,
            attached_to: None,
            problem: None,
        }
    }

    fn pack(docs: Vec<BundleDocument>) -> Pack {
        let t = template_for(PackKind::Tribunal, Some(AppealType::RefusalToAssess));
        Pack {
            kind: PackKind::Tribunal,
            title: t.title.clone(),
            subtitle: None,
            cover_lines: vec![],
            appeal_type: t.appeal_type,
            hearing: None,
            today: NaiveDate::from_ymd_opt(2025, 11, 14).unwrap(),
            sections: t
                .sections
                .into_iter()
                .enumerate()
                .map(|(i, spec)| SectionInput {
                    spec,
                    documents: if i == 1 { docs.clone() } else { vec![] },
                    order: DocumentOrder::Chronological,
                    late: false,
                })
                .collect(),
        }
    }

    #[test]
    fn documents_run_in_date_order_with_continuous_numbers() {
        let p = plan_bundle(
            &pack(vec![
                doc("b", 3, Some("2025-02-01")),
                doc("a", 2, Some("2024-01-01")),
                doc("c", 1, None),
            ]),
            &BundleOptions::default(),
        );
        let s = &p.sections[1];
        let ids: Vec<_> = s.documents.iter().map(|d| d.document.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        // cover 1, index 2, section A divider 3, section B divider 4, then documents.
        assert_eq!((s.first_page, s.documents[0].first_page, s.documents[0].last_page), (4, 5, 6));
        assert_eq!(s.documents[2].first_page, 10);
        assert_eq!(p.manifest_first_page, 12);
        assert_eq!(p.total_pages, 12);
        assert!(p.warnings.iter().any(|w| w.code == WarningCode::Undated));
    }

    #[test]
    fn print_edition_puts_every_section_and_document_on_an_odd_page() {
        let p = plan_bundle(
            &pack(vec![doc("a", 2, Some("2024-01-01")), doc("b", 3, Some("2025-02-01"))]),
            &BundleOptions { print_edition: true, ..BundleOptions::default() },
        );
        assert_eq!(p.index_first_page % 2, 1);
        for s in &p.sections {
            assert_eq!(s.first_page % 2, 1);
            for d in &s.documents {
                assert_eq!(d.first_page % 2, 1);
            }
        }
        assert_eq!(p.manifest_first_page % 2, 1);
    }

    #[test]
    fn over_budget_names_the_part_and_the_excess() {
        let p =
            plan_bundle(&pack(vec![doc("a", 80, Some("2024-01-01"))]), &BundleOptions::default());
        let w =
            p.warnings.iter().find(|w| w.code == WarningCode::OverBudget).expect("budget warning");
        assert!(
            w.message.contains("Section B") && w.message.contains("5 pages over"),
            "{}",
            w.message
        );
        assert_eq!(p.sections[1].over_budget_by, Some(5));
    }
}
