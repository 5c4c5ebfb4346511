//! The notes of the annual review meeting (`review_minutes`).

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;

use super::{date, fictional_notice, heading, letterhead, new_layout, paras, rows, Cast, Paper};

/// The notes of the annual review meeting.
pub(in super::super) fn review_minutes(c: &Cast) -> Paper {
    let n = c.first_name.as_str();
    let dated = c.review_meeting;
    let mut l = new_layout("Annual review notes");
    letterhead(&mut l, &c.school, &["Annual review of an EHC plan"]);
    l.paragraph(&format!("Annual review meeting: {}", c.child_name), &TextStyle::title());
    fictional_notice(&mut l);
    rows(
        &mut l,
        &[
            ("Date", date(dated)),
            ("Chair", format!("{}, SENCO", c.senco)),
            ("Present", format!("Mr and Ms Example (parents); {}, SENCO; Mx Teacher, class teacher; {}, speech and language therapist", c.senco, c.therapist)),
            ("Apologies", format!("{}, SEN caseworker ({})", c.caseworker, c.local_authority)),
            ("Notes taken by", c.senco.clone()),
        ],
    );
    heading(&mut l, "1. Views");
    paras(
        &mut l,
        &[
            &format!("{n}'s views were gathered before the meeting with the help of picture cards. {n} said the quiet space helps, and that speech therapy is \"fun but sometimes it doesn't happen\"."),
            &format!("Parents said {n} is calmer at home this year. They are worried that any cut to speech and language therapy will undo the progress {n} has made."),
        ],
    );
    heading(&mut l, "2. Progress towards the outcomes");
    paras(
        &mut l,
        &[&format!(
            "{n} now follows two-part instructions reliably, and three-part instructions with \
             visual prompts. {n} currently has 1:1 support from a teaching assistant for 15 hours \
             a week, mostly in English and science, and this is working well."
        )],
    );
    heading(&mut l, "3. Provision");
    paras(
        &mut l,
        &[
            &format!("{} said that 41 of the 60 planned therapy sessions had been delivered, most of the gaps being when the therapist was off sick without cover.", c.senco),
            &format!("School proposed that speech and language therapy could be reduced to 30 minutes a week because of {n}'s progress. Parents did not agree: they said the progress is because of the therapy."),
            "The social skills group has not run since the spring; all agreed it can be removed.",
        ],
    );
    heading(&mut l, "4. Agreed actions");
    rows(
        &mut l,
        &[
            (
                c.senco.clone(),
                "Send the review report and these notes to the local authority within two weeks."
                    .to_string(),
            ),
            (
                "Parents".to_string(),
                "Send their views in writing, including their disagreement about therapy time."
                    .to_string(),
            ),
            (c.therapist.clone(), "Write an updated therapy programme for next term.".to_string()),
        ],
    );
    heading(&mut l, "5. Recommendation to the local authority");
    paras(
        &mut l,
        &["The meeting recommends that the plan is amended (Sections B, E and F updated). \
           Parents do not agree with the proposed reduction in speech and language therapy."],
    );
    Paper {
        file_name: "Annual review notes (fictional).pdf".into(),
        title: "Annual review meeting notes".into(),
        kind: DocumentKind::Minutes,
        author: c.senco.clone(),
        dated,
        received: dated + chrono::Days::new(10),
        pages: l.finish(),
    }
}
