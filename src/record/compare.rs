//! Comparing two versions of a plan, section by section and word by word: "what changed between
//! the draft and the final", "what this year's amendments removed". A word-level diff (the
//! `similar` crate); needs, outcomes and provision are compared as the lines they read as.

use serde::Serialize;

use super::plans::{get_version, PlanVersion, Section, VersionSummary};
use crate::error::Result;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// A run of words that are the same in both, only in the newer, or only in the older.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DiffSegment {
    pub kind: DiffKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SectionChange {
    pub section: Section,
    pub title: String,
    pub changed: bool,
    /// The newer text, with what was removed from the older interleaved.
    pub segments: Vec<DiffSegment>,
    /// Each added word, in order.
    pub added: Vec<String>,
    /// Each removed word, in order.
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VersionComparison {
    pub from: VersionSummary,
    pub to: VersionSummary,
    /// Every section that has text in either version, in order A to K.
    pub sections: Vec<SectionChange>,
}

/// The words of `old` and `new`, marked same, removed or added, in reading order (the `similar`
/// crate's Myers diff over whitespace-separated words; a replacement reads removed, then added).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSegment> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut ops: Vec<(DiffKind, &str)> = Vec::with_capacity(a.len().max(b.len()));
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        match op.tag() {
            similar::DiffTag::Equal => {
                ops.extend(a[old_range].iter().map(|w| (DiffKind::Same, *w)))
            }
            _ => {
                ops.extend(a[old_range].iter().map(|w| (DiffKind::Removed, *w)));
                ops.extend(b[new_range].iter().map(|w| (DiffKind::Added, *w)));
            }
        }
    }

    let mut segments: Vec<DiffSegment> = Vec::new();
    for (kind, word) in ops {
        match segments.last_mut() {
            Some(last) if last.kind == kind => {
                last.text.push(' ');
                last.text.push_str(word);
            }
            _ => segments.push(DiffSegment { kind, text: word.to_owned() }),
        }
    }
    segments
}

/// Everything a version says in one section, as text: the section's own text, then its needs,
/// outcomes or provision items one per line.
pub fn section_text(version: &PlanVersion, section: Section) -> String {
    let mut lines: Vec<String> =
        version.sections.iter().filter(|s| s.section == section).map(|s| s.text.clone()).collect();
    lines.extend(version.needs.iter().filter(|n| n.section == section).map(|n| match &n.area {
        Some(area) => format!("{area}: {}", n.text),
        None => n.text.clone(),
    }));
    if section == Section::E {
        lines.extend(version.outcomes.iter().map(|o| o.text.clone()));
    }
    lines.extend(version.provision.iter().filter(|p| p.section == section).map(|p| p.describe()));
    lines.join("\n")
}

/// Compares version `from` with version `to` of a plan (numbers as `plan versions` lists them).
pub fn compare_versions(
    vault: &Vault,
    plan_id: &str,
    from: i64,
    to: i64,
) -> Result<VersionComparison> {
    let old = get_version(vault, plan_id, Some(from))?;
    let new = get_version(vault, plan_id, Some(to))?;
    Ok(compare(&old, &new))
}

pub fn compare(old: &PlanVersion, new: &PlanVersion) -> VersionComparison {
    let mut sections = Vec::new();
    for &section in Section::ALL {
        let (a, b) = (section_text(old, section), section_text(new, section));
        if a.trim().is_empty() && b.trim().is_empty() {
            continue;
        }
        let segments = word_diff(&a, &b);
        let words = |kind| -> Vec<String> {
            segments
                .iter()
                .filter(|s| s.kind == kind)
                .flat_map(|s| s.text.split(' ').map(str::to_owned))
                .collect()
        };
        let (added, removed) = (words(DiffKind::Added), words(DiffKind::Removed));
        sections.push(SectionChange {
            section,
            title: section.title().to_owned(),
            changed: !added.is_empty() || !removed.is_empty(),
            segments,
            added,
            removed,
        });
    }
    VersionComparison { from: old.summary.clone(), to: new.summary.clone(), sections }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segments: &[DiffSegment]) -> String {
        segments
            .iter()
            .map(|s| match s.kind {
                DiffKind::Same => s.text.clone(),
                DiffKind::Added => format!("+[{}]", s.text),
                DiffKind::Removed => format!("-[{}]", s.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn diff_marks_exactly_the_changed_words() {
        let d = word_diff(
            "one session a week of 30 minutes",
            "two sessions a week of 30 minutes with a therapist",
        );
        assert_eq!(
            show(&d),
            "-[one session] +[two sessions] a week of 30 minutes +[with a therapist]"
        );
    }

    #[test]
    fn diff_handles_empty_sides_and_equal_text() {
        assert_eq!(show(&word_diff("", "new words")), "+[new words]");
        assert_eq!(show(&word_diff("old words", "")), "-[old words]");
        assert_eq!(show(&word_diff("same  text\nhere", "same text here")), "same text here");
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn diff_finds_a_word_removed_from_the_middle() {
        let d = word_diff(
            "weekly speech and language therapy from a qualified therapist",
            "weekly speech therapy from a therapist",
        );
        assert_eq!(show(&d), "weekly speech -[and language] therapy from a -[qualified] therapist");
    }
}
