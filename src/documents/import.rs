//! Importing: read the file once, fingerprint it, refuse what can't be read (with the reason),
//! then store the original, its metadata, its text and its audit entry in one transaction.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::detect::{detect, image_info};
use super::email::parse_email;
use super::pdf_text::{has_words, read_pdf_text};
use super::people::{find_sender, sender_of};
use super::search::{index_details, index_page};
use super::store::{put_blob, sha256_hex};
use super::word::ConvertError;
use super::{
    clean, now_stamp, word, DocumentFormat, DocumentKind, DocumentMetadata, EmailInfo, ImageInfo,
    ImportOptions, ImportOutcome, ImportReport, ImportStatus, LinkKind, PageSource, Progress,
    ProgressStage, TextStatus,
};
use crate::audit::{self, AuditEvent};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::record::{self, CorrespondenceKind, Direction, NewCorrespondence};
use crate::vault::Vault;

/// What reading a file found, before anything is stored.
struct Analysis {
    pages: Vec<(String, PageSource)>,
    text_status: TextStatus,
    status_note: Option<String>,
    title: Option<String>,
    author: Option<String>,
    dated: Option<NaiveDate>,
    received: Option<NaiveDate>,
    image: Option<ImageInfo>,
    email: Option<EmailInfo>,
    email_body: String,
    attachments: Vec<(String, Vec<u8>)>,
    rendition: Option<Vec<u8>>,
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

fn analyse(
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

pub(crate) fn validate_metadata(vault: &Vault, meta: &DocumentMetadata) -> Result<()> {
    if let Some(child) = clean(meta.child_id.as_deref()) {
        crate::record::get_child(vault, &child)?;
    }
    if let Some(section) = clean(meta.plan_section.as_deref()) {
        validate_section(&section)?;
    }
    Ok(())
}

pub(crate) fn validate_section(section: &str) -> Result<()> {
    if section.chars().count() > 40 {
        return Err(Error::invalid(
            "A plan section is a short name such as K or F; write more in the title or tags.",
        ));
    }
    Ok(())
}

pub(crate) fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.iter().flat_map(|t| t.split(',')) {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| name.to_string())
}

fn existing(conn: &Connection, sha256: &str) -> Result<Option<(String, u32, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, pages, text_status FROM documents WHERE sha256 = ?1",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Links a document to the person it is from (audited, as Carefile made the link, not the person).
fn link_person(conn: &Connection, id: &str, person: Option<&str>) -> Result<()> {
    if let Some(person) = person {
        if add_link(conn, id, LinkKind::Person, person)? {
            audit::record(conn, &AuditEvent::linked(id, "person", person))?;
        }
    }
    Ok(())
}

pub(crate) fn add_link(conn: &Connection, id: &str, kind: LinkKind, target: &str) -> Result<bool> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO doc_links (document_id, target_kind, target_id, created)
         VALUES (?1, ?2, ?3, ?4)",
        params![id, kind.as_str(), target, now_stamp()],
    )?;
    Ok(added > 0)
}

/// The same bytes again: one document, linked again.
fn import_duplicate(
    vault: &mut Vault,
    display: &str,
    file_name: &str,
    sha256: &str,
    found: (String, u32, String),
    options: &ImportOptions,
    email_id: Option<&str>,
) -> Result<ImportOutcome> {
    let (id, pages, status) = found;
    // A person added to the record since the first import is linked now.
    let stored = super::get_document(vault, &id)?;
    let person = find_sender(vault, sender_of(stored.email.as_ref(), stored.author.as_deref()))?;
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO doc_imports (document_id, file_name, imported) VALUES (?1, ?2, ?3)",
        params![id, file_name, now_stamp()],
    )?;
    audit::record(&tx, &AuditEvent::imported_again(&id, sha256, file_name))?;
    if let Some(child) = clean(options.metadata.child_id.as_deref()) {
        if add_link(&tx, &id, LinkKind::Child, &child)? {
            audit::record(&tx, &AuditEvent::linked(&id, "child", &child))?;
        }
    }
    if let Some(email) = email_id {
        add_link(&tx, &id, LinkKind::Email, email)?;
    }
    link_person(&tx, &id, person.as_deref())?;
    tx.commit()?;
    Ok(ImportOutcome {
        file: display.to_string(),
        status: ImportStatus::Duplicate,
        id: Some(id),
        sha256: Some(sha256.to_string()),
        pages: Some(pages),
        reason: None,
        code: None,
        text_status: Some(TextStatus::parse(&status)),
        correspondence_id: None,
        person_id: person,
        attachments: Vec::new(),
    })
}

/// What the search index holds about a document beside its title.
pub(crate) struct Details<'a> {
    pub kind: DocumentKind,
    pub author: Option<&'a str>,
    pub file_name: &'a str,
    pub dated: Option<&'a str>,
    pub received: Option<&'a str>,
    pub section: Option<&'a str>,
    pub tags: &'a [String],
    pub email: Option<&'a EmailInfo>,
}

pub(crate) fn details_meta(d: &Details) -> String {
    let Details { kind, author, file_name, dated, received, section, tags, email } = *d;
    let mut parts = vec![kind.label().to_string(), file_name.to_string()];
    parts.extend(author.map(str::to_owned));
    for d in [dated, received].into_iter().flatten() {
        parts.push(d.to_string());
        if let Ok(date) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            parts.push(date.format("%-d %B %Y").to_string());
        }
    }
    if let Some(s) = section {
        parts.push(format!("Section {s}"));
    }
    parts.extend(tags.iter().cloned());
    if let Some(e) = email {
        parts.extend(e.to.iter().cloned());
        parts.extend(e.cc.iter().cloned());
    }
    parts.join("\n")
}

fn import_one(
    vault: &mut Vault,
    display: &str,
    file_name: &str,
    bytes: Arc<Vec<u8>>,
    options: &ImportOptions,
    email_id: Option<&str>,
) -> Result<ImportOutcome> {
    if bytes.len() as u64 > options.limits.max_file_bytes {
        return Err(too_big(file_name, bytes.len() as u64, options));
    }
    let sha256 = sha256_hex(&bytes);
    if let Some(found) = existing(vault.conn(), &sha256)? {
        let mut outcome =
            import_duplicate(vault, display, file_name, &sha256, found, options, email_id)?;
        // An email imported before it could be filed (or whose filing failed) is filed now; one
        // already filed is left alone, so the same .eml twice is one correspondence entry.
        if email_id.is_none()
            && detect(file_name, &bytes).map(|(f, _)| f).ok() == Some(DocumentFormat::Email)
        {
            if let (Some(id), Ok(email)) = (outcome.id.clone(), parse_email(file_name, &bytes)) {
                let filing = EmailFiling {
                    subject: email.info.subject.as_deref(),
                    from: email.info.from.as_deref(),
                    person: outcome.person_id.as_deref(),
                    sent: email.date,
                    body: &email.body,
                };
                outcome.correspondence_id = file_email(vault, &id, &filing, options)?;
            }
        }
        return Ok(outcome);
    }
    let (format, media_type) = detect(file_name, &bytes)?;
    let analysis = analyse(file_name, format, &bytes, options)?;
    let meta = &options.metadata;
    let id = new_id("doc");
    let title = clean(meta.title.as_deref())
        .or_else(|| analysis.title.clone())
        .unwrap_or_else(|| file_stem(file_name));
    let kind = meta.kind.unwrap_or(match format {
        DocumentFormat::Email => DocumentKind::Email,
        f if f.is_image() => DocumentKind::Photo,
        _ => DocumentKind::Other,
    });
    let author = clean(meta.author.as_deref()).or_else(|| analysis.author.clone());
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let dated = meta.dated.or(analysis.dated).map(iso);
    let received = meta.received.or(analysis.received).map(iso);
    let section = clean(meta.plan_section.as_deref());
    let tags = clean_tags(&meta.tags);
    let mut details = serde_json::Map::new();
    if let Some(image) = &analysis.image {
        details.insert("image".into(), serde_json::to_value(image).unwrap_or_default());
    }
    if let Some(email) = &analysis.email {
        details.insert("email".into(), serde_json::to_value(email).unwrap_or_default());
    }
    let now = now_stamp();
    let pages = analysis.pages.len() as u32;
    let person = find_sender(vault, sender_of(analysis.email.as_ref(), author.as_deref()))?;

    let tx = vault.conn_mut().transaction()?;
    put_blob(&tx, &sha256, &bytes)?;
    let rendition_sha = match &analysis.rendition {
        Some(pdf) => {
            let sha = sha256_hex(pdf);
            put_blob(&tx, &sha, pdf)?;
            Some(sha)
        }
        None => None,
    };
    let num: i64 =
        tx.query_row("SELECT COALESCE(MAX(num), 0) + 1 FROM documents", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO documents (id, num, sha256, file_name, format, media_type, size, title, kind,
             author, dated, received, plan_section, tags, pages, text_status, status_note, details,
             rendition_sha256, imported, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?20)",
        params![
            id,
            num,
            sha256,
            file_name,
            format.as_str(),
            media_type,
            bytes.len() as i64,
            title,
            kind.as_str(),
            author,
            dated,
            received,
            section,
            serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into()),
            pages,
            analysis.text_status.as_str(),
            analysis.status_note,
            serde_json::Value::Object(details).to_string(),
            rendition_sha,
            now,
        ],
    )?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO doc_pages (document_id, page, text, source, needs_ocr)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, (text, source)) in analysis.pages.iter().enumerate() {
            let page = i as u32 + 1;
            let needs_ocr = *source == PageSource::None && format != DocumentFormat::Text;
            stmt.execute(params![id, page, text, source.as_str(), needs_ocr])?;
            if !text.is_empty() {
                index_page(&tx, num, &id, page, text)?;
            }
        }
    }
    let meta_text = details_meta(&Details {
        kind,
        author: author.as_deref(),
        file_name,
        dated: dated.as_deref(),
        received: received.as_deref(),
        section: section.as_deref(),
        tags: &tags,
        email: analysis.email.as_ref(),
    });
    index_details(&tx, num, &id, &title, &meta_text)?;
    tx.execute(
        "INSERT INTO doc_imports (document_id, file_name, imported) VALUES (?1, ?2, ?3)",
        params![id, file_name, now],
    )?;
    audit::record(&tx, &AuditEvent::imported(&id, &sha256, file_name))?;
    if let Some(child) = clean(meta.child_id.as_deref()) {
        add_link(&tx, &id, LinkKind::Child, &child)?;
    }
    if let Some(email) = email_id {
        add_link(&tx, &id, LinkKind::Email, email)?;
    }
    link_person(&tx, &id, person.as_deref())?;
    tx.commit()?;
    drop(bytes);

    // Each attachment is its own document, linked to the email (and to the same child).
    let mut attachments = Vec::new();
    for (name, content) in analysis.attachments {
        let attachment_options = ImportOptions {
            metadata: DocumentMetadata {
                child_id: meta.child_id.clone(),
                received: received.as_deref().and_then(|d| d.parse().ok()),
                ..DocumentMetadata::default()
            },
            email_direction: None,
            password: None,
            limits: options.limits,
            libreoffice: options.libreoffice.clone(),
        };
        let shown = format!("{display} › {name}");
        let outcome =
            import_one(vault, &shown, &name, Arc::new(content), &attachment_options, Some(&id))
                .unwrap_or_else(|e| ImportOutcome::refused(&shown, &e));
        attachments.push(outcome);
    }
    // A top-level email becomes a correspondence entry, linked with its attachments.
    let correspondence_id = match (&analysis.email, email_id) {
        (Some(info), None) => {
            let filing = EmailFiling {
                subject: info.subject.as_deref(),
                from: info.from.as_deref(),
                person: person.as_deref(),
                sent: analysis.dated,
                body: &analysis.email_body,
            };
            file_email(vault, &id, &filing, options)?
        }
        _ => None,
    };
    Ok(ImportOutcome {
        file: display.to_string(),
        status: ImportStatus::Imported,
        id: Some(id),
        sha256: Some(sha256),
        pages: Some(pages),
        reason: None,
        code: None,
        text_status: Some(analysis.text_status),
        correspondence_id,
        person_id: person,
        attachments,
    })
}

/// What an email says about itself, for filing it as correspondence.
struct EmailFiling<'a> {
    subject: Option<&'a str>,
    from: Option<&'a str>,
    /// The person in the record it is from, when the sender matched exactly one.
    person: Option<&'a str>,
    sent: Option<NaiveDate>,
    body: &'a str,
}

/// The first few lines of an email's body, for a correspondence summary.
fn first_lines(body: &str) -> String {
    const MAX_LINES: usize = 6;
    const MAX_CHARS: usize = 600;
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('>'))
        .take(MAX_LINES)
        .collect();
    let text = lines.join("\n");
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Files an imported email in the record as a correspondence entry (kind email; incoming unless
/// the import says otherwise; dated and sent on its Date header; received on the day given, or
/// today for an incoming email) and links it with its attachments. Does nothing when the email is
/// already linked to an entry. Dates the record would refuse (a Date header in the future, a
/// receipt before sending) are left out or moved rather than losing the entry.
fn file_email(
    vault: &mut Vault,
    doc_id: &str,
    email: &EmailFiling,
    options: &ImportOptions,
) -> Result<Option<String>> {
    let filed: bool = vault.conn().query_row(
        "SELECT EXISTS(SELECT 1 FROM doc_links WHERE document_id = ?1
             AND target_kind = 'correspondence')",
        [doc_id],
        |r| r.get(0),
    )?;
    if filed {
        // Filed before its sender was in People: the entry gets the person now, unless someone was
        // already chosen for it.
        if let Some(person) = email.person {
            let entry: Option<String> = vault
                .conn()
                .query_row(
                    "SELECT target_id FROM doc_links WHERE document_id = ?1
                         AND target_kind = 'correspondence' LIMIT 1",
                    [doc_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(entry) = entry {
                if record::get_correspondence(vault, &entry)?.person_id.is_none() {
                    record::set_correspondence_person(vault, &entry, Some(person))?;
                }
            }
        }
        return Ok(None);
    }
    let today = chrono::Local::now().date_naive();
    let direction = options.email_direction.unwrap_or(Direction::Incoming);
    let sent = email.sent.filter(|d| *d <= today);
    let mut received = options.metadata.received.filter(|d| *d <= today);
    if direction == Direction::Incoming {
        received = received.or(Some(today));
    }
    if let (Some(s), Some(r)) = (sent, received) {
        received = Some(r.max(s));
    }
    // An email with no usable date at all is dated the day it was imported.
    let dated = sent.or(if received.is_none() { Some(today) } else { None });
    let subject = clean(email.subject).unwrap_or_else(|| "Email (no subject)".to_string());
    let mut summary = subject.clone();
    if let Some(from) = clean(email.from) {
        summary.push_str(&format!("\nFrom: {from}"));
    }
    let lines = first_lines(email.body);
    if !lines.is_empty() {
        summary.push_str(&format!("\n\n{lines}"));
    }
    let entry = record::add_correspondence(
        vault,
        &NewCorrespondence {
            child_id: clean(options.metadata.child_id.as_deref()),
            person_id: email.person.map(str::to_owned),
            kind: CorrespondenceKind::Email,
            direction,
            subject,
            dated,
            sent,
            received,
            channel: Some("email".into()),
            proof_of_delivery: None,
            summary,
            actions: Vec::new(),
        },
    )?;
    let tx = vault.conn_mut().transaction()?;
    let attachments: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT document_id FROM doc_links WHERE target_kind = 'email' AND target_id = ?1",
        )?;
        let rows = stmt.query_map([doc_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for doc in std::iter::once(doc_id.to_string()).chain(attachments) {
        if add_link(&tx, &doc, LinkKind::Correspondence, &entry.id)? {
            audit::record(&tx, &AuditEvent::linked(&doc, "correspondence", &entry.id))?;
        }
    }
    tx.commit()?;
    Ok(Some(entry.id))
}

fn too_big(name: &str, size: u64, options: &ImportOptions) -> Error {
    Error::UnsupportedFile(format!(
        "{name} is {} MB, larger than the {} MB Carefile imports. Split it into smaller files and \
         import those.",
        size / 1_000_000,
        options.limits.max_file_bytes / 1_000_000
    ))
}

/// Imports bytes that did not come from a file on disk (pasted or dragged content). A refusal is
/// an `Err` with the reason.
pub fn import_bytes(
    vault: &mut Vault,
    file_name: &str,
    bytes: Vec<u8>,
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    validate_metadata(vault, &options.metadata)?;
    import_one(vault, file_name, file_name, Arc::new(bytes), options, None)
}

/// Imports one file. Never fails as a whole: a file that can't be imported comes back `Refused`
/// with the reason in words.
pub fn import_file(vault: &mut Vault, path: &Path, options: &ImportOptions) -> ImportOutcome {
    let display = path.display().to_string();
    let result = (|| {
        validate_metadata(vault, &options.metadata)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| display.clone());
        let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
        if !meta.is_file() {
            return Err(Error::UnsupportedFile(format!("{display} isn't a file.")));
        }
        if meta.len() > options.limits.max_file_bytes {
            return Err(too_big(&name, meta.len(), options));
        }
        let bytes = std::fs::read(path).map_err(|e| read_error(path, e))?;
        import_one(vault, &display, &name, Arc::new(bytes), options, None)
    })();
    result.unwrap_or_else(|e| ImportOutcome::refused(&display, &e))
}

fn read_error(path: &Path, e: std::io::Error) -> Error {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "There is no file at".to_string(),
        std::io::ErrorKind::PermissionDenied => "Carefile isn't allowed to read".to_string(),
        _ => "Could not read".to_string(),
    };
    Error::io(format!("{what} {}", path.display()), e)
}

fn collect(path: &Path, depth: usize, max_depth: usize, out: &mut Vec<PathBuf>) {
    let is_dir = std::fs::symlink_metadata(path).map(|m| m.is_dir()).unwrap_or(false);
    if !is_dir {
        out.push(path.to_path_buf());
        return;
    }
    if depth >= max_depth {
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        out.push(path.to_path_buf());
        return;
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    for child in children {
        // Links to folders are not followed, so a loop of links can't trap the import.
        let link_to_dir = std::fs::symlink_metadata(&child)
            .map(|m| m.file_type().is_symlink() && child.is_dir())
            .unwrap_or(false);
        if !link_to_dir {
            collect(&child, depth + 1, max_depth, out);
        }
    }
}

/// Imports files and folders (recursively), carrying on past files that can't be imported, and
/// reports every file. `progress` hears about each file before it is read and once at the end.
pub fn import_paths(
    vault: &mut Vault,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn Fn(Progress),
) -> Result<ImportReport> {
    validate_metadata(vault, &options.metadata)?;
    progress(Progress { stage: ProgressStage::Scanning, done: 0, total: 0, item: None });
    let mut files = Vec::new();
    for p in paths {
        collect(p, 0, options.limits.max_folder_depth, &mut files);
    }
    let total = files.len() as u32;
    let mut report = ImportReport { outcomes: Vec::new(), imported: 0, duplicates: 0, refused: 0 };
    for (i, file) in files.iter().enumerate() {
        progress(Progress {
            stage: ProgressStage::Importing,
            done: i as u32,
            total,
            item: Some(file.display().to_string()),
        });
        let outcome = import_file(vault, file, options);
        match outcome.status {
            ImportStatus::Imported => report.imported += 1,
            ImportStatus::Duplicate => report.duplicates += 1,
            ImportStatus::Refused => report.refused += 1,
        }
        report.outcomes.push(outcome);
    }
    progress(Progress { stage: ProgressStage::Importing, done: total, total, item: None });
    Ok(report)
}
