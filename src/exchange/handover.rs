//! The handover package: one child's record and chosen originals, sealed with a one-off share
//! passphrase (see `seal`), for an independent advocate — and back again.
//!
//! The content is generic: rows by table, chosen by following the foreign keys SQLite declares
//! (everything that belongs to the child, what those rows refer to, and the parts of those, such
//! as a document's stored chunks), so new tables travel without a format change. Importing inserts
//! rows whose stable id is new and leaves existing ones alone, so family → advocate → family merges
//! without duplicates; a document already held under another id (same SHA-256) is linked to the
//! one already there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

use super::rows::{columns, quote, tables, NOT_RECORD};
use super::seal;
use crate::error::{Error, Result};
use crate::vault::{KdfParams, Passphrase, Vault};

/// What to put in a package.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverRequest {
    pub child_id: String,
    /// Only these documents; `None` means every document linked to the child's record.
    pub documents: Option<Vec<String>>,
    /// Who is sending it, as the receiver will see it.
    pub made_by: String,
    /// "Please delete after", ISO date, shown on import.
    pub delete_after: Option<String>,
}

/// One document listed in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ManifestDocument {
    pub id: String,
    pub sha256: String,
    pub title: String,
}

/// What a package says about itself (inside the seal).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverManifest {
    pub package_id: String,
    pub made_by: String,
    /// UTC, ISO 8601.
    pub made_at: String,
    pub delete_after: Option<String>,
    pub source_vault: String,
    pub child_id: String,
    pub documents: Vec<ManifestDocument>,
    /// Rows per table.
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, number>"))]
    pub counts: BTreeMap<String, usize>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverImport {
    pub manifest: HandoverManifest,
    /// Rows that were new here.
    pub rows_added: usize,
    /// Rows already here (same id), left as they were.
    pub rows_already_here: usize,
    pub documents_added: usize,
}

#[derive(Serialize, Deserialize)]
struct Package {
    format: String,
    version: u32,
    manifest: HandoverManifest,
    /// table → (columns, rows); values as JSON (see `to_json`).
    tables: BTreeMap<String, (Vec<String>, Vec<Vec<Json>>)>,
}

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => json!(i),
        Value::Real(f) => json!({ "real": f }),
        Value::Text(t) => Json::String(t),
        Value::Blob(b) => json!({ "base64": B64.encode(b) }),
    }
}

fn from_json(v: &Json) -> Result<Value> {
    Ok(match v {
        Json::Null => Value::Null,
        Json::Number(n) => Value::Integer(n.as_i64().ok_or_else(bad_package)?),
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(o) => match (o.get("real"), o.get("base64")) {
            (Some(r), None) => Value::Real(r.as_f64().ok_or_else(bad_package)?),
            (None, Some(Json::String(b))) => Value::Blob(B64.decode(b).map_err(|_| bad_package())?),
            _ => return Err(bad_package()),
        },
        _ => return Err(bad_package()),
    })
}

fn bad_package() -> Error {
    Error::CorruptFile(
        "This handover package's contents don't make sense. Nothing was imported.".into(),
    )
}

struct ForeignKey {
    from: Vec<String>,
    parent: String,
    to: Vec<String>,
}

fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<ForeignKey>> {
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

fn values_of(conn: &Connection, table: &str, cols: &[String], rowid: i64) -> Result<Vec<Value>> {
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
fn select(conn: &Connection, child_id: &str, documents: Option<&[String]>) -> Result<Selection> {
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
    Ok(sel)
}

/// Seal the child's record (and chosen documents) into `out` with the share passphrase.
pub fn export_handover(
    vault: &Vault,
    request: &HandoverRequest,
    share: &Passphrase,
    kdf: KdfParams,
    out: &Path,
) -> Result<HandoverManifest> {
    if share.expose().chars().count() < crate::vault::MIN_LENGTH {
        return Err(Error::WeakPassphrase(format!(
            "Use a share passphrase of at least {} characters, and tell it to the advocate another way (by phone, not in the same email).",
            crate::vault::MIN_LENGTH
        )));
    }
    if request.made_by.trim().is_empty() {
        return Err(Error::invalid(
            "Say who is sending this package, so the advocate knows where it came from.",
        ));
    }
    if let Some(d) = &request.delete_after {
        crate::record::parse_date("\"please delete after\" date", d)?;
    }
    if out.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose another file name.",
            out.display()
        )));
    }
    let conn = vault.conn();
    let sel = select(conn, &request.child_id, request.documents.as_deref())?;
    let mut tables_out = BTreeMap::new();
    let mut counts = BTreeMap::new();
    for (t, rows) in &sel {
        if rows.is_empty() {
            continue;
        }
        let cols = columns(conn, t)?;
        let mut out_rows = Vec::new();
        for &r in rows {
            out_rows.push(values_of(conn, t, &cols, r)?.into_iter().map(to_json).collect());
        }
        counts.insert(t.clone(), rows.len());
        tables_out.insert(t.clone(), (cols, out_rows));
    }
    let mut documents = Vec::new();
    if let Some(rows) = sel.get("documents") {
        for &r in rows {
            let v =
                values_of(conn, "documents", &["id".into(), "sha256".into(), "title".into()], r)?;
            let text = |v: &Value| match v {
                Value::Text(s) => s.clone(),
                _ => String::new(),
            };
            documents.push(ManifestDocument {
                id: text(&v[0]),
                sha256: text(&v[1]),
                title: text(&v[2]),
            });
        }
    }
    let manifest = HandoverManifest {
        package_id: crate::ids::new_id("ho"),
        made_by: request.made_by.trim().to_string(),
        made_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        delete_after: request.delete_after.clone(),
        source_vault: vault.id().to_string(),
        child_id: request.child_id.clone(),
        documents,
        counts,
    };
    let package = Package {
        format: "carefile-handover".into(),
        version: 1,
        manifest: manifest.clone(),
        tables: tables_out,
    };
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&package).map_err(|e| Error::Internal(e.to_string()))?,
    );
    let sealed = seal::seal(&plain, share, kdf)?;
    let tmp = super::backup::sibling(out, "part");
    std::fs::write(&tmp, &sealed)
        .map_err(|e| Error::io(format!("Could not write {}", out.display()), e))?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(format!("Could not write {}", out.display()), e)
    })?;
    conn.execute(
        "INSERT INTO handovers (id, direction, child_id, made_by, made_at, delete_after, at, rows_added, documents, manifest)
         VALUES (?1, 'export', ?2, ?3, ?4, ?5, ?4, 0, ?6, ?7)",
        rusqlite::params![
            manifest.package_id, manifest.child_id, manifest.made_by, manifest.made_at,
            manifest.delete_after, manifest.documents.len() as i64,
            serde_json::to_string(&manifest).unwrap_or_else(|_| "{}".into())
        ],
    )?;
    Ok(manifest)
}

/// Read a package's manifest without importing (to show "from whom, when, delete after").
pub fn read_handover(file: &Path, share: &Passphrase) -> Result<HandoverManifest> {
    Ok(open_package(file, share)?.manifest)
}

fn open_package(file: &Path, share: &Passphrase) -> Result<Package> {
    let sealed = std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NotFound(format!("There is no file at {}.", file.display()))
        }
        _ => Error::io(format!("Could not read {}", file.display()), e),
    })?;
    let plain = seal::open(&sealed, share)?;
    let package: Package = serde_json::from_slice(&plain).map_err(|_| bad_package())?;
    if package.format != "carefile-handover" || package.version != 1 {
        return Err(bad_package());
    }
    Ok(package)
}

/// Parents before children, so foreign keys hold at every insert.
fn insertion_order(conn: &Connection, names: Vec<String>) -> Result<Vec<String>> {
    let mut deps = BTreeMap::new();
    for t in &names {
        let parents: BTreeSet<String> = foreign_keys(conn, t)?
            .into_iter()
            .map(|f| f.parent)
            .filter(|p| p != t && names.contains(p))
            .collect();
        deps.insert(t.clone(), parents);
    }
    let mut order = Vec::new();
    while !deps.is_empty() {
        let ready: Vec<String> = deps
            .iter()
            .filter(|(_, d)| d.iter().all(|p| order.contains(p)))
            .map(|(t, _)| t.clone())
            .collect();
        if ready.is_empty() {
            order.extend(deps.keys().cloned());
            break;
        }
        for t in ready {
            deps.remove(&t);
            order.push(t);
        }
    }
    Ok(order)
}

/// Import a package into this vault: every check first (seal, contents, schema), then one
/// transaction. Rows already here are left alone; documents already here (by SHA-256) are reused.
pub fn import_handover(
    vault: &mut Vault,
    file: &Path,
    share: &Passphrase,
) -> Result<HandoverImport> {
    let package = open_package(file, share)?;
    let known = tables(vault.conn())?;
    for (t, (cols, rows)) in &package.tables {
        if NOT_RECORD.contains(&t.as_str()) || t == "vault_meta" || !known.contains(t) {
            return Err(Error::UnsupportedFile(format!(
                "This handover package holds a kind of record ({t}) this version of Carefile doesn't know. Update Carefile, then import it again. Nothing was imported."
            )));
        }
        let have = columns(vault.conn(), t)?;
        if cols.iter().any(|c| !have.contains(c)) || rows.iter().any(|r| r.len() != cols.len()) {
            return Err(Error::UnsupportedFile(format!(
                "This handover package was made by a different version of Carefile (table {t} differs). Update Carefile on both computers. Nothing was imported."
            )));
        }
    }
    // Children before parents, with foreign keys checked at commit: a row is then never added
    // under a parent that is already sealed (an issued plan version refuses new sections).
    let mut order = insertion_order(vault.conn(), package.tables.keys().cloned().collect())?;
    order.reverse();
    let tx = vault.conn_mut().transaction()?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    // A document held here already under another id: link to the one here instead.
    let mut doc_remap: BTreeMap<String, String> = BTreeMap::new();
    if let Some((cols, rows)) = package.tables.get("documents") {
        let (Some(id_at), Some(sha_at)) =
            (cols.iter().position(|c| c == "id"), cols.iter().position(|c| c == "sha256"))
        else {
            return Err(bad_package());
        };
        for r in rows {
            let (Some(id), Some(sha)) = (r[id_at].as_str(), r[sha_at].as_str()) else {
                return Err(bad_package());
            };
            let here: Option<String> = tx
                .query_row("SELECT id FROM documents WHERE sha256 = ?1", [sha], |r| r.get(0))
                .optional()?;
            if let Some(here) = here.filter(|h| h != id) {
                doc_remap.insert(id.to_string(), here);
            }
        }
    }
    let mut added = 0;
    let mut already = 0;
    let mut documents_added = 0;
    for t in &order {
        let (cols, rows) = &package.tables[t];
        let fks = foreign_keys(&tx, t)?;
        let doc_cols: Vec<usize> = fks
            .iter()
            .filter(|f| f.parent == "documents")
            .flat_map(|f| f.from.iter().filter_map(|c| cols.iter().position(|x| x == c)))
            .chain(if t == "documents" { cols.iter().position(|c| c == "id") } else { None })
            .collect();
        // An integer key is only a local row number: leave it out and match the row by content.
        let local_key = tx
            .query_row(
                &format!("SELECT name FROM pragma_table_info({}) WHERE pk = 1 AND upper(type) = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info({0}) WHERE pk > 0) = 1", quote_lit(t)),
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?;
        let keep: Vec<usize> =
            (0..cols.len()).filter(|&i| Some(&cols[i]) != local_key.as_ref()).collect();
        let pk: Vec<usize> = if local_key.is_some() {
            keep.clone()
        } else {
            let mut stmt = tx.prepare(&format!(
                "SELECT name FROM pragma_table_info({}) WHERE pk > 0",
                quote_lit(t)
            ))?;
            let names: Vec<String> =
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let at: Vec<usize> =
                names.iter().filter_map(|n| cols.iter().position(|c| c == n)).collect();
            if at.is_empty() || at.len() != names.len() {
                keep.clone()
            } else {
                at
            }
        };
        let present = pk
            .iter()
            .enumerate()
            .map(|(n, &i)| format!("{} IS ?{}", quote(&cols[i]), n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let list = keep.iter().map(|&i| quote(&cols[i])).collect::<Vec<_>>().join(", ");
        let marks = (1..=keep.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        for row in rows {
            let mut values: Vec<Value> = row.iter().map(from_json).collect::<Result<_>>()?;
            for &i in &doc_cols {
                if let Value::Text(id) = &values[i] {
                    if let Some(here) = doc_remap.get(id) {
                        values[i] = Value::Text(here.clone());
                    }
                }
            }
            let kept: Vec<Value> = keep.iter().map(|&i| values[i].clone()).collect();
            let key: Vec<Value> = pk.iter().map(|&i| values[i].clone()).collect();
            // Already here (same stable id, or the same content for rows with only a local
            // number): left exactly as it is.
            let exists: bool = tx.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE {present})", quote(t)),
                params_from_iter(key.iter()),
                |r| r.get(0),
            )?;
            if exists {
                already += 1;
                continue;
            }
            let n = tx
                .execute(
                    &format!("INSERT OR IGNORE INTO {} ({list}) VALUES ({marks})", quote(t)),
                    params_from_iter(kept.iter()),
                )
                .map_err(|e| {
                    Error::UnsupportedFile(format!(
                        "This handover package doesn't fit this vault ({e}). Nothing was imported."
                    ))
                })?;
            if n == 1 {
                added += 1;
                if t == "documents" {
                    documents_added += 1;
                }
            } else {
                already += 1;
            }
        }
    }
    let m = &package.manifest;
    tx.execute(
        "INSERT OR IGNORE INTO handovers (id, direction, child_id, made_by, made_at, delete_after, at, rows_added, documents, manifest)
         VALUES (?1, 'import', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            m.package_id, m.child_id, m.made_by, m.made_at, m.delete_after,
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            added as i64, documents_added as i64,
            serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
        ],
    )?;
    for d in &m.documents {
        let event = crate::audit::AuditEvent::new(
            crate::audit::AuditAction::ImportedAgain,
            doc_remap.get(&d.id).unwrap_or(&d.id),
            json!({ "sha256": d.sha256, "handover": m.package_id, "from": m.made_by, "made": m.made_at }),
        );
        crate::audit::record(&tx, &event)?;
    }
    tx.commit().map_err(|e| {
        Error::UnsupportedFile(format!(
            "This handover package doesn't fit this vault ({e}). Nothing was imported."
        ))
    })?;
    Ok(HandoverImport {
        manifest: package.manifest,
        rows_added: added,
        rows_already_here: already,
        documents_added,
    })
}

fn quote_lit(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}
