//! The inputs: dated events the family has recorded (or typed in), each of a known kind.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Declares the event kinds once: the enum, its stable kebab-case key (used in data, the CLI and
/// the UI) and a plain-English label.
macro_rules! event_kinds {
    ($($(#[$doc:meta])* $variant:ident = $key:literal, $label:literal;)+) => {
        /// What happened. The key (e.g. `assessment-request-received`) is stable: it is stored in
        /// data and typed on the command line.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
        pub enum DeadlineEventKind {
            $($(#[$doc])* #[serde(rename = $key)] $variant,)+
        }

        impl DeadlineEventKind {
            /// Every kind, in a sensible order for a picker.
            pub const ALL: &'static [DeadlineEventKind] = &[$(DeadlineEventKind::$variant,)+];

            /// The stable key, e.g. `draft-plan-served`.
            pub fn key(self) -> &'static str {
                match self { $(DeadlineEventKind::$variant => $key,)+ }
            }

            /// A short label a parent reads, e.g. "Draft plan served".
            pub fn label(self) -> &'static str {
                match self { $(DeadlineEventKind::$variant => $label,)+ }
            }
        }
    };
}

event_kinds! {
    /// The LA received a request for an EHC needs assessment (or became responsible for the child).
    AssessmentRequestReceived = "assessment-request-received", "Request for assessment received";
    DecisionToAssessSent = "decision-to-assess-sent", "Decision to assess sent";
    DecisionNotToAssessSent = "decision-not-to-assess-sent", "Decision not to assess sent";
    /// The LA asked a professional or the school for advice (reg 6 / reg 8).
    AdviceRequested = "advice-requested", "LA asked for advice";
    AdviceReceived = "advice-received", "Advice received";
    AppointmentMissed = "appointment-missed", "Assessment appointment missed";
    DecisionNotToIssueSent = "decision-not-to-issue-sent", "Decision not to issue a plan sent";
    DraftPlanServed = "draft-plan-served", "Draft plan served";
    DraftPlanCommentsSent = "draft-plan-comments-sent", "Comments on draft plan sent";
    SchoolConsulted = "school-consulted", "School consulted";
    SchoolConsultationResponse = "school-consultation-response", "School replied to consultation";
    /// A final EHC plan was issued.
    PlanIssued = "plan-issued", "Final plan issued";
    ReassessmentRequestReceived = "reassessment-request-received",
        "Request for re-assessment received";
    DecisionToReassessSent = "decision-to-reassess-sent", "Decision to re-assess sent";
    DecisionNotToReassessSent = "decision-not-to-reassess-sent", "Decision not to re-assess sent";
    ReviewNoticeSent = "review-notice-sent", "Invitation to review meeting sent";
    ReviewPapersCirculated = "review-papers-circulated", "Review papers circulated";
    ReviewMeeting = "review-meeting", "Annual review meeting held";
    ReviewReportSent = "review-report-sent", "Review report sent";
    /// The LA's decision after a review: keep, amend or cease (set `outcome` when known).
    ReviewDecision = "review-decision", "Review decision sent";
    AmendmentNoticeServed = "amendment-notice-served", "Amendment notice served";
    AmendmentCommentsSent = "amendment-comments-sent", "Comments on proposed amendments sent";
    FinalAmendedPlanIssued = "final-amended-plan-issued", "Final amended plan issued";
    DecisionNotToAmendSent = "decision-not-to-amend-sent", "Decision not to amend sent";
    CeaseDecisionSent = "cease-decision-sent", "Decision to cease the plan sent";
    PlanCeased = "plan-ceased", "Plan ceased";
    /// The date of a move between phases (not to post-16), e.g. primary to secondary in September.
    PhaseTransfer = "phase-transfer", "Phase transfer (move date)";
    /// The date of a move from secondary school to a post-16 institution.
    PhaseTransferPost16 = "phase-transfer-post16", "Move to post-16 (move date)";
    /// A move between two post-16 institutions at another time of year.
    Post16Transfer = "post16-transfer", "Move between post-16 institutions (move date)";
    /// Any other appealable written decision notice the LA sent.
    DecisionNoticeSent = "decision-notice-sent", "Decision letter sent";
    MediationAdviserContacted = "mediation-adviser-contacted", "Mediation adviser contacted";
    /// The family told the mediation adviser it does not want mediation.
    MediationDeclined = "mediation-declined", "Told adviser: no mediation wanted";
    /// The LA was told the family wants mediation.
    MediationRequested = "mediation-requested", "Mediation requested";
    HealthMediationRequested = "health-mediation-requested", "Mediation about health requested";
    IcbInformed = "icb-informed", "LA told the ICB about health mediation";
    MediationHeld = "mediation-held", "Mediation ended";
    /// The LA told the adviser it cannot arrange mediation within 30 days.
    MediationNotPossible = "mediation-not-possible", "LA said mediation cannot be arranged in time";
    MediationCertificateIssued = "mediation-certificate-issued", "Mediation certificate issued";
    AppealLodged = "appeal-lodged", "Appeal lodged";
    AppealRegistered = "appeal-registered", "Appeal registered by the Tribunal";
    LaResponseReceived = "la-response-received", "LA's response to the appeal received";
    /// A step directed by the Tribunal in a number of days (set `days`).
    TribunalDirection = "tribunal-direction", "Tribunal direction";
    EvidenceSent = "evidence-sent", "Evidence sent to the Tribunal";
    WorkingDocumentFinalised = "working-document-finalised", "Working document finalised";
    Hearing = "hearing", "Tribunal hearing";
    /// The LA told the Tribunal it will not oppose the appeal (set `order` to what was conceded).
    AppealConceded = "appeal-conceded", "LA conceded the appeal";
    /// The Tribunal sent its order (set `order`).
    TribunalOrderSent = "tribunal-order-sent", "Tribunal order sent";
    TribunalRecommendationSent = "tribunal-recommendation-sent",
        "Tribunal health or social care recommendation sent";
    RecommendationResponse = "recommendation-response", "Response to Tribunal recommendation";
    /// The date the family first knew of a problem with the council.
    ProblemKnown = "problem-known", "Problem first known";
    OmbudsmanComplaintMade = "ombudsman-complaint-made", "Complaint made to the Ombudsman";
    /// The school received a written request to see the educational record.
    EducationalRecordRequested = "educational-record-requested",
        "Request for educational record received";
    EducationalRecordReceived = "educational-record-received", "Educational record received";
    /// The organisation received a subject access request.
    SubjectAccessRequest = "subject-access-request", "Subject access request received";
    SubjectAccessResponse = "subject-access-response", "Subject access response received";
    DateOfBirth = "date-of-birth", "Date of birth";
    SenSupportMeeting = "sen-support-meeting", "SEN Support meeting with the school";
    /// The school closed for a holiday: `date` is the first day closed, `until` the day it reopens.
    SchoolClosure = "school-closure", "School closure";
    /// The family was away from the LA's area: `date` to `until` (the day back).
    Absence = "absence", "Away from the area";
    /// Exceptional personal circumstances affecting the child or family, from `date` to `until`.
    ExceptionalCircumstances = "exceptional-circumstances", "Exceptional personal circumstances";
    /// The LA said it is relying on an exception to a time limit.
    ExceptionClaimed = "exception-claimed", "LA said it is using an exception";
}

impl DeadlineEventKind {
    /// Reads a key such as `draft-plan-served`; an unknown key is an `invalid_input` error that
    /// names it.
    pub fn from_key(key: &str) -> Result<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key).ok_or_else(|| {
            Error::invalid(format!(
                "\"{key}\" is not an event Carefile knows. Use one of: {}.",
                Self::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
            ))
        })
    }

    /// Decisions that can be appealed to the Tribunal, starting the mediation and appeal clocks.
    pub(crate) fn is_appealable_decision(self) -> bool {
        use DeadlineEventKind as K;
        matches!(
            self,
            K::DecisionNoticeSent
                | K::DecisionNotToAssessSent
                | K::DecisionNotToReassessSent
                | K::DecisionNotToIssueSent
                | K::PlanIssued
                | K::FinalAmendedPlanIssued
                | K::DecisionNotToAmendSent
                | K::CeaseDecisionSent
        )
    }
}

/// What a Tribunal order (or a concession by the LA) requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum TribunalOrder {
    /// Assess or re-assess.
    Assess,
    /// Make and maintain a plan.
    MakePlan,
    /// Amend the plan's description of needs or provision (Sections B/F).
    Amend,
    /// Change only the school or type of school named in Section I.
    School,
    /// Continue to maintain the plan.
    Continue,
    /// Cease to maintain the plan (an appeal against ceasing was dismissed).
    Cease,
}

impl TribunalOrder {
    pub const ALL: &'static [TribunalOrder] = &[
        TribunalOrder::Assess,
        TribunalOrder::MakePlan,
        TribunalOrder::Amend,
        TribunalOrder::School,
        TribunalOrder::Continue,
        TribunalOrder::Cease,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TribunalOrder::Assess => "assess",
            TribunalOrder::MakePlan => "make-plan",
            TribunalOrder::Amend => "amend",
            TribunalOrder::School => "school",
            TribunalOrder::Continue => "continue",
            TribunalOrder::Cease => "cease",
        }
    }

    /// Reads `assess`, `make-plan`, `amend`, `school`, `continue` or `cease`.
    pub fn from_key(key: &str) -> Result<Self> {
        Self::ALL.iter().copied().find(|o| o.key() == key).ok_or_else(|| {
            Error::invalid(format!(
                "\"{key}\" is not a kind of Tribunal order. Use one of: assess, make-plan, amend, \
                 school, continue, cease."
            ))
        })
    }
}

/// What the LA decided after an annual review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum ReviewOutcome {
    /// Keep the plan as it is (appealable).
    Maintain,
    /// Amend it (appealable once the final amended plan is issued).
    Amend,
    /// Cease it (appealable).
    Cease,
}

/// One dated thing that happened. Dates are the date the law counts from: the date a request was
/// **received** by the LA, the date a decision was **sent**, the date a draft was **served**.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DeadlineEvent {
    pub kind: DeadlineEventKind,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub date: NaiveDate,
    /// End of a period (absence, closure, circumstances): the first day back / the day it reopens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(as = "Option<String>", optional))]
    pub until: Option<NaiveDate>,
    /// For `tribunal-order-sent` and `appeal-conceded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub order: Option<TribunalOrder>,
    /// For `review-decision`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub outcome: Option<ReviewOutcome>,
    /// For `tribunal-direction`: the number of days the Tribunal allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub days: Option<u32>,
    /// The caller's own id for the record behind this event (e.g. a letter), echoed in results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub reference: Option<String>,
}

impl DeadlineEvent {
    pub fn new(kind: DeadlineEventKind, date: NaiveDate) -> Self {
        DeadlineEvent {
            kind,
            date,
            until: None,
            order: None,
            outcome: None,
            days: None,
            reference: None,
        }
    }

    pub fn until(mut self, until: NaiveDate) -> Self {
        self.until = Some(until);
        self
    }

    pub fn order(mut self, order: TribunalOrder) -> Self {
        self.order = Some(order);
        self
    }

    pub fn outcome(mut self, outcome: ReviewOutcome) -> Self {
        self.outcome = Some(outcome);
        self
    }

    pub fn days(mut self, days: u32) -> Self {
        self.days = Some(days);
        self
    }

    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Reads `KEY=YYYY-MM-DD` as typed on the command line, e.g. `draft-plan-served=2025-03-03`.
    pub fn parse_arg(arg: &str) -> Result<Self> {
        let Some((key, date)) = arg.split_once('=') else {
            return Err(Error::invalid(format!(
                "\"{arg}\" is not an event. Write it as KEY=YYYY-MM-DD, e.g. \
                 assessment-request-received=2025-01-06."
            )));
        };
        let kind = DeadlineEventKind::from_key(key.trim())?;
        Ok(DeadlineEvent::new(kind, parse_date(date.trim(), key.trim())?))
    }
}

/// Reads an ISO date (`2025-01-06`); `what` names the field in the error message.
pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "\"{text}\" is not a date Carefile can read for {what}. Write it as YYYY-MM-DD, e.g. \
             2025-01-06."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_key_and_serde() {
        for &kind in DeadlineEventKind::ALL {
            assert_eq!(DeadlineEventKind::from_key(kind.key()).ok(), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialise");
            assert_eq!(json, format!("\"{}\"", kind.key()));
        }
    }

    #[test]
    fn unknown_key_or_bad_date_is_invalid_input_naming_it() {
        let err = DeadlineEvent::parse_arg("made-up=2025-01-01").expect_err("unknown key");
        assert_eq!(err.code().as_str(), "invalid_input");
        assert!(err.to_string().contains("made-up"));
        let err = DeadlineEvent::parse_arg("draft-plan-served=2025-02-30").expect_err("bad date");
        assert!(err.to_string().contains("2025-02-30"));
        assert!(DeadlineEvent::parse_arg("draft-plan-served").is_err());
    }

    #[test]
    fn event_arg_parses_key_and_date() {
        let e = DeadlineEvent::parse_arg("draft-plan-served=2025-03-03").expect("valid");
        assert_eq!(e.kind, DeadlineEventKind::DraftPlanServed);
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2025, 3, 3).expect("date"));
    }

    #[test]
    fn event_json_uses_camel_case_and_omits_empty_fields() {
        let date = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
        let e = DeadlineEvent::new(DeadlineEventKind::Absence, date).until(date);
        let json = serde_json::to_string(&e).expect("serialise");
        assert_eq!(json, r#"{"kind":"absence","date":"2025-01-06","until":"2025-01-06"}"#);
        let back: DeadlineEvent =
            serde_json::from_str(r#"{"kind":"absence","date":"2025-01-06"}"#).expect("deserialise");
        assert_eq!(back.until, None);
    }

    #[test]
    fn tribunal_order_keys_parse() {
        for &o in TribunalOrder::ALL {
            assert_eq!(TribunalOrder::from_key(o.key()).ok(), Some(o));
        }
        assert!(TribunalOrder::from_key("maybe").is_err());
    }
}
