//! Measuring text with the embedded fonts' real metrics (shaped, so joined scripts measure as
//! they are drawn), and fitting it to a measure: wrapping into lines by the Unicode line-breaking
//! rules and cutting a line short with `…`.

use printpdf::BuiltinFont;
use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::pdf::face::{face, face_for, fallback_chain};
use crate::pdf::metrics;
use crate::pdf::shape::{self, clean_text, with_paragraph_direction};

/// Points per millimetre (a point is 1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Slack for float comparisons, in points: far below anything a printer can show.
pub(super) const EPSILON_PT: f32 = 0.001;

pub(super) fn pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// The text styles. A sans-serif (Liberation Sans, with Helvetica's metrics) for reading and a
/// monospace (Liberation Mono, with Courier's) for codes that must be copied character by
/// character; other scripts fall back to the shipped Noto and Droid faces.
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
    /// The PDF standard font this style stood for before fonts were embedded. Pages still name
    /// their style this way; the PDF writer draws it with the embedded faces.
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

    /// The style named `name` (as `format!("{font:?}")` writes it).
    pub(crate) fn from_handle_name(name: &str) -> Option<Font> {
        [Font::Regular, Font::Bold, Font::Italic, Font::BoldItalic, Font::Mono, Font::MonoBold]
            .into_iter()
            .find(|f| format!("{f:?}") == name)
    }

    /// Advance width of `c` alone in thousandths of an em, from the face that draws it (the
    /// `.notdef` box's width when no shipped face has it).
    pub fn char_width(self, c: char) -> u16 {
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        let id = face_for(self, s).unwrap_or(fallback_chain(self)[0]);
        let loaded = face(id);
        let gid = loaded.face.glyph_index(c).map(|g| g.0).unwrap_or(0);
        loaded.advance_milli(gid).round() as u16
    }

    /// Width of `text` in points when set at `size_pt`, shaped as it will be drawn.
    pub fn text_width(self, text: &str, size_pt: f32) -> f32 {
        shape::width_milli(&clean_text(text), self) * size_pt / 1000.0
    }
}

/// `text` as the PDF standard fonts could show it: WinAnsi characters (including curly quotes,
/// en and em dashes, £ and €) are kept, a few common look-alikes are substituted, invisible
/// characters are dropped, line breaks and tabs become spaces, and anything else becomes `?`.
/// Pages no longer need this (their fonts are embedded); it remains for text that must be drawn
/// with a standard font.
pub fn to_win_ansi(text: &str) -> String {
    text.chars().filter_map(metrics::win_ansi_char).collect()
}

/// Breaks `text` into lines no wider than `max_width_pt` when set in `font` at `size_pt`.
///
/// Lines break where the Unicode line-breaking rules (UAX #14) allow: at spaces (runs of spaces
/// collapse; a no-break space holds words together), after hyphens, between ideographs. Each
/// `\n` starts a new line and an empty input line stays as an empty output line. A word wider
/// than the measure is broken, after a `-`, `/`, `.`, `_` or similar where possible, so the only
/// line that can ever exceed the measure is a single glyph wider than the measure itself.
/// Returned lines are NFC and cleaned of invisible characters (see `clean_text`).
pub fn wrap(text: &str, font: Font, size_pt: f32, max_width_pt: f32) -> Vec<String> {
    let max = max_width_pt + EPSILON_PT;
    let space = font.text_width(" ", size_pt);
    let mut lines = Vec::new();
    for hard_line in text.lines() {
        let hard_line = collapse_spaces(&clean_text(hard_line));
        let direction = unicode_bidi::get_base_direction(hard_line.as_str());
        let first = lines.len();
        // The line so far (its trailing space kept) and its width without that space.
        let mut line = String::new();
        let mut width = 0.0;
        for word in segments(&hard_line) {
            let bare = word.trim_end_matches(' ');
            let word_width = font.text_width(bare, size_pt);
            if !line.is_empty() {
                let gap = if line.ends_with(' ') { space } else { 0.0 };
                let estimate = width + gap + word_width;
                // Widths add up exactly for the Latin faces (no kerning); near the edge, shaped
                // scripts are measured whole in case joining across the break changes them.
                let fits = estimate <= max
                    && (estimate < max * 0.98
                        || font.text_width(&format!("{line}{bare}"), size_pt) <= max);
                if fits {
                    line.push_str(word);
                    width = estimate;
                    continue;
                }
                lines.push(line.trim_end_matches(' ').to_owned());
            }
            if word_width <= max {
                line = word.to_owned();
                width = word_width;
            } else {
                let mut pieces = break_word(bare, font, size_pt, max);
                // The tail of a broken word can share its line with the words after it.
                line = pieces.pop().unwrap_or_default();
                width = font.text_width(&line, size_pt);
                if word.ends_with(' ') {
                    line.push(' ');
                }
                lines.extend(pieces);
            }
        }
        lines.push(line.trim_end_matches(' ').to_owned());
        // Bidi is resolved per drawn line; each keeps the direction of its paragraph.
        for line in &mut lines[first..] {
            *line = with_paragraph_direction(std::mem::take(line), &direction);
        }
    }
    lines
}

/// Runs of spaces become one; leading spaces go.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The pieces of `line` between break opportunities, each with its trailing space.
fn segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, kind) in linebreaks(line) {
        if at > start && (kind == BreakOpportunity::Allowed || at == line.len()) {
            out.push(&line[start..at]);
            start = at;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// Splits one overlong word into pieces that fit `max` (already including the epsilon).
fn break_word(word: &str, font: Font, size_pt: f32, max: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    // Byte offset just after the last character it is natural to break after.
    let mut last_break: Option<usize> = None;
    for c in word.chars() {
        while !current.is_empty() && font.text_width(&format!("{current}{c}"), size_pt) > max {
            match last_break.take().filter(|&at| at < current.len()) {
                Some(at) => {
                    let rest = current.split_off(at);
                    pieces.push(std::mem::replace(&mut current, rest));
                }
                None => {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
        current.push(c);
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
    let text = clean_text(text);
    if font.text_width(&text, size_pt) <= max_width_pt + EPSILON_PT {
        return text;
    }
    let ellipsis = '\u{2026}';
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}{ellipsis}");
        if font.text_width(&candidate, size_pt) > max_width_pt + EPSILON_PT {
            break;
        }
        out.push(c);
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
    fn widths_match_the_helvetica_and_courier_metrics() {
        assert_eq!(Font::Regular.char_width('W'), 944);
        assert_eq!(Font::Regular.char_width('i'), 222);
        assert_eq!(Font::Regular.char_width('\''), 191);
        assert_eq!(Font::Bold.char_width('\''), 238);
        assert_eq!(Font::Bold.char_width('a'), 556);
        assert_eq!(Font::Regular.char_width('£'), 556);
        assert_eq!(Font::Regular.char_width('—'), 1000);
        assert_eq!(Font::Italic.char_width('m'), Font::Regular.char_width('m'));
        assert_eq!(Font::Mono.char_width('W'), 600);
        // Beyond WinAnsi, characters are measured by the face that draws them.
        assert_eq!(Font::Regular.char_width('Ω'), 748);
        assert!(Font::Regular.char_width('ب') > 0);
        // H e l l o = 722 + 556 + 222 + 222 + 556 thousandths of an em.
        let width = Font::Regular.text_width("Hello", 10.0);
        assert!((width - 22.78).abs() < 0.02, "{width}");
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
        let ten = Font::Mono.text_width(&"x".repeat(10), 10.0);
        let lines = wrap(&"x".repeat(100), Font::Mono, 10.0, ten);
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
