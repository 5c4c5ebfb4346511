//! The Recovery Sheet: one printable A4 page holding a vault's recovery key, with plain
//! instructions for the day the passphrase is forgotten.
//!
//! The key is drawn on the page and nowhere else: not in the document title, metadata or
//! bookmarks, so a file listing or a viewer's "Properties" window never shows it. The page is
//! black, white and grey so it prints well on any printer.

use chrono::NaiveDate;
use printpdf::PdfPage;
use zeroize::Zeroize;

use super::text::{
    save_pdf, truncate_to_width, Align, BoxPaint, Font, Footer, Layout, Stroke, TextStyle,
    PT_PER_MM,
};
use crate::error::{Error, Result};

/// The PDF's title, shown by viewers in their title bar.
pub const RECOVERY_SHEET_TITLE: &str = "Carefile Recovery Sheet";

/// Groups of the key shown on one row of the box.
const GROUPS_PER_ROW: usize = 4;

/// What goes on a Recovery Sheet. The key is wiped from memory when this is dropped and never
/// shows in `Debug` output.
pub struct RecoverySheet {
    pub vault_name: String,
    pub created: NaiveDate,
    /// Already grouped for reading, e.g. `ABCD-EFGH-…` (8 groups of 4).
    pub recovery_key: String,
    pub vault_id: String,
}

impl std::fmt::Debug for RecoverySheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoverySheet")
            .field("vault_name", &self.vault_name)
            .field("created", &self.created)
            .field("recovery_key", &"[redacted]")
            .field("vault_id", &self.vault_id)
            .finish()
    }
}

impl Drop for RecoverySheet {
    fn drop(&mut self) {
        self.recovery_key.zeroize();
    }
}

/// Builds the Recovery Sheet as PDF bytes (one A4 page).
pub fn recovery_sheet_pdf(sheet: &RecoverySheet) -> Result<Vec<u8>> {
    save_pdf(RECOVERY_SHEET_TITLE, recovery_sheet_page(sheet)?)
}

fn recovery_sheet_page(sheet: &RecoverySheet) -> Result<Vec<PdfPage>> {
    let groups: Vec<&str> = sheet
        .recovery_key
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|g| !g.is_empty())
        .collect();
    if groups.is_empty() {
        return Err(Error::invalid(
            "The recovery key is empty, so there is nothing to print on the Recovery Sheet.",
        ));
    }

    let mut page = Layout::a4();
    let width = page.setup().content_width_mm() * PT_PER_MM;
    let body = TextStyle::body();
    let small = TextStyle::small();

    page.set_footer(Footer { left: format!("Vault ID: {}", sheet.vault_id), page_numbers: false });

    page.paragraph(RECOVERY_SHEET_TITLE, &TextStyle::title());
    let name =
        truncate_to_width(&format!("Vault: {}", sheet.vault_name), Font::Bold, body.size_pt, width);
    page.paragraph(&name, &body.with_font(Font::Bold).with_space_after(0.0));
    page.paragraph(&format!("Created: {}", sheet.created.format("%-d %b %Y")), &body);
    page.paragraph(
        "This sheet opens your Carefile vault if you ever forget your passphrase. Check the key \
         below against the screen, then keep the sheet somewhere safe.",
        &body,
    );
    page.space(2.0);

    let rows: Vec<String> = groups.chunks(GROUPS_PER_ROW).map(|row| row.join("-")).collect();
    let padding_mm = 6.0;
    let key_style = key_style(&rows, width - 2.0 * padding_mm * PT_PER_MM);
    let label = small.with_font(Font::Bold).with_grey(0.0).with_space_after(2.0);
    let count = groups.len();
    page.boxed(padding_mm, BoxPaint::Outline(Stroke::new(1.5, 0.0)), |l: &mut Layout| {
        l.paragraph_aligned("YOUR RECOVERY KEY", &label, Align::Centre);
        for row in &rows {
            l.paragraph_aligned(row, &key_style, Align::Centre);
        }
        l.space(2.0);
        l.paragraph_aligned(
            &format!(
                "{count} groups of characters. Type them in order, left to right, top row first."
            ),
            &small,
            Align::Centre,
        );
    });
    page.space(5.0);

    page.heading("If you forget your passphrase", &TextStyle::heading());
    page.numbered_list(
        &[
            "Open Carefile. On the unlock screen, choose \u{201C}Use recovery key\u{201D}.",
            "Type the recovery key from the box above.",
            "Choose a new passphrase. Your vault opens as usual.",
        ],
        &body,
    );
    page.paragraph(
        "From a terminal, run this instead; it asks for your recovery key without showing it:",
        &body.with_space_after(1.5),
    );
    page.set_inset(5.0, 0.0);
    page.paragraph("carefile passphrase reset", &TextStyle::mono(10.5));
    page.clear_inset();
    page.paragraph(
        "The recovery key keeps working after you choose a new passphrase, so keep this sheet.",
        &body,
    );
    page.space(2.0);

    page.heading("Keep this sheet safe", &TextStyle::heading());
    page.bullet_list(
        &[
            "Anyone who has this sheet can open your vault and read everything in it.",
            "Keep it somewhere safe, such as with your important papers. Don\u{2019}t keep it in \
             the same bag as your laptop.",
            "Carefile cannot open a vault without either the passphrase or this key. There is no \
             back door, so if both are lost, the vault cannot be recovered.",
        ],
        &body,
    );
    page.space(3.0);

    page.boxed(5.0, BoxPaint::Outline(Stroke::new(0.75, 0.0)), |l: &mut Layout| {
        l.paragraph("Where this sheet is kept:", &body.with_font(Font::Bold).with_space_after(0.0));
        l.writing_lines(3, 10.0, Stroke::new(0.5, 0.55));
    });

    if page.page_count() != 1 {
        return Err(Error::Internal(format!(
            "the Recovery Sheet ran to {} pages instead of one",
            page.page_count()
        )));
    }
    Ok(page.finish())
}

/// Courier Bold, as large as reads comfortably (22 pt) but never wider than the box.
fn key_style(rows: &[String], max_width_pt: f32) -> TextStyle {
    let widest = rows.iter().map(|row| Font::MonoBold.text_width(row, 1.0)).fold(0.0, f32::max);
    let size = if widest > 0.0 { (max_width_pt / widest).min(22.0) } else { 22.0 };
    TextStyle::new(Font::MonoBold, size).with_leading(1.45)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::tests::drawn_lines_within_margins;
    use crate::pdf::text::PageSetup;

    const KEY: &str = "K7QX-M2PA-9TRC-H4WD-ZB6N-E3LY-UJ8F-S5GV";

    fn sheet() -> RecoverySheet {
        RecoverySheet {
            vault_name: "Amira\u{2019}s SEND record".to_owned(),
            created: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            recovery_key: KEY.to_owned(),
            vault_id: "0f5c2a9e-7d41-4b8a-9c3e-51d2f6a8b7c4".to_owned(),
        }
    }

    fn load(bytes: &[u8]) -> lopdf::Document {
        lopdf::Document::load_mem(bytes).expect("the sheet is a readable PDF")
    }

    #[test]
    fn sheet_is_one_page_showing_the_key_and_vault() {
        let bytes = recovery_sheet_pdf(&sheet()).unwrap();
        if let Ok(path) = std::env::var("CAREFILE_WRITE_RECOVERY_SHEET") {
            std::fs::write(path, &bytes).unwrap();
        }
        let doc = load(&bytes);
        assert_eq!(doc.get_pages().len(), 1);
        let text = doc.extract_text(&[1]).unwrap();
        for group in KEY.split('-') {
            assert!(text.contains(group), "{group} missing from {text}");
        }
        assert!(text.contains("Amira\u{2019}s SEND record"), "{text}");
        assert!(text.contains("22 Nov 2026"), "{text}");
        assert!(text.contains("Where this sheet is kept:"), "{text}");
        assert!(text.contains("0f5c2a9e-7d41-4b8a-9c3e-51d2f6a8b7c4"), "{text}");
    }

    /// A PDF text string: UTF-16BE after a byte-order mark, otherwise (near enough) Latin-1.
    fn decode_text_string(bytes: &[u8]) -> String {
        match bytes {
            [0xFE, 0xFF, rest @ ..] => {
                let units: Vec<u16> = rest
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            _ => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    }

    /// Every string anywhere in the file except page content: metadata, outlines, annotations.
    fn strings_outside_page_content(doc: &lopdf::Document) -> Vec<String> {
        fn collect(object: &lopdf::Object, out: &mut Vec<String>) {
            match object {
                lopdf::Object::String(bytes, _) => out.push(decode_text_string(bytes)),
                lopdf::Object::Name(bytes) => out.push(String::from_utf8_lossy(bytes).into_owned()),
                lopdf::Object::Array(items) => items.iter().for_each(|i| collect(i, out)),
                lopdf::Object::Dictionary(dict) => dict.iter().for_each(|(_, v)| collect(v, out)),
                // Only the stream's dictionary; its data is the page content (or an XMP packet,
                // which we check separately below).
                lopdf::Object::Stream(stream) => {
                    stream.dict.iter().for_each(|(_, v)| collect(v, out));
                    if stream.dict.has_type(b"Metadata") {
                        out.push(String::from_utf8_lossy(&stream.content).into_owned());
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for object in doc.objects.values() {
            collect(object, &mut out);
        }
        doc.trailer.iter().for_each(|(_, v)| collect(v, &mut out));
        out
    }

    #[test]
    fn key_is_only_on_the_page_never_in_metadata() {
        let bytes = recovery_sheet_pdf(&sheet()).unwrap();
        let doc = load(&bytes);
        let strings = strings_outside_page_content(&doc);
        assert!(strings.iter().any(|s| s == RECOVERY_SHEET_TITLE), "{strings:?}");
        for group in KEY.split('-') {
            assert!(strings.iter().all(|s| !s.contains(group)), "{group} leaked into {strings:?}");
        }
        assert!(doc.catalog().unwrap().get(b"Outlines").is_err());
    }

    #[test]
    fn debug_output_hides_the_key() {
        let shown = format!("{:?}", sheet());
        assert!(shown.contains("[redacted]"));
        assert!(!shown.contains("K7QX"));
    }

    #[test]
    fn long_vault_names_and_ids_still_fit_one_page() {
        let mut long = sheet();
        long.vault_name = "A very long vault name that somebody typed in full ".repeat(6);
        long.vault_id = "x".repeat(300);
        let bytes = recovery_sheet_pdf(&long).unwrap();
        assert_eq!(load(&bytes).get_pages().len(), 1);
        let pages = recovery_sheet_page(&long).unwrap();
        let lines = drawn_lines_within_margins(&pages, &PageSetup::a4());
        assert!(lines.iter().any(|l| l.starts_with("Vault: A very") && l.ends_with('\u{2026}')));
    }

    #[test]
    fn nothing_runs_off_the_page() {
        let pages = recovery_sheet_page(&sheet()).unwrap();
        let lines = drawn_lines_within_margins(&pages, &PageSetup::a4());
        assert!(lines.iter().any(|l| l == "K7QX-M2PA-9TRC-H4WD"), "{lines:?}");
    }

    #[test]
    fn an_empty_key_is_refused() {
        let mut empty = sheet();
        empty.recovery_key = " - ".to_owned();
        let err = recovery_sheet_pdf(&empty).unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::InvalidInput);
    }
}
