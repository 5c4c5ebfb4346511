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
}

/// A Word document as Carefile first reads it (what it is, before LibreOffice sees it), and as
/// the working document's import reads the other side's .docx (bounds, then docx-rs).
pub fn word(bytes: &[u8]) {
    for name in ["a.docx", "a.doc", "a.odt"] {
        let _ = crate::documents::fuzz_detect(name, bytes);
    }
    let _ = crate::workdoc::fuzz_read_docx(bytes);
}

/// A PDF's page texts through the contained text engine (as an import or a bundle check does).
pub fn pdf(bytes: &[u8]) {
    let _ = crate::documents::read_page_texts("fuzz.pdf", bytes.to_vec());
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
