//! The rules of send-law.md section 7, grouped by stage. Each rule cites its source where it is
//! coded, describes itself with a `Rule` and adds one item per triggering event.

/// Declares a `Rule` constant in one line per field.
macro_rules! rule {
    ($name:ident, $id:literal, $slug:literal, $key:literal, $title:literal, $who:expr,
     $nature:expr, $source:literal, $met:expr) => {
        const $name: Rule = Rule {
            id: $id,
            slug: $slug,
            key: $key,
            title: $title,
            who: $who,
            nature: $nature,
            source: $source,
            met_by: $met,
        };
    };
}

mod appeal_steps;
mod assessment;
mod information;
mod mediation;
mod review;
mod transfer;
mod tribunal_steps;

use super::context::Ctx;

pub(super) fn apply_all(ctx: &mut Ctx) {
    assessment::apply(ctx);
    review::apply(ctx);
    transfer::apply(ctx);
    mediation::apply(ctx);
    appeal_steps::apply(ctx);
    tribunal_steps::apply(ctx);
    information::apply(ctx);
}
