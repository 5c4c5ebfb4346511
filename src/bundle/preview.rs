//! Preview: the pack built in memory so the person can look through it before saving it anywhere.
//! It is the same build as [`build_pack`](super::build_pack) — the same request, plan and pages —
//! but it records nothing: the audit trail says a document was included in a bundle only when a
//! bundle was actually made, and a saved pack notes only builds that were saved. This module must
//! never write to the vault or to a file; the bytes go back to the caller and nowhere else.

use super::vault::prepare;
use super::{build_bundle, plan_bundle, BuildProgress, BuiltBundle, PackRequest};
use crate::error::Result;
use crate::vault::Vault;

/// Builds the pack for looking at, with progress as for a build, and records nothing.
pub fn preview_pack(
    vault: &Vault,
    req: &PackRequest,
    progress: &mut dyn FnMut(BuildProgress),
) -> Result<BuiltBundle> {
    let (pack, loader) = prepare(vault, req)?;
    let plan = plan_bundle(&pack, &req.options);
    build_bundle(&plan, &loader, progress)
}
