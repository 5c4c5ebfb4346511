//! Calendar export: a child's deadlines as an iCalendar file (RFC 5545) for phone and desktop
//! calendars. Pure: bytes out, no files. Each event's UID comes from the deadline's stable id and
//! the child's id, so exporting again replaces the events already imported instead of adding
//! copies. Lines end in CRLF and are folded at 75 octets (RFC 5545 3.1); text is escaped (3.3.11).

use crate::deadlines::{format_uk, Deadline, DeadlineStatus, DutyHolder};

/// A calendar of `deadlines` for one child. `stamp` is the DTSTAMP, a UTC date-time such as
/// `20250601T090000Z` (passed in so the output is reproducible).
pub fn deadlines_ics(
    child_id: &str,
    child_name: &str,
    deadlines: &[Deadline],
    stamp: &str,
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| push_folded(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Carefile//SEND deadlines//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(&format!("{child_name}: SEND deadlines"))));
    for d in deadlines {
        vevent(&mut line, child_id, child_name, d, stamp);
    }
    line("END:VCALENDAR");
    out
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

fn vevent(
    line: &mut impl FnMut(&str),
    child_id: &str,
    child_name: &str,
    d: &Deadline,
    stamp: &str,
) {
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
    line("BEGIN:VEVENT");
    line(&format!("UID:{}", event_uid(child_id, d)));
    line(&format!("DTSTAMP:{stamp}"));
    line(&format!("DTSTART;VALUE=DATE:{}", d.due.format("%Y%m%d")));
    line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
    line(&format!("SUMMARY:{}", escape(&summary)));
    line(&format!("DESCRIPTION:{}", escape(&description)));
    line("CATEGORIES:SEND deadline");
    line("TRANSP:TRANSPARENT");
    if !done {
        // Family deadlines: two weeks, three days and the morning of the day. An LA's deadline:
        // the morning after it passes, so the family can chase it.
        let alarms: &[(&str, &str)] = if d.who == DutyHolder::Family {
            &[("-P14D", "in two weeks"), ("-P3D", "in three days"), ("PT9H", "today")]
        } else {
            &[("P1DT9H", "passed yesterday")]
        };
        for (trigger, when) in alarms {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("TRIGGER:{trigger}"));
            line(&format!("DESCRIPTION:{}", escape(&format!("{} ({when})", d.title))));
            line("END:VALARM");
        }
    }
    line("END:VEVENT");
}

/// RFC 5545 3.3.11: backslash, semicolon, comma and newlines in TEXT values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets (not counting CRLF),
/// never splitting a UTF-8 character; continuation lines start with a space (RFC 5545 3.1).
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("DESCRIPTION:{}", "é".repeat(100));
        push_folded(&mut out, &text);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), text);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
