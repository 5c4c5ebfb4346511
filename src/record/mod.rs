//! The child's record: children, people and organisations, correspondence and the contact log,
//! plans with immutable versions (sections A–K, needs, outcomes, provision), the provision check,
//! the delivery log and its summary against a term calendar, outcome progress notes, SEN Support
//! cycles, and the chronology derived from all of them.
//!
//! This module owns the tables created by `migrations/0002_record.sql` and
//! `migrations/0003_child_photos.sql`, and is the only place that reads or writes them. It must
//! never change a plan version once it has been issued (the database refuses too), never store a
//! date twice (the chronology is derived, not typed), and never write anything when the input is
//! invalid: every function validates first, then writes in one transaction.

pub mod children;
pub mod chronology;
mod chronology_export;
pub mod compare;
pub mod correspondence;
pub mod delivery;
pub mod families;
pub mod outcomes;
pub mod people;
pub mod photo;
mod planned;
pub mod plans;
pub mod provision_check;
pub mod search_text;
pub mod sen_support;
pub mod take_in;
pub mod terms;

pub use children::{
    add_child, get_child, list_children, school_year_of, update_child, year_group, AboutMe, Child,
    NewChild, YearGroup,
};
pub use chronology::{chronology, ChronologyEntry, ChronologyFilter, ChronologyKind};
pub use chronology_export::{chronology_csv, chronology_file, chronology_pdf, ChronologyFile};
pub use compare::{
    compare_versions, word_diff, DiffKind, DiffSegment, SectionChange, VersionComparison,
};
pub use correspondence::{
    add_correspondence, confirm_in_writing, get_correspondence, list_correspondence, primary_date,
    set_correspondence_person, AgreedAction, Correspondence, CorrespondenceKind, Direction,
    NewAgreedAction, NewCorrespondence,
};
pub use delivery::{
    add_delivery, delivery_summary, list_deliveries, planned_sessions, school_year_period,
    DeliveryItemSummary, DeliverySession, DeliveryStatus, NewDelivery,
};
pub use families::{
    family_of_child, family_targets, get_family, last_contact, list_families, rename_family, Family,
};
pub use outcomes::{
    add_outcome, add_progress_note, list_progress_notes, NewOutcome, NewProgressNote, ProgressNote,
    ProgressSource,
};
pub use people::{add_person, get_person, list_people, update_person, NewPerson, Person};
pub use photo::{
    child_photo, child_photo_info, remove_child_photo, set_child_photo, set_child_photo_file,
    Photo, PhotoFormat, PhotoInfo, MAX_PHOTO_BYTES,
};
pub use plans::{
    add_need, add_plan, add_provision, cease_plan, get_plan, get_version, issue_version,
    list_plans, list_versions, remove_item, set_section, update_provision, Frequency, Need,
    NewNeed, NewPlan, NewProvision, Outcome, Per, PfaArea, Plan, PlanKind, PlanStatus, PlanVersion,
    ProvisionItem, Section, SectionText, Stage, VersionSummary,
};
pub use provision_check::{
    check_provision, check_version, vague_phrases_in, CheckFinding, FindingKind, VaguePhrase,
    VAGUE_PHRASES,
};
pub use sen_support::{
    add_sen_support_cycle, list_sen_support_cycles, review_sen_support_cycle, sen_support_warnings,
    NewSenSupportCycle, SenSupportCycle, SenSupportWarning, SenSupportWarningKind,
};
pub use terms::{
    default_terms, remove_term, school_days, set_term_dates, set_terms, terms_between,
    terms_for_year, Term, TermDates, TermName,
};

use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::Row;

use crate::error::{Error, Result};

/// Parses a date typed as `YYYY-MM-DD`, naming the field in the error.
pub fn parse_date(label: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "The {label} \"{}\" isn't a date Carefile can read. Write it as YYYY-MM-DD, such as 2025-11-14.",
            text.trim()
        ))
    })
}

/// A date as people in Britain read it: `14 Nov 2025` (the one copy is `deadlines::format_uk`).
pub use crate::deadlines::format_uk as british_date;

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) use crate::ids::now_stamp;

pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Trims text; blank text counts as "not given".
pub(crate) fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Trimmed text that must not be blank.
pub(crate) fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(format!("Give {what}; it can't be left blank.")));
    }
    Ok(t.to_owned())
}

pub(crate) fn not_in_future(date: NaiveDate, label: &str) -> Result<()> {
    if date > today() {
        return Err(Error::invalid(format!(
            "The {label} ({}) is in the future. Check the date and try again.",
            british_date(date)
        )));
    }
    Ok(())
}

pub(crate) fn not_before(
    later: NaiveDate,
    earlier: NaiveDate,
    later_label: &str,
    earlier_label: &str,
) -> Result<()> {
    if later < earlier {
        return Err(Error::invalid(format!(
            "The {later_label} ({}) is before the {earlier_label} ({}). Check both dates.",
            british_date(later),
            british_date(earlier)
        )));
    }
    Ok(())
}

fn conversion<E: std::error::Error + Send + Sync + 'static>(idx: usize, e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

pub(crate) fn get_date(row: &Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(idx)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| conversion(idx, e))
}

pub(crate) fn get_opt_date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| conversion(idx, e)))
        .transpose()
}

/// An unknown value read back from the database: only a damaged or hand-edited vault has one.
#[derive(Debug)]
pub(crate) struct UnknownValue(pub String);

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown value {:?}", self.0)
    }
}

impl std::error::Error for UnknownValue {}

/// A closed set of words stored as text: `as_str` for the database and `--json`, `parse` for the
/// CLI and for reading back, and SQL conversions.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident ($what:literal) { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Accepts the stored word, with `-` or spaces for `_`, in any case.
            pub fn parse(text: &str) -> $crate::error::Result<Self> {
                let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $(if t == $text.to_ascii_lowercase() {
                    return Ok($name::$variant);
                })+
                Err($crate::error::Error::invalid(format!(
                    "\"{}\" isn't a {} Carefile knows. Use one of: {}.",
                    text.trim(),
                    $what,
                    [$($text),+].join(", ")
                )))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(rusqlite::types::FromSqlError::Other(Box::new(
                        $crate::record::UnknownValue(other.to_owned()),
                    ))),
                }
            }
        }
    };
}
pub(crate) use text_enum;

/// Fails with `NotFound` unless a row with `id` exists in `table`.
pub(crate) fn ensure_exists(
    conn: &rusqlite::Connection,
    table: &str,
    id: &str,
    message: impl FnOnce() -> String,
) -> Result<()> {
    // `table` is always a literal from this module, never user input.
    let sql = format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE id = ?1)");
    let found: bool = conn.query_row(&sql, [id], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(Error::NotFound(message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_iso_and_show_british() {
        let d = parse_date("date of birth", " 2016-03-04 ").unwrap();
        assert_eq!(british_date(d), "4 Mar 2016");
        let e = parse_date("date of birth", "04/03/2016").unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn blank_text_is_not_given() {
        assert_eq!(clean(Some("  ")), None);
        assert_eq!(clean(Some(" a ")), Some("a".into()));
        assert!(required(" ", "a name").is_err());
    }
}
