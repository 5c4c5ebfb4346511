//! The demo family's record (the first part of `demo::seed`): a plainly fictional family so a new
//! user sees every screen populated. Two children
//! (one with an EHC plan in draft, final and amended versions; one on SEN Support), provision with
//! some vague wording, a year of delivery logs with gaps, and over twenty log entries. Dates are set
//! relative to today so the record always looks current; nothing is dated in the future.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::error::Result;
use crate::record::children::{add_child, AboutMe, NewChild};
use crate::record::correspondence::{
    add_correspondence, CorrespondenceKind as K, Direction as D, NewAgreedAction, NewCorrespondence,
};
use crate::record::delivery::{add_delivery, DeliveryStatus, NewDelivery};
use crate::record::outcomes::{
    add_outcome, add_progress_note, NewOutcome, NewProgressNote, ProgressSource,
};
use crate::record::people::{add_person, NewPerson};
use crate::record::plans::{
    add_need, add_plan, issue_version, remove_item, set_section, NewNeed, NewPlan, PfaArea,
    PlanKind, Section, Stage,
};
use crate::record::plans::{add_provision, update_provision, Frequency, NewProvision, Per};
use crate::record::sen_support::{add_sen_support_cycle, NewSenSupportCycle};
use crate::record::terms::school_days;
use crate::record::today;
use crate::vault::Vault;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DemoSeeded {
    pub children: Vec<String>,
    pub plans: Vec<String>,
    pub people: usize,
    pub correspondence: usize,
    pub deliveries: usize,
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap_or_else(today)
}

fn provision(
    section: Section,
    what: &str,
    needs: &[&str],
    who: Option<&str>,
    freq: Option<(u32, Per)>,
    minutes: Option<u32>,
) -> NewProvision {
    NewProvision {
        section,
        what: what.to_owned(),
        need_ids: needs.iter().map(|n| (*n).to_owned()).collect(),
        who: who.map(str::to_owned),
        qualification: None,
        frequency: freq.map(|(times, per)| Frequency { times, per }),
        minutes,
        group_size: None,
        place: s("Sample Street Primary School (fictional)"),
        start: None,
        end: None,
        funded_by: s("Anytown Council (fictional)"),
    }
}

/// Fills `vault` with the fictional Example family.
pub fn seed_demo(vault: &mut Vault) -> Result<DemoSeeded> {
    let la = "Anytown Council (fictional)";
    let school = "Sample Street Primary School (fictional)";
    let alex = add_child(
        vault,
        &NewChild {
            name: "Alex Example".into(),
            preferred_name: s("Alex"),
            dob: NaiveDate::from_ymd_opt(2013, 2, 14).unwrap_or_default(),
            local_authority: s(la),
            setting: s(school),
            about_me: AboutMe {
                likes: "Funny, kind to animals, knows every train on the line.".into(),
                matters: "My dog Biscuit, Lego, knowing what is happening next.".into(),
                support: "Give me one instruction at a time and warn me before changes.".into(),
            },
        },
    )?;
    let robin = add_child(
        vault,
        &NewChild {
            name: "Robin Example".into(),
            preferred_name: None,
            dob: NaiveDate::from_ymd_opt(2018, 11, 3).unwrap_or_default(),
            local_authority: s(la),
            setting: s(school),
            about_me: AboutMe::default(),
        },
    )?;

    let person = |name: &str, role: &str, org: &str| NewPerson {
        name: name.into(),
        role: s(role),
        organisation: s(org),
        email: Some(format!("{}@example.invalid", name.to_lowercase().replace([' ', '.'], ""))),
        ..NewPerson::default()
    };
    let caseworker = add_person(vault, &person("Pat Placeholder", "SEN caseworker", la))?;
    let senco = add_person(vault, &person("Sam Sample", "SENCO", school))?;
    let ep = add_person(vault, &person("Dr Jo Demo", "Educational psychologist", la))?;
    let salt = add_person(
        vault,
        &person("Lee Test", "Speech and language therapist", "Anytown NHS Trust (fictional)"),
    )?;

    // The EHC plan: draft, then final, then amended.
    let plan = add_plan(
        vault,
        &NewPlan {
            child_id: alex.id.clone(),
            kind: PlanKind::EhcPlan,
            title: None,
            local_authority: s(la),
            named_setting: None,
            caseworker_id: Some(caseworker.id.clone()),
        },
    )?;
    let p = plan.id.as_str();
    set_section(vault, p, Section::A, None, "Alex loves trains and animals. Alex wants to be a vet. Alex's parents want Alex to feel safe at school.")?;
    let comm = add_need(vault, p, &NewNeed { section: Section::B, area: s("Communication and interaction"), text: "Alex has a severe receptive language disorder and struggles to follow instructions of more than two parts.".into() })?;
    let social = add_need(
        vault,
        p,
        &NewNeed {
            section: Section::B,
            area: s("Social, emotional and mental health"),
            text: "Alex becomes very anxious at transitions and unstructured times.".into(),
        },
    )?;
    let motor = add_need(
        vault,
        p,
        &NewNeed {
            section: Section::B,
            area: s("Sensory and/or physical"),
            text: "Alex has difficulties with fine motor skills and handwriting.".into(),
        },
    )?;
    let outcome = add_outcome(vault, p, &NewOutcome { text: "By the end of Year 10 Alex will follow three-part instructions in class without help.".into(), pfa_area: None, by_when: s("End of Year 10") })?;
    add_outcome(
        vault,
        p,
        &NewOutcome {
            text:
                "Alex will travel to a familiar place using public transport with an adult nearby."
                    .into(),
            pfa_area: Some(PfaArea::IndependentLiving),
            by_when: s("End of Year 11"),
        },
    )?;
    set_section(
        vault,
        p,
        Section::F,
        None,
        "Alex should have access to a quiet space as appropriate.",
    )?;
    // Speech and language therapy as each version words it: only the minutes change.
    let salt_at = |minutes: u32| NewProvision {
        qualification: s("HCPC-registered"),
        group_size: s("1:1"),
        ..provision(
            Section::F,
            "Speech and language therapy",
            &[&comm.id],
            Some("Speech and language therapist"),
            Some((1, Per::Week)),
            Some(minutes),
        )
    };
    let salt_item = add_provision(vault, p, &salt_at(30))?;
    let _ta = add_provision(
        vault,
        p,
        &provision(
            Section::F,
            "Regular support from a teaching assistant in lessons",
            &[&comm.id, &social.id],
            None,
            None,
            None,
        ),
    )?;
    let social_group = add_provision(
        vault,
        p,
        &provision(
            Section::F,
            "Opportunities to attend a social skills group as required",
            &[&social.id],
            Some("Teaching assistant"),
            None,
            None,
        ),
    )?;
    let ot = add_provision(
        vault,
        p,
        &provision(
            Section::F,
            "Up to six sessions of occupational therapy",
            &[&motor.id],
            Some("Occupational therapist"),
            Some((6, Per::Term)),
            None,
        ),
    )?;
    issue_version(vault, p, Stage::Draft, ago(420), Some("Draft from the LA"))?;

    // The final plan names the school, adds minutes and firms up speech and language therapy.
    set_section(vault, p, Section::I, None, school)?;
    update_provision(vault, p, &salt_item.id, &salt_at(45))?;
    update_provision(
        vault,
        p,
        &ot.id,
        &NewProvision {
            qualification: s("HCPC-registered"),
            ..provision(
                Section::F,
                "Occupational therapy to develop fine motor skills",
                &[&motor.id],
                Some("Occupational therapist"),
                Some((6, Per::Term)),
                Some(40),
            )
        },
    )?;
    issue_version(vault, p, Stage::Final, ago(330), None)?;

    // The amendment removes the social skills group and halves the speech and language therapy.
    remove_item(vault, p, &social_group.id)?;
    update_provision(vault, p, &salt_item.id, &salt_at(30))?;
    issue_version(vault, p, Stage::Amended, ago(45), Some("After the annual review"))?;

    // A year of delivery logs with gaps: speech and language on Tuesdays, OT every other Thursday.
    let mut deliveries = 0;
    for day in school_days(vault, ago(400), ago(1))? {
        let (item, status, reason) = match day.weekday() {
            Weekday::Tue if day.iso_week().week() % 7 == 3 => continue, // not logged: a gap
            Weekday::Tue if day.iso_week().week() % 9 == 4 => {
                (&salt_item.id, DeliveryStatus::Missed, s("Therapist off sick; no cover"))
            }
            Weekday::Tue if day.iso_week().week() % 11 == 5 => {
                (&salt_item.id, DeliveryStatus::Cancelled, s("School trip"))
            }
            Weekday::Tue => (&salt_item.id, DeliveryStatus::Delivered, None),
            Weekday::Thu if day.iso_week().week() % 2 == 0 && day.iso_week().week() % 10 != 6 => {
                (&ot.id, DeliveryStatus::Delivered, None)
            }
            _ => continue,
        };
        add_delivery(
            vault,
            p,
            &NewDelivery {
                provision_id: item.clone(),
                dated: day,
                status,
                minutes: None,
                reason,
                note: None,
            },
        )?;
        deliveries += 1;
    }
    add_progress_note(
        vault,
        p,
        &NewProgressNote {
            outcome_id: outcome.id.clone(),
            dated: ago(50),
            source: ProgressSource::Review,
            note: "Follows two-part instructions reliably; three-part with visual prompts.".into(),
        },
    )?;
    add_progress_note(
        vault,
        p,
        &NewProgressNote {
            outcome_id: outcome.id.clone(),
            dated: ago(200),
            source: ProgressSource::Parent,
            note: "At home Alex now follows two-part instructions most of the time.".into(),
        },
    )?;

    // Robin: SEN Support, with fewer than three meetings this school year.
    add_sen_support_cycle(vault, &NewSenSupportCycle {
        child_id: robin.id.clone(),
        started: ago(100),
        assessment: "Reading age well below chronological age; phonics screening not passed.".into(),
        outcomes: "Robin will blend CVC words independently.".into(),
        support: "Small-group phonics intervention, 3 times a week for 20 minutes, led by a trained teaching assistant.".into(),
        expected_impact: "Pass the phonics screening check on retake.".into(),
        review_due: None,
    })?;

    // The contact log.
    let mut correspondence = 0;
    let mut log = |vault: &mut Vault,
                   child: &str,
                   who: &str,
                   kind,
                   dir,
                   subject: &str,
                   days: u64,
                   summary: &str,
                   actions: Vec<NewAgreedAction>|
     -> Result<()> {
        let date = ago(days);
        let (dated, sent, received, channel, proof) = match (kind, dir) {
            (K::Letter, D::Incoming) => {
                (Some(date - Days::new(3)), Some(date - Days::new(2)), Some(date), s("Post"), None)
            }
            (K::Letter, D::Outgoing) => (
                Some(date),
                Some(date),
                Some(date + Days::new(1)).filter(|d| *d <= today()),
                s("Recorded delivery"),
                Some(format!("AB{:09}GB", 100_000 + days)),
            ),
            (K::Email, D::Outgoing) => {
                (Some(date), Some(date), None, s("Email"), s("Read receipt"))
            }
            (K::Email, D::Incoming) => (Some(date), Some(date), Some(date), s("Email"), None),
            (K::Call, _) => (Some(date), None, None, s("Phone"), None),
            (K::Meeting, _) => (Some(date), None, None, s("In person"), None),
            _ => (Some(date), Some(date), Some(date), s("Text message"), None),
        };
        add_correspondence(
            vault,
            &NewCorrespondence {
                child_id: Some(child.to_owned()),
                person_id: Some(who.to_owned()),
                kind,
                direction: dir,
                subject: subject.into(),
                dated,
                sent,
                received,
                channel,
                proof_of_delivery: proof,
                summary: summary.into(),
                actions,
            },
        )?;
        correspondence += 1;
        Ok(())
    };
    let act = |action: &str, owner: &str, due_days_ago: u64| NewAgreedAction {
        action: action.into(),
        owner: s(owner),
        due: Some(ago(due_days_ago)),
    };
    let (a, r) = (alex.id.as_str(), robin.id.as_str());
    let (cw, sc, ep, sl) =
        (caseworker.id.as_str(), senco.id.as_str(), ep.id.as_str(), salt.id.as_str());
    // The contact log: child, person, kind, direction, days ago, subject, summary, agreed actions
    // (what, who, due days ago).
    type Action = (&'static str, &'static str, u64);
    type Entry<'a> = (&'a str, &'a str, K, D, u64, &'a str, &'a str, &'a [Action]);
    #[rustfmt::skip]
    let entries: [Entry; 23] = [
        (a, cw, K::Letter, D::Outgoing, 560, "Request for an EHC needs assessment",
            "Asked the LA to assess Alex's needs, with school reports attached.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 550, "Acknowledgement of assessment request",
            "LA confirmed receipt.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 520, "Decision to assess",
            "LA agreed to carry out an EHC needs assessment.",
            &[]),
        (a, ep, K::Meeting, D::Incoming, 500, "Educational psychology assessment",
            "Dr Demo observed Alex in class and met us after.",
            &[("Send the EP report to parents", "Dr Jo Demo", 480)]),
        (a, sl, K::Call, D::Outgoing, 495, "Speech and language assessment booking",
            "Booked the assessment for the following week.",
            &[]),
        (a, cw, K::Email, D::Outgoing, 470, "Chasing the EP report",
            "Asked when the EP report would arrive.",
            &[]),
        (a, cw, K::Email, D::Incoming, 465, "EP report attached",
            "The caseworker sent the EP report.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 418, "Draft EHC plan",
            "Draft plan arrived; 15 days to respond.",
            &[("Send views on the draft plan", "Parent", 405)]),
        (a, cw, K::Call, D::Incoming, 412, "Call about the draft plan",
            "Caseworker rang to explain the draft; said provision would be firmed up.",
            &[("Send amended Section F wording", "Pat Placeholder", 400)]),
        (a, cw, K::Letter, D::Outgoing, 406, "Response to the draft plan",
            "Asked for speech and language therapy to be quantified and the school to be named.",
            &[]),
        (a, sc, K::Meeting, D::Incoming, 380, "Meeting with the SENCO about transition",
            "Talked through how the plan would work in school.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 328, "Final EHC plan",
            "Final plan issued naming Sample Street Primary.",
            &[]),
        (a, sc, K::Email, D::Outgoing, 250, "Missed speech and language sessions",
            "Raised that sessions had been missed for three weeks.",
            &[]),
        (a, sc, K::Email, D::Incoming, 248, "Reply about missed sessions",
            "SENCO said cover was being arranged.",
            &[]),
        (a, sl, K::Text, D::Incoming, 200, "Session moved",
            "Therapist moved this week's session to Wednesday.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 110, "Annual review invitation",
            "Invitation to the annual review meeting.",
            &[]),
        (a, sc, K::Meeting, D::Incoming, 80, "Annual review meeting",
            "Review held; school proposed reducing speech and language therapy.",
            &[("Send the review report to the LA", "Sam Sample", 66),
              ("Send parent views in writing", "Parent", 73)]),
        (a, cw, K::Letter, D::Incoming, 60, "Amendment notice",
            "LA proposes to amend the plan after the review.",
            &[]),
        (a, cw, K::Letter, D::Outgoing, 52, "Objection to the proposed amendments",
            "Objected to halving speech and language therapy.",
            &[]),
        (a, cw, K::Letter, D::Incoming, 44, "Amended EHC plan",
            "Amended plan issued.",
            &[]),
        (r, sc, K::Meeting, D::Incoming, 100, "SEN Support planning meeting",
            "Agreed a phonics intervention and a review in twelve weeks.",
            &[("Share the support plan", "Sam Sample", 93)]),
        (r, sc, K::Email, D::Outgoing, 70, "Robin's reading at home",
            "Shared what Robin reads at home.",
            &[]),
        (r, sc, K::Call, D::Incoming, 30, "Quick update on phonics",
            "SENCO says Robin is making steady progress.",
            &[]),
    ];
    for (child, who, kind, dir, days, subject, summary, actions) in entries {
        let actions = actions.iter().map(|&(what, owner, due)| act(what, owner, due)).collect();
        log(vault, child, who, kind, dir, subject, days, summary, actions)?;
    }

    Ok(DemoSeeded {
        children: vec![alex.id, robin.id],
        plans: vec![plan.id],
        people: 4,
        correspondence,
        deliveries,
    })
}
