//! The term calendar that planned delivery is counted against. Term dates differ between local
//! authorities and schools, so the default is a typical England pattern the user can replace for
//! any school year; school days are weekdays in term, outside half term, that are not bank holidays.
//! INSET days are not known and so not removed: enter exact term dates to account for them.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{british_date, get_date, get_opt_date, iso, not_before, parse_date, text_enum};
use crate::deadlines::calendar::{easter_sunday, is_bank_holiday};
use crate::error::{Error, Result};
use crate::vault::Vault;

text_enum! {
    pub enum TermName ("term") {
        Autumn = "autumn",
        Spring = "spring",
        Summer = "summer",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// The calendar year the school year starts in: 2025 for 2025-26.
    pub school_year: i32,
    pub name: TermName,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub starts: NaiveDate,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub ends: NaiveDate,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub half_term_starts: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub half_term_ends: Option<NaiveDate>,
    /// True for Carefile's typical dates, false for dates the user entered.
    #[serde(default)]
    pub is_default: bool,
}

impl Term {
    /// Whether `date` is a school day in this term.
    pub fn is_school_day(&self, date: NaiveDate) -> bool {
        let in_half_term = matches!((self.half_term_starts, self.half_term_ends), (Some(s), Some(e)) if date >= s && date <= e);
        date >= self.starts
            && date <= self.ends
            && !in_half_term
            && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !is_bank_holiday(date)
    }

    /// The school days of this term from `from` to `to` inclusive.
    pub fn school_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let (from, to) = (from.max(self.starts), to.min(self.ends));
        from.iter_days().take_while(|d| *d <= to).filter(|d| self.is_school_day(*d)).collect()
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn on_or_after(date: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Days::new(u64::from(ahead))
}

fn on_or_before(date: NaiveDate, day: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    date - Days::new(u64::from(back))
}

/// The Monday-to-Friday week starting on `monday`.
fn week(monday: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (Some(monday), Some(monday + Days::new(4)))
}

/// A typical England school year starting in September of `school_year`: autumn from the first
/// Wednesday on or after 2 September to the Friday on or before 20 December, half term in the week
/// of the last Monday in October; spring from the first Monday on or after 4 January, half term in
/// the week from the Monday on or after 14 February, ending before the two Easter weeks; summer
/// after Easter to 22 July (or the Friday before), half term in the week of the late May bank
/// holiday. Local authorities vary: these are a starting point to edit.
pub fn default_terms(school_year: i32) -> Result<Vec<Term>> {
    let y = school_year;
    let build = || -> Option<Vec<Term>> {
        let last_oct_monday = on_or_before(ymd(y, 10, 31)?, Weekday::Mon);
        let (aht_s, aht_e) = week(last_oct_monday);
        let easter = easter_sunday(y + 1)?;
        let easter_holiday_monday = easter - Days::new(6);
        let (sht_s, sht_e) = week(on_or_after(ymd(y + 1, 2, 14)?, Weekday::Mon));
        let (suht_s, suht_e) = week(on_or_before(ymd(y + 1, 5, 31)?, Weekday::Mon));
        let july = ymd(y + 1, 7, 22)?;
        let summer_end = if matches!(july.weekday(), Weekday::Sat | Weekday::Sun) {
            on_or_before(july, Weekday::Fri)
        } else {
            july
        };
        let term = |name, starts, ends, hs, he| Term {
            school_year: y,
            name,
            starts,
            ends,
            half_term_starts: hs,
            half_term_ends: he,
            is_default: true,
        };
        Some(vec![
            term(
                TermName::Autumn,
                on_or_after(ymd(y, 9, 2)?, Weekday::Wed),
                on_or_before(ymd(y, 12, 20)?, Weekday::Fri),
                aht_s,
                aht_e,
            ),
            term(
                TermName::Spring,
                on_or_after(ymd(y + 1, 1, 4)?, Weekday::Mon),
                easter_holiday_monday - Days::new(3),
                sht_s,
                sht_e,
            ),
            term(
                TermName::Summer,
                easter_holiday_monday + Days::new(14),
                summer_end,
                suht_s,
                suht_e,
            ),
        ])
    };
    build().ok_or_else(|| {
        Error::invalid(format!(
            "Carefile can't work out term dates for the school year starting in {y}."
        ))
    })
}

fn stored_terms(vault: &Vault, school_year: i32) -> Result<Vec<Term>> {
    let mut stmt = vault.conn().prepare_cached(
        "SELECT school_year, term, starts, ends, half_term_starts, half_term_ends FROM term_dates
         WHERE school_year = ?1 ORDER BY starts",
    )?;
    let stored = stmt
        .query_map([school_year], |r| {
            Ok(Term {
                school_year: r.get(0)?,
                name: r.get(1)?,
                starts: get_date(r, 2)?,
                ends: get_date(r, 3)?,
                half_term_starts: get_opt_date(r, 4)?,
                half_term_ends: get_opt_date(r, 5)?,
                is_default: false,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(stored)
}

/// The three terms of a school year, in order: for each term the user's own dates if set,
/// otherwise Carefile's typical ones (so setting one term never loses the other two).
pub fn terms_for_year(vault: &Vault, school_year: i32) -> Result<Vec<Term>> {
    let stored = stored_terms(vault, school_year)?;
    Ok(merged(default_terms(school_year)?, &stored))
}

fn merged(mut terms: Vec<Term>, own: &[Term]) -> Vec<Term> {
    for t in &mut terms {
        if let Some(o) = own.iter().find(|o| o.school_year == t.school_year && o.name == t.name) {
            *t = Term { is_default: false, ..o.clone() };
        }
    }
    terms.sort_by_key(|t| t.name);
    terms
}

/// "the autumn term of 2025-26".
fn term_words(name: TermName, school_year: i32) -> String {
    format!("the {name} term of {school_year}-{:02}", (school_year + 1) % 100)
}

fn check_term(t: &Term) -> Result<()> {
    let (year_start, year_end) = (ymd(t.school_year, 9, 1), ymd(t.school_year + 1, 8, 31));
    let (Some(year_start), Some(year_end)) = (year_start, year_end) else {
        return Err(Error::invalid("That school year is out of range."));
    };
    not_before(t.ends, t.starts, &format!("end of the {} term", t.name), "start of the term")?;
    if t.starts < year_start || t.ends > year_end {
        return Err(Error::invalid(format!(
            "The {} term must fall between 1 September {} and 31 August {}.",
            t.name,
            t.school_year,
            t.school_year + 1
        )));
    }
    match (t.half_term_starts, t.half_term_ends) {
        (None, None) => Ok(()),
        (Some(s), Some(e)) => {
            not_before(e, s, "end of half term", "start of half term")?;
            if s < t.starts || e > t.ends {
                return Err(Error::invalid(format!(
                    "The {} half term must fall inside the term.",
                    t.name
                )));
            }
            Ok(())
        }
        _ => Err(Error::invalid("Give both the first and last day of half term, or neither.")),
    }
}

/// Sets the user's own dates for the given terms, keeping the other terms of each school year.
/// Each term must lie in its school year (1 September to 31 August), end after it starts, have
/// its half term inside it, and come after the term before it (autumn, spring, summer) without
/// overlapping. Nothing is written unless every term is acceptable.
pub fn set_terms(vault: &mut Vault, terms: &[Term]) -> Result<()> {
    for (i, t) in terms.iter().enumerate() {
        check_term(t)?;
        if terms[..i].iter().any(|o| o.school_year == t.school_year && o.name == t.name) {
            return Err(Error::invalid(format!(
                "{} is given twice. Give each term once.",
                term_words(t.name, t.school_year)
            )));
        }
    }
    let years: std::collections::BTreeSet<i32> = terms.iter().map(|t| t.school_year).collect();
    for year in years {
        let year_terms = merged(terms_for_year(vault, year)?, terms);
        for pair in year_terms.windows(2) {
            let (earlier, later) = (&pair[0], &pair[1]);
            if later.starts <= earlier.ends {
                return Err(Error::invalid(format!(
                    "The {} term ({} to {}) overlaps the {} term ({} to {}) in {year}-{:02}. \
                     Check the dates of both.",
                    later.name,
                    british_date(later.starts),
                    british_date(later.ends),
                    earlier.name,
                    british_date(earlier.starts),
                    british_date(earlier.ends),
                    (year + 1) % 100
                )));
            }
        }
    }
    let tx = vault.conn_mut().transaction()?;
    for t in terms {
        tx.execute(
            "INSERT OR REPLACE INTO term_dates (school_year, term, starts, ends, half_term_starts, half_term_ends)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![t.school_year, t.name, iso(t.starts), iso(t.ends), t.half_term_starts.map(iso), t.half_term_ends.map(iso)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// One term's dates as typed (`YYYY-MM-DD`; blank half-term dates for none), for the desktop and
/// the CLI, so a date that can't be read gets the same clear message as any other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct TermDates {
    pub school_year: i32,
    pub name: TermName,
    pub starts: String,
    pub ends: String,
    pub half_term_starts: Option<String>,
    pub half_term_ends: Option<String>,
}

/// Sets one term's dates from what was typed; returns that school year's terms afterwards.
pub fn set_term_dates(vault: &mut Vault, input: &TermDates) -> Result<Vec<Term>> {
    let name = input.name;
    let opt = |label: &str, text: &Option<String>| {
        text.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| parse_date(&format!("{label} of the {name} half term"), t))
            .transpose()
    };
    let term = Term {
        school_year: input.school_year,
        name,
        starts: parse_date(&format!("first day of the {name} term"), &input.starts)?,
        ends: parse_date(&format!("last day of the {name} term"), &input.ends)?,
        half_term_starts: opt("first day", &input.half_term_starts)?,
        half_term_ends: opt("last day", &input.half_term_ends)?,
        is_default: false,
    };
    set_terms(vault, std::slice::from_ref(&term))?;
    terms_for_year(vault, input.school_year)
}

/// Removes the user's own dates for one term, so it goes back to Carefile's typical dates;
/// returns that school year's terms afterwards.
pub fn remove_term(vault: &mut Vault, school_year: i32, name: TermName) -> Result<Vec<Term>> {
    let removed = vault.conn().execute(
        "DELETE FROM term_dates WHERE school_year = ?1 AND term = ?2",
        params![school_year, name],
    )?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "There are no dates of your own for {}; it already uses Carefile's typical dates.",
            term_words(name, school_year)
        )));
    }
    terms_for_year(vault, school_year)
}

/// Every term (of every school year) touching `from..=to`, in date order.
pub fn terms_between(vault: &Vault, from: NaiveDate, to: NaiveDate) -> Result<Vec<Term>> {
    let first = super::children::school_year_of(from);
    let last = super::children::school_year_of(to);
    let mut out = Vec::new();
    for year in first..=last {
        out.extend(
            terms_for_year(vault, year)?.into_iter().filter(|t| t.ends >= from && t.starts <= to),
        );
    }
    Ok(out)
}

/// The school days from `from` to `to` inclusive, by the vault's term calendar.
pub fn school_days(vault: &Vault, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>> {
    Ok(terms_between(vault, from, to)?.iter().flat_map(|t| t.school_days(from, to)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn default_2025_26_follows_the_usual_england_pattern() {
        let t = default_terms(2025).unwrap();
        assert_eq!((t[0].starts, t[0].ends), (d(2025, 9, 3), d(2025, 12, 19)));
        assert_eq!(t[0].half_term_starts, Some(d(2025, 10, 27)));
        assert_eq!(t[1].starts, d(2026, 1, 5));
        assert_eq!(t[1].half_term_starts, Some(d(2026, 2, 16)));
        // Easter 2026 is 5 April: holidays 30 March to 10 April.
        assert_eq!(t[1].ends, d(2026, 3, 27));
        assert_eq!(t[2].starts, d(2026, 4, 13));
        assert_eq!(t[2].half_term_starts, Some(d(2026, 5, 25)));
        assert_eq!(t[2].ends, d(2026, 7, 22));
    }

    #[test]
    fn school_days_skip_weekends_half_term_and_bank_holidays() {
        let t = default_terms(2025).unwrap();
        // Summer 2026: 4 May is the early May bank holiday.
        assert!(!t[2].is_school_day(d(2026, 5, 4)));
        assert!(t[2].is_school_day(d(2026, 5, 5)));
        assert!(!t[0].is_school_day(d(2025, 10, 28)));
        assert!(!t[0].is_school_day(d(2025, 9, 6)));
        // Autumn 2025: 3 Sep to 19 Dec is 78 weekdays, less the 5 of half term.
        assert_eq!(t[0].school_days(d(2025, 9, 1), d(2025, 12, 31)).len(), 73);
    }
}
