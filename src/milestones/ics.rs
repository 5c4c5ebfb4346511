//! Calendar export: a child's deadlines as an iCalendar file (RFC 5545) for phone and desktop
//! calendars. Pure: bytes out, no files. Each event's UID comes from the deadline's stable id and
//! the child's id, so exporting again replaces the events already imported instead of adding
//! copies. The `icalendar` crate writes the file: CRLF line ends, lines folded at 75 octets without
//! splitting a character (RFC 5545 3.1), TEXT values escaped (3.3.11).

use icalendar::{Alarm, Calendar, Component, EventLike, Property, Trigger, ValueType};

use crate::deadlines::{format_uk, Deadline, DeadlineStatus, DutyHolder};

/// A calendar of `deadlines` for one child. `stamp` is the DTSTAMP, a UTC date-time such as
/// `20250601T090000Z` (passed in so the output is reproducible).
pub fn deadlines_ics(
    child_id: &str,
    child_name: &str,
    deadlines: &[Deadline],
    stamp: &str,
) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Carefile//SEND deadlines//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        // The crate escapes only the properties RFC 5545 types as TEXT; an X- name says so itself.
        .append_property(
            Property::new("X-WR-CALNAME", strip_controls(&format!("{child_name}: SEND deadlines")))
                .append_parameter(ValueType::Text)
                .done(),
        );
    for d in deadlines {
        calendar.push(vevent(child_id, child_name, d, stamp));
    }
    calendar.to_string()
}

/// Control characters other than a newline have no place in a calendar line; the crate escapes
/// newlines, and would pass a carriage return or a tab through as it is.
fn strip_controls(text: &str) -> String {
    text.chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

/// The UID of a deadline's calendar event: the same for the same deadline every time.
pub fn event_uid(child_id: &str, d: &Deadline) -> String {
    format!("{}.{}@carefile", d.id, child_id)
}

fn whose(who: DutyHolder) -> &'static str {
    match who {
        DutyHolder::Family => "your deadline",
        DutyHolder::LocalAuthority => "the LA's deadline",
        DutyHolder::School => "the school's deadline",
        DutyHolder::Health => "health's deadline",
        DutyHolder::AdviceGiver => "advice deadline",
        DutyHolder::MediationAdviser => "mediation adviser's deadline",
        DutyHolder::Tribunal => "Tribunal date",
        DutyHolder::AsDirected => "as directed",
        DutyHolder::RecordHolder => "records deadline",
    }
}

fn vevent(child_id: &str, child_name: &str, d: &Deadline, stamp: &str) -> icalendar::Event {
    let done =
        matches!(d.status, DeadlineStatus::MetOnTime { .. } | DeadlineStatus::MetLate { .. });
    let summary =
        format!("{}{child_name}: {} ({})", if done { "Done: " } else { "" }, d.title, whose(d.who));
    let description = format!(
        "{}\n\nHow it was counted: {}\nThe rule: {} ({})\nStarted by: {} on {}\nWhere it stands: {}",
        d.explanation,
        d.counting_words,
        d.source,
        d.rule,
        d.trigger.label(),
        format_uk(d.trigger_date),
        d.status.describe()
    );
    let next = d.due.succ_opt().unwrap_or(d.due);
    let uid = event_uid(child_id, d);
    let mut event = icalendar::Event::new();
    event
        .uid(&uid)
        .add_property("DTSTAMP", stamp)
        .starts(d.due)
        .ends(next)
        .summary(&strip_controls(&summary))
        .description(&strip_controls(&description))
        .add_property("CATEGORIES", "SEND deadline")
        .add_property("TRANSP", "TRANSPARENT");
    if !done {
        // Family deadlines: two weeks, three days and the morning of the day. An LA's deadline:
        // the morning after it passes, so the family can chase it.
        let alarms: &[(&str, &str)] = if d.who == DutyHolder::Family {
            &[("-P14D", "in two weeks"), ("-P3D", "in three days"), ("PT9H", "today")]
        } else {
            &[("P1DT9H", "passed yesterday")]
        };
        for (n, (trigger, when)) in alarms.iter().enumerate() {
            // The crate gives every component a DTSTAMP and a UID, a random one unless set: both are
            // set here so the same deadlines always make the same file (UID in VALARM: RFC 9074).
            let alarm = Alarm::display(
                &strip_controls(&format!("{} ({when})", d.title)),
                Trigger::Duration(chrono::Duration::zero(), None),
            )
            // Written as the RFC's own duration text (`-P14D`, `PT9H`), not chrono's seconds.
            .add_property("TRIGGER", *trigger)
            .add_property("UID", format!("{uid}.alarm{}", n + 1))
            .add_property("DTSTAMP", stamp)
            .done();
            event.alarm(alarm);
        }
    }
    event.done()
}

#[cfg(test)]
mod tests;
