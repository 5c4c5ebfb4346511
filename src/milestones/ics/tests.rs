use chrono::NaiveDate;

use super::*;
use crate::deadlines::{compute, DeadlineEvent, DeadlineEventKind as K, DeadlineSettings};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn some_deadlines() -> Vec<Deadline> {
    let events = [
        DeadlineEvent::new(K::AssessmentRequestReceived, date("2025-01-06")),
        DeadlineEvent::new(K::DecisionNoticeSent, date("2025-06-15")),
    ];
    compute(&events, &DeadlineSettings::default(), date("2025-03-01"))
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets_without_splitting_characters() {
    let name = "Zoë ".repeat(40);
    let ics = deadlines_ics("c1", &name, &some_deadlines(), "20250601T090000Z");
    assert!(ics.ends_with("\r\n"));
    for physical in ics.split("\r\n") {
        assert!(!physical.contains('\n') && !physical.contains('\r'), "{physical:?}");
        assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(&format!("X-WR-CALNAME;VALUE=TEXT:{name}: SEND deadlines")));
}

#[test]
fn text_is_escaped_and_control_characters_dropped() {
    let ics = deadlines_ics("c1", "Sam; \"Jo\", A\\B\r\tC", &some_deadlines(), "20250601T090000Z");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("X-WR-CALNAME;VALUE=TEXT:Sam\\; \"Jo\"\\, A\\\\BC: SEND deadlines"),
        "{unfolded}"
    );
    assert!(unfolded.contains("SUMMARY:Sam\\; \"Jo\"\\, A\\\\BC: "), "{unfolded}");
    // The description's line breaks are escaped, never raw.
    assert!(unfolded.contains("\\n\\nHow it was counted: "), "{unfolded}");
}

#[test]
fn the_same_deadlines_make_the_same_file_with_one_event_each() {
    let deadlines = some_deadlines();
    let a = deadlines_ics("c1", "Sam", &deadlines, "20250601T090000Z");
    let b = deadlines_ics("c1", "Sam", &deadlines, "20250601T090000Z");
    assert_eq!(a, b, "no random UIDs or clock times");
    assert_eq!(a.matches("BEGIN:VEVENT").count(), deadlines.len());
    for d in &deadlines {
        assert!(a.contains(&format!("UID:{}\r\n", event_uid("c1", d))));
        assert!(a.contains(&format!("DTSTART;VALUE=DATE:{}\r\n", d.due.format("%Y%m%d"))));
    }
    assert!(!a.contains("ICALENDAR-RS"), "our PRODID, not the crate's");
    assert!(a.contains("TRIGGER:-P14D\r\n") && a.contains("TRIGGER:P1DT9H\r\n"), "{a}");
}
