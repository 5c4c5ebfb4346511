//! Image headers, read in one place for the whole app: the size, colour channels and EXIF
//! orientation of a JPEG, PNG or TIFF, from its header alone, and the pixel cap every image must
//! pass before anything decodes it. Documents (`documents/detect.rs`), the child's photo
//! (`record/photo.rs`) and bundle pages (`bundle/merge.rs`) all ask here.
//!
//! Everything here reads untrusted bytes: every index is checked, nothing allocates in proportion
//! to what a header claims, nothing panics. Hand-written rather than `imagesize` + `kamadak-exif`:
//! we need three formats and one EXIF tag, the readers are ~150 lines with tests and fuzzing, and
//! the two crates would still leave the PNG chunk walk (for `eXIf`) and JPEG channel count to us.

use crate::error::{Error, Result};

/// More pixels than this and an image is refused before anything decodes it: 50 megapixels is
/// beyond any phone camera or A4 scan at 600 dpi, and a 50,000 × 50,000 header (2.5 gigapixels,
/// 7.5 GB decoded) is refused from its first bytes.
pub const MAX_PIXELS: u64 = 50_000_000;

/// What an image's header says (fields missing where it doesn't say).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Header {
    /// Width and height as stored (before the EXIF orientation turns it).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// EXIF orientation, 1 to 8.
    pub orientation: Option<u16>,
    /// Colour channels of a JPEG frame (1 grey, 3 colour, 4 CMYK).
    pub components: Option<u8>,
    /// The picture data starts (a JPEG scan, a PNG IDAT): the header is complete.
    pub has_picture_data: bool,
}

impl Header {
    /// Width and height as shown upright (swapped when the orientation turns a quarter).
    pub fn upright(&self) -> Option<(u32, u32)> {
        let (w, h) = (self.width?, self.height?);
        Some(if (5..=8).contains(&self.orientation.unwrap_or(1)) { (h, w) } else { (w, h) })
    }

    /// Whether the header names a size within [`MAX_PIXELS`] (an unknown size is not refused here).
    pub fn within_pixel_cap(&self) -> bool {
        match (self.width, self.height) {
            (Some(w), Some(h)) => u64::from(w) * u64::from(h) <= MAX_PIXELS,
            _ => true,
        }
    }

    /// Refuse an image over [`MAX_PIXELS`], naming it as `name`.
    pub fn check_pixels(&self, name: &str) -> Result<()> {
        if self.within_pixel_cap() {
            return Ok(());
        }
        Err(Error::UnsupportedFile(format!(
            "{name} is {} × {} pixels, more than the {} megapixels Carefile opens. Save a smaller \
             copy and add that.",
            self.width.unwrap_or(0),
            self.height.unwrap_or(0),
            MAX_PIXELS / 1_000_000
        )))
    }
}

/// Clockwise rotation (0, 90, 180, 270) and mirroring that show an image with EXIF orientation
/// `orientation` upright.
pub fn upright_turn(orientation: Option<u16>) -> (u16, bool) {
    match orientation.unwrap_or(1) {
        2 => (0, true),
        3 => (180, false),
        4 => (180, true),
        5 => (90, true),
        6 => (90, false),
        7 => (270, true),
        8 => (270, false),
        _ => (0, false),
    }
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([s[0], s[1]]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// A JPEG's header: its frame size and channels, and the orientation of its EXIF block.
pub fn jpeg(bytes: &[u8]) -> Header {
    let mut h = Header::default();
    if bytes.get(..2) != Some(&[0xFF, 0xD8]) {
        return h;
    }
    let mut at = 2;
    // Markers until the picture data starts; each segment is length-prefixed.
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        if marker == 0x01 || (0xD0..=0xD8).contains(&marker) {
            at += 2; // markers without a length
            continue;
        }
        if marker == 0xD9 {
            break;
        }
        if marker == 0xDA {
            h.has_picture_data = true;
            break;
        }
        let Some(len) = be16(bytes, at + 2).map(usize::from).filter(|l| *l >= 2) else { break };
        let Some(segment) = bytes.get(at + 4..at + 2 + len) else { break };
        if marker == 0xE1 && segment.starts_with(b"Exif\0\0") && h.orientation.is_none() {
            h.orientation = tiff(&segment[6..]).orientation;
        }
        let frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if frame {
            if let (Some(height), Some(width)) = (be16(segment, 1), be16(segment, 3)) {
                h.height = Some(u32::from(height));
                h.width = Some(u32::from(width));
                h.components = segment.get(5).copied();
            }
        }
        at += 2 + len;
    }
    h
}

/// A PNG's header: its IHDR size and the orientation of an `eXIf` chunk before the picture data.
pub fn png(bytes: &[u8]) -> Header {
    let mut h = Header::default();
    if bytes.get(..8) != Some(b"\x89PNG\r\n\x1a\n".as_slice()) {
        return h;
    }
    let mut at: usize = 8;
    while let (Some(len), Some(kind)) = (be32(bytes, at), bytes.get(at + 4..at + 8)) {
        let start = at + 8;
        let data = start.checked_add(len as usize).and_then(|end| bytes.get(start..end));
        match (kind, data) {
            (b"IHDR", Some(d)) if d.len() >= 8 => {
                h.width = be32(d, 0);
                h.height = be32(d, 4);
            }
            (b"eXIf", Some(d)) => h.orientation = tiff(d).orientation,
            (b"IDAT", _) => {
                h.has_picture_data = true;
                break;
            }
            (b"IEND", _) | (_, None) => break,
            _ => {}
        }
        let Some(next) = start.checked_add(len as usize).and_then(|e| e.checked_add(4)) else {
            break;
        };
        at = next;
    }
    h
}

/// Width, height and orientation from the first IFD of a TIFF structure (a TIFF file, or the EXIF
/// block of a JPEG or PNG).
pub fn tiff(data: &[u8]) -> Header {
    let mut h = Header::default();
    let le = match data.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return h,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let s = data.get(at..at.checked_add(2)?)?;
        Some(if le { u16::from_le_bytes([s[0], s[1]]) } else { u16::from_be_bytes([s[0], s[1]]) })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s = data.get(at..at.checked_add(4)?)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if le { u32::from_le_bytes(a) } else { u32::from_be_bytes(a) })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else { return h };
    let Some(count) = u16_at(ifd) else { return h };
    for i in 0..usize::from(count.min(512)) {
        let entry = ifd.saturating_add(2 + i * 12);
        let (Some(tag), Some(kind)) = (u16_at(entry), u16_at(entry + 2)) else { break };
        let value = match kind {
            3 => u16_at(entry + 8).map(u32::from),
            4 => u32_at(entry + 8),
            _ => None,
        };
        match (tag, value) {
            (256, Some(v)) => h.width = Some(v),
            (257, Some(v)) => h.height = Some(v),
            (274, Some(v)) if (1..=8).contains(&v) => h.orientation = Some(v as u16),
            _ => {}
        }
    }
    h.has_picture_data = h.width.is_some() && h.height.is_some();
    h
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal JPEG header: SOI, an EXIF APP1 with `orientation`, a SOF0 of `w` × `h`, a scan.
    pub(crate) fn jpeg_header(orientation: u16, w: u16, h: u16) -> Vec<u8> {
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
        out.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        out.extend_from_slice(&h.to_be_bytes());
        out.extend_from_slice(&w.to_be_bytes());
        out.extend_from_slice(&[1, 1, 0x11, 0]);
        out.extend_from_slice(&[0xFF, 0xDA, 0, 2, 0xFF, 0xD9]);
        out
    }

    /// A PNG that is only a header: IHDR of `w` × `h` and an empty IDAT.
    pub(crate) fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend_from_slice(&13u32.to_be_bytes());
        out.extend_from_slice(b"IHDR");
        out.extend_from_slice(&w.to_be_bytes());
        out.extend_from_slice(&h.to_be_bytes());
        out.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&0u32.to_be_bytes());
        out.extend_from_slice(b"IDAT");
        out.extend_from_slice(&[0, 0, 0, 0]);
        out
    }

    #[test]
    fn jpeg_size_channels_and_orientation_are_read() {
        let h = jpeg(&jpeg_header(6, 40, 30));
        assert_eq!(
            (h.width, h.height, h.orientation, h.components),
            (Some(40), Some(30), Some(6), Some(1))
        );
        assert!(h.has_picture_data);
        assert_eq!(h.upright(), Some((30, 40)));
        assert_eq!(upright_turn(h.orientation), (90, false));
    }

    #[test]
    fn a_50000_by_50000_header_is_refused_without_decoding() {
        let png = png_header(50_000, 50_000);
        let h = super::png(&png);
        assert_eq!((h.width, h.height), (Some(50_000), Some(50_000)));
        assert!(!h.within_pixel_cap());
        let e = h.check_pixels("huge.png").unwrap_err();
        assert!(e.to_string().contains("50000 × 50000"), "{e}");
        assert!(super::jpeg(&jpeg_header(1, 50_000, 50_000)).check_pixels("x").is_err());
        assert!(super::png(&png_header(4000, 3000)).check_pixels("x").is_ok());
    }

    #[test]
    fn truncated_and_garbled_images_never_panic() {
        let mut inputs = vec![jpeg_header(3, 40, 30), png_header(7, 9)];
        inputs.push(b"II*\0\x08\0\0\0\xff\xff".to_vec());
        for input in &inputs {
            for n in 0..input.len() {
                for f in [jpeg, png, tiff] {
                    let _ = f(&input[..n]);
                    let mut flipped = input.clone();
                    flipped[n] ^= 0xFF;
                    let _ = f(&flipped);
                }
            }
        }
    }
}
