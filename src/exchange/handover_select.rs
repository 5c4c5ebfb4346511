//! Which rows travel in a handover package, found generically by following the foreign keys
//! SQLite declares (down from the child, up to what those rows refer to, and the parts of those),
//! and the order in which tables can be inserted so parents come before children.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::rows::{columns, quote, tables, NOT_RECORD};
use crate::error::{Error, Result};

pub(super) struct ForeignKey {
    pub(super) from: Vec<String>,
    pub(super) parent: String,
    to: Vec<String>,
}

pub(super) fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<ForeignKey>> {
    let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({})", quote(table)))?;
    let raw: Vec<(i64, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
    for (id, parent, from, to) in raw {
        let fk = by_id.entry(id).or_insert(ForeignKey {
            from: vec![],
            parent: parent.clone(),
            to: vec![],
        });
        fk.from.push(from);
        fk.to.push(to.unwrap_or_else(|| "rowid".into()));
    }
    Ok(by_id.into_values().collect())
}

/// Columns that are part of the table's primary key or of a unique index.
fn key_columns(conn: &Connection, table: &str) -> Result<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", quote(table)))?;
    for r in stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))? {
        let (name, pk) = r?;
        if pk > 0 {
            keys.insert(name);
        }
    }
    let mut stmt = conn.prepare(&format!("PRAGMA index_list({})", quote(table)))?;
    let indexes: Vec<(String, bool)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (index, unique) in indexes {
        if unique {
            let mut s = conn.prepare(&format!("PRAGMA index_info({})", quote(&index)))?;
            for c in s.query_map([], |r| r.get::<_, String>(2))? {
                keys.insert(c?);
            }
        }
    }
    Ok(keys)
}

/// Selected rows: table → rowids.
type Selection = BTreeMap<String, BTreeSet<i64>>;

fn rowids_where(
    conn: &Connection,
    table: &str,
    cond: &str,
    args: &[Value],
) -> Result<BTreeSet<i64>> {
    let mut stmt = conn.prepare(&format!("SELECT rowid FROM {} WHERE {cond}", quote(table)))?;
    let ids = stmt
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub(super) fn values_of(
    conn: &Connection,
    table: &str,
    cols: &[String],
    rowid: i64,
) -> Result<Vec<Value>> {
    let list = cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    Ok(conn.query_row(
        &format!("SELECT {list} FROM {} WHERE rowid = ?1", quote(table)),
        [rowid],
        |r| (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect(),
    )?)
}

/// Rows of `child` that refer (through `fk`) to the selected rows of the parent table.
fn children_of(
    conn: &Connection,
    child: &str,
    fk: &ForeignKey,
    parents: &BTreeSet<i64>,
) -> Result<BTreeSet<i64>> {
    let mut out = BTreeSet::new();
    let cond = fk
        .from
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", quote(c), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    for &p in parents {
        let key = values_of(conn, &fk.parent, &fk.to, p)?;
        if key.iter().any(|v| matches!(v, Value::Null)) {
            continue;
        }
        out.extend(rowids_where(conn, child, &cond, &key)?);
    }
    Ok(out)
}

fn parents_of(
    conn: &Connection,
    table: &str,
    fk: &ForeignKey,
    rows: &BTreeSet<i64>,
) -> Result<BTreeSet<i64>> {
    let mut out = BTreeSet::new();
    let cond = fk
        .to
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", quote(c), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    for &r in rows {
        let key = values_of(conn, table, &fk.from, r)?;
        if key.iter().any(|v| matches!(v, Value::Null)) {
            continue;
        }
        out.extend(rowids_where(conn, &fk.parent, &cond, &key)?);
    }
    Ok(out)
}

fn add(sel: &mut Selection, table: &str, rows: BTreeSet<i64>) -> bool {
    let entry = sel.entry(table.to_string()).or_default();
    let before = entry.len();
    entry.extend(rows);
    entry.len() > before
}

/// Everything that belongs to the child (following foreign keys down), the chosen documents, what
/// all of those refer to (up), and the parts of what they refer to (rows whose key includes the
/// reference, such as a document's chunks).
pub(super) fn select(
    conn: &Connection,
    child_id: &str,
    documents: Option<&[String]>,
) -> Result<Selection> {
    let names: Vec<String> = tables(conn)?
        .into_iter()
        .filter(|t| !NOT_RECORD.contains(&t.as_str()) && t != "vault_meta")
        .collect();
    let mut fks = BTreeMap::new();
    let mut keys = BTreeMap::new();
    for t in &names {
        fks.insert(t.clone(), foreign_keys(conn, t)?);
        keys.insert(t.clone(), key_columns(conn, t)?);
    }
    let mut sel = Selection::new();
    let child = rowids_where(conn, "children", "id = ?1", &[Value::Text(child_id.into())])?;
    if child.is_empty() {
        return Err(Error::NotFound(format!("There is no child with the id {child_id}.")));
    }
    sel.insert("children".into(), child);
    let down = |sel: &mut Selection, only_parts: bool| -> Result<bool> {
        let mut changed = false;
        for t in &names {
            for fk in &fks[t] {
                if only_parts && !fk.from.iter().all(|c| keys[t].contains(c)) {
                    continue;
                }
                let Some(parents) = sel.get(&fk.parent).cloned() else { continue };
                let rows = children_of(conn, t, fk, &parents)?;
                changed |= add(sel, t, rows);
            }
        }
        Ok(changed)
    };
    while down(&mut sel, false)? {}
    // Rows that name the child without a declared key (recorded deadline events, saved packs),
    // and what belongs to those.
    for t in &names {
        let cols = columns(conn, t)?;
        if cols.iter().any(|c| c == "child_id")
            && !fks[t].iter().any(|f| f.from.iter().any(|c| c == "child_id"))
        {
            let rows = rowids_where(conn, t, "child_id = ?1", &[Value::Text(child_id.into())])?;
            add(&mut sel, t, rows);
        }
    }
    while down(&mut sel, false)? {}
    // Documents are linked by (kind, id) rather than a declared key: take those linked to anything
    // chosen so far, or the ones asked for.
    let has_docs = names.iter().any(|t| t == "documents");
    if has_docs {
        let doc_ids: Vec<String> = match documents {
            Some(ids) => ids.to_vec(),
            None => {
                let mut ids = Vec::new();
                for (t, rows) in &sel {
                    if !columns(conn, t)?.iter().any(|c| c == "id") {
                        continue;
                    }
                    for &r in rows {
                        if let Value::Text(id) = &values_of(conn, t, &["id".into()], r)?[0] {
                            let mut stmt = conn.prepare_cached(
                                "SELECT document_id FROM doc_links WHERE target_id = ?1",
                            )?;
                            for d in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                                ids.push(d?);
                            }
                        }
                    }
                }
                ids
            }
        };
        let mut rows = BTreeSet::new();
        for id in &doc_ids {
            let found = rowids_where(conn, "documents", "id = ?1", &[Value::Text(id.clone())])?;
            if found.is_empty() {
                return Err(Error::NotFound(format!("There is no document with the id {id}.")));
            }
            rows.extend(found);
        }
        add(&mut sel, "documents", rows);
        // What belongs to those documents (links, pages, imports) — only links to chosen rows.
        while down(&mut sel, false)? {}
    }
    // Up: what the chosen rows refer to (people, stored originals), then their parts.
    loop {
        let mut changed = false;
        for t in &names {
            for fk in &fks[t] {
                let Some(rows) = sel.get(t).cloned() else { continue };
                let parents = parents_of(conn, t, fk, &rows)?;
                changed |= add(&mut sel, &fk.parent, parents);
            }
        }
        changed |= down(&mut sel, true)?;
        if !changed {
            break;
        }
    }
    // Documents not chosen must not travel through a link or a page that points at them.
    if let Some(chosen) = sel.get("documents").cloned() {
        let chosen_ids: BTreeSet<String> = chosen
            .iter()
            .map(|&r| {
                values_of(conn, "documents", &["id".into()], r).map(|v| match &v[0] {
                    Value::Text(s) => s.clone(),
                    _ => String::new(),
                })
            })
            .collect::<Result<_>>()?;
        for t in &names {
            if let Some(fk) = fks[t].iter().find(|fk| fk.parent == "documents") {
                let col = fk.from[0].clone();
                if let Some(rows) = sel.get_mut(t) {
                    let mut keep = BTreeSet::new();
                    for &r in rows.iter() {
                        if let Value::Text(d) =
                            &values_of(conn, t, std::slice::from_ref(&col), r)?[0]
                        {
                            if chosen_ids.contains(d) {
                                keep.insert(r);
                            }
                        }
                    }
                    *rows = keep;
                }
            }
        }
    }
    // A link travels only when what it points at travels too: a document shared with another
    // family's record must not carry that family's ids.
    if let Some(links) = sel.get("doc_links").cloned() {
        let mut travelling: BTreeSet<String> = BTreeSet::new();
        for (t, rows) in &sel {
            if t == "doc_links" || !columns(conn, t)?.iter().any(|c| c == "id") {
                continue;
            }
            for &r in rows {
                if let Value::Text(id) = &values_of(conn, t, &["id".into()], r)?[0] {
                    travelling.insert(id.clone());
                }
            }
        }
        let mut keep = BTreeSet::new();
        for r in links {
            if let Value::Text(target) = &values_of(conn, "doc_links", &["target_id".into()], r)?[0]
            {
                if travelling.contains(target) {
                    keep.insert(r);
                }
            }
        }
        sel.insert("doc_links".into(), keep);
    }
    Ok(sel)
}
