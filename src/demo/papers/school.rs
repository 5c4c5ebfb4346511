//! The school's report to parents (`school_report`).

use chrono::NaiveDate;

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;

use super::{
    body, date, fictional_notice, heading, letterhead, new_layout, paras, rows, Cast, Paper,
};

/// The school's report to parents.
pub(in super::super) fn school_report(c: &Cast, dated: NaiveDate) -> Paper {
    let n = c.first_name.as_str();
    let mut l = new_layout("School report");
    letterhead(&mut l, &c.school, &["Sample Street, Anytown AN5 5EE (fictional)"]);
    l.paragraph(&format!("Report to parents: {}", c.child_name), &TextStyle::title());
    fictional_notice(&mut l);
    rows(
        &mut l,
        &[
            ("Date", date(dated)),
            ("Attendance this year", "91%".to_string()),
            ("Class teacher", "Mx Teacher (fictional)".to_string()),
        ],
    );
    heading(&mut l, "Attainment");
    rows(
        &mut l,
        &[
            ("Reading", "Working towards the expected standard"),
            ("Writing", "Working towards the expected standard"),
            ("Mathematics", "Working at the expected standard"),
            ("Science", "Working at the expected standard; a real strength in practical work"),
            ("Art and design", "Working at the expected standard"),
            ("PE", "Working towards the expected standard"),
        ],
    );
    heading(&mut l, "Class teacher's comments");
    paras(
        &mut l,
        &[&format!(
            "{n} has worked hard this year and is a kind, thoughtful member of the class. {n} \
             does best when instructions are given one step at a time with a visual prompt, and \
             has made good progress in mathematics. {n} still finds busy, noisy lessons hard and \
             has used the quiet space more this term. Reading comprehension remains an area to \
             work on."
        )],
    );
    heading(&mut l, "SENCO's comments");
    paras(
        &mut l,
        &[&format!(
            "{n}'s speech and language therapy sessions have been delivered most weeks, though \
             several were missed when the therapist was absent. We will ask for this to be \
             looked at in the annual review. {}, SENCO.",
            c.senco
        )],
    );
    heading(&mut l, "Targets for next year");
    l.bullet_list(
        &[
            "Answer questions about a text read aloud, using the question prompt cards.",
            "Ask an adult for help using words or the help card.",
            "Write a paragraph of four sentences on the laptop.",
        ],
        &body(),
    );
    Paper {
        file_name: "School report (fictional).pdf".into(),
        title: "School report to parents".into(),
        kind: DocumentKind::SchoolReport,
        author: c.school.clone(),
        dated,
        received: dated,
        pages: l.finish(),
    }
}
