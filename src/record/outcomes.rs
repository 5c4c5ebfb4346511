//! Section E outcomes and the dated progress notes kept against them, from any source, for as long
//! as the plan lasts (to 25). Notes follow an outcome's id, so they survive new plan versions.

use chrono::NaiveDate;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::plans::{get_version, next_position, unknown_plan, working_version, Outcome, PfaArea};
use super::{clean, get_date, iso, not_in_future, now_stamp, required, text_enum};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewOutcome {
    pub text: String,
    /// From Year 9, outcomes should include preparing for adulthood (SEND Regs reg 12(3)).
    pub pfa_area: Option<PfaArea>,
    pub by_when: Option<String>,
}

/// Adds an outcome (section E) to the version being entered.
pub fn add_outcome(vault: &mut Vault, plan_id: &str, input: &NewOutcome) -> Result<Outcome> {
    let text = required(&input.text, "the outcome, in the plan's words")?;
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    let id = new_id("oc");
    let position = next_position(&tx, "plan_outcomes", &vid)?;
    let by_when = clean(input.by_when.as_deref());
    tx.execute(
        "INSERT INTO plan_outcomes (version_id, outcome_id, position, text, pfa_area, by_when) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![vid, id, position, text, input.pfa_area, by_when],
    )?;
    tx.commit()?;
    Ok(Outcome { id, text, pfa_area: input.pfa_area, by_when })
}

text_enum! {
    /// Where a progress note came from.
    pub enum ProgressSource ("source") {
        Review = "review",
        Report = "report",
        School = "school",
        Parent = "parent",
        Child = "child",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ProgressNote {
    pub id: String,
    pub plan_id: String,
    pub outcome_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dated: NaiveDate,
    pub source: ProgressSource,
    pub note: String,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewProgressNote {
    pub outcome_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dated: NaiveDate,
    pub source: ProgressSource,
    pub note: String,
}

/// Records progress towards an outcome that is in some version of the plan.
pub fn add_progress_note(
    vault: &mut Vault,
    plan_id: &str,
    input: &NewProgressNote,
) -> Result<ProgressNote> {
    let note = required(&input.note, "the progress note")?;
    not_in_future(input.dated, "date of the progress note")?;
    let known: bool = vault.conn().query_row(
        "SELECT EXISTS(SELECT 1 FROM plan_outcomes o JOIN plan_versions v ON v.id = o.version_id
                       WHERE v.plan_id = ?1 AND o.outcome_id = ?2)",
        params![plan_id, input.outcome_id],
        |r| r.get(0),
    )?;
    if !known {
        get_version(vault, plan_id, None)?; // says "no such plan" first when that is the problem
        return Err(Error::NotFound(format!(
            "This plan has no outcome with the id {}. `carefile plan show` lists them.",
            input.outcome_id
        )));
    }
    let id = new_id("op");
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO outcome_progress (id, plan_id, outcome_id, dated, source, note, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, plan_id, input.outcome_id, iso(input.dated), input.source, note, now_stamp()],
    )?;
    super::search_text::index_note(&tx, &id)?;
    tx.commit()?;
    list_progress_notes(vault, plan_id, None)?
        .into_iter()
        .find(|n| n.id == id)
        .ok_or_else(|| Error::Internal("a progress note just saved could not be read back".into()))
}

fn from_row(row: &Row) -> rusqlite::Result<ProgressNote> {
    Ok(ProgressNote {
        id: row.get(0)?,
        plan_id: row.get(1)?,
        outcome_id: row.get(2)?,
        dated: get_date(row, 3)?,
        source: row.get(4)?,
        note: row.get(5)?,
        created: row.get(6)?,
    })
}

/// A plan's progress notes, oldest first; one outcome's when `outcome_id` is given.
pub fn list_progress_notes(
    vault: &Vault,
    plan_id: &str,
    outcome_id: Option<&str>,
) -> Result<Vec<ProgressNote>> {
    super::ensure_exists(vault.conn(), "plans", plan_id, || unknown_plan(plan_id).to_string())?;
    let mut stmt = vault.conn().prepare(
        "SELECT id, plan_id, outcome_id, dated, source, note, created FROM outcome_progress
         WHERE plan_id = ?1 AND (?2 IS NULL OR outcome_id = ?2) ORDER BY dated, created, id",
    )?;
    let rows = stmt.query_map(params![plan_id, outcome_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
