//! Comparing two versions of a plan, section by section and word by word: "what changed between
//! the draft and the final", "what this year's amendments removed". A small longest-common-
//! subsequence diff over words; needs, outcomes and provision are compared as the lines they read as.

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

/// Beyond this many word pairs a section is shown as replaced outright rather than diffed, so a
/// pathological input cannot take unbounded memory.
const MAX_CELLS: usize = 4_000_000;

/// The words of `old` and `new`, marked same, removed or added, in reading order.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSegment> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix =
        a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut ops: Vec<(DiffKind, &str)> = a[..prefix].iter().map(|w| (DiffKind::Same, *w)).collect();
    if (am.len() + 1).saturating_mul(bm.len() + 1) > MAX_CELLS {
        ops.extend(am.iter().map(|w| (DiffKind::Removed, *w)));
        ops.extend(bm.iter().map(|w| (DiffKind::Added, *w)));
    } else {
        // lcs[i][j]: length of the longest common subsequence of am[i..] and bm[j..].
        let width = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * width];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * width + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                ops.push((DiffKind::Same, am[i]));
                i += 1;
                j += 1;
            } else if j == bm.len()
                || (i < am.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                ops.push((DiffKind::Removed, am[i]));
                i += 1;
            } else {
                ops.push((DiffKind::Added, bm[j]));
                j += 1;
            }
        }
    }
    ops.extend(a[a.len() - suffix..].iter().map(|w| (DiffKind::Same, *w)));

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
