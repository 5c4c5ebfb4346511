//! Editing people, Section K advice, the term calendar, and planned counts when the plan's
//! frequency changed between versions.

use carefile::advice::{link_advice, list_advice, unlink_advice};
use carefile::documents::{self as docs, import_bytes, DocumentMetadata, ImportOptions};
use carefile::ErrorCode;

use super::*;

fn person(v: &mut Vault) -> Person {
    add_person(
        v,
        &NewPerson {
            name: "Pat Placeholder".into(),
            role: Some("SEN caseworker".into()),
            organisation: Some("Anytown Council (fictional)".into()),
            email: Some("pat@example.org".into()),
            phone: Some("01632 960000".into()),
            address: None,
            notes: Some("Works Mondays to Wednesdays".into()),
        },
    )
    .unwrap()
}

#[test]
fn a_person_is_edited_in_place_and_a_bad_edit_writes_nothing() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let p = person(&mut v);
    let edited = update_person(
        &mut v,
        &p.id,
        &NewPerson {
            name: " Pat Placeholder-Jones ".into(),
            role: Some("Team manager".into()),
            organisation: p.organisation.clone(),
            email: Some("  ".into()),
            phone: p.phone.clone(),
            address: Some("1 Sample Street".into()),
            notes: None,
        },
    )
    .unwrap();
    assert_eq!(edited.id, p.id);
    assert_eq!(edited.created, p.created);
    assert_eq!(edited.name, "Pat Placeholder-Jones");
    assert_eq!(edited.role.as_deref(), Some("Team manager"));
    assert_eq!(edited.email, None, "a blank field is cleared");
    assert_eq!(edited.address.as_deref(), Some("1 Sample Street"));
    assert_eq!(get_person(&v, &p.id).unwrap(), edited);

    let bad_email = NewPerson { email: Some("pat.example.org".into()), ..NewPerson::default() };
    let e =
        update_person(&mut v, &p.id, &NewPerson { name: "Pat".into(), ..bad_email }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("doesn't look like an email address"), "{e}");
    let e = update_person(&mut v, &p.id, &NewPerson { name: " ".into(), ..NewPerson::default() })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let e = update_person(
        &mut v,
        "pe_0000000000000000",
        &NewPerson { name: "Nobody".into(), ..NewPerson::default() },
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("no person with the id pe_0000000000000000"), "{e}");
    assert_eq!(get_person(&v, &p.id).unwrap(), edited, "refused edits changed nothing");
    assert_eq!(list_people(&v).unwrap().len(), 1);
    v.lock().unwrap();

    // The CLI changes only what is given, keeps the rest, and "" clears a field.
    let out = json(
        &dir.run(PASS, &["person", "edit", &p.id, "--role", "SENCO", "--phone", "", "--json"]),
    );
    assert_eq!(out["role"], "SENCO");
    assert_eq!(out["name"], "Pat Placeholder-Jones");
    assert_eq!(out["address"], "1 Sample Street");
    assert!(out["phone"].is_null(), "{out}");
    let before = dir.snapshot();
    let out = dir.run(PASS, &["person", "edit", "pe_0000000000000000", "--name", "X", "--json"]);
    assert_eq!(error_code(&out), "not_found");
    let out = dir.run(PASS, &["person", "edit", &p.id, "--email", "nope", "--json"]);
    assert_eq!(error_code(&out), "invalid_input");
    let human = dir.run(PASS, &["person", "edit", &p.id, "--name", ""]);
    assert_one_clear_line(&human);
    assert_eq!(dir.snapshot(), before, "refused edits leave the vault's files untouched");
}

fn import(v: &mut Vault, child: &str, title: &str, author: &str, dated: &str) -> String {
    let options = ImportOptions {
        metadata: DocumentMetadata {
            title: Some(title.into()),
            author: Some(author.into()),
            dated: Some(d(dated)),
            child_id: Some(child.into()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    let bytes = format!("{title}\n\nAdvice for the EHC needs assessment (fictional).").into_bytes();
    import_bytes(v, &format!("{title}.txt"), bytes, &options).unwrap().id.expect("imported")
}

#[test]
fn section_k_lists_the_childs_advice_and_unlinks_it_through_the_documents_api() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let sam = child(&mut v, "Sam Example");
    let kim = child(&mut v, "Kim Example");
    let plan = ehc_plan(&mut v, &sam.id);
    let ep = import(&mut v, &sam.id, "Educational psychology advice", "Dr A Example", "2024-03-01");
    let salt = import(&mut v, &sam.id, "Speech and language advice", "B Sample", "2024-02-10");
    let other = import(&mut v, &kim.id, "Kim's OT report", "C Example", "2024-01-05");
    assert!(list_advice(&v, &plan.id).unwrap().is_empty());

    link_advice(&mut v, &plan.id, &ep).unwrap();
    let advice = link_advice(&mut v, &plan.id, &salt).unwrap();
    let shown: Vec<_> = advice
        .iter()
        .map(|a| (a.title.as_str(), a.author.as_deref(), a.dated, a.plan_section.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Speech and language advice", Some("B Sample"), Some(d("2024-02-10")), Some("K")),
            (
                "Educational psychology advice",
                Some("Dr A Example"),
                Some(d("2024-03-01")),
                Some("K")
            ),
        ],
        "oldest first, each filed under K"
    );
    assert_eq!(link_advice(&mut v, &plan.id, &ep).unwrap().len(), 2, "linking twice is harmless");

    // Another child's document, an unknown document or plan: refused, nothing changes.
    let e = link_advice(&mut v, &plan.id, &other).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("isn't filed under Sam Example"), "{e}");
    assert_eq!(docs::get_document(&v, &other).unwrap().plan_section, None);
    let e = link_advice(&mut v, &plan.id, "doc_missing").unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = link_advice(&mut v, "pl_0000000000000000", &ep).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);

    let left = unlink_advice(&mut v, &plan.id, &salt).unwrap();
    assert_eq!(left.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [ep.as_str()]);
    let kept = docs::get_document(&v, &salt).unwrap();
    assert_eq!(kept.plan_section, None, "no longer filed under K, but still in the vault");
    let e = unlink_advice(&mut v, &plan.id, &salt).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    // The link to the plan went too, and both changes are in the document's audit trail.
    assert!(docs::linked_documents(&v, docs::LinkKind::Plan, &plan.id)
        .unwrap()
        .iter()
        .all(|d| d.id != salt));
    let history = docs::document_history(&v, &salt).unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"unlinked") && actions.contains(&"metadata_changed"), "{actions:?}");

    // Advice in two plans: taken out of one, it stays filed under K for the other.
    let second = ehc_plan(&mut v, &sam.id);
    link_advice(&mut v, &second.id, &ep).unwrap();
    assert!(unlink_advice(&mut v, &plan.id, &ep).unwrap().is_empty());
    assert_eq!(
        list_advice(&v, &second.id).unwrap().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        [ep.as_str()]
    );
    unlink_advice(&mut v, &second.id, &ep).unwrap();
    assert_eq!(docs::get_document(&v, &ep).unwrap().plan_section, None);
    link_advice(&mut v, &plan.id, &ep).unwrap();
    v.lock().unwrap();

    let out = json(&dir.run(PASS, &["plan", "advice", &plan.id, "--link", &salt, "--json"]));
    assert_eq!(out.as_array().unwrap().len(), 2);
    let human = dir.run(PASS, &["plan", "advice", &plan.id]);
    assert!(stdout(&human).contains("1 Mar 2024"), "{}", stdout(&human));
    assert!(stdout(&human).contains("Educational psychology advice, by Dr A Example"));
    let out = dir.run(PASS, &["plan", "advice", &plan.id, "--link", &other, "--json"]);
    assert_eq!(error_code(&out), "invalid_input");
}

fn autumn_2024() -> Term {
    Term {
        school_year: 2024,
        name: TermName::Autumn,
        starts: d("2024-09-02"),
        ends: d("2024-12-20"),
        half_term_starts: Some(d("2024-10-28")),
        half_term_ends: Some(d("2024-11-01")),
        is_default: false,
    }
}

#[test]
fn term_dates_are_set_per_term_checked_and_put_back_to_the_typical_ones() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let typical = terms_for_year(&v, 2024).unwrap();
    assert!(typical.iter().all(|t| t.is_default) && typical.len() == 3);

    let after = set_term_dates(
        &mut v,
        &TermDates {
            school_year: 2024,
            name: TermName::Autumn,
            starts: "2024-09-02".into(),
            ends: "2024-12-20".into(),
            half_term_starts: Some("2024-10-28".into()),
            half_term_ends: Some("2024-11-01".into()),
        },
    )
    .unwrap();
    assert_eq!(after[0], autumn_2024());
    assert_eq!(after[1..], typical[1..], "spring and summer keep the typical dates");

    // Overlapping the spring term, an unreadable date, half a half term: refused, nothing written.
    let before = counts(&v);
    let overlapping = Term {
        ends: typical[1].starts,
        half_term_starts: None,
        half_term_ends: None,
        ..autumn_2024()
    };
    let e = set_terms(&mut v, &[overlapping]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("overlaps the autumn term"), "{e}");
    let typed = |starts: &str, half: Option<&str>| TermDates {
        school_year: 2024,
        name: TermName::Spring,
        starts: starts.into(),
        ends: "2025-04-04".into(),
        half_term_starts: half.map(Into::into),
        half_term_ends: None,
    };
    let e = set_term_dates(&mut v, &typed("06/01/2025", None)).unwrap_err();
    assert!(e.to_string().contains("first day of the spring term"), "{e}");
    let e = set_term_dates(&mut v, &typed("2025-01-06", Some("2025-02-17"))).unwrap_err();
    assert!(e.to_string().contains("both the first and last day of half term"), "{e}");
    assert_eq!(counts(&v), before);
    assert_eq!(terms_for_year(&v, 2024).unwrap(), after);

    let back = remove_term(&mut v, 2024, TermName::Autumn).unwrap();
    assert_eq!(back, typical);
    let e = remove_term(&mut v, 2024, TermName::Autumn).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    v.lock().unwrap();

    let set = json(&dir.run(
        PASS,
        &[
            "terms",
            "set",
            "--year",
            "2024-25",
            "--term",
            "summer",
            "--starts",
            "2025-04-22",
            "--ends",
            "2025-07-18",
            "--json",
        ],
    ));
    assert_eq!(set[2]["starts"], "2025-04-22");
    assert_eq!(set[2]["isDefault"], false);
    assert!(set[2]["halfTermStarts"].is_null());
    let listed = dir.run(PASS, &["terms", "list", "--year", "2024"]);
    assert!(
        stdout(&listed).contains("summer  22 Apr 2025 to 18 Jul 2025  (your dates)"),
        "{}",
        stdout(&listed)
    );
    let out = dir.run(
        PASS,
        &[
            "terms",
            "set",
            "--year",
            "2024",
            "--term",
            "summer",
            "--starts",
            "2025-07-18",
            "--ends",
            "2025-04-22",
            "--json",
        ],
    );
    assert_eq!(error_code(&out), "invalid_input");
    let removed =
        json(&dir.run(PASS, &["terms", "remove", "--year", "2024", "--term", "summer", "--json"]));
    assert_eq!(removed[2]["isDefault"], true);
    let out = dir.run(PASS, &["terms", "remove", "--year", "2024", "--term", "summer", "--json"]);
    assert_eq!(error_code(&out), "not_found");
}

#[test]
fn planned_counts_follow_the_frequency_of_each_version_in_force() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    let plan = ehc_plan(&mut v, &c.id);
    set_terms(&mut v, &[autumn_2024()]).unwrap();
    let freq = |times, per| Some(Frequency { times, per });
    let with = |what: &str, frequency| NewProvision { frequency, ..item(Section::F, what, &[]) };
    let salt =
        add_provision(&mut v, &plan.id, &with("Speech and language therapy", freq(1, Per::Week)))
            .unwrap();
    let reading =
        add_provision(&mut v, &plan.id, &with("Reading practice", freq(1, Per::Day))).unwrap();
    let group =
        add_provision(&mut v, &plan.id, &with("Social skills group", freq(2, Per::Week))).unwrap();
    issue_version(&mut v, &plan.id, Stage::Final, d("2024-08-30"), None).unwrap();

    // The proposed amendment (a draft, not in force) and then the amended plan, issued on
    // Wednesday 6 November: speech and language three times a week, reading twice a day, and no
    // social skills group.
    let amend = |v: &mut Vault| {
        update_provision(
            v,
            &plan.id,
            &salt.id,
            &with("Speech and language therapy", freq(3, Per::Week)),
        )
        .unwrap();
        update_provision(v, &plan.id, &reading.id, &with("Reading practice", freq(2, Per::Day)))
            .unwrap();
    };
    amend(&mut v);
    remove_item(&mut v, &plan.id, &group.id).unwrap();
    issue_version(&mut v, &plan.id, Stage::Draft, d("2024-10-01"), None).unwrap();
    amend(&mut v);
    issue_version(&mut v, &plan.id, Stage::Amended, d("2024-11-06"), None).unwrap();
    add_delivery(
        &mut v,
        &plan.id,
        &NewDelivery {
            provision_id: group.id.clone(),
            dated: d("2024-09-10"),
            status: DeliveryStatus::Delivered,
            minutes: None,
            reason: None,
            note: None,
        },
    )
    .unwrap();

    // By hand, autumn 2024 (2 Sep to 20 Dec, half term 28 Oct to 1 Nov, no bank holidays):
    // the final plan is in force to Tuesday 5 Nov: 8 weeks before half term and the week of 4 Nov
    // (whose first school day it holds) = 9 weeks; 40 + 2 = 42 school days. The amended plan
    // from Wednesday 6 Nov: 6 weeks (11 Nov to 20 Dec) and 75 - 42 = 33 school days.
    let summary = delivery_summary(&v, &plan.id, d("2024-09-01"), d("2024-12-31")).unwrap();
    let row = |id: &str| summary.iter().find(|r| r.provision_id == id).unwrap().clone();
    let s = row(&salt.id);
    assert_eq!(s.planned, Some(9 + 6 * 3), "not 15 weeks x 3 = 45 from the latest wording");
    assert_eq!((s.school_days, s.school_weeks), (75, 15));
    assert_eq!(s.headline, "0 of 27 sessions delivered");
    assert_eq!(row(&reading.id).planned, Some(42 + 33 * 2));
    let g = row(&group.id);
    assert_eq!((g.planned, g.delivered), (Some(9 * 2), 1), "counted while it was in force");

    // Before anything was in force (the summer holiday), nothing was planned.
    let summer = delivery_summary(&v, &plan.id, d("2024-08-01"), d("2024-08-29")).unwrap();
    assert!(summer.iter().all(|r| r.planned.is_none()), "{summer:?}");
    assert!(summer[0].headline.contains("wasn't in an issued plan"), "{}", summer[0].headline);
}

#[test]
fn a_log_entry_gets_its_person_later_and_an_unknown_one_changes_nothing() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let entry = add_correspondence(
        &mut v,
        &NewCorrespondence {
            child_id: None,
            person_id: None,
            kind: CorrespondenceKind::Letter,
            direction: Direction::Incoming,
            subject: "Decision not to assess".into(),
            dated: Some(d("2025-06-01")),
            sent: None,
            received: Some(d("2025-06-03")),
            channel: None,
            proof_of_delivery: None,
            summary: String::new(),
            actions: vec![],
        },
    )
    .unwrap();
    let p = person(&mut v);
    let e = set_correspondence_person(&v, &entry.id, Some("pe_nobody")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(get_correspondence(&v, &entry.id).unwrap(), entry);
    let e = set_correspondence_person(&v, "co_nothing", Some(&p.id)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);

    let linked = set_correspondence_person(&v, &entry.id, Some(&p.id)).unwrap();
    assert_eq!(linked.person_id.as_deref(), Some(p.id.as_str()));
    assert_eq!(
        (linked.subject.as_str(), linked.received),
        (entry.subject.as_str(), entry.received)
    );
    assert_eq!(set_correspondence_person(&v, &entry.id, None).unwrap().person_id, None);
}
