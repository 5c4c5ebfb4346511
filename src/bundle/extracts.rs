//! Record extracts as text: the chronology since the last review, the parent's and the child's
//! views, requested changes, progress against outcomes, provision delivered, statutory delays and
//! the correspondence index, each as the blocks of a generated document.

use chrono::NaiveDate;

use super::templates::Extract;
use super::{british, PackRequest, TextBlock};
use crate::error::Result;
use crate::record;
use crate::vault::Vault;

pub(super) fn latest_plan(vault: &Vault, child_id: &str) -> Result<Option<record::Plan>> {
    let plans = record::list_plans(vault, Some(child_id))?;
    Ok(plans.into_iter().max_by_key(|p| p.amended.or(p.issued)))
}

fn or_placeholder(text: Option<&str>, none: &str) -> Vec<TextBlock> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => vec![TextBlock::Paragraph(t.to_string())],
        None => vec![TextBlock::Paragraph(none.to_string())],
    }
}

pub(super) fn extract_blocks(
    vault: &Vault,
    req: &PackRequest,
    e: Extract,
    since: NaiveDate,
    today: NaiveDate,
    child: &record::Child,
) -> Result<Vec<TextBlock>> {
    Ok(match e {
        Extract::ChronologySinceReview => {
            let entries = record::chronology(
                vault,
                &record::ChronologyFilter {
                    child_id: Some(child.id.clone()),
                    kinds: vec![],
                    from: Some(since),
                    to: Some(today),
                },
            )?;
            let mut blocks = vec![TextBlock::Paragraph(format!(
                "From {} to {}.",
                british(since),
                british(today)
            ))];
            blocks.push(TextBlock::Rows(
                entries
                    .iter()
                    .map(|c| {
                        (
                            british(c.date),
                            format!(
                                "{}: {}{}",
                                c.kind.label(),
                                c.title,
                                if c.detail.is_empty() {
                                    String::new()
                                } else {
                                    format!(" \u{2014} {}", c.detail)
                                }
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::ParentViews => or_placeholder(req.parent_views.as_deref(), "Not written yet."),
        Extract::ChildViews => {
            match req.child_views.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => vec![TextBlock::Paragraph(t.into())],
                None => vec![
                    TextBlock::Heading("What people like and admire about me".into()),
                    TextBlock::Paragraph(child.about_me.likes.clone()),
                    TextBlock::Heading("What is important to me".into()),
                    TextBlock::Paragraph(child.about_me.matters.clone()),
                    TextBlock::Heading("How best to support me".into()),
                    TextBlock::Paragraph(child.about_me.support.clone()),
                ],
            }
        }
        Extract::RequestedChanges => {
            or_placeholder(req.requested_changes.as_deref(), "No changes requested yet.")
        }
        Extract::OutcomeProgress => {
            let Some(plan) = latest_plan(vault, &child.id)? else {
                return Ok(vec![TextBlock::Paragraph("No plan is recorded yet.".into())]);
            };
            let version = record::get_version(vault, &plan.id, None)?;
            let notes = record::list_progress_notes(vault, &plan.id, None)?;
            let mut blocks = Vec::new();
            for o in &version.outcomes {
                blocks.push(TextBlock::Heading(o.text.clone()));
                let rows: Vec<(String, String)> = notes
                    .iter()
                    .filter(|n| n.outcome_id == o.id && n.dated >= since)
                    .map(|n| (british(n.dated), n.note.clone()))
                    .collect();
                if rows.is_empty() {
                    blocks.push(TextBlock::Paragraph(
                        "No progress recorded since the last review.".into(),
                    ));
                } else {
                    blocks.push(TextBlock::Rows(rows));
                }
            }
            if blocks.is_empty() {
                blocks.push(TextBlock::Paragraph("The plan has no outcomes recorded.".into()));
            }
            blocks
        }
        Extract::ProvisionDelivered => {
            let Some(plan) = latest_plan(vault, &child.id)? else {
                return Ok(vec![TextBlock::Paragraph("No plan is recorded yet.".into())]);
            };
            let summary = record::delivery_summary(vault, &plan.id, since, today)?;
            let mut blocks = vec![TextBlock::Paragraph(format!(
                "Sessions logged from {} to {}, against what the plan sets out.",
                british(since),
                british(today)
            ))];
            blocks.push(TextBlock::Rows(
                summary
                    .iter()
                    .map(|s| {
                        (
                            format!("Section {:?}", s.section),
                            format!(
                                "{}: {} ({} missed, {} cancelled)",
                                s.what, s.headline, s.missed, s.cancelled
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::StatutoryDelays => {
            let a = crate::milestones::accountability(vault, &child.id, today)?;
            let mut blocks = vec![TextBlock::Paragraph(a.headline.clone())];
            blocks.push(TextBlock::Rows(
                a.steps
                    .iter()
                    .map(|s| {
                        (
                            british(s.due),
                            format!(
                                "{} \u{2014} {} (after {} on {})",
                                s.title,
                                s.outcome_words,
                                s.trigger_label,
                                british(s.trigger_date)
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::CorrespondenceIndex => {
            let log = record::list_correspondence(vault, Some(&child.id))?;
            vec![TextBlock::Rows(
                log.iter()
                    .map(|c| (british(c.date), format!("{} \u{2014} {}", c.subject, c.summary)))
                    .collect(),
            )]
        }
    })
}
