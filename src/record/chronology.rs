//! The chronology: one dated line for every dated thing in the record, derived on demand and never
//! typed twice. Births, issued plan versions, ceased plans, correspondence (filed by
//! `correspondence::primary_date`), agreed actions falling due, delivery sessions, outcome progress
//! notes and SEN Support cycles (started, reviewed).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::correspondence::{list_correspondence, CorrespondenceKind, Direction};
use super::{british_date, get_date, text_enum};
use crate::error::Result;
use crate::vault::Vault;

text_enum! {
    pub enum ChronologyKind ("chronology kind") {
        Child = "child",
        Plan = "plan",
        Correspondence = "correspondence",
        Action = "action",
        Delivery = "delivery",
        Progress = "progress",
        SenSupport = "sen_support",
    }
}

impl ChronologyKind {
    pub fn label(self) -> &'static str {
        match self {
            ChronologyKind::Child => "Child",
            ChronologyKind::Plan => "Plan",
            ChronologyKind::Correspondence => "Contact",
            ChronologyKind::Action => "Action due",
            ChronologyKind::Delivery => "Provision",
            ChronologyKind::Progress => "Progress",
            ChronologyKind::SenSupport => "SEN Support",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ChronologyEntry {
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub date: NaiveDate,
    pub kind: ChronologyKind,
    pub child_id: Option<String>,
    pub child_name: Option<String>,
    /// One line: what happened.
    pub title: String,
    pub detail: String,
    /// The record the line comes from (child, plan version, log entry, session, note or cycle).
    pub source_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ChronologyFilter {
    pub child_id: Option<String>,
    /// Empty means every kind.
    #[serde(default)]
    pub kinds: Vec<ChronologyKind>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
}

type Raw = (NaiveDate, ChronologyKind, Option<String>, String, String, String);

fn query(vault: &Vault, sql: &str, kind: ChronologyKind, out: &mut Vec<Raw>) -> Result<()> {
    let mut stmt = vault.conn().prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            get_date(r, 0)?,
            kind,
            r.get(1)?,
            r.get(2)?,
            r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            r.get(4)?,
        ))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(())
}

/// The chronology, in date order, narrowed by `filter`.
pub fn chronology(vault: &Vault, filter: &ChronologyFilter) -> Result<Vec<ChronologyEntry>> {
    if let Some(child) = &filter.child_id {
        super::children::ensure_child(vault, child)?;
    }
    let mut raw: Vec<Raw> = Vec::new();
    // Each query returns: date, child id, title, detail, source id.
    query(
        vault,
        "SELECT dob, id, 'Born', NULL, id FROM children",
        ChronologyKind::Child,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT v.issued, p.child_id,
                p.title || ': ' || v.stage || ' issued (version ' || v.number || ')',
                COALESCE(p.local_authority, '') || CASE WHEN v.note IS NULL THEN '' ELSE ' - ' || v.note END,
                v.id
         FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.issued IS NOT NULL",
        ChronologyKind::Plan,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT ceased, child_id, title || ' ceased', local_authority, id FROM plans WHERE ceased IS NOT NULL",
        ChronologyKind::Plan,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT a.due, c.child_id, 'Action due: ' || a.action || COALESCE(' (' || a.owner || ')', ''),
                'Agreed in: ' || c.subject, a.id
         FROM correspondence_actions a JOIN correspondence c ON c.id = a.correspondence_id WHERE a.due IS NOT NULL",
        ChronologyKind::Action,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT d.dated, p.child_id,
                'Session ' || d.status || ': ' || COALESCE((SELECT pp.what FROM plan_provision pp
                    JOIN plan_versions v ON v.id = pp.version_id
                    WHERE pp.provision_id = d.provision_id ORDER BY v.number DESC LIMIT 1), 'provision'),
                COALESCE(d.reason, d.note), d.id
         FROM delivery_sessions d JOIN plans p ON p.id = d.plan_id",
        ChronologyKind::Delivery,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT n.dated, p.child_id,
                'Progress (' || n.source || '): ' || COALESCE((SELECT o.text FROM plan_outcomes o
                    JOIN plan_versions v ON v.id = o.version_id
                    WHERE o.outcome_id = n.outcome_id ORDER BY v.number DESC LIMIT 1), 'outcome'),
                n.note, n.id
         FROM outcome_progress n JOIN plans p ON p.id = n.plan_id",
        ChronologyKind::Progress,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT started, child_id, 'SEN Support cycle started', outcomes, id FROM sen_support_cycles",
        ChronologyKind::SenSupport,
        &mut raw,
    )?;
    query(
        vault,
        "SELECT reviewed, child_id, 'SEN Support cycle reviewed', review_notes, id || ':review'
         FROM sen_support_cycles WHERE reviewed IS NOT NULL",
        ChronologyKind::SenSupport,
        &mut raw,
    )?;
    for c in list_correspondence(vault, None)? {
        let verb = match (c.kind, c.direction) {
            (CorrespondenceKind::Call, Direction::Incoming) => "Phone call in",
            (CorrespondenceKind::Call, Direction::Outgoing) => "Phone call out",
            (CorrespondenceKind::Meeting, _) => "Meeting",
            (CorrespondenceKind::Letter, Direction::Incoming) => "Letter received",
            (CorrespondenceKind::Letter, Direction::Outgoing) => "Letter sent",
            (CorrespondenceKind::Email, Direction::Incoming) => "Email received",
            (CorrespondenceKind::Email, Direction::Outgoing) => "Email sent",
            (CorrespondenceKind::Text, Direction::Incoming) => "Text received",
            (CorrespondenceKind::Text, Direction::Outgoing) => "Text sent",
        };
        let other_dates: Vec<String> =
            [("Dated", c.dated), ("Sent", c.sent), ("Received", c.received)]
                .into_iter()
                .filter_map(|(label, date)| {
                    date.filter(|d| *d != c.date).map(|d| format!("{label} {}", british_date(d)))
                })
                .collect();
        let mut detail = c.summary.clone();
        if !other_dates.is_empty() {
            if !detail.is_empty() && !detail.ends_with(['.', '!', '?']) {
                detail.push('.');
            }
            if !detail.is_empty() {
                detail.push(' ');
            }
            detail.push_str(&format!("{}.", other_dates.join("; ")));
        }
        raw.push((
            c.date,
            ChronologyKind::Correspondence,
            c.child_id,
            format!("{verb}: {}", c.subject),
            detail,
            c.id,
        ));
    }

    let names: std::collections::HashMap<String, String> = super::children::list_children(vault)?
        .into_iter()
        .map(|c| (c.id, c.preferred_name.unwrap_or(c.name)))
        .collect();
    let mut out: Vec<ChronologyEntry> = raw
        .into_iter()
        .filter(|(date, kind, child, ..)| {
            filter.child_id.as_ref().is_none_or(|f| child.as_ref() == Some(f))
                && (filter.kinds.is_empty() || filter.kinds.contains(kind))
                && filter.from.is_none_or(|f| *date >= f)
                && filter.to.is_none_or(|t| *date <= t)
        })
        .map(|(date, kind, child_id, title, detail, source_id)| ChronologyEntry {
            date,
            kind,
            child_name: child_id.as_ref().and_then(|c| names.get(c).cloned()),
            child_id,
            title,
            detail,
            source_id,
        })
        .collect();
    out.sort_by(|a, b| {
        (a.date, a.kind, &a.title, &a.source_id).cmp(&(b.date, b.kind, &b.title, &b.source_id))
    });
    Ok(out)
}
