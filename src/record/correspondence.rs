//! Correspondence and the contact log: letters, emails, calls, meetings and texts, in or out, with
//! the date on it, the date sent and the date received kept apart (LA clocks run from receipt,
//! the Tribunal's from sending: send-law.md 2.1), proof of delivery, a summary and agreed actions.
//! For calls and meetings it drafts a "confirm in writing" note (send-law.md 5: record what was
//! agreed in writing after every call or meeting).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::children::ensure_child;
use super::people::{ensure_person, get_person, Person};
use super::{
    british_date, clean, get_opt_date, iso, not_before, not_in_future, now_stamp, required,
    text_enum,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

text_enum! {
    /// What kind of contact it was.
    pub enum CorrespondenceKind ("kind of correspondence") {
        Letter = "letter",
        Email = "email",
        Call = "call",
        Meeting = "meeting",
        Text = "text",
    }
}

text_enum! {
    /// Whether the family received it or sent it. For a call or meeting: who started it.
    pub enum Direction ("direction") {
        #[serde(rename = "in")]
        Incoming = "in",
        #[serde(rename = "out")]
        Outgoing = "out",
    }
}

impl CorrespondenceKind {
    /// Calls and meetings leave no paper behind, so they get a written follow-up.
    pub fn is_spoken(self) -> bool {
        matches!(self, CorrespondenceKind::Call | CorrespondenceKind::Meeting)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AgreedAction {
    pub id: String,
    pub action: String,
    pub owner: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewAgreedAction {
    pub action: String,
    pub owner: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Correspondence {
    pub id: String,
    pub child_id: Option<String>,
    pub person_id: Option<String>,
    pub kind: CorrespondenceKind,
    pub direction: Direction,
    pub subject: String,
    /// The date written on it; for a call or meeting, the day it happened.
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub sent: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub received: Option<NaiveDate>,
    /// Such as "first-class post", "recorded delivery", "by hand", "email", "phone", "Teams".
    pub channel: Option<String>,
    /// A recorded-delivery number, read receipt or hand-delivery receipt.
    pub proof_of_delivery: Option<String>,
    pub summary: String,
    pub actions: Vec<AgreedAction>,
    /// The date the chronology files it under (see `primary_date`).
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub date: NaiveDate,
    /// For calls and meetings: a note confirming what was said, ready to copy into an email.
    pub follow_up: Option<String>,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewCorrespondence {
    pub child_id: Option<String>,
    pub person_id: Option<String>,
    pub kind: CorrespondenceKind,
    pub direction: Direction,
    pub subject: String,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub dated: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub sent: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub received: Option<NaiveDate>,
    pub channel: Option<String>,
    pub proof_of_delivery: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub actions: Vec<NewAgreedAction>,
}

/// The one date an entry is filed under: the day a call or meeting happened; the day a letter or
/// email came in (or, failing that, its date, then its sending date); the day the family sent
/// theirs (or its date, then the day it arrived).
pub fn primary_date(
    kind: CorrespondenceKind,
    direction: Direction,
    dated: Option<NaiveDate>,
    sent: Option<NaiveDate>,
    received: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if kind.is_spoken() {
        return dated.or(sent).or(received);
    }
    match direction {
        Direction::Incoming => received.or(dated).or(sent),
        Direction::Outgoing => sent.or(dated).or(received),
    }
}

fn validate(vault: &Vault, input: &NewCorrespondence) -> Result<()> {
    required(&input.subject, "a subject (a few words saying what it was about)")?;
    if let Some(child) = &input.child_id {
        ensure_child(vault, child)?;
    }
    if let Some(person) = &input.person_id {
        ensure_person(vault, person)?;
    }
    if input.kind.is_spoken() && input.dated.is_none() {
        return Err(Error::invalid("Give the date of the call or meeting."));
    }
    if primary_date(input.kind, input.direction, input.dated, input.sent, input.received).is_none()
    {
        return Err(Error::invalid(
            "Give at least one date: the date on it, the date it was sent or the date it was received.",
        ));
    }
    for (date, label) in
        [(input.dated, "date on it"), (input.sent, "date sent"), (input.received, "date received")]
    {
        if let Some(date) = date {
            not_in_future(date, label)?;
        }
    }
    if let (Some(sent), Some(received)) = (input.sent, input.received) {
        not_before(received, sent, "date received", "date sent")?;
    }
    for a in &input.actions {
        required(&a.action, "what was agreed for each action")?;
    }
    Ok(())
}

/// Records one letter, email, call, meeting or text with its agreed actions, in one transaction.
pub fn add_correspondence(vault: &mut Vault, input: &NewCorrespondence) -> Result<Correspondence> {
    validate(vault, input)?;
    let id = new_id("co");
    let tx = vault.conn_mut().savepoint()?;
    tx.execute(
        "INSERT INTO correspondence (id, child_id, person_id, kind, direction, subject, dated, sent,
             received, channel, proof_of_delivery, summary, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            input.child_id,
            input.person_id,
            input.kind,
            input.direction,
            input.subject.trim(),
            input.dated.map(iso),
            input.sent.map(iso),
            input.received.map(iso),
            clean(input.channel.as_deref()),
            clean(input.proof_of_delivery.as_deref()),
            input.summary.trim(),
            now_stamp()
        ],
    )?;
    for (i, a) in input.actions.iter().enumerate() {
        tx.execute(
            "INSERT INTO correspondence_actions (id, correspondence_id, position, action, owner, due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![new_id("ac"), id, i as i64, a.action.trim(), clean(a.owner.as_deref()), a.due.map(iso)],
        )?;
    }
    super::search_text::index_correspondence(&tx, &id)?;
    tx.commit()?;
    get_correspondence(vault, &id)
}

const COLUMNS: &str = "id, child_id, person_id, kind, direction, subject, dated, sent, received,
    channel, proof_of_delivery, summary, created";

fn from_row(row: &Row) -> rusqlite::Result<Correspondence> {
    let kind: CorrespondenceKind = row.get(3)?;
    let direction: Direction = row.get(4)?;
    let (dated, sent, received) =
        (get_opt_date(row, 6)?, get_opt_date(row, 7)?, get_opt_date(row, 8)?);
    Ok(Correspondence {
        id: row.get(0)?,
        child_id: row.get(1)?,
        person_id: row.get(2)?,
        kind,
        direction,
        subject: row.get(5)?,
        dated,
        sent,
        received,
        channel: row.get(9)?,
        proof_of_delivery: row.get(10)?,
        summary: row.get(11)?,
        actions: Vec::new(),
        date: primary_date(kind, direction, dated, sent, received).unwrap_or_default(),
        follow_up: None,
        created: row.get(12)?,
    })
}

fn complete(vault: &Vault, mut entry: Correspondence) -> Result<Correspondence> {
    let mut stmt = vault.conn().prepare_cached(
        "SELECT id, action, owner, due, done FROM correspondence_actions
         WHERE correspondence_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([&entry.id], |r| {
        Ok(AgreedAction {
            id: r.get(0)?,
            action: r.get(1)?,
            owner: r.get(2)?,
            due: get_opt_date(r, 3)?,
            done: r.get(4)?,
        })
    })?;
    entry.actions = rows.collect::<rusqlite::Result<_>>()?;
    let person = match &entry.person_id {
        Some(p) => Some(get_person(vault, p)?),
        None => None,
    };
    entry.follow_up = confirm_in_writing(&entry, person.as_ref());
    Ok(entry)
}

pub fn get_correspondence(vault: &Vault, id: &str) -> Result<Correspondence> {
    let entry = vault
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM correspondence WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "There is no log entry with the id {id}. `carefile log list` shows them."
            ))
        })?;
    complete(vault, entry)
}

/// Says who a log entry was with or from (`None` clears it). Unknown entry or person → NotFound;
/// nothing else about the entry changes.
pub fn set_correspondence_person(
    vault: &Vault,
    id: &str,
    person_id: Option<&str>,
) -> Result<Correspondence> {
    get_correspondence(vault, id)?;
    if let Some(person) = person_id {
        ensure_person(vault, person)?;
    }
    vault.conn().execute(
        "UPDATE correspondence SET person_id = ?2 WHERE id = ?1",
        params![id, person_id],
    )?;
    get_correspondence(vault, id)
}

/// The contact log, oldest first; only one child's entries when `child_id` is given.
pub fn list_correspondence(vault: &Vault, child_id: Option<&str>) -> Result<Vec<Correspondence>> {
    if let Some(child) = child_id {
        ensure_child(vault, child)?;
    }
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM correspondence WHERE ?1 IS NULL OR child_id = ?1 ORDER BY created, id"
    ))?;
    let rows = stmt.query_map([child_id], from_row)?;
    let entries: Vec<Correspondence> = rows.collect::<rusqlite::Result<_>>()?;
    let mut out = entries.into_iter().map(|e| complete(vault, e)).collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.created.cmp(&b.created)));
    Ok(out)
}

/// A note confirming a call or meeting in writing, for the parent to copy into an email; `None`
/// for letters, emails and texts, which are already in writing.
pub fn confirm_in_writing(entry: &Correspondence, person: Option<&Person>) -> Option<String> {
    if !entry.kind.is_spoken() {
        return None;
    }
    let greeting = match person {
        Some(p) => format!("Dear {},", p.name),
        None => "Hello,".to_owned(),
    };
    let what = match entry.kind {
        CorrespondenceKind::Call => "speaking with me on the phone",
        _ => "meeting with me",
    };
    let mut note = format!(
        "{greeting}\n\nThank you for {what} on {} about {}. I am writing to confirm what we discussed.",
        british_date(entry.date),
        entry.subject
    );
    if !entry.summary.is_empty() {
        note.push_str(&format!("\n\nMy note of what was said:\n{}", entry.summary));
    }
    if !entry.actions.is_empty() {
        note.push_str("\n\nWhat we agreed:");
        for a in &entry.actions {
            note.push_str(&format!("\n- {}", a.action));
            match (&a.owner, a.due) {
                (Some(o), Some(d)) => note.push_str(&format!(" ({o}, by {})", british_date(d))),
                (Some(o), None) => note.push_str(&format!(" ({o})")),
                (None, Some(d)) => note.push_str(&format!(" (by {})", british_date(d))),
                (None, None) => {}
            }
        }
    }
    note.push_str(
        "\n\nIf you remember anything differently, please tell me in writing within five working days; \
         otherwise I will take this as an accurate record of our conversation.\n\nKind regards",
    );
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn letters_in_are_filed_by_receipt_and_letters_out_by_sending() {
        use CorrespondenceKind::*;
        let (on, sent, got) = (d(2025, 3, 1), d(2025, 3, 3), d(2025, 3, 5));
        assert_eq!(primary_date(Letter, Direction::Incoming, on, sent, got), got);
        assert_eq!(primary_date(Letter, Direction::Outgoing, on, sent, got), sent);
        assert_eq!(primary_date(Call, Direction::Incoming, on, None, None), on);
        assert_eq!(primary_date(Email, Direction::Incoming, None, None, None), None);
    }
}
