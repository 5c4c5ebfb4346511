//! Writing a document's links (`doc_links`): to a child, an email it came attached to, a
//! correspondence entry or a person.

use rusqlite::{params, Connection};

use super::{now_stamp, LinkKind};
use crate::audit::{self, AuditEvent};
use crate::error::Result;

/// Links a document to the person it is from (audited, as Carefile made the link, not the person).
pub(super) fn link_person(conn: &Connection, id: &str, person: Option<&str>) -> Result<()> {
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
