//! Reading a file before anything is stored: its pages of text and where each came from, and what
//! the file says about itself (an email's headers, body and attachments, an image's size and
//! orientation, a Word document's PDF rendition). Nothing here touches the vault.

use std::sync::Arc;

use chrono::NaiveDate;

use super::detect::image_info;
use super::email::parse_email;
use super::pdf_text::{has_words, read_pdf_text};
use super::word::ConvertError;
use super::{word, DocumentFormat, EmailInfo, ImageInfo, ImportOptions, PageSource, TextStatus};
use crate::error::Result;

/// What reading a file found, before anything is stored.
pub(super) struct Analysis {
    pub(super) pages: Vec<(String, PageSource)>,
    pub(super) text_status: TextStatus,
    pub(super) status_note: Option<String>,
    pub(super) title: Option<String>,
    pub(super) author: Option<String>,
    pub(super) dated: Option<NaiveDate>,
    pub(super) received: Option<NaiveDate>,
    pub(super) image: Option<ImageInfo>,
    pub(super) email: Option<EmailInfo>,
    pub(super) email_body: String,
    pub(super) attachments: Vec<(String, Vec<u8>)>,
    pub(super) rendition: Option<Vec<u8>>,
}

impl Analysis {
    fn new(pages: Vec<(String, PageSource)>) -> Self {
        let text_status = status_of(&pages);
        let missing = pages.iter().filter(|(_, s)| *s == PageSource::None).count();
        let status_note = (missing > 0).then(|| {
            format!(
                "{missing} of {} page(s) have no text layer (scans or photos). {}",
                pages.len(),
                if super::ocr_available() {
                    "Carefile will read them with OCR so they can be searched."
                } else {
                    "Install Tesseract OCR to make them searchable."
                }
            )
        });
        Analysis {
            pages,
            text_status,
            status_note,
            title: None,
            author: None,
            dated: None,
            received: None,
            image: None,
            email: None,
            email_body: String::new(),
            attachments: Vec::new(),
            rendition: None,
        }
    }
}

fn status_of(pages: &[(String, PageSource)]) -> TextStatus {
    if pages.iter().any(|(_, s)| *s == PageSource::None) {
        TextStatus::NeedsOcr
    } else {
        TextStatus::Readable
    }
}

fn pdf_pages(text: super::pdf_text::PdfText) -> Vec<(String, PageSource)> {
    text.pages
        .into_iter()
        .map(
            |t| {
                if has_words(&t) {
                    (t, PageSource::Layer)
                } else {
                    (String::new(), PageSource::None)
                }
            },
        )
        .collect()
}

pub(super) fn analyse(
    name: &str,
    format: DocumentFormat,
    bytes: &Arc<Vec<u8>>,
    options: &ImportOptions,
) -> Result<Analysis> {
    match format {
        DocumentFormat::Pdf => {
            let text =
                read_pdf_text(name, Arc::clone(bytes), options.password.as_ref(), &options.limits)?;
            Ok(Analysis::new(pdf_pages(text)))
        }
        DocumentFormat::Jpeg | DocumentFormat::Png | DocumentFormat::Tiff => {
            // Refused from its header when it claims more pixels than anything should decode.
            super::detect::header(format, bytes).check_pixels(name)?;
            let mut a = Analysis::new(vec![(String::new(), PageSource::None)]);
            a.image = Some(image_info(format, bytes));
            Ok(a)
        }
        DocumentFormat::Email => {
            let email = parse_email(name, bytes)?;
            let mut a = Analysis::new(vec![(email.text, PageSource::Email)]);
            a.title = email.info.subject.clone();
            a.author = email.info.from.clone();
            a.dated = email.date;
            a.received = email.date;
            a.email = Some(email.info);
            a.email_body = email.body;
            a.attachments = email.attachments;
            Ok(a)
        }
        DocumentFormat::Text => {
            let text = String::from_utf8_lossy(bytes).trim().to_string();
            let source = if has_words(&text) { PageSource::Text } else { PageSource::None };
            let mut a = Analysis::new(vec![(text, source)]);
            if source == PageSource::None {
                a.text_status = TextStatus::NoTextFound;
                a.status_note = Some("This file has no words in it.".into());
            }
            Ok(a)
        }
        DocumentFormat::Word => {
            let program = options.libreoffice.as_deref();
            match word::convert_to_pdf(name, bytes, program, options.limits.convert_timeout) {
                Ok(pdf) => {
                    let pdf = Arc::new(pdf);
                    let text = read_pdf_text(name, Arc::clone(&pdf), None, &options.limits)?;
                    let mut a = Analysis::new(pdf_pages(text));
                    // The parser's thread may still hold its copy for a moment: then clone,
                    // rather than lose the rendition.
                    a.rendition = Some(Arc::try_unwrap(pdf).unwrap_or_else(|pdf| (*pdf).clone()));
                    Ok(a)
                }
                Err(ConvertError::NotInstalled(note)) => {
                    let mut a = Analysis::new(Vec::new());
                    a.text_status = TextStatus::NeedsLibreoffice;
                    a.status_note = Some(note);
                    Ok(a)
                }
                // LibreOffice is there but could not do it: the original is still kept.
                Err(ConvertError::Failed(note)) => {
                    let mut a = Analysis::new(Vec::new());
                    a.text_status = TextStatus::Unreadable;
                    a.status_note = Some(note);
                    Ok(a)
                }
            }
        }
    }
}
