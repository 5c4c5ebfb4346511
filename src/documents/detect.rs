//! What a file is, from its first bytes (and its name only where the bytes can't say), and the
//! size and EXIF orientation of images. Everything here reads untrusted bytes: every index is
//! checked, nothing panics.

use super::{DocumentFormat, ImageInfo};
use crate::error::{Error, Result};

pub(crate) fn extension(name: &str) -> String {
    std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

const SUPPORTED: &str = "Carefile can import PDFs, photos and scans (JPEG, PNG, TIFF), emails \
                         (.eml), Word documents (.docx, .doc, .odt) and text files.";

/// The format and media type of a file, or why it can't be imported.
pub(crate) fn detect(name: &str, bytes: &[u8]) -> Result<(DocumentFormat, &'static str)> {
    let ext = extension(name);
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok((DocumentFormat::Pdf, "application/pdf"));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok((DocumentFormat::Jpeg, "image/jpeg"));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok((DocumentFormat::Png, "image/png"));
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Ok((DocumentFormat::Tiff, "image/tiff"));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    match ext.as_str() {
        "docx" if zip => {
            return Ok((
                DocumentFormat::Word,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ))
        }
        "odt" if zip => {
            return Ok((DocumentFormat::Word, "application/vnd.oasis.opendocument.text"))
        }
        "doc" if ole => return Ok((DocumentFormat::Word, "application/msword")),
        "docx" | "odt" | "doc" => {
            return Err(Error::CorruptFile(format!(
                "{name} is named as a Word document but isn't one inside (it may be damaged or \
                 only partly downloaded). Ask the sender for a new copy."
            )))
        }
        "pdf" => {
            return Err(Error::CorruptFile(format!(
                "{name} is named as a PDF but isn't one inside (it may be damaged or only partly \
                 downloaded). Ask the sender for a new copy."
            )))
        }
        "jpg" | "jpeg" | "png" | "tif" | "tiff" => {
            return Err(Error::CorruptFile(format!(
                "{name} is named as a picture but isn't a JPEG, PNG or TIFF inside (it may be \
                 damaged). Ask the sender for a new copy."
            )))
        }
        _ => {}
    }
    let text = !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok();
    if ext == "eml" || (text && looks_like_email(bytes)) {
        return Ok((DocumentFormat::Email, "message/rfc822"));
    }
    if text && matches!(ext.as_str(), "txt" | "text" | "md" | "csv" | "log" | "") {
        return Ok((DocumentFormat::Text, "text/plain; charset=utf-8"));
    }
    Err(Error::UnsupportedFile(format!(
        "{name} isn't a kind of file Carefile can import. {SUPPORTED}"
    )))
}

/// A message starts with headers, and has From and at least Subject or Date among them.
fn looks_like_email(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let headers: Vec<&str> = head.split("\n\n").next().unwrap_or("").lines().collect();
    let has = |name: &str| {
        headers.iter().any(|l| l.len() > name.len() && l[..name.len()].eq_ignore_ascii_case(name))
    };
    headers.first().is_some_and(|l| l.contains(':') && !l.starts_with(' '))
        && has("from:")
        && (has("subject:") || has("date:"))
}

/// Reads 16 or 32 bits in the byte order of a TIFF header.
struct Tiff<'a> {
    data: &'a [u8],
    le: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.data.get(at..at.checked_add(2)?)?;
        Some(if self.le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.data.get(at..at.checked_add(4)?)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if self.le { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    }
}

/// Width, height and orientation from the first IFD of a TIFF structure (a TIFF file, or the
/// EXIF block of a JPEG or PNG).
fn tiff_ifd0(data: &[u8]) -> ImageInfo {
    let mut info = ImageInfo::default();
    let le = match data.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return info,
    };
    let t = Tiff { data, le };
    let Some(ifd) = t.u32(4).map(|o| o as usize) else { return info };
    let Some(count) = t.u16(ifd) else { return info };
    for i in 0..count.min(512) as usize {
        let entry = ifd + 2 + i * 12;
        let (Some(tag), Some(kind)) = (t.u16(entry), t.u16(entry + 2)) else { break };
        let value = match kind {
            3 => t.u16(entry + 8).map(u32::from),
            4 => t.u32(entry + 8),
            _ => None,
        };
        match (tag, value) {
            (256, Some(v)) => info.width = Some(v),
            (257, Some(v)) => info.height = Some(v),
            (274, Some(v)) if (1..=8).contains(&v) => info.orientation = Some(v as u16),
            _ => {}
        }
    }
    info
}

fn finish(mut info: ImageInfo) -> ImageInfo {
    let (rotate, mirrored) = match info.orientation.unwrap_or(1) {
        2 => (0, true),
        3 => (180, false),
        4 => (180, true),
        5 => (90, true),
        6 => (90, false),
        7 => (270, true),
        8 => (270, false),
        _ => (0, false),
    };
    info.rotate_degrees = rotate;
    info.mirrored = mirrored;
    info
}

fn jpeg_info(bytes: &[u8]) -> ImageInfo {
    let mut info = ImageInfo::default();
    let mut at = 2;
    // Markers until the image data starts; each segment is length-prefixed.
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            break;
        }
        let marker = bytes[at + 1];
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 || marker == 0xFF {
            at += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        if marker == 0xD9 || marker == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        let Some(segment) = bytes.get(at + 4..(at + 2).saturating_add(len)) else { break };
        if marker == 0xE1 && segment.starts_with(b"Exif\0\0") && info.orientation.is_none() {
            info.orientation = tiff_ifd0(&segment[6..]).orientation;
        }
        let sof = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if sof && segment.len() >= 5 {
            info.height = Some(u16::from_be_bytes([segment[1], segment[2]]) as u32);
            info.width = Some(u16::from_be_bytes([segment[3], segment[4]]) as u32);
        }
        at += 2 + len;
    }
    info
}

fn png_info(bytes: &[u8]) -> ImageInfo {
    let mut info = ImageInfo::default();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let kind = &bytes[at + 4..at + 8];
        let Some(data) = bytes.get(at + 8..(at + 8).saturating_add(len as usize)) else { break };
        match kind {
            b"IHDR" if data.len() >= 8 => {
                info.width = Some(u32::from_be_bytes([data[0], data[1], data[2], data[3]]));
                info.height = Some(u32::from_be_bytes([data[4], data[5], data[6], data[7]]));
            }
            b"eXIf" => info.orientation = tiff_ifd0(data).orientation,
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(len as usize);
    }
    info
}

/// Size and orientation of an image original (missing fields when the file doesn't say).
pub(crate) fn image_info(format: DocumentFormat, bytes: &[u8]) -> ImageInfo {
    finish(match format {
        DocumentFormat::Jpeg => jpeg_info(bytes),
        DocumentFormat::Png => png_info(bytes),
        DocumentFormat::Tiff => tiff_ifd0(bytes),
        _ => ImageInfo::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG header: SOI, an EXIF APP1 with orientation 6, a SOF0 of 40 × 30.
    pub(crate) fn jpeg_with_orientation(orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&274u16.to_be_bytes());
        tiff.extend_from_slice(&3u16.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes());
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    #[test]
    fn jpeg_orientation_and_size_are_read() {
        let info = image_info(DocumentFormat::Jpeg, &jpeg_with_orientation(6));
        assert_eq!(info.orientation, Some(6));
        assert_eq!(info.rotate_degrees, 90);
        assert_eq!((info.width, info.height), (Some(40), Some(30)));
    }

    #[test]
    fn truncated_images_never_panic() {
        let jpeg = jpeg_with_orientation(3);
        for n in 0..jpeg.len() {
            let _ = image_info(DocumentFormat::Jpeg, &jpeg[..n]);
            let _ = image_info(DocumentFormat::Tiff, &jpeg[..n]);
            let _ = image_info(DocumentFormat::Png, &jpeg[..n]);
        }
    }

    #[test]
    fn formats_are_known_by_their_bytes() {
        assert_eq!(detect("x.bin", b"%PDF-1.7\n").unwrap().0, DocumentFormat::Pdf);
        assert_eq!(detect("a.txt", b"hello").unwrap().0, DocumentFormat::Text);
        let eml = b"From: a@b.example\nSubject: Hi\n\nBody";
        assert_eq!(detect("mail", eml).unwrap().0, DocumentFormat::Email);
        assert!(matches!(detect("a.pdf", b"nope"), Err(Error::CorruptFile(_))));
        assert!(matches!(detect("a.exe", b"MZ\0\0"), Err(Error::UnsupportedFile(_))));
    }
}
