//! Families: a vault holds one or more (a family's own vault: one; an advocate's: many), each with
//! its children and people. What else belongs to a family follows from those: correspondence and
//! plans through the child, documents through their links (the documents module asks
//! `family_targets` which ids count).

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::now_stamp;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

/// One family and its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Family {
    pub id: String,
    pub name: String,
    pub created: String,
    /// Ids of the family's children, by name.
    pub child_ids: Vec<String>,
}

pub(crate) fn unknown_family(id: &str) -> Error {
    Error::NotFound(format!(
        "There is no family with the id {id} in this vault. `carefile caseload` shows the ids."
    ))
}

/// Every family, by name.
pub fn list_families(vault: &Vault) -> Result<Vec<Family>> {
    let conn = vault.conn();
    let mut stmt =
        conn.prepare("SELECT id, name, created FROM families ORDER BY name COLLATE NOCASE, id")?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut kids = conn
        .prepare("SELECT id FROM children WHERE family_id = ?1 ORDER BY name COLLATE NOCASE, id")?;
    let mut out = Vec::new();
    for (id, name, created) in rows {
        let child_ids =
            kids.query_map([&id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        out.push(Family { id, name, created, child_ids });
    }
    Ok(out)
}

/// One family.
pub fn get_family(vault: &Vault, id: &str) -> Result<Family> {
    list_families(vault)?.into_iter().find(|f| f.id == id).ok_or_else(|| unknown_family(id))
}

/// The family a child belongs to.
pub fn family_of_child(vault: &Vault, child_id: &str) -> Result<String> {
    vault
        .conn()
        .query_row("SELECT family_id FROM children WHERE id = ?1", [child_id], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten()
        .ok_or_else(|| super::children::unknown_child(child_id))
}

/// Every id a document of the family can be linked to: its children, people, correspondence and
/// plans. A document belongs to the families whose ids it is linked to.
pub fn family_targets(conn: &Connection, family_id: &str) -> Result<BTreeSet<String>> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM families WHERE id = ?1)", [family_id], |r| {
            r.get(0)
        })?;
    if !exists {
        return Err(unknown_family(family_id));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM children WHERE family_id = ?1
         UNION SELECT id FROM people WHERE family_id = ?1
         UNION SELECT c.id FROM correspondence c
                WHERE c.child_id IN (SELECT id FROM children WHERE family_id = ?1)
                   OR (c.child_id IS NULL AND c.person_id IN (SELECT id FROM people WHERE family_id = ?1))
         UNION SELECT p.id FROM plans p WHERE p.child_id IN (SELECT id FROM children WHERE family_id = ?1)",
    )?;
    let ids = stmt.query_map([family_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The family a new child joins when none is named: the vault's only family, or a new one named
/// after the child when the vault has none or several (an advocate's new family).
pub(crate) fn family_for_new_child(conn: &Connection, child_name: &str) -> Result<String> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM families LIMIT 2")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.len() == 1 {
        return Ok(ids[0].clone());
    }
    let id = new_id("fa");
    conn.execute(
        "INSERT INTO families (id, name, created) VALUES (?1, ?2, ?3)",
        params![id, child_name, now_stamp()],
    )?;
    Ok(id)
}

/// The family a new person belongs to when none is named: the vault's only family, or none (a
/// contact shared by the families of an advocate's vault until linked).
pub(crate) fn family_for_new_person(conn: &Connection) -> Result<Option<String>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM families LIMIT 2")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids.len() == 1).then(|| ids[0].clone()))
}

/// Renames a family (blank names are refused).
pub fn rename_family(vault: &mut Vault, id: &str, name: &str) -> Result<Family> {
    let name = super::required(name, "the family's name")?;
    if vault.conn().execute("UPDATE families SET name = ?2 WHERE id = ?1", params![id, name])? == 0
    {
        return Err(unknown_family(id));
    }
    get_family(vault, id)
}

/// The date of the last contact recorded with or about a child (the latest correspondence).
pub fn last_contact(vault: &Vault, child_id: &str) -> Result<Option<String>> {
    Ok(vault.conn().query_row(
        "SELECT max(coalesce(dated, sent, received, substr(created, 1, 10)))
           FROM correspondence WHERE child_id = ?1",
        [child_id],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    #[test]
    fn a_vault_made_before_families_gets_one_family_holding_everyone() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(include_str!("migrations/0002_record.sql")).unwrap();
        c.execute_batch(
            "INSERT INTO children (id, name, dob, created) VALUES ('ch_1', 'Sam', '2016-01-01', '2025-01-01');
             INSERT INTO children (id, name, dob, created) VALUES ('ch_2', 'Kim', '2018-01-01', '2025-02-01');
             INSERT INTO people (id, name, created) VALUES ('pe_1', 'Ms Lee', '2025-01-01');",
        )
        .unwrap();
        c.execute_batch(include_str!("migrations/0004_families.sql")).unwrap();
        let (n, name): (i64, String) = c
            .query_row("SELECT count(*), max(name) FROM families", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n, name.as_str()), (1, "Sam"));
        let unassigned: i64 = c
            .query_row(
                "SELECT (SELECT count(*) FROM children WHERE family_id IS NULL)
                      + (SELECT count(*) FROM people WHERE family_id IS NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unassigned, 0);
        // An empty vault gets no family until its first child.
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(include_str!("migrations/0002_record.sql")).unwrap();
        c.execute_batch(include_str!("migrations/0004_families.sql")).unwrap();
        let n: i64 = c.query_row("SELECT count(*) FROM families", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        let id = super::family_for_new_child(&c, "Ada").unwrap();
        assert_eq!(super::family_for_new_child(&c, "Ben").unwrap(), id);
    }
}
