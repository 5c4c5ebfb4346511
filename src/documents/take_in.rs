//! Taking in documents from a handover package (called by `exchange` once the record has taken in
//! its rows and named the package's family). The documents module's own rules apply: an original
//! is stored only when its bytes match its fingerprint and fit the import limit; a document gets a
//! number free here; an original already held under another id is linked to the one here; its
//! pages go into the search index through the same functions as an import; every document taken
//! in gets its own audit entry.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::metadata::{details_meta, Details};
use super::search::{index_details, index_page};
use super::store::{blob_exists, put_blob, sha256_hex};
use super::{DocumentKind, EmailInfo, ImportLimits};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::error::Result;
use crate::exchange::{insert, refused, Exchanged, Received, Row};
use crate::record::take_in::{belongs, table_of_target};

const DOCUMENTS: Exchanged = Exchanged::new(
    "documents",
    &[
        "id",
        "sha256",
        "file_name",
        "format",
        "media_type",
        "size",
        "title",
        "kind",
        "author",
        "dated",
        "received",
        "plan_section",
        "tags",
        "pages",
        "text_status",
        "status_note",
        "details",
        "rendition_sha256",
        "imported",
        "updated",
    ],
    &["id"],
);
const LINKS: Exchanged = Exchanged::new(
    "doc_links",
    &["document_id", "target_kind", "target_id", "created"],
    &["document_id", "target_kind", "target_id"],
);
const IMPORTS: Exchanged = Exchanged::new(
    "doc_imports",
    &["document_id", "file_name", "imported"],
    &["document_id", "file_name", "imported"],
);
const PAGES: Exchanged = Exchanged::new(
    "doc_pages",
    &["document_id", "page", "text", "source", "needs_ocr"],
    &["document_id", "page"],
);

/// The documents' tables in the exchange format. A document's number (`num`) is this vault's own
/// and never travels; stored originals travel as their chunks and are checked against their
/// fingerprint before anything is written.
pub const EXCHANGED: &[Exchanged] = &[
    Exchanged::new("doc_blobs", &["sha256", "size", "chunks", "created"], &["sha256"]),
    Exchanged::new("doc_blob_chunks", &["sha256", "seq", "data"], &["sha256", "seq"]),
    DOCUMENTS,
    LINKS,
    IMPORTS,
    PAGES,
];

/// What taking in documents did.
#[derive(Debug, Clone, Default)]
pub struct DocumentsTakenIn {
    pub rows_added: usize,
    pub documents_added: usize,
    /// Documents already held here under another id (same original): package id → id here.
    pub linked_to_existing: BTreeMap<String, String>,
}

/// The originals a package brings, checked: every stored file is one a document in the package
/// uses, fits the import limit, and its chunks put together match its SHA-256.
fn originals(received: &Received) -> Result<BTreeMap<String, Vec<u8>>> {
    let limit = ImportLimits::default().max_file_bytes;
    let used: BTreeSet<String> = received
        .rows("documents")
        .iter()
        .flat_map(|d| [d.text("sha256"), d.text("rendition_sha256")])
        .flatten()
        .map(str::to_owned)
        .collect();
    let mut chunks: BTreeMap<String, Vec<(i64, &[u8])>> = BTreeMap::new();
    let mut total: u64 = 0;
    let chunk_rows = received.rows("doc_blob_chunks");
    for c in &chunk_rows {
        let (Some(sha), Some(seq), Value::Blob(data)) =
            (c.text("sha256"), c.int("seq"), c.get("data"))
        else {
            return Err(refused("a stored file's part is malformed"));
        };
        total += data.len() as u64;
        if total > limit {
            return Err(refused(format!(
                "its stored files are larger than the import limit of {} MB",
                limit / (1024 * 1024)
            )));
        }
        chunks.entry(sha.to_owned()).or_default().push((seq, data.as_slice()));
    }
    let mut out = BTreeMap::new();
    let blobs = received.rows("doc_blobs");
    for b in &blobs {
        let (Some(sha), Some(size), Some(count)) =
            (b.text("sha256"), b.int("size"), b.int("chunks"))
        else {
            return Err(refused("a stored file's record is malformed"));
        };
        if !used.contains(sha) {
            return Err(refused(format!(
                "it carries a stored file ({sha}) that no document in it uses"
            )));
        }
        if size < 0 || size as u64 > limit {
            return Err(refused(format!(
                "a stored file is larger than the import limit of {} MB",
                limit / (1024 * 1024)
            )));
        }
        let mut parts = chunks.remove(sha).unwrap_or_default();
        parts.sort_by_key(|p| p.0);
        let in_order = parts.iter().enumerate().all(|(i, p)| p.0 == i as i64);
        let bytes: Vec<u8> = parts.iter().flat_map(|p| p.1.iter().copied()).collect();
        if !in_order
            || parts.len() as i64 != count
            || bytes.len() as i64 != size
            || sha256_hex(&bytes) != sha
        {
            return Err(refused(format!("a stored file ({sha}) doesn't match its fingerprint")));
        }
        out.insert(sha.to_owned(), bytes);
    }
    if let Some(sha) = chunks.keys().next() {
        return Err(refused(format!("it carries parts of a stored file ({sha}) it doesn't list")));
    }
    Ok(out)
}

fn index_received(
    conn: &Connection,
    num: i64,
    id: &str,
    doc: &Row,
    received: &Received,
) -> Result<()> {
    for p in received.rows("doc_pages").iter().filter(|p| p.text("document_id") == Some(id)) {
        let (Some(page), Some(text)) = (p.int("page"), p.text("text")) else { continue };
        if !text.is_empty() && page >= 1 {
            index_page(conn, num, id, page as u32, text)?;
        }
    }
    let tags: Vec<String> =
        doc.text("tags").and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
    let details: serde_json::Value =
        doc.text("details").and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
    let email: Option<EmailInfo> =
        details.get("email").and_then(|v| serde_json::from_value(v.clone()).ok());
    let meta = details_meta(&Details {
        kind: DocumentKind::parse(doc.text("kind").unwrap_or("other"))
            .unwrap_or(DocumentKind::Other),
        author: doc.text("author"),
        file_name: doc.text("file_name").unwrap_or(""),
        dated: doc.text("dated"),
        received: doc.text("received"),
        section: doc.text("plan_section"),
        tags: &tags,
        email: email.as_ref(),
    });
    index_details(conn, num, id, doc.text("title").unwrap_or(""), &meta)
}

/// Checks and takes in the documents of a package for `family` (already taken in by the record).
pub fn take_in(conn: &Connection, received: &Received, family: &str) -> Result<DocumentsTakenIn> {
    let bytes = originals(received)?;
    let mut out = DocumentsTakenIn::default();
    let family_targets = crate::record::family_targets(conn, family)?;
    // Which package documents are new, which are here already (same id), which are here under
    // another id (same original).
    let mut new_docs: Vec<Row> = Vec::new();
    for d in received.rows("documents") {
        let (Some(id), Some(sha)) = (d.text("id"), d.text("sha256")) else {
            return Err(refused("a document in it has no id or fingerprint"));
        };
        for s in [Some(sha), d.text("rendition_sha256")].into_iter().flatten() {
            if !bytes.contains_key(s) && !blob_exists(conn, s)? {
                return Err(refused(format!("the original of document {id} is missing")));
            }
        }
        let here_by_id: Option<String> = conn
            .query_row("SELECT sha256 FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(here_sha) = here_by_id {
            if here_sha != sha {
                return Err(refused(format!("document {id} differs from the one held here")));
            }
            let mut stmt = conn.prepare_cached(
                "SELECT target_id FROM doc_links WHERE document_id = ?1 AND target_kind != 'email'",
            )?;
            let targets: Vec<String> =
                stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if !targets.is_empty() && !targets.iter().any(|t| family_targets.contains(t)) {
                return Err(refused(format!(
                    "it names {id}, which belongs to another family in this vault"
                )));
            }
            continue;
        }
        let here_by_sha: Option<String> = conn
            .query_row("SELECT id FROM documents WHERE sha256 = ?1", [sha], |r| r.get(0))
            .optional()?;
        match here_by_sha {
            Some(here) => {
                out.linked_to_existing.insert(id.to_owned(), here);
            }
            None => new_docs.push(d),
        }
    }
    let package_docs = received.texts("documents", "id");
    let local = |id: &str| -> String {
        out.linked_to_existing.get(id).cloned().unwrap_or_else(|| id.to_owned())
    };
    for table in ["doc_pages", "doc_links", "doc_imports"] {
        for r in received.rows(table) {
            if !r.text("document_id").is_some_and(|d| package_docs.contains(d)) {
                return Err(refused(format!("{table} points at a document it doesn't bring")));
            }
        }
    }
    for l in received.rows("doc_links") {
        let (Some(kind), Some(target)) = (l.text("target_kind"), l.text("target_id")) else {
            return Err(refused("a document link is malformed"));
        };
        let ok = match table_of_target(kind) {
            Some(table) => belongs(conn, received, table, target, family)?,
            None => kind == "email" && package_docs.contains(target),
        };
        if !ok {
            return Err(refused(format!(
                "a document link points at {target}, which is neither in the package nor this family's"
            )));
        }
    }
    // Writes: originals, new documents with numbers free here, their pages, index and audit.
    for (sha, b) in &bytes {
        if !blob_exists(conn, sha)? {
            put_blob(conn, sha, b)?;
            out.rows_added += 1;
        }
    }
    for d in &new_docs {
        let id = d.text("id").unwrap_or_default();
        let num: i64 =
            conn.query_row("SELECT COALESCE(MAX(num), 0) + 1 FROM documents", [], |r| r.get(0))?;
        insert(conn, &DOCUMENTS, d, &[("num", Value::Integer(num))])?;
        for p in received.rows("doc_pages").iter().filter(|p| p.text("document_id") == Some(id)) {
            insert(conn, &PAGES, p, &[])?;
        }
        for i in received.rows("doc_imports").iter().filter(|p| p.text("document_id") == Some(id)) {
            insert(conn, &IMPORTS, i, &[])?;
        }
        index_received(conn, num, id, d, received)?;
        let sha = d.text("sha256").unwrap_or_default();
        audit::record(
            conn,
            &AuditEvent::new(
                AuditAction::Imported,
                id,
                json!({ "sha256": sha, "file": d.text("file_name"), "handover": received.package_id,
                        "from": received.made_by }),
            ),
        )?;
        out.rows_added += 1;
        out.documents_added += 1;
    }
    for (theirs, here) in &out.linked_to_existing {
        let sha = received
            .rows("documents")
            .iter()
            .find(|d| d.text("id") == Some(theirs.as_str()))
            .and_then(|d| d.text("sha256").map(str::to_owned))
            .unwrap_or_default();
        audit::record(
            conn,
            &AuditEvent::new(
                AuditAction::ImportedAgain,
                here,
                json!({ "sha256": sha, "handover": received.package_id, "from": received.made_by }),
            ),
        )?;
    }
    for l in received.rows("doc_links") {
        let doc = local(l.text("document_id").unwrap_or_default());
        let target = l.text("target_id").unwrap_or_default();
        let target =
            if l.text("target_kind") == Some("email") { local(target) } else { target.to_owned() };
        let values =
            [Value::Text(doc.clone()), l.get("target_kind").clone(), Value::Text(target.clone())];
        let here: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM doc_links WHERE document_id = ?1 AND target_kind = ?2 AND target_id = ?3)",
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        if !here {
            insert(
                conn,
                &LINKS,
                &l,
                &[("document_id", Value::Text(doc)), ("target_id", Value::Text(target))],
            )?;
            out.rows_added += 1;
        }
    }
    Ok(out)
}
