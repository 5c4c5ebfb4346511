//! Thin Tauri commands, one module per area: unpack arguments, call the core, map errors.

pub mod bundle;
pub mod deadlines;
pub mod documents;
pub mod exchange;
pub mod record;
pub mod vault;

use carefile::vault::Vault;
use carefile::Error;

use crate::error::CmdResult;
use crate::state::{lock, AppState};

/// Run `f` on the open vault, or answer `vault_locked`; every use counts as activity for the idle
/// lock. The one way a command reaches the vault.
pub(crate) fn with_vault<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> carefile::Result<T>,
) -> CmdResult<T> {
    state.touch();
    let mut open = lock(&state.vault);
    Ok(f(open.as_mut().ok_or(Error::VaultLocked)?)?)
}
