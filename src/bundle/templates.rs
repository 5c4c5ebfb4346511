//! Pack templates: the sections of each kind of pack and their page budgets.
//!
//! Tribunal budgets come from the Senior President of Tribunals' Practice Direction on bundles for
//! SEND final hearings listed after 15 July 2025 (see `shared/domain/send-law.md` 3.1). The letters
//! and order of the parts in Schedule One could not be confirmed, so every section here is only a
//! starting point: a saved pack carries its own sections, titles and budgets, which the person can
//! change.

use serde::{Deserialize, Serialize};

use crate::documents::DocumentKind;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PackKind {
    Tribunal,
    AnnualReview,
    Complaint,
    Custom,
}

impl PackKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PackKind::Tribunal => "tribunal",
            PackKind::AnnualReview => "annual_review",
            PackKind::Complaint => "complaint",
            PackKind::Custom => "custom",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PackKind::Tribunal => "Tribunal bundle",
            PackKind::AnnualReview => "Annual review pack",
            PackKind::Complaint => "Complaint pack",
            PackKind::Custom => "Pack",
        }
    }

    /// Accepts `annual-review`, `annual_review` or `Annual review`.
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "tribunal" => Ok(PackKind::Tribunal),
            "annual_review" | "review" => Ok(PackKind::AnnualReview),
            "complaint" => Ok(PackKind::Complaint),
            "custom" => Ok(PackKind::Custom),
            _ => Err(Error::invalid(format!(
                "\"{}\" isn't a kind of pack. Use tribunal, annual-review, complaint or custom.",
                text.trim()
            ))),
        }
    }
}

/// What the appeal is about; it sets the parts and the evidence budget per party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AppealType {
    RefusalToAssess,
    RefusalToIssue,
    /// Sections B and/or F of the plan.
    Contents,
    /// Section I, the named school.
    School,
    Cease,
    /// Contents with health and social care recommendations.
    Extended,
}

impl AppealType {
    pub const ALL: [AppealType; 6] = [
        AppealType::RefusalToAssess,
        AppealType::RefusalToIssue,
        AppealType::Contents,
        AppealType::School,
        AppealType::Cease,
        AppealType::Extended,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AppealType::RefusalToAssess => "Refusal to assess or re-assess",
            AppealType::RefusalToIssue => "Refusal to issue a plan",
            AppealType::Contents => "Contents of the plan (Sections B and F)",
            AppealType::School => "Named school (Section I)",
            AppealType::Cease => "Decision to cease the plan",
            AppealType::Extended => "Extended appeal (health and social care)",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "refusal-to-assess" | "assess" => Ok(AppealType::RefusalToAssess),
            "refusal-to-issue" | "issue" => Ok(AppealType::RefusalToIssue),
            "contents" => Ok(AppealType::Contents),
            "school" => Ok(AppealType::School),
            "cease" => Ok(AppealType::Cease),
            "extended" => Ok(AppealType::Extended),
            _ => Err(Error::invalid(format!(
                "\"{}\" isn't an appeal type. Use refusal-to-assess, refusal-to-issue, contents, \
                 school, cease or extended.",
                text.trim()
            ))),
        }
    }

    /// Evidence pages per party. PD 2025 (Birkett Long; Education Law Advice, 21 May 2025):
    /// refusal to assess/re-assess 75, refusal to issue 100, B/F 100, I 75, cease 75, extended 75.
    pub fn evidence_budget(self) -> u32 {
        match self {
            AppealType::RefusalToIssue | AppealType::Contents => 100,
            _ => 75,
        }
    }

    fn has_plan(self) -> bool {
        !matches!(self, AppealType::RefusalToAssess | AppealType::RefusalToIssue)
    }

    fn has_working_document(self) -> bool {
        matches!(self, AppealType::Contents | AppealType::School | AppealType::Extended)
    }
}

/// One section of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SectionSpec {
    /// `A`, `B`…: the tab letter.
    pub letter: String,
    pub title: String,
    /// Most pages its documents may have, if there is a limit.
    pub budget: Option<u32>,
    /// Which kinds of document a new pack puts here.
    #[serde(default)]
    pub kinds: Vec<DocumentKind>,
    /// A record extract this section is made of, for annual review and complaint packs.
    #[serde(default)]
    pub extract: Option<Extract>,
}

/// Parts of a pack written from the record rather than taken from documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Extract {
    ChronologySinceReview,
    ParentViews,
    ChildViews,
    OutcomeProgress,
    ProvisionDelivered,
    RequestedChanges,
    StatutoryDelays,
    CorrespondenceIndex,
}

/// A kind of pack with its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PackTemplate {
    pub kind: PackKind,
    pub appeal_type: Option<AppealType>,
    pub title: String,
    pub sections: Vec<SectionSpec>,
}

fn section(
    letter: usize,
    title: &str,
    budget: Option<u32>,
    kinds: &[DocumentKind],
    extract: Option<Extract>,
) -> SectionSpec {
    SectionSpec {
        letter: letter_for(letter),
        title: title.into(),
        budget,
        kinds: kinds.to_vec(),
        extract,
    }
}

/// `A` for 0, `B` for 1, … `Z`, then `AA`.
pub fn letter_for(i: usize) -> String {
    let mut n = i;
    let mut out = String::new();
    loop {
        out.insert(0, char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out
}

/// The starting sections for a kind of pack.
pub fn template_for(kind: PackKind, appeal: Option<AppealType>) -> PackTemplate {
    use DocumentKind as K;
    type Spec = (&'static str, Option<u32>, Vec<DocumentKind>, Option<Extract>);
    let mut specs: Vec<Spec> = Vec::new();
    let title = match kind {
        PackKind::Tribunal => {
            let appeal = appeal.unwrap_or(AppealType::Contents);
            let evidence = appeal.evidence_budget();
            // PD 2025: core bundle 100 pages (appeal form, decision, response, orders).
            specs.push((
                "Core papers: appeal, decision, response and orders",
                Some(100),
                vec![K::Decision],
                None,
            ));
            if appeal.has_plan() {
                // PD 2025: the EHC plan with its Section K appendices, 150 pages.
                specs.push(("EHC plan and Section K appendices", Some(150), vec![K::Plan], None));
            }
            if appeal.has_working_document() {
                // PD 2025: working document, 25 pages.
                specs.push(("Working document", Some(25), vec![], None));
            }
            specs.push((
                "Parent's evidence",
                Some(evidence),
                vec![
                    K::Report,
                    K::SchoolReport,
                    K::Evidence,
                    K::Letter,
                    K::Email,
                    K::Minutes,
                    K::Photo,
                    K::Other,
                ],
                None,
            ));
            specs.push(("Local authority's evidence", Some(evidence), vec![], None));
            format!("Tribunal bundle: {}", appeal.label())
        }
        PackKind::AnnualReview => {
            specs.push((
                "Chronology since the last review",
                None,
                vec![],
                Some(Extract::ChronologySinceReview),
            ));
            specs.push(("Parent's views", None, vec![], Some(Extract::ParentViews)));
            specs.push(("Child's views", None, vec![], Some(Extract::ChildViews)));
            specs.push(("Progress against outcomes", None, vec![], Some(Extract::OutcomeProgress)));
            specs.push((
                "Provision delivered against the plan",
                None,
                vec![],
                Some(Extract::ProvisionDelivered),
            ));
            specs.push(("New reports", None, vec![K::Report, K::SchoolReport], None));
            specs.push(("Requested changes", None, vec![], Some(Extract::RequestedChanges)));
            "Annual review pack".to_string()
        }
        PackKind::Complaint => {
            specs.push((
                "Chronology of delays against statutory dates",
                None,
                vec![],
                Some(Extract::StatutoryDelays),
            ));
            specs.push(("Correspondence index", None, vec![], Some(Extract::CorrespondenceIndex)));
            specs.push((
                "Letters and emails",
                None,
                vec![K::Letter, K::Email, K::Decision, K::Minutes],
                None,
            ));
            specs.push((
                "Evidence",
                None,
                vec![K::Report, K::SchoolReport, K::Evidence, K::Plan, K::Photo, K::Other],
                None,
            ));
            "Complaint pack".to_string()
        }
        PackKind::Custom => {
            specs.push(("Documents", None, DocumentKind::ALL.to_vec(), None));
            "Pack".to_string()
        }
    };
    PackTemplate {
        kind,
        appeal_type: if kind == PackKind::Tribunal {
            Some(appeal.unwrap_or(AppealType::Contents))
        } else {
            None
        },
        title,
        sections: specs
            .into_iter()
            .enumerate()
            .map(|(i, (t, b, k, e))| section(i, t, b, &k, e))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tribunal_budgets_follow_the_practice_direction() {
        let t = template_for(PackKind::Tribunal, Some(AppealType::Contents));
        let budgets: Vec<_> = t.sections.iter().map(|s| s.budget).collect();
        assert_eq!(budgets, [Some(100), Some(150), Some(25), Some(100), Some(100)]);
        let t = template_for(PackKind::Tribunal, Some(AppealType::RefusalToAssess));
        let budgets: Vec<_> = t.sections.iter().map(|s| s.budget).collect();
        assert_eq!(budgets, [Some(100), Some(75), Some(75)]);
        assert_eq!(letter_for(0), "A");
        assert_eq!(letter_for(25), "Z");
        assert_eq!(letter_for(26), "AA");
    }
}
