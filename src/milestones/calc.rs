//! `carefile deadlines calc`: typed-in events straight through the engine, no vault. The JSON rows
//! are a contract scripts rely on: `rule` is the stable rule key (e.g. `decision-to-assess`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadlines::{
    self, Counting, Deadline, DeadlineEvent, DeadlineEventKind, DeadlineFlag, DeadlineSettings,
    DeadlineStatus, DutyHolder, Nature, TribunalOrder,
};
use crate::error::Result;

/// One computed date in the CLI contract's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalcRow {
    /// The stable rule key, e.g. `final-plan`.
    pub rule: String,
    /// The rule number in send-law.md section 7, e.g. `R6`.
    pub number: String,
    /// Stable id, e.g. `R6-final-plan-2025-01-06`.
    pub id: String,
    pub title: String,
    pub due: NaiveDate,
    /// The key of the event that starts the clock, e.g. `assessment-request-received`.
    pub trigger: DeadlineEventKind,
    pub trigger_date: NaiveDate,
    pub source: String,
    pub counting: Counting,
    pub counting_words: String,
    pub explanation: String,
    pub who: DutyHolder,
    pub nature: Nature,
    pub status: DeadlineStatus,
    pub flags: Vec<DeadlineFlag>,
}

impl From<Deadline> for CalcRow {
    fn from(d: Deadline) -> Self {
        CalcRow {
            rule: d.key,
            number: d.rule,
            id: d.id,
            title: d.title,
            due: d.due,
            trigger: d.trigger,
            trigger_date: d.trigger_date,
            source: d.source,
            counting: d.counting,
            counting_words: d.counting_words,
            explanation: d.explanation,
            who: d.who,
            nature: d.nature,
            status: d.status,
            flags: d.flags,
        }
    }
}

/// Parses `KEY=YYYY-MM-DD` arguments (an unknown key or a malformed date is an error naming it),
/// applies `order` to any Tribunal order or concession, and computes, sorted by due date.
pub fn calc(
    args: &[String],
    order: Option<&str>,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Result<Vec<CalcRow>> {
    let order = order.map(TribunalOrder::from_key).transpose()?;
    let mut events = Vec::with_capacity(args.len());
    for a in args {
        let mut e = DeadlineEvent::parse_arg(a)?;
        if matches!(
            e.kind,
            DeadlineEventKind::TribunalOrderSent | DeadlineEventKind::AppealConceded
        ) {
            e.order = order;
        }
        events.push(e);
    }
    Ok(deadlines::compute(&events, settings, today).into_iter().map(CalcRow::from).collect())
}
