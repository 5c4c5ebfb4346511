//! The outputs: one computed deadline, with everything a parent needs to understand and check it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::events::DeadlineEventKind;
use super::format_uk;

/// Who must act by the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum DutyHolder {
    LocalAuthority,
    Family,
    School,
    /// Health bodies: the ICB or the health professionals asked for advice.
    Health,
    /// Anyone the LA asked for advice during an assessment (EP, health, social care, school).
    AdviceGiver,
    MediationAdviser,
    Tribunal,
    /// Whoever the Tribunal's direction names.
    AsDirected,
    /// The organisation that holds the records asked for (school, academy, LA or ICB).
    RecordHolder,
}

/// What kind of date this is, which decides what happens when it passes with nothing recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum Nature {
    /// Someone must act by law; passing it with nothing recorded is "overdue".
    Duty,
    /// The family may act until then (comments, appeal, complaint); passing it is "passed".
    Right,
    /// Guidance or advice ("should"), not law.
    Guidance,
    /// A date to know about (a plan ends, an order takes effect); nothing to record.
    Notice,
}

/// How the date was counted, as an enum the UI can key on; `Deadline::counting_words` says it in
/// words with the numbers filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum Counting {
    /// "Within N weeks of" an event: calendar weeks (see `WithinStart` for the first day).
    WeeksAfter,
    /// "Within N days of" an event: calendar days.
    DaysAfter,
    /// "At least N days beginning with the day served": the service day is day 1.
    DaysBeginningWith,
    /// Calendar months; a missing day clamps to the last day of the shorter month.
    MonthsAfter,
    WeeksBefore,
    DaysBefore,
    MonthsBefore,
    /// Working days: not weekends or England & Wales bank holidays; the event day is not counted.
    WorkingDaysAfter,
    WorkingDaysBefore,
    /// School days, approximated as working days outside recorded school closures.
    SchoolDaysAfter,
    /// A fixed date in the calendar, tied to a year.
    FixedDate,
    /// The SEN appeal deadline: the later of two month periods, then the Tribunal's holiday rules.
    TribunalAppeal,
    /// Days counted by the Tribunal: 25 Dec-1 Jan and August are not counted.
    TribunalDays,
    /// At once: the date of the event itself.
    Immediate,
    /// By the end of a school year (1 Sep to 31 Aug).
    SchoolYear,
}

/// Where a deadline stands against `today` and against the events recorded after its trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(tag = "state", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum DeadlineStatus {
    /// Done on or before the due date.
    MetOnTime {
        #[cfg_attr(feature = "bindings", ts(type = "string"))]
        met_on: NaiveDate,
        met_by: DeadlineEventKind,
        days_to_spare: i32,
    },
    /// Done, but after the due date.
    MetLate {
        #[cfg_attr(feature = "bindings", ts(type = "string"))]
        met_on: NaiveDate,
        met_by: DeadlineEventKind,
        days_late: i32,
    },
    /// Open: nothing recorded yet and the date has not passed (0 = due today).
    DueIn { days: i32 },
    /// A duty whose date has passed with nothing recorded.
    Overdue { days: i32 },
    /// A right, guidance or notice whose date has passed with nothing recorded (not a breach).
    Passed { days: i32 },
}

impl DeadlineStatus {
    /// True while nothing is recorded and the date is today or later.
    pub fn is_open(&self) -> bool {
        matches!(self, DeadlineStatus::DueIn { .. })
    }

    /// Days overdue, for letters and the accountability summary.
    pub fn days_overdue(&self) -> Option<i32> {
        match self {
            DeadlineStatus::Overdue { days } => Some(*days),
            _ => None,
        }
    }

    /// A few words for a list: "Met 3 days late", "Due in 5 days", "Overdue by 12 days".
    pub fn describe(&self) -> String {
        match self {
            DeadlineStatus::MetOnTime { met_on, .. } => {
                format!("Met on time ({})", format_uk(*met_on))
            }
            DeadlineStatus::MetLate { days_late, .. } => format!("Met {} late", days(*days_late)),
            DeadlineStatus::DueIn { days: 0 } => "Due today".to_string(),
            DeadlineStatus::DueIn { days: n } => format!("Due in {}", days(*n)),
            DeadlineStatus::Overdue { days: n } => format!("Overdue by {}", days(*n)),
            DeadlineStatus::Passed { days: n } => format!("Passed {} ago", days(*n)),
        }
    }
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// Why a flag is raised. Flags never change a date; they tell the parent something about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum FlagKind {
    /// The LA may claim the school-closure exception (reg 5(4)(a) / 10(4)(a)-(b)).
    SchoolClosureWindow,
    /// The family was away from the area for long enough to allow an exception.
    Absence,
    /// Exceptional personal circumstances recorded during the period.
    ExceptionalCircumstances,
    /// The child missed an appointment during the period (reg 8(2)).
    MissedAppointment,
    /// The LA said it is relying on an exception.
    ExceptionClaimed,
    /// Advisory, not law: guidance, a secondary source, or a point the law leaves unconfirmed.
    Advisory,
    /// The date falls on a weekend or bank holiday and the law does not move it.
    NonWorkingDay,
    /// The date was moved by the Tribunal's rules (HESC r.12).
    MovedByTribunalRule,
    /// Anything else worth knowing about this date.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DeadlineFlag {
    pub kind: FlagKind,
    /// One or two plain-English sentences.
    pub message: String,
}

impl DeadlineFlag {
    pub fn new(kind: FlagKind, message: impl Into<String>) -> Self {
        DeadlineFlag { kind, message: message.into() }
    }
}

/// One computed date with the rule behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Stable across recomputation for the same trigger (for calendar UIDs), e.g.
    /// `R6-final-plan-2025-01-06`.
    pub id: String,
    /// The rule number in send-law.md section 7, e.g. `R6`.
    pub rule: String,
    /// The stable rule key, e.g. `final-plan` (several rule numbers can share a key).
    pub key: String,
    /// A short title, e.g. "Final EHC plan".
    pub title: String,
    pub who: DutyHolder,
    pub nature: Nature,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub due: NaiveDate,
    pub trigger: DeadlineEventKind,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub trigger_date: NaiveDate,
    /// The `reference` of the triggering event, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub trigger_reference: Option<String>,
    /// The regulation and paragraph, or the guidance, e.g. "SEND Regs 2014 reg 13(2)".
    pub source: String,
    pub counting: Counting,
    /// The counting in words, e.g. "20 weeks after 6 Jan 2025, not counting that day".
    pub counting_words: String,
    /// One plain-English sentence saying what must happen by when.
    pub explanation: String,
    pub status: DeadlineStatus,
    /// The `reference` of the event that met it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "bindings", ts(optional))]
    pub met_reference: Option<String>,
    pub flags: Vec<DeadlineFlag>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 14).expect("date");
        let late = DeadlineStatus::MetLate {
            met_on: d,
            met_by: DeadlineEventKind::PlanIssued,
            days_late: 3,
        };
        assert_eq!(late.describe(), "Met 3 days late");
        assert_eq!(DeadlineStatus::DueIn { days: 0 }.describe(), "Due today");
        assert_eq!(DeadlineStatus::Overdue { days: 1 }.describe(), "Overdue by 1 day");
        assert_eq!(DeadlineStatus::Overdue { days: 12 }.days_overdue(), Some(12));
    }

    #[test]
    fn status_serialises_with_a_state_tag_and_camel_case_fields() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 14).expect("date");
        let s = DeadlineStatus::MetLate {
            met_on: d,
            met_by: DeadlineEventKind::PlanIssued,
            days_late: 3,
        };
        let json = serde_json::to_string(&s).expect("serialise");
        assert_eq!(
            json,
            r#"{"state":"metLate","metOn":"2025-02-14","metBy":"plan-issued","daysLate":3}"#
        );
    }
}
