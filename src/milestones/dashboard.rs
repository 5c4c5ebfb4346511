//! What a family sees: a child's deadlines computed from everything recorded, what is due next,
//! what is overdue, the "due soon" list across children, and the LA's record with this family.

use chrono::NaiveDate;
use serde::Serialize;

use super::events::{list_events, RecordedEvent};
use super::settings::get_settings;
use crate::deadlines::{self, Deadline, DeadlineStatus, DutyHolder, Nature};
use crate::error::Result;
use crate::record;
use crate::vault::Vault;

/// How many days ahead counts as "due soon" unless the caller says otherwise.
pub const DUE_SOON_DAYS: u32 = 14;

/// A child's deadlines, computed afresh from the record on every call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ChildDeadlines {
    pub child_id: String,
    pub child_name: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub today: NaiveDate,
    /// Everything the dates were worked out from, oldest first.
    pub events: Vec<RecordedEvent>,
    /// Every computed date, sorted by due date.
    pub deadlines: Vec<Deadline>,
    /// The first open date (nothing recorded yet, today or later).
    pub next_due: Option<Deadline>,
    /// Open dates within `due_soon_days`.
    pub due_soon: Vec<Deadline>,
    /// Duties whose date passed with nothing recorded, and the family's own rights that ran out,
    /// most overdue first.
    pub overdue: Vec<Deadline>,
    pub due_soon_days: u32,
}

/// True for a date that has passed with nothing recorded and that someone should hear about: a
/// duty (anyone's) or a right of the family's (their comments, their appeal).
pub fn is_overdue(d: &Deadline) -> bool {
    match d.status {
        DeadlineStatus::Overdue { .. } => true,
        DeadlineStatus::Passed { .. } => d.nature == Nature::Right && d.who == DutyHolder::Family,
        _ => false,
    }
}

fn days_past(d: &Deadline) -> i32 {
    match d.status {
        DeadlineStatus::Overdue { days } | DeadlineStatus::Passed { days } => days,
        _ => 0,
    }
}

fn due_within(d: &Deadline, days: u32) -> bool {
    matches!(d.status, DeadlineStatus::DueIn { days: n } if n >= 0 && (n as u32) <= days)
}

/// Computes a child's deadlines from the recorded and derived events, with the vault's settings.
pub fn child_deadlines(
    vault: &Vault,
    child_id: &str,
    today: NaiveDate,
    due_soon_days: u32,
) -> Result<ChildDeadlines> {
    let child = record::get_child(vault, child_id)?;
    let events = list_events(vault, child_id)?;
    let settings = get_settings(vault)?;
    let input: Vec<_> = events.iter().map(RecordedEvent::to_engine).collect();
    let all = deadlines::compute(&input, &settings, today);
    let next_due = all.iter().find(|d| d.status.is_open()).cloned();
    let due_soon = all.iter().filter(|d| due_within(d, due_soon_days)).cloned().collect();
    let mut overdue: Vec<Deadline> = all.iter().filter(|d| is_overdue(d)).cloned().collect();
    overdue.sort_by_key(|d| std::cmp::Reverse(days_past(d)));
    Ok(ChildDeadlines {
        child_id: child.id,
        child_name: child.preferred_name.unwrap_or(child.name),
        today,
        events,
        deadlines: all,
        next_due,
        due_soon,
        overdue,
        due_soon_days,
    })
}

/// One line of the "due soon" list across every child in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DueSoonItem {
    pub child_id: String,
    pub child_name: String,
    pub deadline: Deadline,
}

/// Everything open and due within `days`, plus LA duties that have just passed (in the last
/// `days`), for every child, soonest first. This list never depends on notifications working.
pub fn due_soon(vault: &Vault, today: NaiveDate, days: u32) -> Result<Vec<DueSoonItem>> {
    due_soon_in(vault, today, days, None)
}

/// `due_soon`, for one family's children only when `family` is given.
pub fn due_soon_in(
    vault: &Vault,
    today: NaiveDate,
    days: u32,
    family: Option<&str>,
) -> Result<Vec<DueSoonItem>> {
    let only: Option<Vec<String>> = match family {
        Some(f) => Some(record::get_family(vault, f)?.child_ids),
        None => None,
    };
    let mut out = Vec::new();
    for child in record::list_children(vault)? {
        if only.as_ref().is_some_and(|ids| !ids.contains(&child.id)) {
            continue;
        }
        let c = child_deadlines(vault, &child.id, today, days)?;
        for d in c.deadlines {
            let just_passed = matches!(d.status, DeadlineStatus::Overdue { days: n } if n >= 0 && (n as u32) <= days);
            if due_within(&d, days) || just_passed {
                out.push(DueSoonItem {
                    child_id: c.child_id.clone(),
                    child_name: c.child_name.clone(),
                    deadline: d,
                });
            }
        }
    }
    out.sort_by(|a, b| (a.deadline.due, &a.child_name).cmp(&(b.deadline.due, &b.child_name)));
    Ok(out)
}

/// Where one of the LA's statutory steps stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(tag = "state", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum StepOutcome {
    OnTime,
    Late {
        days: i32,
    },
    /// Not yet due.
    Open {
        days_left: i32,
    },
    /// Due date passed with nothing recorded.
    Overdue {
        days: i32,
    },
}

impl StepOutcome {
    pub fn describe(self) -> String {
        let days = |n: i32| if n == 1 { "1 day".to_string() } else { format!("{n} days") };
        match self {
            StepOutcome::OnTime => "Met on time".into(),
            StepOutcome::Late { days: n } => format!("Late by {}", days(n)),
            StepOutcome::Open { days_left: 0 } => "Open: due today".into(),
            StepOutcome::Open { days_left } => format!("Open: due in {}", days(days_left)),
            StepOutcome::Overdue { days: n } => format!("Not done: overdue by {}", days(n)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AccountabilityStep {
    pub deadline_id: String,
    pub title: String,
    pub source: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub trigger_date: NaiveDate,
    pub trigger_label: String,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub due: NaiveDate,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub met_on: Option<NaiveDate>,
    pub outcome: StepOutcome,
    pub outcome_words: String,
}

/// The LA's record with this family: each statutory step, met on time, late or open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Accountability {
    pub child_id: String,
    pub child_name: String,
    pub local_authority: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub today: NaiveDate,
    pub steps: Vec<AccountabilityStep>,
    pub on_time: u32,
    pub late: u32,
    pub overdue: u32,
    pub open: u32,
    /// Days late and days overdue added together, over every step.
    pub total_days_late: i64,
    /// One sentence, e.g. "Of 4 statutory steps due so far, 1 was on time and 3 were late …".
    pub headline: String,
}

/// The LA's duties for a child, judged against what was recorded.
pub fn accountability(vault: &Vault, child_id: &str, today: NaiveDate) -> Result<Accountability> {
    let child = record::get_child(vault, child_id)?;
    let c = child_deadlines(vault, child_id, today, DUE_SOON_DAYS)?;
    let mut steps = Vec::new();
    for d in c
        .deadlines
        .iter()
        .filter(|d| d.who == DutyHolder::LocalAuthority && d.nature == Nature::Duty)
    {
        let (outcome, met_on) = match d.status {
            DeadlineStatus::MetOnTime { met_on, .. } => (StepOutcome::OnTime, Some(met_on)),
            DeadlineStatus::MetLate { met_on, days_late, .. } => {
                (StepOutcome::Late { days: days_late }, Some(met_on))
            }
            DeadlineStatus::DueIn { days } => (StepOutcome::Open { days_left: days }, None),
            DeadlineStatus::Overdue { days } | DeadlineStatus::Passed { days } => {
                (StepOutcome::Overdue { days }, None)
            }
        };
        steps.push(AccountabilityStep {
            deadline_id: d.id.clone(),
            title: d.title.clone(),
            source: d.source.clone(),
            trigger_date: d.trigger_date,
            trigger_label: d.trigger.label().to_string(),
            due: d.due,
            met_on,
            outcome,
            outcome_words: outcome.describe(),
        });
    }
    let count = |f: fn(&StepOutcome) -> bool| steps.iter().filter(|s| f(&s.outcome)).count() as u32;
    let on_time = count(|o| matches!(o, StepOutcome::OnTime));
    let late = count(|o| matches!(o, StepOutcome::Late { .. }));
    let overdue = count(|o| matches!(o, StepOutcome::Overdue { .. }));
    let open = count(|o| matches!(o, StepOutcome::Open { .. }));
    let total_days_late = steps
        .iter()
        .map(|s| match s.outcome {
            StepOutcome::Late { days } | StepOutcome::Overdue { days } => i64::from(days),
            _ => 0,
        })
        .sum();
    let due_so_far = on_time + late + overdue;
    let headline = if steps.is_empty() {
        "No statutory steps for the local authority yet: record a request, a review meeting or a \
         decision to see them."
            .to_string()
    } else {
        format!(
            "Of {due_so_far} statutory step{} due so far, {on_time} {} met on time, {late} met late \
             and {overdue} not done by the due date ({total_days_late} days late in all). {open} \
             still open.",
            if due_so_far == 1 { "" } else { "s" },
            if on_time == 1 { "was" } else { "were" },
        )
    };
    Ok(Accountability {
        child_id: c.child_id,
        child_name: c.child_name,
        local_authority: child.local_authority,
        today,
        steps,
        on_time,
        late,
        overdue,
        open,
        total_days_late,
        headline,
    })
}
