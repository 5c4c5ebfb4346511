//! Which document page each bundle page is, and the runs of pages that make one occurrence of a
//! document. Linear in pages: an inverted index from shingle to the document pages holding it, so a
//! bundle page only counts the document pages it shares shingles with.

use std::collections::HashMap;

use super::fingerprints::{Fingerprint, CONTAINMENT};

/// Shingles held by more document pages than this (letterheads, standard footers) say nothing
/// about which page it is, and would make the count quadratic; they are left out of the index.
const COMMON: usize = 64;

/// A document page: (document index, page index from 0).
pub(crate) type PageRef = (usize, usize);

/// One run of bundle pages that are pages of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub document: usize,
    /// Bundle pages, from 0, first and last.
    pub first: usize,
    pub last: usize,
    /// The document's pages (from 0) in the order the bundle has them.
    pub pages: Vec<usize>,
}

/// For each bundle page, the document page it is (if any).
pub(crate) fn match_pages(
    documents: &[Vec<Fingerprint>],
    bundle: &[Fingerprint],
) -> Vec<Option<PageRef>> {
    let mut index: HashMap<u64, Vec<PageRef>> = HashMap::new();
    for (d, pages) in documents.iter().enumerate() {
        for (p, print) in pages.iter().enumerate() {
            for h in print {
                index.entry(*h).or_default().push((d, p));
            }
        }
    }
    index.retain(|_, postings| postings.len() <= COMMON);

    let mut matches = Vec::with_capacity(bundle.len());
    let mut previous: Option<PageRef> = None;
    for print in bundle {
        let mut shared: HashMap<PageRef, usize> = HashMap::new();
        for h in print {
            for page in index.get(h).into_iter().flatten() {
                *shared.entry(*page).or_default() += 1;
            }
        }
        let score = |(d, p): PageRef, n: usize| n as f64 / documents[d][p].len().max(1) as f64;
        let mut candidates: Vec<(PageRef, f64)> = shared
            .into_iter()
            .map(|(page, n)| (page, score(page, n)))
            .filter(|(_, s)| *s >= CONTAINMENT)
            .collect();
        // Best first; ties go to the earlier document and page, so the answer is stable.
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A page that carries on the previous match wins over an equally good one elsewhere (the
        // same page in two copies of a document, or a repeated page within one).
        let next = previous.map(|(d, p)| (d, p + 1));
        let chosen = candidates
            .iter()
            .find(|(page, s)| Some(*page) == next && *s + 1e-9 >= candidates[0].1 - 0.2)
            .or(candidates.first())
            .map(|(page, _)| *page);
        matches.push(chosen);
        previous = chosen;
    }
    matches
}

/// Groups matched bundle pages into occurrences. A run carries on while the pages belong to the
/// same document and no page of it repeats; a page seen again starts a new occurrence (the
/// document included twice). An unmatched bundle page inside a run is taken as the document's
/// next page when that page has no words (a blank or image-only page, perhaps stamped).
pub(crate) fn occurrences(
    documents: &[Vec<Fingerprint>],
    matches: &[Option<PageRef>],
) -> Vec<Occurrence> {
    let mut found: Vec<Occurrence> = Vec::new();
    let mut current: Option<Occurrence> = None;
    for (b, matched) in matches.iter().enumerate() {
        let page = match matched {
            Some(page) => Some(*page),
            None => current.as_ref().and_then(|occ| {
                let next = occ.pages.last().map_or(0, |p| p + 1);
                let blank_next = documents[occ.document].get(next).is_some_and(|f| f.is_empty());
                (occ.last + 1 == b && blank_next).then_some((occ.document, next))
            }),
        };
        let Some((d, p)) = page else {
            found.extend(current.take());
            continue;
        };
        match current.as_mut() {
            Some(occ) if occ.document == d && occ.last + 1 == b && !occ.pages.contains(&p) => {
                occ.last = b;
                occ.pages.push(p);
            }
            _ => {
                found.extend(current.take());
                current = Some(Occurrence { document: d, first: b, last: b, pages: vec![p] });
            }
        }
    }
    found.extend(current);
    found
}

#[cfg(test)]
mod tests {
    use super::super::fingerprints::fingerprint;
    use super::*;

    fn page(doc: &str, n: usize) -> String {
        format!(
            "{doc} page {n}: the quick brown fox number {n} jumps over the lazy {doc} dog again"
        )
    }

    fn doc(name: &str, pages: usize) -> Vec<Fingerprint> {
        (1..=pages).map(|n| fingerprint(&page(name, n))).collect()
    }

    #[test]
    fn finds_each_copy_and_the_page_ranges() {
        let documents =
            vec![doc("alpha", 3), doc("bravo", 2), vec![fingerprint(""), fingerprint("x")]];
        let mut bundle: Vec<String> = vec!["Cover of the local authority".into()];
        for (name, pages) in [("alpha", 3), ("bravo", 2), ("alpha", 3)] {
            bundle.extend((1..=pages).map(|n| format!("LA bundle stamp {}\n{}", n, page(name, n))));
        }
        let prints: Vec<Fingerprint> = bundle.iter().map(|t| fingerprint(t)).collect();
        let matches = match_pages(&documents, &prints);
        assert_eq!(matches[0], None);
        let occ = occurrences(&documents, &matches);
        let spans: Vec<(usize, usize, usize)> =
            occ.iter().map(|o| (o.document, o.first, o.last)).collect();
        assert_eq!(spans, vec![(0, 1, 3), (1, 4, 5), (0, 6, 8)]);
        assert_eq!(occ[2].pages, vec![0, 1, 2]);
    }
}
