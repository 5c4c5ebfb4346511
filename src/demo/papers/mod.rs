//! The demo family's paperwork, generated with the `pdf` toolkit: reports, the LA's decision
//! letter, the EHC plan, a school report, review minutes and an email with an attachment. They
//! read like the real thing, and every page says it is fictional.
//!
//! One file per paper; this file holds the cast, the paper types and the layout helpers they
//! share.

mod decision;
mod ehc_plan;
mod email;
mod ep;
mod review;
mod salt;
mod school;

use chrono::NaiveDate;
use printpdf::PdfPage;

use crate::documents::DocumentKind;
use crate::error::Result;
use crate::pdf::{save_pdf, BoxPaint, Font, Footer, Layout, Stroke, TextStyle};
use crate::record::british_date;

pub(super) use decision::decision_letter;
pub(super) use ehc_plan::ehc_plan;
pub(super) use email::caseworker_email;
pub(super) use ep::ep_report;
pub(super) use review::review_minutes;
pub(super) use salt::salt_report;
pub(super) use school::school_report;

pub(super) const LA: &str = "Anytown Council (fictional)";
pub(super) const SCHOOL: &str = "Sample Street Primary School (fictional)";
const NHS: &str = "Anytown NHS Trust (fictional)";
const EP: &str = "Dr A. Example (fictional)";
const FOOTER: &str = "FICTIONAL demo document made by Carefile";

/// Who and when, as the record has them, so the papers agree with the record.
pub(super) struct Cast {
    pub child_name: String,
    pub first_name: String,
    pub dob: NaiveDate,
    pub local_authority: String,
    pub school: String,
    pub caseworker: String,
    pub caseworker_email: String,
    pub senco: String,
    pub therapist: String,
    pub first_issued: NaiveDate,
    pub amended: NaiveDate,
    pub review_meeting: NaiveDate,
    pub amendment_notice: NaiveDate,
    pub objection: NaiveDate,
    pub access_request: NaiveDate,
}

/// One generated document and the details it is imported with.
pub(super) struct Paper {
    pub file_name: String,
    pub title: String,
    pub kind: DocumentKind,
    pub author: String,
    pub dated: NaiveDate,
    pub received: NaiveDate,
    pub pages: Vec<PdfPage>,
}

impl Paper {
    pub fn bytes(self) -> Result<Vec<u8>> {
        save_pdf(&self.title, self.pages)
    }
}

/// An `.eml` file.
pub(super) struct Email {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn date(d: NaiveDate) -> String {
    british_date(d)
}

fn body() -> TextStyle {
    TextStyle::body()
}

fn bold() -> TextStyle {
    TextStyle::body().with_font(Font::Bold)
}

fn new_layout(what: &str) -> Layout {
    let mut l = Layout::a4();
    l.set_footer(Footer { left: format!("{what} \u{2014} {FOOTER}"), page_numbers: true });
    l
}

fn paras(l: &mut Layout, texts: &[&str]) {
    for t in texts {
        l.paragraph(t, &body());
    }
}

fn heading(l: &mut Layout, text: &str) {
    l.heading(text, &TextStyle::heading());
}

/// Label and value pairs in two columns, the value wrapping under itself.
fn rows<K: AsRef<str>, V: AsRef<str>>(l: &mut Layout, rows: &[(K, V)]) {
    let style = body().with_space_after(1.2);
    let label = style.with_font(Font::Bold);
    for (k, v) in rows {
        // Pay any gap owed first, so the label and the value's first line share a baseline.
        l.space(0.0);
        l.ensure_space(6.0);
        let (left, top) = (l.column_left_mm(), l.cursor_mm());
        let baseline = top + (style.line_height_pt() / 2.0 + style.size_pt * 0.2555) / 2.835;
        l.text_at(left, baseline, k.as_ref(), &label, crate::pdf::Align::Left);
        l.set_inset(48.0, 0.0);
        l.paragraph(v.as_ref(), &style);
        l.clear_inset();
    }
    l.space(2.0);
}

/// The box on a first page that says what the document really is.
fn fictional_notice(l: &mut Layout) {
    l.boxed(
        3.0,
        BoxPaint::FillAndOutline { fill_grey: 0.93, stroke: Stroke::new(0.6, 0.4) },
        |l| {
            l.paragraph(
            "FICTIONAL DOCUMENT. Made by Carefile's demo to show how the app works. Every person, \
             organisation, date and result in it is invented.",
            &TextStyle::small().with_font(Font::Bold).with_grey(0.15),
        );
        },
    );
    l.space(3.0);
}

fn letterhead(l: &mut Layout, org: &str, lines: &[&str]) {
    l.paragraph(org, &TextStyle::new(Font::Bold, 15.0).with_space_after(1.0));
    for line in lines {
        l.paragraph(line, &TextStyle::small().with_space_after(0.3));
    }
    l.rule(Stroke::new(0.8, 0.2), 3.0);
}

fn signature(l: &mut Layout, name: &str, role: &str) {
    l.space(10.0);
    l.paragraph(name, &bold().with_space_after(0.5));
    l.paragraph(role, &body());
}
