#!/usr/bin/env python3
"""Read an .ics file with Python's `icalendar` (an independent parser) and print what it holds as
JSON, for tests/deadlines.rs. Exits 3 when the `icalendar` module is not installed (`make deps`
installs it), so the Rust test can skip cleanly; any parse failure is an ordinary error."""
import json
import sys

try:
    import icalendar
except ImportError:
    sys.exit(3)


def text(v):
    return None if v is None else str(v)


def date(v):
    return None if v is None else v.dt.isoformat()


def main(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    if cal.errors:
        raise SystemExit(f"parse errors: {cal.errors}")
    events = []
    for ev in cal.walk("VEVENT"):
        if ev.errors:
            raise SystemExit(f"parse errors in {ev.get('UID')}: {ev.errors}")
        alarms = [
            {
                "action": text(a.get("ACTION")),
                "trigger": str(a.decoded("TRIGGER")),
                "description": text(a.get("DESCRIPTION")),
            }
            for a in ev.walk("VALARM")
        ]
        events.append(
            {
                "uid": text(ev.get("UID")),
                "dtstamp": ev.decoded("DTSTAMP").isoformat(),
                "start": date(ev.get("DTSTART")),
                "end": date(ev.get("DTEND")),
                "summary": text(ev.get("SUMMARY")),
                "description": text(ev.get("DESCRIPTION")),
                "categories": [str(c) for c in ev.get("CATEGORIES").cats],
                "alarms": alarms,
            }
        )
    print(
        json.dumps(
            {
                "version": text(cal.get("VERSION")),
                "prodid": text(cal.get("PRODID")),
                "name": text(cal.get("X-WR-CALNAME")),
                "events": events,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
