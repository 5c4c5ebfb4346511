//! Backup commands: status, settings, choosing the folder, back up now, the automatic backup, and
//! restoring a backup file into this computer's vault folder.

use std::path::{Path, PathBuf};

use carefile::exchange::{
    self, AutoBackupReport, BackupSecret, BackupSettings, BackupStatus, HandoverImport,
    HandoverManifest, HandoverRequest, RestoreSummary,
};
use carefile::vault::{self, Passphrase, VaultStatus};
use carefile::Error;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use super::with_vault;
use crate::error::CmdResult;
use crate::state::{lock, AppState};

#[tauri::command]
pub fn backup_status(state: State<'_, AppState>) -> CmdResult<BackupStatus> {
    with_vault(&state, |v| exchange::backup_status(v.conn(), exchange::now()))
}

#[tauri::command]
pub fn backup_set_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> CmdResult<BackupStatus> {
    with_vault(&state, |v| {
        exchange::set_backup_settings(v.conn(), &settings)?;
        exchange::backup_status(v.conn(), exchange::now())
    })
}

/// Ask for a folder with the system's dialog and keep it as the backup folder. `None` if cancelled.
#[tauri::command(async)]
pub fn backup_choose_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<BackupStatus>> {
    let Some(folder) =
        app.dialog().file().set_title("Choose where backups go").blocking_pick_folder()
    else {
        return Ok(None);
    };
    let folder: PathBuf = super::local_path(folder)?;
    with_vault(&state, |v| {
        let mut settings = exchange::backup_settings(v.conn())?;
        settings.folder = Some(folder.display().to_string());
        exchange::set_backup_settings(v.conn(), &settings)?;
        exchange::backup_status(v.conn(), exchange::now())
    })
    .map(Some)
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<AutoBackupReport> {
    with_vault(&state, |v| exchange::backup_now(v, None, exchange::now()))
}

/// The automatic backup, when one is due (the UI calls it after unlocking).
#[tauri::command(async)]
pub fn backup_auto_run(state: State<'_, AppState>) -> CmdResult<Option<AutoBackupReport>> {
    with_vault(&state, |v| exchange::auto_backup_if_due(v))
}

/// Ask for a backup file with the system's dialog. `None` if cancelled.
#[tauri::command(async)]
pub fn backup_choose_file(app: AppHandle) -> CmdResult<Option<String>> {
    let Some(file) = app
        .dialog()
        .file()
        .set_title("Choose a Carefile backup")
        .add_filter("Carefile backup", &[exchange::BACKUP_EXTENSION])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let file = super::local_path(file)?;
    Ok(Some(file.display().to_string()))
}

/// Restore `file` as this computer's vault and unlock it. An existing vault is only replaced when
/// `replace_existing` (the UI asks first), and is then moved aside, not deleted.
#[tauri::command(async)]
pub fn backup_restore(
    state: State<'_, AppState>,
    file: String,
    passphrase: String,
    replace_existing: bool,
) -> CmdResult<VaultStatus> {
    let passphrase = Passphrase::new(passphrase);
    if replace_existing {
        state.close();
    }
    exchange::restore_backup(
        Path::new(&file),
        &BackupSecret::Passphrase(&passphrase),
        &state.dir,
        replace_existing,
    )?;
    state.set_open(vault::unlock(&state.dir, &passphrase)?);
    Ok(state.status())
}

/// The file extension of handover packages.
const HANDOVER_EXTENSION: &str = "carefile-handover";

fn picked(path: Option<FilePath>) -> CmdResult<Option<PathBuf>> {
    path.map(|p| super::local_path(p).map_err(Into::into)).transpose()
}

/// Ask for the folder a backup is restored into (a new vault; never this computer's own). `None`
/// if cancelled.
#[tauri::command(async)]
pub fn backup_choose_restore_folder(app: AppHandle) -> CmdResult<Option<String>> {
    let dialog = app.dialog().file().set_title("Choose an empty folder for the restored vault");
    Ok(picked(dialog.blocking_pick_folder())?.map(|p| p.display().to_string()))
}

/// Restore `file` as a new vault in `folder`. A vault already there is refused, never replaced.
#[tauri::command(async)]
pub fn backup_restore_to(
    file: String,
    passphrase: String,
    folder: String,
) -> CmdResult<RestoreSummary> {
    let passphrase = Passphrase::new(passphrase);
    let secret = BackupSecret::Passphrase(&passphrase);
    Ok(exchange::restore_backup(Path::new(&file), &secret, Path::new(&folder), false)?)
}

/// Ask where to save a handover package, then seal it there. `None` if cancelled. An empty
/// `madeBy` becomes the vault's name.
#[tauri::command(async)]
pub fn handover_export(
    app: AppHandle,
    state: State<'_, AppState>,
    mut request: HandoverRequest,
    share: String,
) -> CmdResult<Option<HandoverManifest>> {
    let dialog = app.dialog().file().set_title("Save the handover package");
    let dialog = dialog.set_file_name(format!("Carefile handover.{HANDOVER_EXTENSION}"));
    let dialog = dialog.add_filter("Carefile handover", &[HANDOVER_EXTENSION]);
    let Some(out) = picked(dialog.blocking_save_file())? else { return Ok(None) };
    let share = Passphrase::new(share);
    with_vault(&state, |v| {
        if request.made_by.trim().is_empty() {
            request.made_by = v.name()?;
        }
        exchange::export_handover(v, &request, &share, state.kdf, &out)
    })
    .map(Some)
}

/// TEST ONLY: the desktop end-to-end test cannot click a native dialog, so in a debug build, and
/// only when `CAREFILE_E2E_HANDOVER_DIR` is set, each "choose a package" takes the next file of
/// that folder (sorted) instead. Release builds never look at the variable.
fn e2e_handover_file() -> Option<String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    if !cfg!(debug_assertions) {
        return None;
    }
    let dir = PathBuf::from(std::env::var_os("CAREFILE_E2E_HANDOVER_DIR")?);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).collect();
    files.sort();
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    files.get(n % files.len().max(1)).map(|p| p.display().to_string())
}

/// Ask for a handover package with the system's dialog. `None` if cancelled.
#[tauri::command(async)]
pub fn handover_choose_file(app: AppHandle) -> CmdResult<Option<String>> {
    if let Some(file) = e2e_handover_file() {
        return Ok(Some(file));
    }
    let dialog = app.dialog().file().set_title("Choose a handover package");
    let dialog = dialog.add_filter("Carefile handover", &[HANDOVER_EXTENSION]);
    Ok(picked(dialog.blocking_pick_file())?.map(|p| p.display().to_string()))
}

/// Import a handover package into this vault (every check first; nothing duplicated).
#[tauri::command(async)]
pub fn handover_import(
    state: State<'_, AppState>,
    file: String,
    share: String,
) -> CmdResult<HandoverImport> {
    state.touch();
    let mut open = lock(&state.vault);
    let vault = open.as_mut().ok_or(Error::VaultLocked)?;
    Ok(exchange::import_handover(vault, Path::new(&file), &Passphrase::new(share))?)
}
