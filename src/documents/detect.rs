//! What a file is, from its first bytes (and its name only where the bytes can't say), and the
//! size and EXIF orientation of images. Everything here reads untrusted bytes: every index is
//! checked, nothing panics.

use super::{DocumentFormat, ImageInfo};
use crate::error::{Error, Result};
use crate::image;

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

/// Size and orientation of an image original (missing fields when the file doesn't say), from
/// the one image-header reader (`crate::image`).
pub(crate) fn image_info(format: DocumentFormat, bytes: &[u8]) -> ImageInfo {
    let h = header(format, bytes);
    let (rotate_degrees, mirrored) = image::upright_turn(h.orientation);
    ImageInfo {
        width: h.width,
        height: h.height,
        orientation: h.orientation,
        rotate_degrees,
        mirrored,
    }
}

/// The header of an image original (empty for anything else).
pub(crate) fn header(format: DocumentFormat, bytes: &[u8]) -> image::Header {
    match format {
        DocumentFormat::Jpeg => image::jpeg(bytes),
        DocumentFormat::Png => image::png(bytes),
        DocumentFormat::Tiff => image::tiff(bytes),
        _ => image::Header::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG header: SOI, an EXIF APP1 with `orientation`, a SOF0 of 40 × 30.
    pub(crate) fn jpeg_with_orientation(orientation: u16) -> Vec<u8> {
        crate::image::tests::jpeg_header(orientation, 40, 30)
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
