//! The First-tier Tribunal (HESC) rules on time for special educational needs cases: the appeal
//! deadline (r.20(1)(c)), the Christmas and August moves (r.12(3)) and the next-working-day rule
//! (r.12(2)). These apply to Tribunal steps only; SEND Regs deadlines never move.

use chrono::{Datelike, Days, NaiveDate};

use super::calendar;
use super::deadline::{Counting, DeadlineFlag, FlagKind};
use super::format_uk;
use super::periods::{plural, Period};

/// Why a Tribunal date moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TribunalMove {
    /// Fell 25 Dec-1 Jan: moved to the first working day after 1 January (r.12(3)(a)).
    Christmas,
    /// Fell in August: moved to the first working day after 31 August (r.12(3)(a)).
    August,
    /// Fell on a weekend or bank holiday: moved to the next working day (r.12(2)).
    NonWorkingDay,
}

/// Whether `date` is in the SEN holiday periods of r.12(3): 25 December to 1 January, or August.
pub fn in_sen_holiday(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 25..=31) | (1, 1) | (8, _))
}

/// A Tribunal date after the holiday rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TribunalDate {
    pub due: NaiveDate,
    pub moved: Option<TribunalMove>,
    /// When the next working day after a weekend or bank holiday itself fell in a holiday period
    /// (Sun 31 Jul -> Mon 1 Aug -> 1 Sep), that intermediate day. The rules can be read as making
    /// it the last day, so it is worth knowing.
    pub via: Option<NaiveDate>,
}

fn holiday_move(date: NaiveDate) -> Option<Option<(NaiveDate, TribunalMove)>> {
    let (month, day) = (date.month(), date.day());
    // HESC r.12(3)(a): a deadline 25 Dec-1 Jan moves to the first working day after 1 January.
    if month == 12 && day >= 25 {
        let new_year = NaiveDate::from_ymd_opt(date.year().checked_add(1)?, 1, 1)?;
        return Some(Some((calendar::next_working_day_after(new_year)?, TribunalMove::Christmas)));
    }
    if month == 1 && day == 1 {
        return Some(Some((calendar::next_working_day_after(date)?, TribunalMove::Christmas)));
    }
    // HESC r.12(3)(a): a deadline in August moves to the first working day after 31 August.
    if month == 8 {
        let end_of_august = NaiveDate::from_ymd_opt(date.year(), 8, 31)?;
        return Some(Some((
            calendar::next_working_day_after(end_of_august)?,
            TribunalMove::August,
        )));
    }
    Some(None)
}

/// Applies r.12(3)(a) and r.12(2) to the day an appeal must reach the Tribunal. The result is
/// always a working day outside 25 Dec-1 Jan and August.
pub fn apply_tribunal_holiday_rules(date: NaiveDate) -> Option<TribunalDate> {
    if let Some((due, m)) = holiday_move(date)? {
        return Some(TribunalDate { due, moved: Some(m), via: None });
    }
    if calendar::is_working_day(date) {
        return Some(TribunalDate { due: date, moved: None, via: None });
    }
    // HESC r.12(2): a deadline on a non-working day is met if done on the next working day.
    let next = calendar::next_working_day_after(date)?;
    match holiday_move(next)? {
        Some((due, m)) => Some(TribunalDate { due, moved: Some(m), via: Some(next) }),
        None => {
            Some(TribunalDate { due: next, moved: Some(TribunalMove::NonWorkingDay), via: None })
        }
    }
}

/// The SEN appeal deadline and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealDeadline {
    pub period: Period,
    /// The date before any move (the later of the two month periods).
    pub unmoved: NaiveDate,
    pub moved: Option<TribunalMove>,
    /// See [`TribunalDate::via`].
    pub via: Option<NaiveDate>,
    /// Whether the certificate's month decided the date.
    pub from_certificate: bool,
}

/// HESC r.20(1)(c): the later of 2 months after the decision notice was sent and 1 month after the
/// mediation certificate was issued, then moved by r.12(3)(a) and r.12(2).
pub fn appeal_deadline(
    decision_sent: NaiveDate,
    certificate: Option<NaiveDate>,
) -> Option<AppealDeadline> {
    let from_decision = decision_sent.checked_add_months(chrono::Months::new(2))?;
    let from_certificate = match certificate {
        Some(c) => Some(c.checked_add_months(chrono::Months::new(1))?),
        None => None,
    };
    let (unmoved, uses_certificate) = match from_certificate {
        Some(c) if c > from_decision => (c, true),
        _ => (from_decision, false),
    };
    let moved = apply_tribunal_holiday_rules(unmoved)?;
    let mut words =
        format!("2 calendar months after the decision was sent ({})", format_uk(from_decision));
    if let Some(c) = from_certificate {
        words.push_str(&format!(
            " or 1 calendar month after the mediation certificate ({}), whichever is later",
            format_uk(c)
        ));
    }
    if let Some(m) = moved.moved {
        words.push_str(&format!("; {}", move_words(m, unmoved, moved.via, moved.due)));
    }
    words.push_str("; by 5pm");
    Some(AppealDeadline {
        period: Period { due: moved.due, counting: Counting::TribunalAppeal, words },
        unmoved,
        moved: moved.moved,
        via: moved.via,
        from_certificate: uses_certificate,
    })
}

fn move_words(m: TribunalMove, from: NaiveDate, via: Option<NaiveDate>, to: NaiveDate) -> String {
    let start = match via {
        Some(via) => format!(
            "{} is not a working day and the next working day, {},",
            format_uk(from),
            format_uk(via)
        ),
        None => format_uk(from),
    };
    match m {
        TribunalMove::Christmas => format!(
            "{start} falls between 25 December and 1 January, so it moves to the first working day \
             after 1 January, {}",
            format_uk(to)
        ),
        TribunalMove::August => format!(
            "{start} falls in August, so it moves to the first working day after 31 August, {}",
            format_uk(to)
        ),
        TribunalMove::NonWorkingDay => format!(
            "{start} is not a working day, so it moves to the next working day, {}",
            format_uk(to)
        ),
    }
}

/// A flag explaining a move, for the deadline it moved.
pub fn move_flag(
    m: TribunalMove,
    from: NaiveDate,
    via: Option<NaiveDate>,
    to: NaiveDate,
) -> DeadlineFlag {
    let rule = match (m, via) {
        (TribunalMove::NonWorkingDay, _) => "HESC Rules r.12(2)",
        (_, Some(_)) => "HESC Rules r.12(2) and r.12(3)(a)",
        _ => "HESC Rules r.12(3)(a)",
    };
    let words = move_words(m, from, via, to);
    DeadlineFlag::new(FlagKind::MovedByTribunalRule, format!("{rule}: {words}."))
}

/// HESC r.12(3)(b): a step the Tribunal directs within `n` days, not counting 25 Dec-1 Jan or any
/// day in August; a result on a non-working day moves to the next working day (r.12(2)).
pub fn tribunal_days_after(from: NaiveDate, n: u32) -> Option<Period> {
    let mut day = from;
    let mut counted = 0;
    while counted < n {
        day = day.checked_add_days(Days::new(1))?;
        if !in_sen_holiday(day) {
            counted += 1;
        }
    }
    let due = calendar::working_day_on_or_after(day)?;
    let mut words = format!(
        "{} after {}, not counting 25 December to 1 January or any day in August",
        plural(n, "day"),
        format_uk(from)
    );
    if due != day {
        words.push_str(&format!(
            "; {} is not a working day, so the next working day",
            format_uk(day)
        ));
    }
    Some(Period { due, counting: Counting::TribunalDays, words })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn ipsea_christmas_example_moves_to_first_working_day_in_january() {
        // Decision 1 Oct, certificate 29 Nov: max(1 Dec, 29 Dec) = 29 Dec -> after 1 Jan.
        let a = appeal_deadline(d(2026, 10, 1), Some(d(2026, 11, 29))).expect("in range");
        assert_eq!(a.unmoved, d(2026, 12, 29));
        assert!(a.from_certificate);
        assert_eq!(a.moved, Some(TribunalMove::Christmas));
        // 2 Jan 2027 is a Saturday, so Monday 4 Jan 2027.
        assert_eq!(a.period.due, d(2027, 1, 4));
        let a = appeal_deadline(d(2025, 10, 1), Some(d(2025, 11, 29))).expect("in range");
        assert_eq!(a.period.due, d(2026, 1, 2));
    }

    #[test]
    fn appeal_deadline_in_august_moves_to_first_working_day_of_september() {
        let a = appeal_deadline(d(2025, 6, 15), None).expect("in range");
        assert_eq!(a.unmoved, d(2025, 8, 15));
        assert_eq!(a.period.due, d(2025, 9, 1));
        assert_eq!(a.moved, Some(TribunalMove::August));
    }

    #[test]
    fn appeal_deadline_on_a_weekend_moves_to_next_working_day() {
        // 2 months after Mon 10 Mar 2025 is Sat 10 May 2025 -> Mon 12 May.
        let a = appeal_deadline(d(2025, 3, 10), None).expect("in range");
        assert_eq!(a.period.due, d(2025, 5, 12));
        assert_eq!(a.moved, Some(TribunalMove::NonWorkingDay));
        // Easter Monday 2025 (21 Apr): 2 months after 21 Feb -> Tue 22 Apr.
        let a = appeal_deadline(d(2025, 2, 21), None).expect("in range");
        assert_eq!(a.period.due, d(2025, 4, 22));
    }

    #[test]
    fn earlier_certificate_does_not_shorten_the_two_months() {
        let a = appeal_deadline(d(2025, 3, 3), Some(d(2025, 3, 10))).expect("in range");
        // Sat 3 May -> Mon 5 May is a bank holiday -> Tue 6 May.
        assert_eq!(a.period.due, d(2025, 5, 6));
        assert!(!a.from_certificate);
    }

    #[test]
    fn appeal_deadline_month_end_clamps() {
        // 31 Dec 2024 + 2 months = 28 Feb 2025 (a Friday).
        let a = appeal_deadline(d(2024, 12, 31), None).expect("in range");
        assert_eq!(a.period.due, d(2025, 2, 28));
    }

    #[test]
    fn weekend_before_august_moves_through_the_next_working_day_to_september() {
        // 31 May 2022 + 2 months = Sun 31 Jul; the next working day, Mon 1 Aug, is in August,
        // so Thu 1 Sep.
        let a = appeal_deadline(d(2022, 5, 31), None).expect("in range");
        assert_eq!(a.period.due, d(2022, 9, 1));
        assert_eq!(a.via, Some(d(2022, 8, 1)));
        assert_eq!(a.moved, Some(TribunalMove::August));
        // 24 Dec 2023 is a Sunday; the next working day, 27 Dec, is in the Christmas period,
        // so 2 Jan 2024.
        let t = apply_tribunal_holiday_rules(d(2023, 12, 24)).expect("in range");
        assert_eq!((t.due, t.via), (d(2024, 1, 2), Some(d(2023, 12, 27))));
    }

    #[test]
    fn no_appeal_deadline_lands_in_the_holidays_or_on_a_non_working_day() {
        let mut decision = d(2018, 1, 1);
        while decision < d(2027, 12, 31) {
            for cert in [None, Some(decision), decision.checked_add_days(Days::new(40))] {
                let a = appeal_deadline(decision, cert).expect("in range");
                let due = a.period.due;
                assert!(!in_sen_holiday(due), "{decision}: {due} is in a holiday period");
                assert!(calendar::is_working_day(due), "{decision}: {due} is not a working day");
                assert!(due > decision && due >= a.unmoved);
            }
            decision = decision.succ_opt().expect("in range");
        }
    }

    #[test]
    fn tribunal_days_skip_christmas_and_august() {
        // 10 days from 20 Dec 2025: 21-24 Dec (4), skip 25 Dec-1 Jan, 2-7 Jan (10): Wed 7 Jan.
        assert_eq!(tribunal_days_after(d(2025, 12, 20), 10).expect("in range").due, d(2026, 1, 7));
        // 5 days from 29 Jul 2025: 30, 31 Jul (2), skip August, 1-3 Sep (5) -> Wed 3 Sep.
        assert_eq!(tribunal_days_after(d(2025, 7, 29), 5).expect("in range").due, d(2025, 9, 3));
        // Ending on Sat 14 Jun 2025 -> Mon 16 Jun.
        assert_eq!(tribunal_days_after(d(2025, 6, 4), 10).expect("in range").due, d(2025, 6, 16));
    }
}
