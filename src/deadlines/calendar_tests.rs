use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// The England & Wales lists published at gov.uk/bank-holidays, written out by hand.
fn published(year: i32) -> Vec<NaiveDate> {
    let list: &[(u32, u32)] = match year {
        2018 => &[(1, 1), (3, 30), (4, 2), (5, 7), (5, 28), (8, 27), (12, 25), (12, 26)],
        2019 => &[(1, 1), (4, 19), (4, 22), (5, 6), (5, 27), (8, 26), (12, 25), (12, 26)],
        // Early May moved to Friday 8 May for VE Day; Boxing Day (Sat) substituted on Mon 28 Dec.
        2020 => &[(1, 1), (4, 10), (4, 13), (5, 8), (5, 25), (8, 31), (12, 25), (12, 28)],
        // Christmas Day and Boxing Day at the weekend: substitutes Mon 27 and Tue 28 Dec.
        2021 => &[(1, 1), (4, 2), (4, 5), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)],
        // New Year substitute 3 Jan; Platinum Jubilee 2-3 Jun; state funeral 19 Sep; Christmas
        // substitute 27 Dec.
        2022 => &[
            (1, 3),
            (4, 15),
            (4, 18),
            (5, 2),
            (6, 2),
            (6, 3),
            (8, 29),
            (9, 19),
            (12, 26),
            (12, 27),
        ],
        // New Year substitute 2 Jan; coronation 8 May.
        2023 => &[(1, 2), (4, 7), (4, 10), (5, 1), (5, 8), (5, 29), (8, 28), (12, 25), (12, 26)],
        2024 => &[(1, 1), (3, 29), (4, 1), (5, 6), (5, 27), (8, 26), (12, 25), (12, 26)],
        2025 => &[(1, 1), (4, 18), (4, 21), (5, 5), (5, 26), (8, 25), (12, 25), (12, 26)],
        2026 => &[(1, 1), (4, 3), (4, 6), (5, 4), (5, 25), (8, 31), (12, 25), (12, 28)],
        2027 => &[(1, 1), (3, 26), (3, 29), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)],
        _ => &[],
    };
    list.iter().map(|&(m, day)| d(year, m, day)).collect()
}

#[test]
fn bank_holidays_2018_to_2027_match_the_published_lists() {
    for year in 2018..=2027 {
        assert_eq!(
            bank_holidays(year),
            published(year),
            "England & Wales bank holidays for {year}"
        );
    }
}

#[test]
fn easter_sunday_follows_the_computus() {
    assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
    assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
    assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
    assert_eq!(easter_sunday(2285), Some(d(2285, 3, 22)));
}

#[test]
fn one_off_holidays_of_earlier_years_are_included() {
    assert!(is_bank_holiday(d(2011, 4, 29)), "royal wedding");
    assert!(is_bank_holiday(d(2012, 6, 4)) && is_bank_holiday(d(2012, 6, 5)), "diamond jubilee");
    assert!(!is_bank_holiday(d(2012, 5, 28)), "spring bank holiday moved in 2012");
    assert!(is_bank_holiday(d(1999, 12, 31)), "millennium");
    assert!(!is_bank_holiday(d(2020, 5, 4)), "early May moved to VE Day in 2020");
}

#[test]
fn substitute_days_follow_weekend_holidays_in_future_years() {
    // 2032: Christmas Day is a Saturday.
    assert!(is_bank_holiday(d(2032, 12, 27)) && is_bank_holiday(d(2032, 12, 28)));
    // 2033: New Year's Day is a Saturday.
    assert!(is_bank_holiday(d(2033, 1, 3)));
}

#[test]
fn working_days_skip_weekends_and_bank_holidays() {
    // Thu 24 Dec 2020 + 3 working days: Fri 25 (Christmas), Mon 28 (substitute) skipped.
    assert_eq!(add_working_days(d(2020, 12, 24), 3), Some(d(2020, 12, 31)));
    assert_eq!(next_working_day_after(d(2027, 1, 1)), Some(d(2027, 1, 4)));
    assert_eq!(working_day_on_or_after(d(2025, 9, 1)), Some(d(2025, 9, 1)));
    assert_eq!(sub_working_days(d(2025, 5, 27), 1), Some(d(2025, 5, 23)));
}

#[test]
fn no_working_day_result_is_a_weekend_or_bank_holiday() {
    let mut day = d(2017, 12, 1);
    while day < d(2028, 2, 1) {
        for n in [1, 3, 5, 15, 30] {
            let forward = add_working_days(day, n).expect("in range");
            assert!(is_working_day(forward) && forward > day, "{n} working days after {day}");
            let back = sub_working_days(day, n).expect("in range");
            assert!(is_working_day(back) && back < day, "{n} working days before {day}");
        }
        day = day.succ_opt().expect("in range");
    }
}

#[test]
fn extreme_dates_do_not_panic() {
    assert_eq!(add_working_days(NaiveDate::MAX, 1), None);
    assert_eq!(sub_working_days(NaiveDate::MIN, 1), None);
    let _ = bank_holidays(NaiveDate::MAX.year());
    let _ = bank_holidays(NaiveDate::MIN.year());
}
