//! Glyph widths of the builtin PDF fonts, and the mapping of text onto WinAnsi.
//!
//! The 14 standard fonts are never embedded, so a PDF viewer draws them with its own copy and the
//! only thing we can rely on is Adobe's published metrics (the core-14 AFM files). The tables below
//! are the advance widths from `Helvetica.afm` and `Helvetica-Bold.afm` (version 003.001, as
//! shipped in groff's `devps` font descriptions), indexed by WinAnsi code point from 0x20 to 0xFF,
//! in thousandths of an em. The Oblique faces share their upright widths; Courier is 600
//! throughout. Codes WinAnsi leaves unassigned (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D) are 0 and never
//! reach a page, because [`win_ansi_byte`] does not produce them.

/// Width of every Courier glyph, in thousandths of an em.
pub(crate) const COURIER_WIDTH: u16 = 600;

pub(crate) const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, // 0x70
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xF0
];

pub(crate) const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, // 0x70
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xF0
];

/// The single WinAnsi (PDF 32000-1 Annex D.2, close to CP1252) byte for `c`, or `None` if the
/// encoding has no such character. printpdf encodes builtin-font text with the same table, so what
/// we measure is what gets drawn.
pub(crate) fn win_ansi_byte(c: char) -> Option<u8> {
    // WinAnsi agrees with ASCII in 0x20..=0x7E and with Latin-1 in 0xA0..=0xFF; 0x80..=0x9F holds
    // typographic punctuation instead of Latin-1's C1 controls.
    match c as u32 {
        cp @ 0x20..=0x7E => return Some(cp as u8),
        cp @ 0xA0..=0xFF => return Some(cp as u8),
        _ => {}
    }
    Some(match c {
        '\u{20AC}' => 0x80, // euro
        '\u{201A}' => 0x82, // single low-9 quote
        '\u{0192}' => 0x83, // florin
        '\u{201E}' => 0x84, // double low-9 quote
        '\u{2026}' => 0x85, // ellipsis
        '\u{2020}' => 0x86, // dagger
        '\u{2021}' => 0x87, // double dagger
        '\u{02C6}' => 0x88, // modifier circumflex
        '\u{2030}' => 0x89, // per mille
        '\u{0160}' => 0x8A, // S caron
        '\u{2039}' => 0x8B, // single left angle quote
        '\u{0152}' => 0x8C, // OE ligature
        '\u{017D}' => 0x8E, // Z caron
        '\u{2018}' => 0x91, // left single quote
        '\u{2019}' => 0x92, // right single quote
        '\u{201C}' => 0x93, // left double quote
        '\u{201D}' => 0x94, // right double quote
        '\u{2022}' => 0x95, // bullet
        '\u{2013}' => 0x96, // en dash
        '\u{2014}' => 0x97, // em dash
        '\u{02DC}' => 0x98, // small tilde
        '\u{2122}' => 0x99, // trade mark
        '\u{0161}' => 0x9A, // s caron
        '\u{203A}' => 0x9B, // single right angle quote
        '\u{0153}' => 0x9C, // oe ligature
        '\u{017E}' => 0x9E, // z caron
        '\u{0178}' => 0x9F, // Y diaeresis
        _ => return None,
    })
}

/// What `c` becomes on a builtin-font page: itself when WinAnsi has it, a close look-alike for a few
/// common characters it lacks, nothing for invisible ones, and `?` for everything else.
pub(crate) fn win_ansi_char(c: char) -> Option<char> {
    if win_ansi_byte(c).is_some() {
        // The soft hyphen is in WinAnsi, but viewers disagree on whether to draw it.
        return (c != '\u{00AD}').then_some(c);
    }
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        // Spaces of other widths (thin, figure, narrow no-break, ideographic...).
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        // Zero-width characters, variation selectors and combining accents: a decomposed "é"
        // reads better as "e" than as "e?".
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}' => None,
        '\u{0300}'..='\u{036F}' => None,
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2043}' | '\u{2212}' => Some('-'),
        '\u{2015}' => Some('\u{2014}'),
        '\u{2032}' => Some('\''),
        '\u{2033}' => Some('"'),
        '\u{2044}' | '\u{2215}' => Some('/'),
        c if c.is_control() => None,
        _ => Some('?'),
    }
}
