//! Full-text search (SQLite FTS5, inside the encrypted vault) over titles, details and page text.
//! Index rows have fixed row ids (document number × 100000 + page; page 0 holds the title and
//! details), so one page or one document's details can be replaced without scanning the index.
//!
//! `search_all` also searches the record's words (correspondence, plan sections, progress notes)
//! through `record::search_text`, whose index the record keeps at write time.
//!
//! Page text is indexed as printed, plus `joins`: words hyphenated over a line end written whole,
//! so `assessment` finds "assess-" at the end of one line and "ment" at the start of the next.
//! The tokenizer folds diacritics (`Zoe` finds `Zoë`) and does no stemming, so British and
//! American spellings stay themselves.

use rusqlite::{params, Connection};

use super::{
    DocumentFilter, DocumentKind, HitSource, MatchedIn, RecordPlace, SearchHit, SearchQuery,
};
use crate::error::{Error, Result};
use crate::record::family_targets;
use crate::record::search_text::{self, RecordQuery, RecordTextSource};
use crate::vault::Vault;

const PAGE_SPAN: i64 = 100_000;

fn rowid(num: i64, page: u32) -> i64 {
    num * PAGE_SPAN + i64::from(page.min(PAGE_SPAN as u32 - 1))
}

pub(crate) fn index_page(
    conn: &Connection,
    num: i64,
    id: &str,
    page: u32,
    text: &str,
) -> Result<()> {
    let rowid = rowid(num, page);
    conn.execute("DELETE FROM doc_search WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO doc_search (rowid, title, meta, body, joins, document_id, page)
         VALUES (?1, '', '', ?2, ?3, ?4, ?5)",
        params![rowid, text, hyphen_joins(text), id, page],
    )?;
    Ok(())
}

/// The words a page hyphenates over a line end, written whole and separated by spaces: a line
/// ending in a word and `-` (or a soft hyphen), followed by a line starting with a lower-case word.
/// A hyphen that belongs to the word ("speech-" + "language") gives both forms a chance: the
/// pieces are in the page text already.
pub(crate) fn hyphen_joins(text: &str) -> String {
    let mut joins = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(next) = lines.peek() else { break };
        let trimmed = line.trim_end();
        let Some(stem) = trimmed.strip_suffix(['-', '\u{00AD}', '\u{2010}']) else { continue };
        let head: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
        if head.is_empty() || !tail.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        if !joins.is_empty() {
            joins.push(' ');
        }
        joins.push_str(&head);
        joins.push_str(&tail);
    }
    joins
}

pub(crate) fn index_details(
    conn: &Connection,
    num: i64,
    id: &str,
    title: &str,
    meta: &str,
) -> Result<()> {
    let rowid = rowid(num, 0);
    conn.execute("DELETE FROM doc_search WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO doc_search (rowid, title, meta, body, joins, document_id, page)
         VALUES (?1, ?2, ?3, '', '', ?4, 0)",
        params![rowid, title, meta, id],
    )?;
    Ok(())
}

/// Turns what a person typed into an FTS5 query that can't be a syntax error: each word (or
/// "quoted phrase") must appear; the last word also matches as a prefix, for search-as-you-type.
/// A word like `1:1` becomes the phrase "1 1", as the tokenizer sees it.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut rest = text;
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    while let Some(start) = rest.find('"') {
        terms.extend(rest[..start].split_whitespace().map(quote));
        let after = &rest[start + 1..];
        let end = after.find('"').unwrap_or(after.len());
        let phrase = after[..end].trim();
        if !phrase.is_empty() {
            terms.push(quote(phrase));
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    let bare: Vec<&str> = rest.split_whitespace().collect();
    let prefix_last = !rest.ends_with(char::is_whitespace);
    for (i, word) in bare.iter().enumerate() {
        let q = quote(word);
        let wordy = word.chars().last().is_some_and(char::is_alphanumeric);
        terms.push(if i + 1 == bare.len() && prefix_last && wordy { format!("{q}*") } else { q });
    }
    // Terms with no letters or digits match nothing and would only confuse FTS5.
    terms.retain(|t| t.chars().any(char::is_alphanumeric));
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The documents of a family: those linked to any of its children, people, plans or
/// correspondence (the record says which ids those are).
pub(crate) fn family_documents(
    conn: &Connection,
    family: &str,
) -> Result<std::collections::BTreeSet<String>> {
    let targets = family_targets(conn, family)?;
    let mut stmt = conn.prepare_cached(
        "SELECT document_id, target_id FROM doc_links WHERE target_kind != 'email'",
    )?;
    let mut out = std::collections::BTreeSet::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let target: String = r.get(1)?;
        if targets.contains(&target) {
            out.insert(r.get(0)?);
        }
    }
    Ok(out)
}

/// The WHERE clauses (on `d`, the documents table) for a filter, with their parameters.
pub(crate) fn filter_sql(
    conn: &Connection,
    filter: &DocumentFilter,
    first: usize,
) -> Result<(String, Vec<String>)> {
    let mut sql = String::new();
    let mut args: Vec<String> = Vec::new();
    let mut n = first;
    let mut push = |clause: &str, value: String, sql: &mut String| {
        sql.push_str(&clause.replace("?N", &format!("?{n}")));
        args.push(value);
        n += 1;
    };
    if let Some(family) = super::clean(filter.family_id.as_deref()) {
        push(
            " AND d.id IN (SELECT value FROM json_each(?N))",
            serde_json::to_string(&family_documents(conn, &family)?)
                .unwrap_or_else(|_| "[]".into()),
            &mut sql,
        );
    }
    if let Some(child) = super::clean(filter.child_id.as_deref()) {
        push(
            " AND EXISTS (SELECT 1 FROM doc_links l WHERE l.document_id = d.id
                 AND l.target_kind = 'child' AND l.target_id = ?N)",
            child,
            &mut sql,
        );
    }
    if let Some(kind) = filter.kind {
        push(" AND d.kind = ?N", kind.as_str().to_string(), &mut sql);
    }
    if let Some(author) = super::clean(filter.author.as_deref()) {
        push(" AND d.author LIKE ?N ESCAPE '\\'", format!("%{}%", like_escape(&author)), &mut sql);
    }
    if let Some(tag) = super::clean(filter.tag.as_deref()) {
        push(
            " AND EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE t.value = ?N COLLATE NOCASE)",
            tag,
            &mut sql,
        );
    }
    let date = "COALESCE(d.dated, d.received, substr(d.imported, 1, 10))";
    if let Some(from) = filter.from {
        push(&format!(" AND {date} >= ?N"), from.format("%Y-%m-%d").to_string(), &mut sql);
    }
    if let Some(to) = filter.to {
        push(&format!(" AND {date} <= ?N"), to.format("%Y-%m-%d").to_string(), &mut sql);
    }
    Ok((sql, args))
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Finds documents by their words, title and details. Hits come best first; each names the page
/// to open and a snippet with the matching words between `[` and `]`.
pub fn search(vault: &Vault, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let (fts, limit) = prepare(query)?;
    Ok(search_documents(vault, query, &fts, limit)?.into_iter().map(|(_, hit)| hit).collect())
}

/// Like `search`, and also finds correspondence, plan section text and progress notes (their
/// `source` says which). Filters on kind, author or tag only concern documents, so they leave
/// record hits out; the child and date filters apply to both.
pub fn search_all(vault: &Vault, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let (fts, limit) = prepare(query)?;
    let mut hits = search_documents(vault, query, &fts, limit)?;
    let f = &query.filter;
    if f.kind.is_none()
        && super::clean(f.author.as_deref()).is_none()
        && super::clean(f.tag.as_deref()).is_none()
    {
        search_text::rebuild_if_needed(vault.conn())?;
        hits.extend(search_record(vault, query, &fts, limit)?);
        // bm25 scores: lower is better. Documents come first on a tie.
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        hits.truncate(limit as usize);
    }
    let mut hits: Vec<SearchHit> = hits.into_iter().map(|(_, hit)| hit).collect();
    locate_notes(vault, &mut hits)?;
    Ok(hits)
}

fn prepare(query: &SearchQuery) -> Result<(String, u32)> {
    let Some(fts) = fts_query(&query.text) else {
        return Err(Error::invalid("Type a word or two to search for."));
    };
    Ok((fts, query.limit.unwrap_or(50).clamp(1, 1000)))
}

fn search_documents(
    vault: &Vault,
    query: &SearchQuery,
    fts: &str,
    limit: u32,
) -> Result<Vec<(f64, SearchHit)>> {
    let (filters, args) = filter_sql(vault.conn(), &query.filter, 3)?;
    let sql = format!(
        "SELECT s.document_id, d.title, d.kind, s.page, d.dated,
                snippet(doc_search, -1, '[', ']', '…', 12) AS snip,
                bm25(doc_search, 8.0, 3.0, 1.0, 1.0) AS score
         FROM doc_search s JOIN documents d ON d.id = s.document_id
         WHERE doc_search MATCH ?1 {filters}
         ORDER BY score, d.num, s.page
         LIMIT ?2"
    );
    let mut stmt = vault.conn().prepare(&sql)?;
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&fts, &limit];
    values.extend(args.iter().map(|a| a as &dyn rusqlite::ToSql));
    let rows = stmt.query_map(values.as_slice(), |r| {
        let page: i64 = r.get(3)?;
        let kind: String = r.get(2)?;
        let dated: Option<String> = r.get(4)?;
        let hit = SearchHit {
            id: r.get(0)?,
            source: HitSource::Document,
            title: r.get(1)?,
            kind: Some(DocumentKind::parse(&kind).unwrap_or(DocumentKind::Other)),
            page: page.max(1) as u32,
            snippet: one_line(&r.get::<_, String>(5)?),
            matched_in: if page == 0 { MatchedIn::Details } else { MatchedIn::Text },
            dated: dated.and_then(|d| d.parse().ok()),
            place: None,
        };
        Ok((r.get(6)?, hit))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn search_record(
    vault: &Vault,
    query: &SearchQuery,
    fts: &str,
    limit: u32,
) -> Result<Vec<(f64, SearchHit)>> {
    let f = &query.filter;
    let child = super::clean(f.child_id.as_deref());
    let family_children = match super::clean(f.family_id.as_deref()) {
        Some(family) => {
            Some(family_targets(vault.conn(), &family)?.into_iter().collect::<Vec<_>>())
        }
        None => None,
    };
    let found = search_text::search(
        vault.conn(),
        &RecordQuery {
            fts,
            child_id: child.as_deref(),
            child_ids: family_children.as_deref(),
            from: f.from,
            to: f.to,
            limit,
        },
    )?;
    Ok(found
        .into_iter()
        .map(|h| {
            let source = match h.source {
                RecordTextSource::Plan => HitSource::Plan,
                RecordTextSource::Note => HitSource::Note,
                RecordTextSource::Correspondence => HitSource::Correspondence,
            };
            let place = RecordPlace {
                child_id: h.child_id,
                plan_id: (source == HitSource::Plan).then(|| h.id.clone()),
                plan_section: if source == HitSource::Plan {
                    section_in_title(&h.title)
                } else {
                    None
                },
                outcome_id: None,
            };
            let hit = SearchHit {
                id: h.id,
                source,
                title: h.title,
                kind: None,
                page: 1,
                snippet: one_line(&h.snippet),
                matched_in: MatchedIn::Text,
                dated: h.dated,
                place: Some(place),
            };
            (h.score, hit)
        })
        .collect())
}

/// A snippet as one line: page text keeps its line breaks, a snippet reads as running words.
fn one_line(snippet: &str) -> String {
    snippet.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section letter in a plan hit's title, which `record::search_text` writes as
/// "{plan}, section {letter} (version {n})".
fn section_in_title(title: &str) -> Option<String> {
    let (_, rest) = title.rsplit_once(", section ")?;
    let (section, _) = rest.rsplit_once(" (version ")?;
    let section = section.trim();
    (!section.is_empty() && section.chars().count() <= 40).then(|| section.to_string())
}

/// Fills in the plan and outcome of progress-note hits, read through the record's public
/// functions (the search index knows only the note and its child).
fn locate_notes(vault: &Vault, hits: &mut [SearchHit]) -> Result<()> {
    use std::collections::HashMap;
    let mut found: HashMap<String, (String, String)> = HashMap::new();
    let mut children: Vec<String> = Vec::new();
    for hit in hits.iter().filter(|h| h.source == HitSource::Note) {
        let child = hit.place.as_ref().and_then(|p| p.child_id.clone());
        if let Some(child) = child.filter(|c| !children.contains(c)) {
            children.push(child);
        }
    }
    for child in &children {
        for plan in crate::record::list_plans(vault, Some(child))? {
            for note in crate::record::list_progress_notes(vault, &plan.id, None)? {
                found.insert(note.id, (note.plan_id, note.outcome_id));
            }
        }
    }
    for hit in hits.iter_mut().filter(|h| h.source == HitSource::Note) {
        if let (Some(place), Some((plan, outcome))) = (hit.place.as_mut(), found.get(&hit.id)) {
            place.plan_id = Some(plan.clone());
            place.outcome_id = Some(outcome.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{fts_query, hyphen_joins, section_in_title};

    #[test]
    fn words_hyphenated_over_a_line_end_are_joined() {
        assert_eq!(hyphen_joins("the statutory assess-\nment was late"), "assessment");
        assert_eq!(
            hyphen_joins("a speech-\nlanguage and occupa-\ntional"),
            "speechlanguage occupational"
        );
        // Not a join: a dash before a capital, a number, or the last line.
        assert_eq!(hyphen_joins("Smith -\nJones\n2024-\n25\nend-"), "");
    }

    #[test]
    fn a_plan_hit_names_its_section() {
        assert_eq!(section_in_title("EHC plan, section F (version 2)").as_deref(), Some("F"));
        let odd = "Plan, section one, section K (version 10)";
        assert_eq!(section_in_title(odd).as_deref(), Some("K"));
        assert_eq!(section_in_title("Progress note, EHC plan"), None);
    }

    #[test]
    fn typed_text_becomes_a_safe_query() {
        assert_eq!(fts_query("1:1 support").unwrap(), "\"1:1\" \"support\"*");
        assert_eq!(
            fts_query("\"speech and language\" EP ").unwrap(),
            "\"speech and language\" \"EP\""
        );
        assert_eq!(fts_query("a\"b").unwrap(), "\"a\" \"b\"");
        assert!(fts_query("  ( ) * ").is_none());
        assert_eq!(fts_query("OR NOT").unwrap(), "\"OR\" \"NOT\"*");
    }
}
