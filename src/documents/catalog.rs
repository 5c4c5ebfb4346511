//! Reading the catalogue (list, show, pages, text), getting originals back out byte for byte,
//! and changing metadata, every change audited.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::links::add_link;
use super::metadata::{clean_tags, details_meta, validate_section, Details};
use super::search::{filter_sql, index_details};
use super::store::{copy_blob, read_blob};
use super::{
    clean, now_stamp, Document, DocumentFilter, DocumentFormat, DocumentKind, EmailInfo,
    ExportReceipt, ImageInfo, LinkKind, MetadataChange, Original, PageInfo, PageSource, TextStatus,
};
use crate::audit::{self, AuditEntry, AuditEvent};
use crate::error::{Error, Result};
use crate::vault::Vault;

const COLUMNS: &str = "d.id, d.sha256, d.file_name, d.format, d.media_type, d.size, d.title, \
     d.kind, d.author, d.dated, d.received, d.plan_section, d.tags, d.pages, d.text_status, \
     d.status_note, d.details, d.rendition_sha256 IS NOT NULL, d.imported, d.updated, \
     (SELECT json_group_array(target_id) FROM doc_links l \
        WHERE l.document_id = d.id AND l.target_kind = 'child'), \
     (SELECT min(target_id) FROM doc_links l \
        WHERE l.document_id = d.id AND l.target_kind = 'email'), \
     (SELECT json_group_array(document_id) FROM doc_links l \
        WHERE l.target_kind = 'email' AND l.target_id = d.id), \
     (SELECT json_group_array(target_id) FROM doc_links l \
        WHERE l.document_id = d.id AND l.target_kind = 'person')";

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn json_list(text: Option<String>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

fn from_row(r: &Row) -> rusqlite::Result<Document> {
    let details: serde_json::Value =
        serde_json::from_str(&r.get::<_, String>(16)?).unwrap_or_default();
    let kind: String = r.get(7)?;
    let format: String = r.get(3)?;
    let status: String = r.get(14)?;
    Ok(Document {
        id: r.get(0)?,
        sha256: r.get(1)?,
        file_name: r.get(2)?,
        format: DocumentFormat::parse(&format),
        media_type: r.get(4)?,
        size: r.get::<_, i64>(5)?.max(0) as u64,
        title: r.get(6)?,
        kind: DocumentKind::parse(&kind).unwrap_or(DocumentKind::Other),
        author: r.get(8)?,
        dated: date(r.get(9)?),
        received: date(r.get(10)?),
        plan_section: r.get(11)?,
        tags: json_list(r.get(12)?),
        child_ids: json_list(r.get(20)?),
        person_ids: json_list(r.get(23)?),
        pages: r.get(13)?,
        text_status: TextStatus::parse(&status),
        status_note: r.get(15)?,
        has_rendition: r.get(17)?,
        image: details
            .get("image")
            .and_then(|v| serde_json::from_value::<ImageInfo>(v.clone()).ok()),
        email: details
            .get("email")
            .and_then(|v| serde_json::from_value::<EmailInfo>(v.clone()).ok()),
        attached_to: r.get(21)?,
        attachment_ids: json_list(r.get(22)?),
        imported: r.get(18)?,
        updated: r.get(19)?,
    })
}

pub(crate) fn unknown_document(id: &str) -> Error {
    Error::NotFound(format!(
        "There is no document with the id {id} in this vault. Check the id with `carefile doc list`."
    ))
}

/// One document's metadata.
pub fn get_document(vault: &Vault, id: &str) -> Result<Document> {
    vault
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM documents d WHERE d.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| unknown_document(id))
}

/// Documents matching `filter`, newest (by date on the document, else received, else imported)
/// first.
pub fn list_documents(vault: &Vault, filter: &DocumentFilter) -> Result<Vec<Document>> {
    let (filters, args) = filter_sql(vault.conn(), filter, 1)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM documents d WHERE 1 = 1 {filters}
         ORDER BY COALESCE(d.dated, d.received, substr(d.imported, 1, 10)) DESC, d.num DESC"
    );
    let mut stmt = vault.conn().prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every page with where its text came from and whether it still needs OCR.
pub fn document_pages(vault: &Vault, id: &str) -> Result<Vec<PageInfo>> {
    get_document(vault, id)?;
    let mut stmt = vault.conn().prepare(
        "SELECT page, source, needs_ocr, length(text) FROM doc_pages WHERE document_id = ?1
         ORDER BY page",
    )?;
    let rows = stmt.query_map([id], |r| {
        let source: String = r.get(1)?;
        let chars: i64 = r.get(3)?;
        Ok(PageInfo {
            page: r.get(0)?,
            source: PageSource::parse(&source),
            has_text: chars > 0,
            needs_ocr: r.get(2)?,
            chars: chars.clamp(0, u32::MAX as i64) as u32,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The text of one page (from its text layer, OCR, or the email body).
pub fn page_text(vault: &Vault, id: &str, page: u32) -> Result<String> {
    vault
        .conn()
        .query_row(
            "SELECT text FROM doc_pages WHERE document_id = ?1 AND page = ?2",
            params![id, page],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| match get_document(vault, id) {
            Err(e) => e,
            Ok(d) => Error::NotFound(format!(
                "\"{}\" has {} page(s); there is no page {page}.",
                d.title, d.pages
            )),
        })
}

/// The exact bytes of the original, checked against its fingerprint.
pub fn read_original(vault: &Vault, id: &str) -> Result<Original> {
    let d = get_document(vault, id)?;
    let bytes = read_blob(vault.conn(), &d.sha256)?;
    Ok(Original { file_name: d.file_name, media_type: d.media_type, sha256: d.sha256, bytes })
}

/// The PDF rendition of a Word document, when LibreOffice made one.
pub fn read_rendition(vault: &Vault, id: &str) -> Result<Option<Original>> {
    let d = get_document(vault, id)?;
    let sha: Option<String> = vault.conn().query_row(
        "SELECT rendition_sha256 FROM documents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let Some(sha) = sha else { return Ok(None) };
    let bytes = read_blob(vault.conn(), &sha)?;
    let stem = Path::new(&d.file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| d.title.clone());
    Ok(Some(Original {
        file_name: format!("{stem}.pdf"),
        media_type: "application/pdf".into(),
        sha256: sha,
        bytes,
    }))
}

/// Streams the original into `out` (for a bundle or a system viewer), checking its fingerprint.
/// Not audited by itself: the caller records what it did with it (such as `included_in_bundle`).
pub fn write_original(vault: &Vault, id: &str, out: &mut dyn Write) -> Result<String> {
    let d = get_document(vault, id)?;
    copy_blob(vault.conn(), &d.sha256, out)?;
    Ok(d.sha256)
}

/// Writes the original, byte for byte, to a new file at `out` (never over an existing file), and
/// records the export in the audit trail.
pub fn export_document(vault: &Vault, id: &str, out: &Path) -> Result<ExportReceipt> {
    let d = get_document(vault, id)?;
    if out.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose another file name. Nothing was written.",
            out.display()
        )));
    }
    // Written under a temporary name and renamed when whole: a kill never leaves half a document.
    let mut file = crate::safety::AtomicFile::create(out)?;
    let written = {
        let mut buffered = std::io::BufWriter::new(&mut file);
        let n = copy_blob(vault.conn(), &d.sha256, &mut buffered)?;
        buffered.flush().map_err(|e| Error::io(format!("Could not write {}", out.display()), e))?;
        n
    };
    file.commit(crate::safety::Existing::Refuse)?;
    audit::record(vault.conn(), &AuditEvent::exported(id, &d.sha256, &out.display().to_string()))?;
    Ok(ExportReceipt {
        id: id.to_string(),
        file: out.display().to_string(),
        sha256: d.sha256,
        bytes: written,
    })
}

fn parse_date_field(label: &str, text: &str) -> Result<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .map_err(|_| {
            Error::invalid(format!(
                "The {label} \"{t}\" isn't a date Carefile can read. Write it as YYYY-MM-DD, such \
                 as 2025-11-14."
            ))
        })
}

/// Changes a document's metadata (never the original). Each changed field is audited from → to.
pub fn update_metadata(vault: &mut Vault, id: &str, change: &MetadataChange) -> Result<Document> {
    let before = get_document(vault, id)?;
    let opt = |s: &Option<String>| s.as_deref().map(|t| clean(Some(t)));
    let title = match &change.title {
        Some(t) if t.trim().is_empty() => {
            return Err(Error::invalid("A document needs a title; it can't be left blank."))
        }
        Some(t) => t.trim().to_string(),
        None => before.title.clone(),
    };
    let kind = change.kind.unwrap_or(before.kind);
    let author = opt(&change.author).unwrap_or(before.author.clone());
    let iso = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let dated = match &change.dated {
        Some(t) => parse_date_field("date on the document", t)?,
        None => iso(before.dated),
    };
    let received = match &change.received {
        Some(t) => parse_date_field("date received", t)?,
        None => iso(before.received),
    };
    let section = opt(&change.plan_section).unwrap_or(before.plan_section.clone());
    if let Some(s) = &section {
        validate_section(s)?;
    }
    let tags = change.tags.as_ref().map(|t| clean_tags(t)).unwrap_or(before.tags.clone());
    let children: Option<Vec<String>> = change.child_ids.as_ref().map(|c| clean_tags(c));
    if let Some(children) = &children {
        for c in children {
            crate::record::get_child(vault, c)?;
        }
    }
    // A new author who is one person in People links the document to them, as an import would.
    // Links already made stay: the person may have chosen them.
    let sender = if author != before.author && before.email.is_none() {
        super::people::find_sender(vault, author.as_deref().map(super::people::Sender::Author))?
    } else {
        None
    };

    let tx = vault.conn_mut().transaction()?;
    let mut changed = false;
    let mut note = |field: &str, from: Option<&str>, to: Option<&str>| -> Result<()> {
        if from != to {
            changed = true;
            audit::record(&tx, &AuditEvent::metadata_changed(id, field, from, to))?;
        }
        Ok(())
    };
    note("title", Some(&before.title), Some(&title))?;
    note("kind", Some(before.kind.as_str()), Some(kind.as_str()))?;
    note("author", before.author.as_deref(), author.as_deref())?;
    note("dated", iso(before.dated).as_deref(), dated.as_deref())?;
    note("received", iso(before.received).as_deref(), received.as_deref())?;
    note("plan_section", before.plan_section.as_deref(), section.as_deref())?;
    let tags_json = serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into());
    let before_tags = serde_json::to_string(&before.tags).unwrap_or_else(|_| "[]".into());
    note("tags", Some(&before_tags), Some(&tags_json))?;
    if let Some(children) = &children {
        let from = serde_json::to_string(&before.child_ids).unwrap_or_default();
        let to = serde_json::to_string(children).unwrap_or_default();
        note("children", Some(&from), Some(&to))?;
    }
    if changed {
        tx.execute(
            "UPDATE documents SET title = ?2, kind = ?3, author = ?4, dated = ?5, received = ?6,
                 plan_section = ?7, tags = ?8, updated = ?9
             WHERE id = ?1",
            params![
                id,
                title,
                kind.as_str(),
                author,
                dated,
                received,
                section,
                tags_json,
                now_stamp()
            ],
        )?;
        if let Some(children) = &children {
            tx.execute(
                "DELETE FROM doc_links WHERE document_id = ?1 AND target_kind = 'child'",
                [id],
            )?;
            for c in children {
                add_link(&tx, id, LinkKind::Child, c)?;
            }
        }
        let num: i64 =
            tx.query_row("SELECT num FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
        let meta = details_meta(&Details {
            kind,
            author: author.as_deref(),
            file_name: &before.file_name,
            dated: dated.as_deref(),
            received: received.as_deref(),
            section: section.as_deref(),
            tags: &tags,
            email: before.email.as_ref(),
        });
        index_details(&tx, num, id, &title, &meta)?;
        if let Some(person) = &sender {
            if add_link(&tx, id, LinkKind::Person, person)? {
                audit::record(&tx, &AuditEvent::linked(id, "person", person))?;
            }
        }
    }
    tx.commit()?;
    get_document(vault, id)
}

/// Links a document to a child, person, plan or correspondence entry (audited).
pub fn link_document(vault: &mut Vault, id: &str, kind: LinkKind, target: &str) -> Result<()> {
    get_document(vault, id)?;
    let target = target.trim();
    if target.is_empty() {
        return Err(Error::invalid("Say what to link the document to."));
    }
    match kind {
        LinkKind::Child => drop(crate::record::get_child(vault, target)?),
        LinkKind::Person => drop(crate::record::get_person(vault, target)?),
        _ => {}
    }
    let tx = vault.conn_mut().transaction()?;
    if add_link(&tx, id, kind, target)? {
        audit::record(&tx, &AuditEvent::linked(id, kind.as_str(), target))?;
    }
    tx.commit()?;
    Ok(())
}

/// Takes away a document's link to a child, person, plan or correspondence entry (audited); the
/// document and its other links stay. A link that isn't there → NotFound, and nothing is written.
pub fn unlink_document(vault: &mut Vault, id: &str, kind: LinkKind, target: &str) -> Result<()> {
    get_document(vault, id)?;
    let target = target.trim();
    let tx = vault.conn_mut().transaction()?;
    let removed = tx.execute(
        "DELETE FROM doc_links WHERE document_id = ?1 AND target_kind = ?2 AND target_id = ?3",
        params![id, kind.as_str(), target],
    )?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "The document {id} isn't linked to the {} {target}, so there is nothing to take away.",
            kind.as_str()
        )));
    }
    audit::record(&tx, &AuditEvent::unlinked(id, kind.as_str(), target))?;
    tx.commit()?;
    Ok(())
}

/// What happened to one document, oldest first.
pub fn document_history(vault: &Vault, id: &str) -> Result<Vec<AuditEntry>> {
    get_document(vault, id)?;
    audit::list(vault.conn(), Some(id))
}

/// The documents linked to a child, person, plan or correspondence entry, oldest import first.
pub fn linked_documents(vault: &Vault, kind: LinkKind, target: &str) -> Result<Vec<Document>> {
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM documents d JOIN doc_links k ON k.document_id = d.id
         WHERE k.target_kind = ?1 AND k.target_id = ?2 ORDER BY d.num"
    ))?;
    let rows = stmt.query_map(params![kind.as_str(), target.trim()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids a document is linked to (children, people, plans, correspondence; not emails).
pub fn linked_targets(vault: &Vault, id: &str) -> Result<Vec<String>> {
    let mut stmt = vault.conn().prepare(
        "SELECT target_id FROM doc_links WHERE document_id = ?1 AND target_kind != 'email'
         ORDER BY target_id",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
