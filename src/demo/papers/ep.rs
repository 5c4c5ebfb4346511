//! An independent educational psychologist's report (`ep_report`).

use chrono::NaiveDate;

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;

use super::{
    body, date, fictional_notice, heading, letterhead, new_layout, paras, rows, signature, Cast,
    Paper, EP,
};

/// An independent educational psychologist's report: seven pages, one part to a page.
pub(in super::super) fn ep_report(c: &Cast, dated: NaiveDate) -> Paper {
    let n = c.first_name.as_str();
    let mut l = new_layout("Educational psychology report");
    letterhead(
        &mut l,
        "Example Psychology Practice (fictional)",
        &[
            "1 Placeholder Lane, Anytown AN1 1AA (fictional)",
            "HCPC-registered practitioner psychologists",
        ],
    );
    l.paragraph("Educational Psychology Report", &TextStyle::title());
    fictional_notice(&mut l);
    rows(
        &mut l,
        &[
            ("Name", c.child_name.clone()),
            ("Date of birth", date(c.dob)),
            ("School", c.school.clone()),
            ("Assessed on", date(dated - chrono::Days::new(21))),
            ("Date of report", date(dated)),
            ("Psychologist", format!("{EP}, HCPC PYL00000 (fictional)")),
            ("Asked for by", format!("{n}'s parents")),
        ],
    );
    heading(&mut l, &format!("1. Why I was asked to see {n}"));
    paras(
        &mut l,
        &[
            &format!(
                "{n}'s parents asked me to assess {n}'s learning, communication and emotional \
                 needs, and to say what support would help. They are worried that {n} is falling \
                 further behind, is exhausted and anxious after school, and has started to refuse \
                 to go in on some mornings."
            ),
            &format!(
                "School have described {n} as quiet and compliant in class, but say that {n} often \
                 does not start tasks and needs an adult to repeat instructions. {n} is on SEN \
                 Support and has had a small-group language programme for two terms."
            ),
        ],
    );

    l.new_page();
    heading(&mut l, "2. Background");
    paras(
        &mut l,
        &[
            &format!(
                "{n} lives with both parents and a younger sibling. {n}'s early development was \
                 within the expected range for walking, but first words came late (at about two \
                 and a half) and {n} was seen by the speech and language therapy service before \
                 starting school."
            ),
            &format!(
                "{n}'s hearing was tested in Reception and was normal. There is no diagnosis of \
                 autism; the family are on the waiting list for a neurodevelopmental assessment. \
                 {n} has difficulties with handwriting and tires quickly when writing."
            ),
            &format!(
                "Attendance this year has fallen to 88%, with most absences on Mondays. {n}'s \
                 parents describe long periods of distress after school (\"holding it together \
                 all day\"), and say that {n} now asks every evening what will happen tomorrow."
            ),
            "Previous reports: speech and language therapy discharge summary (aged 5); school SEN \
             Support plans and reviews for the last two years; reading and spelling test results \
             from school.",
        ],
    );

    l.new_page();
    heading(&mut l, &format!("3. {n}'s views"));
    paras(
        &mut l,
        &[
            &format!(
                "I met {n} in a quiet room at school. {n} was friendly and talked happily about \
                 trains, the family dog and Lego. {n} said that the best part of school is \
                 \"when we do science with Mr Sample\" and the worst part is \"when everyone is \
                 talking and I don't know what to do\"."
            ),
            &format!(
                "Asked what would help, {n} said: \"If someone told me again just to me, and if I \
                 could have a break when it's too loud.\""
            ),
        ],
    );
    heading(&mut l, "4. Observation in class");
    paras(
        &mut l,
        &[
            &format!(
                "I watched a 40-minute English lesson with 29 pupils. The teacher gave a \
                 four-part instruction to the whole class. {n} watched the pupils nearby, took \
                 out the wrong book, then sat without writing for six minutes until a teaching \
                 assistant came over and repeated the first step. With that help {n} wrote three \
                 sentences."
            ),
            &format!(
                "When the class moved to group work the noise rose. {n} put both hands over both \
                 ears and then asked to go to the toilet, returning after ten minutes. No adult \
                 was free to check in with {n} on return."
            ),
        ],
    );

    l.new_page();
    heading(&mut l, "5. Assessment");
    paras(
        &mut l,
        &["I used standardised tests of cognitive ability, language and attainment. Scores are \
             standard scores (average 100, with most children between 85 and 115). All scores \
             in this fictional report are invented."],
    );
    rows(
        &mut l,
        &[
            ("Verbal reasoning", "78 (well below average)"),
            ("Non-verbal reasoning", "104 (average)"),
            ("Working memory", "74 (well below average)"),
            ("Processing speed", "81 (below average)"),
            ("Single-word reading", "82 (below average)"),
            ("Reading comprehension", "76 (well below average)"),
            ("Spelling", "79 (well below average)"),
            ("Understanding spoken language", "72 (well below average)"),
        ],
    );
    paras(
        &mut l,
        &[
            &format!(
                "The difference between {n}'s non-verbal reasoning (average) and verbal and \
                 memory skills (well below average) is large and unusual. It means {n} can reason \
                 well when the task is visual, but cannot hold spoken instructions in mind long \
                 enough to act on them."
            ),
            &format!(
                "{n}'s reading comprehension is held back by language, not by decoding: {n} read \
                 the passage accurately but could answer only two of eight questions about it."
            ),
        ],
    );

    l.new_page();
    heading(&mut l, "6. Summary of needs");
    rows(
        &mut l,
        &[
            (
                "Communication and interaction",
                format!(
                    "Severe difficulty understanding spoken language, especially instructions \
                     with more than two parts and language about time and sequence. {n} \
                     rarely says when something has not been understood."
                ),
            ),
            (
                "Cognition and learning",
                "Working memory and processing speed well below average; reading comprehension \
                 and spelling about three years behind."
                    .to_string(),
            ),
            (
                "Social, emotional and mental health",
                "High anxiety at transitions, in noise and in unstructured times, now affecting \
                 attendance."
                    .to_string(),
            ),
            (
                "Sensory and physical",
                "Sensitivity to noise; fine motor difficulties making handwriting slow and \
                 tiring."
                    .to_string(),
            ),
        ],
    );
    paras(
        &mut l,
        &[&format!(
            "In my opinion {n}'s needs cannot be met from the resources normally available to a \
             mainstream school. {n} needs a coordinated plan with specified, quantified support."
        )],
    );

    l.new_page();
    heading(&mut l, "7. Recommendations");
    paras(
        &mut l,
        &["Each recommendation is specific so that it can be written into Section F of an EHC \
           plan and its delivery checked."],
    );
    l.numbered_list(
        &[
            format!(
                "1:1 support from a trained teaching assistant for 20 hours a week, to repeat and \
                 break down instructions, pre-teach vocabulary and check {n}'s understanding at \
                 the start of each task."
            ),
            "Speech and language therapy: 45 minutes a week, 1:1, delivered by an HCPC-registered \
             speech and language therapist, with a termly programme for school staff."
                .to_string(),
            "A daily visual timetable, and warning of changes to routine at least one day ahead."
                .to_string(),
            "Access to a named quiet space at break, lunch and in noisy lessons, with a \
             time-out card that does not need words."
                .to_string(),
            "A daily 10-minute check-in with a named adult at the start and end of the school \
             day."
                .to_string(),
            "Small-group reading comprehension intervention (no more than 4 pupils), 3 times a \
             week for 30 minutes."
                .to_string(),
            "An occupational therapy assessment of fine motor skills, and a laptop for longer \
             pieces of writing."
                .to_string(),
        ],
        &body(),
    );

    l.new_page();
    heading(&mut l, "8. Outcomes to aim for");
    l.bullet_list(
        &[
            format!("By the end of the key stage {n} will follow three-part instructions in class with a visual prompt."),
            format!("Within a year {n} will tell an adult, using words or the card, when {n} has not understood."),
            format!("Within a year {n}'s attendance will be back above 95%."),
        ],
        &body(),
    );
    paras(
        &mut l,
        &[&format!(
            "I would be happy to discuss this report with {n}'s parents, school and the local \
             authority. It should be reviewed if {n}'s needs change, and in any case within two \
             years."
        )],
    );
    signature(&mut l, EP, "Practitioner educational psychologist (fictional)");
    l.paragraph(
        "This report was written for the family and may be shared with the school and the local \
         authority. Its tests, scores and names are invented for Carefile's demo.",
        &TextStyle::small(),
    );
    Paper {
        file_name: "EP report (fictional).pdf".into(),
        title: "Educational psychology report".into(),
        kind: DocumentKind::Report,
        author: EP.into(),
        dated,
        received: dated + chrono::Days::new(3),
        pages: l.finish(),
    }
}
