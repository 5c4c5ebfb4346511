//! The working document as a PDF, in the same key as the `.docx`: bold, italic, struck through and
//! underlined words set with the `pdf` module's faces and lines, each row's evidence as numbered
//! notes under it. The page count is checked against the Practice Direction's limit (25 pages
//! from July 2025, send-law.md 3.1–3.2); going over is a warning, not a refusal.

use serde::Serialize;

use super::docx::{heading, section_label, status_label, KEY};
use super::markup::{mark_up, Mark, MarkedRun};
use super::versions::load_workdoc;
use super::WorkdocRow;
use crate::error::Result;
use crate::pdf::{save_pdf, Align, Font, Footer, Layout, Stroke, TextStyle, PT_PER_MM};
use crate::vault::Vault;

/// Pages the Tribunal accepts for the working document (Practice Direction, July 2025).
pub const PAGE_LIMIT: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WorkdocPdf {
    #[serde(skip)]
    pub bytes: Vec<u8>,
    pub pages: u32,
    /// More than [`PAGE_LIMIT`] pages.
    pub over_limit: bool,
}

fn face(mark: Mark) -> Font {
    match (mark.bold(), mark.italic()) {
        (true, true) => Font::BoldItalic,
        (true, false) => Font::Bold,
        (false, true) => Font::Italic,
        (false, false) => Font::Regular,
    }
}

/// Flows marked-up runs as wrapped lines across the column, each word in its face, with lines
/// through struck words and under underlined ones (continued across the space between two).
fn marked_paragraph(layout: &mut Layout, runs: &[MarkedRun], style: &TextStyle) {
    let words: Vec<(&str, Mark)> =
        runs.iter().flat_map(|r| r.text.split_whitespace().map(move |w| (w, r.mark))).collect();
    let mm = |pt: f32| pt / PT_PER_MM;
    let space = mm(Font::Regular.text_width(" ", style.size_pt));
    let width = layout.column_width_mm();
    let mut lines: Vec<Vec<(&str, Mark, f32)>> = vec![Vec::new()];
    let mut used = 0.0;
    for (w, mark) in words {
        let wd = mm(face(mark).text_width(w, style.size_pt));
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && used + space + wd > width {
            lines.push(vec![(w, mark, wd)]);
            used = wd;
        } else {
            used += if line.is_empty() { wd } else { space + wd };
            line.push((w, mark, wd));
        }
    }
    let stroke = Stroke::new(0.6, 0.0);
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let baseline = layout.next_line_mm(style);
        let mut x = layout.column_left_mm();
        for (i, (w, mark, wd)) in line.iter().enumerate() {
            layout.text_at(x, baseline, w, &style.with_font(face(*mark)), Align::Left);
            let joined = line.get(i + 1).is_some_and(|next| next.1 == *mark);
            let end = x + wd + if joined { space } else { 0.0 };
            if mark.strike() {
                let y = baseline - mm(style.size_pt * 0.3);
                layout.line_at((x, y), (end, y), stroke);
            }
            if mark.underline() {
                let y = baseline + mm(style.size_pt * 0.15);
                layout.line_at((x, y), (end, y), stroke);
            }
            x += wd + space;
        }
    }
    layout.space(style.space_after_mm);
}

fn row_block(layout: &mut Layout, r: &WorkdocRow, note: &mut usize) {
    let body = TextStyle::body();
    layout.heading(
        &format!("{}. Section {}: {}", r.row, section_label(r), status_label(r.status)),
        &TextStyle::body().with_font(Font::Bold).with_space_after(1.0),
    );
    let mut runs = mark_up(r);
    let first = *note + 1;
    *note += r.evidence.len();
    if !r.evidence.is_empty() {
        let refs = (first..=*note).map(|n| format!("[{n}]")).collect::<Vec<_>>().join("");
        runs.push(MarkedRun { mark: Mark::Original, text: refs });
    }
    marked_paragraph(layout, &runs, &body);
    for (i, e) in r.evidence.iter().enumerate() {
        layout.paragraph(&format!("[{}] {}", first + i, e.citation), &TextStyle::small());
    }
    layout.space(2.0);
}

/// The working document at `version` (the newest when `None`) as a PDF, with its page count.
pub fn export_pdf(vault: &Vault, id: &str, version: Option<i64>) -> Result<WorkdocPdf> {
    let w = load_workdoc(vault.conn(), id.trim(), version)?;
    let (title, subtitle) = heading(vault, &w)?;
    let mut layout = Layout::a4();
    layout.set_footer(Footer {
        left: format!("{title}, version {}", w.version.number),
        page_numbers: true,
    });
    layout.paragraph(&title, &TextStyle::heading());
    layout.paragraph(&subtitle, &TextStyle::body());
    layout.paragraph("Key", &TextStyle::body().with_font(Font::Bold).with_space_after(1.0));
    for (meaning, mark) in KEY {
        let runs = [
            MarkedRun { mark, text: mark.looks().to_owned() },
            MarkedRun { mark: Mark::Original, text: format!("= {meaning}") },
        ];
        marked_paragraph(&mut layout, &runs, &TextStyle::small().with_space_after(0.0));
    }
    layout.space(4.0);
    let mut note = 0;
    for r in &w.rows {
        row_block(&mut layout, r, &mut note);
    }
    let pages = layout.page_count() as u32;
    let bytes = save_pdf(&title, layout.finish())?;
    Ok(WorkdocPdf { bytes, pages, over_limit: pages > PAGE_LIMIT })
}
