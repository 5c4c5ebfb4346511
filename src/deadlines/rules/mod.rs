//! The rules of send-law.md section 7, grouped by stage. Each rule cites its source where it is
//! coded, describes itself with a `Rule` and adds one item per triggering event.

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
    tribunal_steps::apply(ctx);
    information::apply(ctx);
}
