//! What a version says: its sections as text (in the LA's order, under the LA's labels), the
//! B/C/D needs and the E outcomes, and editing them in the version being entered.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::issuing::{newest_summary, next_position, working_version};
use super::versions::VersionSummary;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{clean, required, text_enum};
use crate::vault::Vault;

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
    crate::record::search_text::index_plan(&tx, plan_id)?;
    tx.commit()?;
    newest_summary(vault, plan_id)
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
