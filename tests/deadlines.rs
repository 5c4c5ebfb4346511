//! Deadlines through the CLI and the public API: the `deadlines calc` contract, events recorded
//! per child (typed in or read from a logged letter), settings, the accountability summary, the
//! calendar export and letters to a late LA.

use std::collections::BTreeSet;

use carefile::deadlines::DeadlineEventKind as K;
use carefile::milestones::{self as ms, LetterKind, NewRecordedEvent};
use carefile::record::{self as rec, *};
use chrono::NaiveDate;
use serde_json::Value;

use crate::util::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// `carefile deadlines calc` with these events; no vault exists in `dir`.
fn calc(dir: &Dir, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["deadlines", "calc", "--json", "--today", "2025-01-01"];
    let mut args = args.iter();
    while let Some(a) = args.next() {
        if *a == "--order" {
            full.extend([*a, args.next().expect("order value")]);
        } else {
            full.extend(["--event", *a]);
        }
    }
    let out = dir.cli().args(&full).output().expect("run carefile");
    json(&out).as_array().expect("array").clone()
}

fn due(rows: &[Value], rule: &str) -> Vec<String> {
    rows.iter()
        .filter(|r| r["rule"] == rule)
        .map(|r| r["due"].as_str().expect("due").to_string())
        .collect()
}

fn rules(rows: &[Value]) -> BTreeSet<String> {
    rows.iter().map(|r| r["rule"].as_str().expect("rule").to_string()).collect()
}

#[test]
fn calc_event_keys_give_the_issue_rule_ids() {
    let dir = Dir::new();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["assessment-request-received=2025-01-06"],
            &["decision-to-assess", "no-plan-notice", "final-plan"],
        ),
        (&["draft-plan-served=2025-03-03"], &["draft-plan-comments"]),
        (&["reassessment-request-received=2025-03-03"], &["reassessment-decision"]),
        (&["plan-issued=2024-03-01"], &["annual-review"]),
        (
            &["review-meeting=2024-11-14"],
            &[
                "review-notice",
                "review-papers",
                "review-report",
                "review-decision",
                "review-long-stop",
            ],
        ),
        (&["amendment-notice-served=2024-12-10"], &["amendment-comments", "final-amended-plan"]),
        (&["phase-transfer=2026-09-02"], &["phase-transfer-review"]),
        (&["phase-transfer-post16=2026-09-07"], &["phase-transfer-review"]),
        (&["decision-notice-sent=2025-06-15"], &["mediation-contact", "appeal-deadline"]),
        (&["mediation-declined=2025-04-18"], &["mediation-certificate"]),
        (&["problem-known=2025-01-06"], &["ombudsman-complaint"]),
    ];
    for (events, expected) in cases {
        let got = rules(&calc(&dir, events));
        for rule in *expected {
            assert!(got.contains(*rule), "{events:?} should give {rule}; got {got:?}");
        }
    }
    for order in ["assess", "make-plan", "amend", "school"] {
        let rows = calc(&dir, &["tribunal-order-sent=2025-06-02", "--order", order]);
        assert!(rules(&rows).contains("order-compliance"), "order {order}: {rows:?}");
    }
    assert!(!dir.vault().exists(), "calc must not create a vault");
}

#[test]
fn calc_gives_the_worked_examples_of_send_law_section_7() {
    let dir = Dir::new();
    let rows = calc(&dir, &["assessment-request-received=2025-01-06"]);
    assert_eq!(due(&rows, "decision-to-assess"), ["2025-02-17"]);
    assert_eq!(due(&rows, "no-plan-notice"), ["2025-04-28"]);
    // A bank holiday, shown as is: the SEND Regs have no roll-forward.
    assert_eq!(due(&rows, "final-plan"), ["2025-05-26"]);

    assert_eq!(
        due(&calc(&dir, &["draft-plan-served=2025-03-03"]), "draft-plan-comments"),
        ["2025-03-17"]
    );

    let rows = calc(&dir, &["review-meeting=2024-11-14"]);
    assert_eq!(due(&rows, "review-decision"), ["2024-12-12"]);
    assert_eq!(due(&rows, "review-long-stop"), ["2025-02-06"]);

    let rows = calc(&dir, &["phase-transfer=2026-09-02"]);
    assert_eq!(due(&rows, "phase-transfer-review"), ["2026-02-15"]);

    // IPSEA's example: decision 1 Oct, certificate 29 Nov: 29 Dec moves past 1 Jan.
    let rows =
        calc(&dir, &["decision-notice-sent=2025-10-01", "mediation-certificate-issued=2025-11-29"]);
    assert_eq!(due(&rows, "appeal-deadline"), ["2026-01-02"]);
    let rows =
        calc(&dir, &["decision-notice-sent=2026-10-01", "mediation-certificate-issued=2026-11-29"]);
    assert_eq!(due(&rows, "appeal-deadline"), ["2027-01-04"], "2 Jan 2027 is a Saturday");
    // In August: the first working day after 31 August.
    let rows = calc(&dir, &["decision-notice-sent=2025-06-15"]);
    assert_eq!(due(&rows, "appeal-deadline"), ["2025-09-01"]);
}

#[test]
fn calc_rows_are_sorted_by_due_date_and_carry_the_contract_fields() {
    let dir = Dir::new();
    let rows = calc(
        &dir,
        &[
            "review-meeting=2024-11-14",
            "assessment-request-received=2025-01-06",
            "problem-known=2024-06-01",
        ],
    );
    let dues: Vec<&str> = rows.iter().map(|r| r["due"].as_str().expect("due")).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    for r in &rows {
        for field in ["rule", "due", "trigger", "source", "explanation"] {
            assert!(r[field].as_str().is_some_and(|s| !s.is_empty()), "{field} in {r}");
        }
    }
    let r1 = rows.iter().find(|r| r["rule"] == "decision-to-assess").expect("R1");
    assert_eq!(r1["trigger"], "assessment-request-received");
    assert!(r1["source"].as_str().expect("source").contains("reg 5(1)"));
}

#[test]
fn calc_unknown_key_or_malformed_date_exits_1_naming_it() {
    let dir = Dir::new();
    let out = dir
        .cli()
        .args(["deadlines", "calc", "--event", "made-up-thing=2025-01-01"])
        .output()
        .unwrap();
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("made-up-thing"), "{}", stderr(&out));

    let out = dir
        .cli()
        .args(["deadlines", "calc", "--event", "draft-plan-served=2025-02-30"])
        .output()
        .unwrap();
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("2025-02-30"), "{}", stderr(&out));

    let out = dir
        .cli()
        .args(["deadlines", "calc", "--json", "--event", "draft-plan-served=03/03/2025"])
        .output()
        .unwrap();
    assert_one_clear_line(&out);
    assert_eq!(error_code(&out), "invalid_input");
}

/// A vault with one child, made through the CLI; returns the child's id.
fn vault_with_child(dir: &Dir) -> String {
    dir.init();
    let c = json(&dir.run(
        PASS,
        &[
            "child",
            "add",
            "--name",
            "Sam Jones",
            "--dob",
            "2016-05-04",
            "--la",
            "Northshire",
            "--json",
        ],
    ));
    c["id"].as_str().expect("child id").to_string()
}

fn child_deadlines(dir: &Dir, child: &str, today: &str) -> Value {
    json(&dir.run(PASS, &["deadlines", "--child", child, "--today", today, "--json"]))
}

fn find<'a>(c: &'a Value, rule: &str) -> &'a Value {
    c["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .find(|x| x["key"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {c}"))
}

#[test]
fn recorded_events_give_a_childs_deadlines_and_overdue_days() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    let e = json(&dir.run(
        PASS,
        &[
            "deadlines",
            "event",
            "add",
            "--child",
            &child,
            "assessment-request-received=2025-01-06",
            "--json",
        ],
    ));
    assert!(e["id"].as_str().expect("id").starts_with("de_"));

    let c = child_deadlines(&dir, &child, "2025-03-03");
    let r1 = find(&c, "decision-to-assess");
    assert_eq!(r1["due"], "2025-02-17");
    assert_eq!(r1["status"]["state"], "overdue");
    assert_eq!(r1["status"]["days"], 14);
    assert_eq!(c["overdue"][0]["key"], "decision-to-assess");
    assert_eq!(c["nextDue"]["key"], "no-plan-notice");

    // Recording the decision meets it, late.
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "decision-to-assess-sent=2025-03-01"],
    );
    let c = child_deadlines(&dir, &child, "2025-03-03");
    assert_eq!(find(&c, "decision-to-assess")["status"]["state"], "metLate");
    let summary = json(&dir.run(
        PASS,
        &["deadlines", "summary", "--child", &child, "--today", "2025-03-03", "--json"],
    ));
    assert_eq!(summary["late"], 1);
    assert_eq!(summary["steps"][0]["outcome"]["days"], 12);

    // Deleting an event takes its deadlines away.
    let list = json(&dir.run(PASS, &["deadlines", "event", "list", "--child", &child, "--json"]));
    for e in list.as_array().expect("events") {
        let id = e["id"].as_str().expect("id");
        assert!(dir.run(PASS, &["deadlines", "event", "delete", id]).status.success());
    }
    let c = child_deadlines(&dir, &child, "2025-03-03");
    assert!(c["deadlines"].as_array().expect("deadlines").is_empty());
}

#[test]
fn event_from_a_logged_decision_letter_takes_its_sent_date() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    let log = json(&dir.run(
        PASS,
        &[
            "log",
            "add",
            "--kind",
            "letter",
            "--direction",
            "in",
            "--subject",
            "Decision not to assess",
            "--child",
            &child,
            "--dated",
            "2025-06-13",
            "--sent",
            "2025-06-15",
            "--received",
            "2025-06-18",
            "--json",
        ],
    ));
    let log_id = log["id"].as_str().expect("log id");
    let e = json(&dir.run(
        PASS,
        &[
            "deadlines",
            "event",
            "add",
            "--child",
            &child,
            "decision-notice-sent",
            "--from-log",
            log_id,
            "--json",
        ],
    ));
    assert_eq!(e["date"], "2025-06-15", "the Tribunal's clock runs from the date sent");
    assert_eq!(e["correspondenceId"], log_id);
    let c = child_deadlines(&dir, &child, "2025-06-20");
    let appeal = find(&c, "appeal-deadline");
    assert_eq!(appeal["due"], "2025-09-01");
    assert!(appeal["explanation"].as_str().expect("explanation").contains("Tribunal"));

    let out = dir.run(
        PASS,
        &[
            "deadlines",
            "event",
            "add",
            "--child",
            &child,
            "decision-notice-sent",
            "--from-log",
            "co_nothere",
        ],
    );
    assert_one_clear_line(&out);
}

#[test]
fn settings_are_saved_in_the_vault_and_change_the_counting() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "assessment-request-received=2025-01-06"],
    );
    assert_eq!(
        find(&child_deadlines(&dir, &child, "2025-01-07"), "decision-to-assess")["due"],
        "2025-02-17"
    );
    let s = json(&dir.run(PASS, &["deadlines", "settings", "--within-start", "include", "--json"]));
    assert_eq!(s["withinStart"], "includeEventDay");
    assert_eq!(
        find(&child_deadlines(&dir, &child, "2025-01-07"), "decision-to-assess")["due"],
        "2025-02-16"
    );
    json(&dir.run(PASS, &["deadlines", "settings", "--reset", "--json"]));
    assert_eq!(
        find(&child_deadlines(&dir, &child, "2025-01-07"), "decision-to-assess")["due"],
        "2025-02-17"
    );
}

/// A minimal iCalendar reader, independent of the writer: checks CRLF line ends and 75-octet
/// folding, unfolds, and returns each component's properties (name → unescaped value).
fn parse_ics(bytes: &[u8]) -> Vec<(String, Vec<(String, String)>)> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.split("\r\n").collect();
    for l in &physical {
        assert!(!l.contains('\n') && !l.contains('\r'), "bare line break in {l:?}");
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
    }
    let mut lines: Vec<String> = Vec::new();
    for l in physical.into_iter().filter(|l| !l.is_empty()) {
        if let Some(rest) = l.strip_prefix(' ') {
            lines.last_mut().expect("continuation after a line").push_str(rest);
        } else {
            lines.push(l.to_string());
        }
    }
    let mut stack: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut done = Vec::new();
    for l in lines {
        let (name, value) = l.split_once(':').expect("NAME:value");
        let name = name.split(';').next().expect("name").to_string();
        match name.as_str() {
            "BEGIN" => stack.push((value.to_string(), Vec::new())),
            "END" => {
                let c = stack.pop().expect("END without BEGIN");
                assert_eq!(c.0, value, "END matches BEGIN");
                done.push(c);
            }
            _ => {
                let unescaped = value
                    .replace("\\n", "\n")
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\\\", "\\");
                stack.last_mut().expect("property inside a component").1.push((name, unescaped));
            }
        }
    }
    assert!(stack.is_empty(), "unclosed components");
    done
}

fn prop<'a>(c: &'a (String, Vec<(String, String)>), name: &str) -> Option<&'a str> {
    c.1.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn ics_export_parses_and_keeps_uids_stable_across_exports() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "decision-notice-sent=2025-06-15"],
    );
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "assessment-request-received=2025-01-06"],
    );
    let first = dir.path("first.ics");
    let out =
        dir.run(PASS, &["deadlines", "ics", "--child", &child, "--out", first.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A later event: the calendar grows, the old UIDs stay.
    dir.run(PASS, &["deadlines", "event", "add", "--child", &child, "review-meeting=2024-11-14"]);
    let second = dir.path("second.ics");
    dir.run(PASS, &["deadlines", "ics", "--child", &child, "--out", second.to_str().unwrap()]);

    let uids = |path: &std::path::Path| -> BTreeSet<String> {
        let comps = parse_ics(&std::fs::read(path).expect("read ics"));
        let cal = comps.iter().find(|c| c.0 == "VCALENDAR").expect("VCALENDAR");
        assert_eq!(prop(cal, "VERSION"), Some("2.0"));
        assert!(prop(cal, "PRODID").is_some());
        let events: Vec<_> = comps.iter().filter(|c| c.0 == "VEVENT").collect();
        assert!(!events.is_empty());
        for e in &events {
            for p in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"] {
                assert!(prop(e, p).is_some(), "{p} missing in {e:?}");
            }
        }
        events.iter().map(|e| prop(e, "UID").expect("UID").to_string()).collect()
    };
    let a = uids(&first);
    let b = uids(&second);
    assert!(a.is_subset(&b), "re-export keeps every UID: {a:?} vs {b:?}");
    assert!(b.len() > a.len());

    let comps = parse_ics(&std::fs::read(&first).unwrap());
    let appeal = comps
        .iter()
        .find(|c| {
            c.0 == "VEVENT"
                && prop(c, "SUMMARY").is_some_and(|s| s.to_lowercase().contains("appeal"))
        })
        .expect("appeal event");
    assert_eq!(prop(appeal, "DTSTART"), Some("20250901"));
    assert!(prop(appeal, "DESCRIPTION").expect("description").contains("HESC Rules"));
    let alarms = comps.iter().filter(|c| c.0 == "VALARM").count();
    assert!(alarms > 0, "reminders");
    for alarm in comps.iter().filter(|c| c.0 == "VALARM") {
        assert_eq!(prop(alarm, "ACTION"), Some("DISPLAY"));
        assert!(prop(alarm, "TRIGGER").is_some());
    }
}

/// One child with an event that puts the LA `late` days past a deadline on `today`.
fn late_letter(events: &[&str], kind: &str, today: &str) -> Value {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    for e in events {
        let out = dir.run(PASS, &["deadlines", "event", "add", "--child", &child, e]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let offers = json(&dir.run(
        PASS,
        &["deadlines", "letter", "list", "--child", &child, "--today", today, "--json"],
    ));
    assert!(
        offers.as_array().expect("offers").iter().any(|o| o["kind"] == kind),
        "{kind} offered: {offers}"
    );
    json(&dir.run(
        PASS,
        &[
            "deadlines",
            "letter",
            "write",
            "--child",
            &child,
            kind,
            "--today",
            today,
            "--from",
            "Alex Jones",
            "--json",
        ],
    ))
}

fn assert_letter(l: &Value, regulation: &str, dates: &[&str], days: i64) {
    let text = l["text"].as_str().expect("text");
    assert!(l["regulation"].as_str().expect("regulation").contains(regulation), "{l}");
    assert!(text.to_lowercase().contains(regulation), "the text cites {regulation}:\n{text}");
    for date in dates {
        assert!(text.contains(date), "the text gives {date}:\n{text}");
    }
    assert_eq!(l["daysOverdue"], days);
    assert!(text.contains(&format!("{days} days")), "{text}");
    assert!(text.contains("Alex Jones") && text.contains("Sam Jones"), "{text}");
}

#[test]
fn each_late_letter_names_its_regulation_and_dates() {
    let l = late_letter(
        &["assessment-request-received=2025-01-06"],
        "assessment-decision-late",
        "2025-03-03",
    );
    assert_letter(&l, "regulation 5(1)", &["6 Jan 2025", "17 Feb 2025"], 14);

    let l = late_letter(
        &["assessment-request-received=2025-01-06", "decision-to-assess-sent=2025-02-10"],
        "final-plan-late",
        "2025-06-02",
    );
    assert_letter(&l, "regulation 13(2)", &["6 Jan 2025", "26 May 2025"], 7);

    let l = late_letter(&["review-meeting=2024-11-14"], "review-decision-late", "2025-01-02");
    assert_letter(&l, "regulation 20(10)", &["14 Nov 2024", "12 Dec 2024"], 21);

    let l = late_letter(
        &["amendment-notice-served=2024-12-10"],
        "final-amended-plan-late",
        "2025-02-14",
    );
    assert_letter(&l, "regulation 22(3)", &["10 Dec 2024", "4 Feb 2025"], 10);

    let l = late_letter(&["phase-transfer=2026-09-02"], "phase-transfer-missed", "2026-02-20");
    assert_letter(&l, "regulation 18(1)", &["15 Feb 2026"], 5);
}

#[test]
fn a_letter_is_refused_when_the_deadline_is_not_overdue() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "assessment-request-received=2025-01-06"],
    );
    let out = dir.run(
        PASS,
        &[
            "deadlines",
            "letter",
            "write",
            "--child",
            &child,
            "assessment-decision-late",
            "--today",
            "2025-01-20",
        ],
    );
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("not overdue"), "{}", stderr(&out));
}

#[test]
fn a_sent_letter_is_saved_as_outgoing_correspondence_with_a_pdf() {
    let dir = Dir::new();
    let child = vault_with_child(&dir);
    dir.run(
        PASS,
        &["deadlines", "event", "add", "--child", &child, "assessment-request-received=2025-01-06"],
    );
    let pdf = dir.path("letter.pdf");
    let txt = dir.path("letter.txt");
    let out = json(&dir.run(
        PASS,
        &[
            "deadlines",
            "letter",
            "sent",
            "--child",
            &child,
            "assessment-decision-late",
            "--date",
            "2025-03-03",
            "--channel",
            "email",
            "--pdf",
            pdf.to_str().unwrap(),
            "--text",
            txt.to_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(out["correspondence"]["direction"], "out");
    assert_eq!(out["correspondence"]["sent"], "2025-03-03");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    assert!(std::fs::read_to_string(&txt)
        .expect("text")
        .to_lowercase()
        .contains("regulation 5(1)"));
    let log = json(&dir.run(PASS, &["log", "list", "--child", &child, "--json"]));
    assert_eq!(log.as_array().expect("log").len(), 1);
}

#[test]
fn provision_letter_uses_the_delivery_log() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = add_child(
        &mut v,
        &NewChild { name: "Sam Jones".into(), dob: d("2016-05-04"), ..Default::default() },
    )
    .unwrap();
    let plan = add_plan(
        &mut v,
        &NewPlan {
            child_id: c.id.clone(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: Some("Northshire".into()),
            named_setting: None,
            caseworker_id: None,
        },
    )
    .unwrap();
    let salt = add_provision(
        &mut v,
        &plan.id,
        &NewProvision {
            section: Section::F,
            what: "Speech and language therapy".into(),
            need_ids: vec![],
            who: None,
            qualification: None,
            frequency: Some(Frequency { times: 1, per: Per::Week }),
            minutes: Some(30),
            group_size: None,
            place: None,
            start: None,
            end: None,
            funded_by: None,
        },
    )
    .unwrap();
    issue_version(&mut v, &plan.id, Stage::Final, d("2024-09-02"), None).unwrap();
    rec::add_delivery(
        &mut v,
        &plan.id,
        &NewDelivery {
            provision_id: salt.id.clone(),
            dated: d("2024-09-10"),
            status: DeliveryStatus::Delivered,
            minutes: Some(30),
            reason: None,
            note: None,
        },
    )
    .unwrap();
    let today = d("2024-11-29");
    let offers = ms::letter_offers(&v, &c.id, today).unwrap();
    assert!(offers.iter().any(|o| o.kind == LetterKind::ProvisionNotDelivered), "{offers:?}");
    let l =
        ms::draft_letter(&v, &c.id, LetterKind::ProvisionNotDelivered, None, today, None).unwrap();
    assert!(l.regulation.contains("section 42(2)"));
    assert!(l.text.contains("Speech and language therapy: 1 of "), "{}", l.text);
    assert!(l.text.contains("2 Sept 2024") || l.text.contains("2 Sep 2024"), "{}", l.text);
    // The plan's issue is an event too: the annual review is due from it, without typing it again.
    let cd = ms::child_deadlines(&v, &c.id, today, 14).unwrap();
    assert!(cd.events.iter().any(|e| e.derived && e.kind == K::PlanIssued));
    assert!(cd.deadlines.iter().any(|x| x.key == "annual-review" && x.due == d("2025-09-02")));
}

#[test]
fn event_with_a_logged_letter_for_another_child_is_refused() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let new_child = |v: &mut carefile::vault::Vault, name: &str| {
        add_child(v, &NewChild { name: name.into(), dob: d("2016-05-04"), ..Default::default() })
            .unwrap()
    };
    let a = new_child(&mut v, "Sam");
    let b = new_child(&mut v, "Kim");
    let letter = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: Some(b.id.clone()),
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Incoming,
            subject: "Decision".into(),
            dated: None,
            sent: Some(d("2025-06-15")),
            received: None,
            channel: None,
            proof_of_delivery: None,
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap();
    let mut input = NewRecordedEvent::new(K::DecisionNoticeSent, d("2025-06-15"));
    input.date = None;
    input.correspondence_id = Some(letter.id.clone());
    let err = ms::add_event(&mut v, &a.id, &input).unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_input");
    assert!(ms::list_recorded_events(&v, &a.id).unwrap().is_empty());
}

/// Reads `ics` with Python's `icalendar` (tests/helpers/read_ics.py), or `None` when Python or the
/// module is missing (`make deps` installs it): the caller then skips.
fn read_with_python(dir: &Dir, ics: &str) -> Option<Value> {
    let path = dir.path("read-back.ics");
    std::fs::write(&path, ics).unwrap();
    let helper = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helpers/read_ics.py");
    let Ok(out) = std::process::Command::new("python3").arg(helper).arg(&path).output() else {
        eprintln!("skipped: python3 is not installed");
        return None;
    };
    if out.status.code() == Some(3) {
        eprintln!("skipped: Python's icalendar is not installed (make deps installs it)");
        return None;
    }
    assert!(out.status.success(), "Python's icalendar refused the file: {}", stderr(&out));
    Some(serde_json::from_slice(&out.stdout).expect("helper prints JSON"))
}

#[test]
fn ics_output_reads_back_in_an_independent_parser_with_the_same_events() {
    use carefile::deadlines::{
        compute, DeadlineEvent, DeadlineSettings, DeadlineStatus, DutyHolder,
    };
    let events = [
        DeadlineEvent::new(K::AssessmentRequestReceived, d("2025-01-06")),
        DeadlineEvent::new(K::DecisionToAssessSent, d("2025-02-10")),
        DeadlineEvent::new(K::DecisionNoticeSent, d("2025-06-15")),
    ];
    let deadlines = compute(&events, &DeadlineSettings::default(), d("2025-03-01"));
    let name = "Zoë \"Jo\" O'Neil; Smith, \\ Jr";
    let ics = ms::deadlines_ics("child-1", name, &deadlines, "20250601T090000Z");
    let dir = Dir::new();
    let Some(cal) = read_with_python(&dir, &ics) else { return };

    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["prodid"], "-//Carefile//SEND deadlines//EN");
    assert_eq!(cal["name"], format!("{name}: SEND deadlines"));
    let read = cal["events"].as_array().expect("events");
    assert_eq!(read.len(), deadlines.len());
    let mut some_done = false;
    for (e, dl) in read.iter().zip(&deadlines) {
        assert_eq!(e["uid"], format!("{}.child-1@carefile", dl.id));
        assert_eq!(e["dtstamp"], "2025-06-01T09:00:00+00:00");
        assert_eq!(e["start"], dl.due.to_string());
        assert_eq!(e["end"], dl.due.succ_opt().unwrap().to_string());
        let summary = e["summary"].as_str().unwrap();
        assert!(summary.contains(&format!("{name}: {}", dl.title)), "{summary}");
        let description = e["description"].as_str().unwrap();
        assert!(description.starts_with(&format!("{}\n\nHow it was counted: ", dl.explanation)));
        assert_eq!(e["categories"], serde_json::json!(["SEND deadline"]));
        let triggers: BTreeSet<&str> = e["alarms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                assert_eq!(a["action"], "DISPLAY");
                assert!(a["description"].as_str().unwrap().starts_with(&dl.title));
                a["trigger"].as_str().unwrap()
            })
            .collect();
        let done =
            matches!(dl.status, DeadlineStatus::MetOnTime { .. } | DeadlineStatus::MetLate { .. });
        some_done |= done;
        let expected: BTreeSet<&str> = if done {
            BTreeSet::new()
        } else if dl.who == DutyHolder::Family {
            ["-14 days, 0:00:00", "-3 days, 0:00:00", "9:00:00"].into()
        } else {
            ["1 day, 9:00:00"].into()
        };
        assert_eq!(triggers, expected, "{}", dl.title);
    }
    assert!(some_done, "the sample includes a deadline already met");
}
