//! The words of a deadline notification (the core says which deadlines and why, in data:
//! `carefile::milestones::reminders`). Unless the family turns details on, a notification names no
//! child, deadline or date: it stays on the lock screen after Carefile locks.

use carefile::deadlines::format_uk;
use carefile::milestones::{Reminder, ReminderNews};

/// What a notification says when details are off.
pub const DISCREET_TITLE: &str = "A deadline is due — unlock Carefile to see it";
const DISCREET_BODY: &str = "Carefile";

/// A notification's title and body.
pub fn words(r: &Reminder, details: bool) -> (String, String) {
    if !details {
        return (DISCREET_TITLE.into(), DISCREET_BODY.into());
    }
    let due = format_uk(r.due);
    let who = &r.child_name;
    match r.news {
        ReminderNews::DueIn { days } => {
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            (
                format!("Due {when}: {}", r.deadline),
                format!("For {who}, by {due}. Open Carefile to see why."),
            )
        }
        ReminderNews::Passed { .. } => (
            format!("Deadline passed: {}", r.deadline),
            format!(
                "For {who}, it was due {due}. Carefile can draft a letter citing the regulation."
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn reminder(news: ReminderNews) -> Reminder {
        Reminder {
            id: "dl_1:due".into(),
            news,
            deadline: "Appeal to the SEND Tribunal".into(),
            child_name: "Sam".into(),
            due: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        }
    }

    #[test]
    fn notifications_name_nobody_unless_the_family_turns_details_on() {
        let (title, body) = words(&reminder(ReminderNews::DueIn { days: 4 }), false);
        assert_eq!(title, "A deadline is due — unlock Carefile to see it");
        assert!(!body.contains("Sam") && !body.contains("2025") && !body.contains("Sep"));
        let (title, body) = words(&reminder(ReminderNews::DueIn { days: 4 }), true);
        assert_eq!(title, "Due in 4 days: Appeal to the SEND Tribunal");
        assert_eq!(body, "For Sam, by 1 Sep 2025. Open Carefile to see why.");
        let (title, _) = words(&reminder(ReminderNews::DueIn { days: 1 }), true);
        assert_eq!(title, "Due tomorrow: Appeal to the SEND Tribunal");
        let (title, body) = words(&reminder(ReminderNews::Passed { days: 2 }), true);
        assert_eq!(title, "Deadline passed: Appeal to the SEND Tribunal");
        assert!(body.contains("it was due 1 Sep 2025"), "{body}");
    }
}
