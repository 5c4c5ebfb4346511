//! Thin Tauri commands, one module per area: unpack arguments, call the core, map errors.

pub mod bundle;
pub mod bundle_check;
pub mod caseload;
pub mod deadlines;
pub mod documents;
pub mod exchange;
pub mod record;
pub mod vault;
pub mod workdoc;

use std::path::PathBuf;
use std::sync::Mutex;

use carefile::vault::Vault;
use carefile::Error;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use crate::error::CmdResult;
use crate::state::{lock, AppState};

/// A path the system's file dialog gave, as a local path (a dialog on some systems can give
/// addresses that are not files on this computer).
pub(crate) fn local_path(picked: tauri_plugin_dialog::FilePath) -> Result<PathBuf, Error> {
    picked.into_path().map_err(|e| Error::invalid(format!("That place can't be used: {e}")))
}

/// Run `f` on the open vault, or answer `vault_locked`; every use counts as activity for the idle
/// lock. The one way a command reaches the vault.
pub(crate) fn with_vault<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> carefile::Result<T>,
) -> CmdResult<T> {
    state.touch();
    in_background(state, f)
}

/// Like `with_vault`, for work the app does by itself (reading documents again after an upgrade):
/// it does not count as the person's activity, so it never keeps the vault from locking.
pub(crate) fn in_background<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> carefile::Result<T>,
) -> CmdResult<T> {
    let mut open = lock(&state.vault);
    Ok(f(open.as_mut().ok_or(Error::VaultLocked)?)?)
}

/// A file this session wrote where the person chose (kept in `slot`), if it is still there: the
/// only kind of file Open and Show in folder act on, so the web view never names a path for them.
pub(crate) fn written_file(slot: &Mutex<Option<PathBuf>>, what: &str) -> CmdResult<PathBuf> {
    let path = lock(slot).clone().ok_or_else(|| {
        Error::invalid(format!(
            "Save the {what} first: Carefile opens only a file it has just saved."
        ))
    })?;
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "The {what} is no longer at {}. It may have been moved or deleted; save it again.",
            path.display()
        ))
        .into());
    }
    Ok(path)
}

/// Opens a file this session wrote in the computer's own program for it (a PDF viewer).
pub(crate) fn open_written(
    app: &AppHandle,
    slot: &Mutex<Option<PathBuf>>,
    what: &str,
) -> CmdResult<()> {
    let path = written_file(slot, what)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| opener_error("open", &path, e))?;
    Ok(())
}

/// Shows a file this session wrote in the computer's file manager.
pub(crate) fn show_written(
    app: &AppHandle,
    slot: &Mutex<Option<PathBuf>>,
    what: &str,
) -> CmdResult<()> {
    let path = written_file(slot, what)?;
    app.opener().reveal_item_in_dir(&path).map_err(|e| opener_error("show", &path, e))?;
    Ok(())
}

fn opener_error(what: &str, path: &std::path::Path, e: tauri_plugin_opener::Error) -> Error {
    Error::io(format!("Could not {what} {}", path.display()), std::io::Error::other(e.to_string()))
}
