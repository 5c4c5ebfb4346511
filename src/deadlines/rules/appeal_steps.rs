//! While an appeal is under way: R28-R31.

use chrono::Months;

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEvent, DeadlineEventKind as K};
use super::super::format_uk;
use super::super::periods::{days_before, working_days_after, working_days_before};
use super::super::tribunal::tribunal_days_after;

rule!(
    R28,
    "R28",
    "R28-tribunal-direction",
    "tribunal-direction",
    "Step directed by the Tribunal",
    Who::AsDirected,
    Nature::Notice,
    "HESC Rules 2008 r.12(3)(b) and r.12(2)",
    |_| false
);
rule!(
    R29,
    "R29",
    "R29-la-response",
    "la-response",
    "LA's response to the appeal",
    Who::LocalAuthority,
    Nature::Duty,
    "gov.uk guidance for LAs; HESC Rules 2008 r.21 (text unconfirmed)",
    |e| e.kind == K::LaResponseReceived
);
rule!(
    R30,
    "R30",
    "R30-late-evidence",
    "late-evidence",
    "Send evidence before the last week",
    Who::Family,
    Nature::Guidance,
    "Liaise Lincolnshire (secondary source)",
    |e| e.kind == K::EvidenceSent
);
rule!(
    R31,
    "R31",
    "R31-working-document",
    "working-document",
    "Working document finalised",
    Who::AsDirected,
    Nature::Guidance,
    "Essex SENDIASS; the Tribunal's directions govern",
    |e| e.kind == K::WorkingDocumentFinalised
);

pub(in super::super) fn apply(ctx: &mut Ctx) {
    for direction in ctx.all(K::TribunalDirection) {
        // HESC r.12(3)(b): days counted without 25 Dec-1 Jan and August; r.12(2) next working day.
        let Some(p) = direction.days.and_then(|n| tribunal_days_after(direction.date, n)) else {
            continue;
        };
        let text = format!(
            "The Tribunal's direction of {} must be carried out by {}.",
            format_uk(direction.date),
            format_uk(p.due)
        );
        let item = Item::new(direction, p, text).flag(
            FlagKind::Note,
            "If the Tribunal gave a fixed date, that date applies instead (HESC r.12(4)).",
        );
        ctx.push(&R28, item);
    }
    for registered in ctx.all(K::AppealRegistered) {
        // gov.uk / HESC r.21 (UNCONFIRMED): the LA responds within 30 working days.
        let Some(p) = working_days_after(registered.date, 30) else {
            continue;
        };
        let text = format!(
            "The LA should send its response to your appeal within 30 working days, so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(registered, p, text).flag(
            FlagKind::Advisory,
            "The real date is in the Tribunal's registration letter; gov.uk says 6 weeks. Use the \
             letter's date.",
        );
        ctx.push(&R29, item);
    }
    for hearing in ctx.all(K::Hearing) {
        hearing_steps(ctx, hearing);
    }
}

fn hearing_steps<'a>(ctx: &mut Ctx<'a>, hearing: &'a DeadlineEvent) {
    let from = hearing.date.checked_sub_months(Months::new(12)).unwrap_or(hearing.date);
    let until = hearing.date.succ_opt();
    // Liaise Lincolnshire: evidence within 5 working days of the hearing may be refused.
    if let Some(p) = working_days_before(hearing.date, 5) {
        let text = format!(
            "Evidence sent within 5 working days of the hearing may be refused without a good \
             reason, so send it before {}.",
            format_uk(p.due)
        );
        let item = Item::new(hearing, p, text).from(from).until(until).flag(
            FlagKind::Advisory,
            "Advice from a secondary source. Your directions set the real evidence deadline; late \
             evidence needs form SEND7.",
        );
        ctx.push(&R30, item);
    }
    // Essex SENDIASS: the working document is usually finalised about 2 weeks before the hearing.
    if let Some(p) = days_before(hearing.date, 14) {
        let text = format!(
            "The working document is usually finalised about 2 weeks before the \
                            hearing, around {}.",
            format_uk(p.due)
        );
        let item = Item::new(hearing, p, text).from(from).until(until).flag(
            FlagKind::Advisory,
            "Advice, not law: the Tribunal's directions give the real date.",
        );
        ctx.push(&R31, item);
    }
}

#[cfg(test)]
#[path = "appeal_steps_tests.rs"]
mod tests;
