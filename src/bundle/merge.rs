//! Merging: sources (PDFs, images, our own pages) become one lopdf document with one page tree.
//!
//! Each page first gets the attributes it inherited from its page-tree ancestors (MediaBox,
//! CropBox, Resources, Rotate) copied onto itself, because the ancestors are left behind when the
//! page moves into the bundle's tree: without this a page loses its size, fonts or rotation. Object
//! numbers are then shifted into the bundle's range, and anything no longer reachable from the new
//! catalog (old catalogs, page-tree nodes, outlines) is dropped when the bundle is finished.

use std::collections::{BTreeMap, HashSet};

use lopdf::{dictionary, Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::error::{Error, Result};

/// Pages we will not read from one source (the import refuses larger files anyway).
const MAX_SOURCE_PAGES: usize = 20_000;
/// No stream in a source may decompress to more than this while loading.
pub(super) const MAX_STREAM_BYTES: usize = 256 * 1024 * 1024;
/// A4 in points, for pages that give no usable size.
pub(crate) const A4: [f32; 4] = [0.0, 0.0, 595.276, 841.89];

/// One source's objects with its pages in reading order.
pub(crate) struct Source {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
}

fn damaged(why: impl std::fmt::Display) -> Error {
    Error::CorruptFile(format!(
        "it is a damaged PDF ({why}); open it in a PDF viewer, print it to a new PDF and add that"
    ))
}

/// Parses a PDF and readies its pages for merging. Callers run this contained.
pub(crate) fn parse_pdf(bytes: &[u8]) -> Result<Source> {
    let options =
        LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..LoadOptions::default() };
    let mut doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => password(),
        other => damaged(other),
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(password());
    }
    let mut seen = HashSet::new();
    let pages: Vec<ObjectId> =
        doc.page_iter().take(MAX_SOURCE_PAGES + 1).filter(|p| seen.insert(*p)).collect();
    if pages.is_empty() {
        return Err(damaged("it has no pages"));
    }
    if pages.len() > MAX_SOURCE_PAGES {
        return Err(Error::UnsupportedFile(format!(
            "it has more than {MAX_SOURCE_PAGES} pages; split it into smaller PDFs"
        )));
    }
    for (n, &page) in pages.iter().enumerate() {
        materialize(&mut doc, page);
        check_content(&mut doc, page).map_err(|why| {
            Error::CorruptFile(format!(
                "page {} of it is damaged ({why}); open it in a PDF viewer, print it to a new PDF \
                 and add that",
                n + 1
            ))
        })?;
    }
    Ok(Source { doc, pages })
}

/// Every content stream of the page decodes. A viewer would show a damaged one as a blank or
/// broken page, and `qpdf --check` rejects the whole bundle, so such a document is left out and
/// the person told, rather than passed on silently. Streams in older encodings (LZW, ASCII85)
/// are stored decoded, so readers stricter than lopdf see exactly what we checked.
fn check_content(doc: &mut Document, page: ObjectId) -> std::result::Result<(), String> {
    for id in doc.get_page_contents(page) {
        let Ok(Object::Stream(s)) = doc.get_object_mut(id) else { continue };
        let plain_flate = match s.filters() {
            Ok(f) => {
                f.iter().all(|f| *f == b"FlateDecode")
                    && f.len() <= 1
                    && s.dict.get(b"DecodeParms").is_err()
            }
            Err(_) => true,
        };
        match s.decompressed_content_with_limit(MAX_STREAM_BYTES) {
            Ok(decoded) if !plain_flate => {
                s.dict.remove(b"Filter");
                s.dict.remove(b"DecodeParms");
                s.set_content(decoded);
            }
            // lopdf's inflater is lenient, so prove the stream whole by its Adler-32 checksum. A
            // broken one is stored as what a lenient viewer shows: the part that inflated, or the
            // bytes as they are when they were never compressed at all.
            Ok(decoded) if s.filters().is_ok() && !zlib_intact(&s.content, &decoded) => {
                let content = if zlib_header(&s.content) { decoded } else { s.content.clone() };
                s.dict.remove(b"Filter");
                s.set_content(content);
            }
            Err(lopdf::Error::Unimplemented(_)) => {
                const KNOWN: [&[u8]; 10] = [
                    b"ASCIIHexDecode",
                    b"AHx",
                    b"RunLengthDecode",
                    b"RL",
                    b"FlateDecode",
                    b"Fl",
                    b"LZWDecode",
                    b"LZW",
                    b"ASCII85Decode",
                    b"A85",
                ];
                let filters = s.filters().unwrap_or_default();
                if let Some(f) = filters.iter().find(|f| !KNOWN.contains(f)) {
                    return Err(format!(
                        "its content uses an encoding no reader knows ({})",
                        String::from_utf8_lossy(f)
                    ));
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("its content can't be decoded: {e}")),
        }
    }
    Ok(())
}

fn zlib_header(raw: &[u8]) -> bool {
    raw.len() >= 2 && raw[0] & 0x0F == 8 && (u16::from(raw[0]) << 8 | u16::from(raw[1])) % 31 == 0
}

/// The zlib stream `raw` inflated completely to `decoded` (its Adler-32 trailer matches).
fn zlib_intact(raw: &[u8], decoded: &[u8]) -> bool {
    if !zlib_header(raw) {
        return false;
    }
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in decoded.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    let sum = (b << 16 | a).to_be_bytes();
    // The stream may be followed by an end-of-line inside /Length.
    let tail = &raw[raw.len().saturating_sub(8)..];
    tail.windows(4).any(|w| w == sum)
}

fn password() -> Error {
    Error::UnsupportedFile(
        "it is protected by a password; import a copy without the password (open it and print \
         it to a new PDF)"
            .into(),
    )
}

/// A number from a direct or referenced object.
fn number(doc: &Document, o: &Object) -> Option<f32> {
    match doc.dereference(o).ok()?.1 {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A rectangle `[llx lly urx ury]`, normalised so the first corner is lower-left.
pub(crate) fn rect(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let arr = doc.dereference(o).ok()?.1.as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let v: Vec<f32> = arr.iter().filter_map(|x| number(doc, x)).filter(|x| x.is_finite()).collect();
    if v.len() != 4 {
        return None;
    }
    let r = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
    (r[2] - r[0] >= 1.0 && r[3] - r[1] >= 1.0).then_some(r)
}

pub(super) fn rect_object(r: [f32; 4]) -> Object {
    Object::Array(r.iter().map(|v| Object::Real(*v)).collect())
}

/// Copies inherited attributes onto the page and makes its size and rotation plain values.
fn materialize(doc: &mut Document, page: ObjectId) {
    const INHERITED: [&[u8]; 4] = [b"MediaBox", b"CropBox", b"Resources", b"Rotate"];
    let mut found: BTreeMap<&[u8], Object> = BTreeMap::new();
    if let Ok(dict) = doc.get_dictionary(page) {
        let mut parent = dict.get(b"Parent").and_then(Object::as_reference).ok();
        let mut guard = 0;
        while let (Some(id), true) = (parent, guard < 64) {
            guard += 1;
            let Ok(node) = doc.get_dictionary(id) else { break };
            for key in INHERITED {
                if dict.get(key).is_err() && !found.contains_key(key) {
                    if let Ok(v) = node.get(key) {
                        found.insert(key, v.clone());
                    }
                }
            }
            parent = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    let (media, crop, rotate, resources_ok) = {
        let Ok(dict) = doc.get_dictionary(page) else { return };
        let get = |k: &[u8]| dict.get(k).ok().or_else(|| found.get(k));
        let media = get(b"MediaBox").and_then(|o| rect(doc, o)).unwrap_or(A4);
        let crop = get(b"CropBox").and_then(|o| rect(doc, o));
        let rotate = get(b"Rotate").and_then(|o| number(doc, o)).map(|r| r as i64).unwrap_or(0);
        let resources_ok = get(b"Resources")
            .map(|o| doc.dereference(o).map(|(_, r)| r.as_dict().is_ok()).unwrap_or(false))
            .unwrap_or(false);
        (media, crop, rotate, resources_ok)
    };
    let resources = if resources_ok { found.remove(&b"Resources"[..]) } else { None };
    let Ok(dict) = doc.get_dictionary_mut(page) else { return };
    dict.set("MediaBox", rect_object(media));
    match crop {
        // A crop box outside the media box shows nothing; drop it rather than keep a blank page.
        Some(c) if c[0] < media[2] && c[2] > media[0] && c[1] < media[3] && c[3] > media[1] => {
            dict.set("CropBox", rect_object(c))
        }
        _ => {
            dict.remove(b"CropBox");
        }
    }
    let rotate = (rotate.rem_euclid(360) / 90) * 90;
    if rotate == 0 {
        dict.remove(b"Rotate");
    } else {
        dict.set("Rotate", rotate);
    }
    if let Some(r) = resources {
        dict.set("Resources", r);
    } else if !resources_ok {
        dict.set("Resources", Dictionary::new());
    }
}

/// Our own pages (printpdf output), ready to merge.
pub(crate) fn from_printpdf(title: &str, pages: Vec<printpdf::PdfPage>) -> Result<Source> {
    let bytes = crate::pdf::save_pdf(title, pages)?;
    let doc = Document::load_mem(&bytes)
        .map_err(|e| Error::Internal(format!("reading back our own pages failed: {e}")))?;
    let pages = doc.page_iter().collect();
    Ok(Source { doc, pages })
}

/// Builds the bundle's document out of sources.
pub(crate) struct Assembler {
    pub out: Document,
    pub kids: Vec<ObjectId>,
}

impl Assembler {
    pub fn new() -> Self {
        let mut out = Document::with_version("1.7");
        out.max_id = 0;
        Assembler { out, kids: Vec::new() }
    }

    /// Moves a source's objects in, renumbered after ours; returns its pages' new ids.
    pub fn absorb(&mut self, src: Source) -> Vec<ObjectId> {
        let offset = self.out.max_id;
        let mut map: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
        for (i, id) in src.doc.objects.keys().enumerate() {
            map.insert(*id, (offset + 1 + i as u32, 0));
        }
        self.out.max_id = offset + src.doc.objects.len() as u32;
        for (id, mut obj) in src.doc.objects {
            remap(&mut obj, &map);
            // A /Length given by reference (or wrongly) is written as the bytes we actually hold.
            if let Object::Stream(s) = &mut obj {
                s.dict.set("Length", s.content.len() as i64);
            }
            if let Some(new) = map.get(&id) {
                self.out.objects.insert(*new, obj);
            }
        }
        src.pages.iter().filter_map(|p| map.get(p).copied()).collect()
    }

    pub fn push_page(&mut self, id: ObjectId) {
        self.kids.push(id);
    }

    /// Writes the page tree and catalog and drops what nothing refers to any more.
    pub fn finish_tree(&mut self) -> ObjectId {
        let pages_id = self.out.new_object_id();
        for kid in &self.kids {
            if let Ok(d) = self.out.get_dictionary_mut(*kid) {
                d.set("Parent", pages_id);
                d.set("Type", Object::Name(b"Page".to_vec()));
            }
        }
        let kids: Vec<Object> = self.kids.iter().map(|k| Object::Reference(*k)).collect();
        self.out.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => self.kids.len() as i64 }),
        );
        let catalog = self.out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        self.out.trailer.set("Root", catalog);
        catalog
    }

    /// Removes every object not reachable from the trailer.
    pub fn prune(&mut self) {
        let mut keep: HashSet<ObjectId> = HashSet::new();
        let mut stack: Vec<ObjectId> = Vec::new();
        let mut refs = Vec::new();
        for (_, v) in self.out.trailer.iter() {
            collect_refs(v, &mut refs);
        }
        stack.append(&mut refs);
        while let Some(id) = stack.pop() {
            if !keep.insert(id) {
                continue;
            }
            if let Some(obj) = self.out.objects.get(&id) {
                collect_refs(obj, &mut refs);
                stack.extend(refs.drain(..).filter(|r| !keep.contains(r)));
            }
        }
        self.out.objects.retain(|id, _| keep.contains(id));
        // A reference to an object that does not exist reads as null; say so plainly.
        let existing: HashSet<ObjectId> = self.out.objects.keys().copied().collect();
        for obj in self.out.objects.values_mut() {
            null_dangling(obj, &existing);
        }
    }
}

fn remap(obj: &mut Object, map: &BTreeMap<ObjectId, ObjectId>) {
    match obj {
        Object::Reference(r) => match map.get(r) {
            Some(n) => *r = *n,
            None => *obj = Object::Null,
        },
        Object::Array(a) => a.iter_mut().for_each(|o| remap(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| remap(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| remap(o, map)),
        _ => {}
    }
}

fn collect_refs(obj: &Object, out: &mut Vec<ObjectId>) {
    match obj {
        Object::Reference(r) => out.push(*r),
        Object::Array(a) => a.iter().for_each(|o| collect_refs(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| collect_refs(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| collect_refs(o, out)),
        _ => {}
    }
}

fn null_dangling(obj: &mut Object, existing: &HashSet<ObjectId>) {
    match obj {
        Object::Reference(r) if !existing.contains(r) => *obj = Object::Null,
        Object::Array(a) => a.iter_mut().for_each(|o| null_dangling(o, existing)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| null_dangling(o, existing)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| null_dangling(o, existing)),
        _ => {}
    }
}
