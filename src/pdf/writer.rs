//! Serialising pages to PDF bytes with embedded, subset fonts.
//!
//! Pages arrive as printpdf pages (the drawing API the rest of Carefile builds on), but printpdf
//! is not asked to write them: without its layout features it can only show WinAnsi text or embed
//! whole font files. Here every text run is shaped ([`shape_line`]) and drawn with a Type0 font
//! (Identity-H, CIDFontType2) per shipped face, each holding only the glyphs the document uses.
//! The CID of a glyph is its number in the full font, mapped to the subset by a `/CIDToGIDMap`;
//! every glyph has a ToUnicode entry, and runs whose glyphs alone can't give the text back in
//! reading order (right-to-left, reordered Indic clusters, ligatures) carry it as `/ActualText`.
//!
//! Only the operations the [`Layout`](super::Layout) draws are written: paths, rectangles, greys,
//! text. Anything else is left out rather than guessed at.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use printpdf::{BuiltinFont, Color, Op, PaintMode, PdfFontHandle, PdfPage, TextItem};
use sha2::{Digest, Sha256};

use super::face::{face, FaceId};
use super::shape::{clean_text, shape_line, Glyph, Run};
use super::text::Font;
use crate::error::{Error, Result};

/// Glyphs used from one face: glyph id → the text it stands for.
type Used = BTreeMap<FaceId, BTreeMap<u16, String>>;

/// Serialises `pages` into a PDF whose document title (metadata, not page text) is `title`.
pub fn save_pdf(title: &str, pages: Vec<PdfPage>) -> Result<Vec<u8>> {
    let mut used = Used::new();
    let contents: Vec<Vec<u8>> =
        pages.iter().map(|page| page_content(&page.ops, &mut used)).collect();

    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut fonts = Dictionary::new();
    for (face_id, glyphs) in &used {
        let font = embed_face(&mut doc, *face_id, glyphs)?;
        fonts.set(resource_name(*face_id), font);
    }
    let resources = doc.add_object(dictionary! { "Font" => fonts });
    let mut kids = Vec::with_capacity(pages.len());
    for (page, content) in pages.iter().zip(contents) {
        let mut stream = Stream::new(Dictionary::new(), content);
        let _ = stream.compress();
        let content_id = doc.add_object(stream);
        let media = &page.media_box;
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), real(media.width.0).into(), real(media.height.0).into()],
            "Contents" => content_id,
            "Resources" => resources,
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => text_string(title),
        "Producer" => Object::string_literal("Carefile"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(|e| Error::Internal(format!("building a PDF failed: {e}")))?;
    Ok(bytes)
}

fn resource_name(face: FaceId) -> String {
    format!("CF{}", face as usize)
}

/// A PDF text string: PDFDocEncoding-safe ASCII as it is, anything else as UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    if text.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        return Object::string_literal(text);
    }
    Object::String(utf16be(text, true), StringFormat::Hexadecimal)
}

fn utf16be(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

fn real(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// A number for a content stream: short, and never in exponent form.
fn num(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn builtin_style(font: BuiltinFont) -> Font {
    use BuiltinFont::*;
    match font {
        HelveticaBold | TimesBold => Font::Bold,
        HelveticaOblique | TimesItalic => Font::Italic,
        HelveticaBoldOblique | TimesBoldItalic => Font::BoldItalic,
        Courier | CourierOblique => Font::Mono,
        CourierBold | CourierBoldOblique => Font::MonoBold,
        _ => Font::Regular,
    }
}

/// The style an external font handle names (see `Font::handle`), regular when unknown.
fn handle_style(handle: &PdfFontHandle) -> Font {
    match handle {
        PdfFontHandle::Builtin(b) => builtin_style(*b),
        PdfFontHandle::External(id) => Font::from_handle_name(&id.0).unwrap_or(Font::Regular),
    }
}

fn colour(out: &mut String, col: &Color, stroke: bool) {
    let (g, rg, k) = if stroke { ("G", "RG", "K") } else { ("g", "rg", "k") };
    match col {
        Color::Greyscale(c) => {
            let _ = writeln!(out, "{} {g}", num(c.percent));
        }
        Color::Rgb(c) => {
            let _ = writeln!(out, "{} {} {} {rg}", num(c.r), num(c.g), num(c.b));
        }
        Color::Cmyk(c) => {
            let _ = writeln!(out, "{} {} {} {} {k}", num(c.c), num(c.m), num(c.y), num(c.k));
        }
        Color::SpotColor(c) => {
            let _ = writeln!(out, "{} {} {} {} {k}", num(c.c), num(c.m), num(c.y), num(c.k));
        }
    }
}

fn page_content(ops: &[Op], used: &mut Used) -> Vec<u8> {
    let mut out = String::new();
    let (mut font, mut size) = (Font::Regular, 10.0_f32);
    let mut fill: Option<Color> = None;
    for op in ops {
        match op {
            Op::SaveGraphicsState => out.push_str("q\n"),
            Op::RestoreGraphicsState => out.push_str("Q\n"),
            Op::SetFillColor { col } => {
                colour(&mut out, col, false);
                fill = Some(col.clone());
            }
            Op::SetOutlineColor { col } => colour(&mut out, col, true),
            Op::SetOutlineThickness { pt } => {
                let _ = writeln!(out, "{} w", num(pt.0));
            }
            Op::DrawLine { line } => {
                for (i, p) in line.points.iter().enumerate() {
                    let verb = if i == 0 { "m" } else { "l" };
                    let _ = writeln!(out, "{} {} {verb}", num(p.p.x.0), num(p.p.y.0));
                }
                out.push_str(if line.is_closed { "h S\n" } else { "S\n" });
            }
            Op::DrawRectangle { rectangle: r } => {
                let paint = match r.mode.unwrap_or_default() {
                    PaintMode::Fill => "f",
                    PaintMode::Stroke => "S",
                    PaintMode::FillStroke => "B",
                    PaintMode::Clip => "W n",
                };
                let _ = writeln!(
                    out,
                    "{} {} {} {} re {paint}",
                    num(r.x.0),
                    num(r.y.0),
                    num(r.width.0),
                    num(r.height.0)
                );
            }
            Op::StartTextSection => out.push_str("BT\n"),
            Op::EndTextSection => out.push_str("ET\n"),
            Op::SetFont { font: handle, size: s } => {
                font = handle_style(handle);
                size = s.0;
            }
            Op::SetTextCursor { pos } => {
                let _ = writeln!(out, "{} {} Td", num(pos.x.0), num(pos.y.0));
            }
            Op::ShowText { items } => {
                for item in items {
                    if let TextItem::Text(text) = item {
                        for run in shape_line(&clean_text(text), font).runs {
                            // A bold style drawn with a face that has no bold (Indic, Hebrew,
                            // CJK) is emboldened by stroking its outlines in the text colour.
                            let fake_bold =
                                matches!(font, Font::Bold | Font::BoldItalic | Font::MonoBold)
                                    && !run.face.is_bold();
                            if fake_bold {
                                if let Some(col) = &fill {
                                    colour(&mut out, col, true);
                                }
                                let _ = writeln!(out, "{} w 2 Tr", num(size * 0.03));
                            }
                            show_run(&mut out, &run, size, used);
                            if fake_bold {
                                out.push_str("0 Tr\n");
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out.into_bytes()
}

fn show_run(out: &mut String, run: &Run, size: f32, used: &mut Used) {
    let glyphs = used.entry(run.face).or_default();
    for g in &run.glyphs {
        let entry = glyphs.entry(g.gid).or_default();
        if entry.is_empty() && !g.text.is_empty() {
            *entry = g.text.clone();
        }
    }
    let actual = run.needs_actual_text();
    if actual {
        let hex: String = utf16be(&run.text, true).iter().map(|b| format!("{b:02X}")).collect();
        let _ = writeln!(out, "/Span <</ActualText <{hex}>>> BDC");
    }
    let _ = writeln!(out, "/{} {} Tf", resource_name(run.face), num(size));
    let loaded = face(run.face);
    let mut tj = String::from("[");
    let mut pending = 0.0_f32;
    let flush_number = |tj: &mut String, pending: &mut f32| {
        if pending.abs() > 0.01 {
            let _ = write!(tj, " {} ", num(*pending));
        }
        *pending = 0.0;
    };
    for Glyph { gid, advance, x_offset, y_offset, .. } in &run.glyphs {
        let width = loaded.advance_milli(*gid);
        pending -= x_offset;
        if y_offset.abs() > 0.01 {
            flush_number(&mut tj, &mut pending);
            let _ = write!(out, "{tj}] TJ\n{} Ts\n", num(y_offset * size / 1000.0));
            let _ = write!(out, "[<{gid:04X}>] TJ\n0 Ts\n");
            tj = String::from("[");
        } else {
            flush_number(&mut tj, &mut pending);
            let _ = write!(tj, "<{gid:04X}>");
        }
        pending += x_offset + width - advance;
    }
    flush_number(&mut tj, &mut pending);
    let _ = writeln!(out, "{tj}] TJ");
    if actual {
        out.push_str("EMC\n");
    }
}

/// Adds the Type0 font for `face_id` holding `glyphs`, returning its reference.
fn embed_face(
    doc: &mut Document,
    face_id: FaceId,
    glyphs: &BTreeMap<u16, String>,
) -> Result<ObjectId> {
    let loaded = face(face_id);
    let mut order: Vec<u16> = vec![0];
    order.extend(glyphs.keys().copied().filter(|g| *g != 0));
    let font_bytes = subset_font(loaded.bytes, &order)?;

    // A name tag unique to this subset (PDF 32000-1 9.6.4): six capitals from a hash of it.
    let mut hasher = Sha256::new();
    for g in &order {
        hasher.update(g.to_be_bytes());
    }
    let digest = hasher.finalize();
    let tag: String = digest.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect();
    let base_font = format!("{tag}+{}", loaded.name);

    let max_gid = usize::from(*order.iter().max().unwrap_or(&0));
    let mut cid_to_gid = vec![0u8; (max_gid + 1) * 2];
    for (new, old) in order.iter().enumerate() {
        let at = usize::from(*old) * 2;
        cid_to_gid[at..at + 2].copy_from_slice(&(new as u16).to_be_bytes());
    }
    let mut map_stream = Stream::new(Dictionary::new(), cid_to_gid);
    let _ = map_stream.compress();
    let cid_to_gid_id = doc.add_object(map_stream);

    let length1 = font_bytes.len() as i64;
    let mut file = Stream::new(dictionary! { "Length1" => length1 }, font_bytes);
    let _ = file.compress();
    let file_id = doc.add_object(file);

    let f = &loaded.face;
    let bbox = f.global_bounding_box();
    let milli = |v: i16| Object::Integer(loaded.to_milli(i32::from(v)).round() as i64);
    let mut flags = 4; // symbolic: glyphs outside the standard Latin set
    if face_id.is_fixed_pitch() {
        flags |= 1;
    }
    if face_id.is_italic() {
        flags |= 64;
    }
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![milli(bbox.x_min), milli(bbox.y_min), milli(bbox.x_max), milli(bbox.y_max)],
        "ItalicAngle" => Object::Real(f.italic_angle()),
        "Ascent" => milli(f.ascender()),
        "Descent" => milli(f.descender()),
        "CapHeight" => milli(f.capital_height().unwrap_or(f.ascender())),
        "StemV" => 80,
        "FontFile2" => file_id,
    });

    let mut widths: Vec<Object> = Vec::new();
    for gid in &order {
        widths.push(Object::Integer(i64::from(*gid)));
        widths.push(Object::Array(vec![Object::Real(real(loaded.advance_milli(*gid)))]));
    }
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "W" => widths,
        "CIDToGIDMap" => cid_to_gid_id,
    });
    let mut cmap = Stream::new(Dictionary::new(), to_unicode_cmap(glyphs).into_bytes());
    let _ = cmap.compress();
    let cmap_id = doc.add_object(cmap);
    Ok(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => cmap_id,
    }))
}

fn subset_font(bytes: &[u8], order: &[u16]) -> Result<Vec<u8>> {
    let failed =
        |e: &dyn std::fmt::Display| Error::Internal(format!("subsetting a font failed: {e}"));
    let data = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| failed(&e))?;
    let provider = data.table_provider(0).map_err(|e| failed(&e))?;
    // The PDF profile less the `name` table: a viewer takes the name from the font dictionary,
    // and Liberation's carries kilobytes of licence text in every document.
    use allsorts::tag;
    let tables = vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::POST,
        tag::PREP,
    ];
    subset(&provider, order, &SubsetProfile::Custom(tables), CmapTarget::Unrestricted)
        .map_err(|e| failed(&e))
}

/// The ToUnicode CMap (PDF 32000-1 9.10.3): each glyph id to the text it stands for. Glyphs that
/// stand for no text of their own (the second glyph of a cluster) are left out.
fn to_unicode_cmap(glyphs: &BTreeMap<u16, String>) -> String {
    let entries: Vec<(u16, &String)> =
        glyphs.iter().filter(|(_, t)| !t.is_empty()).map(|(g, t)| (*g, t)).collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (gid, text) in chunk {
            let hex: String = utf16be(text, false).iter().map(|b| format!("{b:02X}")).collect();
            let _ = writeln!(out, "<{gid:04X}> <{hex}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::{Layout, TextStyle};

    pub(crate) const NAMES: [&str; 7] = [
        "Łucja Wiśniewska-Ağaoğlu",
        "Ἀθηνᾶ",
        "Дмитрий Иванов",
        "Şule Çelik",
        "ملکہ کو مدد چاہیے",
        "সাহায্য",
        "中文 かな",
    ];

    fn sample_pdf() -> Vec<u8> {
        let mut layout = Layout::a4();
        layout.heading(NAMES[0], &TextStyle::title());
        for name in NAMES {
            layout.paragraph(name, &TextStyle::body());
            layout.paragraph(&format!("Bold {name}."), &TextStyle::heading());
        }
        layout.paragraph(
            "An email quoting her aunt: ملکہ کو مدد چاہیے — and her grandmother: সাহায্য.",
            &TextStyle::body(),
        );
        layout.paragraph(
            "Arabic: السلام عليكم ورحمة الله، لا بأس.\nبَابٌ وَلَا\nشلام\nHebrew: שלום עליכם.\nשלום עליכם\nHebrew שלום עליכם\nHindi: नमस्ते दुनिया. Tamil: வணக்கம். Gurmukhi: ਸਤ ਸ੍ਰੀ ਅਕਾਲ. Gujarati: નમસ્તે.",
            &TextStyle::body(),
        );
        save_pdf("Łucja's pack", layout.finish()).unwrap()
    }

    fn pdftotext(bytes: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sample.pdf");
        std::fs::write(&path, bytes).unwrap();
        if let Ok(keep) = std::env::var("CAREFILE_KEEP_PDF") {
            std::fs::copy(&path, keep).unwrap();
        }
        let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
        Some(String::from_utf8(out.stdout).unwrap())
    }

    #[test]
    fn every_script_comes_back_from_the_page() {
        let bytes = sample_pdf();
        let Some(text) = pdftotext(&bytes) else { return };
        for name in NAMES {
            assert!(text.contains(name), "{name} missing from {text}");
        }
        assert!(!text.contains('?') && !text.contains('\u{FFFD}'), "{text}");
    }

    #[test]
    fn fonts_are_subset_and_tagged() {
        let bytes = sample_pdf();
        assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
        let doc = Document::load_mem(&bytes).unwrap();
        let mut names = Vec::new();
        for obj in doc.objects.values() {
            if let Ok(d) = obj.as_dict() {
                if d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice()) {
                    names.push(
                        String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap())
                            .into_owned(),
                    );
                    assert!(d.get(b"ToUnicode").is_ok());
                }
            }
        }
        assert!(names.iter().any(|n| n.ends_with("+LiberationSans")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with("+NotoNaskhArabic")), "{names:?}");
        assert!(names.iter().all(|n| n.as_bytes()[6] == b'+'), "{names:?}");
    }
}
