//! The record's words for the documents module's search: correspondence and the contact log, plan
//! section text and outcome progress notes, read here (this module owns their tables) and indexed
//! there.

use chrono::NaiveDate;
use rusqlite::Row;

use super::correspondence::{primary_date, CorrespondenceKind, Direction};
use super::get_opt_date;
use crate::error::Result;
use crate::vault::Vault;

/// Which part of the record a piece of text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordTextSource {
    Correspondence,
    /// A plan section's text (`id` is the plan's id).
    Plan,
    /// An outcome progress note.
    Note,
}

/// One searchable piece of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordText {
    pub source: RecordTextSource,
    /// The correspondence entry's, plan's or progress note's id.
    pub id: String,
    pub title: String,
    pub dated: Option<NaiveDate>,
    pub child_id: Option<String>,
    pub text: String,
}

/// Every searchable piece of the record, in a stable order. Plan sections appear once per distinct
/// text: a section unchanged since an earlier version is listed under the version that first had it.
pub fn searchable_text(vault: &Vault) -> Result<Vec<RecordText>> {
    let conn = vault.conn();
    let mut out = Vec::new();

    let mut stmt = conn.prepare(
        "SELECT c.id, c.child_id, c.kind, c.direction, c.subject, c.summary, c.dated, c.sent,
                c.received, c.channel,
                (SELECT group_concat(a.action, char(10)) FROM correspondence_actions a
                  WHERE a.correspondence_id = c.id)
         FROM correspondence c ORDER BY c.created, c.id",
    )?;
    let rows = stmt.query_map([], |r: &Row| {
        let kind: CorrespondenceKind = r.get(2)?;
        let direction: Direction = r.get(3)?;
        let (dated, sent, received) =
            (get_opt_date(r, 6)?, get_opt_date(r, 7)?, get_opt_date(r, 8)?);
        let summary: String = r.get(5)?;
        let channel: Option<String> = r.get(9)?;
        let actions: Option<String> = r.get(10)?;
        let text = [Some(summary), channel, actions]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        Ok(RecordText {
            source: RecordTextSource::Correspondence,
            id: r.get(0)?,
            title: r.get(4)?,
            dated: primary_date(kind, direction, dated, sent, received),
            child_id: r.get(1)?,
            text,
        })
    })?;
    out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);

    let mut stmt = conn.prepare(
        "SELECT p.id, p.child_id, p.title, v.number, s.section, s.text,
                COALESCE(v.issued, substr(v.created, 1, 10))
         FROM plan_sections s JOIN plan_versions v ON v.id = s.version_id
              JOIN plans p ON p.id = v.plan_id
         WHERE trim(s.text) <> ''
         ORDER BY p.created, p.id, s.section, v.number",
    )?;
    let rows = stmt.query_map([], |r| {
        let (plan, title, number, section): (String, String, i64, String) =
            (r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let text: String = r.get(5)?;
        let item = RecordText {
            source: RecordTextSource::Plan,
            id: plan,
            title: format!("{title}, section {section} (version {number})"),
            dated: get_opt_date(r, 6)?,
            child_id: r.get(1)?,
            text,
        };
        Ok((section, item))
    })?;
    let mut last: Option<(String, String, String)> = None;
    for row in rows {
        let (section, item) = row?;
        let key = (item.id.clone(), section, item.text.clone());
        if last.as_ref() != Some(&key) {
            out.push(item);
        }
        last = Some(key);
    }

    let mut stmt = conn.prepare(
        "SELECT n.id, p.child_id, p.title, n.dated, n.note
         FROM outcome_progress n JOIN plans p ON p.id = n.plan_id
         ORDER BY n.dated, n.created, n.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let plan: String = r.get(2)?;
        Ok(RecordText {
            source: RecordTextSource::Note,
            id: r.get(0)?,
            title: format!("Progress note, {plan}"),
            dated: get_opt_date(r, 3)?,
            child_id: r.get(1)?,
            text: r.get(4)?,
        })
    })?;
    out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    Ok(out)
}
