//! Entry points for the fuzz targets in `fuzz/` (`make fuzz`): each reads untrusted bytes the way
//! Carefile does and must return (an answer or an error) without panicking, hanging or allocating
//! without bound. Not part of the API: nothing else calls these.

use std::path::Path;

/// An email file: parsed, its parts and attachments listed.
pub fn email(bytes: &[u8]) {
    let _ = crate::documents::fuzz_email(bytes);
}

/// Image headers (JPEG, PNG, TIFF) and the pixel cap, and what a file is by its bytes.
pub fn image(bytes: &[u8]) {
    for h in [crate::image::jpeg(bytes), crate::image::png(bytes), crate::image::tiff(bytes)] {
        let _ = h.upright();
        let _ = h.check_pixels("fuzz");
    }
    let _ = crate::documents::fuzz_detect("image.jpg", bytes);
    // A photo made into a bundle page (decoded, turned upright), contained as a build does.
    let (bytes, png) = (bytes.to_vec(), bytes.starts_with(b"\x89PNG"));
    let content = if png {
        crate::bundle::SourceContent::Png { bytes, rotate_degrees: 0 }
    } else {
        crate::bundle::SourceContent::Jpeg { bytes, rotate_degrees: 90 }
    };
    let _ = crate::bundle::fuzz_source(content);
}

/// A Word document as Carefile first reads it (what it is, before LibreOffice sees it), and as
/// the working document's import reads the other side's .docx (bounds, then docx-rs).
pub fn word(bytes: &[u8]) {
    for name in ["a.docx", "a.doc", "a.odt"] {
        let _ = crate::documents::fuzz_detect(name, bytes);
    }
    let _ = crate::workdoc::fuzz_read_docx(bytes);
}

/// A PDF as a bundle build reads it in this process: parsed with lopdf, its pages readied and every
/// content stream checked, inside the same panic containment as a build. (Its page text is read by
/// MuPDF in a worker process; `pdf_text` fuzzes that side.)
pub fn pdf(bytes: &[u8]) {
    let _ = crate::bundle::fuzz_source(crate::bundle::SourceContent::Pdf(bytes.to_vec()));
}

/// A PDF's page texts as the text worker reads them (MuPDF), run in this process: in the app the
/// worker's process bounds its memory and time, so here a crash or hang is MuPDF's, and the
/// finding says which input a worker would be killed for.
pub fn pdf_text(bytes: &[u8]) {
    let _ = crate::documents::fuzz_pdf_text(bytes);
}

/// A backup file's container and header (everything read before any key is derived).
pub fn backup(bytes: &[u8], scratch: &Path) {
    if std::fs::write(scratch, bytes).is_ok() {
        let _ = crate::exchange::fuzz_backup_header(scratch);
    }
}

/// A handover package, opened with a share passphrase.
pub fn handover(bytes: &[u8]) {
    let _ = crate::exchange::fuzz_handover(bytes);
}

/// A vault key file (`vault-keys.json`), as read before unlocking.
pub fn envelope(bytes: &[u8]) {
    let _ = crate::vault::fuzz_envelope(bytes);
}

/// `deadlines calc` input: one `KEY=YYYY-MM-DD` event a line, an optional `order=` line.
pub fn deadlines_calc(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut order = None;
    let mut events = Vec::new();
    for line in text.lines().take(64) {
        match line.strip_prefix("order=") {
            Some(o) => order = Some(o.to_string()),
            None => events.push(line.to_string()),
        }
    }
    let today = chrono::NaiveDate::from_ymd_opt(2025, 11, 14).expect("a date");
    let _ = crate::milestones::calc(&events, order.as_deref(), &Default::default(), today);
}

#[cfg(test)]
mod tests {
    //! A fuzz target that never reaches its parser finds nothing and says nothing: each entry point
    //! must really read a good file (a real PDF gives its text, a real photo becomes a page).
    use super::*;

    #[test]
    fn the_pdf_entry_points_reach_their_parsers() {
        let pdf = include_bytes!("../tests/fixtures/pdf/two-line.pdf");
        let answer = String::from_utf8(crate::documents::fuzz_pdf_text(pdf)).unwrap();
        assert!(answer.contains("xylophonic paragraph 1"), "{answer}");
        assert!(crate::bundle::fuzz_source(crate::bundle::SourceContent::Pdf(pdf.to_vec())));
        assert!(!crate::bundle::fuzz_source(crate::bundle::SourceContent::Pdf(
            b"%PDF-1.7".to_vec()
        )));
        pdf_text(b"%PDF-1.4 not really");
    }

    #[test]
    fn the_image_entry_point_makes_a_page_of_a_real_photo() {
        let jpeg = include_bytes!("../tests/fixtures/bundle/photo.jpg");
        let content =
            crate::bundle::SourceContent::Jpeg { bytes: jpeg.to_vec(), rotate_degrees: 90 };
        assert!(crate::bundle::fuzz_source(content));
        image(jpeg);
    }
}
