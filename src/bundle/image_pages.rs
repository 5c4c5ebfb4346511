//! Images as bundle pages: a JPEG or PNG becomes one A4 page (its own orientation, shown upright
//! by `/Rotate`), with the image embedded as it is (JPEG) or re-encoded losslessly (PNG). Kept
//! apart from `merge.rs`, which does the PDF surgery.

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

use super::merge::{rect_object, Source, A4, MAX_STREAM_BYTES};
use crate::error::{Error, Result};

/// An image (JPEG or PNG) as one page, on A4 in the image's own orientation, shown upright by
/// the page's `/Rotate` (its EXIF orientation).
pub(crate) fn image_page(bytes: &[u8], png: bool, rotate_degrees: u16) -> Result<Source> {
    let image = if png { png_xobject(bytes)? } else { jpeg_xobject(bytes)? };
    let (w, h) = (
        image.dict.get(b"Width").and_then(Object::as_i64).unwrap_or(1) as f32,
        image.dict.get(b"Height").and_then(Object::as_i64).unwrap_or(1) as f32,
    );
    let (pw, ph) = if h >= w { (A4[2], A4[3]) } else { (A4[3], A4[2]) };
    let margin = 36.0;
    let scale = ((pw - 2.0 * margin) / w).min((ph - 2.0 * margin) / h);
    let (dw, dh) = (w * scale, h * scale);
    let (x, y) = ((pw - dw) / 2.0, (ph - dh) / 2.0);
    let mut doc = Document::with_version("1.7");
    let img = doc.add_object(image);
    let content = format!("q {dw:.3} 0 0 {dh:.3} {x:.3} {y:.3} cm /Im0 Do Q\n");
    let content = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let mut page = dictionary! {
        "Type" => "Page",
        "MediaBox" => rect_object([0.0, 0.0, pw, ph]),
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => img } },
        "Contents" => content,
    };
    let rotate = i64::from(rotate_degrees % 360 / 90 * 90);
    if rotate != 0 {
        page.set("Rotate", rotate);
    }
    let page = doc.add_object(page);
    Ok(Source { doc, pages: vec![page] })
}

fn bad_image(what: &str) -> Error {
    Error::CorruptFile(format!(
        "the image can't be read ({what}); save it again as a JPEG or PDF and add that"
    ))
}

fn jpeg_xobject(bytes: &[u8]) -> Result<Stream> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return Err(bad_image("not a JPEG"));
    }
    let header = crate::image::jpeg(bytes);
    let (Some(w), Some(h)) = (header.width, header.height) else {
        return Err(bad_image("no image header"));
    };
    let comps = header.components.unwrap_or(0);
    let cs = match comps {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        _ => return Err(bad_image("unusual colour channels")),
    };
    if w == 0 || h == 0 {
        return Err(bad_image("no size"));
    }
    if !header.within_pixel_cap() {
        return Err(bad_image("too many pixels"));
    }
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w), "Height" => i64::from(h),
        "ColorSpace" => cs, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
    };
    if comps == 4 {
        // Adobe writes CMYK JPEGs inverted.
        dict.set("Decode", [1, 0, 1, 0, 1, 0, 1, 0].map(Object::from).to_vec());
    }
    let mut s = Stream::new(dict, bytes.to_vec());
    s.allows_compression = false;
    Ok(s)
}

fn png_xobject(bytes: &[u8]) -> Result<Stream> {
    if bytes.len() < 8 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
        return Err(bad_image("not a PNG"));
    }
    let (mut w, mut h, mut depth, mut colour, mut interlace) = (0u32, 0u32, 0u8, 0u8, 0u8);
    let mut palette = Vec::new();
    let mut data = Vec::new();
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let kind = &bytes[i + 4..i + 8];
        let start = i + 8;
        let Some(end) = start.checked_add(len).filter(|e| *e <= bytes.len()) else { break };
        let chunk = &bytes[start..end];
        match kind {
            b"IHDR" if chunk.len() >= 13 => {
                w = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                h = u32::from_be_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
                depth = chunk[8];
                colour = chunk[9];
                interlace = chunk[12];
            }
            b"PLTE" => palette = chunk.to_vec(),
            b"IDAT" => data.extend_from_slice(chunk),
            b"IEND" => break,
            _ => {}
        }
        i = end + 4;
    }
    if w == 0 || h == 0 || data.is_empty() {
        return Err(bad_image("no image data"));
    }
    // Checked from the header before anything is decoded.
    if u64::from(w) * u64::from(h) > crate::image::MAX_PIXELS {
        return Err(bad_image("too many pixels"));
    }
    if interlace != 0 {
        return Err(bad_image("interlaced PNG"));
    }
    let (colours, cs): (i64, Object) = match colour {
        0 | 4 => (1, "DeviceGray".into()),
        2 | 6 => (3, "DeviceRGB".into()),
        3 if !palette.is_empty() => (
            1,
            Object::Array(vec![
                "Indexed".into(),
                "DeviceRGB".into(),
                (palette.len() as i64 / 3 - 1).into(),
                Object::String(palette, lopdf::StringFormat::Hexadecimal),
            ]),
        ),
        _ => return Err(bad_image("unusual PNG colour type")),
    };
    let alpha = matches!(colour, 4 | 6);
    let stored = colours + i64::from(alpha);
    let parms = dictionary! {
        "Predictor" => 15, "Colors" => stored, "BitsPerComponent" => i64::from(depth), "Columns" => i64::from(w),
    };
    let dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w), "Height" => i64::from(h),
        "ColorSpace" => cs, "BitsPerComponent" => i64::from(depth),
    };
    if !alpha {
        let mut d = dict;
        d.set("Filter", "FlateDecode");
        d.set("DecodeParms", parms);
        let mut s = Stream::new(d, data);
        s.allows_compression = false;
        return Ok(s);
    }
    // PDF images carry no alpha channel: decode, drop it (the page is white), encode again.
    let packed =
        Stream::new(dictionary! { "Filter" => "FlateDecode", "DecodeParms" => parms }, data);
    let raw = packed
        .decompressed_content_with_limit(MAX_STREAM_BYTES)
        .map_err(|_| bad_image("damaged PNG data"))?;
    let bytes_per = usize::from(depth / 8).max(1);
    let px = (colours as usize + 1) * bytes_per;
    let keep = colours as usize * bytes_per;
    let mut out = Vec::with_capacity(raw.len() / px * keep);
    for p in raw.chunks_exact(px) {
        out.extend_from_slice(&p[..keep]);
    }
    let mut s = Stream::new(dict, out);
    s.compress().map_err(|e| Error::Internal(format!("compressing an image failed: {e}")))?;
    Ok(s)
}
