//! People and organisations: the LA caseworker, the SENCO, therapists and other professionals.
//! Correspondence and plans point at them; a person is never deleted from under those links.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{clean, now_stamp, required};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Such as "SEN caseworker", "SENCO", "Speech and language therapist".
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub created: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewPerson {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

/// The name, checked; and the email, if given, must look like one.
fn validate(input: &NewPerson) -> Result<String> {
    let name = required(&input.name, "a name for the person or organisation")?;
    if let Some(email) = clean(input.email.as_deref()) {
        if !email.contains('@') {
            return Err(Error::invalid(format!(
                "\"{email}\" doesn't look like an email address. Check it, or leave it blank."
            )));
        }
    }
    Ok(name)
}

/// Adds a person or organisation (for an organisation alone, put its name in `name`).
pub fn add_person(vault: &mut Vault, input: &NewPerson) -> Result<Person> {
    let name = validate(input)?;
    let id = new_id("pe");
    let family = super::families::family_for_new_person(vault.conn())?;
    vault.conn().execute(
        "INSERT INTO people (id, name, role, organisation, email, phone, address, notes, created,
             family_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            name,
            clean(input.role.as_deref()),
            clean(input.organisation.as_deref()),
            clean(input.email.as_deref()),
            clean(input.phone.as_deref()),
            clean(input.address.as_deref()),
            clean(input.notes.as_deref()),
            now_stamp(),
            family
        ],
    )?;
    get_person(vault, &id)
}

/// Replaces a person's details with `input` (blank optional fields are cleared). The id and the
/// links from correspondence and plans stay as they are.
pub fn update_person(vault: &mut Vault, id: &str, input: &NewPerson) -> Result<Person> {
    let name = validate(input)?;
    let changed = vault.conn().execute(
        "UPDATE people SET name = ?2, role = ?3, organisation = ?4, email = ?5, phone = ?6,
             address = ?7, notes = ?8
         WHERE id = ?1",
        params![
            id,
            name,
            clean(input.role.as_deref()),
            clean(input.organisation.as_deref()),
            clean(input.email.as_deref()),
            clean(input.phone.as_deref()),
            clean(input.address.as_deref()),
            clean(input.notes.as_deref()),
        ],
    )?;
    if changed == 0 {
        return Err(unknown_person(id));
    }
    get_person(vault, id)
}

const COLUMNS: &str = "id, name, role, organisation, email, phone, address, notes, created";

fn from_row(row: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        organisation: row.get(3)?,
        email: row.get(4)?,
        phone: row.get(5)?,
        address: row.get(6)?,
        notes: row.get(7)?,
        created: row.get(8)?,
    })
}

pub(crate) fn unknown_person(id: &str) -> Error {
    Error::NotFound(format!(
        "There is no person with the id {id} in this vault. Add them first, or check the id."
    ))
}

pub fn get_person(vault: &Vault, id: &str) -> Result<Person> {
    vault
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| unknown_person(id))
}

/// Everyone, by name.
pub fn list_people(vault: &Vault) -> Result<Vec<Person>> {
    let mut stmt = vault
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM people ORDER BY name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn ensure_person(vault: &Vault, id: &str) -> Result<()> {
    super::ensure_exists(vault.conn(), "people", id, || unknown_person(id).to_string())
}
