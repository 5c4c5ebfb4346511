//! The NHS speech and language therapy report (`salt_report`).

use chrono::NaiveDate;

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;

use super::{
    body, date, fictional_notice, heading, letterhead, new_layout, paras, rows, signature, Cast,
    Paper, NHS,
};

/// The NHS speech and language therapy report: four pages.
pub(in super::super) fn salt_report(c: &Cast, dated: NaiveDate) -> Paper {
    let n = c.first_name.as_str();
    let t = c.therapist.as_str();
    let mut l = new_layout("Speech and language therapy report");
    letterhead(
        &mut l,
        NHS,
        &[
            "Children's Speech and Language Therapy Service",
            "Anytown Health Centre, 2 Example Road, Anytown AN2 2BB (fictional)",
        ],
    );
    l.paragraph("Speech and Language Therapy Report", &TextStyle::title());
    fictional_notice(&mut l);
    rows(
        &mut l,
        &[
            ("Name", c.child_name.clone()),
            ("Date of birth", date(c.dob)),
            ("NHS number", "000 000 0000 (fictional)".to_string()),
            ("School", c.school.clone()),
            ("Report for", format!("{}: EHC needs assessment advice", c.local_authority)),
            ("Date of report", date(dated)),
            ("Therapist", format!("{t}, HCPC SL00000 (fictional)")),
        ],
    );
    heading(&mut l, "Reason for the report");
    paras(
        &mut l,
        &[&format!(
            "The local authority asked for advice on {n}'s speech, language and communication \
             needs as part of an EHC needs assessment. I saw {n} twice in school and spoke with \
             {n}'s parents, class teacher and the SENCO, {}.",
            c.senco
        )],
    );

    l.new_page();
    heading(&mut l, "Assessment");
    paras(
        &mut l,
        &["Standard scores: average 100, with most children between 85 and 115. The results \
           below are invented for this fictional report."],
    );
    rows(
        &mut l,
        &[
            ("Following directions", "4 (scaled; average 10)"),
            ("Word classes", "6 (scaled)"),
            ("Sentence comprehension", "5 (scaled)"),
            ("Recalling sentences", "4 (scaled)"),
            ("Receptive language index", "70 (well below average)"),
            ("Expressive language index", "84 (below average)"),
            ("Speech sounds", "Within the typical range"),
            ("Social communication", "Some difficulty with the unwritten rules of group talk"),
        ],
    );
    paras(
        &mut l,
        &[&format!(
            "{n}'s understanding of language is much weaker than {n}'s ability to speak. This \
             pattern is easy to miss: {n} talks well about favourite topics, so adults may assume \
             {n} has understood instructions that have not been understood."
        )],
    );

    l.new_page();
    heading(&mut l, "What this means in class");
    l.bullet_list(
        &[
            format!("{n} can follow a two-part instruction about familiar things; three parts are lost, especially with words like before, after and unless."),
            format!("{n} needs new subject vocabulary taught before the lesson, with pictures."),
            format!("In group work {n} falls silent and copies others rather than ask."),
            format!("Long spoken explanations leave {n} tired and anxious; {n} manages much better with a written or visual list."),
        ],
        &body(),
    );
    heading(&mut l, "Long-term outcome");
    paras(
        &mut l,
        &[&format!(
            "By the end of the key stage {n} will follow three-part instructions in class without \
             adult help, and will say when something has not been understood."
        )],
    );

    l.new_page();
    heading(&mut l, "Provision I recommend");
    paras(
        &mut l,
        &[&format!(
            "To meet these needs {n} requires the following. It should be written in Section F of \
             the plan in these terms, so that it is clear who does what, how often and for how \
             long."
        )],
    );
    l.numbered_list(
        &[
            "Direct speech and language therapy: 45 minutes a week, 1:1, by an HCPC-registered \
             speech and language therapist, for at least the next 12 months.",
            "A programme written by the therapist each term and carried out by a trained \
             teaching assistant for 15 minutes every school day.",
            "Training for class staff each term on adapting spoken language (one hour).",
            "A review of progress by the therapist at the end of every term, shared with the \
             family.",
        ],
        &body(),
    );
    signature(&mut l, t, "Speech and language therapist (fictional)");
    Paper {
        file_name: "Speech and language therapy report (fictional).pdf".into(),
        title: "Speech and language therapy advice".into(),
        kind: DocumentKind::Report,
        author: t.into(),
        dated,
        received: dated + chrono::Days::new(5),
        pages: l.finish(),
    }
}
