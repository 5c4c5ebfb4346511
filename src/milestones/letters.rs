//! Letters to the local authority when one of its deadlines has passed, or when provision in the
//! plan is not being delivered. The words are Carefile's own; each letter cites the regulation, the
//! date that started the clock, the due date and the days overdue, taken from the engine's result
//! so the letter and the dashboard can never disagree. Output is plain text (to paste into an
//! email) and a PDF; the letter joins the record as outgoing correspondence only when the family
//! says it was sent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dashboard::child_deadlines;
use crate::deadlines::{format_uk, Deadline, DeadlineStatus, DutyHolder, Nature};
use crate::error::{Error, Result};
use crate::pdf::{save_pdf, Footer, Layout, TextStyle};
use crate::record::{
    self, Correspondence, CorrespondenceKind, Direction, NewCorrespondence, PlanKind,
};
use crate::vault::Vault;

/// Which letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// R1: no decision whether to assess within 6 weeks (reg 5(1)).
    AssessmentDecisionLate,
    /// R6 / R9: no final plan within 20 weeks (reg 13(2)), or 14 after re-assessment (reg 27(2)).
    FinalPlanLate,
    /// R15 / R10: no decision within 4 weeks of a review meeting (reg 20(10)), or no review in 12
    /// months (CFA 2014 s.44).
    ReviewDecisionLate,
    /// R17 / R18: no final amended plan within 8 weeks of the notice (reg 22(3)) or 12 weeks of
    /// the review meeting (Devon).
    FinalAmendedPlanLate,
    /// R19-R21: the plan not reviewed and amended before a phase transfer (reg 18).
    PhaseTransferMissed,
    /// The provision in the plan is not being delivered (CFA 2014 s.42(2)).
    ProvisionNotDelivered,
    /// Problems in the tribunal bundle the LA sent (missing, old, duplicated pages; written by
    /// the bundle check, not offered on the dashboard, so not in `ALL`).
    BundleProblems,
}

impl LetterKind {
    pub const ALL: &'static [LetterKind] = &[
        LetterKind::AssessmentDecisionLate,
        LetterKind::FinalPlanLate,
        LetterKind::ReviewDecisionLate,
        LetterKind::FinalAmendedPlanLate,
        LetterKind::PhaseTransferMissed,
        LetterKind::ProvisionNotDelivered,
    ];

    pub fn key(self) -> &'static str {
        match self {
            LetterKind::AssessmentDecisionLate => "assessment-decision-late",
            LetterKind::FinalPlanLate => "final-plan-late",
            LetterKind::ReviewDecisionLate => "review-decision-late",
            LetterKind::FinalAmendedPlanLate => "final-amended-plan-late",
            LetterKind::PhaseTransferMissed => "phase-transfer-missed",
            LetterKind::ProvisionNotDelivered => "provision-not-delivered",
            LetterKind::BundleProblems => "bundle-problems",
        }
    }

    pub fn from_key(key: &str) -> Result<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key.trim()).ok_or_else(|| {
            Error::invalid(format!(
                "\"{key}\" is not a letter Carefile writes. Use one of: {}.",
                Self::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
            ))
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            LetterKind::AssessmentDecisionLate => "Decision whether to assess is late",
            LetterKind::FinalPlanLate => "Final EHC plan is late",
            LetterKind::ReviewDecisionLate => "Annual review decision is late",
            LetterKind::FinalAmendedPlanLate => "Final amended plan is late",
            LetterKind::PhaseTransferMissed => "Phase-transfer deadline missed",
            LetterKind::ProvisionNotDelivered => "Provision in the plan is not being delivered",
            LetterKind::BundleProblems => "Problems in the tribunal bundle",
        }
    }

    /// The letter for an overdue deadline with this rule key, if Carefile writes one.
    pub fn for_rule_key(key: &str) -> Option<Self> {
        Some(match key {
            "decision-to-assess" => LetterKind::AssessmentDecisionLate,
            "final-plan" | "reassessment-plan" => LetterKind::FinalPlanLate,
            "review-decision" | "annual-review" => LetterKind::ReviewDecisionLate,
            "final-amended-plan" | "review-long-stop" => LetterKind::FinalAmendedPlanLate,
            "phase-transfer-review" | "post16-transfer-review" => LetterKind::PhaseTransferMissed,
            _ => return None,
        })
    }
}

/// A letter Carefile can write now, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct LetterOffer {
    pub kind: LetterKind,
    pub title: String,
    /// The overdue deadline it is about (none for undelivered provision).
    pub deadline_id: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
    pub days_overdue: Option<i32>,
    /// For undelivered provision: the plan whose delivery log shows the shortfall.
    pub plan_id: Option<String>,
}

/// A written letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub kind: LetterKind,
    pub child_id: String,
    pub deadline_id: Option<String>,
    pub subject: String,
    /// The law the letter relies on, in full, e.g. "regulation 5(1) of the Special Educational
    /// Needs and Disability Regulations 2014".
    pub regulation: String,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub trigger_date: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
    pub days_overdue: Option<i32>,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dated: NaiveDate,
    /// The whole letter as plain text, ready to paste into an email.
    pub text: String,
}

const REGS: &str = "the Special Educational Needs and Disability Regulations 2014";

/// What each kind of letter says about the law, given the deadline.
fn law(kind: LetterKind, d: &Deadline) -> (String, String, String) {
    let due = format_uk(d.due);
    let start = format_uk(d.trigger_date);
    match (kind, d.key.as_str()) {
        (LetterKind::AssessmentDecisionLate, _) => (
            format!("regulation 5(1) of {REGS}"),
            format!("You received my request for an education, health and care (EHC) needs assessment on {start}."),
            format!("Regulation 5(1) of {REGS} required you to tell me whether you would carry out the assessment within 6 weeks of receiving the request: by {due}. I have not received your decision."),
        ),
        (LetterKind::FinalPlanLate, "reassessment-plan") => (
            format!("regulation 27(2) of {REGS}"),
            format!("You told me on {start} that you would re-assess my child's needs."),
            format!("Regulation 27(2) of {REGS} requires the final EHC plan after a re-assessment within 14 weeks: by {due}. I have not received it."),
        ),
        (LetterKind::FinalPlanLate, _) => (
            format!("regulation 13(2) of {REGS}"),
            format!("You received the request for an EHC needs assessment on {start}."),
            format!("Regulation 13(2) of {REGS} requires the final EHC plan to be issued within 20 weeks of the request: by {due}. I have not received it."),
        ),
        (LetterKind::ReviewDecisionLate, "annual-review") => (
            "section 44 of the Children and Families Act 2014".to_string(),
            format!("My child's EHC plan was issued, or last reviewed, on {start}."),
            format!("Section 44 of the Children and Families Act 2014 requires the plan to be reviewed, with your decision, within 12 months: by {due}. That has not happened."),
        ),
        (LetterKind::ReviewDecisionLate, _) => (
            format!("regulation 20(10) of {REGS}"),
            format!("My child's annual review meeting took place on {start}."),
            format!("Regulation 20(10) of {REGS} required you to tell me within 4 weeks of the meeting whether you will keep the plan as it is, amend it or cease it, and, if amending, to send the proposed amendments with that decision (R (L, M & P) v Devon County Council [2022] EWHC 493 (Admin)): by {due}. I have not received your decision."),
        ),
        (LetterKind::FinalAmendedPlanLate, "review-long-stop") => (
            format!("regulations 20(10) and 22(3) of {REGS}"),
            format!("My child's annual review meeting took place on {start}."),
            format!("Under regulations 20(10) and 22(3) of {REGS}, as explained in R (L, M & P) v Devon County Council [2022] EWHC 493 (Admin), the final amended plan was due no later than 12 weeks after the meeting: by {due}. I have not received it."),
        ),
        (LetterKind::FinalAmendedPlanLate, _) => (
            format!("regulation 22(3) of {REGS}"),
            format!("You sent me a notice of proposed amendments to my child's EHC plan on {start}."),
            format!("Regulation 22(3) of {REGS} requires the final amended plan, or notice that you will not amend it, within 8 weeks of that notice: by {due}. I have received neither."),
        ),
        (LetterKind::PhaseTransferMissed, "post16-transfer-review") => (
            format!("regulation 18(2) of {REGS}"),
            format!("My child is due to move between post-16 institutions on {start}."),
            format!("Regulation 18(2) of {REGS} requires the plan to be reviewed and amended, naming the new institution, at least 5 months before the move: by {due}. That has not happened."),
        ),
        (LetterKind::PhaseTransferMissed, _) => (
            format!("regulation 18(1) of {REGS}"),
            format!("My child is due to move to the next phase of education on {start}."),
            format!("Regulation 18(1) of {REGS} requires the plan to be reviewed and amended, naming the school or other institution, before {due}. That has not happened."),
        ),
        (LetterKind::ProvisionNotDelivered | LetterKind::BundleProblems, _) => (
            "section 42(2) of the Children and Families Act 2014".to_string(),
            String::new(),
            String::new(),
        ),
    }
}

fn ask(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::AssessmentDecisionLate => "Please send me your decision in writing within 5 working days of this letter.",
        LetterKind::FinalPlanLate => "Please issue the final plan within 5 working days of this letter, or tell me in writing the date by which you will.",
        LetterKind::ReviewDecisionLate => "Please send me your decision after the review, with any proposed amendments, within 5 working days of this letter.",
        LetterKind::FinalAmendedPlanLate => "Please issue the final amended plan within 5 working days of this letter, or tell me in writing the date by which you will.",
        LetterKind::PhaseTransferMissed => "Please review and amend the plan, naming the next school or institution, without further delay, and tell me in writing within 5 working days when this will happen.",
        LetterKind::ProvisionNotDelivered => "Please arrange for the missing provision to be made up and put in place in full, and tell me in writing within 10 working days what you will do and when.",
        LetterKind::BundleProblems => "Please send me a corrected bundle within 5 working days of this letter.",
    }
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The letters Carefile can write for a child today: one for each overdue LA deadline it has a
/// letter for, and one for each EHC plan whose delivery log shows provision short this school year.
pub fn letter_offers(vault: &Vault, child_id: &str, today: NaiveDate) -> Result<Vec<LetterOffer>> {
    let c = child_deadlines(vault, child_id, today, super::DUE_SOON_DAYS)?;
    let mut out = Vec::new();
    for d in &c.deadlines {
        if let (Some(kind), DeadlineStatus::Overdue { days: late }) =
            (LetterKind::for_rule_key(&d.key), &d.status)
        {
            if d.who == DutyHolder::LocalAuthority && d.nature == Nature::Duty {
                out.push(LetterOffer {
                    kind,
                    title: format!(
                        "{}: due {}, {} overdue",
                        kind.title(),
                        format_uk(d.due),
                        days(*late)
                    ),
                    deadline_id: Some(d.id.clone()),
                    due: Some(d.due),
                    days_overdue: Some(*late),
                    plan_id: None,
                });
            }
        }
    }
    for plan in record::list_plans(vault, Some(child_id))? {
        if plan.kind != PlanKind::EhcPlan || plan.issued.is_none() {
            continue;
        }
        let short = shortfalls(vault, &plan.id, plan.issued, today)?;
        if !short.is_empty() {
            out.push(LetterOffer {
                kind: LetterKind::ProvisionNotDelivered,
                title: format!("{}: {}", LetterKind::ProvisionNotDelivered.title(), plan.title),
                deadline_id: None,
                due: None,
                days_overdue: None,
                plan_id: Some(plan.id.clone()),
            });
        }
    }
    Ok(out)
}

/// The delivery log's shortfalls for a plan from the start of this school year (or the plan's
/// issue, if later) to today, one line per provision item delivered less than planned.
fn shortfalls(
    vault: &Vault,
    plan_id: &str,
    issued: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let (year_start, _) = record::school_year_period(today);
    let from = issued.map_or(year_start, |i| i.max(year_start));
    if from > today {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for item in record::delivery_summary(vault, plan_id, from, today)? {
        if let Some(planned) = item.planned {
            if item.delivered < planned {
                out.push(format!(
                    "Section {}: {}: {} of {} sessions delivered between {} and {} ({} missed, {} cancelled).",
                    item.section,
                    item.what,
                    item.delivered,
                    planned,
                    format_uk(from),
                    format_uk(today),
                    item.missed,
                    item.cancelled
                ));
            }
        }
    }
    Ok(out)
}

/// Writes a letter dated `dated`. For a late deadline give its id (from the dashboard or
/// `letter_offers`), or none to take the most overdue one of that kind; for undelivered provision
/// give the plan id, or none to use the child's first EHC plan with a shortfall.
pub fn draft_letter(
    vault: &Vault,
    child_id: &str,
    kind: LetterKind,
    target: Option<&str>,
    dated: NaiveDate,
    from_name: Option<&str>,
) -> Result<Letter> {
    if kind == LetterKind::BundleProblems {
        return Err(Error::invalid(
            "The letter about a bundle's problems is written by checking the bundle: \
             `carefile bundle check FILE.pdf --child ID --letter OUT.pdf`.",
        ));
    }
    let child = record::get_child(vault, child_id)?;
    let sign = from_name.map(str::trim).filter(|s| !s.is_empty()).unwrap_or("[Your name]");
    let to = child
        .local_authority
        .as_deref()
        .map(|la| format!("The SEND team, {la}"))
        .unwrap_or_else(|| "The SEND team, [your local authority]".to_string());
    let re = format!("{}, born {}", child.name, format_uk(child.dob));
    let mut paragraphs: Vec<String> = Vec::new();
    let (subject, regulation, trigger_date, due, days_overdue, deadline_id);

    if kind == LetterKind::ProvisionNotDelivered {
        let plans: Vec<_> = record::list_plans(vault, Some(child_id))?
            .into_iter()
            .filter(|p| p.kind == PlanKind::EhcPlan && p.issued.is_some())
            .filter(|p| target.is_none_or(|t| t == p.id))
            .collect();
        let mut found = None;
        for p in plans {
            let short = shortfalls(vault, &p.id, p.issued, dated)?;
            if !short.is_empty() {
                found = Some((p, short));
                break;
            }
        }
        let Some((plan, short)) = found else {
            return Err(Error::invalid(
                "The delivery log shows no provision delivered less often than the plan says this school year, so there is nothing for this letter to say.",
            ));
        };
        subject = format!("Provision in {}'s EHC plan is not being delivered", child.name);
        regulation = "section 42(2) of the Children and Families Act 2014".to_string();
        (trigger_date, due, days_overdue, deadline_id) = (plan.issued, None, None, None);
        paragraphs.push(format!(
            "I am writing because the special educational provision in {}'s EHC plan ({}) is not being delivered as the plan says.",
            child.name, plan.title
        ));
        paragraphs.push(
            "Section 42(2) of the Children and Families Act 2014 places the duty to secure the special educational provision in the plan on the local authority. That duty is owed to my child whoever provides the support day to day."
            .to_string(),
        );
        paragraphs.push(format!(
            "My record of the sessions shows:\n\n{}",
            short.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n")
        ));
    } else {
        let c = child_deadlines(vault, child_id, dated, super::DUE_SOON_DAYS)?;
        let candidates: Vec<&Deadline> = c
            .deadlines
            .iter()
            .filter(|d| LetterKind::for_rule_key(&d.key) == Some(kind))
            .filter(|d| target.is_none_or(|t| t == d.id))
            .collect();
        let d = candidates
            .iter()
            .copied()
            .filter(|d| matches!(d.status, DeadlineStatus::Overdue { .. }))
            .max_by_key(|d| d.status.days_overdue())
            .ok_or_else(|| match candidates.first() {
                Some(d) => Error::invalid(format!(
                    "\"{}\" is not overdue ({}), so this letter would not be right yet.",
                    d.title,
                    d.status.describe()
                )),
                None => Error::NotFound(format!(
                    "There is no deadline for \"{}\" in {}'s record. Record the event that starts it first.",
                    kind.title(),
                    child.name
                )),
            })?;
        let n = d.status.days_overdue().unwrap_or(0);
        let (reg, fact, rule) = law(kind, d);
        subject = format!("{}: {} overdue", kind.title(), days(n));
        regulation = reg;
        (trigger_date, due, days_overdue, deadline_id) =
            (Some(d.trigger_date), Some(d.due), Some(n), Some(d.id.clone()));
        paragraphs.push(fact);
        paragraphs.push(rule);
        paragraphs.push(format!(
            "Today is {}, so this is now {} past the legal time limit (due {}).",
            format_uk(dated),
            days(n),
            format_uk(d.due)
        ));
        if kind != LetterKind::ReviewDecisionLate || d.key != "annual-review" {
            paragraphs.push(
                "If you are relying on an exception to the time limit, please tell me which one and why. An exception does not set a new deadline: the law still expects the work to be done as soon as practicable.".to_string(),
            );
        }
    }
    paragraphs.push(ask(kind).to_string());
    paragraphs.push(
        "If I do not hear from you, I will consider a formal complaint to the council and, after that, to the Local Government and Social Care Ombudsman. I am keeping a dated record of this matter.".to_string(),
    );
    let text = format!(
        "{}\n\nTo: {to}\nAbout: {re}\nSubject: {subject}\n\nDear SEND team,\n\n{}\n\nYours sincerely,\n\n{sign}\n",
        format_uk(dated),
        paragraphs.join("\n\n")
    );
    Ok(Letter {
        kind,
        child_id: child.id,
        deadline_id,
        subject,
        regulation,
        trigger_date,
        due,
        days_overdue,
        dated,
        text,
    })
}

/// The letter as a printable A4 PDF.
pub fn letter_pdf(letter: &Letter) -> Result<Vec<u8>> {
    let mut page = Layout::a4();
    page.set_footer(Footer { left: letter.subject.clone(), page_numbers: true });
    let body = TextStyle::body();
    for block in letter.text.split("\n\n") {
        if block.starts_with("Subject: ") || block.contains("\nSubject: ") {
            for line in block.lines() {
                let style = if line.starts_with("Subject: ") {
                    body.with_font(crate::pdf::Font::Bold)
                } else {
                    body.with_space_after(0.5)
                };
                page.paragraph(line, &style);
            }
            page.space(2.0);
        } else {
            page.paragraph(block, &body);
        }
    }
    save_pdf(&letter.subject, page.finish())
}

/// Saves the letter to the record as an outgoing letter sent on `sent`. Call it when the family
/// says it was sent, not before.
pub fn record_letter_sent(
    vault: &mut Vault,
    letter: &Letter,
    sent: NaiveDate,
    channel: Option<&str>,
) -> Result<Correspondence> {
    record::add_correspondence(
        vault,
        &NewCorrespondence {
            child_id: Some(letter.child_id.clone()),
            person_id: None,
            kind: if channel.is_some_and(|c| c.eq_ignore_ascii_case("email")) {
                CorrespondenceKind::Email
            } else {
                CorrespondenceKind::Letter
            },
            direction: Direction::Outgoing,
            subject: letter.subject.clone(),
            dated: Some(letter.dated),
            sent: Some(sent),
            received: None,
            channel: channel.map(str::to_owned),
            proof_of_delivery: None,
            summary: letter.text.clone(),
            actions: Vec::new(),
        },
    )
}
