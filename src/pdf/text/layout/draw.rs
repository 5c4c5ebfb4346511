//! The drawing primitives under the [`Layout`] cursor: text, lines and rectangles placed at a
//! position given from the top-left corner of the page (the one place that flips it to PDF's
//! bottom-left origin), the absolute drawing calls `text_at`, `line_at` and `rect_at`, and
//! `finish`, which adds the footer and hands the pages over.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt, Rect,
    TextItem,
};

use super::Layout;
use crate::pdf::shape::clean_text;
use crate::pdf::text::fonts::{pt, truncate_to_width};
use crate::pdf::text::style::{Align, BoxPaint, Stroke, TextStyle};

impl Layout {
    /// Converts a distance from the top edge to PDF's distance from the bottom edge.
    fn flip(&self, from_top_pt: f32) -> f32 {
        pt(self.setup.height_mm) - from_top_pt
    }

    pub(super) fn push_text(
        &mut self,
        x: f32,
        baseline_from_top: f32,
        text: &str,
        style: &TextStyle,
    ) {
        if text.is_empty() {
            return;
        }
        let y = self.flip(baseline_from_top);
        self.ops.extend([
            Op::SetFillColor { col: grey(style.grey) },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(style.font.builtin()),
                size: Pt(style.size_pt),
            },
            // A fresh text object starts at the origin, so this positions absolutely.
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    /// Draws one line of text with its baseline `baseline_mm` below the top of the page, aligned
    /// at `x_mm` (its left end, centre or right end). The cursor does not move.
    pub fn text_at(
        &mut self,
        x_mm: f32,
        baseline_mm: f32,
        text: &str,
        style: &TextStyle,
        align: Align,
    ) {
        let text = clean_text(text);
        let width = style.font.text_width(&text, style.size_pt);
        let x = match align {
            Align::Left => pt(x_mm),
            Align::Centre => pt(x_mm) - width / 2.0,
            Align::Right => pt(x_mm) - width,
        };
        self.push_text(x, pt(baseline_mm), &text, style);
    }

    /// Draws a straight line between two points given from the top-left corner of the page.
    pub fn line_at(&mut self, from_mm: (f32, f32), to_mm: (f32, f32), stroke: Stroke) {
        self.push_line((pt(from_mm.0), pt(from_mm.1)), (pt(to_mm.0), pt(to_mm.1)), stroke);
    }

    /// Draws a rectangle whose top-left corner is `(x_mm, top_mm)` from the top-left of the page.
    pub fn rect_at(
        &mut self,
        x_mm: f32,
        top_mm: f32,
        width_mm: f32,
        height_mm: f32,
        paint: BoxPaint,
    ) {
        let ops = self.rect_ops(pt(x_mm), pt(top_mm), pt(width_mm), pt(height_mm), paint);
        self.ops.extend(ops);
    }

    pub(super) fn push_line(&mut self, from: (f32, f32), to: (f32, f32), stroke: Stroke) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point { x: Pt(x), y: Pt(self.flip(y)) },
            bezier: false,
        };
        let line = Line { points: vec![point(from), point(to)], is_closed: false };
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: grey(stroke.grey) },
            Op::SetOutlineThickness { pt: Pt(stroke.width_pt) },
            Op::DrawLine { line },
            Op::RestoreGraphicsState,
        ]);
    }

    pub(super) fn rect_ops(
        &self,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        paint: BoxPaint,
    ) -> Vec<Op> {
        let mut ops = vec![Op::SaveGraphicsState];
        let mode = match paint {
            BoxPaint::Outline(stroke) => {
                ops.push(Op::SetOutlineColor { col: grey(stroke.grey) });
                ops.push(Op::SetOutlineThickness { pt: Pt(stroke.width_pt) });
                PaintMode::Stroke
            }
            BoxPaint::Fill { grey: g } => {
                ops.push(Op::SetFillColor { col: grey(g) });
                PaintMode::Fill
            }
            BoxPaint::FillAndOutline { fill_grey, stroke } => {
                ops.push(Op::SetFillColor { col: grey(fill_grey) });
                ops.push(Op::SetOutlineColor { col: grey(stroke.grey) });
                ops.push(Op::SetOutlineThickness { pt: Pt(stroke.width_pt) });
                PaintMode::FillStroke
            }
        };
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.flip(top + height)),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
        ops.push(Op::RestoreGraphicsState);
        ops
    }

    /// Closes the last page, adds the footer to every page and hands the pages over.
    pub fn finish(mut self) -> Vec<PdfPage> {
        self.pages.push(std::mem::take(&mut self.ops));
        let total = self.pages.len();
        let setup = self.setup;
        let footer = self.footer.take();
        let mut pages = std::mem::take(&mut self.pages);
        if let Some(footer) = footer {
            let style = TextStyle::small();
            let baseline = pt(setup.height_mm - setup.footer_baseline_mm);
            let (left, right) =
                (pt(setup.margin_left_mm), pt(setup.width_mm - setup.margin_right_mm));
            for (i, ops) in pages.iter_mut().enumerate() {
                self.ops = std::mem::take(ops);
                let mut room = right - left;
                if footer.page_numbers {
                    let number = format!("Page {} of {}", i + 1, total);
                    let width = style.font.text_width(&number, style.size_pt);
                    self.push_text(right - width, baseline, &number, &style);
                    room -= width + pt(5.0);
                }
                let text = truncate_to_width(&footer.left, style.font, style.size_pt, room);
                self.push_text(left, baseline, &text, &style);
                *ops = std::mem::take(&mut self.ops);
            }
        }
        pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(setup.width_mm), Mm(setup.height_mm), ops))
            .collect()
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level.clamp(0.0, 1.0), None))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_per_page, numbered_lines};
    use super::*;
    use crate::pdf::text::tests::{drawn_lines_within_margins, SAMPLE};
    use crate::pdf::text::{Footer, PageSetup};

    #[test]
    fn footer_numbers_every_page() {
        let style = TextStyle::body();
        let mut layout = Layout::a4();
        layout.set_footer(Footer { left: SAMPLE.to_owned(), page_numbers: true });
        layout.paragraph(&numbered_lines(lines_per_page(&style) + 1), &style);
        let pages = layout.finish();
        let drawn = drawn_lines_within_margins(&pages, &PageSetup::a4());
        assert!(drawn.contains(&"Page 1 of 2".to_owned()));
        assert!(drawn.contains(&"Page 2 of 2".to_owned()));
        assert_eq!(drawn.iter().filter(|l| l.ends_with('…')).count(), 2);
    }
}
