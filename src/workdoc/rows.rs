//! Making a working document from a plan version: one row per need, provision item, outcome,
//! placement line or paragraph of section text in the chosen sections, each keeping the id of the
//! plan item it copies; the provision check's vague-wording findings flagged on their rows (or
//! added as rows when their section was not chosen). And the footnote text for a piece of evidence.

use serde::{Deserialize, Serialize};

use super::versions::{insert_version, load_workdoc};
use super::{RowFlag, RowKind, RowStatus, VersionOrigin, Workdoc, WorkdocRow};
use crate::documents;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{self, FindingKind, PlanVersion, Section};
use crate::vault::Vault;

/// What a new working document is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct NewWorkdoc {
    pub child_id: String,
    /// The plan (default: the child's latest).
    pub plan_id: Option<String>,
    /// The plan version (default: the newest issued one, or the one being entered if none is).
    pub plan_version: Option<i64>,
    /// The sections under appeal (default: B, F and I).
    pub sections: Vec<Section>,
}

/// The sections a contents appeal is about (CFA 2014 s.51(2)(c)): B, F and I.
pub const DEFAULT_SECTIONS: [Section; 3] = [Section::B, Section::F, Section::I];

fn choose_plan(vault: &Vault, child_id: &str, plan_id: Option<&str>) -> Result<record::Plan> {
    let child = record::get_child(vault, child_id)?;
    match plan_id {
        Some(id) => {
            let plan = record::get_plan(vault, id)?;
            if plan.child_id != child.id {
                return Err(Error::invalid(format!(
                    "That plan belongs to another child. `carefile plan list --child {}` lists {}'s plans.",
                    child.id, child.name
                )));
            }
            Ok(plan)
        }
        None => record::list_plans(vault, Some(&child.id))?.into_iter().next_back().ok_or_else(|| {
            Error::NotFound(format!(
                "{} has no plan yet. Add the plan first (`carefile plan add`), then make the working document from it.",
                child.name
            ))
        }),
    }
}

fn choose_version(vault: &Vault, plan_id: &str, number: Option<i64>) -> Result<PlanVersion> {
    if number.is_some() {
        return record::get_version(vault, plan_id, number);
    }
    let issued = record::list_versions(vault, plan_id)?.into_iter().rfind(|v| v.frozen);
    record::get_version(vault, plan_id, issued.map(|v| v.number))
}

/// Every paragraph of a section's text, one per non-blank line.
fn paragraphs(version: &PlanVersion, section: Section) -> Vec<String> {
    version
        .sections
        .iter()
        .filter(|s| s.section == section)
        .flat_map(|s| s.text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned))
        .collect()
}

fn row(
    section: Section,
    kind: RowKind,
    item_id: Option<&str>,
    label: Option<&str>,
    text: &str,
) -> WorkdocRow {
    WorkdocRow {
        row: 0,
        section,
        kind,
        item_id: item_id.map(str::to_owned),
        label: label.map(str::to_owned),
        original: super::normalise(text),
        family: None,
        la: None,
        agreed: None,
        status: RowStatus::NotDiscussed,
        evidence: Vec::new(),
        flags: Vec::new(),
        markup: Vec::new(),
    }
}

/// The rows of `sections`, in the order A to K, then flags from the provision check.
pub(crate) fn rows_from_plan(version: &PlanVersion, sections: &[Section]) -> Vec<WorkdocRow> {
    let mut rows = Vec::new();
    for &section in Section::ALL.iter().filter(|s| sections.contains(s)) {
        let text_kind = if section == Section::I { RowKind::Placement } else { RowKind::Text };
        rows.extend(
            paragraphs(version, section).iter().map(|p| row(section, text_kind, None, None, p)),
        );
        for n in version.needs.iter().filter(|n| n.section == section) {
            rows.push(row(section, RowKind::Need, Some(&n.id), n.area.as_deref(), &n.text));
        }
        if section == Section::E {
            for o in &version.outcomes {
                rows.push(row(
                    section,
                    RowKind::Outcome,
                    Some(&o.id),
                    o.by_when.as_deref(),
                    &o.text,
                ));
            }
        }
        for p in version.provision.iter().filter(|p| p.section == section) {
            rows.push(row(section, RowKind::Provision, Some(&p.id), None, &p.describe()));
        }
    }
    for finding in record::check_version(version) {
        if finding.kind != FindingKind::VagueWording {
            continue;
        }
        let flag = RowFlag {
            phrase: finding.phrase.clone().unwrap_or_default(),
            message: finding.message.clone(),
        };
        let excerpt = super::normalise(&finding.excerpt);
        let at = rows.iter().position(|r| match &finding.item_id {
            Some(id) => r.item_id.as_deref() == Some(id.as_str()),
            None => {
                r.section == finding.section
                    && r.item_id.is_none()
                    && excerpt.contains(&r.original)
                    && record::vague_phrases_in(&r.original)
                        .iter()
                        .any(|p| Some(p.phrase) == finding.phrase.as_deref())
            }
        });
        match at {
            Some(i) => rows[i].flags.push(flag),
            // A finding in a section not chosen is offered as a row of its own to dispute.
            None => {
                let kind =
                    if finding.item_id.is_some() { RowKind::Provision } else { RowKind::Text };
                let mut r = row(finding.section, kind, finding.item_id.as_deref(), None, &excerpt);
                r.flags.push(flag);
                rows.push(r);
            }
        }
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.row = i as u32 + 1;
    }
    rows
}

/// Makes a working document (version 1) from a plan version.
pub fn create_workdoc(vault: &mut Vault, input: &NewWorkdoc) -> Result<Workdoc> {
    let plan = choose_plan(vault, &input.child_id, input.plan_id.as_deref())?;
    let version = choose_version(vault, &plan.id, input.plan_version)?;
    let mut sections =
        if input.sections.is_empty() { DEFAULT_SECTIONS.to_vec() } else { input.sections.clone() };
    sections.sort();
    sections.dedup();
    let rows = rows_from_plan(&version, &sections);
    if rows.is_empty() {
        return Err(Error::invalid(format!(
            "Version {} of this plan has no wording in section {}. Enter the plan's wording first, or choose other sections.",
            version.summary.number,
            sections.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    let id = new_id("wd");
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO workdocs (id, child_id, plan_id, plan_version, sections, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            id,
            plan.child_id,
            plan.id,
            version.summary.number,
            sections.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","),
            record::now_stamp(),
        ],
    )?;
    insert_version(&tx, &id, 1, VersionOrigin::Created, false, &rows, &[])?;
    tx.commit()?;
    load_workdoc(vault.conn(), &id, None)
}

/// The footnote for a piece of evidence: "Dr A. Example, EP report, 6 Dec 2024, p. 7, para 5",
/// from the document's author, title and date. Checks the page is in the document.
pub fn cite(
    vault: &Vault,
    document_id: &str,
    page: Option<u32>,
    paragraph: Option<u32>,
) -> Result<String> {
    let d = documents::get_document(vault, document_id)?;
    if let Some(p) = page {
        if p == 0 || (d.pages > 0 && p > d.pages) {
            return Err(Error::invalid(format!(
                "\"{}\" has {} page{}; there is no page {p}.",
                d.title,
                d.pages,
                if d.pages == 1 { "" } else { "s" }
            )));
        }
    }
    if paragraph == Some(0) {
        return Err(Error::invalid("Paragraphs are counted from 1."));
    }
    if paragraph.is_some() && page.is_none() {
        return Err(Error::invalid("Give the page as well as the paragraph, as DOC:PAGE:PARA."));
    }
    let mut parts: Vec<String> = Vec::new();
    parts.extend(d.author.clone());
    parts.push(d.title.clone());
    parts.extend(d.dated.map(record::british_date));
    parts.extend(page.map(|p| format!("p. {p}")));
    parts.extend(paragraph.map(|p| format!("para {p}")));
    Ok(parts.join(", "))
}

/// A row whose plan item reads differently in the plan's newest version (or is gone from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RowMoved {
    pub row: u32,
    pub item_id: String,
    /// The plan version compared with.
    pub plan_version: i64,
    /// The item's wording there; `None` when the item was taken out.
    pub now: Option<String>,
}

/// The rows whose need, provision item or outcome changed since the plan version the working
/// document was made from, matched by the item's id (which plan versions keep).
pub fn rows_moved(vault: &Vault, id: &str) -> Result<Vec<RowMoved>> {
    let w = super::get_workdoc(vault, id, None)?;
    let newest = record::get_version(vault, &w.plan_id, None)?;
    if newest.summary.number == w.plan_version {
        return Ok(Vec::new());
    }
    let now = rows_from_plan(&newest, Section::ALL);
    Ok(w.rows
        .iter()
        .filter_map(|r| {
            let item = r.item_id.as_ref()?;
            let there =
                now.iter().find(|n| n.item_id.as_ref() == Some(item)).map(|n| n.original.clone());
            (there.as_ref() != Some(&r.original)).then(|| RowMoved {
                row: r.row,
                item_id: item.clone(),
                plan_version: newest.summary.number,
                now: there,
            })
        })
        .collect())
}
