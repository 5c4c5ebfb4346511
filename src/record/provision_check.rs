//! The provision check: an advisory, local reading of whether a plan is "specified and quantified"
//! (CoP 9.69; L v Clarke and Somerset [1998] ELR 129; Worcestershire CC v SE [2020] UKUT 217
//! (AAC)). It reads plan versions through `record::plans` and flags; it never rewrites the plan.

use serde::Serialize;

use super::plans::{get_version, PlanVersion, Section};
use super::text_enum;
use crate::error::Result;
use crate::vault::Vault;

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
}
