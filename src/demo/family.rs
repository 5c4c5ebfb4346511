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
    let salt_item = add_provision(
        vault,
        p,
        &NewProvision {
            qualification: s("HCPC-registered"),
            group_size: s("1:1"),
            ..provision(
                Section::F,
                "Speech and language therapy",
                &[&comm.id],
                Some("Speech and language therapist"),
                Some((1, Per::Week)),
                Some(30),
            )
        },
    )?;
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
    update_provision(
        vault,
        p,
        &salt_item.id,
        &NewProvision {
            qualification: s("HCPC-registered"),
            group_size: s("1:1"),
            ..provision(
                Section::F,
                "Speech and language therapy",
                &[&comm.id],
                Some("Speech and language therapist"),
                Some((1, Per::Week)),
                Some(45),
            )
        },
    )?;
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
    update_provision(
        vault,
        p,
        &salt_item.id,
        &NewProvision {
            qualification: s("HCPC-registered"),
            group_size: s("1:1"),
            ..provision(
                Section::F,
                "Speech and language therapy",
                &[&comm.id],
                Some("Speech and language therapist"),
                Some((1, Per::Week)),
                Some(30),
            )
        },
    )?;
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
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Outgoing,
        "Request for an EHC needs assessment",
        560,
        "Asked the LA to assess Alex's needs, with school reports attached.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Acknowledgement of assessment request",
        550,
        "LA confirmed receipt.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Decision to assess",
        520,
        "LA agreed to carry out an EHC needs assessment.",
        vec![],
    )?;
    log(
        vault,
        a,
        ep,
        K::Meeting,
        D::Incoming,
        "Educational psychology assessment",
        500,
        "Dr Demo observed Alex in class and met us after.",
        vec![act("Send the EP report to parents", "Dr Jo Demo", 480)],
    )?;
    log(
        vault,
        a,
        sl,
        K::Call,
        D::Outgoing,
        "Speech and language assessment booking",
        495,
        "Booked the assessment for the following week.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Email,
        D::Outgoing,
        "Chasing the EP report",
        470,
        "Asked when the EP report would arrive.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Email,
        D::Incoming,
        "EP report attached",
        465,
        "The caseworker sent the EP report.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Draft EHC plan",
        418,
        "Draft plan arrived; 15 days to respond.",
        vec![act("Send views on the draft plan", "Parent", 405)],
    )?;
    log(
        vault,
        a,
        cw,
        K::Call,
        D::Incoming,
        "Call about the draft plan",
        412,
        "Caseworker rang to explain the draft; said provision would be firmed up.",
        vec![act("Send amended Section F wording", "Pat Placeholder", 400)],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Outgoing,
        "Response to the draft plan",
        406,
        "Asked for speech and language therapy to be quantified and the school to be named.",
        vec![],
    )?;
    log(
        vault,
        a,
        sc,
        K::Meeting,
        D::Incoming,
        "Meeting with the SENCO about transition",
        380,
        "Talked through how the plan would work in school.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Final EHC plan",
        328,
        "Final plan issued naming Sample Street Primary.",
        vec![],
    )?;
    log(
        vault,
        a,
        sc,
        K::Email,
        D::Outgoing,
        "Missed speech and language sessions",
        250,
        "Raised that sessions had been missed for three weeks.",
        vec![],
    )?;
    log(
        vault,
        a,
        sc,
        K::Email,
        D::Incoming,
        "Reply about missed sessions",
        248,
        "SENCO said cover was being arranged.",
        vec![],
    )?;
    log(
        vault,
        a,
        sl,
        K::Text,
        D::Incoming,
        "Session moved",
        200,
        "Therapist moved this week's session to Wednesday.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Annual review invitation",
        110,
        "Invitation to the annual review meeting.",
        vec![],
    )?;
    log(
        vault,
        a,
        sc,
        K::Meeting,
        D::Incoming,
        "Annual review meeting",
        80,
        "Review held; school proposed reducing speech and language therapy.",
        vec![
            act("Send the review report to the LA", "Sam Sample", 66),
            act("Send parent views in writing", "Parent", 73),
        ],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Amendment notice",
        60,
        "LA proposes to amend the plan after the review.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Outgoing,
        "Objection to the proposed amendments",
        52,
        "Objected to halving speech and language therapy.",
        vec![],
    )?;
    log(
        vault,
        a,
        cw,
        K::Letter,
        D::Incoming,
        "Amended EHC plan",
        44,
        "Amended plan issued.",
        vec![],
    )?;
    log(
        vault,
        r,
        sc,
        K::Meeting,
        D::Incoming,
        "SEN Support planning meeting",
        100,
        "Agreed a phonics intervention and a review in twelve weeks.",
        vec![act("Share the support plan", "Sam Sample", 93)],
    )?;
    log(
        vault,
        r,
        sc,
        K::Email,
        D::Outgoing,
        "Robin's reading at home",
        70,
        "Shared what Robin reads at home.",
        vec![],
    )?;
    log(
        vault,
        r,
        sc,
        K::Call,
        D::Incoming,
        "Quick update on phonics",
        30,
        "SENCO says Robin is making steady progress.",
        vec![],
    )?;

    Ok(DemoSeeded {
        children: vec![alex.id, robin.id],
        plans: vec![plan.id],
        people: 4,
        correspondence,
        deliveries,
    })
}
