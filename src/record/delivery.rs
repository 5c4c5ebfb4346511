//! The delivery log: sessions delivered, missed or cancelled against provision items, and a
//! summary of planned against delivered for any period ("36 of 60 speech and language sessions
//! this school year").
//!
//! Planned counts come from the item's frequency in each version in force and the term calendar
//! (`terms`), within the item's own start and end dates; `planned` says exactly how.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::planned::{count_spells, within_item, InForce, Spell};
use super::plans::{get_plan, get_version, list_versions, Section};
use super::plans::{Frequency, ProvisionItem};
use super::{clean, get_date, iso, not_before, not_in_future, now_stamp, text_enum};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

text_enum! {
    pub enum DeliveryStatus ("session status") {
        Delivered = "delivered",
        Missed = "missed",
        Cancelled = "cancelled",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DeliverySession {
    pub id: String,
    pub plan_id: String,
    pub provision_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dated: NaiveDate,
    pub status: DeliveryStatus,
    pub minutes: Option<u32>,
    /// Why it was missed or cancelled.
    pub reason: Option<String>,
    pub note: Option<String>,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewDelivery {
    pub provision_id: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dated: NaiveDate,
    pub status: DeliveryStatus,
    pub minutes: Option<u32>,
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// Every provision item the plan has ever had, newest wording first wins.
fn all_items(vault: &Vault, plan_id: &str) -> Result<Vec<ProvisionItem>> {
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    for v in list_versions(vault, plan_id)?.iter().rev() {
        for item in get_version(vault, plan_id, Some(v.number))?.provision {
            if seen.insert(item.id.clone()) {
                items.push(item);
            }
        }
    }
    Ok(items)
}

/// Logs one session against a provision item of the plan.
pub fn add_delivery(
    vault: &mut Vault,
    plan_id: &str,
    input: &NewDelivery,
) -> Result<DeliverySession> {
    not_in_future(input.dated, "session date")?;
    if input.minutes == Some(0) {
        return Err(Error::invalid(
            "A session can't last zero minutes. Give its length, or leave it blank.",
        ));
    }
    if !all_items(vault, plan_id)?.iter().any(|p| p.id == input.provision_id) {
        return Err(Error::NotFound(format!(
            "This plan has no provision item with the id {}. `carefile plan show` lists them.",
            input.provision_id
        )));
    }
    let id = new_id("dl");
    vault.conn().execute(
        "INSERT INTO delivery_sessions (id, plan_id, provision_id, dated, status, minutes, reason, note, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            plan_id,
            input.provision_id,
            iso(input.dated),
            input.status,
            input.minutes,
            clean(input.reason.as_deref()),
            clean(input.note.as_deref()),
            now_stamp()
        ],
    )?;
    list_deliveries(vault, plan_id, None, None)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::Internal("a session just saved could not be read back".into()))
}

fn from_row(row: &Row) -> rusqlite::Result<DeliverySession> {
    Ok(DeliverySession {
        id: row.get(0)?,
        plan_id: row.get(1)?,
        provision_id: row.get(2)?,
        dated: get_date(row, 3)?,
        status: row.get(4)?,
        minutes: row.get(5)?,
        reason: row.get(6)?,
        note: row.get(7)?,
        created: row.get(8)?,
    })
}

/// A plan's logged sessions in date order, optionally for one item and between two dates.
pub fn list_deliveries(
    vault: &Vault,
    plan_id: &str,
    provision_id: Option<&str>,
    period: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<DeliverySession>> {
    list_versions(vault, plan_id)?;
    let (from, to) = period.map_or((None, None), |(f, t)| (Some(iso(f)), Some(iso(t))));
    let mut stmt = vault.conn().prepare(
        "SELECT id, plan_id, provision_id, dated, status, minutes, reason, note, created FROM delivery_sessions
         WHERE plan_id = ?1 AND (?2 IS NULL OR provision_id = ?2)
           AND (?3 IS NULL OR dated >= ?3) AND (?4 IS NULL OR dated <= ?4)
         ORDER BY dated, created, id",
    )?;
    let rows = stmt.query_map(params![plan_id, provision_id, from, to], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Planned against delivered for one provision item over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DeliveryItemSummary {
    pub provision_id: String,
    pub section: Section,
    pub what: String,
    pub frequency: Option<Frequency>,
    /// `None` when the plan doesn't say how often, so nothing can be counted as planned.
    pub planned: Option<u32>,
    pub delivered: u32,
    pub missed: u32,
    pub cancelled: u32,
    pub delivered_minutes: u32,
    /// School days and school weeks in the period while the item applied.
    pub school_days: u32,
    pub school_weeks: u32,
    /// "20 of 30 sessions delivered".
    pub headline: String,
}

/// Planned sessions for `frequency` between `from` and `to` inclusive, with the school days and
/// school weeks in that time.
pub fn planned_sessions(
    vault: &Vault,
    frequency: Frequency,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(u32, u32, u32)> {
    if to < from {
        return Ok((0, 0, 0));
    }
    let c = count_spells(vault, &[Spell { from, to, frequency: Some(frequency) }])?;
    Ok((c.planned.unwrap_or(0), c.school_days, c.school_weeks))
}

/// The summary per provision item of a plan from `from` to `to` inclusive: every item in the newest
/// version, and any older item with sessions logged in the period.
///
/// Planned counts follow the versions in force (see `planned`): each final or amended version
/// counts, with its own frequency for the item, from its issue date to the next one's. Until a
/// final plan is issued, the newest version's wording counts for the whole period, so a plan being
/// entered still shows what it would ask for.
pub fn delivery_summary(
    vault: &Vault,
    plan_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DeliveryItemSummary>> {
    not_before(to, from, "end of the period", "start of the period")?;
    let plan = get_plan(vault, plan_id)?;
    let current: BTreeSet<String> =
        get_version(vault, plan_id, None)?.provision.into_iter().map(|p| p.id).collect();
    let in_force = InForce::load(vault, &plan, from, to)?;
    let sessions = list_deliveries(vault, plan_id, None, Some((from, to)))?;
    let mut by_item: HashMap<&str, Vec<&DeliverySession>> = HashMap::new();
    for s in &sessions {
        by_item.entry(s.provision_id.as_str()).or_default().push(s);
    }
    let mut out = Vec::new();
    for item in all_items(vault, plan_id)? {
        let logged = by_item.get(item.id.as_str()).cloned().unwrap_or_default();
        if !current.contains(&item.id) && logged.is_empty() {
            continue;
        }
        let spells = match &in_force {
            Some(f) => f.spells(&item.id),
            None => {
                let last_day = plan.ceased.map_or(to, |c| c.min(to));
                within_item(&item, from, last_day).into_iter().collect()
            }
        };
        let counted = count_spells(vault, &spells)?;
        let count = |status| logged.iter().filter(|s| s.status == status).count() as u32;
        let delivered = count(DeliveryStatus::Delivered);
        let delivered_minutes = logged
            .iter()
            .filter(|s| s.status == DeliveryStatus::Delivered)
            .map(|s| s.minutes.or(item.minutes).unwrap_or(0))
            .sum();
        let headline = match counted.planned {
            Some(p) => format!("{delivered} of {p} sessions delivered"),
            None if spells.is_empty() => format!(
                "{delivered} sessions delivered (it wasn't in an issued plan during this time)"
            ),
            None => format!("{delivered} sessions delivered (the plan doesn't say how many)"),
        };
        out.push(DeliveryItemSummary {
            provision_id: item.id.clone(),
            section: item.section,
            what: item.what.clone(),
            frequency: item.frequency,
            planned: counted.planned,
            delivered,
            missed: count(DeliveryStatus::Missed),
            cancelled: count(DeliveryStatus::Cancelled),
            delivered_minutes,
            school_days: counted.school_days,
            school_weeks: counted.school_weeks,
            headline,
        });
    }
    Ok(out)
}

/// The school year (1 September to 31 August) that contains `date`, as a period.
pub fn school_year_period(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = super::children::school_year_of(date);
    let start = NaiveDate::from_ymd_opt(y, 9, 1).unwrap_or(date);
    let end = NaiveDate::from_ymd_opt(y + 1, 8, 31).unwrap_or(date);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn the_school_year_runs_from_september_to_august() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(school_year_period(d(2026, 2, 1)), (d(2025, 9, 1), d(2026, 8, 31)));
        assert_eq!(school_year_period(d(2025, 9, 1)).0.year(), 2025);
    }
}
