//! The demo family's paperwork, generated with the `pdf` toolkit: reports, the LA's decision
//! letter, the EHC plan, a school report, review minutes and an email with an attachment. They
//! read like the real thing, and every page says it is fictional.

use base64::Engine;
use chrono::NaiveDate;
use printpdf::PdfPage;

use crate::documents::DocumentKind;
use crate::error::Result;
use crate::pdf::{save_pdf, BoxPaint, Font, Footer, Layout, Stroke, TextStyle};
use crate::record::{british_date, PlanVersion, Section};

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

/// An independent educational psychologist's report: seven pages, one part to a page.
pub(super) fn ep_report(c: &Cast, dated: NaiveDate) -> Paper {
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

/// The NHS speech and language therapy report: four pages.
pub(super) fn salt_report(c: &Cast, dated: NaiveDate) -> Paper {
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

/// The LA's decision letter that came with the final amended plan: two pages, the second on the
/// right of appeal.
pub(super) fn decision_letter(c: &Cast) -> Paper {
    let n = c.first_name.as_str();
    let dated = c.amended;
    let mut l = new_layout("Decision letter");
    letterhead(
        &mut l,
        &c.local_authority,
        &[
            "Special Educational Needs and Disability Team",
            "Town Hall, Example Square, Anytown AN3 3CC (fictional)",
            &format!("Email: {}", c.caseworker_email),
        ],
    );
    fictional_notice(&mut l);
    l.paragraph("Mr and Ms Example (fictional)\n3 Sample Close\nAnytown AN4 4DD", &body());
    l.paragraph(&date(dated), &body());
    l.paragraph(&format!("Our reference: EHC/000123/{n} (fictional)"), &TextStyle::small());
    l.space(2.0);
    l.paragraph("Dear Mr and Ms Example,", &body());
    l.paragraph(&format!("Decision: final amended EHC plan for {}", c.child_name), &bold());
    paras(
        &mut l,
        &[
            &format!(
                "Following {n}'s annual review on {} and the proposed amendments we sent you on \
                 {}, we have considered your comments of {}.",
                date(c.review_meeting),
                date(c.amendment_notice),
                date(c.objection)
            ),
            &format!(
                "We have decided to issue the final amended EHC plan, which is enclosed. It \
                 replaces the plan issued on {}. The main changes are in Section F: speech and \
                 language therapy is now 30 minutes a week (it was 45 minutes), and the social \
                 skills group has been removed because school report that {n} no longer needs it.",
                date(c.first_issued)
            ),
            "We have not agreed to your request to keep 45 minutes of speech and language \
             therapy a week. The school's review report says that progress has been good, and we \
             consider that 30 minutes, with the school's own programme, will meet the need in \
             Section B.",
            &format!(
                "{} remains the school named in Section I. The plan will next be reviewed within \
                 12 months of the date of this letter.",
                c.school
            ),
        ],
    );
    l.paragraph("Yours sincerely,", &body());
    signature(&mut l, &c.caseworker, &format!("SEN caseworker, {}", c.local_authority));

    l.new_page();
    heading(&mut l, "Your right to appeal");
    paras(
        &mut l,
        &[
            "If you disagree with the special educational needs described in Section B, the \
             special educational provision in Section F, or the school named in Section I, you \
             can appeal to the First-tier Tribunal (Special Educational Needs and Disability).",
            "Before you appeal you must contact a mediation adviser. You must do this within two \
             months of the date of this letter. The adviser will give you information about \
             mediation and, whether or not you choose mediation, a certificate that you need in \
             order to appeal. (You do not need a certificate if your appeal is only about the \
             school named in Section I.)",
            "You must register your appeal with the Tribunal within two months of the date of \
             this letter, or within one month of the date of the mediation certificate, \
             whichever is later.",
        ],
    );
    rows(
        &mut l,
        &[
            ("Mediation adviser", "Example Mediation Service (fictional), 0000 000 0000"),
            ("Information and advice", "Anytown SENDIASS (fictional), 0000 000 0001"),
            ("The Tribunal", "First-tier Tribunal (SEND). Forms and guidance are on GOV.UK."),
        ],
    );
    paras(
        &mut l,
        &["Appealing will not change the support set out in the plan while the appeal is \
           decided. You can also ask us for a meeting to talk about this decision."],
    );
    Paper {
        file_name: "Decision letter final amended plan (fictional).pdf".into(),
        title: "Decision letter: final amended EHC plan".into(),
        kind: DocumentKind::Decision,
        author: c.caseworker.clone(),
        dated,
        received: dated + chrono::Days::new(2),
        pages: l.finish(),
    }
}

fn section_text(v: &PlanVersion, s: Section) -> Option<&str> {
    v.sections
        .iter()
        .find(|x| x.section == s)
        .map(|x| x.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

/// The final amended EHC plan as the LA issued it: ten pages, made from the plan in the record.
pub(super) fn ehc_plan(c: &Cast, v: &PlanVersion) -> Paper {
    let n = c.first_name.as_str();
    let dated = c.amended;
    let mut l = new_layout(&format!("EHC plan: {}", c.child_name));
    letterhead(&mut l, &c.local_authority, &["Special Educational Needs and Disability Team"]);
    l.paragraph("Education, Health and Care Plan", &TextStyle::title());
    l.paragraph("Final amended plan", &TextStyle::heading());
    fictional_notice(&mut l);
    rows(
        &mut l,
        &[
            ("Name", c.child_name.clone()),
            ("Date of birth", date(c.dob)),
            ("Parents", "Mr and Ms Example (fictional)".to_string()),
            ("School", c.school.clone()),
            ("First issued", date(c.first_issued)),
            ("This version issued", date(dated)),
            ("Reason", format!("Amended after the annual review on {}", date(c.review_meeting))),
            ("Caseworker", c.caseworker.clone()),
        ],
    );
    paras(
        &mut l,
        &["This plan is made under section 37 of the Children and Families Act 2014 and follows \
           the form set out in the SEND Regulations 2014, regulation 12. Sections A to K are \
           set out on the following pages."],
    );

    l.new_page();
    heading(&mut l, "Section A: the views, interests and aspirations of the child and parents");
    paras(
        &mut l,
        &[
            section_text(v, Section::A).unwrap_or("Not recorded."),
            &format!(
                "What {n} says: \"I like trains and animals. I want to be a vet. I don't like it \
                 when it is loud or when things change and nobody told me.\""
            ),
            &format!(
                "What {n}'s parents say: \"We want {n} to be understood. {n} works so hard to \
                 cope all day and then falls apart at home. We want support that is written \
                 down clearly so that everyone knows what {n} should get.\""
            ),
        ],
    );

    l.new_page();
    heading(&mut l, "Section B: special educational needs");
    let needs: Vec<String> = v
        .needs
        .iter()
        .filter(|x| x.section == Section::B)
        .map(|x| match &x.area {
            Some(area) => format!("{area}: {}", x.text),
            None => x.text.clone(),
        })
        .collect();
    l.bullet_list(&needs, &body());
    paras(
        &mut l,
        &[&format!(
            "Advice: the educational psychology advice (K1) and the speech and language therapy \
             advice (K2) describe these needs in detail. {n}'s non-verbal reasoning is in the \
             average range; the difficulties are with language, memory and anxiety."
        )],
    );

    l.new_page();
    heading(&mut l, "Section C: health needs related to SEN");
    paras(
        &mut l,
        &[&format!(
            "{n} is awaiting a neurodevelopmental assessment with the community paediatric \
             service ({NHS}). There are no other health needs related to {n}'s special \
             educational needs."
        )],
    );
    l.new_page();
    heading(&mut l, "Section D: social care needs related to SEN");
    paras(
        &mut l,
        &[
            &format!(
                "{n} is not known to children's social care. The family have not asked for a \
             social care assessment; they may ask for one, or for a carer's assessment, at any \
             time."
            ),
            "Information about short breaks and activities in the holidays is in the local \
             offer (fictional).",
        ],
    );

    l.new_page();
    heading(&mut l, "Section E: outcomes");
    for o in &v.outcomes {
        l.paragraph(&o.text, &bold().with_space_after(1.0));
        if let Some(by) = &o.by_when {
            l.paragraph(&format!("By: {by}"), &TextStyle::small());
        }
        l.space(2.0);
    }

    l.new_page();
    heading(&mut l, "Section F: special educational provision");
    if let Some(text) = section_text(v, Section::F) {
        l.paragraph(text, &body());
    }
    for p in v.provision.iter().filter(|p| p.section == Section::F) {
        l.paragraph(&p.what, &bold().with_space_after(1.0));
        let mut details = Vec::new();
        if let Some(who) = &p.who {
            details.push((
                "Who",
                match &p.qualification {
                    Some(q) => format!("{who} ({q})"),
                    None => who.clone(),
                },
            ));
        }
        if let Some(f) = p.frequency {
            details.push(("How often", f.describe()));
        }
        if let Some(m) = p.minutes {
            details.push(("How long", format!("{m} minutes each session")));
        }
        if let Some(g) = &p.group_size {
            details.push(("Group size", g.clone()));
        }
        if let Some(f) = &p.funded_by {
            details.push(("Funded by", f.clone()));
        }
        rows(&mut l, &details);
    }

    l.new_page();
    heading(&mut l, "Section G: health provision");
    paras(&mut l, &["None specified. The community paediatric service will send a report after the neurodevelopmental assessment."]);
    heading(&mut l, "Section H1: social care provision under section 2 of the CSDPA 1970");
    paras(&mut l, &["None."]);
    heading(&mut l, "Section H2: other social care provision");
    paras(&mut l, &["None."]);

    l.new_page();
    heading(&mut l, "Section I: placement");
    paras(
        &mut l,
        &[
            section_text(v, Section::I).unwrap_or(&c.school),
            "Type of school: mainstream primary (fictional).",
        ],
    );
    heading(&mut l, "Section J: personal budget");
    paras(&mut l, &["No personal budget has been requested."]);

    l.new_page();
    heading(&mut l, "Section K: advice and information");
    paras(&mut l, &["The advice and information gathered during the EHC needs assessment is listed below and attached to this plan."]);
    rows(
        &mut l,
        &[
            ("K1", format!("Educational psychology advice, {EP}")),
            ("K2", format!("Speech and language therapy advice, {}, {NHS}", c.therapist)),
            ("K3", "Parents' views and information".to_string()),
            ("K4", format!("Educational advice from {}", c.school)),
            ("K5", "Health advice: community paediatrics".to_string()),
            ("K6", "Social care advice: not known to the service".to_string()),
        ],
    );
    signature(&mut l, &c.caseworker, &format!("For and on behalf of {}", c.local_authority));
    Paper {
        file_name: "EHC plan final amended (fictional).pdf".into(),
        title: format!("EHC plan: final amended, {}", date(dated)),
        kind: DocumentKind::Plan,
        author: c.local_authority.clone(),
        dated,
        received: dated + chrono::Days::new(2),
        pages: l.finish(),
    }
}

/// The school's report to parents.
pub(super) fn school_report(c: &Cast, dated: NaiveDate) -> Paper {
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

/// The notes of the annual review meeting.
pub(super) fn review_minutes(c: &Cast) -> Paper {
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

/// The one-page therapy timetable attached to the caseworker's email.
fn timetable(c: &Cast, sent: NaiveDate) -> Result<Vec<u8>> {
    let n = c.first_name.as_str();
    let mut l = new_layout("Therapy timetable");
    letterhead(&mut l, NHS, &["Children's Speech and Language Therapy Service"]);
    l.paragraph(&format!("Speech and language therapy: {}", c.child_name), &TextStyle::heading());
    fictional_notice(&mut l);
    paras(
        &mut l,
        &[&format!("Sessions for {n} next half term, at {}, 30 minutes each, 1:1.", c.school)],
    );
    let weeks: Vec<(String, String)> = (1..=6u64)
        .map(|w| {
            let day = sent + chrono::Days::new(7 * w);
            (
                format!("Week {w}"),
                format!("Tuesday {}, 10:15 to 10:45, with {}", date(day), c.therapist),
            )
        })
        .collect();
    rows(&mut l, &weeks);
    paras(
        &mut l,
        &["If a session cannot go ahead, the service will offer another date in the same week."],
    );
    save_pdf("Speech and language therapy timetable", l.finish())
}

/// The caseworker's email, with the timetable attached, as an `.eml` file.
pub(super) fn caseworker_email(c: &Cast, sent: NaiveDate) -> Result<Email> {
    let n = c.first_name.as_str();
    let attachment = timetable(c, sent)?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(attachment);
    let wrapped: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
        .collect();
    let stamp =
        sent.and_hms_opt(9, 42, 0).unwrap_or_default().format("%a, %d %b %Y %H:%M:%S +0000");
    let text = format!(
        "From: {caseworker} <{email}>\r\n\
         To: Example family <family@example.invalid>\r\n\
         Subject: {name}: speech and language therapy next half term\r\n\
         Date: {stamp}\r\n\
         Message-ID: <demo-therapy-{id}@example.invalid>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"carefile-demo\"\r\n\
         \r\n\
         --carefile-demo\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Dear Mr and Ms Example,\r\n\
         \r\n\
         Please find attached the speech and language therapy timetable for {n} for next half\r\n\
         term, which the therapy service sent to us today. Sessions are 30 minutes a week, 1:1,\r\n\
         as set out in Section F of the amended plan.\r\n\
         \r\n\
         I have also passed your subject access request of {access} to our information\r\n\
         governance team. I am sorry that you have not had a reply yet.\r\n\
         \r\n\
         Kind regards,\r\n\
         {caseworker}\r\n\
         SEN caseworker, {la}\r\n\
         \r\n\
         (A fictional email made by Carefile's demo.)\r\n\
         \r\n\
         --carefile-demo\r\n\
         Content-Type: application/pdf; name=\"Therapy timetable (fictional).pdf\"\r\n\
         Content-Disposition: attachment; filename=\"Therapy timetable (fictional).pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         \r\n\
         {attachment}\r\n\
         --carefile-demo--\r\n",
        caseworker = c.caseworker,
        email = c.caseworker_email,
        name = c.child_name,
        id = sent.format("%Y%m%d"),
        access = date(c.access_request),
        la = c.local_authority,
        attachment = wrapped.join("\r\n"),
    );
    Ok(Email {
        file_name: "Therapy next half term (fictional).eml".into(),
        bytes: text.into_bytes(),
    })
}
