//! The engine meets the vault: documents become [`BundleDocument`]s through the documents module's
//! functions, record extracts (chronology, views, outcomes, delivery, statutory delays,
//! correspondence) become generated text documents, packs are saved as the request that rebuilds
//! them (`bundle_packs`, this module's only table), and every document placed in a built bundle is
//! written to the audit trail.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::templates::{template_for, Extract};
use super::{
    british, build_bundle, plan_bundle, AppealType, BuildProgress, BuiltBundle, BundleDocument,
    BundleOptions, BundlePlan, DocumentLoader, DocumentOrder, DocumentRole, Pack, PackKind,
    SectionInput, SectionSpec, SourceContent, SourceFormat, TextBlock, TextDocument,
};
use crate::audit::{self, AuditEvent};
use crate::documents::{self, Document, DocumentFilter, DocumentFormat, DocumentKind, TextStatus};
use crate::error::{Error, Result};
use crate::record;
use crate::vault::Vault;

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

/// Fetches originals (or Word renditions) from the vault, and hands out the extracts it wrote.
pub struct VaultLoader<'a> {
    vault: &'a Vault,
    pub(super) texts: HashMap<String, TextDocument>,
    formats: HashMap<String, (DocumentFormat, u16)>,
}

impl DocumentLoader for VaultLoader<'_> {
    fn load(&self, d: &BundleDocument) -> Result<SourceContent> {
        if let Some(t) = self.texts.get(&d.id) {
            return Ok(SourceContent::Text(t.clone()));
        }
        let (format, rotate) = self.formats.get(&d.id).copied().unwrap_or((DocumentFormat::Pdf, 0));
        Ok(match format {
            DocumentFormat::Word => match documents::read_rendition(self.vault, &d.id)? {
                Some(r) => SourceContent::Pdf(r.bytes),
                None => {
                    return Err(Error::UnsupportedFile(
                        "LibreOffice is needed to turn it into PDF".into(),
                    ))
                }
            },
            DocumentFormat::Jpeg => SourceContent::Jpeg {
                bytes: documents::read_original(self.vault, &d.id)?.bytes,
                rotate_degrees: rotate,
            },
            DocumentFormat::Png => SourceContent::Png {
                bytes: documents::read_original(self.vault, &d.id)?.bytes,
                rotate_degrees: rotate,
            },
            _ => SourceContent::Pdf(documents::read_original(self.vault, &d.id)?.bytes),
        })
    }
}

fn role_of(d: &Document) -> DocumentRole {
    let words = format!("{} {}", d.title, d.tags.join(" ")).to_lowercase();
    if words.contains("witness statement")
        || d.tags.iter().any(|t| t.eq_ignore_ascii_case("witness"))
    {
        DocumentRole::WitnessStatement
    } else if d.kind == DocumentKind::Report {
        DocumentRole::ExpertReport
    } else {
        DocumentRole::Other
    }
}

fn text_sha(t: &TextDocument) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(t).unwrap_or_default()))
}

impl<'a> VaultLoader<'a> {
    pub(super) fn new(vault: &'a Vault) -> Self {
        VaultLoader { vault, texts: HashMap::new(), formats: HashMap::new() }
    }

    /// The engine's view of a stored document.
    pub(super) fn document(&mut self, d: &Document) -> Result<BundleDocument> {
        let mut b = BundleDocument {
            id: d.id.clone(),
            title: d.title.clone(),
            kind: d.kind,
            role: role_of(d),
            author: d.author.clone(),
            dated: d.dated,
            sha256: d.sha256.clone(),
            pages: d.pages,
            has_text_layer: d.text_status == TextStatus::Readable,
            format: SourceFormat::Pdf,
            attached_to: d.attached_to.clone(),
            problem: None,
        };
        let rotate = d.image.map(|i| i.rotate_degrees).unwrap_or(0);
        self.formats.insert(d.id.clone(), (d.format, rotate));
        match d.format {
            DocumentFormat::Pdf => {}
            DocumentFormat::Jpeg | DocumentFormat::Png => {
                b.format = SourceFormat::Image;
                b.pages = 1;
            }
            DocumentFormat::Tiff => {
                b.format = SourceFormat::Image;
                b.problem = Some("TIFF images can't go into a bundle yet; save it as a PDF or JPEG and import that".into());
            }
            DocumentFormat::Word if !d.has_rendition => {
                b.problem = Some("it is a Word document and LibreOffice is needed to turn it into PDF; install LibreOffice, or save it as PDF from Word and import that".into());
            }
            DocumentFormat::Word => {}
            DocumentFormat::Email | DocumentFormat::Text => {
                let mut body = String::new();
                for p in 1..=d.pages.max(1) {
                    if let Ok(t) = documents::page_text(self.vault, &d.id, p) {
                        if !body.is_empty() {
                            body.push_str("\n\n");
                        }
                        body.push_str(&t);
                    }
                }
                let mut meta = Vec::new();
                if let Some(e) = &d.email {
                    meta.push(("From".to_string(), e.from.clone().unwrap_or_default()));
                    meta.push(("To".to_string(), e.to.join(", ")));
                    if !e.cc.is_empty() {
                        meta.push(("Cc".to_string(), e.cc.join(", ")));
                    }
                    meta.push(("Sent".to_string(), e.sent.clone().unwrap_or_default()));
                    meta.push(("Subject".to_string(), e.subject.clone().unwrap_or_default()));
                    if e.attachment_count > 0 {
                        meta.push((
                            "Attachments".to_string(),
                            format!("{} (they follow this email)", e.attachment_count),
                        ));
                    }
                }
                let t = TextDocument {
                    title: d.title.clone(),
                    meta,
                    blocks: vec![TextBlock::Paragraph(body)],
                };
                b.format = SourceFormat::Text;
                b.has_text_layer = true;
                b.pages = super::text_document_pages(&t);
                self.texts.insert(d.id.clone(), t);
            }
        }
        Ok(b)
    }

    /// A record extract as a generated document.
    fn extract(
        &mut self,
        key: &str,
        title: &str,
        today: NaiveDate,
        blocks: Vec<TextBlock>,
    ) -> BundleDocument {
        let t = TextDocument { title: title.into(), meta: vec![], blocks };
        let id = format!("extract:{key}");
        let b = BundleDocument {
            id: id.clone(),
            title: title.into(),
            kind: DocumentKind::Other,
            role: DocumentRole::Other,
            author: Some("From the Carefile record".into()),
            dated: Some(today),
            sha256: text_sha(&t),
            pages: super::text_document_pages(&t),
            has_text_layer: true,
            format: SourceFormat::Generated,
            attached_to: None,
            problem: None,
        };
        self.texts.insert(id, t);
        b
    }
}

fn latest_plan(vault: &Vault, child_id: &str) -> Result<Option<record::Plan>> {
    let plans = record::list_plans(vault, Some(child_id))?;
    Ok(plans.into_iter().max_by_key(|p| p.amended.or(p.issued)))
}

fn or_placeholder(text: Option<&str>, none: &str) -> Vec<TextBlock> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => vec![TextBlock::Paragraph(t.to_string())],
        None => vec![TextBlock::Paragraph(none.to_string())],
    }
}

fn extract_blocks(
    vault: &Vault,
    req: &PackRequest,
    e: Extract,
    since: NaiveDate,
    today: NaiveDate,
    child: &record::Child,
) -> Result<Vec<TextBlock>> {
    Ok(match e {
        Extract::ChronologySinceReview => {
            let entries = record::chronology(
                vault,
                &record::ChronologyFilter {
                    child_id: Some(child.id.clone()),
                    kinds: vec![],
                    from: Some(since),
                    to: Some(today),
                },
            )?;
            let mut blocks = vec![TextBlock::Paragraph(format!(
                "From {} to {}.",
                british(since),
                british(today)
            ))];
            blocks.push(TextBlock::Rows(
                entries
                    .iter()
                    .map(|c| {
                        (
                            british(c.date),
                            format!(
                                "{}: {}{}",
                                c.kind.label(),
                                c.title,
                                if c.detail.is_empty() {
                                    String::new()
                                } else {
                                    format!(" \u{2014} {}", c.detail)
                                }
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::ParentViews => or_placeholder(req.parent_views.as_deref(), "Not written yet."),
        Extract::ChildViews => {
            match req.child_views.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => vec![TextBlock::Paragraph(t.into())],
                None => vec![
                    TextBlock::Heading("What people like and admire about me".into()),
                    TextBlock::Paragraph(child.about_me.likes.clone()),
                    TextBlock::Heading("What is important to me".into()),
                    TextBlock::Paragraph(child.about_me.matters.clone()),
                    TextBlock::Heading("How best to support me".into()),
                    TextBlock::Paragraph(child.about_me.support.clone()),
                ],
            }
        }
        Extract::RequestedChanges => {
            or_placeholder(req.requested_changes.as_deref(), "No changes requested yet.")
        }
        Extract::OutcomeProgress => {
            let Some(plan) = latest_plan(vault, &child.id)? else {
                return Ok(vec![TextBlock::Paragraph("No plan is recorded yet.".into())]);
            };
            let version = record::get_version(vault, &plan.id, None)?;
            let notes = record::list_progress_notes(vault, &plan.id, None)?;
            let mut blocks = Vec::new();
            for o in &version.outcomes {
                blocks.push(TextBlock::Heading(o.text.clone()));
                let rows: Vec<(String, String)> = notes
                    .iter()
                    .filter(|n| n.outcome_id == o.id && n.dated >= since)
                    .map(|n| (british(n.dated), n.note.clone()))
                    .collect();
                if rows.is_empty() {
                    blocks.push(TextBlock::Paragraph(
                        "No progress recorded since the last review.".into(),
                    ));
                } else {
                    blocks.push(TextBlock::Rows(rows));
                }
            }
            if blocks.is_empty() {
                blocks.push(TextBlock::Paragraph("The plan has no outcomes recorded.".into()));
            }
            blocks
        }
        Extract::ProvisionDelivered => {
            let Some(plan) = latest_plan(vault, &child.id)? else {
                return Ok(vec![TextBlock::Paragraph("No plan is recorded yet.".into())]);
            };
            let summary = record::delivery_summary(vault, &plan.id, since, today)?;
            let mut blocks = vec![TextBlock::Paragraph(format!(
                "Sessions logged from {} to {}, against what the plan sets out.",
                british(since),
                british(today)
            ))];
            blocks.push(TextBlock::Rows(
                summary
                    .iter()
                    .map(|s| {
                        (
                            format!("Section {:?}", s.section),
                            format!(
                                "{}: {} ({} missed, {} cancelled)",
                                s.what, s.headline, s.missed, s.cancelled
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::StatutoryDelays => {
            let a = crate::milestones::accountability(vault, &child.id, today)?;
            let mut blocks = vec![TextBlock::Paragraph(a.headline.clone())];
            blocks.push(TextBlock::Rows(
                a.steps
                    .iter()
                    .map(|s| {
                        (
                            british(s.due),
                            format!(
                                "{} \u{2014} {} (after {} on {})",
                                s.title,
                                s.outcome_words,
                                s.trigger_label,
                                british(s.trigger_date)
                            ),
                        )
                    })
                    .collect(),
            ));
            blocks
        }
        Extract::CorrespondenceIndex => {
            let log = record::list_correspondence(vault, Some(&child.id))?;
            vec![TextBlock::Rows(
                log.iter()
                    .map(|c| (british(c.date), format!("{} \u{2014} {}", c.subject, c.summary)))
                    .collect(),
            )]
        }
    })
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
        for id in &c.document_ids {
            let d = match by_id.get(id.as_str()) {
                Some(d) => (*d).clone(),
                None => documents::get_document(vault, id)?,
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
    let (pack, loader) = prepare(vault, req)?;
    let plan = plan_bundle(&pack, &req.options);
    let built = build_bundle(&plan, &loader, progress)?;
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
