//! The Tribunal's key, worked out from word-level differences (send-law.md 3.2, Essex SENDIASS):
//! the original wording in normal type; the parents' additions **bold** and deletions bold struck
//! through; the LA's additions *italic* and deletions italic struck through; changes both sides
//! agree underlined (additions) or struck through (deletions). Both proposals are diffed against
//! the original (the `similar` crate, Myers over words) and merged on the original's words, so one
//! line of text carries both sides. `unmark` reverses it, for reading a file back.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::{RowStatus, WorkdocRow};

/// How a run of words is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Normal type.
    Original,
    /// Bold.
    FamilyAdded,
    /// Bold, struck through.
    FamilyDeleted,
    /// Italic.
    LaAdded,
    /// Italic, struck through.
    LaDeleted,
    /// Both sides propose deleting it: bold italic, struck through.
    BothDeleted,
    /// Underlined.
    AgreedAdded,
    /// Struck through.
    AgreedDeleted,
}

impl Mark {
    pub fn bold(self) -> bool {
        matches!(self, Mark::FamilyAdded | Mark::FamilyDeleted | Mark::BothDeleted)
    }
    pub fn italic(self) -> bool {
        matches!(self, Mark::LaAdded | Mark::LaDeleted | Mark::BothDeleted)
    }
    pub fn strike(self) -> bool {
        matches!(
            self,
            Mark::FamilyDeleted | Mark::LaDeleted | Mark::BothDeleted | Mark::AgreedDeleted
        )
    }
    pub fn underline(self) -> bool {
        self == Mark::AgreedAdded
    }

    /// How the mark looks, in words, as the key above the table shows it (in that formatting).
    pub fn looks(self) -> &'static str {
        match self {
            Mark::Original => "Normal type",
            Mark::FamilyAdded => "Bold",
            Mark::FamilyDeleted => "Bold, struck through",
            Mark::LaAdded => "Italic",
            Mark::LaDeleted => "Italic, struck through",
            Mark::BothDeleted => "Bold italic, struck through",
            Mark::AgreedAdded => "Underlined",
            Mark::AgreedDeleted => "Struck through",
        }
    }

    /// The mark a run formatted this way stands for (how a `.docx` is read back).
    pub fn from_format(bold: bool, italic: bool, strike: bool, underline: bool) -> Mark {
        match (bold, italic, strike) {
            (true, true, true) => Mark::BothDeleted,
            (true, _, true) => Mark::FamilyDeleted,
            (_, true, true) => Mark::LaDeleted,
            (false, false, true) => Mark::AgreedDeleted,
            (true, _, false) => Mark::FamilyAdded,
            (false, true, false) => Mark::LaAdded,
            (false, false, false) if underline => Mark::AgreedAdded,
            _ => Mark::Original,
        }
    }
}

/// A run of words set one way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct MarkedRun {
    pub mark: Mark,
    pub text: String,
}

/// What one proposal does to the original's words: which it deletes, and what it inserts before
/// each word (gap `i` is before word `i`; gap `n` is after the last).
struct Edits<'a> {
    deleted: Vec<bool>,
    inserted: Vec<Vec<&'a str>>,
}

fn edits<'a>(original: &[&str], proposal: &[&'a str]) -> Edits<'a> {
    let mut e = Edits {
        deleted: vec![false; original.len()],
        inserted: vec![Vec::new(); original.len() + 1],
    };
    for op in capture_diff_slices(Algorithm::Myers, original, proposal) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // A replacement reads "old struck through, then new": the new words follow the old.
        e.inserted[old.end].extend(&proposal[new]);
        for d in &mut e.deleted[old] {
            *d = true;
        }
    }
    e
}

fn push(runs: &mut Vec<MarkedRun>, mark: Mark, word: &str) {
    match runs.last_mut() {
        Some(last) if last.mark == mark => {
            last.text.push(' ');
            last.text.push_str(word);
        }
        _ => runs.push(MarkedRun { mark, text: word.to_owned() }),
    }
}

fn words(t: &Option<String>) -> Option<Vec<&str>> {
    t.as_deref().map(|t| t.split_whitespace().collect())
}

/// A row's wording in the Tribunal's key. An agreed row shows only the agreed change; otherwise
/// both sides' proposals are shown against the original.
pub fn mark_up(row: &WorkdocRow) -> Vec<MarkedRun> {
    let original: Vec<&str> = row.original.split_whitespace().collect();
    let mut runs = Vec::new();
    if row.status == RowStatus::Agreed {
        if let Some(agreed) = words(&row.agreed) {
            let e = edits(&original, &agreed);
            for (i, word) in original.iter().enumerate() {
                e.inserted[i].iter().for_each(|w| push(&mut runs, Mark::AgreedAdded, w));
                push(
                    &mut runs,
                    if e.deleted[i] { Mark::AgreedDeleted } else { Mark::Original },
                    word,
                );
            }
            e.inserted[original.len()].iter().for_each(|w| push(&mut runs, Mark::AgreedAdded, w));
            return runs;
        }
    }
    let (family, la) = (words(&row.family), words(&row.la));
    let none = Edits {
        deleted: vec![false; original.len()],
        inserted: vec![Vec::new(); original.len() + 1],
    };
    let ef = family.as_deref().map(|f| edits(&original, f));
    let el = la.as_deref().map(|l| edits(&original, l));
    let (ef, el) = (ef.as_ref().unwrap_or(&none), el.as_ref().unwrap_or(&none));
    for i in 0..=original.len() {
        ef.inserted[i].iter().for_each(|w| push(&mut runs, Mark::FamilyAdded, w));
        el.inserted[i].iter().for_each(|w| push(&mut runs, Mark::LaAdded, w));
        if let Some(word) = original.get(i) {
            let mark = match (ef.deleted[i], el.deleted[i]) {
                (true, true) => Mark::BothDeleted,
                (true, false) => Mark::FamilyDeleted,
                (false, true) => Mark::LaDeleted,
                (false, false) => Mark::Original,
            };
            push(&mut runs, mark, word);
        }
    }
    runs
}

/// The wordings a marked-up line stands for, read back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Unmarked {
    pub original: String,
    pub family: Option<String>,
    pub la: Option<String>,
    pub agreed: Option<String>,
}

/// Reverses [`mark_up`]: the original (every word not added), and each side's wording where the
/// line shows that side's marks.
pub(crate) fn unmark(runs: &[MarkedRun]) -> Unmarked {
    let pick = |keep: &dyn Fn(Mark) -> bool| -> String {
        runs.iter()
            .filter(|r| keep(r.mark))
            .flat_map(|r| r.text.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let has =
        |marks: &[Mark]| runs.iter().any(|r| marks.contains(&r.mark) && !r.text.trim().is_empty());
    use Mark::*;
    Unmarked {
        original: pick(&|m| {
            matches!(m, Original | FamilyDeleted | LaDeleted | BothDeleted | AgreedDeleted)
        }),
        family: has(&[FamilyAdded, FamilyDeleted, BothDeleted])
            .then(|| pick(&|m| matches!(m, Original | LaDeleted | FamilyAdded))),
        la: has(&[LaAdded, LaDeleted, BothDeleted])
            .then(|| pick(&|m| matches!(m, Original | FamilyDeleted | LaAdded))),
        agreed: has(&[AgreedAdded, AgreedDeleted])
            .then(|| pick(&|m| matches!(m, Original | AgreedAdded))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Section;
    use crate::workdoc::RowKind;

    fn row(original: &str, family: Option<&str>, la: Option<&str>) -> WorkdocRow {
        WorkdocRow {
            row: 1,
            section: Section::F,
            kind: RowKind::Provision,
            item_id: None,
            label: None,
            original: original.into(),
            family: family.map(Into::into),
            la: la.map(Into::into),
            agreed: None,
            status: RowStatus::Disputed,
            evidence: vec![],
            flags: vec![],
            markup: vec![],
        }
    }

    fn show(runs: &[MarkedRun]) -> String {
        runs.iter()
            .map(|r| match r.mark {
                Mark::Original => r.text.clone(),
                Mark::FamilyAdded => format!("**{}**", r.text),
                Mark::FamilyDeleted => format!("~~**{}**~~", r.text),
                Mark::LaAdded => format!("_{}_", r.text),
                Mark::LaDeleted => format!("~~_{}_~~", r.text),
                Mark::BothDeleted => format!("~~**_{}_**~~", r.text),
                Mark::AgreedAdded => format!("<u>{}</u>", r.text),
                Mark::AgreedDeleted => format!("~~{}~~", r.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn family_replacing_a_word_is_bold_and_bold_struck() {
        let r = row(
            "Regular speech and language therapy",
            Some("Daily speech and language therapy"),
            None,
        );
        assert_eq!(show(&mark_up(&r)), "~~**Regular**~~ **Daily** speech and language therapy");
    }

    #[test]
    fn both_sides_show_on_one_line_and_read_back() {
        let r = row(
            "Regular access to speech therapy as appropriate",
            Some("Daily speech therapy for 30 minutes"),
            Some("Regular access to speech therapy each term"),
        );
        let runs = mark_up(&r);
        assert_eq!(
            show(&runs),
            "~~**Regular access to**~~ **Daily** speech therapy ~~**_as appropriate_**~~ **for 30 minutes** _each term_"
        );
        let back = unmark(&runs);
        assert_eq!(back.original, r.original);
        assert_eq!(back.family, r.family);
        assert_eq!(back.la, r.la);
        assert_eq!(back.agreed, None);
    }

    #[test]
    fn an_agreed_row_shows_only_the_agreed_change() {
        let mut r = row("Regular therapy", Some("Daily therapy"), Some("Weekly therapy"));
        r.status = RowStatus::Agreed;
        r.agreed = Some("Weekly therapy by a therapist".into());
        let runs = mark_up(&r);
        assert_eq!(show(&runs), "~~Regular~~ <u>Weekly</u> therapy <u>by a therapist</u>");
        assert_eq!(unmark(&runs).agreed.as_deref(), Some("Weekly therapy by a therapist"));
    }

    #[test]
    fn formats_map_back_to_marks() {
        for m in [
            Mark::Original,
            Mark::FamilyAdded,
            Mark::FamilyDeleted,
            Mark::LaAdded,
            Mark::LaDeleted,
            Mark::BothDeleted,
            Mark::AgreedAdded,
            Mark::AgreedDeleted,
        ] {
            assert_eq!(Mark::from_format(m.bold(), m.italic(), m.strike(), m.underline()), m);
        }
    }
}
