//! How things look and where they go: text styles, strokes, box paint, the page's size and
//! margins, and the footer. Plain values with no drawing of their own.

use super::fonts::Font;

/// How a run of text looks and how much room it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font: Font,
    pub size_pt: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    /// 0.0 is black, 1.0 white. Greys only: the documents must print well in black and white.
    pub grey: f32,
    /// Gap after a block in this style. Gaps collapse at the top of a page and at the bottom of a
    /// box, so they never push content down for nothing.
    pub space_after_mm: f32,
}

impl TextStyle {
    pub const fn new(font: Font, size_pt: f32) -> Self {
        TextStyle { font, size_pt, leading: 1.3, grey: 0.0, space_after_mm: 0.0 }
    }

    /// Running text: 11 pt Helvetica.
    pub const fn body() -> Self {
        TextStyle { leading: 1.35, space_after_mm: 3.0, ..TextStyle::new(Font::Regular, 11.0) }
    }

    /// Small print: 8.5 pt, dark grey.
    pub const fn small() -> Self {
        TextStyle { grey: 0.3, space_after_mm: 1.5, ..TextStyle::new(Font::Regular, 8.5) }
    }

    /// Section heading: 13 pt bold.
    pub const fn heading() -> Self {
        TextStyle { leading: 1.25, space_after_mm: 2.0, ..TextStyle::new(Font::Bold, 13.0) }
    }

    /// Document title: 22 pt bold.
    pub const fn title() -> Self {
        TextStyle { leading: 1.2, space_after_mm: 3.0, ..TextStyle::new(Font::Bold, 22.0) }
    }

    /// Codes and commands, in Courier.
    pub const fn mono(size_pt: f32) -> Self {
        TextStyle { leading: 1.3, space_after_mm: 3.0, ..TextStyle::new(Font::Mono, size_pt) }
    }

    pub const fn with_font(self, font: Font) -> Self {
        TextStyle { font, ..self }
    }

    pub const fn with_size(self, size_pt: f32) -> Self {
        TextStyle { size_pt, ..self }
    }

    pub const fn with_grey(self, grey: f32) -> Self {
        TextStyle { grey, ..self }
    }

    pub const fn with_leading(self, leading: f32) -> Self {
        TextStyle { leading, ..self }
    }

    pub const fn with_space_after(self, space_after_mm: f32) -> Self {
        TextStyle { space_after_mm, ..self }
    }

    /// Height of one line, in points.
    pub fn line_height_pt(&self) -> f32 {
        self.size_pt * self.leading
    }

    /// Where the baseline sits below the top of a line box, in points: the glyphs (Helvetica
    /// ascender 718, descender 207 per 1000) are centred in the box.
    pub(super) fn baseline_offset_pt(&self) -> f32 {
        self.line_height_pt() / 2.0 + self.size_pt * (0.718 - 0.207) / 2.0
    }
}

/// Horizontal alignment of a line within its column (or around a point, for
/// [`Layout::text_at`](super::Layout::text_at)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// A stroked line's look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width_pt: f32,
    /// 0.0 is black, 1.0 white.
    pub grey: f32,
}

impl Stroke {
    pub const fn new(width_pt: f32, grey: f32) -> Self {
        Stroke { width_pt, grey }
    }
}

/// How a rectangle is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BoxPaint {
    Outline(Stroke),
    Fill { grey: f32 },
    FillAndOutline { fill_grey: f32, stroke: Stroke },
}

/// Page size, margins and where the footer sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_right_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    /// Baseline of the footer line, measured up from the bottom edge; it must sit inside the
    /// bottom margin.
    pub footer_baseline_mm: f32,
}

impl PageSetup {
    /// A4 portrait with 20 mm margins and room for a footer below the text.
    pub const fn a4() -> Self {
        PageSetup {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 20.0,
            margin_right_mm: 20.0,
            margin_bottom_mm: 22.0,
            margin_left_mm: 20.0,
            footer_baseline_mm: 12.0,
        }
    }

    pub fn content_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }

    pub fn content_height_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.margin_bottom_mm
    }
}

/// What [`Layout::finish`](super::Layout::finish) prints at the foot of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Footer {
    /// Shown on the left, cut short with `…` if it would run into the page number.
    pub left: String,
    /// Adds "Page n of N" on the right.
    pub page_numbers: bool,
}
