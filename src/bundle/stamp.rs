//! Page stamps: every page gets its number in the bottom right-hand corner of the page *as it is
//! shown*, upright, whatever the page's `/Rotate`, on a small white patch so it reads over scans.
//!
//! The page's own content is wrapped in `q … Q` (a shared one-byte stream before it, the closing
//! `Q` at the start of ours), so whatever graphics state it leaves behind cannot move or hide the
//! stamp. The stamp's font is added to the page's own copy of its resources.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use super::merge::{rect, A4};
use crate::error::{Error, Result};
use crate::pdf::Font;

const FONT_NAME: &str = "CfStamp";
const SIZE: f32 = 9.0;
/// From the right and bottom edges of the page as shown, in points (10 mm and 7 mm).
const RIGHT: f32 = 28.35;
const BOTTOM: f32 = 19.85;

pub(crate) struct Stamper {
    font: ObjectId,
    open: ObjectId,
}

impl Stamper {
    pub fn new(doc: &mut Document) -> Self {
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let open = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        Stamper { font, open }
    }

    /// Stamps `label` on `page`.
    pub fn stamp(&self, doc: &mut Document, page: ObjectId, label: &str) -> Result<()> {
        let label: String =
            label.chars().map(|c| if c.is_ascii() && !c.is_control() { c } else { '?' }).collect();
        let (bbox, rotate, contents, resources) = {
            let dict = doc
                .get_dictionary(page)
                .map_err(|_| Error::Internal("a bundle page is missing".into()))?;
            let media = dict.get(b"MediaBox").ok().and_then(|o| rect(doc, o)).unwrap_or(A4);
            let bbox = dict.get(b"CropBox").ok().and_then(|o| rect(doc, o)).unwrap_or(media);
            let rotate = dict.get(b"Rotate").and_then(Object::as_i64).unwrap_or(0).rem_euclid(360);
            let contents = content_refs(doc, dict.get(b"Contents").ok());
            let resources = match dict.get(b"Resources") {
                Ok(o) => doc
                    .dereference(o)
                    .ok()
                    .and_then(|(_, r)| r.as_dict().ok())
                    .cloned()
                    .unwrap_or_default(),
                Err(_) => Dictionary::new(),
            };
            (bbox, rotate, contents, resources)
        };
        let [x0, y0, x1, y1] = bbox;
        let (w, h) = (x1 - x0, y1 - y0);
        let shown_width = if rotate == 90 || rotate == 270 { h } else { w };
        // Display space (origin bottom-left of the page as shown) to the page's own space.
        let m = match rotate {
            90 => [0.0, 1.0, -1.0, 0.0, x1, y0],
            180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
            270 => [0.0, -1.0, 1.0, 0.0, x0, y1],
            _ => [1.0, 0.0, 0.0, 1.0, x0, y0],
        };
        let tw = Font::Regular.text_width(&label, SIZE);
        let u = (shown_width - RIGHT - tw).max(4.0);
        let v = BOTTOM;
        let escaped = label.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        let ops = format!(
            "Q\nq {} {} {} {} {} {} cm\n1 g {:.2} {:.2} {:.2} {:.2} re f\n0 g BT /{FONT_NAME} {SIZE} Tf {:.2} {:.2} Td ({escaped}) Tj ET\nQ\n",
            m[0], m[1], m[2], m[3], m[4], m[5],
            u - 3.0, v - 3.0, tw + 6.0, SIZE + 4.0,
            u, v
        );
        let stamp = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));

        let mut resources = resources;
        let mut fonts = match resources.get(b"Font") {
            Ok(o) => doc
                .dereference(o)
                .ok()
                .and_then(|(_, f)| f.as_dict().ok())
                .cloned()
                .unwrap_or_default(),
            Err(_) => Dictionary::new(),
        };
        fonts.set(FONT_NAME, self.font);
        resources.set("Font", fonts);

        let mut all = Vec::with_capacity(contents.len() + 2);
        all.push(Object::Reference(self.open));
        all.extend(contents.into_iter().map(Object::Reference));
        all.push(Object::Reference(stamp));
        let dict = doc
            .get_dictionary_mut(page)
            .map_err(|_| Error::Internal("a bundle page is missing".into()))?;
        dict.set("Resources", resources);
        dict.set("Contents", all);
        Ok(())
    }
}

/// The page's content streams, in order (a reference, an array, or a reference to an array).
fn content_refs(doc: &Document, contents: Option<&Object>) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut current = contents;
    for _ in 0..8 {
        match current {
            Some(Object::Reference(id)) => match doc.objects.get(id) {
                Some(Object::Stream(_)) => {
                    out.push(*id);
                    break;
                }
                Some(o @ Object::Array(_)) => current = Some(o),
                _ => break,
            },
            Some(Object::Array(items)) => {
                for item in items {
                    if let Ok(id) = item.as_reference() {
                        if matches!(doc.objects.get(&id), Some(Object::Stream(_))) {
                            out.push(id);
                        }
                    }
                }
                break;
            }
            _ => break,
        }
    }
    out
}

/// The words stamped on page `n` of `total`.
pub(crate) fn label(n: u32, total: u32, prefix: Option<&str>, of_total: bool) -> String {
    match (prefix, of_total) {
        (Some(p), true) => format!("{p}{n} (page {n} of {total})"),
        (Some(p), false) => format!("{p}{n}"),
        (None, true) => format!("Page {n} of {total}"),
        (None, false) => n.to_string(),
    }
}
