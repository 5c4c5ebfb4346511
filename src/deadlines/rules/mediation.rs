//! Mediation and the appeal deadline: R22-R27.

use super::super::context::{Ctx, Item, Rule};
use super::super::deadline::{DutyHolder as Who, FlagKind, Nature};
use super::super::events::{DeadlineEvent, DeadlineEventKind as K, ReviewOutcome};
use super::super::format_uk;
use super::super::periods::{days_after, months_after, working_days_after, Period};
use super::super::settings::DayKind;
use super::super::tribunal::{appeal_deadline, move_flag};

/// A written decision that can be appealed: it starts the mediation and appeal clocks. A review
/// decision to amend is appealable only once the final amended plan is issued.
pub(in super::super) fn appealable(e: &DeadlineEvent) -> bool {
    e.kind.is_appealable_decision()
        || (e.kind == K::ReviewDecision
            && matches!(e.outcome, Some(ReviewOutcome::Maintain | ReviewOutcome::Cease)))
}

const R22: Rule = Rule {
    id: "R22",
    slug: "R22-mediation-contact",
    key: "mediation-contact",
    title: "Contact the mediation adviser",
    who: Who::Family,
    nature: Nature::Right,
    source: "SEND Regs 2014 reg 33; Children and Families Act 2014 s.55",
    met_by: |e| {
        matches!(
            e.kind,
            K::MediationAdviserContacted
                | K::MediationDeclined
                | K::MediationRequested
                | K::MediationCertificateIssued
        )
    },
};

const R23: Rule = Rule {
    id: "R23",
    slug: "R23-mediation-certificate",
    key: "mediation-certificate",
    title: "Mediation certificate (no mediation wanted)",
    who: Who::MediationAdviser,
    nature: Nature::Duty,
    source: "SEND Regs 2014 reg 34",
    met_by: |e| e.kind == K::MediationCertificateIssued,
};

const R24: Rule = Rule {
    id: "R24",
    slug: "R24-mediation-held",
    key: "mediation-held",
    title: "Mediation held",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "IPSEA, The mediation process (regulation number unconfirmed)",
    met_by: |e| e.kind == K::MediationHeld,
};

const R24_HEALTH: Rule = Rule {
    id: "R24",
    slug: "R24-health-mediation-held",
    key: "mediation-held",
    title: "Health mediation held",
    who: Who::Health,
    nature: Nature::Duty,
    source: "IPSEA, The mediation process (regulation number unconfirmed)",
    met_by: |e| e.kind == K::MediationHeld,
};

const R25: Rule = Rule {
    id: "R25",
    slug: "R25-icb-informed",
    key: "icb-informed",
    title: "LA tells the ICB about health mediation",
    who: Who::LocalAuthority,
    nature: Nature::Duty,
    source: "IPSEA, The mediation process",
    met_by: |e| e.kind == K::IcbInformed,
};

const R26: Rule = Rule {
    id: "R26",
    slug: "R26-mediation-certificate",
    key: "mediation-certificate",
    title: "Mediation certificate (after mediation)",
    who: Who::MediationAdviser,
    nature: Nature::Duty,
    source: "IPSEA, The mediation process; Surrey SENDIAS",
    met_by: |e| e.kind == K::MediationCertificateIssued,
};

const R27: Rule = Rule {
    id: "R27",
    slug: "R27-appeal-deadline",
    key: "appeal-deadline",
    title: "Appeal to the SEND Tribunal",
    who: Who::Family,
    nature: Nature::Right,
    source: "HESC Rules 2008 r.20(1)(c); r.12(1)-(3)",
    met_by: |e| e.kind == K::AppealLodged,
};

const UNCONFIRMED_REG: &str =
    "The time limit comes from IPSEA's guidance; the regulation number was not confirmed.";

pub(in super::super) fn apply(ctx: &mut Ctx) {
    for decision in ctx.all_where(appealable) {
        let next = ctx.next_after(decision.date, appealable);
        // SEND Regs 2014 reg 33: contact the mediation adviser within 2 months of the decision.
        if let Some(p) = months_after(decision.date, 2) {
            let text = format!(
                "Before most appeals you must contact the mediation adviser named in the letter \
                 within 2 months of the decision being sent, so by {}.",
                format_uk(p.due)
            );
            let item = Item::new(decision, p, text).until(next).flag(
                FlagKind::Note,
                "You do not need to contact the mediation adviser if your appeal is only about the \
                 school or type of school in Section I.",
            );
            ctx.push(&R22, item);
        }
        // HESC r.20(1)(c): later of 2 months after the decision and 1 month after the certificate.
        let certificate =
            ctx.first_where(decision.date, next, |e| e.kind == K::MediationCertificateIssued);
        let Some(appeal) = appeal_deadline(decision.date, certificate.map(|c| c.date)) else {
            continue;
        };
        let due = appeal.period.due;
        let text = match (certificate, appeal.from_certificate) {
            (Some(c), true) => format!(
                "You can appeal to the SEND Tribunal until 5pm on {}, 1 month after the mediation \
                 certificate issued on {} (later than 2 months after the decision).",
                format_uk(due),
                format_uk(c.date)
            ),
            _ => format!(
                "You can appeal to the SEND Tribunal until 5pm on {}, 2 months after the decision \
                 was sent on {}.",
                format_uk(due),
                format_uk(decision.date)
            ),
        };
        let mut item = Item::new(decision, appeal.period, text).until(next);
        if let Some(m) = appeal.moved {
            item.flags.push(move_flag(m, appeal.unmoved, appeal.via, due));
        }
        if let Some(via) = appeal.via {
            item = item.flag(
                FlagKind::Advisory,
                format!(
                    "The Tribunal's rules can also be read as making {} the last day. To be safe, \
                     send your appeal by then.",
                    format_uk(via)
                ),
            );
        }
        if certificate.is_none() {
            item = item.flag(
                FlagKind::Note,
                "You need a mediation certificate to appeal, unless the appeal is only about \
                 Section I. A certificate issued later can move this date.",
            );
        }
        ctx.push(&R27, item);
    }
    for declined in ctx.all(K::MediationDeclined) {
        let next = ctx.next_after(declined.date, |e| e.kind == K::MediationDeclined);
        // SEND Regs 2014 reg 34: certificate within 3 working days of being told.
        let Some(p) = working_days_after(declined.date, 3) else {
            continue;
        };
        let text = format!(
            "Once you tell the mediation adviser you do not want mediation, they must issue the \
             certificate within 3 working days, so by {}.",
            format_uk(p.due)
        );
        ctx.push(&R23, Item::new(declined, p, text).until(next));
    }
    for requested in ctx.all(K::MediationRequested) {
        let next = ctx.next_after(requested.date, |e| e.kind == K::MediationRequested);
        // IPSEA: mediation within 30 days of the LA being told (regulation number UNCONFIRMED).
        let Some(p) = days_after(requested.date, 30, ctx.settings) else {
            continue;
        };
        let text = format!(
            "Once the LA knows you want mediation, it must take place within 30 days, so by {}. If \
             it cannot, you should get a certificate within 3 working days.",
            format_uk(p.due)
        );
        ctx.push(
            &R24,
            Item::new(requested, p, text).until(next).flag(FlagKind::Advisory, UNCONFIRMED_REG),
        );
    }
    for told in ctx.all(K::HealthMediationRequested) {
        let next = ctx.next_after(told.date, |e| e.kind == K::HealthMediationRequested);
        // IPSEA: the LA tells each ICB within 3 working days.
        let Some(p) = working_days_after(told.date, 3) else {
            continue;
        };
        let text = format!(
            "When you ask for mediation about health provision, the LA must tell the ICB within 3 \
             working days, so by {}.",
            format_uk(p.due)
        );
        ctx.push(
            &R25,
            Item::new(told, p, text).until(next).flag(FlagKind::Advisory, UNCONFIRMED_REG),
        );
    }
    for informed in ctx.all(K::IcbInformed) {
        let next = ctx.next_after(informed.date, |e| e.kind == K::IcbInformed);
        // IPSEA: health mediation within 30 days of the ICB being told; calendar days (a setting,
        // because one secondary source says working days).
        let p: Option<Period> = match ctx.settings.health_mediation_days {
            DayKind::Calendar => days_after(informed.date, 30, ctx.settings),
            DayKind::Working => working_days_after(informed.date, 30),
        };
        let Some(p) = p else { continue };
        let text = format!(
            "Mediation about health provision must take place within 30 days of the ICB being \
             told, so by {}.",
            format_uk(p.due)
        );
        let item = Item::new(informed, p, text).until(next).flag(
            FlagKind::Advisory,
            "Sources differ on whether these are calendar or working days; Carefile uses your \
             setting (calendar days by default, as IPSEA says).",
        );
        ctx.push(&R24_HEALTH, item);
    }
    for ended in ctx.all_where(|e| matches!(e.kind, K::MediationHeld | K::MediationNotPossible)) {
        let next = ctx.next_after(ended.date, |e| {
            matches!(e.kind, K::MediationHeld | K::MediationNotPossible)
        });
        // IPSEA; Surrey SENDIAS: certificate within 3 working days of mediation ending (or of the
        // LA saying it cannot be arranged within 30 days).
        let Some(p) = working_days_after(ended.date, 3) else {
            continue;
        };
        let text = format!(
            "The mediation adviser must issue the mediation certificate within 3 working days, so \
             by {}.",
            format_uk(p.due)
        );
        ctx.push(
            &R26,
            Item::new(ended, p, text).until(next).flag(FlagKind::Advisory, UNCONFIRMED_REG),
        );
    }
}

#[cfg(test)]
#[path = "mediation_tests.rs"]
mod tests;
