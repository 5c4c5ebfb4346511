//! The mapping of text onto WinAnsi, the character set of the PDF standard fonts. Carefile's own
//! pages embed their fonts and need none of this; it remains for text that must be drawn with a
//! standard font (see `to_win_ansi`).

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
