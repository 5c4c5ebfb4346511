//! A photo of each child, so the record (and a busy parent choosing between two children) shows
//! whose it is at a glance. This file owns the `child_photos` table of
//! `migrations/0003_child_photos.sql`.
//!
//! The photo is kept inside the vault, so it is encrypted like everything else; it is never written
//! to a plain file. Only JPEG and PNG are accepted, checked by their first bytes and by reading the
//! header far enough to know the size, so a renamed or damaged file is refused before anything is
//! written. Everything here reads untrusted bytes: every index is checked, nothing panics.

use std::io::Read;
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::children::ensure_child;
use super::{now_stamp, text_enum};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// The largest photo Carefile keeps: 5 MiB, plenty for a clear portrait, small enough that the
/// vault (and every backup of it) doesn't grow much.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;

text_enum! {
    /// How a child's photo is encoded.
    pub enum PhotoFormat ("photo format") {
        Jpeg = "jpeg",
        Png = "png",
    }
}

impl PhotoFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "image/jpeg",
            PhotoFormat::Png => "image/png",
        }
    }
}

/// What is known about a child's photo without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PhotoInfo {
    pub child_id: String,
    pub format: PhotoFormat,
    /// Width in pixels as the photo is shown (upright, after its EXIF orientation).
    pub width: u32,
    /// Height in pixels as the photo is shown.
    pub height: u32,
    /// The size of the file in bytes.
    pub bytes: u32,
    /// When it was last set, UTC.
    pub updated: String,
}

/// A child's photo: what is known about it, and the file itself, byte for byte as it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub info: PhotoInfo,
    pub data: Vec<u8>,
}

/// The shape of an accepted photo, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
}

const ONLY_JPEG_PNG: &str = "Carefile keeps a child's photo as a JPEG or PNG. Save the photo as \
                             one of those (most photo apps can) and try again.";

fn damaged(what: &str) -> Error {
    Error::invalid(format!(
        "That {what} looks damaged or incomplete, so Carefile can't show it. Try saving it again \
         from the photo app, or choose another photo."
    ))
}

/// Checks that `bytes` are a JPEG or PNG Carefile can show, and reads its size. Refuses empty,
/// oversized, unknown, damaged and absurdly large-in-pixels files, each in words.
pub(crate) fn inspect(bytes: &[u8]) -> Result<Shape> {
    if bytes.is_empty() {
        return Err(Error::invalid("That file is empty, so there is no photo in it."));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    // Width and height upright (a JPEG's EXIF orientation may turn it a quarter), and only when
    // the header is complete (the picture data starts), from the one header reader.
    let complete = |h: crate::image::Header| h.upright().filter(|_| h.has_picture_data);
    let (format, size) = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (PhotoFormat::Jpeg, complete(crate::image::jpeg(bytes)).ok_or_else(|| damaged("JPEG"))?)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let mut h = crate::image::png(bytes);
        h.orientation = None; // shown as stored
        (PhotoFormat::Png, complete(h).ok_or_else(|| damaged("PNG"))?)
    } else {
        return Err(Error::invalid(format!(
            "That file isn't a JPEG or PNG photo. {ONLY_JPEG_PNG}"
        )));
    };
    let (width, height) = size;
    if width == 0 || height == 0 {
        return Err(damaged(format.as_str().to_uppercase().as_str()));
    }
    if u64::from(width) * u64::from(height) > crate::image::MAX_PIXELS {
        return Err(Error::invalid(format!(
            "That photo is {width} × {height} pixels, too large to show safely. Save a smaller \
             copy (under 50 megapixels) and try again."
        )));
    }
    Ok(Shape { format, width, height })
}

fn too_large(len: u64) -> Error {
    Error::invalid(format!(
        "That photo is {}; the largest Carefile keeps is 5 MB. Save a smaller copy (most photo \
         apps can resize or \"export for web\") and try again.",
        megabytes(len)
    ))
}

/// "6.2 MB": sizes as people see them in a file manager.
fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

pub fn set_child_photo(vault: &mut Vault, child_id: &str, bytes: &[u8]) -> Result<PhotoInfo> {
    ensure_child(vault, child_id)?;
    let shape = inspect(bytes)?;
    vault.conn().execute(
        "INSERT INTO child_photos (child_id, format, width, height, bytes, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (child_id) DO UPDATE SET format = excluded.format, width = excluded.width,
             height = excluded.height, bytes = excluded.bytes, updated = excluded.updated",
        params![child_id, shape.format, shape.width, shape.height, bytes, now_stamp()],
    )?;
    child_photo_info(vault, child_id)?
        .ok_or_else(|| Error::Internal("the photo just saved could not be read back".into()))
}

/// Sets the child's photo from a file. The size is checked before the file is read, so choosing a
/// film by mistake is refused at once.
pub fn set_child_photo_file(vault: &mut Vault, child_id: &str, path: &Path) -> Result<PhotoInfo> {
    ensure_child(vault, child_id)?;
    let cannot_read =
        |e: std::io::Error| Error::io(format!("Could not read {}", path.display()), e);
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    // One byte over the limit is enough to know it is too large.
    file.take(MAX_PHOTO_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    if bytes.len() > MAX_PHOTO_BYTES {
        let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(bytes.len() as u64);
        return Err(too_large(len));
    }
    set_child_photo(vault, child_id, &bytes)
}

const INFO_COLUMNS: &str = "child_id, format, width, height, length(bytes), updated";

fn info_from_row(row: &rusqlite::Row) -> rusqlite::Result<PhotoInfo> {
    Ok(PhotoInfo {
        child_id: row.get(0)?,
        format: row.get(1)?,
        width: row.get(2)?,
        height: row.get(3)?,
        bytes: row.get(4)?,
        updated: row.get(5)?,
    })
}

/// What is known about the child's photo, without reading it; `None` if there is none.
pub fn child_photo_info(vault: &Vault, child_id: &str) -> Result<Option<PhotoInfo>> {
    ensure_child(vault, child_id)?;
    Ok(vault
        .conn()
        .query_row(
            &format!("SELECT {INFO_COLUMNS} FROM child_photos WHERE child_id = ?1"),
            [child_id],
            info_from_row,
        )
        .optional()?)
}

/// The child's photo, byte for byte as it was set; `None` if there is none.
pub fn child_photo(vault: &Vault, child_id: &str) -> Result<Option<Photo>> {
    ensure_child(vault, child_id)?;
    Ok(vault
        .conn()
        .query_row(
            &format!("SELECT {INFO_COLUMNS}, bytes FROM child_photos WHERE child_id = ?1"),
            [child_id],
            |row| Ok(Photo { info: info_from_row(row)?, data: row.get(6)? }),
        )
        .optional()?)
}

/// Removes the child's photo. A child without one is left as they are.
pub fn remove_child_photo(vault: &mut Vault, child_id: &str) -> Result<()> {
    ensure_child(vault, child_id)?;
    vault.conn().execute("DELETE FROM child_photos WHERE child_id = ?1", [child_id])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A JPEG header with a frame of `width` × `height`, optionally an EXIF orientation, and the
    /// start of (empty) picture data. Enough for `inspect`; not a picture anyone could view.
    pub(crate) fn jpeg(width: u16, height: u16, orientation: Option<u16>) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        if let Some(o) = orientation {
            let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
            tiff.extend_from_slice(&1u16.to_be_bytes());
            tiff.extend_from_slice(&274u16.to_be_bytes());
            tiff.extend_from_slice(&3u16.to_be_bytes());
            tiff.extend_from_slice(&1u32.to_be_bytes());
            tiff.extend_from_slice(&o.to_be_bytes());
            tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            let mut app1 = b"Exif\0\0".to_vec();
            app1.extend_from_slice(&tiff);
            out.extend_from_slice(&[0xFF, 0xE1]);
            out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(&app1);
        }
        out.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&[1, 1, 0x11, 0]);
        out.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0]);
        out.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
        out
    }

    /// A PNG signature, an IHDR of `width` × `height`, an empty IDAT and IEND (CRCs not checked).
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&[0, 0, 0, 0]);
        };
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"tEXt", b"Comment\0fictional");
        chunk(&mut out, b"IDAT", &[0x78, 0x9C]);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn jpeg_and_png_sizes_are_read_upright() {
        let s = inspect(&jpeg(40, 30, None)).unwrap();
        assert_eq!((s.format, s.width, s.height), (PhotoFormat::Jpeg, 40, 30));
        // Orientation 6: a phone held upright; the stored frame is turned a quarter.
        let s = inspect(&jpeg(40, 30, Some(6))).unwrap();
        assert_eq!((s.width, s.height), (30, 40));
        let s = inspect(&jpeg(40, 30, Some(3))).unwrap();
        assert_eq!((s.width, s.height), (40, 30));
        let s = inspect(&png(64, 48)).unwrap();
        assert_eq!((s.format, s.width, s.height), (PhotoFormat::Png, 64, 48));
    }

    #[test]
    fn other_files_are_refused_in_words() {
        for (bytes, words) in [
            (b"GIF89a....".to_vec(), "isn't a JPEG or PNG"),
            (b"%PDF-1.7\n".to_vec(), "isn't a JPEG or PNG"),
            (b"II*\0\x08\0\0\0".to_vec(), "isn't a JPEG or PNG"),
            (Vec::new(), "empty"),
            (vec![0xFF, 0xD8, 0xFF, 0xD9], "damaged or incomplete"),
            (png(0, 10), "damaged or incomplete"),
            (png(10_000, 10_000), "too large to show safely"),
        ] {
            let e = inspect(&bytes).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InvalidInput);
            assert!(e.to_string().contains(words), "{e}");
        }
        let mut big = png(10, 10);
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        let e = inspect(&big).unwrap_err().to_string();
        assert!(e.contains("5.0 MB") && e.contains("largest Carefile keeps is 5 MB"), "{e}");
    }

    #[test]
    fn a_header_cut_short_is_refused_and_never_panics() {
        for whole in [jpeg(40, 30, Some(6)), png(64, 48)] {
            for n in 0..whole.len() {
                // Everything before the picture data starts is incomplete.
                let cut = &whole[..n];
                let _ = inspect(cut);
            }
        }
        let j = jpeg(40, 30, None);
        let sos = j.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        assert!(inspect(&j[..sos]).is_err());
        let p = png(64, 48);
        let idat = p.windows(4).position(|w| w == b"IDAT").unwrap();
        assert!(inspect(&p[..idat]).is_err());
    }

    #[test]
    fn hostile_lengths_do_not_overflow() {
        // A PNG chunk claiming 4 GB, and a JPEG segment claiming to run past the end.
        let mut p = png(10, 10);
        p[33..37].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(inspect(&p).is_err());
        let j = [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0];
        assert!(inspect(&j).is_err());
        let j = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
        assert!(inspect(&j).is_err());
    }
}
