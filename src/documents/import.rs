//! Importing: read the file once, fingerprint it, refuse what can't be read (with the reason),
//! then store the original, its metadata, its text and its audit entry in one transaction. An
//! email's attachments and its contact-log entry join the same transaction (`Vault::all_or_nothing`).
//!
//! Reading the file is `analysis.rs`; the same bytes imported again are `duplicate.rs`; a
//! top-level email is filed as correspondence by `filing.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::params;

use super::analysis::analyse;
use super::detect::detect;
use super::duplicate::{existing, import_duplicate};
use super::email::parse_email;
use super::filing::{file_email, EmailFiling};
use super::links::{add_link, link_person};
use super::metadata::{clean_tags, details_meta, validate_metadata, Details};
use super::people::{find_sender, sender_of};
use super::search::{index_details, index_page};
use super::store::{put_blob, sha256_hex};
use super::{
    clean, now_stamp, DocumentFormat, DocumentKind, DocumentMetadata, ImportOptions, ImportOutcome,
    ImportReport, ImportStatus, LinkKind, PageSource, Progress, ProgressStage,
};
use crate::audit::{self, AuditEvent};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| name.to_string())
}

/// What one email (with the emails attached inside it) may still give: hostile mail nested
/// thousands deep or with thousands of parts is imported within these bounds, never without end.
struct EmailBudget {
    parts_left: u32,
    bytes_left: u64,
}

impl EmailBudget {
    fn new(options: &ImportOptions) -> Self {
        EmailBudget {
            parts_left: options.limits.max_email_parts,
            bytes_left: options.limits.max_email_bytes,
        }
    }

    /// Take one attachment at `depth` (1 = attached to the email imported), or say why not.
    fn take(&mut self, depth: u32, size: usize, options: &ImportOptions) -> Option<Error> {
        let limits = &options.limits;
        let why = if depth > limits.max_email_depth {
            format!(
                "it is inside more than {} emails attached to each other",
                limits.max_email_depth
            )
        } else if self.parts_left == 0 {
            format!("the email has more than {} attachments in all", limits.max_email_parts)
        } else if (size as u64) > self.bytes_left {
            format!(
                "the email's attachments come to more than {} MB in all",
                limits.max_email_bytes / 1_000_000
            )
        } else {
            self.parts_left -= 1;
            self.bytes_left -= size as u64;
            return None;
        };
        Some(Error::UnsupportedFile(format!(
            "Not imported on its own because {why}; it is kept inside the email it came in."
        )))
    }
}

#[allow(clippy::too_many_arguments)]
fn import_one(
    vault: &mut Vault,
    display: &str,
    file_name: &str,
    bytes: Arc<Vec<u8>>,
    options: &ImportOptions,
    email_id: Option<&str>,
    depth: u32,
    budget: &mut EmailBudget,
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

    let tx = vault.conn_mut().savepoint()?;
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
        if let Some(e) = budget.take(depth + 1, content.len(), options) {
            attachments.push(ImportOutcome::refused(&shown, &e));
            continue;
        }
        let outcome = import_one(
            vault,
            &shown,
            &name,
            Arc::new(content),
            &attachment_options,
            Some(&id),
            depth + 1,
            budget,
        )
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
    let bytes = Arc::new(bytes);
    let mut budget = EmailBudget::new(options);
    vault.all_or_nothing(|v| {
        import_one(v, file_name, file_name, bytes, options, None, 0, &mut budget)
    })
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
        let bytes = Arc::new(std::fs::read(path).map_err(|e| read_error(path, e))?);
        // An email, its attachments, its contact-log entry and their links: one commit, so a kill
        // leaves all of it or none, and importing again never makes a second entry.
        let mut budget = EmailBudget::new(options);
        vault.all_or_nothing(|v| {
            import_one(v, &display, &name, bytes, options, None, 0, &mut budget)
        })
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
