//! The working state of one computation: the events in date order, the settings, today, and the
//! deadlines found so far. Rules describe themselves with a [`Rule`] and add one [`Item`] per
//! trigger; status and the common flags are worked out here, the same way for every rule.

use chrono::NaiveDate;

use super::calendar;
use super::deadline::{
    Counting, Deadline, DeadlineFlag, DeadlineStatus, DutyHolder, FlagKind, Nature,
};
use super::events::{DeadlineEvent, DeadlineEventKind};
use super::periods::Period;
use super::settings::DeadlineSettings;

/// The fixed facts about a rule.
pub(super) struct Rule {
    /// Rule number in send-law.md section 7, e.g. "R6".
    pub id: &'static str,
    /// Unique per `Rule` (several can share an id), used to build `Deadline::id`.
    pub slug: &'static str,
    /// Stable key shared with the CLI contract, e.g. "final-plan".
    pub key: &'static str,
    pub title: &'static str,
    pub who: DutyHolder,
    pub nature: Nature,
    pub source: &'static str,
    /// Which recorded events meet this deadline.
    pub met_by: fn(&DeadlineEvent) -> bool,
}

/// One deadline produced by a rule for one trigger.
pub(super) struct Item<'a> {
    pub trigger: &'a DeadlineEvent,
    pub period: Period,
    pub explanation: String,
    /// Events meeting the rule are looked for on or after this date...
    pub search_from: NaiveDate,
    /// ...and before this one (usually the next trigger of the same kind).
    pub search_until: Option<NaiveDate>,
    pub flags: Vec<DeadlineFlag>,
}

impl<'a> Item<'a> {
    /// An item whose satisfying events are looked for from the trigger date onwards.
    pub fn new(trigger: &'a DeadlineEvent, period: Period, explanation: String) -> Self {
        Item {
            trigger,
            period,
            explanation,
            search_from: trigger.date,
            search_until: None,
            flags: Vec::new(),
        }
    }

    pub fn until(mut self, until: Option<NaiveDate>) -> Self {
        self.search_until = until;
        self
    }

    pub fn from(mut self, from: NaiveDate) -> Self {
        self.search_from = from;
        self
    }

    pub fn flags(mut self, flags: Vec<DeadlineFlag>) -> Self {
        self.flags.extend(flags);
        self
    }

    pub fn flag(mut self, kind: FlagKind, message: impl Into<String>) -> Self {
        self.flags.push(DeadlineFlag::new(kind, message));
        self
    }
}

pub(super) struct Ctx<'a> {
    events: Vec<&'a DeadlineEvent>,
    pub settings: &'a DeadlineSettings,
    pub today: NaiveDate,
    pub out: Vec<Deadline>,
}

fn days_between(later: NaiveDate, earlier: NaiveDate) -> i32 {
    let days = (later - earlier).num_days();
    i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX })
}

impl<'a> Ctx<'a> {
    pub fn new(
        events: &'a [DeadlineEvent],
        settings: &'a DeadlineSettings,
        today: NaiveDate,
    ) -> Self {
        let mut sorted: Vec<&DeadlineEvent> = events.iter().collect();
        sorted.sort_by_key(|e| (e.date, e.kind));
        // The same event typed twice (perhaps with different references) counts once.
        sorted.dedup_by(|a, b| {
            (a.kind, a.date, a.until, a.order, a.outcome, a.days)
                == (b.kind, b.date, b.until, b.order, b.outcome, b.days)
        });
        Ctx { events: sorted, settings, today, out: Vec::new() }
    }

    /// Every event of `kind`, in date order.
    pub fn all(&self, kind: DeadlineEventKind) -> Vec<&'a DeadlineEvent> {
        self.events.iter().copied().filter(|e| e.kind == kind).collect()
    }

    /// Every event matching `pred`, in date order.
    pub fn all_where(&self, pred: impl Fn(&DeadlineEvent) -> bool) -> Vec<&'a DeadlineEvent> {
        self.events.iter().copied().filter(|e| pred(e)).collect()
    }

    /// The first event matching `pred` dated on or after `from` and before `until`.
    pub fn first_where(
        &self,
        from: NaiveDate,
        until: Option<NaiveDate>,
        pred: impl Fn(&DeadlineEvent) -> bool,
    ) -> Option<&'a DeadlineEvent> {
        self.events
            .iter()
            .copied()
            .find(|e| e.date >= from && until.is_none_or(|u| e.date < u) && pred(e))
    }

    /// The date of the first event matching `pred` strictly after `date`.
    pub fn next_after(
        &self,
        date: NaiveDate,
        pred: impl Fn(&DeadlineEvent) -> bool,
    ) -> Option<NaiveDate> {
        self.events.iter().find(|e| e.date > date && pred(e)).map(|e| e.date)
    }

    /// The date of the last event matching `pred` strictly before `date`.
    pub fn previous_before(
        &self,
        date: NaiveDate,
        pred: impl Fn(&DeadlineEvent) -> bool,
    ) -> Option<NaiveDate> {
        self.events.iter().rev().find(|e| e.date < date && pred(e)).map(|e| e.date)
    }

    /// Works out the status and common flags, and records the deadline.
    pub fn push(&mut self, rule: &Rule, item: Item<'a>) {
        let due = item.period.due;
        let met = self.first_where(item.search_from, item.search_until, rule.met_by);
        let status = match met {
            Some(e) if e.date <= due => DeadlineStatus::MetOnTime {
                met_on: e.date,
                met_by: e.kind,
                days_to_spare: days_between(due, e.date),
            },
            Some(e) => DeadlineStatus::MetLate {
                met_on: e.date,
                met_by: e.kind,
                days_late: days_between(e.date, due),
            },
            None if self.today <= due => {
                DeadlineStatus::DueIn { days: days_between(due, self.today) }
            }
            None if rule.nature == Nature::Duty => {
                DeadlineStatus::Overdue { days: days_between(self.today, due) }
            }
            None => DeadlineStatus::Passed { days: days_between(self.today, due) },
        };
        let mut flags = item.flags;
        let moves_itself = matches!(
            item.period.counting,
            Counting::TribunalAppeal
                | Counting::TribunalDays
                | Counting::WorkingDaysAfter
                | Counting::SchoolDaysAfter
        );
        if !moves_itself && rule.nature != Nature::Notice && !calendar::is_working_day(due) {
            flags.push(DeadlineFlag::new(
                FlagKind::NonWorkingDay,
                "This date is a weekend or bank holiday. The regulations do not move it to the \
                 next working day, so it is shown as it is.",
            ));
        }
        self.out.push(Deadline {
            id: format!("{}-{}", rule.slug, item.trigger.date),
            rule: rule.id.to_string(),
            key: rule.key.to_string(),
            title: rule.title.to_string(),
            who: rule.who,
            nature: rule.nature,
            due,
            trigger: item.trigger.kind,
            trigger_date: item.trigger.date,
            trigger_reference: item.trigger.reference.clone(),
            source: rule.source.to_string(),
            counting: item.period.counting,
            counting_words: item.period.words,
            explanation: item.explanation,
            status,
            met_reference: met.and_then(|e| e.reference.clone()),
            flags,
        });
    }
}
