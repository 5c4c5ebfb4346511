//! Exceptions to LA time limits, raised as flags on a deadline and never as new dates: the
//! school-closure window (R7), absence from the area, exceptional personal circumstances, missed
//! appointments, and the LA saying it relies on an exception.

use chrono::{Datelike, Days, NaiveDate};

use super::context::Ctx;
use super::deadline::{DeadlineFlag, FlagKind};
use super::events::DeadlineEventKind as K;
use super::format_uk;

/// Which exceptions the law allows for a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Exceptions {
    /// SEND Regs 2014 reg 5(4), 10(4), 13(3), 27(3): closure window, circumstances, 4 weeks away.
    Assessment,
    /// Reg 8(2): circumstances, 4 weeks away, a missed appointment.
    Advice,
    /// SEND18 (reg 44): exceptions including 2 continuous weeks away from the area.
    TribunalOrder,
}

const NO_NEW_DEADLINE: &str = "An exception does not give the LA a new deadline: it must act as \
                               soon as practicable and should tell you it is using one (CoP 9.42).";

/// Whether `[start, end]` (an event with an optional end) overlaps `[from, to]`.
fn overlaps(start: NaiveDate, end: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> bool {
    match end {
        Some(end) => start <= to && end >= from,
        None => start >= from && start <= to,
    }
}

/// Flags for the exceptions recorded between `from` (the trigger) and `due`.
pub(super) fn exception_flags(
    ctx: &Ctx,
    from: NaiveDate,
    due: NaiveDate,
    which: Exceptions,
) -> Vec<DeadlineFlag> {
    let mut flags = Vec::new();
    let min_absence_days = if which == Exceptions::TribunalOrder { 14 } else { 28 };
    for e in ctx.all(K::Absence) {
        if !overlaps(e.date, e.until, from, due) {
            continue;
        }
        match e.until {
            Some(back) if (back - e.date).num_days() >= min_absence_days => {
                flags.push(DeadlineFlag::new(
                    FlagKind::Absence,
                    format!(
                    "You were away from the area from {} to {}, at least {} weeks in a row, so the \
                     LA may not have to meet this date. {NO_NEW_DEADLINE}",
                    format_uk(e.date),
                    format_uk(back),
                    min_absence_days / 7
                ),
                ))
            }
            Some(_) => {}
            None => flags.push(DeadlineFlag::new(
                FlagKind::Absence,
                format!(
                    "You recorded being away from the area from {}. If it lasted at least {} weeks \
                     in a row the LA may not have to meet this date; record the day you came back \
                     to check.",
                    format_uk(e.date),
                    min_absence_days / 7
                ),
            )),
        }
    }
    if which != Exceptions::TribunalOrder {
        for e in ctx.all(K::ExceptionalCircumstances) {
            if overlaps(e.date, e.until, from, due) {
                flags.push(DeadlineFlag::new(
                    FlagKind::ExceptionalCircumstances,
                    format!(
                        "You recorded exceptional personal circumstances from {}. If they made it \
                         impractical, the LA may not have to meet this date. {NO_NEW_DEADLINE}",
                        format_uk(e.date)
                    ),
                ));
            }
        }
    }
    if which == Exceptions::Advice {
        for e in ctx.all(K::AppointmentMissed) {
            if overlaps(e.date, None, from, due) {
                flags.push(DeadlineFlag::new(
                    FlagKind::MissedAppointment,
                    format!(
                        "An appointment was missed on {} (SEND Regs 2014 reg 8(2)), so the 6 weeks \
                         may not apply to this advice.",
                        format_uk(e.date)
                    ),
                ));
            }
        }
    }
    let claim_until = due.checked_add_days(Days::new(84)).unwrap_or(due);
    for e in ctx.all(K::ExceptionClaimed) {
        if overlaps(e.date, None, from, claim_until) {
            flags.push(DeadlineFlag::new(
                FlagKind::ExceptionClaimed,
                format!(
                    "On {} the LA said it is relying on an exception to the time limit. Ask it \
                     which one and why. {NO_NEW_DEADLINE}",
                    format_uk(e.date)
                ),
            ));
        }
    }
    if which == Exceptions::Assessment {
        flags.extend(closure_flags(ctx, from, due));
    }
    flags
}

/// R7 (SEND Regs 2014 reg 5(4)(a), 10(4)(a)-(b)): a request for advice from the school made in the
/// window from 1 week before a closure of at least 4 weeks to 1 week before it reopens.
fn closure_flags(ctx: &Ctx, from: NaiveDate, due: NaiveDate) -> Vec<DeadlineFlag> {
    let mut flags = Vec::new();
    let closures: Vec<_> = ctx
        .all(K::SchoolClosure)
        .into_iter()
        .filter_map(|e| Some((e.date, e.until?)))
        .filter(|&(closed, reopens)| (reopens - closed).num_days() >= 28)
        .collect();
    let advice: Vec<_> = ctx
        .all(K::AdviceRequested)
        .into_iter()
        .filter(|e| e.date >= from && e.date <= due)
        .collect();
    for &(closed, reopens) in &closures {
        let (Some(start), Some(end)) =
            (closed.checked_sub_days(Days::new(7)), reopens.checked_sub_days(Days::new(7)))
        else {
            continue;
        };
        let window = format!("{} to {}", format_uk(start), format_uk(end));
        if let Some(asked) = advice.iter().find(|e| e.date >= start && e.date <= end) {
            flags.push(DeadlineFlag::new(
                FlagKind::SchoolClosureWindow,
                format!(
                    "The LA asked for advice on {}, inside the school-closure window ({window}). \
                     If it asked the school, it may claim the closure exception. {NO_NEW_DEADLINE}",
                    format_uk(asked.date)
                ),
            ));
        } else if advice.is_empty() && start <= due && end >= from {
            flags.push(DeadlineFlag::new(
                FlagKind::SchoolClosureWindow,
                format!(
                    "If the LA asked the school for advice between {window} (the closure window), \
                     it may claim the closure exception. {NO_NEW_DEADLINE}"
                ),
            ));
        }
    }
    let spans_august = {
        let mut day = from;
        let mut found = false;
        while day <= due && !found {
            found = day.month() == 8;
            day = match day.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
        found
    };
    if closures.is_empty() && spans_august {
        flags.push(DeadlineFlag::new(
            FlagKind::SchoolClosureWindow,
            "This period includes the summer holiday. If the LA asked the school for advice from a \
             week before it closed, it may claim the closure exception. Record the school's \
             holiday dates to check.",
        ));
    }
    flags
}
