//! A small page-layout toolkit: measuring and wrapping text with the embedded fonts' real,
//! shaped metrics, and a [`Layout`] cursor that flows headings, paragraphs and lists down A4
//! pages, starting a new page whenever the next line would cross the bottom margin.
//!
//! Pages are printpdf pages, but nothing here relies on printpdf to place or write text: every
//! line is measured and positioned by us, and `save_pdf` (in `pdf/writer.rs`) shapes each line
//! again with the same fonts, so the width we measure is the width drawn.
//!
//! Public measurements are in millimetres (page geometry) and points (font sizes, line widths),
//! which is how people describe a printed page. Positions given to the drawing functions are
//! measured from the *top-left* corner of the page, like the flow cursor; the conversion to PDF's
//! bottom-left origin happens once, in `layout/draw.rs`.
//!
//! The parts: `fonts.rs` measures, wraps and truncates text; `style.rs` holds the plain values
//! that describe how things look and where the page's margins are; `layout/` is the flowing
//! cursor and `save_pdf`.

mod fonts;
mod layout;
mod style;

pub use fonts::{to_win_ansi, truncate_to_width, wrap, Font, PT_PER_MM};
pub use layout::{save_pdf, Layout};
pub use style::{Align, BoxPaint, Footer, PageSetup, Stroke, TextStyle};

/// Helpers shared by the tests of this toolkit and of the documents built with it.
#[cfg(test)]
pub(crate) mod tests {
    use printpdf::{Op, PdfFontHandle, PdfPage, TextItem};

    use super::fonts::{pt, EPSILON_PT};
    use super::*;

    /// Every line of text on `pages` stays within the horizontal margins of `setup`; returns the
    /// text drawn, one string per line, so callers can look for what they expect.
    pub(crate) fn drawn_lines_within_margins(pages: &[PdfPage], setup: &PageSetup) -> Vec<String> {
        let (left, right) = (
            pt(setup.margin_left_mm) - EPSILON_PT,
            pt(setup.width_mm - setup.margin_right_mm) + EPSILON_PT,
        );
        let mut drawn = Vec::new();
        for page in pages {
            let mut font = None;
            let mut x = 0.0;
            for op in &page.ops {
                match op {
                    Op::SetFont { font: PdfFontHandle::Builtin(f), size } => {
                        font = Some((*f, size.0))
                    }
                    Op::SetTextCursor { pos } => x = pos.x.0,
                    Op::ShowText { items } => {
                        let (builtin, size) = font.expect("font set before text");
                        let face = [
                            Font::Regular,
                            Font::Bold,
                            Font::Italic,
                            Font::BoldItalic,
                            Font::Mono,
                            Font::MonoBold,
                        ]
                        .into_iter()
                        .find(|f| f.builtin() == builtin)
                        .expect("a face we measure");
                        for item in items {
                            if let TextItem::Text(text) = item {
                                let width = face.text_width(text, size);
                                assert!(
                                    x >= left && x + width <= right,
                                    "{text:?} runs from {x} to {} outside {left}..{right}",
                                    x + width
                                );
                                drawn.push(text.clone());
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        drawn
    }

    pub(super) const SAMPLE: &str =
        "The local authority must issue the final EHC plan within 20 weeks of the \
        request for an assessment. Section F sets out the special educational provision, which \
        must be specified and quantified – “help with reading” is not enough. Parents can ask \
        for mediation before appealing to the First-tier Tribunal (SEND); the certificate \
        arrives within three working days. Supercalifragilisticexpialidociousnessesquely long \
        words, https://www.gov.uk/government/publications/send-code-of-practice-0-to-25 and \
        £1,250.00 or €99 still fit.";
}
