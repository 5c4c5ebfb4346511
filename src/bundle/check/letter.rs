//! Acting on a bundle check: a letter to the LA listing what is missing, out of date, in twice,
//! incomplete, unreadable or wrongly indexed, with the page numbers (send-law.md §3.1: report gaps
//! to the LA and the Tribunal at once); and, when the family's own evidence is over its page limit,
//! a draft request for change (form SEND7) naming the pages and the reason. Both are
//! `milestones::Letter`s, so they print, paste and join the contact log like the late letters.

use chrono::NaiveDate;

use super::report::BundleCheck;
use crate::deadlines::format_uk;
use crate::error::{Error, Result};
use crate::milestones::{Letter, LetterKind};
use crate::record;
use crate::vault::Vault;

/// Who writes, about which bundle, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLetterOptions {
    pub child_id: String,
    /// The bundle's file name as the family received it.
    pub file_name: String,
    pub dated: NaiveDate,
    /// The family's name to sign with ("[Your name]" when not given).
    pub from_name: Option<String>,
}

fn span(p: [u32; 2]) -> String {
    if p[0] == p[1] {
        format!("page {}", p[0])
    } else {
        format!("pages {}\u{2013}{}", p[0], p[1])
    }
}

fn numbers(n: &[u32]) -> String {
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

fn bullet(lines: Vec<String>) -> String {
    lines.into_iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n")
}

/// What the check found wrong, as the letter's paragraphs (empty when nothing is).
fn problems(check: &BundleCheck) -> Vec<String> {
    let mut out = Vec::new();
    if !check.missing.is_empty() {
        out.push(format!(
            "These documents I sent are not in the bundle at all:\n\n{}",
            bullet(check.missing.iter().map(|m| m.title.clone()).collect())
        ));
    }
    if !check.outdated.is_empty() {
        out.push(format!(
            "These are old versions. The current version should be in the bundle instead:\n\n{}",
            bullet(
                check
                    .outdated
                    .iter()
                    .map(|o| {
                        let dated = |d: Option<NaiveDate>| {
                            d.map(|d| format!(" dated {}", format_uk(d))).unwrap_or_default()
                        };
                        format!(
                            "{}{} at {}: the current version is \u{201c}{}\u{201d}{}",
                            o.title,
                            dated(o.dated),
                            span(o.pages),
                            o.newer_title,
                            dated(o.newer_dated)
                        )
                    })
                    .collect()
            )
        ));
    }
    if !check.partial.is_empty() {
        out.push(format!(
            "These documents are incomplete or their pages are out of order:\n\n{}",
            bullet(
                check
                    .partial
                    .iter()
                    .map(|p| {
                        let mut line = format!("{} at {}", p.title, span(p.pages));
                        if !p.missing_pages.is_empty() {
                            line.push_str(&format!(
                                ": its page(s) {} are missing",
                                numbers(&p.missing_pages)
                            ));
                        }
                        if let Some(order) = &p.order {
                            line.push_str(&format!(
                                ": its pages are in the order {}",
                                numbers(order)
                            ));
                        }
                        line
                    })
                    .collect()
            )
        ));
    }
    if !check.duplicates.is_empty() {
        out.push(format!(
            "These documents are in the bundle more than once, which uses up pages:\n\n{}",
            bullet(
                check
                    .duplicates
                    .iter()
                    .map(|d| {
                        let at: Vec<String> = d.occurrences.iter().map(|s| span(*s)).collect();
                        format!("{} at {}", d.title, at.join(" and "))
                    })
                    .collect()
            )
        ));
    }
    if !check.unreadable.is_empty() {
        out.push(format!(
            "These pages have no readable text and I cannot tell what they are: {}. Please \
             replace them with legible copies.",
            numbers(&check.unreadable)
        ));
    }
    if !check.index.is_empty() {
        out.push(format!(
            "The index gives the wrong page for:\n\n{}",
            bullet(
                check
                    .index
                    .iter()
                    .map(|i| {
                        let at: Vec<String> = i.actual.iter().map(|s| span(*s)).collect();
                        format!(
                            "\u{201c}{}\u{201d}: the index says page {}, but it is at {}",
                            i.entry,
                            i.listed,
                            at.join(" and ")
                        )
                    })
                    .collect()
            )
        ));
    }
    let over: Vec<String> = check
        .budgets
        .iter()
        .filter(|b| b.over() > 0)
        .map(|b| {
            format!(
                "{}: {} pages, {} more than the limit of {}",
                b.section,
                b.pages,
                b.over(),
                b.limit
            )
        })
        .collect();
    if !over.is_empty() {
        out.push(format!(
            "These sections are over the page limits of the 2025 Practice Direction:\n\n{}",
            bullet(over)
        ));
    }
    out
}

/// A letter about the bundle, relying on the Practice Direction rather than a deadline.
fn bundle_letter(child_id: String, subject: String, dated: NaiveDate, text: String) -> Letter {
    Letter {
        kind: LetterKind::BundleProblems,
        child_id,
        deadline_id: None,
        subject,
        regulation: "the Practice Direction on bundles of 22 April 2025".to_string(),
        trigger_date: None,
        due: None,
        days_overdue: None,
        dated,
        text,
    }
}

fn signer(options: &CheckLetterOptions) -> &str {
    options.from_name.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("[Your name]")
}

/// The letter to the LA about what the check found, or an error saying there is nothing to write.
pub fn check_letter(
    vault: &Vault,
    check: &BundleCheck,
    options: &CheckLetterOptions,
) -> Result<Letter> {
    let child = record::get_child(vault, &options.child_id)?;
    let found = problems(check);
    if found.is_empty() {
        return Err(Error::invalid(
            "The check found nothing wrong with the bundle, so there is nothing for a letter to \
             ask the local authority to put right.",
        ));
    }
    let to = child
        .local_authority
        .as_deref()
        .map(|la| format!("The SEND team, {la}"))
        .unwrap_or_else(|| "The SEND team, [your local authority]".to_string());
    let subject = format!("Problems in the tribunal bundle for {}", child.name);
    let mut paragraphs = vec![format!(
        "I have checked the tribunal bundle you sent me for {}'s appeal ({}, {} pages) page by \
         page against the documents I hold. I found the problems below; page numbers are the \
         bundle's own PDF pages.",
        child.name, options.file_name, check.pages
    )];
    paragraphs.extend(found);
    paragraphs.push(
        "Please send me a corrected bundle, and confirm that the Tribunal has it, within 5 working \
         days of this letter. I am sending a copy of this letter to the Tribunal."
            .to_string(),
    );
    let text = format!(
        "{}\n\nTo: {to}\nAbout: {}, born {}\nSubject: {subject}\n\nDear SEND team,\n\n{}\n\nYours \
         sincerely,\n\n{}\n",
        format_uk(options.dated),
        child.name,
        format_uk(child.dob),
        paragraphs.join("\n\n"),
        signer(options)
    );
    Ok(bundle_letter(child.id, subject, options.dated, text))
}

/// A draft request for change (form SEND7) for more pages, when the family's own evidence is over
/// its limit: the pages, the limit and why. The family copies it into the Tribunal's form.
pub fn send7_draft(
    vault: &Vault,
    check: &BundleCheck,
    options: &CheckLetterOptions,
) -> Result<Letter> {
    let child = record::get_child(vault, &options.child_id)?;
    let Some(over) =
        check.budgets.iter().find(|b| b.section.starts_with("Parent's evidence") && b.over() > 0)
    else {
        return Err(Error::invalid(
            "Your evidence is within its page limit (or the check had no appeal type to measure \
             it against: give one with --appeal-type), so there is no request for more pages to \
             draft.",
        ));
    };
    let ranges: Vec<String> = over.ranges.iter().map(|r| span(*r)).collect();
    let subject = format!("Request for change (SEND7): more evidence pages for {}", child.name);
    let text = format!(
        "{dated}\n\nTo: The First-tier Tribunal (Special Educational Needs and Disability), and \
         the local authority\nAbout: {name}, born {dob}\nSubject: {subject}\n\nWhat I am asking \
         for\n\nPermission to include {pages} pages of evidence from the parent, {more} more than \
         the limit of {limit} pages in the Practice Direction on bundles of 22 April 2025.\n\nThe \
         pages\n\nIn the bundle ({file}), the parent's evidence is at {ranges}.\n\nWhy it is \
         needed\n\n[Say why each long document is needed: for example, that the expert reports \
         are the only evidence of the provision {name} needs, and that they cannot be shortened \
         without losing it.]\n\nThe local authority was asked first, on [date], and replied: \
         [its answer, or that it did not reply within 5 days].\n\n{sign}\n",
        dated = format_uk(options.dated),
        name = child.name,
        dob = format_uk(child.dob),
        pages = over.pages,
        more = over.over(),
        limit = over.limit,
        file = options.file_name,
        ranges = ranges.join(", "),
        sign = signer(options),
    );
    Ok(bundle_letter(child.id, subject, options.dated, text))
}
