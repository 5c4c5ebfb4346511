//! Counting conventions: each function returns the due date together with the convention used and
//! the counting in words. All arithmetic is checked; a date beyond the calendar gives `None`.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::calendar;
use super::deadline::Counting;
use super::format_uk;
use super::settings::{DeadlineSettings, WithinStart};

/// A due date and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub due: NaiveDate,
    pub counting: Counting,
    pub words: String,
}

impl Period {
    fn new(due: NaiveDate, counting: Counting, words: String) -> Self {
        Period { due, counting, words }
    }
}

/// "1 week", "6 weeks".
pub fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn add_days(date: NaiveDate, n: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(n))
}

fn sub_days(date: NaiveDate, n: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(n))
}

/// End of a "within `days` days of `from`" period under the `WithinStart` setting.
fn within(from: NaiveDate, days: u64, settings: &DeadlineSettings) -> Option<NaiveDate> {
    match settings.within_start {
        WithinStart::ExcludeEventDay => add_days(from, days),
        WithinStart::IncludeEventDay => add_days(from, days.checked_sub(1)?),
    }
}

fn within_words(settings: &DeadlineSettings, from: NaiveDate) -> String {
    match settings.within_start {
        WithinStart::ExcludeEventDay => "not counting that day".to_string(),
        WithinStart::IncludeEventDay => format!("counting {} as day 1", format_uk(from)),
    }
}

/// "Within `n` weeks of `from`": calendar weeks. By default the same weekday `n` weeks later.
pub fn weeks_after(from: NaiveDate, n: u32, settings: &DeadlineSettings) -> Option<Period> {
    let due = within(from, 7 * u64::from(n), settings)?;
    let words = format!(
        "{} after {}, {}",
        plural(n, "week"),
        format_uk(from),
        within_words(settings, from)
    );
    Some(Period::new(due, Counting::WeeksAfter, words))
}

/// "Within `n` days of `from`": calendar days.
pub fn days_after(from: NaiveDate, n: u32, settings: &DeadlineSettings) -> Option<Period> {
    let due = within(from, u64::from(n), settings)?;
    let words =
        format!("{} after {}, {}", plural(n, "day"), format_uk(from), within_words(settings, from));
    Some(Period::new(due, Counting::DaysAfter, words))
}

/// "At least `n` days beginning with the day on which it was served": the service day is day 1, so
/// the last day is `served + (n - 1)` (SEND Regs 2014 reg 13(1)(a), reg 22(2)(c)).
pub fn days_beginning_with(served: NaiveDate, n: u32) -> Option<Period> {
    let due = add_days(served, u64::from(n.checked_sub(1)?))?;
    let words = format!(
        "at least {} beginning with {} (day 1), so the last day is day {n}",
        plural(n, "day"),
        format_uk(served)
    );
    Some(Period::new(due, Counting::DaysBeginningWith, words))
}

/// `n` calendar months after `from`. When the later month has no such day (31 Jan + 1 month) the
/// date clamps to its last day (28 or 29 Feb). The clamping rule is the general-law assumption in
/// send-law.md section 7 (UNCONFIRMED).
pub fn months_after(from: NaiveDate, n: u32) -> Option<Period> {
    let due = from.checked_add_months(Months::new(n))?;
    let mut words = format!("{} after {}", plural(n, "calendar month"), format_uk(from));
    if due.day() != from.day() {
        words.push_str(&format!(
            "; that month has no day {}, so the last day of the month",
            from.day()
        ));
    }
    Some(Period::new(due, Counting::MonthsAfter, words))
}

/// `n` calendar months before `date`, clamping like [`months_after`].
pub fn months_before(date: NaiveDate, n: u32) -> Option<Period> {
    let due = date.checked_sub_months(Months::new(n))?;
    let mut words = format!("at least {} before {}", plural(n, "calendar month"), format_uk(date));
    if due.day() != date.day() {
        words.push_str(&format!("; that month has no day {}, so its last day", date.day()));
    }
    Some(Period::new(due, Counting::MonthsBefore, words))
}

/// At least `n` weeks before `date` (counting backwards: notice 2 weeks before a meeting).
pub fn weeks_before(date: NaiveDate, n: u32) -> Option<Period> {
    let due = sub_days(date, 7 * u64::from(n))?;
    let words = format!("at least {} before {}", plural(n, "week"), format_uk(date));
    Some(Period::new(due, Counting::WeeksBefore, words))
}

/// About `n` days before `date`.
pub fn days_before(date: NaiveDate, n: u32) -> Option<Period> {
    let due = sub_days(date, u64::from(n))?;
    let words = format!("{} before {}", plural(n, "day"), format_uk(date));
    Some(Period::new(due, Counting::DaysBefore, words))
}

/// Within `n` working days of `from`, not counting `from`.
pub fn working_days_after(from: NaiveDate, n: u32) -> Option<Period> {
    let due = calendar::add_working_days(from, n)?;
    let words = format!(
        "{} after {}, not counting that day, weekends or England & Wales bank holidays",
        plural(n, "working day"),
        format_uk(from)
    );
    Some(Period::new(due, Counting::WorkingDaysAfter, words))
}

/// `n` working days before `date`.
pub fn working_days_before(date: NaiveDate, n: u32) -> Option<Period> {
    let due = calendar::sub_working_days(date, n)?;
    let words = format!(
        "{} before {}, not counting weekends or England & Wales bank holidays",
        plural(n, "working day"),
        format_uk(date)
    );
    Some(Period::new(due, Counting::WorkingDaysBefore, words))
}

/// Within `n` school days of `from`: working days that are not inside a recorded school closure
/// (`closures` are `[first day closed, day it reopens)`). Term dates are not known to Carefile, so
/// this is an approximation and is flagged as such by the rule.
pub fn school_days_after(
    from: NaiveDate,
    n: u32,
    closures: &[(NaiveDate, NaiveDate)],
) -> Option<Period> {
    let closed = |d: NaiveDate| closures.iter().any(|&(start, reopen)| d >= start && d < reopen);
    let mut day = from;
    for _ in 0..n {
        day = calendar::next_working_day_after(day)?;
        while closed(day) {
            day = calendar::next_working_day_after(day)?;
        }
    }
    let words = format!(
        "{} after {}, not counting that day, weekends, bank holidays or the school closures you \
         have recorded",
        plural(n, "school day"),
        format_uk(from)
    );
    Some(Period::new(day, Counting::SchoolDaysAfter, words))
}

/// A fixed date, described in `words`.
pub fn fixed(due: NaiveDate, words: String) -> Period {
    Period::new(due, Counting::FixedDate, words)
}

/// At once: the event date itself.
pub fn immediate(date: NaiveDate) -> Period {
    Period::new(date, Counting::Immediate, format!("at once, from {}", format_uk(date)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn due(p: Option<Period>) -> NaiveDate {
        p.expect("in range").due
    }

    #[test]
    fn one_month_after_31_january_clamps_to_end_of_february() {
        assert_eq!(due(months_after(d(2025, 1, 31), 1)), d(2025, 2, 28));
        assert_eq!(due(months_after(d(2024, 1, 31), 1)), d(2024, 2, 29));
        assert_eq!(due(months_after(d(2025, 8, 31), 1)), d(2025, 9, 30));
        assert_eq!(due(months_after(d(2024, 12, 31), 2)), d(2025, 2, 28));
        assert!(months_after(d(2025, 1, 31), 1).expect("in range").words.contains("last day"));
    }

    #[test]
    fn months_before_clamps_too() {
        assert_eq!(due(months_before(d(2025, 7, 31), 5)), d(2025, 2, 28));
        assert_eq!(due(months_before(d(2026, 9, 1), 5)), d(2026, 4, 1));
    }

    #[test]
    fn within_weeks_defaults_to_same_weekday_and_can_count_the_event_day() {
        let settings = DeadlineSettings::default();
        assert_eq!(due(weeks_after(d(2025, 1, 6), 6, &settings)), d(2025, 2, 17));
        let inclusive = DeadlineSettings { within_start: WithinStart::IncludeEventDay, ..settings };
        assert_eq!(due(weeks_after(d(2025, 1, 6), 6, &inclusive)), d(2025, 2, 16));
        assert_eq!(due(days_after(d(2025, 1, 6), 15, &inclusive)), d(2025, 1, 20));
    }

    #[test]
    fn fifteen_days_beginning_with_service_ends_on_day_fifteen() {
        assert_eq!(due(days_beginning_with(d(2025, 3, 3), 15)), d(2025, 3, 17));
        assert_eq!(days_beginning_with(d(2025, 3, 3), 0), None);
    }

    #[test]
    fn backwards_periods_count_before_the_meeting() {
        assert_eq!(due(weeks_before(d(2024, 11, 14), 2)), d(2024, 10, 31));
        assert_eq!(due(working_days_before(d(2025, 5, 30), 5)), d(2025, 5, 22));
    }

    #[test]
    fn school_days_skip_recorded_closures() {
        // Half term Mon 27 Oct - Fri 31 Oct 2025 (reopens Mon 3 Nov).
        let closures = [(d(2025, 10, 25), d(2025, 11, 3))];
        assert_eq!(due(school_days_after(d(2025, 10, 20), 15, &[])), d(2025, 11, 10));
        assert_eq!(due(school_days_after(d(2025, 10, 20), 15, &closures)), d(2025, 11, 17));
    }

    #[test]
    fn dates_at_the_end_of_the_calendar_give_none_not_a_panic() {
        let settings = DeadlineSettings::default();
        assert_eq!(weeks_after(NaiveDate::MAX, 20, &settings), None);
        assert_eq!(months_after(NaiveDate::MAX, 2), None);
        assert_eq!(weeks_before(NaiveDate::MIN, 2), None);
    }
}
