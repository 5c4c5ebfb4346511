//! The child's record: children, plans and versions, provision, delivery, correspondence and the
//! chronology, through the library and through the CLI.

use std::collections::{BTreeMap, BTreeSet};

use carefile::demo::seed_demo;
use carefile::record::{self as rec, *};
use carefile::vault::{self, Passphrase, Vault};
use chrono::{Days, NaiveDate};

use crate::util::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "command failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn counts(vault: &Vault) -> BTreeMap<String, i64> {
    vault.info().unwrap().counts
}

fn child(vault: &mut Vault, name: &str) -> Child {
    add_child(vault, &NewChild { name: name.into(), dob: d("2015-06-01"), ..NewChild::default() })
        .unwrap()
}

fn ehc_plan(vault: &mut Vault, child_id: &str) -> Plan {
    add_plan(
        vault,
        &NewPlan {
            child_id: child_id.into(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: Some("Anytown Council (fictional)".into()),
            named_setting: None,
            caseworker_id: None,
        },
    )
    .unwrap()
}

fn item(section: Section, what: &str, needs: &[&str]) -> NewProvision {
    NewProvision {
        section,
        what: what.into(),
        need_ids: needs.iter().map(|n| n.to_string()).collect(),
        who: Some("Speech and language therapist".into()),
        qualification: Some("HCPC-registered".into()),
        frequency: Some(Frequency { times: 1, per: Per::Week }),
        minutes: Some(30),
        group_size: Some("1:1".into()),
        place: Some("School".into()),
        start: None,
        end: None,
        funded_by: Some("LA".into()),
    }
}

#[test]
fn child_add_and_list_keep_the_cli_contract() {
    let dir = Dir::new();
    dir.init();
    let added = json(&dir.run(
        PASS,
        &[
            "child",
            "add",
            "--name",
            "Sam Example",
            "--dob",
            "2016-03-04",
            "--la",
            "Anytown",
            "--setting",
            "Sample School",
            "--json",
        ],
    ));
    let id = added["id"].as_str().expect("id").to_string();
    assert!(id.starts_with("ch_"), "{id}");
    let list = json(&dir.run(PASS, &["child", "list", "--json"]));
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["name"], "Sam Example");
    assert_eq!(list[0]["dob"], "2016-03-04");
    let shown = json(&dir.run(PASS, &["child", "show", &id, "--json"]));
    assert_eq!(shown["localAuthority"], "Anytown");
    assert_eq!(shown["setting"], "Sample School");
    let human = dir.run(PASS, &["child", "show", &id]);
    assert!(stdout(&human).contains("4 Mar 2016"), "{}", stdout(&human));
}

#[test]
fn everything_reads_back_equal_after_lock_and_unlock() {
    let dir = Dir::new();
    let (mut v, _key) = dir.create();
    let c = add_child(
        &mut v,
        &NewChild {
            name: "Sam Example".into(),
            preferred_name: Some("Sammy".into()),
            dob: d("2014-10-01"),
            local_authority: Some("Anytown Council".into()),
            setting: Some("Sample School".into()),
            about_me: AboutMe {
                likes: "Trains".into(),
                matters: "My dog".into(),
                support: "One step at a time".into(),
            },
        },
    )
    .unwrap();
    assert_eq!(c.year_group, year_group(d("2014-10-01"), chrono::Local::now().date_naive()));
    let p = add_person(
        &mut v,
        &NewPerson {
            name: "Pat Placeholder".into(),
            role: Some("SEN caseworker".into()),
            email: Some("pat@example.invalid".into()),
            ..NewPerson::default()
        },
    )
    .unwrap();
    let call = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: Some(c.id.clone()),
            person_id: Some(p.id.clone()),
            kind: CorrespondenceKind::Call,
            direction: Direction::Incoming,
            subject: "The draft plan".into(),
            dated: Some(d("2025-03-10")),
            sent: None,
            received: None,
            channel: Some("Phone".into()),
            proof_of_delivery: None,
            summary: "Caseworker will firm up Section F.".into(),
            actions: vec![NewAgreedAction {
                action: "Send new Section F wording".into(),
                owner: Some("Pat Placeholder".into()),
                due: Some(d("2025-03-20")),
            }],
        },
    )
    .unwrap();
    let note = call.follow_up.clone().expect("a call offers a confirm-in-writing note");
    assert!(
        note.contains("Dear Pat Placeholder")
            && note.contains("10 Mar 2025")
            && note.contains("Send new Section F wording (Pat Placeholder, by 20 Mar 2025)"),
        "{note}"
    );
    let letter = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: Some(c.id.clone()),
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Incoming,
            subject: "Decision letter".into(),
            dated: Some(d("2025-03-01")),
            sent: Some(d("2025-03-03")),
            received: Some(d("2025-03-05")),
            channel: Some("Recorded delivery".into()),
            proof_of_delivery: Some("AB123456789GB".into()),
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap();
    assert_eq!(
        (letter.dated, letter.sent, letter.received, letter.date),
        (Some(d("2025-03-01")), Some(d("2025-03-03")), Some(d("2025-03-05")), d("2025-03-05"))
    );
    assert_eq!(letter.follow_up, None);

    let plan = ehc_plan(&mut v, &c.id);
    set_section(&mut v, &plan.id, Section::A, Some("All about me"), "Sam likes trains.").unwrap();
    let need = add_need(
        &mut v,
        &plan.id,
        &NewNeed {
            section: Section::B,
            area: Some("Communication".into()),
            text: "Receptive language disorder".into(),
        },
    )
    .unwrap();
    let outcome = add_outcome(
        &mut v,
        &plan.id,
        &NewOutcome {
            text: "Follow three-part instructions".into(),
            pfa_area: Some(PfaArea::Employment),
            by_when: Some("Year 10".into()),
        },
    )
    .unwrap();
    let mut salt = item(Section::F, "Speech and language therapy", &[&need.id]);
    salt.start = Some(d("2025-01-06"));
    salt.end = Some(d("2025-07-18"));
    let salt = add_provision(&mut v, &plan.id, &salt).unwrap();
    assert_eq!(salt.need_ids, vec![need.id.clone()]);
    issue_version(&mut v, &plan.id, Stage::Final, d("2025-01-03"), Some("Final plan")).unwrap();
    add_progress_note(
        &mut v,
        &plan.id,
        &NewProgressNote {
            outcome_id: outcome.id.clone(),
            dated: d("2025-04-01"),
            source: ProgressSource::School,
            note: "Good progress".into(),
        },
    )
    .unwrap();
    add_delivery(
        &mut v,
        &plan.id,
        &NewDelivery {
            provision_id: salt.id.clone(),
            dated: d("2025-01-07"),
            status: DeliveryStatus::Delivered,
            minutes: Some(30),
            reason: None,
            note: Some("Fine".into()),
        },
    )
    .unwrap();
    add_delivery(
        &mut v,
        &plan.id,
        &NewDelivery {
            provision_id: salt.id.clone(),
            dated: d("2025-01-14"),
            status: DeliveryStatus::Cancelled,
            minutes: None,
            reason: Some("Trip".into()),
            note: None,
        },
    )
    .unwrap();
    let cycle = add_sen_support_cycle(
        &mut v,
        &NewSenSupportCycle {
            child_id: c.id.clone(),
            started: d("2024-09-10"),
            assessment: "Phonics".into(),
            outcomes: "Blend CVC words".into(),
            support: "Phonics group 3 times a week".into(),
            expected_impact: "Pass the check".into(),
            review_due: None,
        },
    )
    .unwrap();
    assert_eq!(cycle.review_due, d("2024-12-03"), "twelve weeks by default");
    let mut terms = default_terms(2024).unwrap();
    terms[0].starts = d("2024-09-04");
    for t in &mut terms {
        t.is_default = false;
    }
    set_terms(&mut v, &terms).unwrap();

    let read = |v: &Vault| {
        let plan_version = get_version(v, &plan.id, None).unwrap();
        (
            list_children(v).unwrap(),
            list_people(v).unwrap(),
            list_correspondence(v, None).unwrap(),
            list_plans(v, None).unwrap(),
            list_versions(v, &plan.id).unwrap(),
            plan_version,
            list_progress_notes(v, &plan.id, None).unwrap(),
            list_deliveries(v, &plan.id, None, None).unwrap(),
            list_sen_support_cycles(v, None).unwrap(),
            terms_for_year(v, 2024).unwrap(),
            chronology(v, &ChronologyFilter::default()).unwrap(),
        )
    };
    let before = read(&v);
    assert_eq!(before.0, vec![c.clone()]);
    assert_eq!(before.1, vec![p.clone()]);
    assert_eq!(before.9, terms);
    let version = &before.5;
    assert_eq!(version.sections[0].label.as_deref(), Some("All about me"));
    assert_eq!(version.needs, vec![need.clone()]);
    assert_eq!(version.outcomes, vec![outcome.clone()]);
    assert_eq!(version.provision, vec![salt.clone()]);
    v.lock().unwrap();

    let v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
    assert_eq!(read(&v), before);
    let plan_now = get_plan(&v, &plan.id).unwrap();
    assert_eq!((plan_now.status, plan_now.issued), (PlanStatus::Final, Some(d("2025-01-03"))));
}

#[test]
fn issued_versions_are_immutable_and_compare_lists_exactly_the_changed_words() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    let plan = ehc_plan(&mut v, &c.id);
    set_section(
        &mut v,
        &plan.id,
        Section::F,
        None,
        "Sam will have one session of speech therapy each week from a qualified therapist.",
    )
    .unwrap();
    set_section(&mut v, &plan.id, Section::A, None, "Sam likes trains.").unwrap();
    let draft = issue_version(&mut v, &plan.id, Stage::Draft, d("2025-02-03"), None).unwrap();
    assert!(draft.frozen);
    let draft_before = get_version(&v, &plan.id, Some(1)).unwrap();

    // Editing after issue starts version 2; version 1 stays exactly as it was.
    let edited = set_section(
        &mut v,
        &plan.id,
        Section::F,
        None,
        "Sam will have two sessions of speech and language therapy each week from a therapist.",
    )
    .unwrap();
    assert_eq!((edited.number, edited.frozen), (2, false));
    assert_eq!(get_version(&v, &plan.id, Some(1)).unwrap(), draft_before);
    issue_version(&mut v, &plan.id, Stage::Final, d("2025-04-01"), None).unwrap();
    assert_eq!(list_versions(&v, &plan.id).unwrap().len(), 2);

    // The database itself refuses to change an issued version.
    let sql_edit = v
        .conn()
        .execute("UPDATE plan_sections SET text = 'changed' WHERE version_id = ?1", [&draft.id]);
    assert!(sql_edit.is_err(), "a frozen version must refuse SQL updates");
    let sql_unfreeze =
        v.conn().execute("UPDATE plan_versions SET frozen = 0 WHERE id = ?1", [&draft.id]);
    assert!(sql_unfreeze.is_err());
    assert_eq!(get_version(&v, &plan.id, Some(1)).unwrap(), draft_before);

    let cmp = compare_versions(&v, &plan.id, 1, 2).unwrap();
    let f = cmp.sections.iter().find(|s| s.section == Section::F).unwrap();
    assert!(f.changed);
    assert_eq!(f.removed, ["one", "session", "qualified"]);
    assert_eq!(f.added, ["two", "sessions", "and", "language"]);
    let a = cmp.sections.iter().find(|s| s.section == Section::A).unwrap();
    assert!(!a.changed && a.added.is_empty() && a.removed.is_empty());

    // Issuing needs a change first, and a date no earlier than the last issue.
    let again = issue_version(&mut v, &plan.id, Stage::Amended, d("2025-05-01"), None).unwrap_err();
    assert_eq!(again.code(), carefile::ErrorCode::InvalidInput);
    set_section(&mut v, &plan.id, Section::I, None, "Sample School").unwrap();
    let early = issue_version(&mut v, &plan.id, Stage::Amended, d("2025-03-01"), None).unwrap_err();
    assert!(early.to_string().contains("before the date of the previous version"), "{early}");
    v.lock().unwrap();

    // Through the CLI.
    let out =
        json(&dir.run(PASS, &["plan", "compare", &plan.id, "--from", "1", "--to", "2", "--json"]));
    let f = out["sections"].as_array().unwrap().iter().find(|s| s["section"] == "F").unwrap();
    assert_eq!(f["removed"], serde_json::json!(["one", "session", "qualified"]));
    let versions = json(&dir.run(PASS, &["plan", "versions", &plan.id, "--json"]));
    assert_eq!(versions.as_array().unwrap().len(), 3, "the I edit opened version 3");
}

#[test]
fn provision_check_flags_each_vague_phrase_and_passes_a_specified_plan() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");

    // A properly specified plan: no findings.
    let good = ehc_plan(&mut v, &c.id);
    let need = add_need(
        &mut v,
        &good.id,
        &NewNeed {
            section: Section::B,
            area: None,
            text: "Severe receptive language disorder".into(),
        },
    )
    .unwrap();
    add_provision(
        &mut v,
        &good.id,
        &item(Section::F, "30 minutes of 1:1 speech and language therapy once a week", &[&need.id]),
    )
    .unwrap();
    assert_eq!(check_provision(&v, &good.id, None).unwrap(), vec![]);

    // One item per vague phrase from the issue.
    let bad = ehc_plan(&mut v, &c.id);
    let need = add_need(
        &mut v,
        &bad.id,
        &NewNeed { section: Section::B, area: None, text: "Anxiety at transitions".into() },
    )
    .unwrap();
    let lonely = add_need(
        &mut v,
        &bad.id,
        &NewNeed { section: Section::B, area: None, text: "Fine motor difficulties".into() },
    )
    .unwrap();
    let samples = [
        ("access to", "Sam will have access to a quiet room"),
        ("regular", "Regular check-ins with a key adult"),
        ("as required", "Movement breaks as required"),
        ("opportunities", "Opportunities to practise social skills"),
        ("support from", "Sam will receive support from a teaching assistant"),
        ("up to", "Up to three sessions of occupational therapy"),
        ("may", "Sam may attend a lunchtime club"),
        ("should", "Staff should use visual timetables"),
        ("as appropriate", "Adult help in the playground as appropriate"),
    ];
    let mut ids = BTreeMap::new();
    for (phrase, text) in samples {
        let added = add_provision(&mut v, &bad.id, &item(Section::F, text, &[&need.id])).unwrap();
        ids.insert(added.id, phrase);
    }
    let vague_only = add_provision(
        &mut v,
        &bad.id,
        &NewProvision {
            frequency: None,
            minutes: None,
            who: None,
            qualification: None,
            ..item(Section::F, "Help with writing", &[&need.id])
        },
    )
    .unwrap();

    let findings = check_provision(&v, &bad.id, None).unwrap();
    for (id, phrase) in &ids {
        let hits: Vec<_> = findings.iter().filter(|f| f.item_id.as_ref() == Some(id)).collect();
        assert_eq!(hits.len(), 1, "{phrase}: {hits:?}");
        assert_eq!(hits[0].kind, FindingKind::VagueWording);
        assert_eq!(hits[0].phrase.as_deref(), Some(*phrase));
        assert!(!hits[0].message.is_empty());
    }
    let missing: BTreeSet<_> = findings
        .iter()
        .filter(|f| f.item_id.as_ref() == Some(&vague_only.id))
        .map(|f| f.kind)
        .collect();
    assert_eq!(
        missing,
        BTreeSet::from([
            FindingKind::NoFrequency,
            FindingKind::NoDuration,
            FindingKind::NoProvider
        ])
    );
    let orphan: Vec<_> =
        findings.iter().filter(|f| f.kind == FindingKind::NeedWithoutProvision).collect();
    assert_eq!(orphan.len(), 1);
    assert_eq!(orphan[0].item_id.as_ref(), Some(&lonely.id));
    v.lock().unwrap();

    let out = json(&dir.run(PASS, &["provision", "check", &bad.id, "--json"]));
    assert_eq!(out.as_array().unwrap().len(), findings.len());
    let human = dir.run(PASS, &["provision", "check", &good.id]);
    assert!(stdout(&human).contains("No problems found"), "{}", stdout(&human));
}

#[test]
fn delivery_summary_over_a_term_matches_a_hand_count() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    let plan = ehc_plan(&mut v, &c.id);
    // Autumn 2024: Mon 2 Sep to Fri 20 Dec, half term 28 Oct to 1 Nov. 16 Monday-to-Friday weeks,
    // 15 of them in term; 80 weekdays, 75 school days (no bank holidays in this stretch).
    set_terms(
        &mut v,
        &[Term {
            school_year: 2024,
            name: TermName::Autumn,
            starts: d("2024-09-02"),
            ends: d("2024-12-20"),
            half_term_starts: Some(d("2024-10-28")),
            half_term_ends: Some(d("2024-11-01")),
            is_default: false,
        }],
    )
    .unwrap();
    let twice_weekly = add_provision(
        &mut v,
        &plan.id,
        &NewProvision {
            frequency: Some(Frequency { times: 2, per: Per::Week }),
            ..item(Section::F, "Speech and language therapy", &[])
        },
    )
    .unwrap();
    let termly = add_provision(
        &mut v,
        &plan.id,
        &NewProvision {
            frequency: Some(Frequency { times: 6, per: Per::Term }),
            ..item(Section::F, "Occupational therapy", &[])
        },
    )
    .unwrap();
    let daily = add_provision(
        &mut v,
        &plan.id,
        &NewProvision {
            frequency: Some(Frequency { times: 1, per: Per::Day }),
            ..item(Section::F, "Reading practice", &[])
        },
    )
    .unwrap();
    // From Monday 4 November: 7 weeks of term left (4 Nov to 20 Dec).
    let late = add_provision(
        &mut v,
        &plan.id,
        &NewProvision {
            start: Some(d("2024-11-04")),
            ..item(Section::F, "Social skills group", &[])
        },
    )
    .unwrap();
    issue_version(&mut v, &plan.id, Stage::Final, d("2024-08-30"), None).unwrap();

    let mut log = |day: NaiveDate, status: DeliveryStatus| {
        add_delivery(
            &mut v,
            &plan.id,
            &NewDelivery {
                provision_id: twice_weekly.id.clone(),
                dated: day,
                status,
                minutes: None,
                reason: None,
                note: None,
            },
        )
        .unwrap();
    };
    let first_tuesday = d("2024-09-03");
    for week in 0..10u64 {
        let tue = first_tuesday + Days::new(week * 7);
        log(tue, DeliveryStatus::Delivered);
        log(tue + Days::new(2), DeliveryStatus::Delivered);
    }
    for day in ["2024-11-19", "2024-11-21", "2024-11-26"] {
        log(d(day), DeliveryStatus::Missed);
    }
    log(d("2024-11-28"), DeliveryStatus::Cancelled);
    log(d("2025-01-07"), DeliveryStatus::Delivered); // after the period: not counted

    let summary = delivery_summary(&v, &plan.id, d("2024-09-01"), d("2024-12-31")).unwrap();
    let row = |id: &str| summary.iter().find(|r| r.provision_id == id).unwrap().clone();
    let s = row(&twice_weekly.id);
    assert_eq!((s.planned, s.delivered, s.missed, s.cancelled), (Some(30), 20, 3, 1));
    assert_eq!((s.school_days, s.school_weeks), (75, 15));
    assert_eq!(s.headline, "20 of 30 sessions delivered");
    assert_eq!(s.delivered_minutes, 20 * 30);
    assert_eq!(row(&termly.id).planned, Some(6));
    assert_eq!(row(&daily.id).planned, Some(75));
    assert_eq!(row(&late.id).planned, Some(7));
    // 2 Sep to 18 Oct is 7 weeks, 35 of the term's 75 school days: 6 x 35/75 = 2.8, so 2.
    let half = delivery_summary(&v, &plan.id, d("2024-09-01"), d("2024-10-18")).unwrap();
    assert_eq!(half.iter().find(|r| r.provision_id == termly.id).unwrap().planned, Some(2));
    v.lock().unwrap();

    let out = json(&dir.run(
        PASS,
        &["delivery", "summary", &plan.id, "--from", "2024-09-01", "--to", "2024-12-31", "--json"],
    ));
    let item = out["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["provisionId"] == twice_weekly.id.as_str())
        .unwrap()
        .clone();
    assert_eq!((item["planned"].as_u64(), item["delivered"].as_u64()), (Some(30), Some(20)));
}

#[test]
fn chronology_has_every_dated_item_once_in_order_and_csv_and_pdf_agree() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let seeded = seed_demo(&mut v).unwrap();
    assert_eq!(seeded.children.len(), 2);
    assert!(seeded.correspondence >= 20 && seeded.deliveries > 30, "{seeded:?}");

    // Count every dated item the record holds, by hand.
    let log = list_correspondence(&v, None).unwrap();
    let mut expected = seeded.children.len() + log.len();
    expected += log.iter().flat_map(|e| &e.actions).filter(|a| a.due.is_some()).count();
    for plan in list_plans(&v, None).unwrap() {
        expected +=
            list_versions(&v, &plan.id).unwrap().iter().filter(|x| x.issued.is_some()).count();
        expected += usize::from(plan.ceased.is_some());
        expected += list_deliveries(&v, &plan.id, None, None).unwrap().len();
        expected += list_progress_notes(&v, &plan.id, None).unwrap().len();
    }
    for cycle in list_sen_support_cycles(&v, None).unwrap() {
        expected += 1 + usize::from(cycle.reviewed.is_some());
    }
    let all = chronology(&v, &ChronologyFilter::default()).unwrap();
    assert_eq!(all.len(), expected);
    let unique: BTreeSet<_> = all.iter().map(|e| (e.kind, e.source_id.clone())).collect();
    assert_eq!(unique.len(), all.len(), "each item exactly once");
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date), "in date order");

    // Filters narrow it.
    let robin = &seeded.children[1];
    let robins =
        chronology(&v, &ChronologyFilter { child_id: Some(robin.clone()), ..Default::default() })
            .unwrap();
    assert!(!robins.is_empty() && robins.iter().all(|e| e.child_id.as_ref() == Some(robin)));
    let letters = chronology(
        &v,
        &ChronologyFilter { kinds: vec![ChronologyKind::Correspondence], ..Default::default() },
    )
    .unwrap();
    assert_eq!(letters.len(), log.len());
    let from = all[10].date;
    let later =
        chronology(&v, &ChronologyFilter { from: Some(from), ..Default::default() }).unwrap();
    assert_eq!(later.len(), all.iter().filter(|e| e.date >= from).count());
    v.lock().unwrap();

    // CSV and PDF from the CLI hold the same rows.
    let (csv, pdf) = (dir.path("chronology.csv"), dir.path("chronology.pdf"));
    let out = dir
        .run(PASS, &["chronology", "--csv", csv.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    let csv_dates: Vec<String> =
        csv_text.lines().skip(1).map(|line| rec::british_date(d(&line[..10]))).collect();
    assert_eq!(csv_dates.len(), all.len());
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    let pdf_dates: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().take(3).collect();
            let candidate = words.join(" ");
            NaiveDate::parse_from_str(&candidate, "%d %b %Y").ok().map(|_| candidate)
        })
        .collect();
    assert_eq!(pdf_dates, csv_dates, "the PDF must list the same rows in the same order");
    for e in &all {
        let first_words: String = e.title.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&first_words), "{first_words} missing from the PDF");
    }
}

#[test]
fn a_logged_phone_call_appears_in_the_chronology_from_the_cli() {
    let dir = Dir::new();
    dir.init();
    let c = json(
        &dir.run(PASS, &["child", "add", "--name", "Sam Example", "--dob", "2016-03-04", "--json"]),
    );
    let id = c["id"].as_str().unwrap();
    let call = json(&dir.run(
        PASS,
        &[
            "log",
            "add",
            "--kind",
            "call",
            "--direction",
            "in",
            "--child",
            id,
            "--subject",
            "Transport to school",
            "--dated",
            "2025-06-02",
            "--summary",
            "LA will arrange a taxi.",
            "--action",
            "Confirm the taxi|Caseworker|2025-06-09",
            "--json",
        ],
    ));
    assert!(call["followUp"].as_str().unwrap().contains("2 Jun 2025"));
    let chron = json(&dir.run(PASS, &["chronology", "--child", id, "--json"]));
    let titles: Vec<&str> =
        chron.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Born", "Phone call in: Transport to school", "Action due: Confirm the taxi (Caseworker)"]
    );
}

#[test]
fn bad_input_gets_a_clear_error_and_writes_nothing() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    let plan = ehc_plan(&mut v, &c.id);
    let need = add_need(
        &mut v,
        &plan.id,
        &NewNeed { section: Section::B, area: None, text: "Language".into() },
    )
    .unwrap();
    issue_version(&mut v, &plan.id, Stage::Final, d("2025-01-06"), None).unwrap();
    let before = counts(&v);
    let future = chrono::Local::now().date_naive() + Days::new(30);

    let e = add_child(
        &mut v,
        &NewChild { name: "Future Child".into(), dob: future, ..NewChild::default() },
    )
    .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::InvalidInput);
    assert!(e.to_string().contains("in the future"), "{e}");

    let mut backwards = item(Section::F, "Speech and language therapy", &[&need.id]);
    backwards.start = Some(d("2025-07-01"));
    backwards.end = Some(d("2025-01-01"));
    let e = add_provision(&mut v, &plan.id, &backwards).unwrap_err();
    assert!(e.to_string().contains("before the start date"), "{e}");

    let zero = NewProvision {
        frequency: Some(Frequency { times: 0, per: Per::Week }),
        ..item(Section::F, "Therapy", &[&need.id])
    };
    let e = add_provision(&mut v, &plan.id, &zero).unwrap_err();
    assert!(e.to_string().contains("can't be zero"), "{e}");

    let unknown_need = item(Section::F, "Therapy", &["nd_0000000000000000"]);
    assert_eq!(
        add_provision(&mut v, &plan.id, &unknown_need).unwrap_err().code(),
        carefile::ErrorCode::NotFound
    );

    let e = add_plan(
        &mut v,
        &NewPlan {
            child_id: "ch_0000000000000000".into(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: None,
            named_setting: None,
            caseworker_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::NotFound);
    let e = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: Some("ch_0000000000000000".into()),
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Outgoing,
            subject: "Letter".into(),
            dated: Some(d("2025-01-01")),
            sent: None,
            received: None,
            channel: None,
            proof_of_delivery: None,
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::NotFound);
    let e = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: None,
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Incoming,
            subject: "Letter".into(),
            dated: None,
            sent: Some(d("2025-01-10")),
            received: Some(d("2025-01-08")),
            channel: None,
            proof_of_delivery: None,
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("before the date sent"), "{e}");
    let e = set_terms(
        &mut v,
        &[Term {
            school_year: 2024,
            name: TermName::Autumn,
            starts: d("2024-12-20"),
            ends: d("2024-09-02"),
            half_term_starts: None,
            half_term_ends: None,
            is_default: false,
        }],
    )
    .unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::InvalidInput);

    assert_eq!(counts(&v), before, "nothing was written");
    assert_eq!(
        list_versions(&v, &plan.id).unwrap().len(),
        1,
        "a refused edit must not open a new version"
    );
    v.lock().unwrap();

    // The same through the CLI: one clear line, a stable code, nothing written.
    let future = future.format("%Y-%m-%d").to_string();
    let cases: [(&[&str], &str); 5] = [
        (&["child", "add", "--name", "X", "--dob", &future, "--json"], "invalid_input"),
        (&["child", "add", "--name", "X", "--dob", "04/03/2016", "--json"], "invalid_input"),
        (&["plan", "add", "--child", "ch_0000000000000000", "--json"], "not_found"),
        (
            &[
                "provision",
                "add",
                &plan.id,
                "--what",
                "Therapy",
                "--times",
                "0",
                "--per",
                "week",
                "--json",
            ],
            "invalid_input",
        ),
        (
            &[
                "provision",
                "add",
                &plan.id,
                "--what",
                "Therapy",
                "--start",
                "2025-07-01",
                "--end",
                "2025-01-01",
                "--json",
            ],
            "invalid_input",
        ),
    ];
    for (args, code) in cases {
        let out = dir.run(PASS, args);
        assert_one_clear_line(&out);
        assert_eq!(error_code(&out), code, "{args:?}");
    }
    let v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
    assert_eq!(counts(&v), before, "the CLI wrote nothing either");
}

#[test]
fn demo_command_creates_a_populated_fictional_vault() {
    let dir = Dir::new();
    let out = json(&dir.run(PASS, &["demo", "--json"]));
    assert_eq!(out["recoveryKey"].as_str().map(str::len), Some(39));
    let children = json(&dir.run(PASS, &["child", "list", "--json"]));
    assert_eq!(children.as_array().unwrap().len(), 2);
    assert!(children
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["name"].as_str().unwrap().contains("Example")));
    let log = json(&dir.run(PASS, &["log", "list", "--json"]));
    assert!(log.as_array().unwrap().len() >= 20);
    let plans = json(&dir.run(PASS, &["plan", "list", "--json"]));
    let plan = plans[0]["id"].as_str().unwrap();
    let versions = json(&dir.run(PASS, &["plan", "versions", plan, "--json"]));
    let stages: Vec<&str> =
        versions.as_array().unwrap().iter().map(|v| v["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["draft", "final", "amended"]);
    let check = json(&dir.run(PASS, &["provision", "check", plan, "--json"]));
    assert!(check.as_array().unwrap().iter().any(|f| f["kind"] == "vague_wording"));
    let again = dir.run(PASS, &["demo", "--json"]);
    assert_eq!(error_code(&again), "vault_exists");
}

#[test]
fn sen_support_warns_when_fewer_than_three_parent_meetings_are_logged() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Robin Example");
    add_sen_support_cycle(
        &mut v,
        &NewSenSupportCycle {
            child_id: c.id.clone(),
            started: d("2024-09-16"),
            assessment: "Reading".into(),
            outcomes: "Blend CVC words".into(),
            support: "Phonics group".into(),
            expected_impact: "Pass the check".into(),
            review_due: Some(d("2024-12-09")),
        },
    )
    .unwrap();
    let meeting = |v: &mut Vault, day: &str| {
        add_correspondence(
            v,
            &NewCorrespondence {
                child_id: Some(c.id.clone()),
                person_id: None,
                kind: CorrespondenceKind::Meeting,
                direction: Direction::Incoming,
                subject: "SEN Support meeting".into(),
                dated: Some(d(day)),
                sent: None,
                received: None,
                channel: None,
                proof_of_delivery: None,
                summary: String::new(),
                actions: vec![],
            },
        )
        .unwrap();
    };
    meeting(&mut v, "2024-09-16");
    meeting(&mut v, "2025-01-20");
    meeting(&mut v, "2025-09-10"); // next school year: doesn't count
    let on = d("2025-06-30");
    let kinds: Vec<_> =
        sen_support_warnings(&v, &c.id, on).unwrap().into_iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [SenSupportWarningKind::FewParentMeetings, SenSupportWarningKind::ReviewOverdue]
    );
    meeting(&mut v, "2025-04-28");
    let cycle = list_sen_support_cycles(&v, None).unwrap()[0].id.clone();
    review_sen_support_cycle(&mut v, &cycle, d("2024-12-10"), "Good progress").unwrap();
    assert_eq!(sen_support_warnings(&v, &c.id, on).unwrap(), vec![]);
}

mod changes;
mod photo;
