//! Measuring text with the real Helvetica/Courier metrics, and fitting it to a measure: mapping to
//! WinAnsi, wrapping into lines and cutting a line short with `…`.

use printpdf::BuiltinFont;

use crate::pdf::metrics::{self, COURIER_WIDTH, HELVETICA, HELVETICA_BOLD};

/// Points per millimetre (a point is 1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Slack for float comparisons, in points: far below anything a printer can show.
pub(super) const EPSILON_PT: f32 = 0.001;

pub(super) fn pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// The builtin faces we measure. Helvetica for reading, Courier for codes that must be copied
/// character by character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
    MonoBold,
}

impl Font {
    /// The PDF standard font this face is drawn with.
    pub fn builtin(self) -> BuiltinFont {
        match self {
            Font::Regular => BuiltinFont::Helvetica,
            Font::Bold => BuiltinFont::HelveticaBold,
            Font::Italic => BuiltinFont::HelveticaOblique,
            Font::BoldItalic => BuiltinFont::HelveticaBoldOblique,
            Font::Mono => BuiltinFont::Courier,
            Font::MonoBold => BuiltinFont::CourierBold,
        }
    }

    /// Advance width of `c` in thousandths of an em. A character WinAnsi cannot show is measured
    /// as the `?` that will be drawn in its place.
    pub fn char_width(self, c: char) -> u16 {
        let table = match self {
            // The core-14 Oblique faces are slanted copies with the upright widths.
            Font::Regular | Font::Italic => &HELVETICA,
            Font::Bold | Font::BoldItalic => &HELVETICA_BOLD,
            Font::Mono | Font::MonoBold => return COURIER_WIDTH,
        };
        let question = table[usize::from(b'?' - 0x20)];
        match metrics::win_ansi_byte(c) {
            Some(code) if code >= 0x20 => match table[usize::from(code - 0x20)] {
                0 => question,
                w => w,
            },
            _ => question,
        }
    }

    /// Width of `text` in points when set at `size_pt`, after mapping it to WinAnsi.
    pub fn text_width(self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(metrics::win_ansi_char)
            .map(|c| u32::from(self.char_width(c)))
            .sum();
        units as f32 * size_pt / 1000.0
    }
}

/// `text` as the builtin fonts can show it: WinAnsi characters (including curly quotes, en and em
/// dashes, £ and €) are kept, a few common look-alikes are substituted (other spaces, hyphens and
/// minus signs), invisible characters (controls, zero-width marks, combining accents) are
/// dropped, line breaks and tabs become spaces, and anything else becomes `?`.
pub fn to_win_ansi(text: &str) -> String {
    text.chars().filter_map(metrics::win_ansi_char).collect()
}

/// Breaks `text` into lines no wider than `max_width_pt` when set in `font` at `size_pt`.
///
/// Lines break at spaces (runs of spaces collapse; a no-break space holds words together). Each
/// `\n` starts a new line and an empty input line stays as an empty output line. A word wider than
/// the measure is broken, after a `-`, `/`, `.`, `_` or similar where possible, so the only line
/// that can ever exceed the measure is a single glyph wider than the measure itself. Returned
/// lines are already mapped with [`to_win_ansi`].
pub fn wrap(text: &str, font: Font, size_pt: f32, max_width_pt: f32) -> Vec<String> {
    let max = max_width_pt + EPSILON_PT;
    let space = font.text_width(" ", size_pt);
    let mut lines = Vec::new();
    for hard_line in text.lines() {
        let hard_line = to_win_ansi(hard_line);
        let mut line = String::new();
        let mut width = 0.0;
        for word in hard_line.split(' ').filter(|w| !w.is_empty()) {
            let word_width = font.text_width(word, size_pt);
            if !line.is_empty() {
                if width + space + word_width <= max {
                    line.push(' ');
                    line.push_str(word);
                    width += space + word_width;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max {
                line = word.to_owned();
                width = word_width;
            } else {
                let mut pieces = break_word(word, font, size_pt, max);
                // The tail of a broken word can share its line with the words after it.
                line = pieces.pop().unwrap_or_default();
                width = font.text_width(&line, size_pt);
                lines.extend(pieces);
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits one overlong word into pieces that fit `max` (already including the epsilon).
fn break_word(word: &str, font: Font, size_pt: f32, max: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut width = 0.0;
    // Byte offset just after the last character it is natural to break after.
    let mut last_break: Option<usize> = None;
    for c in word.chars() {
        let char_width = f32::from(font.char_width(c)) * size_pt / 1000.0;
        while !current.is_empty() && width + char_width > max {
            match last_break.take().filter(|&at| at < current.len()) {
                Some(at) => {
                    let rest = current.split_off(at);
                    pieces.push(std::mem::replace(&mut current, rest));
                    width = font.text_width(&current, size_pt);
                }
                None => {
                    pieces.push(std::mem::take(&mut current));
                    width = 0.0;
                }
            }
        }
        current.push(c);
        width += char_width;
        if matches!(c, '-' | '/' | '\\' | '.' | '_' | '?' | '&' | '=' | ',' | ';') {
            last_break = Some(current.len());
        }
    }
    pieces.push(current);
    pieces
}

/// Shortens `text` with a trailing `…` so it fits `max_width_pt`, for one-line slots such as
/// footers where wrapping is not an option.
pub fn truncate_to_width(text: &str, font: Font, size_pt: f32, max_width_pt: f32) -> String {
    let text = to_win_ansi(text);
    if font.text_width(&text, size_pt) <= max_width_pt + EPSILON_PT {
        return text;
    }
    let ellipsis = '\u{2026}';
    let budget = max_width_pt - f32::from(font.char_width(ellipsis)) * size_pt / 1000.0;
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = f32::from(font.char_width(c)) * size_pt / 1000.0;
        if width + w > budget + EPSILON_PT {
            break;
        }
        out.push(c);
        width += w;
    }
    let mut out = out.trim_end().to_owned();
    out.push(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::tests::SAMPLE;

    #[test]
    fn win_ansi_keeps_typography_and_replaces_the_rest() {
        assert_eq!(
            to_win_ansi("‘quoted’ “twice” – — £5 €6 café"),
            "‘quoted’ “twice” – — £5 €6 café"
        );
        assert_eq!(to_win_ansi("Ω → 😀 𝄞"), "? ? ? ?");
        assert_eq!(to_win_ansi("tab\there\u{200B}x\u{FE0F}"), "tab herex");
        assert_eq!(to_win_ansi("e\u{0301} 2\u{2212}1 a\u{2011}b"), "e 2-1 a-b");
        assert_eq!(to_win_ansi("soft\u{00AD}hyphen"), "softhyphen");
    }

    #[test]
    fn widths_come_from_the_afm_tables() {
        assert_eq!(Font::Regular.char_width('W'), 944);
        assert_eq!(Font::Regular.char_width('i'), 222);
        assert_eq!(Font::Regular.char_width('\''), 191);
        assert_eq!(Font::Bold.char_width('\''), 238);
        assert_eq!(Font::Bold.char_width('a'), 556);
        assert_eq!(Font::Regular.char_width('£'), 556);
        assert_eq!(Font::Regular.char_width('—'), 1000);
        assert_eq!(Font::Italic.char_width('m'), Font::Regular.char_width('m'));
        assert_eq!(Font::Mono.char_width('W'), 600);
        assert_eq!(Font::Regular.char_width('Ω'), Font::Regular.char_width('?'));
        // H e l l o = 722 + 556 + 222 + 222 + 556 thousandths of an em.
        let width = Font::Regular.text_width("Hello", 10.0);
        assert!((width - 22.78).abs() < 1e-3, "{width}");
    }

    #[test]
    fn wrapped_lines_never_exceed_the_measure() {
        for font in [Font::Regular, Font::Bold, Font::Mono] {
            for size in [8.0, 11.0, 16.0] {
                for measure in [30.0, 55.5, 120.0, 250.0, 481.9] {
                    let lines = wrap(SAMPLE, font, size, measure);
                    assert!(lines.len() > 1);
                    for line in &lines {
                        let width = font.text_width(line, size);
                        assert!(width <= measure + EPSILON_PT, "{line:?} is {width} > {measure}");
                    }
                    // Nothing is lost: the same characters, in order, apart from spaces.
                    let squash = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
                    assert_eq!(squash(&lines.concat()), squash(&to_win_ansi(SAMPLE)));
                }
            }
        }
    }

    #[test]
    fn wrap_fills_lines_greedily_up_to_the_exact_measure() {
        let exact = Font::Regular.text_width("aaa bbb", 10.0);
        assert_eq!(wrap("aaa bbb", Font::Regular, 10.0, exact), vec!["aaa bbb"]);
        assert_eq!(wrap("aaa   bbb", Font::Regular, 10.0, exact - 0.01), vec!["aaa", "bbb"]);
    }

    #[test]
    fn wrap_keeps_hard_breaks_and_blank_lines() {
        assert_eq!(
            wrap("one\n\ntwo\r\nthree", Font::Regular, 10.0, 200.0),
            vec!["one", "", "two", "three"]
        );
        assert!(wrap("", Font::Regular, 10.0, 200.0).is_empty());
    }

    #[test]
    fn long_words_break_after_slashes_where_they_can() {
        let url = "https://www.gov.uk/government/publications/send-code-of-practice";
        let measure = Font::Regular.text_width("https://www.gov.uk/governm", 10.0);
        let lines = wrap(url, Font::Regular, 10.0, measure);
        assert_eq!(lines[0], "https://www.gov.uk/");
        assert_eq!(lines.concat(), url);
        // Without a break opportunity the word is simply cut at the measure.
        let lines = wrap(&"x".repeat(100), Font::Mono, 10.0, 60.0);
        assert_eq!(lines.len(), 10);
        assert!(lines.iter().all(|l| l.len() == 10));
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        let text = truncate_to_width(SAMPLE, Font::Regular, 9.0, 100.0);
        assert!(text.ends_with('…'));
        assert!(Font::Regular.text_width(&text, 9.0) <= 100.0 + EPSILON_PT);
        assert_eq!(truncate_to_width("short", Font::Regular, 9.0, 100.0), "short");
    }
}
