//! The working document as a Word file (docx-rs): a heading, the Tribunal's key, then one table row
//! per row of the document (number, section, the wording in the key, status), with each piece of
//! evidence as a real Word footnote (docx-rs writes `word/footnotes.xml`). Formatting is direct
//! run formatting only: no tracked changes and no comments (Surrey SENDIAS), so what the other side
//! opens is what the Tribunal reads.

use docx_rs::{Docx, Footnote, Paragraph, Run, Table, TableCell, TableRow, WidthType};

use super::markup::{mark_up, Mark};
use super::{versions::load_workdoc, RowStatus, Workdoc, WorkdocRow};
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

/// The heading of the wording column: how an imported file's table is recognised as ours.
pub(crate) const WORDING_HEADER: &str = "Wording";
pub(crate) const HEADERS: [&str; 4] = ["No.", "Section", WORDING_HEADER, "Status"];

/// The key, as the lines printed above the table (send-law.md 3.2).
pub(crate) const KEY: [(&str, Mark); 7] = [
    ("original wording", Mark::Original),
    ("parents' proposed additions", Mark::FamilyAdded),
    ("parents' proposed deletions", Mark::FamilyDeleted),
    ("local authority's proposed additions", Mark::LaAdded),
    ("local authority's proposed deletions", Mark::LaDeleted),
    ("additions agreed by both", Mark::AgreedAdded),
    ("deletions agreed by both", Mark::AgreedDeleted),
];

pub(crate) fn status_label(s: RowStatus) -> &'static str {
    match s {
        RowStatus::Agreed => "Agreed",
        RowStatus::Disputed => "Disputed",
        RowStatus::NotDiscussed => "Not yet discussed",
    }
}

pub(crate) fn section_label(r: &WorkdocRow) -> String {
    match &r.label {
        Some(l) => format!("{} ({l})", r.section),
        None => r.section.to_string(),
    }
}

/// Title and subtitle: whose document, which plan, which version and when.
pub(crate) fn heading(vault: &Vault, w: &Workdoc) -> Result<(String, String)> {
    let child = record::get_child(vault, &w.child_id)?;
    let plan = record::get_plan(vault, &w.plan_id)?;
    let dated = chrono::NaiveDate::parse_from_str(&w.version.dated, "%Y-%m-%d")
        .map(record::british_date)
        .unwrap_or_else(|_| w.version.dated.clone());
    let sections = w.sections.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    Ok((
        format!("Working document: {}", child.name),
        format!(
            "{} (version {} of the plan), sections {sections}. Working document version {}, {dated}.",
            plan.title, w.plan_version, w.version.number
        ),
    ))
}

fn styled(text: &str, mark: Mark) -> Run {
    let mut run = Run::new().add_text(text);
    if mark.bold() {
        run = run.bold();
    }
    if mark.italic() {
        run = run.italic();
    }
    if mark.strike() {
        run = run.strike();
    }
    if mark.underline() {
        run = run.underline("single");
    }
    run
}

fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new().add_paragraph(p).width(width, WidthType::Dxa)
}

/// Column widths in twentieths of a point, filling A4 between 2 cm margins.
const WIDTHS: [usize; 4] = [600, 1400, 5600, 1400];

fn wording(row: &WorkdocRow) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, run) in mark_up(row).iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_text(" "));
        }
        p = p.add_run(styled(&run.text, run.mark));
    }
    for e in &row.evidence {
        let note =
            Footnote::new().add_content(Paragraph::new().add_run(Run::new().add_text(&e.citation)));
        p = p.add_run(Run::new().add_footnote_reference(note));
    }
    p
}

/// The working document at `version` (the newest when `None`) as `.docx` bytes.
pub fn export_docx(vault: &Vault, id: &str, version: Option<i64>) -> Result<Vec<u8>> {
    let w = load_workdoc(vault.conn(), id.trim(), version)?;
    let (title, subtitle) = heading(vault, &w)?;
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .default_size(22)
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&title).bold().size(32)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&subtitle)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Key").bold()));
    for (meaning, mark) in KEY {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(styled(mark.looks(), mark))
                .add_run(Run::new().add_text(format!(": {meaning}"))),
        );
    }
    let header = TableRow::new(
        HEADERS
            .iter()
            .zip(WIDTHS)
            .map(|(h, wd)| cell(Paragraph::new().add_run(Run::new().add_text(*h).bold()), wd))
            .collect(),
    );
    let mut rows = vec![header];
    for r in &w.rows {
        rows.push(TableRow::new(vec![
            cell(Paragraph::new().add_run(Run::new().add_text(r.row.to_string())), WIDTHS[0]),
            cell(Paragraph::new().add_run(Run::new().add_text(section_label(r))), WIDTHS[1]),
            cell(wording(r), WIDTHS[2]),
            cell(Paragraph::new().add_run(Run::new().add_text(status_label(r.status))), WIDTHS[3]),
        ]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(WIDTHS.to_vec()));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out)
        .map_err(|e| Error::Internal(format!("writing the Word file failed: {e}")))?;
    Ok(out.into_inner())
}
