//! The audit trail: an append-only, hash-chained log of what happened to the evidence (imported
//! with its fingerprint, metadata changed from → to, exported, included in a bundle).
//!
//! This module owns `audit_log` and `audit_head` (migration 11). It only ever appends: the database
//! refuses updates and deletes, and each entry's hash covers the previous entry's hash and its own
//! content, so `verify` notices any entry changed or removed afterwards (by someone holding the
//! key and dropping the triggers, or by a bad restore). It never stores a document's text.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The hash that the first entry chains from.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A document's original was stored (detail: sha256, file name).
    Imported,
    /// The same original arrived again and was linked again.
    ImportedAgain,
    /// A metadata field changed (detail: field, from, to).
    MetadataChanged,
    /// The original was written out to a file (detail: sha256, file).
    Exported,
    /// The document was put into a bundle (detail: sha256, bundle).
    IncludedInBundle,
    /// Text was added as a derivative, such as OCR (detail: page, source).
    TextAdded,
    /// The text of its pages was read again by a newer engine (detail: engine, pages changed).
    TextReread,
    /// The document was linked to something (detail: kind, id).
    Linked,
    /// A link was taken away (detail: kind, id); the document itself stays.
    Unlinked,
    /// A handover package was taken in (subject: the package id; detail: from whom, which family,
    /// what was added, the sender's audit entries kept with it).
    HandoverImported,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Imported => "imported",
            AuditAction::ImportedAgain => "imported_again",
            AuditAction::MetadataChanged => "metadata_changed",
            AuditAction::Exported => "exported",
            AuditAction::IncludedInBundle => "included_in_bundle",
            AuditAction::TextAdded => "text_added",
            AuditAction::TextReread => "text_reread",
            AuditAction::Linked => "linked",
            AuditAction::Unlinked => "unlinked",
            AuditAction::HandoverImported => "handover_imported",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            AuditAction::Imported => "imported",
            AuditAction::ImportedAgain => "imported again",
            AuditAction::MetadataChanged => "details changed",
            AuditAction::Exported => "exported",
            AuditAction::IncludedInBundle => "included in a bundle",
            AuditAction::TextAdded => "text added",
            AuditAction::TextReread => "text read again",
            AuditAction::Linked => "linked",
            AuditAction::Unlinked => "unlinked",
            AuditAction::HandoverImported => "handover package taken in",
        }
    }
}

/// An event to append. `subject` is the id of what it happened to (usually a document id).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub action: AuditAction,
    pub subject: String,
    pub detail: serde_json::Value,
}

impl AuditEvent {
    pub fn imported(document_id: &str, sha256: &str, file_name: &str) -> Self {
        Self::new(
            AuditAction::Imported,
            document_id,
            serde_json::json!({ "sha256": sha256, "file": file_name }),
        )
    }

    pub fn imported_again(document_id: &str, sha256: &str, file_name: &str) -> Self {
        Self::new(
            AuditAction::ImportedAgain,
            document_id,
            serde_json::json!({ "sha256": sha256, "file": file_name }),
        )
    }

    pub fn metadata_changed(
        document_id: &str,
        field: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Self {
        Self::new(
            AuditAction::MetadataChanged,
            document_id,
            serde_json::json!({ "field": field, "from": from, "to": to }),
        )
    }

    pub fn exported(document_id: &str, sha256: &str, file: &str) -> Self {
        Self::new(
            AuditAction::Exported,
            document_id,
            serde_json::json!({ "sha256": sha256, "file": file }),
        )
    }

    /// For the bundle module: call once per document placed in a built bundle.
    pub fn included_in_bundle(document_id: &str, sha256: &str, bundle: &str) -> Self {
        Self::new(
            AuditAction::IncludedInBundle,
            document_id,
            serde_json::json!({ "sha256": sha256, "bundle": bundle }),
        )
    }

    pub fn text_added(document_id: &str, page: u32, source: &str) -> Self {
        Self::new(
            AuditAction::TextAdded,
            document_id,
            serde_json::json!({ "page": page, "source": source }),
        )
    }

    pub fn text_reread(document_id: &str, engine: &str, pages_changed: u32) -> Self {
        Self::new(
            AuditAction::TextReread,
            document_id,
            serde_json::json!({ "engine": engine, "pagesChanged": pages_changed }),
        )
    }

    pub fn linked(document_id: &str, kind: &str, id: &str) -> Self {
        Self::new(AuditAction::Linked, document_id, serde_json::json!({ "kind": kind, "id": id }))
    }

    pub fn unlinked(document_id: &str, kind: &str, id: &str) -> Self {
        Self::new(AuditAction::Unlinked, document_id, serde_json::json!({ "kind": kind, "id": id }))
    }

    pub fn new(action: AuditAction, subject: &str, detail: serde_json::Value) -> Self {
        AuditEvent { action, subject: subject.to_string(), detail }
    }
}

/// One stored entry, as the document history screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub seq: i64,
    /// UTC, ISO 8601.
    pub at: String,
    pub action: String,
    pub subject: String,
    #[cfg_attr(feature = "bindings", ts(type = "unknown"))]
    pub detail: serde_json::Value,
    pub hash: String,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    pub ok: bool,
    pub entries: i64,
    /// The first entry that fails, when one does.
    pub broken_at: Option<i64>,
    /// What is wrong, in words, when something is.
    pub problem: Option<String>,
}

/// The canonical content an entry's hash covers: a JSON array, so no field can bleed into another.
fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> String {
    let content = serde_json::json!([seq, at, action, subject, detail]).to_string();
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(content.as_bytes());
    hex::encode(h.finalize())
}

/// Appends `event` to the log. Call it inside the same transaction as the change it records (a
/// `rusqlite::Transaction` derefs to `Connection`), so the change and its entry land together.
pub fn record(conn: &Connection, event: &AuditEvent) -> Result<AuditEntry> {
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (prev_seq, prev_hash) = head.unwrap_or((0, GENESIS.to_string()));
    let seq = prev_seq + 1;
    let at = crate::ids::now_stamp();
    let action = event.action.as_str();
    let detail = event.detail.to_string();
    let hash = entry_hash(&prev_hash, seq, &at, action, &event.subject, &detail);
    conn.execute(
        "INSERT INTO audit_log (seq, at, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, action, event.subject, detail, prev_hash, hash],
    )?;
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        params![seq, hash],
    )?;
    Ok(AuditEntry {
        seq,
        at,
        action: action.to_string(),
        subject: event.subject.clone(),
        detail: event.detail.clone(),
        hash,
    })
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let detail: String = r.get(4)?;
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        action: r.get(2)?,
        subject: r.get(3)?,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
        hash: r.get(5)?,
    })
}

/// The entries about one subject (or all, when `subject` is `None`), oldest first.
pub fn list(conn: &Connection, subject: Option<&str>) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, action, subject, detail, hash FROM audit_log
         WHERE ?1 IS NULL OR subject = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([subject], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn describe(seq: i64, at: &str, action: &str, subject: &str) -> String {
    let when = chrono::DateTime::parse_from_rfc3339(at)
        .map(|d| d.format("%-d %b %Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string());
    let what = [
        AuditAction::Imported,
        AuditAction::ImportedAgain,
        AuditAction::MetadataChanged,
        AuditAction::Exported,
        AuditAction::IncludedInBundle,
        AuditAction::TextAdded,
        AuditAction::Linked,
        AuditAction::Unlinked,
        AuditAction::HandoverImported,
    ]
    .into_iter()
    .find(|a| a.as_str() == action)
    .map(AuditAction::describe)
    .unwrap_or(action);
    format!("entry {seq} ({subject} {what}, {when})")
}

/// Walks the whole chain: every entry present, in order, each hash matching its content and its
/// predecessor, and the newest matching the recorded head.
pub fn verify(conn: &Connection) -> Result<AuditVerification> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_string();
    let mut entries = 0;
    let fail = |seq: i64, problem: String, entries: i64| AuditVerification {
        ok: false,
        entries,
        broken_at: Some(seq),
        problem: Some(problem),
    };
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let action: String = r.get(2)?;
        let subject: String = r.get(3)?;
        let detail: String = r.get(4)?;
        let stored_prev: String = r.get(5)?;
        let hash: String = r.get(6)?;
        entries += 1;
        if seq != expected_seq {
            return Ok(fail(
                expected_seq,
                format!(
                    "audit entry {expected_seq} is missing: it was removed after it was written"
                ),
                entries,
            ));
        }
        let name = describe(seq, &at, &action, &subject);
        if stored_prev != prev_hash {
            return Ok(fail(
                seq,
                format!("{name} does not follow the entry before it: the log was changed"),
                entries,
            ));
        }
        if entry_hash(&prev_hash, seq, &at, &action, &subject, &detail) != hash {
            return Ok(fail(seq, format!("{name} was changed after it was written"), entries));
        }
        prev_hash = hash;
        expected_seq += 1;
    }
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let last = expected_seq - 1;
    match head {
        Some((seq, hash)) if seq == last && hash == prev_hash => {}
        None if last == 0 => {}
        Some((seq, _)) if seq > last => {
            return Ok(fail(
                last + 1,
                format!("audit entries {} to {seq} are missing: they were removed", last + 1),
                entries,
            ))
        }
        _ => {
            return Ok(fail(
                last.max(1),
                format!(
                    "the newest audit entry ({last}) does not match the recorded end of the log"
                ),
                entries,
            ))
        }
    }
    Ok(AuditVerification { ok: true, entries, broken_at: None, problem: None })
}

/// One entry exactly as stored, hashes included: what travels with a handover package so the
/// receiver can still check the sender's entries about the documents it received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainEntry {
    pub seq: i64,
    pub at: String,
    pub action: String,
    pub subject: String,
    /// The detail JSON as stored (byte for byte: the hash covers it).
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// This vault's entries about any of `subjects`, oldest first, as stored.
pub fn chain_entries(
    conn: &Connection,
    subjects: &std::collections::BTreeSet<String>,
) -> Result<Vec<ChainEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ChainEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            action: r.get(2)?,
            subject: r.get(3)?,
            detail: r.get(4)?,
            prev_hash: r.get(5)?,
            hash: r.get(6)?,
        })
    })?;
    let mut out = Vec::new();
    for e in rows {
        let e = e?;
        if subjects.contains(&e.subject) {
            out.push(e);
        }
    }
    Ok(out)
}

/// Checks a segment of another vault's chain (entries about some subjects, in order): each entry's
/// hash covers its content and the hash it names as its predecessor, and where two entries are
/// neighbours in that chain the later one follows the earlier.
pub fn verify_segment(entries: &[ChainEntry]) -> AuditVerification {
    let mut last: Option<&ChainEntry> = None;
    for (n, e) in entries.iter().enumerate() {
        let name = describe(e.seq, &e.at, &e.action, &e.subject);
        let broken = |problem: String| AuditVerification {
            ok: false,
            entries: n as i64 + 1,
            broken_at: Some(e.seq),
            problem: Some(problem),
        };
        if entry_hash(&e.prev_hash, e.seq, &e.at, &e.action, &e.subject, &e.detail) != e.hash {
            return broken(format!("{name} was changed after it was written"));
        }
        if let Some(prev) = last {
            if e.seq <= prev.seq || (e.seq == prev.seq + 1 && e.prev_hash != prev.hash) {
                return broken(format!("{name} does not follow the entry before it"));
            }
        }
        last = Some(e);
    }
    AuditVerification { ok: true, entries: entries.len() as i64, broken_at: None, problem: None }
}

/// `verify`, as an error when the chain is broken (for callers that only need yes or no).
pub fn ensure_intact(conn: &Connection, vault_dir: &std::path::Path) -> Result<AuditVerification> {
    let v = verify(conn)?;
    match &v.problem {
        None => Ok(v),
        Some(problem) => Err(Error::CorruptVault {
            path: vault_dir.to_path_buf(),
            detail: format!("the audit trail fails its check: {problem}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(include_str!("migrations/0011_audit.sql")).unwrap();
        c
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let c = conn();
        assert!(verify(&c).unwrap().ok);
        for i in 0..5 {
            record(&c, &AuditEvent::imported(&format!("doc_{i}"), "ab", "a.pdf")).unwrap();
        }
        let v = verify(&c).unwrap();
        assert!(v.ok, "{v:?}");
        assert_eq!(v.entries, 5);
        assert_eq!(list(&c, Some("doc_3")).unwrap().len(), 1);
    }

    #[test]
    fn the_database_refuses_to_change_or_remove_an_entry() {
        let c = conn();
        record(&c, &AuditEvent::imported("doc_1", "ab", "a.pdf")).unwrap();
        assert!(c.execute("UPDATE audit_log SET subject = 'x'", []).is_err());
        assert!(c.execute("DELETE FROM audit_log", []).is_err());
    }

    #[test]
    fn an_altered_entry_is_named() {
        let c = conn();
        for i in 0..4 {
            record(&c, &AuditEvent::exported(&format!("doc_{i}"), "ab", "out.pdf")).unwrap();
        }
        c.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET detail = '{\"file\":\"elsewhere.pdf\"}' WHERE seq = 2;",
        )
        .unwrap();
        let v = verify(&c).unwrap();
        assert!(!v.ok);
        assert_eq!(v.broken_at, Some(2));
        assert!(v.problem.unwrap().contains("entry 2 (doc_1 exported"));
    }

    #[test]
    fn a_removed_entry_is_named_even_the_last() {
        let c = conn();
        for i in 0..4 {
            record(&c, &AuditEvent::imported(&format!("doc_{i}"), "ab", "a.pdf")).unwrap();
        }
        c.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;")
            .unwrap();
        let v = verify(&c).unwrap();
        assert_eq!(v.broken_at, Some(2));
        let c = conn();
        for i in 0..3 {
            record(&c, &AuditEvent::imported(&format!("doc_{i}"), "ab", "a.pdf")).unwrap();
        }
        c.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;")
            .unwrap();
        let v = verify(&c).unwrap();
        assert_eq!(v.broken_at, Some(3), "{v:?}");
    }
}
