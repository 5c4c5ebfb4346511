//! Section K of a plan: the advice and information gathered during the assessment, which the LA
//! must list and attach (SEND Regs 2014 reg 12(1)(k); CoP 9.62). The reports themselves are
//! documents; this module only says which of them are a plan's Section K advice. It sits above
//! both the record (plans) and the documents and asks each through its public functions, so
//! neither reaches up into the other.
//!
//! A document is a plan's advice when it is linked to the plan and filed under section K. This
//! module works through `crate::documents`' public functions and never reads or writes the
//! documents' tables, so every change lands in the documents' audit trail.

use crate::documents::{self, Document, LinkKind, MetadataChange};
use crate::error::{Error, Result};
use crate::vault::Vault;

use crate::record::get_plan;

/// Whether a document is filed under section K ("K" or "Section K", in any case).
fn is_section_k(doc: &Document) -> bool {
    let Some(section) = doc.plan_section.as_deref() else {
        return false;
    };
    let section = section.trim().to_ascii_lowercase();
    section.strip_prefix("section").unwrap_or(&section).trim() == "k"
}

/// The plan's Section K advice: oldest date on the document first, undated ones last.
pub fn list_advice(vault: &Vault, plan_id: &str) -> Result<Vec<Document>> {
    get_plan(vault, plan_id)?;
    let mut docs: Vec<Document> = documents::linked_documents(vault, LinkKind::Plan, plan_id)?
        .into_iter()
        .filter(is_section_k)
        .collect();
    docs.sort_by(|a, b| {
        (a.dated.is_none(), a.dated, a.title.to_lowercase()).cmp(&(
            b.dated.is_none(),
            b.dated,
            b.title.to_lowercase(),
        ))
    });
    Ok(docs)
}

/// Lists one of the child's documents as advice in the plan's Section K: files it under section
/// K and links it to the plan. Returns the plan's advice afterwards.
pub fn link_advice(vault: &mut Vault, plan_id: &str, document_id: &str) -> Result<Vec<Document>> {
    let plan = get_plan(vault, plan_id)?;
    let doc = documents::get_document(vault, document_id.trim())?;
    if !doc.child_ids.contains(&plan.child_id) {
        let child = crate::record::get_child(vault, &plan.child_id)?;
        return Err(Error::invalid(format!(
            "\"{}\" isn't filed under {}. Link it to them under Documents first, then add it here.",
            doc.title,
            child.preferred_name.unwrap_or(child.name)
        )));
    }
    if !is_section_k(&doc) {
        let change = MetadataChange { plan_section: Some("K".into()), ..Default::default() };
        documents::update_metadata(vault, &doc.id, &change)?;
    }
    documents::link_document(vault, &doc.id, LinkKind::Plan, plan_id)?;
    list_advice(vault, plan_id)
}

/// Takes a document out of the plan's Section K: its link to the plan goes (audited), and it is
/// no longer filed under section K unless another of the child's plans still lists it as advice.
/// The document itself stays. Returns the plan's advice afterwards.
pub fn unlink_advice(vault: &mut Vault, plan_id: &str, document_id: &str) -> Result<Vec<Document>> {
    let document_id = document_id.trim();
    if !list_advice(vault, plan_id)?.iter().any(|d| d.id == document_id) {
        documents::get_document(vault, document_id)?;
        return Err(Error::NotFound(format!(
            "The document {document_id} isn't listed as advice in this plan's Section K, so there \
             is nothing to take out."
        )));
    }
    documents::unlink_document(vault, document_id, LinkKind::Plan, plan_id)?;
    let plan = get_plan(vault, plan_id)?;
    let mut elsewhere = false;
    for other in crate::record::list_plans(vault, Some(&plan.child_id))? {
        if other.id != plan_id
            && documents::linked_documents(vault, LinkKind::Plan, &other.id)?
                .iter()
                .any(|d| d.id == document_id)
        {
            elsewhere = true;
            break;
        }
    }
    if !elsewhere {
        let change = MetadataChange { plan_section: Some(String::new()), ..Default::default() };
        documents::update_metadata(vault, document_id, &change)?;
    }
    list_advice(vault, plan_id)
}
