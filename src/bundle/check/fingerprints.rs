//! Page fingerprints that survive an LA's stamps and headers: the page's words, normalised
//! (lower case, letters and digits only), taken five at a time ("shingles") and each run hashed.
//! A document page is found in a bundle page when most of the document page's shingles are there
//! (containment, not Jaccard: a stamp or a header adds shingles to the bundle page, it does not
//! take the document's away).

use std::collections::HashSet;

/// Words per shingle.
pub(crate) const SHINGLE: usize = 5;

/// The share of a document page's shingles a bundle page must hold to be that page.
pub(crate) const CONTAINMENT: f64 = 0.6;

/// A page's shingle hashes (empty when the page has no words).
pub(crate) type Fingerprint = HashSet<u64>;

/// The page's words, lower case, letters and digits only.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// FNV-1a over the words of one shingle: stable across runs and platforms.
fn hash(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in words {
        for byte in word.bytes().chain(std::iter::once(b' ')) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The shingle hashes of a page. A page of fewer than five words is one shingle of them all.
pub(crate) fn fingerprint(text: &str) -> Fingerprint {
    let words = words(text);
    if words.is_empty() {
        return Fingerprint::new();
    }
    let size = SHINGLE.min(words.len());
    words.windows(size).map(hash).collect()
}

/// The share of `document`'s shingles that `bundle` holds (0 when the document page is empty).
/// (The matcher counts the same share through its index; this is the definition, for tests.)
#[cfg(test)]
pub(crate) fn containment(document: &Fingerprint, bundle: &Fingerprint) -> f64 {
    if document.is_empty() {
        return 0.0;
    }
    let shared = document.iter().filter(|h| bundle.contains(h)).count();
    shared as f64 / document.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Educational psychology report for Sam. Sam finds reading hard and \
        needs small-group teaching every day, with a quiet space to work in after lunch.";

    #[test]
    fn a_stamped_page_still_holds_the_document_page() {
        let original = fingerprint(PAGE);
        let stamped = fingerprint(&format!(
            "LA bundle page 17 of 240\nAPPEAL EH123/45/67 — Section D\n{PAGE}\nRespondent's bundle"
        ));
        assert!(containment(&original, &stamped) >= 0.99);
        // Jaccard would be dragged down by the added words; containment is not.
        assert!(stamped.len() > original.len());
    }

    #[test]
    fn case_punctuation_and_line_breaks_do_not_matter() {
        let reflowed = PAGE.to_uppercase().replace(' ', "\n").replace(',', " ;");
        assert_eq!(fingerprint(PAGE), fingerprint(&reflowed));
    }

    #[test]
    fn a_different_page_does_not_match() {
        let other = fingerprint(
            "Speech and language therapy report. Sam's expressive language has improved, and \
             the therapist recommends two sessions a week in a small group.",
        );
        assert!(containment(&fingerprint(PAGE), &other) < 0.1);
        assert!(containment(&Fingerprint::new(), &other) == 0.0);
        assert!(fingerprint(" . , ").is_empty());
    }
}
