//! The engine meets the vault, from a [`PackRequest`] to a pack: the request is turned into the
//! engine's [`Pack`] (the template's sections filled from the child's documents, record extracts
//! in their place, the cover lines), planned, and built, and every document placed in a built
//! bundle is written to the audit trail.
//!
//! Documents become [`BundleDocument`]s through the documents module's functions in `loader.rs`;
//! record extracts (chronology, views, outcomes, delivery, statutory delays, correspondence)
//! become generated text documents in `extracts.rs`.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::extracts::{extract_blocks, latest_plan};
pub use super::loader::VaultLoader;
use super::templates::template_for;
use super::{
    british, plan_bundle, AppealType, BuildProgress, BuiltBundle, BundleDocument, BundleOptions,
    BundlePlan, DocumentOrder, Pack, PackKind, SectionInput, SectionSpec, SourceFormat,
};
use crate::audit::{self, AuditEvent};
use crate::documents::{self, Document, DocumentFilter, DocumentKind};
use crate::error::Result;
use crate::record;
use crate::vault::Vault;
use crate::workdoc;

/// A section as the person arranged it: its heading and budget, and the documents in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct PackDocumentChoice {
    pub spec: SectionSpec,
    /// Document ids, in the order wanted when `order` is `as_given`.
    pub document_ids: Vec<String>,
    #[serde(default)]
    pub order: DocumentOrder,
}

/// Everything that makes a pack: saved as it is, and rebuilt from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct PackRequest {
    pub kind: Option<PackKind>,
    pub child_id: String,
    pub appeal_type: Option<AppealType>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub hearing: Option<NaiveDate>,
    pub title: Option<String>,
    /// The sections and their documents; empty means the template's, filled from the child's
    /// documents by kind.
    pub sections: Vec<PackDocumentChoice>,
    /// Annual review: the date of the last review (default: a year before today).
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub last_review: Option<NaiveDate>,
    pub parent_views: Option<String>,
    pub child_views: Option<String>,
    pub requested_changes: Option<String>,
    pub options: BundleOptions,
    /// The day the pack is judged on (default: today).
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub today: Option<NaiveDate>,
}

fn default_section_for(d: &Document, specs: &[SectionSpec]) -> Option<usize> {
    let title = d.title.to_lowercase();
    if title.contains("working document") {
        if let Some(i) =
            specs.iter().position(|s| s.title.to_lowercase().contains("working document"))
        {
            return Some(i);
        }
    }
    if d.plan_section.as_deref() == Some("K") {
        if let Some(i) = specs.iter().position(|s| s.kinds.contains(&DocumentKind::Plan)) {
            return Some(i);
        }
    }
    specs.iter().position(|s| s.kinds.contains(&d.kind) && s.extract.is_none())
}

/// Turns a request into the engine's pack, with a loader ready to build it.
/// A document chosen for a child's pack that isn't linked to the child must not be another
/// family's: linked to nothing, or to something of the child's own family.
fn not_another_familys(vault: &Vault, child_id: &str, document_id: &str) -> Result<()> {
    let linked = documents::linked_targets(vault, document_id)?;
    if linked.is_empty() {
        return Ok(());
    }
    let family = record::family_of_child(vault, child_id)?;
    let own = record::family_targets(vault.conn(), &family)?;
    if linked.iter().any(|t| own.contains(t)) {
        return Ok(());
    }
    Err(crate::error::Error::invalid(format!(
        "The document {document_id} belongs to another family, so it can't go in this child's pack."
    )))
}

pub(super) fn prepare<'a>(vault: &'a Vault, req: &PackRequest) -> Result<(Pack, VaultLoader<'a>)> {
    let kind = req.kind.unwrap_or(PackKind::Tribunal);
    let child = record::get_child(vault, &req.child_id)?;
    let today = req.today.unwrap_or_else(crate::milestones::today);
    let since = req
        .last_review
        .unwrap_or_else(|| today.checked_sub_months(Months::new(12)).unwrap_or(today));
    let template = template_for(kind, req.appeal_type);
    let mut loader = VaultLoader::new(vault);
    let all = documents::list_documents(
        vault,
        &DocumentFilter { child_id: Some(child.id.clone()), ..DocumentFilter::default() },
    )?;
    let by_id: HashMap<&str, &Document> = all.iter().map(|d| (d.id.as_str(), d)).collect();

    let choices: Vec<PackDocumentChoice> = if req.sections.is_empty() {
        let mut choices: Vec<PackDocumentChoice> = template
            .sections
            .iter()
            .map(|s| PackDocumentChoice {
                spec: s.clone(),
                document_ids: vec![],
                order: DocumentOrder::Chronological,
            })
            .collect();
        for d in &all {
            // Annual review: only reports written since the last review are "new".
            if kind == PackKind::AnnualReview && d.dated.is_some_and(|x| x < since) {
                continue;
            }
            // An attachment goes wherever its email goes.
            let target = match d.attached_to.as_deref().and_then(|p| by_id.get(p)) {
                Some(parent) => default_section_for(parent, &template.sections),
                None => default_section_for(d, &template.sections),
            };
            if let Some(i) = target {
                choices[i].document_ids.push(d.id.clone());
            }
        }
        choices
    } else {
        req.sections.clone()
    };

    let mut sections = Vec::new();
    for c in &choices {
        let mut docs = Vec::new();
        if let Some(e) = c.spec.extract {
            let blocks = extract_blocks(vault, req, e, since, today, &child)?;
            docs.push(loader.extract(
                &format!("{}-{:?}", c.spec.letter, e).to_lowercase(),
                &c.spec.title,
                today,
                blocks,
            ));
        }
        // The latest working document goes into its section by itself (PD 2025: 25 pages),
        // unless the person chose what goes there.
        if kind == PackKind::Tribunal
            && c.document_ids.is_empty()
            && c.spec.extract.is_none()
            && c.spec.title.to_lowercase().contains("working document")
        {
            if let Some(w) = workdoc::latest_for_child(vault, &child.id)? {
                let pdf = workdoc::export_pdf(vault, &w.id, None)?;
                let dated = NaiveDate::parse_from_str(&w.version.dated, "%Y-%m-%d").ok();
                docs.push(loader.generated_pdf(
                    &format!("workdoc:{}:{}", w.id, w.version.number),
                    &format!("Working document, version {}", w.version.number),
                    dated,
                    pdf.bytes,
                    pdf.pages,
                ));
            }
        }
        for id in &c.document_ids {
            let d = match by_id.get(id.as_str()) {
                Some(d) => (*d).clone(),
                None => {
                    not_another_familys(vault, &child.id, id)?;
                    documents::get_document(vault, id)?
                }
            };
            docs.push(loader.document(&d)?);
        }
        sections.push(SectionInput {
            spec: c.spec.clone(),
            documents: docs,
            order: c.order,
            late: false,
        });
    }

    let mut cover = vec![
        ("Child".to_string(), child.name.clone()),
        ("Date of birth".to_string(), british(child.dob)),
    ];
    if let Some(la) = &child.local_authority {
        cover.push(("Local authority".into(), la.clone()));
    }
    if let Some(s) = &child.setting {
        cover.push(("Setting".into(), s.clone()));
    }
    match kind {
        PackKind::Tribunal => {
            if let Some(a) = template.appeal_type {
                cover.push(("Appeal".into(), a.label().into()));
            }
            if let Some(h) = req.hearing {
                cover.push(("Hearing date".into(), british(h)));
            }
        }
        PackKind::AnnualReview => {
            if let Some(p) = latest_plan(vault, &child.id)? {
                if let Some(date) = p.amended.or(p.issued) {
                    cover.push(("Plan date".into(), british(date)));
                    // SEND Regs 2014 reg 18: the plan is reviewed at least every 12 months.
                    if let Some(due) = date.checked_add_months(Months::new(12)) {
                        cover.push(("Review due".into(), british(due)));
                    }
                }
            }
            cover.push(("Last review".into(), british(since)));
        }
        _ => {}
    }
    let pack = Pack {
        kind,
        title: req.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or(template.title),
        subtitle: Some(child.name.clone()),
        cover_lines: cover,
        appeal_type: template.appeal_type,
        hearing: req.hearing,
        today,
        sections,
    };
    Ok((pack, loader))
}

/// The child's documents as the engine sees them, for choosing what goes in a pack.
pub fn pack_documents(vault: &Vault, child_id: &str) -> Result<Vec<BundleDocument>> {
    record::get_child(vault, child_id)?;
    let mut loader = VaultLoader::new(vault);
    let all = documents::list_documents(
        vault,
        &DocumentFilter { child_id: Some(child_id.into()), ..DocumentFilter::default() },
    )?;
    all.iter().map(|d| loader.document(d)).collect()
}

/// The live plan for a request.
pub fn plan_pack(vault: &Vault, req: &PackRequest) -> Result<BundlePlan> {
    let (pack, _) = prepare(vault, req)?;
    Ok(plan_bundle(&pack, &req.options))
}

/// Builds the pack, and records in the audit trail every document placed in it.
pub fn build_pack(
    vault: &Vault,
    req: &PackRequest,
    progress: &mut dyn FnMut(BuildProgress),
) -> Result<BuiltBundle> {
    // The same build as the preview; only the audit trail below makes it a bundle that was made.
    let built = super::preview_pack(vault, req, progress)?;
    let label = format!(
        "{} ({})",
        built.plan.title,
        &built.plan.fingerprint[..16.min(built.plan.fingerprint.len())]
    );
    for s in &built.plan.sections {
        for d in &s.documents {
            if d.document.format != SourceFormat::Generated {
                audit::record(
                    vault.conn(),
                    &AuditEvent::included_in_bundle(&d.document.id, &d.document.sha256, &label),
                )?;
            }
        }
    }
    Ok(built)
}
