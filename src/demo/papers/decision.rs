//! The LA's decision letter on the final amended plan (`decision_letter`).

use crate::documents::DocumentKind;
use crate::pdf::TextStyle;

use super::{
    body, bold, date, fictional_notice, heading, letterhead, new_layout, paras, rows, signature,
    Cast, Paper,
};

/// The LA's decision letter that came with the final amended plan: two pages, the second on the
/// right of appeal.
pub(in super::super) fn decision_letter(c: &Cast) -> Paper {
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
