//! The dated events a family records for a child (a request received, a decision letter sent, a
//! review meeting held), stored in `deadline_events`, and the events the record already knows
//! (plan versions issued, the date of birth), derived rather than typed twice.

use chrono::NaiveDate;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::deadlines::{
    parse_date, DeadlineEvent, DeadlineEventKind, ReviewOutcome, TribunalOrder,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{self, Correspondence, PlanKind};
use crate::vault::Vault;

/// One recorded (or derived) event, as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RecordedEvent {
    /// `de_…` for a recorded event; `plan:<id>:issued` and the like for a derived one.
    pub id: String,
    pub child_id: String,
    pub kind: DeadlineEventKind,
    /// The plain-English name of the kind, e.g. "Decision letter sent".
    pub label: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub date: NaiveDate,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub until: Option<NaiveDate>,
    pub order: Option<TribunalOrder>,
    pub outcome: Option<ReviewOutcome>,
    pub days: Option<u32>,
    /// The logged letter or email this event was read from, if any.
    pub correspondence_id: Option<String>,
    pub note: Option<String>,
    /// True when it comes from elsewhere in the record (a plan version, the date of birth): change
    /// it there, not here.
    pub derived: bool,
    /// Where a derived event comes from, in words, e.g. "EHC plan: final issued".
    pub derived_from: Option<String>,
}

impl RecordedEvent {
    /// The engine's input, carrying this event's id as its reference.
    pub fn to_engine(&self) -> DeadlineEvent {
        DeadlineEvent {
            kind: self.kind,
            date: self.date,
            until: self.until,
            order: self.order,
            outcome: self.outcome,
            days: self.days,
            reference: Some(self.id.clone()),
        }
    }
}

/// What to record. Give `date`, or `correspondence_id` to take the date from a logged letter (the
/// date the law counts from: sent for a decision, received for a request, the day of a meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewRecordedEvent {
    pub kind: DeadlineEventKind,
    #[serde(default)]
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub until: Option<NaiveDate>,
    #[serde(default)]
    pub order: Option<TribunalOrder>,
    #[serde(default)]
    pub outcome: Option<ReviewOutcome>,
    #[serde(default)]
    pub days: Option<u32>,
    #[serde(default)]
    pub correspondence_id: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl NewRecordedEvent {
    pub fn new(kind: DeadlineEventKind, date: NaiveDate) -> Self {
        NewRecordedEvent {
            kind,
            date: Some(date),
            until: None,
            order: None,
            outcome: None,
            days: None,
            correspondence_id: None,
            note: None,
        }
    }
}

/// An event kind for a picker: its key, its label, which of its dates the law counts from and
/// which part of the process it belongs to. The shells word the basis and the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EventKindOption {
    pub kind: DeadlineEventKind,
    pub label: String,
    pub basis: DateBasis,
    pub group: EventGroup,
    pub needs_order: bool,
    pub needs_until: bool,
}

/// Which part of the process an event belongs to, for grouping a picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum EventGroup {
    Assessment,
    Reviews,
    Appeals,
    Tribunal,
    Other,
}

/// Which of a letter's dates an event counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum DateBasis {
    /// The day the LA (or school) received it: LA clocks start on receipt (send-law.md 2.1).
    Received,
    /// The day it was sent or served: the Tribunal's clock starts when a decision is sent (HESC
    /// r.20(1)(c)); a draft is served when it is sent.
    Sent,
    /// The day a meeting or hearing happened.
    Held,
}

fn basis(kind: DeadlineEventKind) -> DateBasis {
    use DeadlineEventKind as K;
    match kind {
        K::AssessmentRequestReceived
        | K::ReassessmentRequestReceived
        | K::EducationalRecordRequested
        | K::SubjectAccessRequest
        | K::AdviceReceived
        | K::EducationalRecordReceived
        | K::SubjectAccessResponse
        | K::LaResponseReceived
        | K::SchoolConsultationResponse => DateBasis::Received,
        K::ReviewMeeting
        | K::Hearing
        | K::MediationHeld
        | K::SenSupportMeeting
        | K::AppointmentMissed
        | K::SchoolClosure
        | K::Absence
        | K::ExceptionalCircumstances
        | K::DateOfBirth
        | K::PhaseTransfer
        | K::PhaseTransferPost16
        | K::Post16Transfer
        | K::ProblemKnown => DateBasis::Held,
        _ => DateBasis::Sent,
    }
}

fn group(kind: DeadlineEventKind) -> EventGroup {
    use DeadlineEventKind as K;
    match kind {
        K::AssessmentRequestReceived
        | K::DecisionToAssessSent
        | K::DecisionNotToAssessSent
        | K::AdviceRequested
        | K::AdviceReceived
        | K::AppointmentMissed
        | K::DecisionNotToIssueSent
        | K::DraftPlanServed
        | K::DraftPlanCommentsSent
        | K::SchoolConsulted
        | K::SchoolConsultationResponse
        | K::PlanIssued
        | K::ReassessmentRequestReceived
        | K::DecisionToReassessSent
        | K::DecisionNotToReassessSent => EventGroup::Assessment,
        K::ReviewNoticeSent
        | K::ReviewPapersCirculated
        | K::ReviewMeeting
        | K::ReviewReportSent
        | K::ReviewDecision
        | K::AmendmentNoticeServed
        | K::AmendmentCommentsSent
        | K::FinalAmendedPlanIssued
        | K::DecisionNotToAmendSent
        | K::CeaseDecisionSent
        | K::PlanCeased
        | K::PhaseTransfer
        | K::PhaseTransferPost16
        | K::Post16Transfer => EventGroup::Reviews,
        K::DecisionNoticeSent
        | K::MediationAdviserContacted
        | K::MediationDeclined
        | K::MediationRequested
        | K::HealthMediationRequested
        | K::IcbInformed
        | K::MediationHeld
        | K::MediationNotPossible
        | K::MediationCertificateIssued => EventGroup::Appeals,
        K::AppealLodged
        | K::AppealRegistered
        | K::LaResponseReceived
        | K::TribunalDirection
        | K::EvidenceSent
        | K::WorkingDocumentFinalised
        | K::Hearing
        | K::AppealConceded
        | K::TribunalOrderSent
        | K::TribunalRecommendationSent
        | K::RecommendationResponse => EventGroup::Tribunal,
        _ => EventGroup::Other,
    }
}

/// The basis in words, for the core's own messages ("Give the date for …").
fn date_hint(kind: DeadlineEventKind) -> &'static str {
    match basis(kind) {
        DateBasis::Received => "the date it was received",
        DateBasis::Sent => "the date it was sent (not the date you got it)",
        DateBasis::Held => "the date it happened",
    }
}

/// Every event kind, grouped and labelled for a picker.
pub fn event_kind_options() -> Vec<EventKindOption> {
    use DeadlineEventKind as K;
    DeadlineEventKind::ALL
        .iter()
        .map(|&kind| EventKindOption {
            kind,
            label: kind.label().to_string(),
            basis: basis(kind),
            group: group(kind),
            needs_order: matches!(kind, K::TribunalOrderSent | K::AppealConceded),
            needs_until: matches!(
                kind,
                K::SchoolClosure | K::Absence | K::ExceptionalCircumstances
            ),
        })
        .collect()
}

/// The date a logged letter gives for `kind`: sent for decisions and notices, received for
/// requests, the day itself for a call or meeting; each falls back to the letter's other dates.
pub fn date_from_correspondence(kind: DeadlineEventKind, c: &Correspondence) -> Option<NaiveDate> {
    match basis(kind) {
        DateBasis::Received => c.received.or(c.sent).or(c.dated),
        DateBasis::Sent => c.sent.or(c.dated).or(c.received),
        DateBasis::Held => c.dated.or(c.sent).or(c.received),
    }
}

fn from_row(row: &Row) -> rusqlite::Result<RecordedEvent> {
    let text = |i: usize| -> rusqlite::Result<Option<String>> { row.get(i) };
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unreadable {what}").into(),
        )
    };
    let kind_key: String = row.get(2)?;
    let kind = DeadlineEventKind::from_key(&kind_key).map_err(|_| bad(2, "event kind"))?;
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        text(i)?
            .map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| bad(i, "date")))
            .transpose()
    };
    let order =
        text(5)?.map(|t| TribunalOrder::from_key(&t).map_err(|_| bad(5, "order"))).transpose()?;
    let outcome = text(6)?
        .map(|t| {
            serde_json::from_value(serde_json::Value::String(t)).map_err(|_| bad(6, "outcome"))
        })
        .transpose()?;
    Ok(RecordedEvent {
        id: row.get(0)?,
        child_id: row.get(1)?,
        kind,
        label: kind.label().to_string(),
        date: date(3)?.ok_or_else(|| bad(3, "date"))?,
        until: date(4)?,
        order,
        outcome,
        days: row.get(7)?,
        correspondence_id: row.get(8)?,
        note: row.get(9)?,
        derived: false,
        derived_from: None,
    })
}

const COLUMNS: &str = "id, child_id, kind, dated, until, tribunal_order, review_outcome, days, \
                       correspondence_id, note";

fn outcome_key(o: ReviewOutcome) -> &'static str {
    match o {
        ReviewOutcome::Maintain => "maintain",
        ReviewOutcome::Amend => "amend",
        ReviewOutcome::Cease => "cease",
    }
}

/// Records one event for a child. With a `correspondence_id` and no date, the date comes from that
/// logged letter (see [`date_from_correspondence`]), so the family never types it twice.
pub fn add_event(
    vault: &mut Vault,
    child_id: &str,
    input: &NewRecordedEvent,
) -> Result<RecordedEvent> {
    record::get_child(vault, child_id)?;
    let letter = match input.correspondence_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => Some(record::get_correspondence(vault, id)?),
        None => None,
    };
    let date = match (input.date, &letter) {
        (Some(d), _) => d,
        (None, Some(c)) => date_from_correspondence(input.kind, c).ok_or_else(|| {
            Error::invalid("That logged letter has no date on it. Give the date instead.")
        })?,
        (None, None) => {
            return Err(Error::invalid(format!(
                "Give the date for \"{}\": {}.",
                input.kind.label(),
                date_hint(input.kind)
            )))
        }
    };
    if let Some(c) = &letter {
        if c.child_id.as_deref().is_some_and(|c| c != child_id) {
            return Err(Error::invalid(
                "That logged letter is about another child. Choose one of this child's letters.",
            ));
        }
    }
    if date > super::today() + chrono::Days::new(400) {
        return Err(Error::invalid(format!(
            "{} is more than a year ahead. Check the date.",
            record::british_date(date)
        )));
    }
    if let Some(until) = input.until {
        if until < date {
            return Err(Error::invalid("The end date is before the start date. Check both dates."));
        }
    }
    use DeadlineEventKind as K;
    if matches!(input.kind, K::TribunalOrderSent | K::AppealConceded) && input.order.is_none() {
        return Err(Error::invalid(
            "Say what the Tribunal ordered: assess, make-plan, amend, school, continue or cease.",
        ));
    }
    let id = new_id("de");
    vault.conn().execute(
        "INSERT INTO deadline_events (id, child_id, kind, dated, until, tribunal_order,
             review_outcome, days, correspondence_id, note, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            child_id,
            input.kind.key(),
            iso(date),
            input.until.map(iso),
            input.order.map(|o| o.key()),
            input.outcome.map(outcome_key),
            input.days,
            letter.as_ref().map(|c| c.id.clone()),
            input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
            crate::ids::now_stamp(),
        ],
    )?;
    get_event(vault, &id)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn get_event(vault: &Vault, id: &str) -> Result<RecordedEvent> {
    let sql = format!("SELECT {COLUMNS} FROM deadline_events WHERE id = ?1");
    let mut stmt = vault.conn().prepare(&sql)?;
    let mut rows = stmt.query_map([id], from_row)?;
    match rows.next() {
        Some(row) => Ok(row?),
        None => Err(Error::NotFound(format!(
            "There is no recorded event with the id {id}. `carefile deadlines event list` shows them."
        ))),
    }
}

/// Removes a recorded event. Derived events (from a plan or the date of birth) are changed where
/// they come from.
pub fn delete_event(vault: &mut Vault, id: &str) -> Result<()> {
    if !id.starts_with("de_") {
        return Err(Error::invalid(
            "That date comes from elsewhere in the record (a plan or the child's details). Change it there.",
        ));
    }
    let n = vault.conn().execute("DELETE FROM deadline_events WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(Error::NotFound(format!("There is no recorded event with the id {id}.")));
    }
    Ok(())
}

/// The events typed in for a child, oldest first.
pub fn list_recorded_events(vault: &Vault, child_id: &str) -> Result<Vec<RecordedEvent>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM deadline_events WHERE child_id = ?1 ORDER BY dated, created, id"
    );
    let mut stmt = vault.conn().prepare(&sql)?;
    let rows = stmt.query_map([child_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every event for a child: the recorded ones and those the record already holds (EHC plan
/// drafts, issues, amendments and ceasing; the date of birth when there is an EHC plan), oldest
/// first.
pub fn list_events(vault: &Vault, child_id: &str) -> Result<Vec<RecordedEvent>> {
    let child = record::get_child(vault, child_id)?;
    let mut out = list_recorded_events(vault, child_id)?;
    let mut has_ehc_plan = false;
    for plan in record::list_plans(vault, Some(child_id))? {
        if plan.kind != PlanKind::EhcPlan {
            continue;
        }
        has_ehc_plan = true;
        let derived = [
            (DeadlineEventKind::DraftPlanServed, plan.draft_served, "draft served"),
            (DeadlineEventKind::PlanIssued, plan.issued, "final issued"),
            (DeadlineEventKind::FinalAmendedPlanIssued, plan.amended, "amended plan issued"),
            (DeadlineEventKind::PlanCeased, plan.ceased, "ceased"),
        ];
        for (kind, date, what) in derived {
            if let Some(date) = date {
                out.push(derived_event(
                    &child.id,
                    format!("plan:{}:{}", plan.id, kind.key()),
                    kind,
                    date,
                    format!("{}: {what}", plan.title),
                ));
            }
        }
    }
    if has_ehc_plan {
        out.push(derived_event(
            &child.id,
            format!("child:{}:date-of-birth", child.id),
            DeadlineEventKind::DateOfBirth,
            child.dob,
            "The child's details".to_string(),
        ));
    }
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    Ok(out)
}

fn derived_event(
    child_id: &str,
    id: String,
    kind: DeadlineEventKind,
    date: NaiveDate,
    from: String,
) -> RecordedEvent {
    RecordedEvent {
        id,
        child_id: child_id.to_string(),
        kind,
        label: kind.label().to_string(),
        date,
        until: None,
        order: None,
        outcome: None,
        days: None,
        correspondence_id: None,
        note: None,
        derived: true,
        derived_from: Some(from),
    }
}

/// Reads `KEY=YYYY-MM-DD`, or a bare `KEY` when the date will come from a logged letter.
pub fn parse_event_arg(arg: &str, from_log: Option<&str>) -> Result<NewRecordedEvent> {
    match (arg.split_once('='), from_log) {
        (Some(_), _) => {
            let e = DeadlineEvent::parse_arg(arg)?;
            let mut out = NewRecordedEvent::new(e.kind, e.date);
            out.correspondence_id = from_log.map(str::to_owned);
            Ok(out)
        }
        (None, Some(log)) => Ok(NewRecordedEvent {
            correspondence_id: Some(log.to_owned()),
            date: None,
            ..NewRecordedEvent::new(DeadlineEventKind::from_key(arg.trim())?, NaiveDate::MIN)
        }),
        (None, None) => {
            // Names the problem the same way as the engine does.
            DeadlineEvent::parse_arg(arg)?;
            Err(Error::invalid(format!("\"{arg}\" is not an event. Write it as KEY=YYYY-MM-DD.")))
        }
    }
}

/// Reads an optional ISO date typed for `what`.
pub fn parse_opt_date(text: Option<&str>, what: &str) -> Result<Option<NaiveDate>> {
    text.map(|t| parse_date(t.trim(), what)).transpose()
}
