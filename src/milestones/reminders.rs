//! Which deadlines deserve a desktop notification today. The shell shows them (and remembers what
//! it already showed); the choice lives here so it can be tested. The in-app "due soon" list never
//! depends on notifications working.

use chrono::NaiveDate;
use serde::Serialize;

use super::dashboard::{due_soon, DueSoonItem};
use crate::deadlines::{format_uk, DeadlineStatus, DutyHolder};
use crate::error::Result;
use crate::vault::Vault;

/// The family's own deadlines are announced this many days ahead.
pub const FAMILY_NOTICE_DAYS: i32 = 7;
/// An LA deadline that has passed is announced for this many days after it.
pub const LA_PASSED_DAYS: i32 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Stable for one deadline and one kind of news, so a reminder is shown once.
    pub id: String,
    pub title: String,
    pub body: String,
}

/// The reminder for one due-soon item, if it deserves one.
pub fn reminder_for(item: &DueSoonItem) -> Option<Reminder> {
    let d = &item.deadline;
    let who = &item.child_name;
    match (d.who, &d.status) {
        (DutyHolder::Family, DeadlineStatus::DueIn { days }) if *days <= FAMILY_NOTICE_DAYS => {
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            Some(Reminder {
                id: format!("{}:due", d.id),
                title: format!("Due {when}: {}", d.title),
                body: format!("For {who}, by {}. Open Carefile to see why.", format_uk(d.due)),
            })
        }
        (who_acts, DeadlineStatus::Overdue { days })
            if who_acts != DutyHolder::Family && (0..=LA_PASSED_DAYS).contains(days) =>
        {
            Some(Reminder {
                id: format!("{}:passed", d.id),
                title: format!("Deadline passed: {}", d.title),
                body: format!(
                    "For {who}, it was due {}. Carefile can draft a letter citing the regulation.",
                    format_uk(d.due)
                ),
            })
        }
        _ => None,
    }
}

/// What a notification says unless the family turns details on: a notification stays on the lock
/// screen after Carefile locks, so by default it names no child, deadline or date.
pub const DISCREET_TITLE: &str = "A deadline is due — unlock Carefile to see it";
pub const DISCREET_BODY: &str = "Carefile";

const DETAILS_KEY: &str = "notification_details";

/// Whether notifications name the child and the deadline (off unless the family turns it on).
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

/// The same reminder with nothing private in it.
pub fn discreet(r: Reminder) -> Reminder {
    Reminder { id: r.id, title: DISCREET_TITLE.into(), body: DISCREET_BODY.into() }
}

/// Every reminder that applies today, across all children: discreet unless the family turned
/// details on.
pub fn reminders(vault: &Vault, today: NaiveDate) -> Result<Vec<Reminder>> {
    let days = FAMILY_NOTICE_DAYS.max(LA_PASSED_DAYS) as u32;
    let all = due_soon(vault, today, days)?.iter().filter_map(reminder_for).collect::<Vec<_>>();
    if notification_details(vault)? {
        Ok(all)
    } else {
        Ok(all.into_iter().map(discreet).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_name_nobody_unless_the_family_turns_details_on() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = crate::vault::create(
            &dir.path().join("v"),
            "Test",
            &crate::vault::Passphrase::new("kettle orbit lantern minnow"),
            crate::vault::KdfParams::INSECURE_FOR_TESTS,
        )
        .unwrap();
        assert!(!notification_details(&vault).unwrap());
        let r =
            discreet(Reminder { id: "a".into(), title: "Due today: Sam".into(), body: "x".into() });
        assert_eq!(r.title, "A deadline is due — unlock Carefile to see it");
        assert!(!r.body.contains('x'));
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
        assert!(r.title.starts_with("Due in 4 days"), "{}", r.title);
        assert!(r.body.contains("1 Sep 2025") && r.body.contains("Sam"), "{}", r.body);
        let early = item("decision-notice-sent=2025-06-15", "appeal-deadline", "2025-08-01");
        assert_eq!(reminder_for(&early), None);
    }

    #[test]
    fn a_passed_la_deadline_is_announced_once_it_has_passed() {
        let late =
            item("assessment-request-received=2025-01-06", "decision-to-assess", "2025-02-20");
        let r = reminder_for(&late).expect("a reminder");
        assert!(r.title.starts_with("Deadline passed"), "{}", r.title);
        assert!(r.id.ends_with(":passed"));
        let before =
            item("assessment-request-received=2025-01-06", "decision-to-assess", "2025-02-10");
        assert_eq!(reminder_for(&before), None, "an LA deadline still to come is not news");
    }
}
