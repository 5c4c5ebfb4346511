//! What a handover package brings, as the areas that own tables receive it: rows by table, already
//! unsealed and checked against the exchange format. The exchange module only unpacks, verifies and
//! dispatches; each area takes in its own rows with its own rules (see `record::take_in`,
//! `documents::take_in`, `milestones::take_in`, `bundle::take_in`).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::rows::quote;
use crate::error::{Error, Result};

/// One table of the exchange format: the columns a package carries for it (exactly these) and
/// the columns that identify a row (a row already here under that key is left as it is).
#[derive(Debug, Clone, Copy)]
pub struct Exchanged {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub key: &'static [&'static str],
}

impl Exchanged {
    /// A table that travels: its name, the columns copied, and the columns that identify a row.
    pub const fn new(
        table: &'static str,
        columns: &'static [&'static str],
        key: &'static [&'static str],
    ) -> Exchanged {
        Exchanged { table, columns, key }
    }
}

/// The rows of one table in a package.
#[derive(Debug, Clone, Default)]
pub struct ReceivedTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Everything a package brings, by table, with who sent it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub package_id: String,
    pub made_by: String,
    pub source_vault: String,
    pub tables: BTreeMap<String, ReceivedTable>,
}

/// One received row, read by column name.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    columns: &'a [String],
    values: &'a [Value],
}

const NULL: Value = Value::Null;

impl<'a> Row<'a> {
    pub fn get(&self, column: &str) -> &'a Value {
        self.columns.iter().position(|c| c == column).map(|i| &self.values[i]).unwrap_or(&NULL)
    }

    pub fn text(&self, column: &str) -> Option<&'a str> {
        match self.get(column) {
            Value::Text(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn int(&self, column: &str) -> Option<i64> {
        match self.get(column) {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// The values of `columns`, in that order.
    pub fn values_of(&self, columns: &[&str]) -> Vec<Value> {
        columns.iter().map(|c| self.get(c).clone()).collect()
    }
}

impl Received {
    pub fn rows(&self, table: &str) -> Vec<Row<'_>> {
        match self.tables.get(table) {
            Some(t) => t.rows.iter().map(|r| Row { columns: &t.columns, values: r }).collect(),
            None => Vec::new(),
        }
    }

    /// The text values of one column over a table's rows (such as every id it brings).
    pub fn texts(&self, table: &str, column: &str) -> BTreeSet<String> {
        self.rows(table).iter().filter_map(|r| r.text(column).map(str::to_owned)).collect()
    }
}

/// A package that breaks the rules of the exchange format or of the area taking it in: one line,
/// nothing imported.
pub fn refused(why: impl std::fmt::Display) -> Error {
    Error::UnsupportedFile(format!(
        "This handover package was refused: {why}. Nothing was imported."
    ))
}

/// Is a row with this key already here? `key` names columns of `spec.key`.
pub fn exists(conn: &Connection, spec: &Exchanged, row: &Row) -> Result<bool> {
    let cond = spec
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} IS ?{}", quote(c), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let found: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE {cond})", quote(spec.table)),
        params_from_iter(row.values_of(spec.key)),
        |r| r.get(0),
    )?;
    Ok(found)
}

/// Inserts a received row into its owner's table: the exchange format's columns as they came,
/// except those in `set`, which take the given values (a new number, the family, a remapped id).
/// Called only by the area that owns `spec.table`.
pub fn insert(conn: &Connection, spec: &Exchanged, row: &Row, set: &[(&str, Value)]) -> Result<()> {
    let mut cols: Vec<&str> = spec.columns.to_vec();
    let mut values: Vec<Value> = row.values_of(spec.columns);
    for (c, v) in set {
        match cols.iter().position(|x| x == c) {
            Some(i) => values[i] = v.clone(),
            None => {
                cols.push(c);
                values.push(v.clone());
            }
        }
    }
    let list = cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
    let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    conn.execute(
        &format!("INSERT INTO {} ({list}) VALUES ({marks})", quote(spec.table)),
        params_from_iter(values),
    )
    .map_err(|e| refused(format!("a row of {} doesn't fit this vault ({e})", spec.table)))?;
    Ok(())
}
