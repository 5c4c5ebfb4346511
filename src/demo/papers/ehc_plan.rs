//! The final amended EHC plan, made from the plan in the record (`ehc_plan`).

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;
use crate::record::{PlanVersion, Section};

use super::{
    body, bold, date, fictional_notice, heading, letterhead, new_layout, paras, rows, signature,
    Cast, Paper, EP, NHS,
};

fn section_text(v: &PlanVersion, s: Section) -> Option<&str> {
    v.sections
        .iter()
        .find(|x| x.section == s)
        .map(|x| x.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

/// The final amended EHC plan as the LA issued it: ten pages, made from the plan in the record.
pub(in super::super) fn ehc_plan(c: &Cast, v: &PlanVersion) -> Paper {
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
