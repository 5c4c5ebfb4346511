//! The record's subcommands: argument parsing and printing over `carefile::record`, one file
//! each: `child` (its photo in `photo.rs`), `person` (in `people.rs`), `log`, `plan`,
//! `provision`, `delivery`, `terms`, `chronology` and `demo`. This file keeps the helpers they
//! share.

use crate::vault_cmd::to_json;
use carefile::record::{british_date, parse_date};
use carefile::Error;
use chrono::NaiveDate;

mod child;
mod chronology;
mod delivery;
mod demo;
mod log;
mod people;
mod photo;
mod plan;
mod provision;
mod terms;
pub use child::{child, ChildCommand};
pub use chronology::{chronology, ChronologyArgs};
pub use delivery::{delivery, DeliveryCommand};
pub use demo::demo;
pub use log::{log, LogCommand};
pub use people::{person, PersonCommand};
pub use plan::{plan, PlanCommand};
pub use provision::{provision, ProvisionCommand};
pub use terms::{terms, TermsCommand};

fn date(label: &str, text: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.as_deref().map(|t| parse_date(label, t)).transpose()
}

fn show_date(d: Option<NaiveDate>) -> String {
    d.map(british_date).unwrap_or_else(|| "-".into())
}
