//! The chronology as CSV (for spreadsheets) and as a PDF table (for packs and meetings). Both take
//! the same entries, so they hold the same rows in the same order.

use super::chronology::ChronologyEntry;
use super::{british_date, iso, today};
use crate::error::Result;
use crate::pdf::text::PT_PER_MM;
use crate::pdf::{
    save_pdf, truncate_to_width, wrap, Align, Font, Footer, Layout, Stroke, TextStyle,
};

/// One CSV field: quoted when needed; a leading `=`, `+`, `-` or `@` is defused so a spreadsheet
/// never runs it as a formula.
fn field(text: &str) -> String {
    let text =
        if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The chronology as CSV: a header, then one row per entry with the date as YYYY-MM-DD.
pub fn chronology_csv(entries: &[ChronologyEntry]) -> String {
    let mut out = String::from("Date,Child,Kind,What happened,Details\r\n");
    for e in entries {
        let row = [
            iso(e.date),
            e.child_name.clone().unwrap_or_default(),
            e.kind.label().to_owned(),
            e.title.clone(),
            e.detail.clone(),
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

const DATE_MM: f32 = 24.0;
const CHILD_MM: f32 = 30.0;
const KIND_MM: f32 = 22.0;

/// The chronology as a PDF table (A4, British dates), titled `title` (such as the child's name).
pub fn chronology_pdf(title: &str, entries: &[ChronologyEntry]) -> Result<Vec<u8>> {
    let mut page = Layout::a4();
    page.set_footer(Footer {
        left: format!("{title} - chronology made by Carefile on {}", british_date(today())),
        page_numbers: true,
    });
    page.paragraph(&format!("Chronology: {title}"), &TextStyle::title());
    page.paragraph(
        &format!(
            "{} entries, oldest first. Every line comes from a dated item in the record.",
            entries.len()
        ),
        &TextStyle::small(),
    );
    page.space(2.0);

    let body = TextStyle::new(Font::Regular, 9.5).with_leading(1.3).with_space_after(0.0);
    let bold = body.with_font(Font::Bold);
    let detail =
        TextStyle::new(Font::Regular, 8.5).with_leading(1.25).with_grey(0.3).with_space_after(0.0);
    let left = page.column_left_mm();
    let text_left = DATE_MM + CHILD_MM + KIND_MM;
    let text_width_pt = (page.column_width_mm() - text_left) * PT_PER_MM;
    let line_mm = body.line_height_pt() / PT_PER_MM;
    // Where the baseline sits in a line box, matching the toolkit's own flow.
    let baseline_mm =
        (body.line_height_pt() / 2.0 + body.size_pt * (0.718 - 0.207) / 2.0) / PT_PER_MM;

    let header = |page: &mut Layout| {
        page.ensure_space(line_mm * 3.0);
        let top = page.cursor_mm() + baseline_mm;
        for (x, text) in [(0.0, "Date"), (DATE_MM, "Child"), (DATE_MM + CHILD_MM, "Kind")] {
            page.text_at(left + x, top, text, &bold, Align::Left);
        }
        page.set_inset(text_left, 0.0);
        page.paragraph("What happened", &bold);
        page.clear_inset();
        page.rule(Stroke::new(0.6, 0.3), 1.0);
    };
    header(&mut page);

    for e in entries {
        let lines = wrap(&e.title, body.font, body.size_pt, text_width_pt).len().min(3) as f32;
        if page.ensure_space(line_mm * lines) {
            header(&mut page);
            page.ensure_space(line_mm * lines);
        }
        let top = page.cursor_mm() + baseline_mm;
        let cell = |text: &str, width_mm: f32| {
            truncate_to_width(text, body.font, body.size_pt, (width_mm - 3.0) * PT_PER_MM)
        };
        page.text_at(left, top, &british_date(e.date), &body, Align::Left);
        page.text_at(
            left + DATE_MM,
            top,
            &cell(e.child_name.as_deref().unwrap_or(""), CHILD_MM),
            &body,
            Align::Left,
        );
        page.text_at(
            left + DATE_MM + CHILD_MM,
            top,
            &cell(e.kind.label(), KIND_MM),
            &body,
            Align::Left,
        );
        page.set_inset(text_left, 0.0);
        page.paragraph(&e.title, &body);
        if !e.detail.is_empty() {
            page.paragraph(&e.detail, &detail);
        }
        page.clear_inset();
        page.rule(Stroke::new(0.3, 0.75), 1.2);
    }
    save_pdf(&format!("Chronology - {title}"), page.finish())
}

/// A chronology file ready to save: its suggested name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChronologyFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The chronology narrowed by `filter`, as a PDF (`pdf`) or CSV file titled after the child, for
/// the desktop's Save dialog.
pub fn chronology_file(
    vault: &crate::vault::Vault,
    filter: &super::chronology::ChronologyFilter,
    pdf: bool,
) -> Result<ChronologyFile> {
    let entries = super::chronology::chronology(vault, filter)?;
    let title = match &filter.child_id {
        Some(id) => {
            let child = super::children::get_child(vault, id)?;
            child.preferred_name.map_or(child.name.clone(), |p| format!("{p} ({})", child.name))
        }
        None => "All children".to_owned(),
    };
    let safe: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let (bytes, ext) = if pdf {
        (chronology_pdf(&title, &entries)?, "pdf")
    } else {
        (chronology_csv(&entries).into_bytes(), "csv")
    };
    Ok(ChronologyFile { file_name: format!("Chronology - {}.{ext}", safe.trim()), bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
    }

    #[test]
    fn chronology_file_is_named_after_the_child_and_holds_the_rows() {
        use crate::record::{add_child, ChronologyFilter, NewChild};
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, _key) = crate::vault::create(
            dir.path(),
            "Test",
            &crate::vault::Passphrase::new("kettle orbit lantern minnow"),
            crate::vault::KdfParams::INSECURE_FOR_TESTS,
        )
        .unwrap();
        let child = add_child(
            &mut vault,
            &NewChild {
                name: "Sam Example".into(),
                preferred_name: Some("Sam".into()),
                dob: chrono::NaiveDate::from_ymd_opt(2015, 5, 1).unwrap(),
                ..NewChild::default()
            },
        )
        .unwrap();
        let filter = ChronologyFilter { child_id: Some(child.id), ..ChronologyFilter::default() };
        let csv = chronology_file(&vault, &filter, false).unwrap();
        assert_eq!(csv.file_name, "Chronology - Sam (Sam Example).csv");
        let text = String::from_utf8(csv.bytes).unwrap();
        assert!(text.contains("2015-05-01,Sam,Child,Born"), "{text}");
        let pdf = chronology_file(&vault, &ChronologyFilter::default(), true).unwrap();
        assert_eq!(pdf.file_name, "Chronology - All children.pdf");
        assert!(pdf.bytes.starts_with(b"%PDF"));
    }
}
