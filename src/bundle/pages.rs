//! The pages Carefile writes itself: the cover, the index (with where each entry sits, for its
//! link), section dividers, blank pages for the print edition, the manifest, and emails, text files
//! and record extracts set as readable pages. All through the `pdf` layout toolkit; the page
//! numbers are stamped later, with every other page, so none are drawn here.

use printpdf::PdfPage;
use serde::{Deserialize, Serialize};

use super::report::short_fingerprint;
use super::{british, BundlePlan};
use crate::pdf::{truncate_to_width, wrap, Align, BoxPaint, Layout, Stroke, TextStyle, PT_PER_MM};

/// A readable document made of text: an email, a text file, or a record extract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct TextDocument {
    pub title: String,
    /// Label and value lines under the title (From, To, Sent…).
    pub meta: Vec<(String, String)>,
    pub blocks: Vec<TextBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", tag = "type", content = "value")]
pub enum TextBlock {
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    /// Label, value rows (a date and what happened, an item and its delivery…).
    Rows(Vec<(String, String)>),
}

/// Where an index entry was drawn, so the build can lay a link over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LinkSpot {
    /// Page within the index, from 0.
    pub index_page: usize,
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
    pub target_page: u32,
}

// Index columns, in mm from the left edge of an A4 page (content runs 20 to 190).
const TAB_X: f32 = 20.0;
const TITLE_X: f32 = 33.0;
const TITLE_W: f32 = 93.0;
const DATE_X: f32 = 130.0;
const PAGES_RIGHT: f32 = 190.0;

fn baseline_mm(style: &TextStyle) -> f32 {
    let lh = style.line_height_pt();
    (lh / 2.0 + style.size_pt * (0.718 - 0.207) / 2.0) / PT_PER_MM
}

fn line_mm(style: &TextStyle) -> f32 {
    style.line_height_pt() / PT_PER_MM
}

/// Moves the cursor down by exactly `mm`, even at the top of a page (the caller has made room).
fn advance(l: &mut Layout, mm: f32) {
    let step = TextStyle::new(crate::pdf::Font::Regular, 1.0)
        .with_leading(mm * PT_PER_MM)
        .with_space_after(0.0);
    l.paragraph(" ", &step);
}

fn page_range(first: u32, last: u32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}\u{2013}{last}")
    }
}

pub(crate) fn cover(plan: &BundlePlan) -> Vec<PdfPage> {
    let mut l = Layout::a4();
    advance(&mut l, 30.0);
    l.paragraph(plan.kind.label(), &TextStyle::body().with_grey(0.35));
    l.paragraph(&plan.title, &TextStyle::title().with_size(26.0));
    if let Some(sub) = &plan.subtitle {
        l.paragraph(sub, &TextStyle::heading().with_size(16.0).with_space_after(6.0));
    }
    l.rule(Stroke::new(1.2, 0.0), 4.0);
    let label = TextStyle::body().with_font(crate::pdf::Font::Bold);
    for (k, v) in &plan.cover_lines {
        l.ensure_space(8.0);
        let top = l.cursor_mm();
        l.text_at(20.0, top + baseline_mm(&label), k, &label, Align::Left);
        l.set_inset(55.0, 0.0);
        l.paragraph(v, &TextStyle::body().with_space_after(1.5));
        l.clear_inset();
    }
    l.space(8.0);
    let body = TextStyle::body();
    let total = plan.total_pages;
    let sections = plan.sections.len();
    let docs: usize = plan.sections.iter().map(|s| s.documents.len()).sum();
    l.paragraph(
        &format!(
            "{total} pages in {sections} section{} holding {docs} document{}. Every page number is \
             the PDF page number, so page references work on paper and on screen alike.",
            if sections == 1 { "" } else { "s" },
            if docs == 1 { "" } else { "s" }
        ),
        &body,
    );
    for s in plan.sections.iter().filter(|s| s.late) {
        l.paragraph(
            &format!(
                "Section {} ({}), pages {}, was added after the bundle was first issued. Every \
                 earlier page keeps its number; its own first page lists what it holds.",
                s.letter,
                s.title,
                page_range(s.first_page, s.last_page)
            ),
            &body,
        );
    }
    if plan.options.print_edition {
        l.paragraph(
            "Print edition: each section and document starts on a right-hand page; pages left blank \
             on purpose say so.",
            &body,
        );
    }
    l.space(4.0);
    let small = TextStyle::small();
    l.paragraph(&format!("Prepared on {} with Carefile.", british(plan.today)), &small);
    l.paragraph(
        &format!(
            "Bundle fingerprint: {} (see the manifest on page {}).",
            short_fingerprint(&plan.fingerprint),
            plan.manifest_first_page
        ),
        &small,
    );
    l.finish()
}

/// The index pages and where each entry is, for its link.
///
/// Late additions get one line each (their own first page lists their documents), and only when
/// those lines fit on the index's last page: a longer index would move every page after it, and a
/// re-issue promises that earlier page numbers stay true.
pub(crate) fn index(plan: &BundlePlan) -> (Vec<PdfPage>, Vec<LinkSpot>) {
    if !plan.sections.iter().any(|s| s.late) {
        return index_with(plan, false);
    }
    let with_late = index_with(plan, true);
    let without = index_with(plan, false);
    if with_late.0.len() == without.0.len() {
        with_late
    } else {
        without
    }
}

fn index_with(plan: &BundlePlan, late_lines: bool) -> (Vec<PdfPage>, Vec<LinkSpot>) {
    let mut l = Layout::a4();
    let mut spots = Vec::new();
    l.paragraph("Index", &TextStyle::title());
    l.paragraph(&plan.title, &TextStyle::body().with_grey(0.3).with_space_after(1.0));
    l.paragraph(
        &format!(
            "Bundle fingerprint {}  \u{00b7}  {} pages",
            short_fingerprint(&plan.fingerprint),
            plan.total_pages
        ),
        &TextStyle::small().with_space_after(4.0),
    );
    let head = TextStyle::small().with_font(crate::pdf::Font::Bold).with_grey(0.0);
    l.ensure_space(8.0);
    let top = l.cursor_mm();
    let b = top + baseline_mm(&head);
    l.text_at(TAB_X, b, "Tab", &head, Align::Left);
    l.text_at(TITLE_X, b, "Document", &head, Align::Left);
    l.text_at(DATE_X, b, "Date", &head, Align::Left);
    l.text_at(PAGES_RIGHT, b, "Pages", &head, Align::Right);
    advance(&mut l, line_mm(&head));
    l.rule(Stroke::new(0.6, 0.0), 1.0);

    let section_style = TextStyle::body().with_font(crate::pdf::Font::Bold).with_space_after(0.0);
    let title_style = TextStyle::body().with_size(10.0).with_space_after(0.0);
    let author_style = TextStyle::small().with_space_after(0.0);
    let title_w = TITLE_W * PT_PER_MM;
    let heading_w = (PAGES_RIGHT - 25.0 - TITLE_X) * PT_PER_MM;
    for s in plan.sections.iter().filter(|s| late_lines || !s.late) {
        let heading = match s.budget {
            _ if s.late => format!("{}: listed on page {}", s.title, s.first_page),
            Some(b) => format!("{}  ({} of {b} pages)", s.title, s.document_pages),
            None => s.title.clone(),
        };
        let lines = wrap(&heading, section_style.font, section_style.size_pt, heading_w);
        let height = lines.len() as f32 * line_mm(&section_style) + 2.0;
        // Keep a section heading with its first document.
        l.ensure_space(height + 2.0 * line_mm(&title_style) + 3.0);
        let top = l.cursor_mm();
        let page = l.page_count() - 1;
        l.rect_at(
            TAB_X - 1.5,
            top,
            PAGES_RIGHT - TAB_X + 3.0,
            height,
            BoxPaint::Fill { grey: 0.9 },
        );
        let b = top + 1.0 + baseline_mm(&section_style);
        l.text_at(TAB_X, b, &s.letter, &section_style, Align::Left);
        l.text_at(
            PAGES_RIGHT,
            b,
            &page_range(s.first_page, s.last_page),
            &section_style,
            Align::Right,
        );
        for (i, line) in lines.iter().enumerate() {
            l.text_at(
                TITLE_X,
                b + i as f32 * line_mm(&section_style),
                line,
                &section_style,
                Align::Left,
            );
        }
        advance(&mut l, height + 1.0);
        spots.push(LinkSpot {
            index_page: page,
            top_mm: top,
            bottom_mm: top + height,
            left_mm: TAB_X - 1.5,
            right_mm: PAGES_RIGHT + 1.5,
            target_page: s.first_page,
        });
        if s.late {
            continue;
        }
        for d in &s.documents {
            let doc = &d.document;
            let t_lines = wrap(&doc.title, title_style.font, title_style.size_pt, title_w);
            let a_lines = doc
                .author
                .as_ref()
                .map(|a| wrap(a, author_style.font, author_style.size_pt, title_w))
                .unwrap_or_default();
            let height = t_lines.len() as f32 * line_mm(&title_style)
                + a_lines.len() as f32 * line_mm(&author_style)
                + 1.0;
            l.ensure_space(height);
            let top = l.cursor_mm();
            let page = l.page_count() - 1;
            let b = top + baseline_mm(&title_style);
            l.text_at(TAB_X, b, &d.tab, &title_style, Align::Left);
            let date = doc.dated.map(british).unwrap_or_else(|| "Undated".into());
            l.text_at(DATE_X, b, &date, &title_style, Align::Left);
            l.text_at(
                PAGES_RIGHT,
                b,
                &page_range(d.first_page, d.last_page),
                &title_style,
                Align::Right,
            );
            let mut y = top;
            for line in &t_lines {
                l.text_at(TITLE_X, y + baseline_mm(&title_style), line, &title_style, Align::Left);
                y += line_mm(&title_style);
            }
            for line in &a_lines {
                l.text_at(
                    TITLE_X,
                    y + baseline_mm(&author_style),
                    line,
                    &author_style,
                    Align::Left,
                );
                y += line_mm(&author_style);
            }
            advance(&mut l, height);
            spots.push(LinkSpot {
                index_page: page,
                top_mm: top,
                bottom_mm: top + height,
                left_mm: TAB_X,
                right_mm: PAGES_RIGHT,
                target_page: d.first_page,
            });
        }
        advance(&mut l, 2.0);
    }
    l.ensure_space(12.0);
    l.rule(Stroke::new(0.6, 0.0), 2.0);
    let top = l.cursor_mm();
    let page = l.page_count() - 1;
    let b = top + baseline_mm(&title_style);
    l.text_at(
        TITLE_X,
        b,
        "Manifest: SHA-256 fingerprint of every document",
        &title_style,
        Align::Left,
    );
    let last = plan.manifest_first_page + plan.manifest_pages.saturating_sub(1);
    l.text_at(
        PAGES_RIGHT,
        b,
        &page_range(plan.manifest_first_page, last),
        &title_style,
        Align::Right,
    );
    advance(&mut l, line_mm(&title_style));
    spots.push(LinkSpot {
        index_page: page,
        top_mm: top,
        bottom_mm: top + line_mm(&title_style),
        left_mm: TAB_X,
        right_mm: PAGES_RIGHT,
        target_page: plan.manifest_first_page,
    });
    (l.finish(), spots)
}

pub(crate) fn divider(plan: &BundlePlan, section: usize) -> Vec<PdfPage> {
    let s = &plan.sections[section];
    let mut l = Layout::a4();
    advance(&mut l, 70.0);
    l.paragraph_aligned(
        &format!("Section {}", s.letter),
        &TextStyle::heading().with_size(18.0).with_grey(0.35),
        Align::Centre,
    );
    l.paragraph_aligned(&s.title, &TextStyle::title().with_size(28.0), Align::Centre);
    let pages = format!("Pages {}", page_range(s.first_page, s.last_page));
    l.paragraph_aligned(&pages, &TextStyle::body(), Align::Centre);
    if let Some(b) = s.budget {
        let words = match s.over_budget_by {
            Some(over) => format!("{} of {b} pages: {over} over the limit", s.document_pages),
            None => format!("{} of {b} pages", s.document_pages),
        };
        l.paragraph_aligned(&words, &TextStyle::body().with_grey(0.3), Align::Centre);
    }
    if s.late {
        l.space(4.0);
        l.set_inset(15.0, 15.0);
        l.paragraph_aligned(
            &format!(
                "Added after the bundle was first issued. Pages 1\u{2013}{} are unchanged, so \
                 earlier page references still hold. This page is the index of the additions.",
                s.first_page.saturating_sub(1)
            ),
            &TextStyle::body().with_size(10.0).with_grey(0.3),
            Align::Centre,
        );
        l.clear_inset();
    }
    l.space(8.0);
    l.set_inset(15.0, 15.0);
    let style = TextStyle::body().with_size(10.0).with_space_after(1.5);
    let width = l.column_width_mm() * PT_PER_MM;
    for d in &s.documents {
        let text = format!(
            "{}  {}  (p. {})",
            d.tab,
            d.document.title,
            page_range(d.first_page, d.last_page)
        );
        l.paragraph(&truncate_to_width(&text, style.font, style.size_pt, width), &style);
    }
    if s.documents.is_empty() {
        l.paragraph_aligned("No documents in this section.", &style.with_grey(0.4), Align::Centre);
    }
    l.finish()
}

pub(crate) fn blank() -> Vec<PdfPage> {
    let mut l = Layout::a4();
    advance(&mut l, 120.0);
    l.paragraph_aligned(
        "This page is intentionally left blank.",
        &TextStyle::small(),
        Align::Centre,
    );
    l.finish()
}

pub(crate) fn manifest(plan: &BundlePlan) -> Vec<PdfPage> {
    let mut l = Layout::a4();
    l.paragraph("Manifest", &TextStyle::title());
    l.paragraph(
        "The SHA-256 fingerprint of each document as it is kept in the family's Carefile record. \
         Exporting a document from Carefile and computing its SHA-256 (for example with \
         `sha256sum`) gives the same fingerprint if the document has not changed. Extracts written \
         from the record for this pack are fingerprinted on their text.",
        &TextStyle::body().with_size(10.0),
    );
    let mono = TextStyle::mono(8.0).with_space_after(2.5);
    let name = TextStyle::body().with_size(9.5).with_space_after(0.5);
    let width = l.column_width_mm() * PT_PER_MM;
    for s in &plan.sections {
        l.heading(&format!("{}  {}", s.letter, s.title), &TextStyle::heading().with_size(11.0));
        for d in &s.documents {
            l.ensure_space(line_mm(&name) + line_mm(&mono) + 3.0);
            let text = format!(
                "{}  {}  (p. {})",
                d.tab,
                d.document.title,
                page_range(d.first_page, d.last_page)
            );
            l.paragraph(&truncate_to_width(&text, name.font, name.size_pt, width), &name);
            l.paragraph(&d.document.sha256, &mono);
        }
    }
    if !plan.excluded.is_empty() {
        l.heading("Left out", &TextStyle::heading().with_size(11.0));
        for d in &plan.excluded {
            let why = d.problem.clone().unwrap_or_default();
            l.paragraph(&format!("{}: {why}", d.title), &name);
            l.paragraph(&d.sha256, &mono);
        }
    }
    l.space(4.0);
    l.heading("Bundle fingerprint", &TextStyle::heading().with_size(11.0));
    l.paragraph(
        &format!("{}  (in full: {})", short_fingerprint(&plan.fingerprint), plan.fingerprint),
        &TextStyle::mono(8.0),
    );
    l.paragraph(
        "Computed over every document's fingerprint, its place and its pages, so any change to \
         what is in this bundle, or where, changes it.",
        &TextStyle::small(),
    );
    l.finish()
}

/// Sets a text document as pages.
pub(crate) fn text_document(doc: &TextDocument) -> Vec<PdfPage> {
    let mut l = Layout::a4();
    l.paragraph(&doc.title, &TextStyle::heading().with_size(15.0));
    let label =
        TextStyle::body().with_size(10.0).with_font(crate::pdf::Font::Bold).with_space_after(0.0);
    let value = TextStyle::body().with_size(10.0).with_space_after(1.0);
    for (k, v) in &doc.meta {
        rows(&mut l, k, v, &label, &value);
    }
    if !doc.meta.is_empty() {
        l.rule(Stroke::new(0.5, 0.5), 3.0);
    }
    let body = TextStyle::body().with_size(10.5);
    for block in &doc.blocks {
        match block {
            TextBlock::Heading(h) => l.heading(h, &TextStyle::heading().with_size(12.0)),
            TextBlock::Paragraph(p) => {
                for para in p.split("\n\n") {
                    l.paragraph(para, &body);
                }
            }
            TextBlock::Bullets(items) => l.bullet_list(items, &body),
            TextBlock::Rows(rs) => {
                for (k, v) in rs {
                    rows(&mut l, k, v, &label, &value);
                }
                l.space(2.0);
            }
        }
    }
    l.finish()
}

fn rows(l: &mut Layout, k: &str, v: &str, label: &TextStyle, value: &TextStyle) {
    l.ensure_space(line_mm(value) + 1.0);
    let top = l.cursor_mm();
    let k = truncate_to_width(k, label.font, label.size_pt, 33.0 * PT_PER_MM);
    l.text_at(20.0, top + baseline_mm(label), &k, label, Align::Left);
    l.set_inset(36.0, 0.0);
    l.paragraph(if v.trim().is_empty() { "\u{2014}" } else { v }, value);
    l.clear_inset();
}

/// How many pages a text document takes, for the plan.
pub fn text_document_pages(doc: &TextDocument) -> u32 {
    text_document(doc).len() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_document_runs_over_several_pages() {
        let doc = TextDocument {
            title: "Email".into(),
            meta: vec![("From".into(), "a@b.example".into())],
            blocks: vec![TextBlock::Paragraph("word ".repeat(3000))],
        };
        assert!(text_document_pages(&doc) > 2);
    }
}
