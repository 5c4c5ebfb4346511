//! Importing the same bytes again: the document is stored once, and the new import is recorded,
//! audited and linked (to the child given, the email it came with, the person it is from).

use rusqlite::{params, Connection, OptionalExtension};

use super::links::{add_link, link_person};
use super::people::{find_sender, sender_of};
use super::{clean, now_stamp, ImportOptions, ImportOutcome, ImportStatus, LinkKind, TextStatus};
use crate::audit::{self, AuditEvent};
use crate::error::Result;
use crate::vault::Vault;

pub(super) fn existing(conn: &Connection, sha256: &str) -> Result<Option<(String, u32, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, pages, text_status FROM documents WHERE sha256 = ?1",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// The same bytes again: one document, linked again.
pub(super) fn import_duplicate(
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
    let tx = vault.conn_mut().savepoint()?;
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
