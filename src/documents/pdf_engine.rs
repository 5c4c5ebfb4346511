//! The PDF text engine: MuPDF's structured text, which honours ToUnicode CMaps, Type0/CID fonts,
//! standard and custom encodings, the standard 14 fonts, TJ/Tw/Tc spacing and text positioning,
//! and orders a page's blocks for reading (docs/decisions/pdf-text-engine.md says why MuPDF).
//!
//! MuPDF is C. This module runs only inside a worker process (`crate::worker`), never in the app
//! or the CLI themselves, so a crash or a runaway parse of a hostile file ends that process alone.
//! It speaks in data: page texts or an [`EngineError`]; the words a person reads are chosen by
//! `pdf_text` on the app's side.

use mupdf::{Document, TextPageFlags};
use serde::{Deserialize, Serialize};

/// Why a PDF gave no text at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum EngineError {
    /// The file is protected and no password was given.
    NeedsPassword,
    /// A password was given and it doesn't open the file.
    WrongPassword,
    /// More pages than the import limit.
    TooManyPages(u32),
    /// MuPDF could not open it even after repair.
    Damaged(String),
}

/// How MuPDF reads a page: regions found and read one after the other (columns come out column
/// by column, not line across line), and a hyphen at a line's end joins the word again, as
/// `pdftotext` does. Measured against the alternatives in docs/decisions/pdf-text-engine.md.
fn flags() -> TextPageFlags {
    TextPageFlags::SEGMENT | TextPageFlags::DEHYPHENATE
}

/// The text of each page in reading order: lines end in `\n`, words are separated by single
/// spaces, ligatures are expanded (ﬁ → fi). An empty string is a page without a text layer. A page
/// whose content can't be read is an empty page, not a lost file.
pub(crate) fn extract(
    bytes: &[u8],
    password: Option<&str>,
    max_pages: u32,
) -> Result<Vec<String>, EngineError> {
    let mut doc = Document::from_bytes(bytes, "application/pdf")
        .map_err(|e| EngineError::Damaged(e.to_string()))?;
    if doc.needs_password().map_err(|e| EngineError::Damaged(e.to_string()))? {
        let Some(password) = password else {
            return Err(EngineError::NeedsPassword);
        };
        if !doc.authenticate(password).unwrap_or(false) {
            return Err(EngineError::WrongPassword);
        }
    }
    let count = doc.page_count().map_err(|e| EngineError::Damaged(e.to_string()))?;
    let count = u32::try_from(count).unwrap_or(0);
    if count == 0 {
        return Err(EngineError::Damaged("it has no pages".into()));
    }
    if count > max_pages {
        return Err(EngineError::TooManyPages(count));
    }
    let mut pages = Vec::with_capacity(count as usize);
    for number in 0..count as i32 {
        let text = doc
            .load_page(number)
            .and_then(|page| page.to_text_page(flags()))
            .and_then(|text| text.to_text())
            .map(|t| tidy(&t))
            .unwrap_or_default();
        pages.push(text);
    }
    Ok(pages)
}

/// One line per text line, words separated by one space, no control characters or blank lines.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(w.chars().filter(|c| !c.is_control()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_LINE: &[u8] = include_bytes!("../../tests/fixtures/pdf/two-line.pdf");
    const TOUNICODE: &[u8] = include_bytes!("../../tests/fixtures/pdf/tounicode.pdf");

    #[test]
    fn lines_stay_apart_in_a_standard_font() {
        let pages = extract(TWO_LINE, None, 10).unwrap();
        assert_eq!(pages, vec!["Report page 1\nxylophonic paragraph 1".to_string()]);
    }

    #[test]
    fn a_tounicode_cmap_gives_the_real_words() {
        let pages = extract(TOUNICODE, None, 10).unwrap();
        assert_eq!(pages[0], "The educational psychologist recommends daily speech therapy");
    }

    #[test]
    fn columns_come_out_one_after_the_other_and_hyphens_join() {
        let pages =
            extract(include_bytes!("../../tests/fixtures/pdf/columns.pdf"), None, 10).unwrap();
        assert_eq!(
            pages[0],
            "Sam needs daily speech and\nlanguage therapy from a\nqualified therapist.\n\
             Occupational therapy is\nprovided each week by the\nschool\u{2019}s visiting team."
        );
        let pages =
            extract(include_bytes!("../../tests/fixtures/pdf/hyphenated.pdf"), None, 10).unwrap();
        assert!(pages[0].contains("statutory assessment would"), "{}", pages[0]);
    }

    #[test]
    fn garbage_and_limits_are_errors() {
        assert!(matches!(extract(b"%PDF-1.4\n", None, 10), Err(EngineError::Damaged(_))));
        assert!(matches!(extract(b"", None, 10), Err(EngineError::Damaged(_))));
        assert_eq!(extract(TWO_LINE, None, 0), Err(EngineError::TooManyPages(1)));
    }

    #[test]
    fn tidy_collapses_spacing() {
        assert_eq!(tidy("  a   b \n\n\n c\t d "), "a b\nc d");
    }
}
