//! Turning one line of text into positioned glyphs: Unicode normalisation (NFC), the bidi
//! algorithm for direction, a font per run by which shipped font covers the characters, and
//! shaping (rustybuzz, a port of HarfBuzz) so joined scripts join and Indic clusters reorder.
//!
//! Glyphs come out in visual order, left to right, each knowing the text it stands for, so the
//! PDF writer can give every glyph a ToUnicode mapping and a reader gets the words back.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::str::FromStr;

use rustybuzz::{Direction, Feature, ShapePlan, UnicodeBuffer};
use unicode_bidi::BidiInfo;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

use super::face::{face, face_for, fallback_chain, is_default_ignorable, FaceId};
use super::text::Font;

/// One glyph, positioned relative to the pen, in thousandths of an em.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub gid: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The text this glyph stands for: a whole cluster on one of its glyphs, empty on the others.
    /// In a right-to-left run a ligature's text is stored backwards, because readers reverse the
    /// visual order of such runs character by character to get the reading order back.
    pub text: String,
}

/// Glyphs from one face in one direction, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub face: FaceId,
    pub rtl: bool,
    /// The run's text in logical (reading) order.
    pub text: String,
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// Whether the glyphs alone can't give the text back in reading order (a cluster drawn with
    /// other than one glyph, as Indic scripts reorder and combine), so the writer adds the text
    /// as ActualText. Right-to-left runs are drawn in visual order, which is what readers such as
    /// pdftotext expect of them and turn back into reading order themselves.
    pub fn needs_actual_text(&self) -> bool {
        !self.rtl
            && (self.glyphs.iter().any(|g| g.text.is_empty())
                || self.glyphs.iter().any(|g| g.text.chars().count() > 1))
    }

    pub fn width_milli(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A shaped line: runs in visual order, left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ShapedLine {
    pub runs: Vec<Run>,
}

impl ShapedLine {
    pub fn width_milli(&self) -> f32 {
        self.runs.iter().map(Run::width_milli).sum()
    }
}

/// `text` as it is drawn and measured: NFC, tabs and line breaks as spaces, spaces of other
/// widths as plain spaces, and invisible controls (and the soft hyphen, which viewers disagree
/// on) dropped. Joiners stay: Urdu and Indic spelling needs them.
pub fn clean_text(text: &str) -> String {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return text.to_owned();
    }
    text.nfc()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
            '\u{00AD}' => None,
            '\u{200C}' | '\u{200D}' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Marks a wrapped line with its paragraph's direction when its own first letter would say
/// otherwise, so an English paragraph's line that starts with an Urdu quote still reads left to
/// right (see [`shape_line`]).
pub(crate) fn with_paragraph_direction(
    line: String,
    paragraph: &unicode_bidi::Direction,
) -> String {
    use unicode_bidi::{get_base_direction, Direction as D};
    match (paragraph, get_base_direction(line.as_str())) {
        (&D::Ltr, D::Rtl) => format!("{LRM}{line}"),
        (&D::Rtl, D::Ltr) => format!("{RLM}{line}"),
        _ => line,
    }
}

const LRM: char = '\u{200E}';
const RLM: char = '\u{200F}';

/// Shapes one line of already [`clean_text`]ed text set in `font`. A leading LRM or RLM sets the
/// line's base direction (and is not drawn); otherwise its first strong letter does.
pub(crate) fn shape_line(text: &str, font: Font) -> ShapedLine {
    let (base, text) = match text.chars().next() {
        Some(LRM) => (Some(unicode_bidi::Level::ltr()), &text[LRM.len_utf8()..]),
        Some(RLM) => (Some(unicode_bidi::Level::rtl()), &text[RLM.len_utf8()..]),
        _ => (None, text),
    };
    let mut line = ShapedLine::default();
    if text.is_empty() {
        return line;
    }
    if let Some(simple) = simple_line(text, font) {
        return simple;
    }
    let bidi = BidiInfo::new(text, base);
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for range in runs {
            let rtl = levels[range.start].is_rtl();
            let mut segments = font_segments(&text[range.clone()], font);
            if rtl {
                segments.reverse();
            }
            for (seg, face_id) in segments {
                let seg_text = &text[range.start + seg.start..range.start + seg.end];
                line.runs.push(shape_run(seg_text, face_id, rtl));
            }
        }
    }
    line
}

/// The common case without the shaper: text the style's own (Latin) face has every character of,
/// with no marks to place and nothing right-to-left. The Latin faces are shaped without kerning
/// or ligatures, so shaping would give exactly one glyph per character from the `cmap` with its
/// advance from `hmtx`; this gives the same, several times faster.
fn simple_line(text: &str, font: Font) -> Option<ShapedLine> {
    let id = fallback_chain(font)[0];
    let loaded = face(id);
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let plain = c.is_ascii()
            || (matches!(
                c.script(),
                Script::Latin | Script::Greek | Script::Cyrillic | Script::Common
            ) && !is_combining_mark(c)
                && !is_default_ignorable(c)
                && !matches!(c, '\u{0600}'..='\u{08FF}' | '\u{0590}'..='\u{05FF}'));
        if !plain {
            return None;
        }
        let gid = loaded.face.glyph_index(c)?.0;
        glyphs.push(Glyph {
            gid,
            advance: loaded.advance_milli(gid),
            x_offset: 0.0,
            y_offset: 0.0,
            text: c.to_string(),
        });
    }
    Some(ShapedLine { runs: vec![Run { face: id, rtl: false, text: text.to_owned(), glyphs }] })
}

/// Splits `text` (one direction) into stretches drawn by one face each, in logical order.
/// Spaces, punctuation and digits stay with the face before them when it has them, so a word
/// and its comma come from the same font.
fn font_segments(text: &str, font: Font) -> Vec<(std::ops::Range<usize>, FaceId)> {
    let primary = fallback_chain(font)[0];
    let mut out: Vec<(std::ops::Range<usize>, FaceId)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if is_combining_mark(next) || is_default_ignorable(next) {
                end = i + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let cluster = &text[start..end];
        let neutral =
            cluster.chars().all(|c| matches!(c.script(), Script::Common | Script::Inherited));
        let current = out.last().map(|(_, f)| *f);
        let chosen = match current {
            Some(f)
                if neutral
                    && cluster.chars().all(|c| is_default_ignorable(c) || face(f).covers(c)) =>
            {
                f
            }
            _ => face_for(font, cluster).unwrap_or(primary),
        };
        match out.last_mut() {
            Some((range, f)) if *f == chosen => range.end = end,
            _ => out.push((start..end, chosen)),
        }
    }
    out
}

fn shape_run(text: &str, face_id: FaceId, rtl: bool) -> Run {
    let loaded = face(face_id);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    buffer.guess_segment_properties();
    // Marks and letters keep clusters of their own unless a ligature joins them, so almost every
    // glyph maps to its own characters.
    buffer.set_cluster_level(rustybuzz::BufferClusterLevel::MonotoneCharacters);
    let script = buffer.script();
    let direction = buffer.direction();
    let plan = PLANS.with(|plans| {
        plans
            .borrow_mut()
            .entry((face_id, rtl, script.tag().as_u32()))
            .or_insert_with(|| {
                // The Latin faces stand in for Helvetica and Courier, which viewers never kern:
                // without kerning the pages keep today's measure, and widths of words add up.
                let features: Vec<Feature> = if face_id.is_latin() {
                    ["-kern", "-liga"].iter().filter_map(|f| Feature::from_str(f).ok()).collect()
                } else {
                    Vec::new()
                };
                Rc::new(ShapePlan::new(&loaded.face, direction, Some(script), None, &features))
            })
            .clone()
    });
    let shaped = rustybuzz::shape_with_plan(&loaded.face, &plan, buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();

    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| {
        let next = match starts.binary_search(&start) {
            Ok(i) => starts.get(i + 1).copied().unwrap_or(text.len()),
            Err(_) => text.len(),
        };
        text.get(start..next).unwrap_or_default().to_owned()
    };
    let mut given = std::collections::HashSet::new();
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let cluster = info.cluster as usize;
            let mut text =
                if given.insert(cluster) { cluster_text(cluster) } else { String::new() };
            if rtl {
                text = text.chars().rev().collect();
            }
            Glyph {
                gid: info.glyph_id as u16,
                advance: loaded.to_milli(pos.x_advance),
                x_offset: loaded.to_milli(pos.x_offset),
                y_offset: loaded.to_milli(pos.y_offset),
                text,
            }
        })
        .collect();
    Run { face: face_id, rtl, text: text.to_owned(), glyphs }
}

thread_local! {
    /// Shape plans (the lookups a face applies for a script and direction) are costly to build
    /// and the same for every run, so each thread builds each once.
    static PLANS: RefCell<HashMap<(FaceId, bool, u32), Rc<ShapePlan>>> = RefCell::new(HashMap::new());

    /// Widths of recently measured words: wrapping a long document measures the same words
    /// over and over.
    static WIDTHS: RefCell<HashMap<(Font, String), f32>> = RefCell::new(HashMap::new());
}

/// Width of already cleaned `text` set in `font`, in thousandths of an em.
pub(crate) fn width_milli(text: &str, font: Font) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    if let Some(w) = WIDTHS.with(|c| c.borrow().get(&(font, text.to_owned())).copied()) {
        return w;
    }
    let width = shape_line(text, font).width_milli();
    WIDTHS.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() > 20_000 {
            cache.clear();
        }
        cache.insert((font, text.to_owned()), width);
    });
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &ShapedLine) -> String {
        line.runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn the_quick_path_gives_what_the_shaper_gives() {
        for (text, font) in [
            ("Łucja Wiśniewska-Ağaoğlu, “quoted” – £5 €6", Font::Regular),
            ("Ἀθηνᾶ Дмитрий Иванов Şule Çelik", Font::Bold),
            ("ZRA1-9JY5-BD8X-GZPT", Font::Mono),
        ] {
            let quick = simple_line(text, font).expect("plain text takes the quick path");
            let shaped = shape_run(text, fallback_chain(font)[0], false);
            assert_eq!(quick.runs[0], shaped, "{text}");
        }
        assert!(simple_line("ملکہ", Font::Regular).is_none());
        assert!(simple_line("e\u{0301}", Font::Regular).is_none());
    }

    #[test]
    fn latin_greek_and_cyrillic_stay_in_one_face() {
        let line = shape_line(&clean_text("Łucja Ἀθηνᾶ Дмитрий Şule"), Font::Regular);
        assert_eq!(line.runs.len(), 1);
        assert_eq!(line.runs[0].face, FaceId::Sans);
        assert!(line.runs[0].glyphs.iter().all(|g| g.gid != 0));
        assert!(!line.runs[0].needs_actual_text());
    }

    #[test]
    fn urdu_is_shaped_right_to_left_in_naskh() {
        let line = shape_line(&clean_text("Note: ملکہ کو مدد چاہیے."), Font::Regular);
        let urdu = line.runs.iter().find(|r| r.rtl).expect("an RTL run");
        assert_eq!(urdu.face, FaceId::Naskh);
        assert!(urdu.glyphs.iter().all(|g| g.gid != 0));

        // Joined forms: the shaper picked other glyphs than the isolated letters' defaults.
        let nominal: Vec<u16> =
            "ملکہ".chars().map(|c| face(FaceId::Naskh).face.glyph_index(c).unwrap().0).collect();
        let shaped = shape_line("ملکہ", Font::Regular);
        let got: Vec<u16> = shaped.runs[0].glyphs.iter().map(|g| g.gid).collect();
        assert_ne!(got.iter().rev().copied().collect::<Vec<_>>(), nominal);
        assert!(text_of(&line).contains("ملکہ کو مدد چاہیے"));
    }

    #[test]
    fn a_wrapped_line_keeps_its_paragraphs_direction() {
        use unicode_bidi::Direction as D;
        let marked = with_paragraph_direction("ملکہ کو مدد, she wrote".into(), &D::Ltr);
        let line = shape_line(&marked, Font::Regular);
        // Left to right: the Urdu words come first, on the left.
        assert!(line.runs[0].rtl && !line.runs.last().unwrap().rtl);
        assert!(!line.runs.iter().any(|r| r.text.contains('\u{200E}')));
        let unmarked = shape_line("ملکہ کو مدد, she wrote", Font::Regular);
        assert!(!unmarked.runs[0].rtl, "right to left, the English comes first");
        assert_eq!(with_paragraph_direction("plain".into(), &D::Ltr), "plain");
    }

    #[test]
    fn bengali_clusters_keep_their_text() {
        let line = shape_line("সাহায্য", Font::Bold);
        assert_eq!(line.runs.len(), 1);
        assert_eq!(line.runs[0].face, FaceId::Bengali);
        let given: String = line.runs[0].glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(given, "সাহায্য");
    }

    #[test]
    fn cleaning_normalises_and_drops_invisible_characters() {
        assert_eq!(clean_text("e\u{0301}\tsoft\u{00AD}x\u{0007}"), "é softx");
        assert_eq!(clean_text("ZW\u{200C}NJ"), "ZW\u{200C}NJ");
    }
}
