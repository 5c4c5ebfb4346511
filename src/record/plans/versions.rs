//! Reading a plan's versions back: the list of them, and one version in full (its sections,
//! needs, outcomes and provision).

use chrono::NaiveDate;
use rusqlite::Row;
use serde::Serialize;

use super::contents::{Need, Outcome, SectionText};
use super::provision::{load_provision, ProvisionItem};
use super::unknown_plan;
use crate::error::{Error, Result};
use crate::record::{ensure_exists, get_opt_date, text_enum};
use crate::vault::Vault;

text_enum! {
    /// Which issue of the plan a version is.
    pub enum Stage ("plan stage") {
        Draft = "draft",
        Final = "final",
        Amended = "amended",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    pub id: String,
    pub plan_id: String,
    pub number: i64,
    /// `None` while the version is still being entered.
    pub stage: Option<Stage>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub issued: Option<NaiveDate>,
    /// Issued versions are frozen: nothing in them can change.
    pub frozen: bool,
    pub note: Option<String>,
    pub created: String,
}

/// One version in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PlanVersion {
    pub summary: VersionSummary,
    /// In the LA's order.
    pub sections: Vec<SectionText>,
    pub needs: Vec<Need>,
    pub outcomes: Vec<Outcome>,
    pub provision: Vec<ProvisionItem>,
}

const VERSION_COLUMNS: &str = "id, plan_id, number, stage, issued, frozen, note, created";

fn version_from_row(row: &Row) -> rusqlite::Result<VersionSummary> {
    Ok(VersionSummary {
        id: row.get(0)?,
        plan_id: row.get(1)?,
        number: row.get(2)?,
        stage: row.get(3)?,
        issued: get_opt_date(row, 4)?,
        frozen: row.get(5)?,
        note: row.get(6)?,
        created: row.get(7)?,
    })
}

/// A plan's versions, first to newest.
pub fn list_versions(vault: &Vault, plan_id: &str) -> Result<Vec<VersionSummary>> {
    ensure_exists(vault.conn(), "plans", plan_id, || unknown_plan(plan_id).to_string())?;
    let mut stmt = vault.conn().prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM plan_versions WHERE plan_id = ?1 ORDER BY number"
    ))?;
    let rows = stmt.query_map([plan_id], version_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One version in full: `number`, or the newest when `None`.
pub fn get_version(vault: &Vault, plan_id: &str, number: Option<i64>) -> Result<PlanVersion> {
    let versions = list_versions(vault, plan_id)?;
    let summary = match number {
        Some(n) => versions.into_iter().find(|v| v.number == n).ok_or_else(|| {
            Error::NotFound(format!(
                "This plan has no version {n}. `carefile plan versions {plan_id}` lists them."
            ))
        })?,
        None => versions.into_iter().next_back().ok_or_else(|| unknown_plan(plan_id))?,
    };
    let conn = vault.conn();
    let vid = summary.id.clone();
    let mut stmt = conn.prepare_cached(
        "SELECT section, label, position, text FROM plan_sections WHERE version_id = ?1 ORDER BY position, section",
    )?;
    let sections = stmt
        .query_map([&vid], |r| {
            Ok(SectionText {
                section: r.get(0)?,
                label: r.get(1)?,
                position: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT need_id, section, area, text FROM plan_needs WHERE version_id = ?1 ORDER BY section, position",
    )?;
    let needs = stmt
        .query_map([&vid], |r| {
            Ok(Need { id: r.get(0)?, section: r.get(1)?, area: r.get(2)?, text: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT outcome_id, text, pfa_area, by_when FROM plan_outcomes WHERE version_id = ?1 ORDER BY position",
    )?;
    let outcomes = stmt
        .query_map([&vid], |r| {
            Ok(Outcome { id: r.get(0)?, text: r.get(1)?, pfa_area: r.get(2)?, by_when: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let provision = load_provision(conn, &vid)?;
    Ok(PlanVersion { summary, sections, needs, outcomes, provision })
}
