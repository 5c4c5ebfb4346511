//! The accountability summary as a printable PDF, for a complaint or a review meeting.

use super::dashboard::{Accountability, StepOutcome};
use crate::deadlines::format_uk;
use crate::error::Result;
use crate::pdf::{save_pdf, Font, Footer, Layout, Stroke, TextStyle};

/// One page (or more) listing every statutory step of the LA's with its outcome.
pub fn accountability_pdf(a: &Accountability) -> Result<Vec<u8>> {
    let mut page = Layout::a4();
    page.set_footer(Footer {
        left: format!(
            "{}: the local authority's record, made by Carefile on {}",
            a.child_name,
            format_uk(a.today)
        ),
        page_numbers: true,
    });
    page.paragraph(&format!("Statutory steps: {}", a.child_name), &TextStyle::title());
    if let Some(la) = &a.local_authority {
        page.paragraph(&format!("Local authority: {la}"), &TextStyle::body());
    }
    page.paragraph(&a.headline, &TextStyle::body().with_font(Font::Bold));
    page.paragraph(
        "Each step is a time limit the law sets for the local authority, worked out from the dates \
         in this family's record. \"Late\" means it was done after the time limit; \"not done\" \
         means nothing had been received by the date of this summary.",
        &TextStyle::small(),
    );
    page.space(3.0);
    let body = TextStyle::body().with_space_after(0.5);
    let small = TextStyle::small();
    for s in &a.steps {
        let outcome = match s.outcome {
            StepOutcome::OnTime | StepOutcome::Late { .. } => format!(
                "{} (done {})",
                s.outcome_words,
                s.met_on.map(format_uk).unwrap_or_default()
            ),
            _ => s.outcome_words.clone(),
        };
        page.paragraph(
            &format!("{}: due {}", s.title, format_uk(s.due)),
            &body.with_font(Font::Bold),
        );
        page.paragraph(&outcome, &body);
        page.paragraph(
            &format!(
                "Clock started: {} on {}. Law: {}.",
                s.trigger_label,
                format_uk(s.trigger_date),
                s.source
            ),
            &small,
        );
        page.rule(Stroke::new(0.3, 0.75), 1.5);
    }
    save_pdf(&format!("Statutory steps - {}", a.child_name), page.finish())
}
