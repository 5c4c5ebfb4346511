//! Keeping an issued version exactly as issued: every edit goes through the working version (a
//! copy of the newest, started when that one has been issued), and issuing freezes it.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::unknown_plan;
use super::versions::{list_versions, Stage, VersionSummary};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{clean, iso, not_before, not_in_future, now_stamp};
use crate::vault::Vault;

/// The id of the version being entered, starting one (a copy of the newest) when the newest has
/// been issued. Every edit goes through here, so an issued version is never touched.
pub(crate) fn working_version(tx: &Transaction, plan_id: &str) -> Result<String> {
    let newest: Option<(String, i64, bool)> = tx
        .query_row(
            "SELECT id, number, frozen FROM plan_versions WHERE plan_id = ?1 ORDER BY number DESC LIMIT 1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (from, number) = match newest {
        Some((id, _, false)) => return Ok(id),
        Some((id, n, true)) => (Some(id), n + 1),
        None => {
            let exists: bool =
                tx.query_row("SELECT EXISTS(SELECT 1 FROM plans WHERE id = ?1)", [plan_id], |r| {
                    r.get(0)
                })?;
            if !exists {
                return Err(unknown_plan(plan_id));
            }
            (None, 1)
        }
    };
    let id = new_id("pv");
    tx.execute(
        "INSERT INTO plan_versions (id, plan_id, number, created) VALUES (?1, ?2, ?3, ?4)",
        params![id, plan_id, number, now_stamp()],
    )?;
    if let Some(from) = from {
        for sql in [
            "INSERT INTO plan_sections SELECT ?1, section, label, position, text FROM plan_sections WHERE version_id = ?2",
            "INSERT INTO plan_needs SELECT ?1, need_id, section, position, area, text FROM plan_needs WHERE version_id = ?2",
            "INSERT INTO plan_outcomes SELECT ?1, outcome_id, position, text, pfa_area, by_when FROM plan_outcomes WHERE version_id = ?2",
            "INSERT INTO plan_provision SELECT ?1, provision_id, section, position, what, who, qualification, times,
                 per, minutes, group_size, place, start_date, end_date, funded_by FROM plan_provision WHERE version_id = ?2",
            "INSERT INTO plan_provision_needs SELECT ?1, provision_id, need_id FROM plan_provision_needs WHERE version_id = ?2",
        ] {
            tx.execute(sql, params![id, from])?;
        }
    }
    Ok(id)
}

/// The next free position in one of the version's item tables.
pub(crate) fn next_position(tx: &Transaction, table: &str, version_id: &str) -> Result<i64> {
    // `table` is a literal from this module.
    let sql = format!("SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE version_id = ?1");
    Ok(tx.query_row(&sql, [version_id], |r| r.get(0))?)
}

pub(super) fn newest_summary(vault: &Vault, plan_id: &str) -> Result<VersionSummary> {
    list_versions(vault, plan_id)?.pop().ok_or_else(|| unknown_plan(plan_id))
}

/// Issues the version being entered as a draft, final or amended plan dated `issued`, and freezes
/// it. Later edits start a new version.
pub fn issue_version(
    vault: &mut Vault,
    plan_id: &str,
    stage: Stage,
    issued: NaiveDate,
    note: Option<&str>,
) -> Result<VersionSummary> {
    not_in_future(issued, "issue date")?;
    let versions = list_versions(vault, plan_id)?;
    let Some(working) = versions.iter().rev().find(|v| !v.frozen) else {
        return Err(Error::invalid("Every version of this plan has already been issued. Make a change first; that starts a new version."));
    };
    if let Some(previous) = versions.iter().rev().filter(|v| v.frozen).find_map(|v| v.issued) {
        not_before(issued, previous, "issue date", "date of the previous version")?;
    }
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "UPDATE plan_versions SET stage = ?2, issued = ?3, note = ?4, frozen = 1 WHERE id = ?1",
        params![working.id, stage, iso(issued), clean(note)],
    )?;
    // The issue date is the date search shows for the section text this version brought.
    crate::record::search_text::index_plan(&tx, plan_id)?;
    tx.commit()?;
    newest_summary(vault, plan_id)
}
