//! Provision items (sections F, G, H1, H2): what a plan version provides, how often, for how long
//! and by whom, entered into the working version like needs and outcomes. The provision check
//! that reads them is `record::provision_check`, above the plans.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::contents::Section;
use super::issuing::{next_position, working_version};
use super::versions::get_version;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{clean, get_opt_date, iso, not_before, required, text_enum};
use crate::vault::Vault;

text_enum! {
    pub enum Per ("period") {
        Day = "day",
        Week = "week",
        Term = "term",
        Year = "year",
    }
}

/// How often: `times` sessions per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Frequency {
    pub times: u32,
    pub per: Per,
}

impl Frequency {
    /// "once a week", "twice a term", "3 times a week".
    pub fn describe(self) -> String {
        let n = match self.times {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        };
        format!("{n} a {}", self.per)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ProvisionItem {
    /// Stable across versions.
    pub id: String,
    pub section: Section,
    pub what: String,
    /// The needs (ids) this provision meets.
    pub need_ids: Vec<String>,
    /// Role of who delivers it.
    pub who: Option<String>,
    pub qualification: Option<String>,
    pub frequency: Option<Frequency>,
    /// Length of each session.
    pub minutes: Option<u32>,
    /// Such as "1:1" or "group of 4".
    pub group_size: Option<String>,
    pub place: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub start: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub end: Option<NaiveDate>,
    pub funded_by: Option<String>,
}

impl ProvisionItem {
    /// One line with every detail, used to compare versions word by word.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.what.clone()];
        let who = match (&self.who, &self.qualification) {
            (Some(w), Some(q)) => Some(format!("{w} ({q})")),
            (Some(w), None) => Some(w.clone()),
            (None, Some(q)) => Some(q.clone()),
            (None, None) => None,
        };
        parts.extend(who.map(|w| format!("delivered by {w}")));
        parts.extend(self.frequency.map(Frequency::describe));
        parts.extend(self.minutes.map(|m| format!("{m} minutes each")));
        parts.extend(self.group_size.as_ref().map(|g| format!("group: {g}")));
        parts.extend(self.place.as_ref().map(|p| format!("where: {p}")));
        parts.extend(self.start.map(|d| format!("from {}", iso(d))));
        parts.extend(self.end.map(|d| format!("until {}", iso(d))));
        parts.extend(self.funded_by.as_ref().map(|f| format!("funded by {f}")));
        parts.join("; ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewProvision {
    pub section: Section,
    pub what: String,
    #[serde(default)]
    pub need_ids: Vec<String>,
    pub who: Option<String>,
    pub qualification: Option<String>,
    pub frequency: Option<Frequency>,
    pub minutes: Option<u32>,
    pub group_size: Option<String>,
    pub place: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub start: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub end: Option<NaiveDate>,
    pub funded_by: Option<String>,
}

fn validate(input: &NewProvision) -> Result<String> {
    if !matches!(input.section, Section::F | Section::G | Section::H1 | Section::H2) {
        return Err(Error::invalid(
            "Provision goes in section F (education), G (health), H1 or H2 (social care).",
        ));
    }
    let what = required(&input.what, "what the provision is")?;
    if input.frequency.is_some_and(|f| f.times == 0) {
        return Err(Error::invalid(
            "How often can't be zero. Give at least 1 session per day, week, term or year.",
        ));
    }
    if input.minutes == Some(0) {
        return Err(Error::invalid(
            "How long can't be zero minutes. Give the length of each session, or leave it blank.",
        ));
    }
    if let (Some(start), Some(end)) = (input.start, input.end) {
        not_before(end, start, "end date", "start date")?;
    }
    Ok(what)
}

/// Adds a provision item to the version being entered, linked to needs in that version.
pub fn add_provision(
    vault: &mut Vault,
    plan_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    insert(vault, plan_id, &new_id("pr"), input)
}

/// Replaces a provision item in the version being entered, keeping its id (and so its delivery log).
pub fn update_provision(
    vault: &mut Vault,
    plan_id: &str,
    provision_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    validate(input)?;
    let version = get_version(vault, plan_id, None)?;
    if !version.provision.iter().any(|p| p.id == provision_id) {
        return Err(Error::NotFound(format!(
            "This plan has no provision item with the id {provision_id}."
        )));
    }
    insert(vault, plan_id, provision_id, input)
}

fn insert(
    vault: &mut Vault,
    plan_id: &str,
    provision_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    let what = validate(input)?;
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    for need in &input.need_ids {
        let found: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM plan_needs WHERE version_id = ?1 AND need_id = ?2)",
            params![vid, need],
            |r| r.get(0),
        )?;
        if !found {
            return Err(Error::NotFound(format!(
                "This plan has no need with the id {need}. Add the need first."
            )));
        }
    }
    let position = tx
        .query_row(
            "SELECT position FROM plan_provision WHERE version_id = ?1 AND provision_id = ?2",
            params![vid, provision_id],
            |r| r.get::<_, i64>(0),
        )
        .or_else(|_| next_position(&tx, "plan_provision", &vid))?;
    tx.execute(
        "DELETE FROM plan_provision_needs WHERE version_id = ?1 AND provision_id = ?2",
        params![vid, provision_id],
    )?;
    tx.execute(
        "DELETE FROM plan_provision WHERE version_id = ?1 AND provision_id = ?2",
        params![vid, provision_id],
    )?;
    tx.execute(
        "INSERT INTO plan_provision (version_id, provision_id, section, position, what, who, qualification,
             times, per, minutes, group_size, place, start_date, end_date, funded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            vid,
            provision_id,
            input.section,
            position,
            what,
            clean(input.who.as_deref()),
            clean(input.qualification.as_deref()),
            input.frequency.map(|f| f.times),
            input.frequency.map(|f| f.per),
            input.minutes,
            clean(input.group_size.as_deref()),
            clean(input.place.as_deref()),
            input.start.map(iso),
            input.end.map(iso),
            clean(input.funded_by.as_deref())
        ],
    )?;
    for need in &input.need_ids {
        tx.execute(
            "INSERT OR IGNORE INTO plan_provision_needs (version_id, provision_id, need_id) VALUES (?1, ?2, ?3)",
            params![vid, provision_id, need],
        )?;
    }
    tx.commit()?;
    get_version(vault, plan_id, None)?
        .provision
        .into_iter()
        .find(|p| p.id == provision_id)
        .ok_or_else(|| Error::Internal("a provision item just saved could not be read back".into()))
}

pub(crate) fn load_provision(conn: &Connection, version_id: &str) -> Result<Vec<ProvisionItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT provision_id, section, what, who, qualification, times, per, minutes, group_size, place,
             start_date, end_date, funded_by
         FROM plan_provision WHERE version_id = ?1 ORDER BY section, position",
    )?;
    let mut items: Vec<ProvisionItem> = stmt
        .query_map([version_id], |r| {
            let times: Option<u32> = r.get(5)?;
            let per: Option<Per> = r.get(6)?;
            Ok(ProvisionItem {
                id: r.get(0)?,
                section: r.get(1)?,
                what: r.get(2)?,
                need_ids: Vec::new(),
                who: r.get(3)?,
                qualification: r.get(4)?,
                frequency: times.zip(per).map(|(times, per)| Frequency { times, per }),
                minutes: r.get(7)?,
                group_size: r.get(8)?,
                place: r.get(9)?,
                start: get_opt_date(r, 10)?,
                end: get_opt_date(r, 11)?,
                funded_by: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT pn.need_id FROM plan_provision_needs pn
         JOIN plan_needs n ON n.version_id = pn.version_id AND n.need_id = pn.need_id
         WHERE pn.version_id = ?1 AND pn.provision_id = ?2 ORDER BY n.section, n.position",
    )?;
    for item in &mut items {
        item.need_ids = stmt
            .query_map(params![version_id, item.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_reads_as_words() {
        assert_eq!(Frequency { times: 1, per: Per::Week }.describe(), "once a week");
        assert_eq!(Frequency { times: 3, per: Per::Term }.describe(), "3 times a term");
    }
}
