//! Taking in the record's rows from a handover package (called by `exchange` after it has unsealed
//! and checked the package against the exchange format). The rules are the record's: a package
//! brings exactly one family; every row it brings, and every row it points at, belongs to that
//! family (in the package or already here); a row already here is left as it is.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::now_stamp;
use crate::error::Result;
use crate::exchange::{exists, insert, refused, Exchanged, Received};

/// The record's tables in the exchange format, parents first.
pub const EXCHANGED: &[Exchanged] = &[
    Exchanged::new("families", &["id", "name", "created"], &["id"]),
    Exchanged::new(
        "people",
        &[
            "id",
            "name",
            "role",
            "organisation",
            "email",
            "phone",
            "address",
            "notes",
            "created",
            "family_id",
        ],
        &["id"],
    ),
    Exchanged::new(
        "children",
        &[
            "id",
            "name",
            "preferred_name",
            "dob",
            "local_authority",
            "setting",
            "about_likes",
            "about_matters",
            "about_support",
            "created",
            "family_id",
        ],
        &["id"],
    ),
    Exchanged::new(
        "correspondence",
        &[
            "id",
            "child_id",
            "person_id",
            "kind",
            "direction",
            "subject",
            "dated",
            "sent",
            "received",
            "channel",
            "proof_of_delivery",
            "summary",
            "created",
        ],
        &["id"],
    ),
    Exchanged::new(
        "correspondence_actions",
        &["id", "correspondence_id", "position", "action", "owner", "due", "done"],
        &["id"],
    ),
    Exchanged::new(
        "plans",
        &[
            "id",
            "child_id",
            "kind",
            "title",
            "local_authority",
            "named_setting",
            "caseworker_id",
            "ceased",
            "created",
        ],
        &["id"],
    ),
    Exchanged::new(
        "plan_versions",
        &["id", "plan_id", "number", "stage", "issued", "frozen", "note", "created"],
        &["id"],
    ),
    Exchanged::new(
        "plan_sections",
        &["version_id", "section", "label", "position", "text"],
        &["version_id", "section"],
    ),
    Exchanged::new(
        "plan_needs",
        &["version_id", "need_id", "section", "position", "area", "text"],
        &["version_id", "need_id"],
    ),
    Exchanged::new(
        "plan_outcomes",
        &["version_id", "outcome_id", "position", "text", "pfa_area", "by_when"],
        &["version_id", "outcome_id"],
    ),
    Exchanged::new(
        "plan_provision",
        &[
            "version_id",
            "provision_id",
            "section",
            "position",
            "what",
            "who",
            "qualification",
            "times",
            "per",
            "minutes",
            "group_size",
            "place",
            "start_date",
            "end_date",
            "funded_by",
        ],
        &["version_id", "provision_id"],
    ),
    Exchanged::new(
        "plan_provision_needs",
        &["version_id", "provision_id", "need_id"],
        &["version_id", "provision_id", "need_id"],
    ),
    Exchanged::new(
        "outcome_progress",
        &["id", "plan_id", "outcome_id", "dated", "source", "note", "created"],
        &["id"],
    ),
    Exchanged::new(
        "delivery_sessions",
        &[
            "id",
            "plan_id",
            "provision_id",
            "dated",
            "status",
            "minutes",
            "reason",
            "note",
            "created",
        ],
        &["id"],
    ),
    Exchanged::new(
        "sen_support_cycles",
        &[
            "id",
            "child_id",
            "started",
            "assessment",
            "outcomes",
            "support",
            "expected_impact",
            "review_due",
            "reviewed",
            "review_notes",
            "created",
        ],
        &["id"],
    ),
    Exchanged::new(
        "child_photos",
        &["child_id", "format", "width", "height", "bytes", "updated"],
        &["child_id"],
    ),
];

/// The columns of each table that point at another row of the record: (column, table).
fn references(table: &str) -> &'static [(&'static str, &'static str)] {
    match table {
        "correspondence" => &[("child_id", "children"), ("person_id", "people")],
        "correspondence_actions" => &[("correspondence_id", "correspondence")],
        "plans" => &[("child_id", "children"), ("caseworker_id", "people")],
        "plan_versions" => &[("plan_id", "plans")],
        "plan_sections"
        | "plan_needs"
        | "plan_outcomes"
        | "plan_provision"
        | "plan_provision_needs" => &[("version_id", "plan_versions")],
        "outcome_progress" | "delivery_sessions" => &[("plan_id", "plans")],
        "sen_support_cycles" | "child_photos" => &[("child_id", "children")],
        _ => &[],
    }
}

/// Where a row held here belongs: `None` when there is no such row, `Some(None)` for a row that
/// belongs to no family (a contact shared by an advocate's families).
fn family_here(conn: &Connection, table: &str, id: &str) -> Result<Option<Option<String>>> {
    let sql = match table {
        "families" => "SELECT id FROM families WHERE id = ?1",
        "children" => "SELECT family_id FROM children WHERE id = ?1",
        "people" => "SELECT family_id FROM people WHERE id = ?1",
        "correspondence" => {
            "SELECT coalesce((SELECT family_id FROM children WHERE id = c.child_id),
                             (SELECT family_id FROM people WHERE id = c.person_id))
               FROM correspondence c WHERE c.id = ?1"
        }
        "correspondence_actions" => {
            "SELECT coalesce((SELECT family_id FROM children WHERE id = c.child_id),
                             (SELECT family_id FROM people WHERE id = c.person_id))
               FROM correspondence_actions a JOIN correspondence c ON c.id = a.correspondence_id
              WHERE a.id = ?1"
        }
        "plans" => {
            "SELECT ch.family_id FROM plans p JOIN children ch ON ch.id = p.child_id WHERE p.id = ?1"
        }
        "plan_versions" => {
            "SELECT ch.family_id FROM plan_versions v JOIN plans p ON p.id = v.plan_id
               JOIN children ch ON ch.id = p.child_id WHERE v.id = ?1"
        }
        _ => return Ok(None),
    };
    Ok(conn.query_row(sql, [id], |r| r.get::<_, Option<String>>(0)).optional()?)
}

/// True when `id` (a row of `table`) is brought by the package, or is held here and belongs to
/// `family` (or, for a person, to no family).
pub(crate) fn belongs(
    conn: &Connection,
    received: &Received,
    table: &str,
    id: &str,
    family: &str,
) -> Result<bool> {
    if received.rows(table).iter().any(|r| r.text("id") == Some(id)) {
        return Ok(true);
    }
    Ok(match family_here(conn, table, id)? {
        Some(Some(f)) => f == family,
        Some(None) => table == "people",
        None => false,
    })
}

/// A link target kind (as documents store it) → the record table holding it.
pub(crate) fn table_of_target(kind: &str) -> Option<&'static str> {
    match kind {
        "child" => Some("children"),
        "person" => Some("people"),
        "correspondence" => Some("correspondence"),
        "plan" => Some("plans"),
        _ => None,
    }
}

/// Checks and takes in the record's rows; returns the package's family and the rows added.
pub fn take_in(conn: &Connection, received: &Received) -> Result<(String, usize)> {
    let families = received.rows("families");
    let [family_row] = families.as_slice() else {
        return Err(refused("it must bring exactly one family"));
    };
    let Some(family) = family_row.text("id").map(str::to_owned) else {
        return Err(refused("its family has no id"));
    };
    for child in received.rows("children") {
        if child.text("family_id") != Some(family.as_str()) {
            return Err(refused("a child in it belongs to a different family than the package"));
        }
    }
    for person in received.rows("people") {
        if person.text("family_id").is_some_and(|f| f != family) {
            return Err(refused("a person in it belongs to a different family than the package"));
        }
    }
    // Every row: already here only within this family; everything it points at in this family.
    for spec in EXCHANGED {
        for row in received.rows(spec.table) {
            if spec.key == ["id"] {
                let Some(id) = row.text("id") else {
                    return Err(refused(format!("a row of {} has no id", spec.table)));
                };
                if let Some(here) = family_here(conn, spec.table, id)? {
                    let ok = match here {
                        Some(f) => f == family,
                        None => spec.table == "people",
                    };
                    if !ok {
                        return Err(refused(format!(
                            "it names {id}, which belongs to another family in this vault"
                        )));
                    }
                }
            }
            for (column, parent) in references(spec.table) {
                let Some(id) = row.text(column) else {
                    if matches!(row.get(column), Value::Null) {
                        continue;
                    }
                    return Err(refused(format!("{}.{column} is not an id", spec.table)));
                };
                if !belongs(conn, received, parent, id, &family)? {
                    return Err(refused(format!(
                        "{}.{column} points at {id}, which is neither in the package nor this family's",
                        spec.table
                    )));
                }
            }
        }
    }
    let mut added = 0;
    let here: Option<String> = conn
        .query_row("SELECT id FROM families WHERE id = ?1", [&family], |r| r.get(0))
        .optional()?;
    if here.is_none() {
        let name = family_row.text("name").unwrap_or("Family");
        let created = family_row.text("created").map(str::to_owned).unwrap_or_else(now_stamp);
        conn.execute(
            "INSERT INTO families (id, name, created) VALUES (?1, ?2, ?3)",
            params![family, name, created],
        )?;
        added += 1;
    }
    // Children of the record before their parents: an issued plan version refuses new sections,
    // so a version is added after what it holds (foreign keys are checked at commit).
    conn.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    for spec in EXCHANGED.iter().rev().filter(|s| s.table != "families") {
        for row in received.rows(spec.table) {
            if exists(conn, spec, &row)? {
                continue;
            }
            let set: Vec<(&str, Value)> = if spec.table == "people" {
                vec![("family_id", Value::Text(family.clone()))]
            } else {
                vec![]
            };
            insert(conn, spec, &row, &set)?;
            added += 1;
        }
    }
    index_received(conn, received)?;
    Ok((family, added))
}

/// Puts the received words into the search index, item by item, in the importing transaction.
fn index_received(conn: &Connection, received: &Received) -> Result<()> {
    use std::collections::BTreeSet;
    let ids = |table: &str, column: &str| -> BTreeSet<String> {
        received.rows(table).iter().filter_map(|r| r.text(column).map(str::to_owned)).collect()
    };
    let mut letters = ids("correspondence", "id");
    letters.extend(ids("correspondence_actions", "correspondence_id"));
    for id in letters {
        super::search_text::index_correspondence(conn, &id)?;
    }
    let mut plans = ids("plans", "id");
    plans.extend(ids("plan_versions", "plan_id"));
    for version in ids("plan_sections", "version_id") {
        let plan: Option<String> = conn
            .query_row("SELECT plan_id FROM plan_versions WHERE id = ?1", [&version], |r| r.get(0))
            .optional()?;
        plans.extend(plan);
    }
    for plan in plans {
        super::search_text::index_plan(conn, &plan)?;
    }
    for note in ids("outcome_progress", "id") {
        super::search_text::index_note(conn, &note)?;
    }
    Ok(())
}
