//! The font files Carefile ships (`fonts/` at the repository root, compiled into the binary so no
//! PDF depends on the fonts of the computer it was made on), parsed once, and the fallback order
//! that decides which of them draws a character.
//!
//! Liberation Sans and Liberation Mono set Latin, Greek and Cyrillic: they are metric-compatible
//! with Helvetica/Arial and Courier, so pages keep the measure and line breaks they had with the
//! PDF standard fonts. Noto covers the scripts families in England most often write in besides
//! (Arabic script for Urdu and Arabic, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Hebrew),
//! and Droid Sans Fallback covers Chinese, Japanese and Korean in 4 MB instead of Noto CJK's 20.
//! The choice is recorded in `docs/decisions/embedded-unicode-fonts.md`.

use std::sync::LazyLock;

use rustybuzz::Face;

use super::text::Font;

/// One shipped font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FaceId {
    Sans,
    SansBold,
    SansItalic,
    SansBoldItalic,
    Mono,
    MonoBold,
    Naskh,
    NaskhBold,
    Hebrew,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Tamil,
    Cjk,
}

const ALL: [FaceId; 15] = [
    FaceId::Sans,
    FaceId::SansBold,
    FaceId::SansItalic,
    FaceId::SansBoldItalic,
    FaceId::Mono,
    FaceId::MonoBold,
    FaceId::Naskh,
    FaceId::NaskhBold,
    FaceId::Hebrew,
    FaceId::Devanagari,
    FaceId::Bengali,
    FaceId::Gurmukhi,
    FaceId::Gujarati,
    FaceId::Tamil,
    FaceId::Cjk,
];

macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $name))
    };
}

impl FaceId {
    /// The font's PostScript name (what a PDF viewer shows under Document Properties) and its
    /// bytes.
    fn source(self) -> (&'static str, &'static [u8]) {
        match self {
            FaceId::Sans => ("LiberationSans", font_file!("LiberationSans-Regular.ttf")),
            FaceId::SansBold => ("LiberationSans-Bold", font_file!("LiberationSans-Bold.ttf")),
            FaceId::SansItalic => {
                ("LiberationSans-Italic", font_file!("LiberationSans-Italic.ttf"))
            }
            FaceId::SansBoldItalic => {
                ("LiberationSans-BoldItalic", font_file!("LiberationSans-BoldItalic.ttf"))
            }
            FaceId::Mono => ("LiberationMono", font_file!("LiberationMono-Regular.ttf")),
            FaceId::MonoBold => ("LiberationMono-Bold", font_file!("LiberationMono-Bold.ttf")),
            FaceId::Naskh => ("NotoNaskhArabic", font_file!("NotoNaskhArabic-Regular.ttf")),
            FaceId::NaskhBold => ("NotoNaskhArabic-Bold", font_file!("NotoNaskhArabic-Bold.ttf")),
            FaceId::Hebrew => ("NotoSansHebrew", font_file!("NotoSansHebrew-Regular.ttf")),
            FaceId::Devanagari => {
                ("NotoSansDevanagari", font_file!("NotoSansDevanagari-Regular.ttf"))
            }
            FaceId::Bengali => ("NotoSansBengali", font_file!("NotoSansBengali-Regular.ttf")),
            FaceId::Gurmukhi => ("NotoSansGurmukhi", font_file!("NotoSansGurmukhi-Regular.ttf")),
            FaceId::Gujarati => ("NotoSansGujarati", font_file!("NotoSansGujarati-Regular.ttf")),
            FaceId::Tamil => ("NotoSansTamil", font_file!("NotoSansTamil-Regular.ttf")),
            FaceId::Cjk => ("DroidSansFallbackFull", font_file!("DroidSansFallbackFull.ttf")),
        }
    }

    /// One of the Liberation faces (Latin, Greek, Cyrillic).
    pub(crate) fn is_latin(self) -> bool {
        matches!(
            self,
            FaceId::Sans
                | FaceId::SansBold
                | FaceId::SansItalic
                | FaceId::SansBoldItalic
                | FaceId::Mono
                | FaceId::MonoBold
        )
    }

    pub(crate) fn is_bold(self) -> bool {
        matches!(
            self,
            FaceId::SansBold | FaceId::SansBoldItalic | FaceId::MonoBold | FaceId::NaskhBold
        )
    }

    pub(crate) fn is_italic(self) -> bool {
        matches!(self, FaceId::SansItalic | FaceId::SansBoldItalic)
    }

    pub(crate) fn is_fixed_pitch(self) -> bool {
        matches!(self, FaceId::Mono | FaceId::MonoBold)
    }
}

/// A parsed font: shaping face, raw bytes (for subsetting) and the numbers a PDF font descriptor
/// asks for.
pub(crate) struct LoadedFace {
    pub name: &'static str,
    pub bytes: &'static [u8],
    pub face: Face<'static>,
    pub units_per_em: f32,
}

impl LoadedFace {
    /// Converts font units to thousandths of an em, PDF's glyph space.
    pub fn to_milli(&self, units: i32) -> f32 {
        units as f32 * 1000.0 / self.units_per_em
    }

    pub fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Advance width of glyph `gid` in thousandths of an em.
    pub fn advance_milli(&self, gid: u16) -> f32 {
        let units = self.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid)).unwrap_or(0);
        self.to_milli(i32::from(units))
    }
}

static FACES: LazyLock<Vec<LoadedFace>> = LazyLock::new(|| {
    ALL.iter()
        .map(|id| {
            let (name, bytes) = id.source();
            // The files are compiled in and checked by the tests, so this cannot fail at run time.
            let face = Face::from_slice(bytes, 0).expect("a shipped font parses");
            let units_per_em = f32::from(face.units_per_em() as u16);
            LoadedFace { name, bytes, face, units_per_em }
        })
        .collect()
});

pub(crate) fn face(id: FaceId) -> &'static LoadedFace {
    &FACES[id as usize]
}

/// Which shipped fonts draw text set in `font`, in the order they are tried: the style's own
/// face, then the script fallbacks (bold ones where we ship them), then the Latin sans for
/// monospaced text, then CJK last because it also covers much else less well.
pub(crate) fn fallback_chain(font: Font) -> &'static [FaceId] {
    use FaceId::*;
    match font {
        Font::Regular => {
            &[Sans, Naskh, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Cjk]
        }
        Font::Bold => {
            &[SansBold, NaskhBold, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Cjk]
        }
        Font::Italic => {
            &[SansItalic, Naskh, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Cjk]
        }
        Font::BoldItalic => &[
            SansBoldItalic,
            NaskhBold,
            Hebrew,
            Devanagari,
            Bengali,
            Gurmukhi,
            Gujarati,
            Tamil,
            Cjk,
        ],
        Font::Mono => {
            &[Mono, Sans, Naskh, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Cjk]
        }
        Font::MonoBold => &[
            MonoBold, SansBold, NaskhBold, Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil,
            Cjk,
        ],
    }
}

/// The first face in `font`'s chain that has a glyph for every character of `cluster`; `None`
/// when no shipped font has them all.
pub(crate) fn face_for(font: Font, cluster: &str) -> Option<FaceId> {
    use unicode_script::{Script, UnicodeScript};
    let covers_all =
        |id: &FaceId| cluster.chars().all(|c| is_default_ignorable(c) || face(*id).covers(c));
    // Liberation has a few letters of other scripts (Hebrew, some Arabic) but not their marks
    // and shaping, and readers give its right-to-left glyphs back in the wrong order: the Latin
    // faces set Latin, Greek and Cyrillic only, and other scripts go to their own faces first.
    let latin_family = |c: char| {
        matches!(
            c.script(),
            Script::Latin | Script::Greek | Script::Cyrillic | Script::Common | Script::Inherited
        )
    };
    if !cluster.chars().all(latin_family) {
        let own = fallback_chain(font).iter().copied().filter(|id| !id.is_latin()).find(covers_all);
        if own.is_some() {
            return own;
        }
    }
    fallback_chain(font).iter().copied().find(covers_all)
}

/// Characters a shaper handles without a glyph of their own (joiners, variation selectors...), so
/// they never force a change of font.
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{034F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_font_parses_and_covers_its_script() {
        for (id, sample) in [
            (FaceId::Sans, 'Ł'),
            (FaceId::SansBold, 'ğ'),
            (FaceId::SansItalic, 'Д'),
            (FaceId::SansBoldItalic, 'ᾶ'),
            (FaceId::Mono, '0'),
            (FaceId::MonoBold, 'W'),
            (FaceId::Naskh, 'ہ'),
            (FaceId::NaskhBold, 'ے'),
            (FaceId::Hebrew, 'ש'),
            (FaceId::Devanagari, 'न'),
            (FaceId::Bengali, 'স'),
            (FaceId::Gurmukhi, 'ਪ'),
            (FaceId::Gujarati, 'ગ'),
            (FaceId::Tamil, 'த'),
            (FaceId::Cjk, '中'),
        ] {
            assert!(face(id).covers(sample), "{id:?} lacks {sample}");
        }
        assert!(face(FaceId::Cjk).covers('가') && face(FaceId::Cjk).covers('あ'));
    }

    #[test]
    fn the_latin_faces_keep_helvetica_and_courier_widths() {
        let sans = face(FaceId::Sans);
        let gid = |c| sans.face.glyph_index(c).unwrap().0;
        assert_eq!(sans.advance_milli(gid('W')).round(), 944.0);
        assert_eq!(sans.advance_milli(gid('i')).round(), 222.0);
        let mono = face(FaceId::Mono);
        assert_eq!(mono.advance_milli(mono.face.glyph_index('W').unwrap().0).round(), 600.0);
    }

    #[test]
    fn fallback_picks_a_face_by_coverage() {
        assert_eq!(face_for(Font::Regular, "Ł"), Some(FaceId::Sans));
        assert_eq!(face_for(Font::Bold, "ملکہ"), Some(FaceId::NaskhBold));
        assert_eq!(face_for(Font::Italic, "সাহায্য"), Some(FaceId::Bengali));
        assert_eq!(face_for(Font::Mono, "中文"), Some(FaceId::Cjk));
        assert_eq!(face_for(Font::Regular, "\u{10FFFD}"), None);
    }
}
