//! Vault commands: status, create, unlock (passphrase, recovery key, keyring), lock, passphrase.

use carefile::vault::{
    self, LockReason, Passphrase, PassphraseAssessment, RecoveryKey, VaultCreated,
    VaultLockedPayload, VaultStatus,
};
use carefile::Error;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::CmdResult;
use crate::state::{lock, AppState};

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    state.status()
}

/// The About box: version, licence, schema. Read from the binary; nothing asks the network.
#[tauri::command]
pub fn app_about() -> carefile::about::About {
    carefile::about::about()
}

#[tauri::command]
pub fn passphrase_assess(passphrase: String) -> PassphraseAssessment {
    vault::assess_passphrase(Passphrase::new(passphrase).expose())
}

#[tauri::command(async)]
pub fn vault_create(
    state: State<'_, AppState>,
    name: String,
    passphrase: String,
    remember: bool,
) -> CmdResult<VaultCreated> {
    let (v, recovery) = vault::create(&state.dir, &name, &Passphrase::new(passphrase), state.kdf)?;
    if remember {
        // No keyring is not a failure: the status says "not remembered" and the passphrase works.
        let _ = v.remember(state.store.as_ref());
    }
    let recovery_key = recovery.reveal_grouped().to_string();
    state.set_open(v);
    *lock(&state.pending_recovery) = Some(recovery);
    Ok(VaultCreated { status: state.status(), recovery_key })
}

#[tauri::command(async)]
pub fn recovery_sheet_save(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let pdf = {
        let key = lock(&state.pending_recovery);
        let key = key.as_ref().ok_or_else(|| {
            Error::NotFound(
                "The recovery key is only available right after creating the vault.".into(),
            )
        })?;
        let open = lock(&state.vault);
        open.as_ref().ok_or(Error::VaultLocked)?.recovery_sheet(key)?
    };
    let Some(path) = app
        .dialog()
        .file()
        .set_title("Save the Recovery Sheet")
        .set_file_name("Carefile Recovery Sheet.pdf")
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = super::local_path(path)?;
    carefile::safety::write_atomic(&path, &pdf, carefile::safety::Existing::Replace)?;
    Ok(Some(path.display().to_string()))
}

/// The Recovery Sheet's PDF, straight back to the web view to print (no file is written). Only
/// while the new vault's recovery key is still held, as for Save.
#[tauri::command(async)]
pub fn recovery_sheet_pdf(state: State<'_, AppState>) -> CmdResult<tauri::ipc::Response> {
    let key = lock(&state.pending_recovery);
    let key = key.as_ref().ok_or_else(|| {
        Error::NotFound("The recovery key is only available right after creating the vault.".into())
    })?;
    let open = lock(&state.vault);
    let pdf = open.as_ref().ok_or(Error::VaultLocked)?.recovery_sheet(key)?;
    Ok(tauri::ipc::Response::new(pdf))
}

#[tauri::command]
pub fn recovery_key_confirmed(state: State<'_, AppState>) {
    lock(&state.pending_recovery).take();
}

#[tauri::command(async)]
pub fn vault_unlock(
    state: State<'_, AppState>,
    passphrase: String,
    remember: bool,
) -> CmdResult<VaultStatus> {
    let v = vault::unlock(&state.dir, &Passphrase::new(passphrase))?;
    // The checkbox states what the person wants now: unticking it forgets this computer.
    let _ =
        if remember { v.remember(state.store.as_ref()) } else { v.forget(state.store.as_ref()) };
    state.set_open(v);
    Ok(state.status())
}

#[tauri::command(async)]
pub fn vault_unlock_keyring(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    state.set_open(vault::unlock_with_store(&state.dir, state.store.as_ref())?);
    Ok(state.status())
}

#[tauri::command(async)]
pub fn vault_reset_passphrase(
    state: State<'_, AppState>,
    recovery_key: String,
    new_passphrase: String,
) -> CmdResult<VaultStatus> {
    let key = RecoveryKey::parse(&recovery_key)?;
    let v = vault::reset_passphrase(&state.dir, &key, &Passphrase::new(new_passphrase), state.kdf)?;
    state.set_open(v);
    Ok(state.status())
}

#[tauri::command]
pub fn vault_lock(app: AppHandle, state: State<'_, AppState>) -> VaultStatus {
    if state.close() {
        let _ = app.emit("vault-locked", VaultLockedPayload { reason: LockReason::User });
    }
    state.status()
}

#[tauri::command(async)]
pub fn vault_change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
) -> CmdResult<()> {
    state.touch();
    let mut open = lock(&state.vault);
    let v = open.as_mut().ok_or(Error::VaultLocked)?;
    v.change_passphrase(&Passphrase::new(current), &Passphrase::new(new_passphrase), state.kdf)?;
    Ok(())
}

#[tauri::command]
pub fn vault_forget_remembered(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    state.touch();
    {
        let open = lock(&state.vault);
        open.as_ref().ok_or(Error::VaultLocked)?.forget(state.store.as_ref())?;
    }
    Ok(state.status())
}

#[tauri::command]
pub fn activity(state: State<'_, AppState>) {
    if lock(&state.vault).is_some() {
        state.touch();
    }
}
