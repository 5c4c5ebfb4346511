//! Plans and their versions. A plan (EHC plan, SEN Support plan, Individual Support Plan) has
//! numbered versions; each holds sections A–K as text, the B/C/D needs, the E outcomes and the
//! F/G/H provision. The newest version is entered and edited until it is issued (as a draft, final
//! or amended plan) and then kept exactly as issued: editing after that starts a new version,
//! copied from the last. Needs, outcomes and provision keep their ids from version to version, so
//! delivery logs and progress notes follow them.
//!
//! This file holds the plans themselves; `versions.rs` reads versions back, `contents.rs` holds
//! what a version says (sections, needs, outcomes) and edits it, and `issuing.rs` keeps issued
//! versions untouched (the working version) and issues them; `provision.rs` holds the F/G/H
//! provision items.

mod contents;
mod issuing;
mod provision;
mod versions;

pub use contents::{
    add_need, remove_item, set_section, Need, NewNeed, Outcome, PfaArea, Section, SectionText,
};
pub use issuing::issue_version;
pub(crate) use issuing::{next_position, working_version};
pub use provision::{add_provision, update_provision, Frequency, NewProvision, Per, ProvisionItem};
pub use versions::{get_version, list_versions, PlanVersion, Stage, VersionSummary};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::children::ensure_child;
use super::people::ensure_person;
use super::{clean, get_opt_date, iso, not_in_future, now_stamp, text_enum};
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
    /// Where a plan stands, derived from its issued versions.
    pub enum PlanStatus ("plan status") {
        BeingEntered = "being_entered",
        Draft = "draft",
        Final = "final",
        Amended = "amended",
        Ceased = "ceased",
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
