//! The whole-app demo: the fictional Example family's record (`seed_demo`, in `family.rs`), then the
//! paperwork a family in their place would hold, the dates that drive their deadlines, and a
//! tribunal bundle built from it all, so a new user sees every screen populated.
//!
//! It sits above `record`, `documents`, `milestones` and `bundle`, and goes through their public
//! functions only, so everything it writes is validated and audited like the person's own work.
//! Every document is generated here at seed time with the `pdf` toolkit (no binary fixtures) and
//! says on every page that it is fictional. Every date is counted back from today, so the demo
//! always looks current. It must never be run on a vault that holds a real family's record: the
//! callers only offer it for a new, empty vault.

mod family;
mod papers;

pub use family::{seed_demo, DemoSeeded};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::bundle::{
    self, AppealType, BundleOptions, DocumentOrder, PackDocumentChoice, PackKind, PackRequest,
};
use crate::deadlines::DeadlineEventKind as E;
use crate::documents::{self, DocumentMetadata, ImportOptions, LinkKind, MetadataChange};
use crate::error::{Error, Result};
use crate::milestones::{self, NewRecordedEvent};
use crate::record::{self, CorrespondenceKind, Direction, NewCorrespondence, Person, PlanKind};
use crate::vault::Vault;

use papers::{Cast, Paper};

/// What the demo put in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    /// The children's ids, the child with the EHC plan first.
    pub children: Vec<String>,
    pub plans: Vec<String>,
    pub people: usize,
    /// Entries in the contact log, the imported email's among them.
    pub correspondence: usize,
    pub deliveries: usize,
    /// Documents imported, an email's attachment counted on its own.
    pub documents: usize,
    /// Documents listed as advice in the EHC plan's Section K.
    pub advice: usize,
    /// Dates recorded for the deadlines (beyond those the plans already give).
    pub deadline_events: usize,
    /// Saved packs; each has been built once.
    pub packs: usize,
    /// Pages in the built tribunal bundle.
    pub pack_pages: u32,
    /// Documents imported after the bundle was built, ready to be added as late additions.
    pub late_additions: usize,
}

fn today() -> NaiveDate {
    milestones::today()
}

fn ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap_or_else(today)
}

/// Fills `vault` with the fictional Example family: their record, their documents, the dates of
/// their deadlines and a tribunal bundle built once, with a newer email left out of it.
pub fn seed(vault: &mut Vault) -> Result<DemoSummary> {
    let seeded = seed_demo(vault)?;
    let child_id = seeded
        .children
        .first()
        .cloned()
        .ok_or_else(|| Error::Internal("the demo record has no children".into()))?;
    let second_child = seeded.children.get(1).cloned();
    let child = record::get_child(vault, &child_id)?;
    let plan = record::list_plans(vault, Some(&child_id))?
        .into_iter()
        .find(|p| p.kind == PlanKind::EhcPlan)
        .ok_or_else(|| Error::Internal("the demo record has no EHC plan".into()))?;
    let version = record::get_version(vault, &plan.id, None)?;
    let people = record::list_people(vault)?;
    let with_role = |role: &str| -> Option<&Person> {
        people.iter().find(|p| p.role.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(role)))
    };
    let caseworker = with_role("SEN caseworker");
    // The papers carry the dates the contact log already has.
    let log = record::list_correspondence(vault, Some(&child_id))?;
    let logged = |subject: &str, days: u64| {
        log.iter()
            .find(|c| c.subject == subject)
            .and_then(|c| c.sent.or(c.dated))
            .unwrap_or(ago(days))
    };
    let cast = Cast {
        child_name: child.name.clone(),
        first_name: child.preferred_name.clone().unwrap_or_else(|| child.name.clone()),
        dob: child.dob,
        local_authority: child.local_authority.clone().unwrap_or_else(|| papers::LA.into()),
        school: child.setting.clone().unwrap_or_else(|| papers::SCHOOL.into()),
        caseworker: caseworker.map_or_else(|| "Pat Placeholder".into(), |p| p.name.clone()),
        caseworker_email: caseworker
            .and_then(|p| p.email.clone())
            .unwrap_or_else(|| "caseworker@example.invalid".into()),
        senco: with_role("SENCO").map_or_else(|| "Sam Sample".into(), |p| p.name.clone()),
        therapist: with_role("Speech and language therapist")
            .map_or_else(|| "Lee Test".into(), |p| p.name.clone()),
        first_issued: plan.issued.unwrap_or_else(|| ago(330)),
        amended: plan.amended.unwrap_or_else(|| ago(45)),
        review_meeting: logged("Annual review meeting", 80),
        amendment_notice: logged("Amendment notice", 62),
        objection: logged("Objection to the proposed amendments", 52),
        access_request: ago(40),
    };

    let mut imported = 0;
    let mut import = |vault: &mut Vault, paper: Paper| -> Result<String> {
        let options = ImportOptions {
            metadata: DocumentMetadata {
                title: Some(paper.title.clone()),
                kind: Some(paper.kind),
                author: Some(paper.author.clone()),
                dated: Some(paper.dated),
                received: Some(paper.received),
                child_id: Some(child_id.clone()),
                tags: vec!["demo".into()],
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        };
        let (file_name, title) = (paper.file_name.clone(), paper.title.clone());
        let outcome = documents::import_bytes(vault, &file_name, paper.bytes()?, &options)?;
        imported += 1 + outcome.attachments.len();
        outcome.id.ok_or_else(|| Error::Internal(format!("the demo's {title} was not imported")))
    };

    let ep = import(vault, papers::ep_report(&cast, ago(730)))?;
    let salt = import(vault, papers::salt_report(&cast, ago(475)))?;
    let decision = import(vault, papers::decision_letter(&cast))?;
    let _plan_pdf = import(vault, papers::ehc_plan(&cast, &version))?;
    let _school = import(vault, papers::school_report(&cast, ago(130)))?;
    let minutes = import(vault, papers::review_minutes(&cast))?;

    // Section K: the advice the plan was made from (SEND Regs 2014 reg 12(1)(k)).
    crate::advice::link_advice(vault, &plan.id, &ep)?;
    let advice = crate::advice::link_advice(vault, &plan.id, &salt)?.len();

    // The letters in the contact log these papers came with.
    let entry = |subject: &str| log.iter().find(|c| c.subject == subject).map(|c| c.id.clone());
    for (doc, subject) in [(&decision, "Amended EHC plan"), (&minutes, "Annual review meeting")] {
        if let Some(entry) = entry(subject) {
            documents::link_document(vault, doc, LinkKind::Correspondence, &entry)?;
        }
    }

    let mut correspondence = seeded.correspondence;
    let deadline_events =
        record_dates(vault, &child_id, second_child.as_deref(), &cast, &mut correspondence)?;

    // A tribunal bundle for an appeal against the amended plan's Sections B and F, built once.
    let request = PackRequest {
        kind: Some(PackKind::Tribunal),
        child_id: child_id.clone(),
        appeal_type: Some(AppealType::Contents),
        options: BundleOptions {
            author: Some("The Example family (fictional)".into()),
            ..BundleOptions::default()
        },
        ..PackRequest::default()
    };
    // Saved with its documents chosen, as the Packs screen saves one, so that rebuilding it gives
    // the same bundle and anything newer is a late addition.
    let template = bundle::template_for(PackKind::Tribunal, request.appeal_type);
    let planned = bundle::plan_pack(vault, &request)?;
    let sections = planned
        .sections
        .iter()
        .filter_map(|s| {
            let spec = template.sections.iter().find(|t| t.letter == s.letter)?.clone();
            let document_ids = s
                .documents
                .iter()
                .map(|d| d.document.id.clone())
                .filter(|id| !id.starts_with("extract:"))
                .collect();
            Some(PackDocumentChoice { spec, document_ids, order: DocumentOrder::Chronological })
        })
        .collect();
    let request = PackRequest { sections, ..request };
    let pack = bundle::save_pack(vault, None, &request)?;
    let built = bundle::build_pack(vault, &request, &mut |_| {})?;
    let issue = bundle::record_pack_build(vault, &pack.id, &built)?;

    // The caseworker's email came after the bundle was issued: a late addition waiting to be added.
    let before = imported;
    let email = papers::caseworker_email(&cast, ago(2))?;
    let outcome = documents::import_bytes(
        vault,
        &email.file_name,
        email.bytes,
        &ImportOptions {
            metadata: DocumentMetadata {
                child_id: Some(child_id.clone()),
                received: Some(ago(2)),
                tags: vec!["demo".into()],
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        },
    )?;
    imported += 1 + outcome.attachments.len();
    // An attachment carries no date of its own; it is dated with its email, so that it sits in
    // date order when it is added to the bundle.
    for attachment in outcome.attachments.iter().filter_map(|a| a.id.as_deref()) {
        let change = MetadataChange { dated: Some(ago(2).to_string()), ..Default::default() };
        documents::update_metadata(vault, attachment, &change)?;
    }
    correspondence += usize::from(outcome.correspondence_id.is_some());

    Ok(DemoSummary {
        children: seeded.children,
        plans: seeded.plans,
        people: seeded.people,
        correspondence,
        deliveries: seeded.deliveries,
        documents: imported,
        advice,
        deadline_events,
        packs: 1,
        pack_pages: issue.pages,
        late_additions: imported - before,
    })
}

/// Logs one letter or email the family sent, dated `sent` and received by the LA on `received`.
fn log_sent(
    vault: &mut Vault,
    child_id: &str,
    kind: CorrespondenceKind,
    subject: &str,
    (sent, received): (NaiveDate, NaiveDate),
    summary: &str,
) -> Result<String> {
    let (channel, proof) = match kind {
        CorrespondenceKind::Letter => ("Recorded delivery", Some("AB000000123GB".to_string())),
        _ => ("Email", Some("Read receipt".to_string())),
    };
    let entry = record::add_correspondence(
        vault,
        &NewCorrespondence {
            child_id: Some(child_id.to_owned()),
            person_id: None,
            kind,
            direction: Direction::Outgoing,
            subject: subject.into(),
            dated: Some(sent),
            sent: Some(sent),
            received: Some(received),
            channel: Some(channel.into()),
            proof_of_delivery: proof,
            summary: summary.into(),
            actions: Vec::new(),
        },
    )?;
    Ok(entry.id)
}

/// The dates the deadlines are worked out from, beyond those the plan gives: some met, one
/// overdue for each child (the LA's), and the appeal window on the amended plan still open.
/// Returns how many were recorded.
fn record_dates(
    vault: &mut Vault,
    child_id: &str,
    second_child: Option<&str>,
    cast: &Cast,
    correspondence: &mut usize,
) -> Result<usize> {
    let log = record::list_correspondence(vault, Some(child_id))?;
    let entry = |subject: &str| log.iter().find(|c| c.subject == subject).map(|c| c.id.clone());
    let mut events = Vec::new();
    // Read from the letters already in the contact log, so no date is typed twice.
    for (kind, subject) in [
        (E::DraftPlanCommentsSent, "Response to the draft plan"),
        (E::ReviewNoticeSent, "Annual review invitation"),
        (E::ReviewMeeting, "Annual review meeting"),
        (E::AmendmentNoticeServed, "Amendment notice"),
        (E::AmendmentCommentsSent, "Objection to the proposed amendments"),
    ] {
        if let Some(id) = entry(subject) {
            events.push((
                child_id.to_owned(),
                NewRecordedEvent {
                    correspondence_id: Some(id),
                    date: None,
                    ..NewRecordedEvent::new(kind, cast.review_meeting)
                },
            ));
        }
    }
    // The school's side of the review, on time: papers two weeks before, its report after.
    for (kind, date) in [(E::ReviewPapersCirculated, ago(96)), (E::ReviewReportSent, ago(70))] {
        events.push((child_id.to_owned(), NewRecordedEvent::new(kind, date)));
    }
    // UK GDPR art. 12(3): a subject access request is answered within one month. Not yet answered.
    let access = log_sent(
        vault,
        child_id,
        CorrespondenceKind::Email,
        &format!("Subject access request: {}'s file", cast.first_name),
        (cast.access_request, cast.access_request),
        &format!(
            "Asked the council for a copy of everything it holds about {}, for the appeal.",
            cast.first_name
        ),
    )?;
    *correspondence += 1;
    events.push((
        child_id.to_owned(),
        NewRecordedEvent {
            correspondence_id: Some(access),
            date: None,
            ..NewRecordedEvent::new(E::SubjectAccessRequest, cast.access_request)
        },
    ));
    // SEND Regs 2014 reg 4(1): the decision whether to assess is due within 6 weeks of the request.
    // Ten weeks on, nothing has come.
    if let Some(robin) = second_child {
        let child = record::get_child(vault, robin)?;
        let name = child.preferred_name.unwrap_or(child.name);
        let name = name.split_whitespace().next().unwrap_or("the child");
        let request = log_sent(
            vault,
            robin,
            CorrespondenceKind::Letter,
            "Request for an EHC needs assessment",
            (ago(70), ago(69)),
            &format!(
                "Asked the council to assess {name}'s needs, with the school's SEN Support plan \
                 and its reviews attached."
            ),
        )?;
        *correspondence += 1;
        events.push((
            robin.to_owned(),
            NewRecordedEvent {
                correspondence_id: Some(request),
                date: None,
                ..NewRecordedEvent::new(E::AssessmentRequestReceived, ago(69))
            },
        ));
    }
    for (child, event) in &events {
        milestones::add_event(vault, child, event)?;
    }
    Ok(events.len())
}

#[cfg(test)]
mod tests;
