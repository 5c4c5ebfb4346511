//! Plans and their versions. A plan (EHC plan, SEN Support plan, Individual Support Plan) has
//! numbered versions; each holds sections A–K as text, the B/C/D needs, the E outcomes and the
//! F/G/H provision. The newest version is entered and edited until it is issued (as a draft, final
//! or amended plan) and then kept exactly as issued: editing after that starts a new version,
//! copied from the last. Needs, outcomes and provision keep their ids from version to version, so
//! delivery logs and progress notes follow them.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::children::ensure_child;
use super::people::ensure_person;
use super::provision::{load_provision, ProvisionItem};
use super::{clean, get_opt_date, iso, not_before, not_in_future, now_stamp, required, text_enum};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

text_enum! {
    pub enum PlanKind ("kind of plan") {
        EhcPlan = "ehc_plan",
        SenSupportPlan = "sen_support_plan",
        IndividualSupportPlan = "individual_support_plan",
        Other = "other",
    }
}

text_enum! {
    /// Which issue of the plan a version is.
    pub enum Stage ("plan stage") {
        Draft = "draft",
        Final = "final",
        Amended = "amended",
    }
}

text_enum! {
    /// Where a plan stands, derived from its issued versions.
    pub enum PlanStatus ("plan status") {
        BeingEntered = "being_entered",
        Draft = "draft",
        Final = "final",
        Amended = "amended",
        Ceased = "ceased",
    }
}

text_enum! {
    /// The plan's sections (SEND Regs 2014 reg 12(1); K per CoP 9.62). Each is labelled on its own,
    /// whatever order the LA printed them in.
    pub enum Section ("plan section") {
        #[serde(rename = "A")] A = "A",
        #[serde(rename = "B")] B = "B",
        #[serde(rename = "C")] C = "C",
        #[serde(rename = "D")] D = "D",
        #[serde(rename = "E")] E = "E",
        #[serde(rename = "F")] F = "F",
        #[serde(rename = "G")] G = "G",
        #[serde(rename = "H1")] H1 = "H1",
        #[serde(rename = "H2")] H2 = "H2",
        #[serde(rename = "I")] I = "I",
        #[serde(rename = "J")] J = "J",
        #[serde(rename = "K")] K = "K",
    }
}

text_enum! {
    /// Preparing-for-adulthood areas for outcomes from Year 9 (SEND Regs reg 12(3), CoP 9.63).
    pub enum PfaArea ("preparing-for-adulthood area") {
        Employment = "employment",
        IndependentLiving = "independent_living",
        Community = "community",
        Health = "health",
    }
}

impl Section {
    /// The section's usual heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::A => "Views, interests and aspirations",
            Section::B => "Special educational needs",
            Section::C => "Health needs",
            Section::D => "Social care needs",
            Section::E => "Outcomes",
            Section::F => "Special educational provision",
            Section::G => "Health provision",
            Section::H1 => "Social care provision (CSDPA 1970 s.2)",
            Section::H2 => "Other social care provision",
            Section::I => "Placement",
            Section::J => "Personal budget",
            Section::K => "Advice and information",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub child_id: String,
    pub kind: PlanKind,
    pub title: String,
    pub local_authority: Option<String>,
    pub named_setting: Option<String>,
    pub caseworker_id: Option<String>,
    pub status: PlanStatus,
    /// Derived from the versions: the first draft, the first final, the latest amendment.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub draft_served: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub issued: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub amended: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub ceased: Option<NaiveDate>,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewPlan {
    pub child_id: String,
    pub kind: PlanKind,
    /// Defaults to "EHC plan" and so on.
    pub title: Option<String>,
    pub local_authority: Option<String>,
    pub named_setting: Option<String>,
    pub caseworker_id: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct SectionText {
    pub section: Section,
    /// The LA's own heading, if it differs from the usual one.
    pub label: Option<String>,
    /// Where the LA put the section (0 first).
    pub position: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Need {
    pub id: String,
    pub section: Section,
    /// Such as "Communication and interaction".
    pub area: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewNeed {
    pub section: Section,
    pub area: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub id: String,
    pub text: String,
    pub pfa_area: Option<PfaArea>,
    /// Such as "by the end of Key Stage 2".
    pub by_when: Option<String>,
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

pub(crate) fn unknown_plan(id: &str) -> Error {
    Error::NotFound(format!("There is no plan with the id {id} in this vault. Check the id."))
}

/// Adds a plan for a child, with an empty first version ready to be filled in.
pub fn add_plan(vault: &mut Vault, input: &NewPlan) -> Result<Plan> {
    ensure_child(vault, &input.child_id)?;
    if let Some(p) = &input.caseworker_id {
        ensure_person(vault, p)?;
    }
    let title = clean(input.title.as_deref()).unwrap_or_else(|| {
        match input.kind {
            PlanKind::EhcPlan => "EHC plan",
            PlanKind::SenSupportPlan => "SEN Support plan",
            PlanKind::IndividualSupportPlan => "Individual Support Plan",
            PlanKind::Other => "Plan",
        }
        .to_owned()
    });
    let id = new_id("pl");
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO plans (id, child_id, kind, title, local_authority, named_setting, caseworker_id, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            input.child_id,
            input.kind,
            title,
            clean(input.local_authority.as_deref()),
            clean(input.named_setting.as_deref()),
            input.caseworker_id,
            now_stamp()
        ],
    )?;
    working_version(&tx, &id)?;
    tx.commit()?;
    get_plan(vault, &id)
}

fn plan_from_row(row: &Row) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: row.get(0)?,
        child_id: row.get(1)?,
        kind: row.get(2)?,
        title: row.get(3)?,
        local_authority: row.get(4)?,
        named_setting: row.get(5)?,
        caseworker_id: row.get(6)?,
        ceased: get_opt_date(row, 7)?,
        created: row.get(8)?,
        status: PlanStatus::BeingEntered,
        draft_served: None,
        issued: None,
        amended: None,
    })
}

fn derive_dates(vault: &Vault, mut plan: Plan) -> Result<Plan> {
    let versions = list_versions(vault, &plan.id)?;
    let first = |stage| versions.iter().find(|v| v.stage == Some(stage)).and_then(|v| v.issued);
    plan.draft_served = first(Stage::Draft);
    plan.issued = first(Stage::Final);
    plan.amended =
        versions.iter().rev().find(|v| v.stage == Some(Stage::Amended)).and_then(|v| v.issued);
    plan.status = match (plan.ceased, versions.iter().rev().find_map(|v| v.stage)) {
        (Some(_), _) => PlanStatus::Ceased,
        (None, Some(Stage::Draft)) => PlanStatus::Draft,
        (None, Some(Stage::Final)) => PlanStatus::Final,
        (None, Some(Stage::Amended)) => PlanStatus::Amended,
        (None, None) => PlanStatus::BeingEntered,
    };
    Ok(plan)
}

const PLAN_COLUMNS: &str =
    "id, child_id, kind, title, local_authority, named_setting, caseworker_id, ceased, created";

pub fn get_plan(vault: &Vault, id: &str) -> Result<Plan> {
    let plan = vault
        .conn()
        .query_row(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = ?1"), [id], plan_from_row)
        .optional()?
        .ok_or_else(|| unknown_plan(id))?;
    derive_dates(vault, plan)
}

/// Plans, oldest first; one child's when `child_id` is given.
pub fn list_plans(vault: &Vault, child_id: Option<&str>) -> Result<Vec<Plan>> {
    if let Some(child) = child_id {
        ensure_child(vault, child)?;
    }
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE ?1 IS NULL OR child_id = ?1 ORDER BY created, id"
    ))?;
    let plans: Vec<Plan> =
        stmt.query_map([child_id], plan_from_row)?.collect::<rusqlite::Result<_>>()?;
    plans.into_iter().map(|p| derive_dates(vault, p)).collect()
}

/// Records that the plan ceased on `date`.
pub fn cease_plan(vault: &mut Vault, plan_id: &str, date: NaiveDate) -> Result<Plan> {
    not_in_future(date, "date the plan ceased")?;
    let changed = vault
        .conn()
        .execute("UPDATE plans SET ceased = ?2 WHERE id = ?1", params![plan_id, iso(date)])?;
    if changed == 0 {
        return Err(unknown_plan(plan_id));
    }
    get_plan(vault, plan_id)
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
    super::ensure_exists(vault.conn(), "plans", plan_id, || unknown_plan(plan_id).to_string())?;
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

/// Sets a section's text (and the LA's label for it) in the version being entered. Blank text
/// removes the section.
pub fn set_section(
    vault: &mut Vault,
    plan_id: &str,
    section: Section,
    label: Option<&str>,
    text: &str,
) -> Result<VersionSummary> {
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    if text.trim().is_empty() {
        tx.execute(
            "DELETE FROM plan_sections WHERE version_id = ?1 AND section = ?2",
            params![vid, section],
        )?;
    } else {
        let position: i64 = tx
            .query_row(
                "SELECT position FROM plan_sections WHERE version_id = ?1 AND section = ?2",
                params![vid, section],
                |r| r.get(0),
            )
            .optional()?
            .map_or_else(|| next_position(&tx, "plan_sections", &vid), Ok)?;
        tx.execute(
            "INSERT OR REPLACE INTO plan_sections (version_id, section, label, position, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![vid, section, clean(label), position, text.trim()],
        )?;
    }
    tx.commit()?;
    newest_summary(vault, plan_id)
}

fn newest_summary(vault: &Vault, plan_id: &str) -> Result<VersionSummary> {
    list_versions(vault, plan_id)?.pop().ok_or_else(|| unknown_plan(plan_id))
}

/// Adds a need (section B, C or D) to the version being entered.
pub fn add_need(vault: &mut Vault, plan_id: &str, input: &NewNeed) -> Result<Need> {
    if !matches!(input.section, Section::B | Section::C | Section::D) {
        return Err(Error::invalid(
            "Needs go in section B (education), C (health) or D (social care).",
        ));
    }
    let text = required(&input.text, "the need, in the plan's words")?;
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    let id = new_id("nd");
    let position = next_position(&tx, "plan_needs", &vid)?;
    tx.execute(
        "INSERT INTO plan_needs (version_id, need_id, section, position, area, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![vid, id, input.section, position, clean(input.area.as_deref()), text],
    )?;
    tx.commit()?;
    Ok(Need { id, section: input.section, area: clean(input.area.as_deref()), text })
}

/// Takes a need, outcome or provision item out of the version being entered (issued versions
/// keep it). A need still linked to provision is unlinked from it.
pub fn remove_item(vault: &mut Vault, plan_id: &str, item_id: &str) -> Result<VersionSummary> {
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    let mut removed = 0;
    removed += tx.execute("DELETE FROM plan_provision_needs WHERE version_id = ?1 AND (provision_id = ?2 OR need_id = ?2)", params![vid, item_id])?;
    removed += tx.execute(
        "DELETE FROM plan_provision WHERE version_id = ?1 AND provision_id = ?2",
        params![vid, item_id],
    )?;
    removed += tx.execute(
        "DELETE FROM plan_needs WHERE version_id = ?1 AND need_id = ?2",
        params![vid, item_id],
    )?;
    removed += tx.execute(
        "DELETE FROM plan_outcomes WHERE version_id = ?1 AND outcome_id = ?2",
        params![vid, item_id],
    )?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "This plan has no need, outcome or provision item with the id {item_id}."
        )));
    }
    tx.commit()?;
    newest_summary(vault, plan_id)
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
    vault.conn().execute(
        "UPDATE plan_versions SET stage = ?2, issued = ?3, note = ?4, frozen = 1 WHERE id = ?1",
        params![working.id, stage, iso(issued), clean(note)],
    )?;
    newest_summary(vault, plan_id)
}
