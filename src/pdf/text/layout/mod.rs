//! The [`Layout`] cursor that flows text, lists, rules and boxes down the pages, and [`save_pdf`]
//! that turns the pages into PDF bytes. Positions are kept from the top-left corner of the page;
//! the drawing primitives underneath (the absolute drawing calls, the footer, and the flip to PDF's
//! bottom-left origin) are in `draw.rs`.

mod draw;

use printpdf::Op;

use super::fonts::{pt, wrap, EPSILON_PT, PT_PER_MM};
use super::style::{Align, BoxPaint, Footer, PageSetup, Stroke, TextStyle};

/// A flowing cursor over a sequence of pages.
///
/// Flow methods (`paragraph`, `heading`, lists, `rule`, `boxed`...) place content at the cursor,
/// within the current column, and move the cursor down, starting a new page when the next line
/// would cross the bottom margin. Drawing methods (`text_at`, `line_at`, `rect_at`) place content
/// at an absolute position on the current page and leave the cursor alone.
#[derive(Debug, Clone)]
pub struct Layout {
    setup: PageSetup,
    footer: Option<Footer>,
    /// Finished pages, oldest first.
    pages: Vec<Vec<Op>>,
    /// The page being filled.
    ops: Vec<Op>,
    /// Cursor: distance from the top edge of the page, in points.
    y: f32,
    /// Gap owed by the previous block, paid before the next block on the same page.
    gap: f32,
    /// Current column, in points from the left edge.
    column_left: f32,
    column_width: f32,
    /// Padding of the boxes the cursor is inside, kept clear below the top margin and above the
    /// bottom margin when a box runs onto another page.
    box_padding: f32,
}

impl Layout {
    pub fn new(setup: PageSetup) -> Self {
        Layout {
            setup,
            footer: None,
            pages: Vec::new(),
            ops: Vec::new(),
            y: pt(setup.margin_top_mm),
            gap: 0.0,
            column_left: pt(setup.margin_left_mm),
            column_width: pt(setup.content_width_mm()),
            box_padding: 0.0,
        }
    }

    pub fn a4() -> Self {
        Layout::new(PageSetup::a4())
    }

    pub fn setup(&self) -> &PageSetup {
        &self.setup
    }

    pub fn set_footer(&mut self, footer: Footer) {
        self.footer = Some(footer);
    }

    /// Pages started so far, counting the one being filled.
    pub fn page_count(&self) -> usize {
        self.pages.len() + 1
    }

    /// The cursor's distance from the top of the page, in millimetres.
    pub fn cursor_mm(&self) -> f32 {
        self.y / PT_PER_MM
    }

    /// Room left above the bottom margin on this page, in millimetres.
    pub fn remaining_mm(&self) -> f32 {
        (self.bottom_pt() - self.y).max(0.0) / PT_PER_MM
    }

    /// Left edge of the current column, from the left edge of the page, in millimetres.
    pub fn column_left_mm(&self) -> f32 {
        self.column_left / PT_PER_MM
    }

    pub fn column_width_mm(&self) -> f32 {
        self.column_width / PT_PER_MM
    }

    /// Narrows the column by `left_mm` and `right_mm` from the page margins.
    pub fn set_inset(&mut self, left_mm: f32, right_mm: f32) {
        self.column_left = pt(self.setup.margin_left_mm + left_mm);
        self.column_width = pt(self.setup.content_width_mm() - left_mm - right_mm).max(0.0);
    }

    /// Back to the full width between the page margins.
    pub fn clear_inset(&mut self) {
        self.set_inset(0.0, 0.0);
    }

    /// Where content starts on a new page, in points from the top.
    fn top_pt(&self) -> f32 {
        pt(self.setup.margin_top_mm) + self.box_padding
    }

    /// The lowest point content may reach, in points from the top.
    fn bottom_pt(&self) -> f32 {
        pt(self.setup.height_mm - self.setup.margin_bottom_mm) - self.box_padding
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.top_pt() + EPSILON_PT
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = self.top_pt();
        self.gap = 0.0;
    }

    /// Pays any gap owed by the previous block; at the top of a page it is forgiven.
    fn settle_gap(&mut self) {
        if !self.at_page_top() {
            self.y += self.gap;
        }
        self.gap = 0.0;
    }

    fn owe_gap(&mut self, mm: f32) {
        self.gap = self.gap.max(pt(mm));
    }

    /// Moves the cursor down by `mm` (nothing at the top of a page).
    pub fn space(&mut self, mm: f32) {
        self.settle_gap();
        if !self.at_page_top() {
            self.y += pt(mm);
        }
    }

    /// Starts a new page unless `mm` of room remains below the cursor. Returns whether it did.
    pub fn ensure_space(&mut self, mm: f32) -> bool {
        self.settle_gap();
        self.ensure_space_pt(pt(mm))
    }

    fn ensure_space_pt(&mut self, needed: f32) -> bool {
        if self.y + needed > self.bottom_pt() + EPSILON_PT && !self.at_page_top() {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Places one line at the cursor, paginating first if it would not fit. `x` and `width`
    /// describe the column it is aligned in.
    fn flow_line(&mut self, text: &str, style: &TextStyle, x: f32, width: f32, align: Align) {
        self.ensure_space_pt(style.line_height_pt());
        let baseline = self.y + style.baseline_offset_pt();
        let x = match align {
            Align::Left => x,
            Align::Centre => x + (width - style.font.text_width(text, style.size_pt)) / 2.0,
            Align::Right => x + width - style.font.text_width(text, style.size_pt),
        };
        self.push_text(x, baseline, text, style);
        self.y += style.line_height_pt();
    }

    /// Wraps `text` to the column and flows it, left-aligned.
    pub fn paragraph(&mut self, text: &str, style: &TextStyle) {
        self.paragraph_aligned(text, style, Align::Left);
    }

    pub fn paragraph_aligned(&mut self, text: &str, style: &TextStyle, align: Align) {
        self.settle_gap();
        let (x, width) = (self.column_left, self.column_width);
        for line in wrap(text, style.font, style.size_pt, width) {
            self.flow_line(&line, style, x, width, align);
        }
        self.owe_gap(style.space_after_mm);
    }

    /// Takes the next line of `style` at the cursor (starting a new page first if it would not
    /// fit) and returns its baseline, in millimetres from the top of the page, for a caller that
    /// sets the line's pieces itself with `text_at` (mixed faces on one line, as in a working
    /// document). The cursor moves below the line.
    pub fn next_line_mm(&mut self, style: &TextStyle) -> f32 {
        self.settle_gap();
        self.ensure_space_pt(style.line_height_pt());
        let baseline = self.y + style.baseline_offset_pt();
        self.y += style.line_height_pt();
        baseline / PT_PER_MM
    }

    /// A paragraph that is never left alone at the foot of a page: if it and about two lines of
    /// what follows don't fit, it starts the next page.
    pub fn heading(&mut self, text: &str, style: &TextStyle) {
        self.settle_gap();
        let lines = wrap(text, style.font, style.size_pt, self.column_width).len() as f32;
        let follow = 2.0 * TextStyle::body().line_height_pt();
        self.ensure_space_pt(lines * style.line_height_pt() + pt(style.space_after_mm) + follow);
        self.paragraph(text, style);
    }

    /// A list with a bullet before each item and wrapped lines hanging under the text.
    pub fn bullet_list<S: AsRef<str>>(&mut self, items: &[S], style: &TextStyle) {
        self.list(items, style, |_| "\u{2022}".to_owned());
    }

    /// A list numbered 1., 2., 3. ...
    pub fn numbered_list<S: AsRef<str>>(&mut self, items: &[S], style: &TextStyle) {
        self.list(items, style, |i| format!("{}.", i + 1));
    }

    fn list<S: AsRef<str>>(
        &mut self,
        items: &[S],
        style: &TextStyle,
        marker: impl Fn(usize) -> String,
    ) {
        self.settle_gap();
        let marker_width = (0..items.len())
            .map(|i| style.font.text_width(&marker(i), style.size_pt))
            .fold(0.0, f32::max);
        let indent = (marker_width + style.size_pt * 0.6).max(pt(5.0));
        let (x, width) = (self.column_left, self.column_width);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.y += pt(style.space_after_mm) / 2.0;
            }
            for (j, line) in
                wrap(item.as_ref(), style.font, style.size_pt, width - indent).iter().enumerate()
            {
                self.flow_line(line, style, x + indent, width - indent, Align::Left);
                if j == 0 {
                    // flow_line may have started a page; the marker joins the line wherever it went.
                    let baseline = self.y - style.line_height_pt() + style.baseline_offset_pt();
                    self.push_text(x, baseline, &marker(i), style);
                }
            }
        }
        self.owe_gap(style.space_after_mm);
    }

    /// A horizontal rule across the column, with `gap_mm` above and below.
    pub fn rule(&mut self, stroke: Stroke, gap_mm: f32) {
        self.settle_gap();
        self.ensure_space_pt(pt(gap_mm) * 2.0);
        if !self.at_page_top() {
            self.y += pt(gap_mm);
        }
        let (left, right) = (self.column_left, self.column_left + self.column_width);
        self.push_line((left, self.y), (right, self.y), stroke);
        self.owe_gap(gap_mm);
    }

    /// `count` ruled lines for handwriting, `spacing_mm` apart, across the column.
    pub fn writing_lines(&mut self, count: usize, spacing_mm: f32, stroke: Stroke) {
        self.settle_gap();
        for _ in 0..count {
            self.ensure_space_pt(pt(spacing_mm));
            self.y += pt(spacing_mm);
            let (left, right) = (self.column_left, self.column_left + self.column_width);
            self.push_line((left, self.y), (right, self.y), stroke);
        }
    }

    /// Flows `content` inside a padded box drawn around it. The block is moved to a new page
    /// rather than split when it fits on one; a block taller than a page is split, each part
    /// boxed on its own page. `content` is run twice when it might need to move (once to measure),
    /// so it must only draw.
    pub fn boxed(&mut self, padding_mm: f32, paint: BoxPaint, content: impl Fn(&mut Layout)) {
        self.settle_gap();
        if !self.at_page_top() {
            let mut trial = self.probe();
            trial.boxed_here(padding_mm, paint, &content);
            if trial.page_count() > 1 {
                let mut fresh = self.probe();
                fresh.new_page();
                fresh.boxed_here(padding_mm, paint, &content);
                if fresh.page_count() == 2 {
                    self.new_page();
                }
            }
        }
        self.boxed_here(padding_mm, paint, &content);
    }

    /// An empty layout with this one's geometry and cursor, for measuring what content would do
    /// without copying the pages already drawn.
    fn probe(&self) -> Layout {
        Layout {
            setup: self.setup,
            footer: None,
            pages: Vec::new(),
            ops: Vec::new(),
            y: self.y,
            gap: self.gap,
            column_left: self.column_left,
            column_width: self.column_width,
            box_padding: self.box_padding,
        }
    }

    fn boxed_here(&mut self, padding_mm: f32, paint: BoxPaint, content: &dyn Fn(&mut Layout)) {
        let pad = pt(padding_mm);
        self.ensure_space_pt(pad * 2.0);
        let (start_page, start_op, start_y) = (self.pages.len(), self.ops.len(), self.y);
        let (outer_left, outer_width) = (self.column_left, self.column_width);

        self.column_left = outer_left + pad;
        self.column_width = (outer_width - 2.0 * pad).max(0.0);
        self.box_padding += pad;
        self.y += pad;
        content(self);
        self.gap = 0.0;
        self.column_left = outer_left;
        self.column_width = outer_width;
        self.box_padding -= pad;
        self.y += pad;

        let (top, bottom) = (self.top_pt(), self.bottom_pt());
        let end_page = self.pages.len();
        let box_ops = |layout: &Layout, from: f32, to: f32| {
            layout.rect_ops(outer_left, from, outer_width, to - from, paint)
        };
        if end_page == start_page {
            let ops = box_ops(self, start_y, self.y);
            self.ops.splice(start_op..start_op, ops);
            return;
        }
        let first = box_ops(self, start_y, bottom);
        self.pages[start_page].splice(start_op..start_op, first);
        for page in start_page + 1..end_page {
            let ops = box_ops(self, top, bottom);
            self.pages[page].splice(0..0, ops);
        }
        let last = box_ops(self, top, self.y);
        self.ops.splice(0..0, last);
    }
}

pub use crate::pdf::writer::save_pdf;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::tests::{drawn_lines_within_margins, SAMPLE};

    /// Lines of `style` that fit between the margins of an A4 page.
    pub(super) fn lines_per_page(style: &TextStyle) -> usize {
        (pt(PageSetup::a4().content_height_mm()) / style.line_height_pt()).floor() as usize
    }

    pub(super) fn numbered_lines(n: usize) -> String {
        (1..=n).map(|i| format!("Line {i}\n")).collect()
    }

    #[test]
    fn paragraphs_paginate_at_the_bottom_margin() {
        let style = TextStyle::body();
        let per_page = lines_per_page(&style);
        assert!(per_page > 40, "{per_page}");
        for (lines, pages) in
            [(1, 1), (per_page, 1), (per_page + 1, 2), (3 * per_page, 3), (3 * per_page + 1, 4)]
        {
            let mut layout = Layout::a4();
            layout.paragraph(&numbered_lines(lines), &style);
            assert_eq!(layout.page_count(), pages, "{lines} lines");
            let pages = layout.finish();
            let drawn = drawn_lines_within_margins(&pages, &PageSetup::a4());
            assert_eq!(drawn.len(), lines);
        }
    }

    #[test]
    fn gaps_collapse_at_the_top_of_a_page() {
        let style = TextStyle::body();
        let mut layout = Layout::a4();
        layout.paragraph(&numbered_lines(lines_per_page(&style)), &style);
        layout.paragraph("Next", &style);
        assert_eq!(layout.page_count(), 2);
        let expected = PageSetup::a4().margin_top_mm + style.line_height_pt() / PT_PER_MM;
        assert!((layout.cursor_mm() - expected).abs() < 1e-3);
    }

    #[test]
    fn a_heading_is_never_stranded_at_the_foot_of_a_page() {
        let style = TextStyle::body();
        let mut layout = Layout::a4();
        layout.paragraph(&numbered_lines(lines_per_page(&style) - 2), &style);
        layout.heading("Section F: provision", &TextStyle::heading());
        assert_eq!(layout.page_count(), 2);
    }

    #[test]
    fn lists_hang_their_text_and_paginate() {
        let style = TextStyle::body();
        let items: Vec<String> = (0..120).map(|i| format!("Item {i}: {SAMPLE}")).collect();
        let mut layout = Layout::a4();
        layout.numbered_list(&items, &style);
        layout.bullet_list(&["one", "two"], &style);
        assert!(layout.page_count() > 5);
        let pages = layout.finish();
        let drawn = drawn_lines_within_margins(&pages, &PageSetup::a4());
        assert!(drawn.contains(&"120.".to_owned()));
        assert_eq!(drawn.iter().filter(|l| *l == "\u{2022}").count(), 2);
    }

    #[test]
    fn a_box_that_would_straddle_a_page_moves_to_the_next() {
        let style = TextStyle::body();
        let mut layout = Layout::a4();
        layout.paragraph(&numbered_lines(lines_per_page(&style) - 3), &style);
        let outline = BoxPaint::Outline(Stroke::new(1.0, 0.0));
        layout.boxed(4.0, outline, |l| l.paragraph(&numbered_lines(5), &style));
        assert_eq!(layout.page_count(), 2);
        let pages = layout.finish();
        let rects = |page: &printpdf::PdfPage| {
            page.ops.iter().filter(|op| matches!(op, Op::DrawRectangle { .. })).count()
        };
        assert_eq!((rects(&pages[0]), rects(&pages[1])), (0, 1));
        // The box is drawn before (behind) the text it surrounds.
        let first = |wanted: fn(&Op) -> bool| pages[1].ops.iter().position(wanted);
        let rect = first(|op| matches!(op, Op::DrawRectangle { .. }));
        let text = first(|op| matches!(op, Op::StartTextSection));
        assert!(rect < text, "{rect:?} {text:?}");
    }

    #[test]
    fn a_box_taller_than_a_page_is_split_and_boxed_on_each_page() {
        let style = TextStyle::body();
        let mut layout = Layout::a4();
        layout.paragraph("Before", &style);
        let fill = BoxPaint::Fill { grey: 0.9 };
        layout
            .boxed(4.0, fill, |l| l.paragraph(&numbered_lines(2 * lines_per_page(&style)), &style));
        let pages = layout.finish();
        assert_eq!(pages.len(), 3);
        for page in &pages {
            assert!(page.ops.iter().any(|op| matches!(op, Op::DrawRectangle { .. })));
        }
        drawn_lines_within_margins(&pages, &PageSetup::a4());
    }

    #[test]
    fn saved_pages_parse_back() {
        let mut layout = Layout::a4();
        layout.paragraph(SAMPLE, &TextStyle::body());
        let bytes = save_pdf("Sample", layout.finish()).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let text = doc.extract_text(&[1]).unwrap();
        assert!(text.contains("Tribunal"), "{text}");
        assert!(text.contains("£1,250.00"), "{text}");
    }
}
