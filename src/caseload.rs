//! The caseload: every family in the vault and each of its children, with the next deadline, what
//! is overdue, the last contact and the last package exchanged, most urgent first. Only reads,
//! through the public functions of `record`, `milestones` and `exchange`.

use std::cmp::Reverse;

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadlines::Deadline;
use crate::error::Result;
use crate::exchange::{last_exchanges, PackageExchange};
use crate::milestones::{child_deadlines, DUE_SOON_DAYS};
use crate::record;
use crate::vault::Vault;

/// One child on the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CaseloadChild {
    pub child_id: String,
    pub child_name: String,
    /// The first open date.
    pub next_due: Option<Deadline>,
    /// How many dates have passed that someone should hear about.
    pub overdue: usize,
    /// The latest correspondence's date (ISO).
    pub last_contact: Option<String>,
    pub last_package: Option<PackageExchange>,
}

/// One family on the caseload, its children most urgent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CaseloadFamily {
    pub family_id: String,
    pub name: String,
    pub children: Vec<CaseloadChild>,
    /// Overdue dates over all its children.
    pub overdue: usize,
    /// The soonest open date over all its children.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub next_due: Option<NaiveDate>,
}

/// Every family, most urgent first: most overdue, then the soonest next date, then by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Caseload {
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub today: NaiveDate,
    pub families: Vec<CaseloadFamily>,
}

fn urgency(overdue: usize, next: Option<NaiveDate>) -> (Reverse<usize>, NaiveDate) {
    (Reverse(overdue), next.unwrap_or(NaiveDate::MAX))
}

/// The caseload as of `today` (see `Caseload`).
pub fn caseload(vault: &Vault, today: NaiveDate) -> Result<Caseload> {
    let exchanges = last_exchanges(vault)?;
    let mut families = Vec::new();
    for f in record::list_families(vault)? {
        let mut children = Vec::new();
        for child_id in &f.child_ids {
            let d = child_deadlines(vault, child_id, today, DUE_SOON_DAYS)?;
            children.push(CaseloadChild {
                child_id: child_id.clone(),
                child_name: d.child_name,
                next_due: d.next_due,
                overdue: d.overdue.len(),
                last_contact: record::last_contact(vault, child_id)?,
                last_package: exchanges.get(child_id).cloned(),
            });
        }
        children.sort_by(|a, b| {
            urgency(a.overdue, a.next_due.as_ref().map(|d| d.due))
                .cmp(&urgency(b.overdue, b.next_due.as_ref().map(|d| d.due)))
                .then_with(|| a.child_name.cmp(&b.child_name))
        });
        let overdue = children.iter().map(|c| c.overdue).sum();
        let next_due = children.iter().filter_map(|c| c.next_due.as_ref().map(|d| d.due)).min();
        families.push(CaseloadFamily {
            family_id: f.id,
            name: f.name,
            children,
            overdue,
            next_due,
        });
    }
    families.sort_by(|a, b| {
        urgency(a.overdue, a.next_due)
            .cmp(&urgency(b.overdue, b.next_due))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(Caseload { today, families })
}
