//! The [`VaultLoader`]: stored documents as the engine sees them (originals, Word renditions,
//! images with their rotation, emails and text files laid out as text documents), the bytes of
//! each when the bundle is built, and the generated text documents it was handed.

use std::collections::HashMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{
    BundleDocument, DocumentLoader, DocumentRole, SourceContent, SourceFormat, TextBlock,
    TextDocument,
};
use crate::documents::{self, Document, DocumentFormat, DocumentKind, TextStatus};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Fetches originals (or Word renditions) from the vault, and hands out the extracts it wrote.
pub struct VaultLoader<'a> {
    vault: &'a Vault,
    pub(super) texts: HashMap<String, TextDocument>,
    formats: HashMap<String, (DocumentFormat, u16)>,
    /// PDFs made for this pack by another module (the working document), by id.
    pdfs: HashMap<String, Vec<u8>>,
}

impl DocumentLoader for VaultLoader<'_> {
    fn load(&self, d: &BundleDocument) -> Result<SourceContent> {
        if let Some(t) = self.texts.get(&d.id) {
            return Ok(SourceContent::Text(t.clone()));
        }
        if let Some(bytes) = self.pdfs.get(&d.id) {
            return Ok(SourceContent::Pdf(bytes.clone()));
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
        VaultLoader { vault, texts: HashMap::new(), formats: HashMap::new(), pdfs: HashMap::new() }
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
                    // The readable text starts with the same headers: shown once, as rows.
                    if let Some((_, rest)) = body.split_once("\n\n") {
                        body = rest.to_string();
                    }
                    meta.push(("From".to_string(), e.from.clone().unwrap_or_default()));
                    meta.push(("To".to_string(), e.to.join(", ")));
                    if !e.cc.is_empty() {
                        meta.push(("Cc".to_string(), e.cc.join(", ")));
                    }
                    let sent = e.sent.as_deref().map(|s| {
                        chrono::DateTime::parse_from_rfc3339(s)
                            .map(|t| t.format("%-d %b %Y %H:%M").to_string())
                            .unwrap_or_else(|_| s.to_string())
                    });
                    meta.push(("Sent".to_string(), sent.unwrap_or_default()));
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
    pub(super) fn extract(
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

    /// A PDF made for this pack (the latest working document), as a generated document.
    pub(super) fn generated_pdf(
        &mut self,
        id: &str,
        title: &str,
        dated: Option<NaiveDate>,
        bytes: Vec<u8>,
        pages: u32,
    ) -> BundleDocument {
        let b = BundleDocument {
            id: id.into(),
            title: title.into(),
            kind: DocumentKind::Other,
            role: DocumentRole::Other,
            author: Some("From the Carefile record".into()),
            dated,
            sha256: hex::encode(Sha256::digest(&bytes)),
            pages,
            has_text_layer: true,
            format: SourceFormat::Generated,
            attached_to: None,
            problem: None,
        };
        self.pdfs.insert(id.into(), bytes);
        b
    }
}
