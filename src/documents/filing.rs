//! Filing an imported email in the record as a correspondence entry, linked with the email and
//! its attachments, so the contact log shows it without the person typing it in again.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::links::add_link;
use super::{clean, ImportOptions, LinkKind};
use crate::audit::{self, AuditEvent};
use crate::error::Result;
use crate::record::{self, CorrespondenceKind, Direction, NewCorrespondence};
use crate::vault::Vault;

/// What an email says about itself, for filing it as correspondence.
pub(super) struct EmailFiling<'a> {
    pub(super) subject: Option<&'a str>,
    pub(super) from: Option<&'a str>,
    /// The person in the record it is from, when the sender matched exactly one.
    pub(super) person: Option<&'a str>,
    pub(super) sent: Option<NaiveDate>,
    pub(super) body: &'a str,
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
pub(super) fn file_email(
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
    let tx = vault.conn_mut().savepoint()?;
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
