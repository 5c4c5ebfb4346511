//! Taking in recorded deadline events from a handover package (called by `exchange` once the
//! record has taken in its rows): each event's child and correspondence must be the package
//! family's; an event already here is left as it is. Settings stay this vault's own.

use rusqlite::Connection;

use crate::error::Result;
use crate::exchange::{exists, insert, refused, Exchanged, Received};
use crate::record::take_in::belongs;

const EVENTS: Exchanged = Exchanged {
    table: "deadline_events",
    columns: &[
        "id",
        "child_id",
        "kind",
        "dated",
        "until",
        "tribunal_order",
        "review_outcome",
        "days",
        "correspondence_id",
        "note",
        "created",
    ],
    key: &["id"],
};

/// The milestones' tables in the exchange format.
pub const EXCHANGED: &[Exchanged] = &[EVENTS];

/// Checks and takes in the package's deadline events for `family`; returns the rows added.
pub fn take_in(conn: &Connection, received: &Received, family: &str) -> Result<usize> {
    for e in received.rows("deadline_events") {
        let child = e.text("child_id").unwrap_or_default();
        if !belongs(conn, received, "children", child, family)? {
            return Err(refused(format!(
                "a deadline event points at {child}, which is neither in the package nor this family's"
            )));
        }
        if let Some(c) = e.text("correspondence_id") {
            if !belongs(conn, received, "correspondence", c, family)? {
                return Err(refused(format!(
                    "a deadline event points at {c}, which is neither in the package nor this family's"
                )));
            }
        }
        let id = e.text("id").unwrap_or_default();
        let other: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT child_id FROM deadline_events WHERE id = ?1",
            [id],
            |r| r.get(0),
        ))?;
        if let Some(other) = other {
            if !belongs(conn, received, "children", &other, family)? {
                return Err(refused(format!(
                    "it names {id}, which belongs to another family in this vault"
                )));
            }
        }
    }
    let mut added = 0;
    for e in received.rows("deadline_events") {
        if !exists(conn, &EVENTS, &e)? {
            insert(conn, &EVENTS, &e, &[])?;
            added += 1;
        }
    }
    Ok(added)
}
