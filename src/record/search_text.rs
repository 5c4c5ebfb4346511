//! The record's words in the search index (`record_search`, which this module owns): correspondence
//! and the contact log, plan section text and outcome progress notes. Every change that writes one
//! of them re-indexes that one item in the same transaction (`index_correspondence`, `index_plan`,
//! `index_note`), so the index is never stale and a search never re-reads the record. A vault
//! from before this design rebuilds the index once (`rebuild_if_needed`).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::correspondence::{primary_date, CorrespondenceKind, Direction};
use super::get_opt_date;
use crate::error::Result;

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

/// Which items to read: all of them, or one.
#[derive(Debug, Clone, Copy)]
enum Only<'a> {
    All,
    One(RecordTextSource, &'a str),
}

impl Only<'_> {
    fn id(self, source: RecordTextSource) -> Option<String> {
        match self {
            Only::All => None,
            Only::One(s, id) if s == source => Some(id.to_string()),
            // A filter for another source: an id no row has.
            Only::One(..) => Some(String::new()),
        }
    }
}

/// Searchable pieces of the record, in a stable order. Plan sections appear once per distinct
/// text: a section unchanged since an earlier version is listed under the version that first had it.
fn searchable_text(conn: &Connection, only: Only) -> Result<Vec<RecordText>> {
    let mut out = Vec::new();

    let mut stmt = conn.prepare(
        "SELECT c.id, c.child_id, c.kind, c.direction, c.subject, c.summary, c.dated, c.sent,
                c.received, c.channel,
                (SELECT group_concat(a.action, char(10)) FROM correspondence_actions a
                  WHERE a.correspondence_id = c.id)
         FROM correspondence c WHERE (?1 IS NULL OR c.id = ?1) ORDER BY c.created, c.id",
    )?;
    let rows = stmt.query_map([only.id(RecordTextSource::Correspondence)], |r: &Row| {
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
         WHERE trim(s.text) <> '' AND (?1 IS NULL OR p.id = ?1)
         ORDER BY p.created, p.id, s.section, v.number",
    )?;
    let rows = stmt.query_map([only.id(RecordTextSource::Plan)], |r| {
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
         WHERE (?1 IS NULL OR n.id = ?1)
         ORDER BY n.dated, n.created, n.id",
    )?;
    let rows = stmt.query_map([only.id(RecordTextSource::Note)], |r| {
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

impl RecordTextSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordTextSource::Correspondence => "correspondence",
            RecordTextSource::Plan => "plan",
            RecordTextSource::Note => "note",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "plan" => RecordTextSource::Plan,
            "note" => RecordTextSource::Note,
            _ => RecordTextSource::Correspondence,
        }
    }
}

/// Takes one item's rows out of the index.
fn unindex(conn: &Connection, source: RecordTextSource, id: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM record_search WHERE rowid IN
           (SELECT row FROM record_search_rows WHERE source = ?1 AND item_id = ?2)",
        params![source.as_str(), id],
    )?;
    conn.execute(
        "DELETE FROM record_search_rows WHERE source = ?1 AND item_id = ?2",
        params![source.as_str(), id],
    )?;
    Ok(())
}

fn insert(conn: &Connection, items: &[RecordText]) -> Result<()> {
    let mut put = conn.prepare_cached(
        "INSERT INTO record_search (title, body, source, item_id, child_id, dated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut map = conn.prepare_cached(
        "INSERT INTO record_search_rows (source, item_id, row) VALUES (?1, ?2, ?3)",
    )?;
    for item in items {
        put.execute(params![
            item.title,
            item.text,
            item.source.as_str(),
            item.id,
            item.child_id,
            item.dated.map(|d| d.format("%Y-%m-%d").to_string()),
        ])?;
        map.execute(params![item.source.as_str(), item.id, conn.last_insert_rowid()])?;
    }
    Ok(())
}

fn reindex(conn: &Connection, source: RecordTextSource, id: &str) -> Result<()> {
    unindex(conn, source, id)?;
    insert(conn, &searchable_text(conn, Only::One(source, id))?)
}

/// Re-indexes one correspondence entry (after it, or its actions, were written). Call inside the
/// transaction that wrote it.
pub(crate) fn index_correspondence(conn: &Connection, id: &str) -> Result<()> {
    reindex(conn, RecordTextSource::Correspondence, id)
}

/// Re-indexes a plan's section text (after a section, a version or the plan changed), and its
/// progress notes, whose titles name the plan.
pub(crate) fn index_plan(conn: &Connection, plan_id: &str) -> Result<()> {
    reindex(conn, RecordTextSource::Plan, plan_id)?;
    let notes: Vec<String> = conn
        .prepare("SELECT id FROM outcome_progress WHERE plan_id = ?1")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for note in notes {
        index_note(conn, &note)?;
    }
    Ok(())
}

/// Re-indexes one progress note.
pub(crate) fn index_note(conn: &Connection, id: &str) -> Result<()> {
    reindex(conn, RecordTextSource::Note, id)
}

/// Builds the whole index from the record, in one transaction.
fn rebuild(conn: &Connection) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM record_search", [])?;
    tx.execute("DELETE FROM record_search_rows", [])?;
    insert(&tx, &searchable_text(&tx, Only::All)?)?;
    tx.execute("DELETE FROM record_search_rebuild", [])?;
    tx.commit()?;
    Ok(())
}

/// Builds the index once for a vault made before it was kept at write time (a migration leaves a
/// marker); otherwise does nothing.
pub fn rebuild_if_needed(conn: &Connection) -> Result<()> {
    let marked: Option<i64> =
        conn.query_row("SELECT id FROM record_search_rebuild", [], |r| r.get(0)).optional()?;
    if marked.is_some() {
        rebuild(conn)?;
    }
    Ok(())
}

/// What to look for in the record's words.
#[derive(Debug, Clone, Default)]
pub struct RecordQuery<'a> {
    /// An FTS5 query (built by the documents module's `fts_query`).
    pub fts: &'a str,
    pub child_id: Option<&'a str>,
    /// Only these children's items (one family's), when given.
    pub child_ids: Option<&'a [String]>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub limit: u32,
}

/// One hit in the record's words.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordHit {
    pub source: RecordTextSource,
    pub id: String,
    pub title: String,
    pub dated: Option<NaiveDate>,
    pub child_id: Option<String>,
    /// The words around the hit, the matching ones between `[` and `]`.
    pub snippet: String,
    /// bm25: lower is better.
    pub score: f64,
}

/// Finds record items by their words, best first.
pub fn search(conn: &Connection, query: &RecordQuery) -> Result<Vec<RecordHit>> {
    let iso = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, source, title, dated,
                snippet(record_search, -1, '[', ']', '…', 12),
                bm25(record_search, 8.0, 1.0) AS score, child_id
         FROM record_search
         WHERE record_search MATCH ?1
           AND (?3 IS NULL OR child_id = ?3)
           AND (?4 IS NULL OR dated >= ?4)
           AND (?5 IS NULL OR dated <= ?5)
           AND (?6 IS NULL OR child_id IN (SELECT value FROM json_each(?6)))
         ORDER BY score, rowid
         LIMIT ?2",
    )?;
    let family = query.child_ids.map(|ids| serde_json::to_string(ids).unwrap_or_default());
    let rows = stmt.query_map(
        params![query.fts, query.limit, query.child_id, iso(query.from), iso(query.to), family],
        |r| {
            let source: String = r.get(1)?;
            let dated: Option<String> = r.get(3)?;
            Ok(RecordHit {
                source: RecordTextSource::parse(&source),
                id: r.get(0)?,
                title: r.get(2)?,
                dated: dated.and_then(|d| d.parse().ok()),
                child_id: r.get(6)?,
                snippet: r.get(4)?,
                score: r.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index kept item by item must equal the index built from scratch.
    fn assert_index_is_fresh(conn: &Connection) {
        let read = |conn: &Connection| -> Vec<(String, String, String, String)> {
            let mut stmt = conn
                .prepare(
                    "SELECT source, item_id, title, body FROM record_search
                     ORDER BY source, item_id, title, body",
                )
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let kept = read(conn);
        rebuild(conn).unwrap();
        assert_eq!(kept, read(conn));
    }

    #[test]
    fn the_index_kept_at_write_time_equals_one_built_from_scratch() {
        let (_dir, mut vault) = crate::vault::scratch();
        rebuild_if_needed(vault.conn()).unwrap();
        // The demo family's whole record: letters, calls, plans with issued versions, notes.
        crate::demo::seed_demo(&mut vault).unwrap();
        let rows: i64 =
            vault.conn().query_row("SELECT COUNT(*) FROM record_search", [], |r| r.get(0)).unwrap();
        assert!(rows > 10, "{rows} rows");
        assert_index_is_fresh(vault.conn());
    }

    #[test]
    fn only_filters_by_source() {
        assert_eq!(Only::All.id(RecordTextSource::Plan), None);
        let one = Only::One(RecordTextSource::Plan, "p1");
        assert_eq!(one.id(RecordTextSource::Plan).as_deref(), Some("p1"));
        assert_eq!(one.id(RecordTextSource::Note).as_deref(), Some(""));
    }
}
