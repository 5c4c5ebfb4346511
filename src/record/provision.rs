//! Provision items (sections F, G, H1, H2) and the provision check: an advisory, local reading of
//! whether the plan is "specified and quantified" (CoP 9.69; L v Clarke and Somerset [1998] ELR 129;
//! Worcestershire CC v SE [2020] UKUT 217 (AAC)). It flags; it never rewrites the plan.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::plans::{get_version, next_position, working_version, PlanVersion, Section};
use super::{clean, get_opt_date, iso, not_before, required, text_enum};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::vault::Vault;

text_enum! {
    pub enum Per ("period") {
        Day = "day",
        Week = "week",
        Term = "term",
        Year = "year",
    }
}

/// How often: `times` sessions per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Frequency {
    pub times: u32,
    pub per: Per,
}

impl Frequency {
    /// "once a week", "twice a term", "3 times a week".
    pub fn describe(self) -> String {
        let n = match self.times {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        };
        format!("{n} a {}", self.per)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ProvisionItem {
    /// Stable across versions.
    pub id: String,
    pub section: Section,
    pub what: String,
    /// The needs (ids) this provision meets.
    pub need_ids: Vec<String>,
    /// Role of who delivers it.
    pub who: Option<String>,
    pub qualification: Option<String>,
    pub frequency: Option<Frequency>,
    /// Length of each session.
    pub minutes: Option<u32>,
    /// Such as "1:1" or "group of 4".
    pub group_size: Option<String>,
    pub place: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub start: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub end: Option<NaiveDate>,
    pub funded_by: Option<String>,
}

impl ProvisionItem {
    /// One line with every detail, used to compare versions word by word.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.what.clone()];
        let who = match (&self.who, &self.qualification) {
            (Some(w), Some(q)) => Some(format!("{w} ({q})")),
            (Some(w), None) => Some(w.clone()),
            (None, Some(q)) => Some(q.clone()),
            (None, None) => None,
        };
        parts.extend(who.map(|w| format!("delivered by {w}")));
        parts.extend(self.frequency.map(Frequency::describe));
        parts.extend(self.minutes.map(|m| format!("{m} minutes each")));
        parts.extend(self.group_size.as_ref().map(|g| format!("group: {g}")));
        parts.extend(self.place.as_ref().map(|p| format!("where: {p}")));
        parts.extend(self.start.map(|d| format!("from {}", iso(d))));
        parts.extend(self.end.map(|d| format!("until {}", iso(d))));
        parts.extend(self.funded_by.as_ref().map(|f| format!("funded by {f}")));
        parts.join("; ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct NewProvision {
    pub section: Section,
    pub what: String,
    #[serde(default)]
    pub need_ids: Vec<String>,
    pub who: Option<String>,
    pub qualification: Option<String>,
    pub frequency: Option<Frequency>,
    pub minutes: Option<u32>,
    pub group_size: Option<String>,
    pub place: Option<String>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub start: Option<NaiveDate>,
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub end: Option<NaiveDate>,
    pub funded_by: Option<String>,
}

fn validate(input: &NewProvision) -> Result<String> {
    if !matches!(input.section, Section::F | Section::G | Section::H1 | Section::H2) {
        return Err(Error::invalid(
            "Provision goes in section F (education), G (health), H1 or H2 (social care).",
        ));
    }
    let what = required(&input.what, "what the provision is")?;
    if input.frequency.is_some_and(|f| f.times == 0) {
        return Err(Error::invalid(
            "How often can't be zero. Give at least 1 session per day, week, term or year.",
        ));
    }
    if input.minutes == Some(0) {
        return Err(Error::invalid(
            "How long can't be zero minutes. Give the length of each session, or leave it blank.",
        ));
    }
    if let (Some(start), Some(end)) = (input.start, input.end) {
        not_before(end, start, "end date", "start date")?;
    }
    Ok(what)
}

/// Adds a provision item to the version being entered, linked to needs in that version.
pub fn add_provision(
    vault: &mut Vault,
    plan_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    insert(vault, plan_id, &new_id("pr"), input)
}

/// Replaces a provision item in the version being entered, keeping its id (and so its delivery log).
pub fn update_provision(
    vault: &mut Vault,
    plan_id: &str,
    provision_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    validate(input)?;
    let version = get_version(vault, plan_id, None)?;
    if !version.provision.iter().any(|p| p.id == provision_id) {
        return Err(Error::NotFound(format!(
            "This plan has no provision item with the id {provision_id}."
        )));
    }
    insert(vault, plan_id, provision_id, input)
}

fn insert(
    vault: &mut Vault,
    plan_id: &str,
    provision_id: &str,
    input: &NewProvision,
) -> Result<ProvisionItem> {
    let what = validate(input)?;
    let tx = vault.conn_mut().transaction()?;
    let vid = working_version(&tx, plan_id)?;
    for need in &input.need_ids {
        let found: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM plan_needs WHERE version_id = ?1 AND need_id = ?2)",
            params![vid, need],
            |r| r.get(0),
        )?;
        if !found {
            return Err(Error::NotFound(format!(
                "This plan has no need with the id {need}. Add the need first."
            )));
        }
    }
    let position = tx
        .query_row(
            "SELECT position FROM plan_provision WHERE version_id = ?1 AND provision_id = ?2",
            params![vid, provision_id],
            |r| r.get::<_, i64>(0),
        )
        .or_else(|_| next_position(&tx, "plan_provision", &vid))?;
    tx.execute(
        "DELETE FROM plan_provision_needs WHERE version_id = ?1 AND provision_id = ?2",
        params![vid, provision_id],
    )?;
    tx.execute(
        "DELETE FROM plan_provision WHERE version_id = ?1 AND provision_id = ?2",
        params![vid, provision_id],
    )?;
    tx.execute(
        "INSERT INTO plan_provision (version_id, provision_id, section, position, what, who, qualification,
             times, per, minutes, group_size, place, start_date, end_date, funded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            vid,
            provision_id,
            input.section,
            position,
            what,
            clean(input.who.as_deref()),
            clean(input.qualification.as_deref()),
            input.frequency.map(|f| f.times),
            input.frequency.map(|f| f.per),
            input.minutes,
            clean(input.group_size.as_deref()),
            clean(input.place.as_deref()),
            input.start.map(iso),
            input.end.map(iso),
            clean(input.funded_by.as_deref())
        ],
    )?;
    for need in &input.need_ids {
        tx.execute(
            "INSERT OR IGNORE INTO plan_provision_needs (version_id, provision_id, need_id) VALUES (?1, ?2, ?3)",
            params![vid, provision_id, need],
        )?;
    }
    tx.commit()?;
    get_version(vault, plan_id, None)?
        .provision
        .into_iter()
        .find(|p| p.id == provision_id)
        .ok_or_else(|| Error::Internal("a provision item just saved could not be read back".into()))
}

pub(crate) fn load_provision(conn: &Connection, version_id: &str) -> Result<Vec<ProvisionItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT provision_id, section, what, who, qualification, times, per, minutes, group_size, place,
             start_date, end_date, funded_by
         FROM plan_provision WHERE version_id = ?1 ORDER BY section, position",
    )?;
    let mut items: Vec<ProvisionItem> = stmt
        .query_map([version_id], |r| {
            let times: Option<u32> = r.get(5)?;
            let per: Option<Per> = r.get(6)?;
            Ok(ProvisionItem {
                id: r.get(0)?,
                section: r.get(1)?,
                what: r.get(2)?,
                need_ids: Vec::new(),
                who: r.get(3)?,
                qualification: r.get(4)?,
                frequency: times.zip(per).map(|(times, per)| Frequency { times, per }),
                minutes: r.get(7)?,
                group_size: r.get(8)?,
                place: r.get(9)?,
                start: get_opt_date(r, 10)?,
                end: get_opt_date(r, 11)?,
                funded_by: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT pn.need_id FROM plan_provision_needs pn
         JOIN plan_needs n ON n.version_id = pn.version_id AND n.need_id = pn.need_id
         WHERE pn.version_id = ?1 AND pn.provision_id = ?2 ORDER BY n.section, n.position",
    )?;
    for item in &mut items {
        item.need_ids = stmt
            .query_map(params![version_id, item.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(items)
}

/// A wording that case law treats as vague, the forms it takes, and why it matters.
#[derive(Debug, Clone, Copy)]
pub struct VaguePhrase {
    pub phrase: &'static str,
    pub forms: &'static [&'static str],
    pub reason: &'static str,
}

/// The words flagged (send-law.md 1.3). Worcestershire CC v SE [2020] UKUT 217 (AAC): words such
/// as "support", "access to" and "opportunities" are unlikely to be enough; L v Clarke and Somerset
/// [1998] ELR 129: the plan must leave no room for doubt about what is to be provided.
pub const VAGUE_PHRASES: &[VaguePhrase] = &[
    VaguePhrase { phrase: "access to", forms: &["access to"], reason: "\"Access to\" says the child may use something, not how much will be provided, so nobody can check it was delivered (Worcestershire CC v SE [2020] UKUT 217 (AAC))." },
    VaguePhrase { phrase: "regular", forms: &["regular", "regularly"], reason: "\"Regular\" doesn't say how often. The plan should give a number of sessions a week or a term (CoP 9.69)." },
    VaguePhrase { phrase: "as required", forms: &["as required", "as needed", "when required", "when needed"], reason: "\"As required\" leaves someone else to decide whether any is given; the plan should say what is needed (L v Clarke and Somerset [1998] ELR 129)." },
    VaguePhrase { phrase: "opportunities", forms: &["opportunities", "opportunity"], reason: "\"Opportunities\" describes chances, not provision: say what will be done, how often and by whom (Worcestershire CC v SE [2020] UKUT 217 (AAC))." },
    VaguePhrase { phrase: "support from", forms: &["support from"], reason: "\"Support from\" names a person, not what they will do, how often or for how long (CoP 9.69)." },
    VaguePhrase { phrase: "up to", forms: &["up to"], reason: "\"Up to\" sets a ceiling, not an amount: none at all is still \"up to\" any number. Ask for a fixed amount." },
    VaguePhrase { phrase: "may", forms: &["may"], reason: "\"May\" makes the provision optional, but the LA must secure what is in Section F (Children and Families Act 2014 s.42)." },
    VaguePhrase { phrase: "should", forms: &["should"], reason: "\"Should\" states a hope rather than a duty; the plan should say what will be done (L v Clarke and Somerset [1998] ELR 129)." },
    VaguePhrase { phrase: "as appropriate", forms: &["as appropriate", "where appropriate", "if appropriate"], reason: "\"As appropriate\" leaves the decision to others; the plan must leave no room for doubt (L v Clarke and Somerset [1998] ELR 129)." },
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The vague phrases in `text`, each once, in the order of `VAGUE_PHRASES`. Whole words only:
/// "mayor" is not "may".
pub fn vague_phrases_in(text: &str) -> Vec<&'static VaguePhrase> {
    let w = words(text);
    VAGUE_PHRASES
        .iter()
        .filter(|p| {
            p.forms.iter().any(|form| {
                let f: Vec<&str> = form.split(' ').collect();
                w.windows(f.len()).any(|win| win.iter().zip(&f).all(|(a, b)| a == b))
            })
        })
        .collect()
}

text_enum! {
    pub enum FindingKind ("finding") {
        VagueWording = "vague_wording",
        NoFrequency = "no_frequency",
        NoDuration = "no_duration",
        NoProvider = "no_provider",
        NeedWithoutProvision = "need_without_provision",
    }
}

/// One thing the provision check noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct CheckFinding {
    pub kind: FindingKind,
    pub section: Section,
    /// The need or provision item, when the finding is about one.
    pub item_id: Option<String>,
    /// The vague phrase found.
    pub phrase: Option<String>,
    /// The words the finding is about.
    pub excerpt: String,
    /// What is wrong and why, in plain words.
    pub message: String,
}

/// Checks a plan version (the newest when `number` is `None`).
pub fn check_provision(
    vault: &Vault,
    plan_id: &str,
    number: Option<i64>,
) -> Result<Vec<CheckFinding>> {
    Ok(check_version(&get_version(vault, plan_id, number)?))
}

/// The check itself: vague wording in F/G/H (items and section text), items without how often,
/// how long or who, and needs with no provision linked.
pub fn check_version(version: &PlanVersion) -> Vec<CheckFinding> {
    let mut out = Vec::new();
    let vague = |out: &mut Vec<CheckFinding>, section, item_id: Option<&str>, text: &str| {
        for p in vague_phrases_in(text) {
            out.push(CheckFinding {
                kind: FindingKind::VagueWording,
                section,
                item_id: item_id.map(str::to_owned),
                phrase: Some(p.phrase.to_owned()),
                excerpt: text.to_owned(),
                message: p.reason.to_owned(),
            });
        }
    };
    for s in &version.sections {
        if matches!(s.section, Section::F | Section::G | Section::H1 | Section::H2) {
            vague(&mut out, s.section, None, &s.text);
        }
    }
    for item in &version.provision {
        vague(&mut out, item.section, Some(&item.id), &item.what);
        let mut missing = |kind, message: &str| {
            out.push(CheckFinding {
                kind,
                section: item.section,
                item_id: Some(item.id.clone()),
                phrase: None,
                excerpt: item.what.clone(),
                message: message.to_owned(),
            })
        };
        if item.frequency.is_none() {
            missing(FindingKind::NoFrequency, "This doesn't say how often, such as twice a week (CoP 9.69: provision should be quantified).");
        }
        if item.minutes.is_none() {
            missing(
                FindingKind::NoDuration,
                "This doesn't say how long each session lasts (CoP 9.69: hours and frequency).",
            );
        }
        if item.who.is_none() && item.qualification.is_none() {
            missing(FindingKind::NoProvider, "This doesn't say who delivers it or what qualification they need (CoP 9.69: level of expertise).");
        }
    }
    for need in &version.needs {
        if !version.provision.iter().any(|p| p.need_ids.contains(&need.id)) {
            out.push(CheckFinding {
                kind: FindingKind::NeedWithoutProvision,
                section: need.section,
                item_id: Some(need.id.clone()),
                phrase: None,
                excerpt: need.text.clone(),
                message: "No provision is linked to this need. Every need should have provision to meet it (SEND Regs 2014 reg 12(1)(f)).".to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_phrases_match_whole_words_only() {
        let found: Vec<_> =
            vague_phrases_in("The mayor may offer Regularly scheduled support as needed")
                .iter()
                .map(|p| p.phrase)
                .collect();
        assert_eq!(found, ["regular", "as required", "may"]);
        assert!(vague_phrases_in("Shoulder mayhem; accessible toys; upto").is_empty());
        assert!(vague_phrases_in("30 minutes of 1:1 speech and language therapy twice a week")
            .is_empty());
    }

    #[test]
    fn frequency_reads_as_words() {
        assert_eq!(Frequency { times: 1, per: Per::Week }.describe(), "once a week");
        assert_eq!(Frequency { times: 3, per: Per::Term }.describe(), "3 times a term");
    }
}
