//! The chronology as CSV (for spreadsheets) and as a PDF table (for packs and meetings). Both take
//! the same entries, so they hold the same rows in the same order.

use super::chronology::ChronologyEntry;
use super::{british_date, iso, today};
use crate::error::Result;
use crate::pdf::text::PT_PER_MM;
use crate::pdf::{
    save_pdf, truncate_to_width, wrap, Align, Font, Footer, Layout, Stroke, TextStyle,
};

/// A field a spreadsheet would run as a formula (a leading `=`, `+`, `-` or `@`, or a tab or
/// carriage return before one) gets a leading apostrophe, so it shows as the text it is (OWASP's
/// CSV injection advice). Quoting is the `csv` crate's.
fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The chronology as CSV: a header, then one row per entry with the date as YYYY-MM-DD. Lines end
/// in CRLF (RFC 4180).
pub fn chronology_csv(entries: &[ChronologyEntry]) -> String {
    let mut out =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail; the rows are all text.
    let _ = out.write_record(["Date", "Child", "Kind", "What happened", "Details"]);
    for e in entries {
        let date = iso(e.date);
        let row = [
            date.as_str(),
            e.child_name.as_deref().unwrap_or_default(),
            e.kind.label(),
            e.title.as_str(),
            e.detail.as_str(),
        ];
        let _ = out.write_record(row.map(defuse).iter().map(|f| f.as_bytes()));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
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

    use super::super::chronology::ChronologyKind;

    fn entry(title: &str, detail: &str) -> ChronologyEntry {
        ChronologyEntry {
            date: chrono::NaiveDate::from_ymd_opt(2025, 3, 4).unwrap(),
            kind: ChronologyKind::Correspondence,
            child_id: Some("c1".into()),
            child_name: Some("Sam".into()),
            title: title.into(),
            detail: detail.into(),
            source_id: "s1".into(),
        }
    }

    /// The one data row of a chronology with a single entry.
    fn row(title: &str, detail: &str) -> String {
        let csv = chronology_csv(&[entry(title, detail)]);
        let (header, row) = csv.split_once("\r\n").unwrap();
        assert_eq!(header, "Date,Child,Kind,What happened,Details");
        row.strip_suffix("\r\n").unwrap().to_owned()
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(row("plain", ""), "2025-03-04,Sam,Contact,plain,");
        assert_eq!(row("a, b", "say \"hi\""), "2025-03-04,Sam,Contact,\"a, b\",\"say \"\"hi\"\"\"");
        assert_eq!(row("two\nlines", ""), "2025-03-04,Sam,Contact,\"two\nlines\",");
    }

    #[test]
    fn every_formula_lead_is_defused() {
        for (lead, name) in [('=', "equals"), ('+', "plus"), ('-', "minus"), ('@', "at")] {
            let title = format!("{lead}SUM(A1:A9)");
            assert_eq!(
                row(&title, ""),
                format!("2025-03-04,Sam,Contact,'{title},"),
                "a leading {name}"
            );
        }
        // A tab or carriage return first: defused, and quoted where the character needs it.
        assert_eq!(row("\t=1+2", ""), "2025-03-04,Sam,Contact,'\t=1+2,");
        assert_eq!(row("\r=1+2", ""), "2025-03-04,Sam,Contact,\"'\r=1+2\",");
        // In any column, not only the title; a formula character later in the text is left alone.
        assert_eq!(row("a=b", "-5 sessions"), "2025-03-04,Sam,Contact,a=b,'-5 sessions");
    }

    #[test]
    fn chronology_file_is_named_after_the_child_and_holds_the_rows() {
        use crate::record::{add_child, ChronologyFilter, NewChild};
        let (_dir, mut vault) = crate::vault::scratch();
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
