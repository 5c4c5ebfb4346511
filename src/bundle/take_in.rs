//! Taking in saved packs from a handover package (called by `exchange` once the record has taken
//! in its rows): a pack's child must be the package family's; a pack already here keeps its own
//! builds, and a build already here is left as it is.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::exchange::{exists, insert, refused, Exchanged, Received};
use crate::record::take_in::belongs;

const PACKS: Exchanged = Exchanged {
    table: "bundle_packs",
    columns: &[
        "id",
        "child_id",
        "kind",
        "title",
        "request",
        "created",
        "updated",
        "last_built",
        "last_sha256",
        "last_fingerprint",
        "last_pages",
    ],
    key: &["id"],
};
const ISSUES: Exchanged = Exchanged {
    table: "bundle_issues",
    columns: &[
        "pack_id",
        "issue",
        "built",
        "sha256",
        "fingerprint",
        "pages",
        "late_from",
        "plan",
        "texts",
    ],
    key: &["pack_id", "issue"],
};

/// The packs' tables in the exchange format.
pub const EXCHANGED: &[Exchanged] = &[PACKS, ISSUES];

/// Checks and takes in the package's saved packs for `family`; returns the rows added.
pub fn take_in(conn: &Connection, received: &Received, family: &str) -> Result<usize> {
    let packs = received.texts("bundle_packs", "id");
    for p in received.rows("bundle_packs") {
        let child = p.text("child_id").unwrap_or_default();
        if !belongs(conn, received, "children", child, family)? {
            return Err(refused(format!(
                "a pack points at {child}, which is neither in the package nor this family's"
            )));
        }
        let id = p.text("id").unwrap_or_default();
        let here: Option<String> = conn
            .query_row("SELECT child_id FROM bundle_packs WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(here) = here {
            if !belongs(conn, received, "children", &here, family)? {
                return Err(refused(format!(
                    "it names {id}, which belongs to another family in this vault"
                )));
            }
        }
    }
    for i in received.rows("bundle_issues") {
        if !i.text("pack_id").is_some_and(|p| packs.contains(p)) {
            return Err(refused("a pack's build points at a pack it doesn't bring"));
        }
    }
    let mut added = 0;
    for spec in [&PACKS, &ISSUES] {
        for r in received.rows(spec.table) {
            if !exists(conn, spec, &r)? {
                insert(conn, spec, &r, &[])?;
                added += 1;
            }
        }
    }
    Ok(added)
}
