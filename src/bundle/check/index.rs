//! The bundle's own index: lines like "EP report, Dr Jones ........ 12" on pages that are none of
//! the family's documents, checked against where each document really starts.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::fingerprints::words;
use super::report::FoundDocument;

/// An index entry that names one of the family's documents at the wrong page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct IndexProblem {
    /// The entry as the index words it.
    pub entry: String,
    /// The bundle page the index gives (its own index page is `indexPage`).
    pub listed: u32,
    pub index_page: u32,
    pub document: String,
    /// Where the document really is: each occurrence's first and last page.
    pub actual: Vec<[u32; 2]>,
}

/// An index page has at least this many entry lines.
const MIN_ENTRIES: usize = 3;

/// "Title .... 12" → ("Title", 12).
fn entry(line: &str) -> Option<(String, u32)> {
    let line = line.trim();
    let digits = line.len() - line.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let (head, number) = line.split_at(line.len() - digits);
    let title = head.trim_end_matches(|c: char| c.is_whitespace() || ".…·_-–".contains(c));
    // A number glued to a word ("Form SEND7") is not a page number.
    if title.len() == head.len() || title.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some((title.to_string(), number.parse().ok()?))
}

/// The index entries of the given pages (bundle page from 1, text), where a page has enough of them.
pub(super) fn entries<'a>(pages: impl Iterator<Item = (u32, &'a str)>) -> Vec<(u32, String, u32)> {
    let mut out = Vec::new();
    for (page, text) in pages {
        let lines: Vec<(String, u32)> = text.lines().filter_map(entry).collect();
        if lines.len() >= MIN_ENTRIES {
            out.extend(lines.into_iter().map(|(title, n)| (page, title, n)));
        }
    }
    out
}

/// Checks the index entries found on `pages` against `found`; `titles` are (id, title) of the
/// documents looked for.
pub(crate) fn check_index<'a>(
    pages: impl Iterator<Item = (u32, &'a str)>,
    titles: &[(String, String)],
    found: &[FoundDocument],
) -> Vec<IndexProblem> {
    let title_words: Vec<HashSet<String>> =
        titles.iter().map(|(_, t)| words(t).into_iter().collect()).collect();
    let mut problems = Vec::new();
    for (index_page, text, listed) in entries(pages) {
        let said: HashSet<String> = words(&text).into_iter().collect();
        let best = title_words
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.is_empty())
            .map(|(d, w)| (d, w.intersection(&said).count() as f64 / w.len() as f64))
            .filter(|(_, score)| *score >= 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((d, _)) = best else { continue };
        let id = &titles[d].0;
        let actual: Vec<[u32; 2]> =
            found.iter().filter(|f| &f.document == id).map(|f| f.pages).collect();
        if !actual.is_empty() && !actual.iter().any(|a| a[0] == listed) {
            problems.push(IndexProblem {
                entry: text,
                listed,
                index_page,
                document: id.clone(),
                actual,
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_index_lines_and_flags_a_wrong_page() {
        assert_eq!(
            entry("EP report, Dr Jones ........ 12"),
            Some(("EP report, Dr Jones".into(), 12))
        );
        assert_eq!(entry("Form SEND7"), None);
        assert_eq!(entry("Page 3"), Some(("Page".into(), 3)));
        let index =
            "INDEX\nEducational psychology report .... 2\nSpeech and language report ... 9\n\
                     Occupational therapy report 15\n";
        let titles = vec![
            ("d1".to_string(), "Educational psychology report".to_string()),
            ("d2".to_string(), "Speech and language report".to_string()),
        ];
        let found = vec![
            FoundDocument { document: "d1".into(), title: String::new(), pages: [2, 8] },
            FoundDocument { document: "d2".into(), title: String::new(), pages: [10, 12] },
        ];
        let problems = check_index([(1, index)].into_iter(), &titles, &found);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].document, "d2");
        assert_eq!((problems[0].listed, problems[0].index_page), (9, 1));
        assert_eq!(problems[0].actual, vec![[10, 12]]);
    }
}
