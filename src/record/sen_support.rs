//! SEN Support cycles for a child without an EHC plan: assess, plan, do, review (CoP 6.44–6.56),
//! each with its outcomes, support, expected impact and review date, and the warnings that go
//! with them. Guidance, not law: the warnings say so.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::children::{ensure_child, school_year_of};
use super::correspondence::{list_correspondence, CorrespondenceKind};
use super::delivery::school_year_period;
use super::{
    british_date, clean, get_date, get_opt_date, iso, not_before, not_in_future, now_stamp,
    required, text_enum,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

/// Review about once a term when no date is given (send-law.md 4: 12–14 weeks).
pub const DEFAULT_REVIEW_WEEKS: u64 = 12;

/// CoP 6.65: schools should meet parents at least three times a year.
pub const MEETINGS_PER_YEAR: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SenSupportCycle {
    pub id: String,
    pub child_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub started: NaiveDate,
    /// What the assessment found.
    pub assessment: String,
    pub outcomes: String,
    pub support: String,
    pub expected_impact: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub review_due: NaiveDate,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub reviewed: Option<NaiveDate>,
    pub review_notes: Option<String>,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewSenSupportCycle {
    pub child_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub started: NaiveDate,
    pub assessment: String,
    pub outcomes: String,
    pub support: String,
    pub expected_impact: String,
    /// Twelve weeks after the start when not given.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub review_due: Option<NaiveDate>,
}

/// Starts a cycle.
pub fn add_sen_support_cycle(
    vault: &mut Vault,
    input: &NewSenSupportCycle,
) -> Result<SenSupportCycle> {
    ensure_child(vault, &input.child_id)?;
    not_in_future(input.started, "start of the cycle")?;
    let review_due = match input.review_due {
        Some(d) => d,
        None => input
            .started
            .checked_add_days(Days::new(DEFAULT_REVIEW_WEEKS * 7))
            .unwrap_or(input.started),
    };
    not_before(review_due, input.started, "review date", "start of the cycle")?;
    let outcomes = required(&input.outcomes, "the outcomes agreed for this cycle")?;
    let support = required(&input.support, "the support to be given")?;
    let id = new_id("ss");
    vault.conn().execute(
        "INSERT INTO sen_support_cycles (id, child_id, started, assessment, outcomes, support, expected_impact, review_due, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            input.child_id,
            iso(input.started),
            input.assessment.trim(),
            outcomes,
            support,
            input.expected_impact.trim(),
            iso(review_due),
            now_stamp()
        ],
    )?;
    get_cycle(vault, &id)
}

/// Records the review of a cycle.
pub fn review_sen_support_cycle(
    vault: &mut Vault,
    id: &str,
    reviewed: NaiveDate,
    notes: &str,
) -> Result<SenSupportCycle> {
    let cycle = get_cycle(vault, id)?;
    not_in_future(reviewed, "review date")?;
    not_before(reviewed, cycle.started, "review date", "start of the cycle")?;
    vault.conn().execute(
        "UPDATE sen_support_cycles SET reviewed = ?2, review_notes = ?3 WHERE id = ?1",
        params![id, iso(reviewed), clean(Some(notes))],
    )?;
    get_cycle(vault, id)
}

const COLUMNS: &str =
    "id, child_id, started, assessment, outcomes, support, expected_impact, review_due,
    reviewed, review_notes, created";

fn from_row(row: &Row) -> rusqlite::Result<SenSupportCycle> {
    Ok(SenSupportCycle {
        id: row.get(0)?,
        child_id: row.get(1)?,
        started: get_date(row, 2)?,
        assessment: row.get(3)?,
        outcomes: row.get(4)?,
        support: row.get(5)?,
        expected_impact: row.get(6)?,
        review_due: get_date(row, 7)?,
        reviewed: get_opt_date(row, 8)?,
        review_notes: row.get(9)?,
        created: row.get(10)?,
    })
}

fn get_cycle(vault: &Vault, id: &str) -> Result<SenSupportCycle> {
    vault
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM sen_support_cycles WHERE id = ?1"),
            [id],
            from_row,
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                Error::NotFound(format!("There is no SEN Support cycle with the id {id}."))
            }
            other => other.into(),
        })
}

/// A child's cycles, oldest first; every child's when `child_id` is `None`.
pub fn list_sen_support_cycles(
    vault: &Vault,
    child_id: Option<&str>,
) -> Result<Vec<SenSupportCycle>> {
    if let Some(child) = child_id {
        ensure_child(vault, child)?;
    }
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM sen_support_cycles WHERE ?1 IS NULL OR child_id = ?1 ORDER BY started, created, id"
    ))?;
    let rows = stmt.query_map([child_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

text_enum! {
    pub enum SenSupportWarningKind ("warning") {
        FewParentMeetings = "few_parent_meetings",
        ReviewOverdue = "review_overdue",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SenSupportWarning {
    pub kind: SenSupportWarningKind,
    pub cycle_id: Option<String>,
    pub message: String,
}

/// Warnings for a child's SEN Support on the date `on`: fewer than three meetings logged in the
/// school year containing `on` (while any cycle ran in it), and reviews past their date.
pub fn sen_support_warnings(
    vault: &Vault,
    child_id: &str,
    on: NaiveDate,
) -> Result<Vec<SenSupportWarning>> {
    let cycles = list_sen_support_cycles(vault, Some(child_id))?;
    let (year_start, year_end) = school_year_period(on);
    let mut out = Vec::new();
    if cycles.iter().any(|c| c.started <= year_end && c.reviewed.is_none_or(|r| r >= year_start)) {
        let meetings = list_correspondence(vault, Some(child_id))?
            .iter()
            .filter(|c| {
                c.kind == CorrespondenceKind::Meeting && c.date >= year_start && c.date <= year_end
            })
            .count();
        if meetings < MEETINGS_PER_YEAR {
            let y = school_year_of(on);
            out.push(SenSupportWarning {
                kind: SenSupportWarningKind::FewParentMeetings,
                cycle_id: None,
                message: format!(
                    "{meetings} parent meeting{} logged for the {y}-{:02} school year. Schools should meet parents at \
                     least three times a year (SEND Code of Practice 6.65). This is guidance, not law: log any meetings \
                     that are missing, or ask the school for one.",
                    if meetings == 1 { " is" } else { "s are" },
                    (y + 1) % 100
                ),
            });
        }
    }
    for c in cycles.iter().filter(|c| c.reviewed.is_none() && c.review_due < on) {
        out.push(SenSupportWarning {
            kind: SenSupportWarningKind::ReviewOverdue,
            cycle_id: Some(c.id.clone()),
            message: format!(
                "The review of the SEN Support cycle started on {} was due on {} and isn't recorded. Ask the school \
                 for the review, or record it.",
                british_date(c.started),
                british_date(c.review_due)
            ),
        });
    }
    Ok(out)
}
