//! Planned sessions for a provision item over a period, when what the plan said changed along the
//! way. Each final or amended version is in force from its issue date until the next one is
//! issued (or the plan ceases), so each stretch ("spell") is counted with the frequency and the
//! start and end dates that version gave the item. Drafts and proposed amendments are not in
//! force: the LA's duty to secure provision runs from the plan as issued (Children and Families Act
//! 2014 s.42(2)), so while a draft is out the previous final plan still counts.
//!
//! How each spell counts:
//! - n a day: n for every school day of the spell;
//! - n a week: n for every Monday-to-Sunday week whose first school day (of the whole period)
//!   falls in the spell, so a week split between two versions is counted once, by the version in
//!   force at its start;
//! - n a term / n a year: n pro rata to the spell's share of the term's (year's) school days.
//!
//! The spells' shares are added and rounded down once, to whole sessions.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::children::school_year_of;
use super::plans::{get_version, list_versions, Plan, PlanVersion, Stage};
use super::plans::{Frequency, Per, ProvisionItem};
use super::terms::{terms_between, terms_for_year};
use crate::error::Result;
use crate::vault::Vault;

/// A stretch of dates (inclusive) with the frequency the plan then set for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spell {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub frequency: Option<Frequency>,
}

/// What came out of counting: planned sessions (`None` when no spell says how often), and the
/// school days and school weeks the item applied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counted {
    pub planned: Option<u32>,
    pub school_days: u32,
    pub school_weeks: u32,
}

/// The final and amended versions of a plan with the dates each was in force, clipped to
/// `from..=to` and to the plan's ceasing; `None` when no version has been issued as final yet.
pub(crate) struct InForce {
    spans: Vec<(NaiveDate, NaiveDate, PlanVersion)>,
}

impl InForce {
    pub fn load(
        vault: &Vault,
        plan: &Plan,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Option<Self>> {
        let issued: Vec<(NaiveDate, i64)> = list_versions(vault, &plan.id)?
            .into_iter()
            .filter(|v| v.frozen && matches!(v.stage, Some(Stage::Final | Stage::Amended)))
            .filter_map(|v| v.issued.map(|d| (d, v.number)))
            .collect();
        if issued.is_empty() {
            return Ok(None);
        }
        let last_day = plan.ceased.map_or(to, |c| c.min(to));
        let mut spans = Vec::new();
        for (k, (starts, number)) in issued.iter().enumerate() {
            let ends = match issued.get(k + 1) {
                Some((next, _)) => next.checked_sub_days(Days::new(1)).unwrap_or(*next),
                None => last_day,
            };
            let (a, b) = ((*starts).max(from), ends.min(last_day));
            if a <= b {
                spans.push((a, b, get_version(vault, &plan.id, Some(*number))?));
            }
        }
        Ok(Some(InForce { spans }))
    }

    /// The item's spells: where each version in force had it, within the item's own dates there.
    pub fn spells(&self, item_id: &str) -> Vec<Spell> {
        self.spans
            .iter()
            .filter_map(|(a, b, version)| {
                let item = version.provision.iter().find(|p| p.id == item_id)?;
                within_item(item, *a, *b)
            })
            .collect()
    }
}

/// The spell of `item` between `from` and `to`, cut to its own start and end; `None` if empty.
pub(crate) fn within_item(item: &ProvisionItem, from: NaiveDate, to: NaiveDate) -> Option<Spell> {
    let (a, b) = (item.start.map_or(from, |s| s.max(from)), item.end.map_or(to, |e| e.min(to)));
    (a <= b).then_some(Spell { from: a, to: b, frequency: item.frequency })
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts planned sessions over `spells`, which must not overlap.
pub(crate) fn count_spells(vault: &Vault, spells: &[Spell]) -> Result<Counted> {
    let mut days_of: Vec<Vec<NaiveDate>> = Vec::with_capacity(spells.len());
    for s in spells {
        let terms = terms_between(vault, s.from, s.to)?;
        days_of.push(terms.iter().flat_map(|t| t.school_days(s.from, s.to)).collect());
    }
    // Each week belongs to the spell holding its first school day.
    let mut week_owner: BTreeMap<(i32, u32), (NaiveDate, usize)> = BTreeMap::new();
    for (i, days) in days_of.iter().enumerate() {
        for d in days {
            let key = (d.iso_week().year(), d.iso_week().week());
            let entry = week_owner.entry(key).or_insert((*d, i));
            if *d < entry.0 {
                *entry = (*d, i);
            }
        }
    }
    let mut planned = 0.0;
    for (i, s) in spells.iter().enumerate() {
        let Some(f) = s.frequency else { continue };
        let n = f64::from(f.times);
        planned += match f.per {
            Per::Day => n * days_of[i].len() as f64,
            Per::Week => n * week_owner.values().filter(|(_, owner)| *owner == i).count() as f64,
            Per::Term => terms_between(vault, s.from, s.to)?
                .iter()
                .map(|t| {
                    let whole = t.school_days(t.starts, t.ends).len();
                    n * share(t.school_days(s.from, s.to).len(), whole)
                })
                .sum(),
            Per::Year => {
                let mut total = 0.0;
                for year in school_year_of(s.from)..=school_year_of(s.to) {
                    let year_terms = terms_for_year(vault, year)?;
                    let whole: usize =
                        year_terms.iter().map(|t| t.school_days(t.starts, t.ends).len()).sum();
                    let part: usize =
                        year_terms.iter().map(|t| t.school_days(s.from, s.to).len()).sum();
                    total += n * share(part, whole);
                }
                total
            }
        };
    }
    let any_frequency = spells.iter().any(|s| s.frequency.is_some());
    Ok(Counted {
        // A hair of tolerance so 6 × 63/63 is never 5.999….
        planned: any_frequency.then(|| (planned + 1e-9).floor() as u32),
        school_days: days_of.iter().map(Vec::len).sum::<usize>() as u32,
        school_weeks: week_owner.len() as u32,
    })
}
