//! Which deadlines deserve a desktop notification today, in data. The shell words and shows them
//! (and remembers what it already showed); the choice lives here so it can be tested. The in-app "due soon" list never
//! depends on notifications working.

use chrono::NaiveDate;
use serde::Serialize;

use super::dashboard::{due_soon, DueSoonItem};
use crate::deadlines::{DeadlineStatus, DutyHolder};
use crate::error::Result;
use crate::vault::Vault;

/// The family's own deadlines are announced this many days ahead.
pub const FAMILY_NOTICE_DAYS: i32 = 7;
/// An LA deadline that has passed is announced for this many days after it.
pub const LA_PASSED_DAYS: i32 = 7;

/// What a reminder is about, in data; the desktop shell words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReminderNews {
    /// The family's own deadline is this many days away (0: today).
    DueIn { days: i32 },
    /// The LA's (or another body's) deadline passed this many days ago.
    Passed { days: i32 },
}

/// A deadline that deserves a notification today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Stable for one deadline and one kind of news, so a reminder is shown once.
    pub id: String,
    pub news: ReminderNews,
    /// The deadline's title, such as "Appeal to the SEND Tribunal".
    pub deadline: String,
    pub child_name: String,
    pub due: NaiveDate,
}

/// The reminder for one due-soon item, if it deserves one.
pub fn reminder_for(item: &DueSoonItem) -> Option<Reminder> {
    let d = &item.deadline;
    let (news, tag) = match (d.who, &d.status) {
        (DutyHolder::Family, DeadlineStatus::DueIn { days }) if *days <= FAMILY_NOTICE_DAYS => {
            (ReminderNews::DueIn { days: *days }, "due")
        }
        (who_acts, DeadlineStatus::Overdue { days })
            if who_acts != DutyHolder::Family && (0..=LA_PASSED_DAYS).contains(days) =>
        {
            (ReminderNews::Passed { days: *days }, "passed")
        }
        _ => return None,
    };
    Some(Reminder {
        id: format!("{}:{tag}", d.id),
        news,
        deadline: d.title.clone(),
        child_name: item.child_name.clone(),
        due: d.due,
    })
}

const DETAILS_KEY: &str = "notification_details";

/// Whether notifications name the child and the deadline (off unless the family turns it on: a
/// notification stays on the lock screen after Carefile locks).
pub fn notification_details(vault: &Vault) -> Result<bool> {
    let v: Option<String> = vault
        .conn()
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [DETAILS_KEY], |r| r.get(0))
        .ok();
    Ok(v.as_deref() == Some("on"))
}

/// Turn the details in notifications on or off.
pub fn set_notification_details(vault: &Vault, on: bool) -> Result<()> {
    vault.conn().execute(
        "INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?1, ?2)",
        [DETAILS_KEY, if on { "on" } else { "off" }],
    )?;
    Ok(())
}

/// Every reminder that applies today, across all children.
pub fn reminders(vault: &Vault, today: NaiveDate) -> Result<Vec<Reminder>> {
    let days = FAMILY_NOTICE_DAYS.max(LA_PASSED_DAYS) as u32;
    Ok(due_soon(vault, today, days)?.iter().filter_map(reminder_for).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_details_are_off_until_turned_on() {
        let (_dir, vault) = crate::vault::scratch();
        assert!(!notification_details(&vault).unwrap());
        set_notification_details(&vault, true).unwrap();
        assert!(notification_details(&vault).unwrap());
        set_notification_details(&vault, false).unwrap();
        assert!(!notification_details(&vault).unwrap());
    }

    use crate::deadlines::{compute, DeadlineEvent, DeadlineSettings};

    fn item(event: &str, key: &str, today: &str) -> DueSoonItem {
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let events = [DeadlineEvent::parse_arg(event).unwrap()];
        let deadline = compute(&events, &DeadlineSettings::default(), today)
            .into_iter()
            .find(|d| d.key == key)
            .unwrap();
        DueSoonItem { child_id: "ch_1".into(), child_name: "Sam".into(), deadline }
    }

    #[test]
    fn the_familys_appeal_deadline_is_announced_in_the_week_before_it() {
        let r =
            reminder_for(&item("decision-notice-sent=2025-06-15", "appeal-deadline", "2025-08-28"))
                .expect("a reminder");
        assert_eq!(r.news, ReminderNews::DueIn { days: 4 });
        assert_eq!((r.child_name.as_str(), r.due.to_string().as_str()), ("Sam", "2025-09-01"));
        let early = item("decision-notice-sent=2025-06-15", "appeal-deadline", "2025-08-01");
        assert_eq!(reminder_for(&early), None);
    }

    #[test]
    fn a_passed_la_deadline_is_announced_once_it_has_passed() {
        let late =
            item("assessment-request-received=2025-01-06", "decision-to-assess", "2025-02-20");
        let r = reminder_for(&late).expect("a reminder");
        assert!(matches!(r.news, ReminderNews::Passed { .. }), "{r:?}");
        assert!(r.id.ends_with(":passed"));
        let before =
            item("assessment-request-received=2025-01-06", "decision-to-assess", "2025-02-10");
        assert_eq!(reminder_for(&before), None, "an LA deadline still to come is not news");
    }
}
