//! England & Wales bank holidays and working days, computed for any year by rule plus a table of
//! the one-off changes made by royal proclamation. Nothing here knows about SEND law.
//!
//! The rules are those of the Banking and Financial Dealings Act 1971 and the proclamations made
//! under it each year: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (from
//! 1978), the spring and summer bank holidays (last Mondays of May and August), Christmas Day and
//! Boxing Day, with substitute weekdays when a fixed-date holiday falls at a weekend. One-off
//! holidays and moved holidays are listed in [`ONE_OFF_CHANGES`]; a one-off announced after this
//! table was written will be missing until the table is updated.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A change to the usual pattern for one year, made by royal proclamation.
#[derive(Debug, Clone, Copy)]
enum OneOff {
    /// An extra bank holiday (jubilees, royal weddings, the state funeral, the coronation).
    Extra(i32, u32, u32),
    /// The usual holiday on the first date is moved to the second (year, month, day each).
    Moved((i32, u32, u32), (i32, u32, u32)),
}

/// One-off changes in England & Wales since 1971, as published by gov.uk and the London Gazette.
const ONE_OFF_CHANGES: &[OneOff] = &[
    // Wedding of Princess Anne.
    OneOff::Extra(1973, 11, 14),
    // Silver Jubilee: extra day, spring bank holiday unchanged (30 May 1977).
    OneOff::Extra(1977, 6, 7),
    // Wedding of the Prince of Wales.
    OneOff::Extra(1981, 7, 29),
    // 50th anniversary of VE Day: early May bank holiday moved from 1 May to 8 May 1995.
    OneOff::Moved((1995, 5, 1), (1995, 5, 8)),
    // Millennium.
    OneOff::Extra(1999, 12, 31),
    // Golden Jubilee: spring bank holiday moved from 27 May to 4 June 2002, extra day 3 June.
    OneOff::Moved((2002, 5, 27), (2002, 6, 4)),
    OneOff::Extra(2002, 6, 3),
    // Wedding of Prince William.
    OneOff::Extra(2011, 4, 29),
    // Diamond Jubilee: spring bank holiday moved from 28 May to 4 June 2012, extra day 5 June.
    OneOff::Moved((2012, 5, 28), (2012, 6, 4)),
    OneOff::Extra(2012, 6, 5),
    // 75th anniversary of VE Day: early May bank holiday moved from 4 May to Friday 8 May 2020.
    OneOff::Moved((2020, 5, 4), (2020, 5, 8)),
    // Platinum Jubilee: spring bank holiday moved from 30 May to 2 June 2022, extra day 3 June.
    OneOff::Moved((2022, 5, 30), (2022, 6, 2)),
    OneOff::Extra(2022, 6, 3),
    // State funeral of Queen Elizabeth II.
    OneOff::Extra(2022, 9, 19),
    // Coronation of King Charles III.
    OneOff::Extra(2023, 5, 8),
];

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus,
/// "Meeus/Jones/Butcher").
///
/// Kept by hand on purpose (issue "One home for each thing"): the crates that do this (`computus`,
/// `bdays`' Easter) are single-function crates with little upkeep, and a dependency for fifteen lines
/// of a published formula is more to trust, not less. It is tested against known years and against
/// the published bank-holiday lists for 2018 to 2027 (`calendar_tests.rs`).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn first_weekday_on_or_after(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_days(Days::new(u64::from(ahead)))
}

fn last_monday_of(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 { ymd(year + 1, 1, 1)? } else { ymd(year, month + 1, 1)? };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_monday();
    last.checked_sub_days(Days::new(u64::from(back)))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The bank holidays of one year by the usual rules, before one-off changes.
fn usual_bank_holidays(year: i32) -> Vec<NaiveDate> {
    let mut days = Vec::with_capacity(8);
    // New Year's Day, or the following Monday when it falls at a weekend.
    if let Some(new_year) = ymd(year, 1, 1) {
        days.extend(if is_weekend(new_year) {
            first_weekday_on_or_after(new_year, Weekday::Mon)
        } else {
            Some(new_year)
        });
    }
    if let Some(easter) = easter_sunday(year) {
        days.extend(easter.checked_sub_days(Days::new(2))); // Good Friday
        days.extend(easter.checked_add_days(Days::new(1))); // Easter Monday
    }
    if year >= 1978 {
        // Early May bank holiday: first Monday in May.
        days.extend(ymd(year, 5, 1).and_then(|d| first_weekday_on_or_after(d, Weekday::Mon)));
    }
    days.extend(last_monday_of(year, 5)); // Spring bank holiday
    days.extend(last_monday_of(year, 8)); // Summer bank holiday

    // Christmas Day and Boxing Day, each replaced by the next free weekday at a weekend.
    for day in [25, 26] {
        let Some(date) = ymd(year, 12, day) else {
            continue;
        };
        let mut actual = date;
        while is_weekend(actual) || days.contains(&actual) {
            match actual.succ_opt() {
                Some(next) => actual = next,
                None => break,
            }
        }
        days.push(actual);
    }
    days
}

/// Every England & Wales bank holiday in `year`, in date order.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let mut days = usual_bank_holidays(year);
    for change in ONE_OFF_CHANGES {
        match *change {
            OneOff::Extra(y, m, d) if y == year => days.extend(ymd(y, m, d)),
            OneOff::Moved((fy, fm, fd), (ty, tm, td)) if fy == year => {
                if let (Some(from), Some(to)) = (ymd(fy, fm, fd), ymd(ty, tm, td)) {
                    days.retain(|&day| day != from);
                    days.push(to);
                }
            }
            _ => {}
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// Whether `date` is an England & Wales bank holiday.
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    bank_holidays(date.year()).contains(&date)
}

/// A working day: not a Saturday or Sunday and not an England & Wales bank holiday (which includes
/// Christmas Day and Good Friday). The SEND Regs and HESC Rules definitions were not seen in full
/// (send-law.md 2.1, UNCONFIRMED); this is the expected reading.
pub fn is_working_day(date: NaiveDate) -> bool {
    !is_weekend(date) && !is_bank_holiday(date)
}

/// The first working day strictly after `date`.
pub fn next_working_day_after(date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date.succ_opt()?;
    while !is_working_day(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// `date` itself when it is a working day, otherwise the next working day.
pub fn working_day_on_or_after(date: NaiveDate) -> Option<NaiveDate> {
    if is_working_day(date) {
        Some(date)
    } else {
        next_working_day_after(date)
    }
}

/// The `n`th working day after `date`, not counting `date` itself ("within 3 working days").
pub fn add_working_days(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..n {
        day = next_working_day_after(day)?;
    }
    Some(day)
}

/// The `n`th working day before `date`, not counting `date` itself ("5 working days before").
pub fn sub_working_days(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..n {
        day = day.pred_opt()?;
        while !is_working_day(day) {
            day = day.pred_opt()?;
        }
    }
    Some(day)
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
