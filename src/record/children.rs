//! Children: who the record is about. A vault can hold several (an advocate keeps several
//! families). The year group is derived from the date of birth, never stored.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{clean, get_date, iso, not_in_future, now_stamp, required, today};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

/// The one-page-profile headings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AboutMe {
    /// What people like and admire about me.
    pub likes: String,
    /// What is important to me.
    pub matters: String,
    /// How best to support me.
    pub support: String,
}

/// A school year group in England: Reception is 0, Year 1 is 1, Nursery is -1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct YearGroup {
    pub number: i32,
    /// "Reception", "Year 9", "Nursery", "Not yet of school age", "Past Year 13".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Child {
    pub id: String,
    pub name: String,
    pub preferred_name: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dob: NaiveDate,
    pub local_authority: Option<String>,
    pub setting: Option<String>,
    pub about_me: AboutMe,
    /// Derived from `dob` for today's date.
    pub year_group: YearGroup,
    pub created: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewChild {
    pub name: String,
    pub preferred_name: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub dob: NaiveDate,
    pub local_authority: Option<String>,
    pub setting: Option<String>,
    #[serde(default)]
    pub about_me: AboutMe,
}

/// The school year (by its starting calendar year) that `date` falls in: 1 Sept to 31 Aug.
pub fn school_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 9 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// England's year group for a child born on `dob`, on the date `on`. Children born between
/// 1 September and 31 August are in the same year; they start Reception in the school year in which
/// they turn five (Education Act 1996 s.8, "compulsory school age"; admissions follow the
/// 1 September cut-off). A child taught out of year group will differ: this is the expected group.
pub fn year_group(dob: NaiveDate, on: NaiveDate) -> YearGroup {
    let number = school_year_of(on) - school_year_of(dob) - 5;
    let label = match number {
        n if n < -1 => "Not yet of school age".to_owned(),
        -1 => "Nursery".to_owned(),
        0 => "Reception".to_owned(),
        n if n <= 13 => format!("Year {n}"),
        _ => "Past Year 13".to_owned(),
    };
    YearGroup { number, label }
}

fn validate(input: &NewChild) -> Result<NewChild> {
    let name = required(&input.name, "the child's name")?;
    not_in_future(input.dob, "date of birth")?;
    Ok(NewChild {
        name,
        preferred_name: clean(input.preferred_name.as_deref()),
        dob: input.dob,
        local_authority: clean(input.local_authority.as_deref()),
        setting: clean(input.setting.as_deref()),
        about_me: AboutMe {
            likes: input.about_me.likes.trim().to_owned(),
            matters: input.about_me.matters.trim().to_owned(),
            support: input.about_me.support.trim().to_owned(),
        },
    })
}

/// Adds a child. A blank name or a date of birth in the future is refused and nothing is written.
pub fn add_child(vault: &mut Vault, input: &NewChild) -> Result<Child> {
    let c = validate(input)?;
    let id = new_id("ch");
    let tx = vault.conn_mut().transaction()?;
    let family = super::families::family_for_new_child(&tx, &c.name)?;
    tx.execute(
        "INSERT INTO children (id, name, preferred_name, dob, local_authority, setting,
             about_likes, about_matters, about_support, created, family_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            c.name,
            c.preferred_name,
            iso(c.dob),
            c.local_authority,
            c.setting,
            c.about_me.likes,
            c.about_me.matters,
            c.about_me.support,
            now_stamp(),
            family
        ],
    )?;
    tx.commit()?;
    get_child(vault, &id)
}

/// Replaces a child's details with `input`.
pub fn update_child(vault: &mut Vault, id: &str, input: &NewChild) -> Result<Child> {
    let c = validate(input)?;
    let changed = vault.conn().execute(
        "UPDATE children SET name = ?2, preferred_name = ?3, dob = ?4, local_authority = ?5,
             setting = ?6, about_likes = ?7, about_matters = ?8, about_support = ?9
         WHERE id = ?1",
        params![
            id,
            c.name,
            c.preferred_name,
            iso(c.dob),
            c.local_authority,
            c.setting,
            c.about_me.likes,
            c.about_me.matters,
            c.about_me.support
        ],
    )?;
    if changed == 0 {
        return Err(unknown_child(id));
    }
    get_child(vault, id)
}

pub(crate) fn unknown_child(id: &str) -> Error {
    Error::NotFound(format!(
        "There is no child with the id {id} in this vault. `carefile child list` shows the ids."
    ))
}

const COLUMNS: &str = "id, name, preferred_name, dob, local_authority, setting, about_likes,
    about_matters, about_support, created";

fn from_row(row: &Row) -> rusqlite::Result<Child> {
    let dob = get_date(row, 3)?;
    Ok(Child {
        id: row.get(0)?,
        name: row.get(1)?,
        preferred_name: row.get(2)?,
        dob,
        local_authority: row.get(4)?,
        setting: row.get(5)?,
        about_me: AboutMe { likes: row.get(6)?, matters: row.get(7)?, support: row.get(8)? },
        year_group: year_group(dob, today()),
        created: row.get(9)?,
    })
}

pub fn get_child(vault: &Vault, id: &str) -> Result<Child> {
    vault
        .conn()
        .query_row(&format!("SELECT {COLUMNS} FROM children WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| unknown_child(id))
}

/// Every child, by name.
pub fn list_children(vault: &Vault) -> Result<Vec<Child>> {
    let mut stmt = vault
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM children ORDER BY name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn ensure_child(vault: &Vault, id: &str) -> Result<()> {
    super::ensure_exists(vault.conn(), "children", id, || unknown_child(id).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn year_group_follows_the_first_of_september_cut_off() {
        // Born 1 Sept 2019 and 31 Aug 2020: same cohort, Reception in 2024-25.
        assert_eq!(year_group(d(2019, 9, 1), d(2024, 9, 4)).label, "Reception");
        assert_eq!(year_group(d(2020, 8, 31), d(2024, 9, 4)).label, "Reception");
        // Born 31 Aug 2019: a year above.
        assert_eq!(year_group(d(2019, 8, 31), d(2024, 9, 4)).label, "Year 1");
        // The year group changes on 1 Sept, not on the birthday.
        assert_eq!(year_group(d(2015, 12, 25), d(2025, 8, 31)).label, "Year 4");
        assert_eq!(year_group(d(2015, 12, 25), d(2025, 9, 1)).label, "Year 5");
        assert_eq!(year_group(d(2022, 1, 1), d(2026, 1, 1)).label, "Nursery");
        assert_eq!(year_group(d(2025, 1, 1), d(2026, 1, 1)).number, -4);
        assert_eq!(year_group(d(2005, 1, 1), d(2026, 1, 1)).label, "Past Year 13");
        assert_eq!(year_group(d(2011, 10, 1), d(2025, 10, 1)).number, 9);
    }
}
