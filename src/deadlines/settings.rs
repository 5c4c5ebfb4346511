//! Conventions the law leaves unclear, and timings that may change, as settings with documented
//! defaults. Nothing UNCONFIRMED in send-law.md is hard-coded as law: it is one of these, or an
//! advisory flag.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a "within N weeks (or days) of X" period starts. The SEND Regs do not say whether the day
/// of X counts (send-law.md 2.1, UNCONFIRMED).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum WithinStart {
    /// The general English-law convention: the event day is left out, so "within 6 weeks" of a
    /// Monday ends on the Monday 6 weeks later. The default.
    #[default]
    ExcludeEventDay,
    /// The event day is day 1 (as Surrey SENDIAS counts), so the period ends one day earlier.
    IncludeEventDay,
}

/// Which date of an annual review starts the next 12 months (R10). The law file says the point is
/// debated and to use the earlier, stricter anchor for alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum ReviewAnchor {
    /// The review meeting (when one is recorded in the 12 weeks before the decision). The default.
    #[default]
    MeetingDate,
    /// The LA's decision after the review.
    DecisionDate,
}

/// Calendar or working days, where sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub enum DayKind {
    #[default]
    Calendar,
    Working,
}

/// Settings for the deadline engine. Every field has a default (see `Default`), and missing fields
/// in JSON take their default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct DeadlineSettings {
    /// Default `ExcludeEventDay` (same weekday N weeks later).
    pub within_start: WithinStart,
    /// Default `MeetingDate` (the stricter anchor).
    pub review_anchor: ReviewAnchor,
    /// Weeks after a review meeting for the LA's decision (reg 20(10)). Default 4. Kept
    /// configurable because the DfE consulted in 2022 on changing review timings.
    pub review_decision_weeks: u32,
    /// Weeks after an amendment notice for the final amended plan (reg 22(3)). Default 8.
    pub amendment_weeks: u32,
    /// Weeks before a review meeting that papers must go out (reg 20(4)). Default 2; a 2022
    /// proposal for 3 weeks was not confirmed as enacted.
    pub review_papers_weeks_before: u32,
    /// Months between reviews to suggest for a child under 5 (CoP 9.178 says "consider every 3 to
    /// 6 months"). Default 6.
    pub early_years_review_months: u32,
    /// Whether health-only mediation's 30 days are calendar or working days. Default `Calendar`
    /// (IPSEA); one secondary source says working days.
    pub health_mediation_days: DayKind,
    /// Month and day the academic year ends, for the end of a plan at 25 (R43). Default 31 August
    /// (assumed, UNCONFIRMED).
    pub academic_year_end_month: u32,
    pub academic_year_end_day: u32,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            within_start: WithinStart::ExcludeEventDay,
            review_anchor: ReviewAnchor::MeetingDate,
            review_decision_weeks: 4,
            amendment_weeks: 8,
            review_papers_weeks_before: 2,
            early_years_review_months: 6,
            health_mediation_days: DayKind::Calendar,
            academic_year_end_month: 8,
            academic_year_end_day: 31,
        }
    }
}

impl DeadlineSettings {
    /// The end of the academic year containing `date` (the first academic-year end on or after
    /// it). An impossible month/day in the settings falls back to 31 August.
    pub fn academic_year_end_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let end_in = |year: i32| {
            NaiveDate::from_ymd_opt(year, self.academic_year_end_month, self.academic_year_end_day)
                .or_else(|| NaiveDate::from_ymd_opt(year, 8, 31))
        };
        let this_year = end_in(date.year())?;
        if this_year >= date {
            Some(this_year)
        } else {
            end_in(date.year().checked_add(1)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_settings_fields_take_their_defaults() {
        let s: DeadlineSettings =
            serde_json::from_str(r#"{"withinStart":"includeEventDay"}"#).expect("deserialise");
        assert_eq!(s.within_start, WithinStart::IncludeEventDay);
        assert_eq!(s.review_decision_weeks, 4);
        assert_eq!(s.review_anchor, ReviewAnchor::MeetingDate);
    }

    #[test]
    fn academic_year_end_is_the_next_31_august() {
        let s = DeadlineSettings::default();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(s.academic_year_end_on_or_after(d(2030, 10, 10)), Some(d(2031, 8, 31)));
        assert_eq!(s.academic_year_end_on_or_after(d(2030, 8, 31)), Some(d(2030, 8, 31)));
        assert_eq!(s.academic_year_end_on_or_after(d(2030, 3, 15)), Some(d(2030, 8, 31)));
        let odd = DeadlineSettings { academic_year_end_month: 2, academic_year_end_day: 30, ..s };
        assert_eq!(odd.academic_year_end_on_or_after(d(2030, 3, 15)), Some(d(2030, 8, 31)));
    }
}
