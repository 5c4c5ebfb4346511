//! Bundle commands: the template for a kind of pack, the child's documents, the live plan, saved
//! packs, Build (asks where to save, builds with progress events, writes the file, notes the build
//! on a saved pack), and Open / Show in folder for the file just built. Each one unpacks, calls
//! `carefile::bundle` and maps the error; all run off the main thread.
//!
//! Open and Show in folder take no path from the web view: they act only on the file this session
//! has just written where the person chose (kept in `AppState::built_bundle`), so the web view needs
//! no opener permission and cannot ask the app to open anything else.

use std::path::{Path, PathBuf};

use carefile::bundle::{
    self, AppealType, BundleDocument, BundlePlan, PackKind, PackRequest, PackTemplate, SavedPack,
};
use carefile::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::{lock, AppState};

/// What Build reports back: where the file went and the plan as built.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleSaved {
    pub path: String,
    pub sha256: String,
    pub plan: BundlePlan,
}

#[tauri::command]
pub fn bundle_template(kind: PackKind, appeal_type: Option<AppealType>) -> PackTemplate {
    bundle::template_for(kind, appeal_type)
}

#[tauri::command(async)]
pub fn bundle_documents(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<BundleDocument>> {
    with_vault(&state, |v| bundle::pack_documents(v, &child_id))
}

#[tauri::command(async)]
pub fn bundle_plan(state: State<'_, AppState>, request: PackRequest) -> CmdResult<BundlePlan> {
    with_vault(&state, |v| bundle::plan_pack(v, &request))
}

#[tauri::command(async)]
pub fn bundle_pack_save(
    state: State<'_, AppState>,
    id: Option<String>,
    request: PackRequest,
) -> CmdResult<SavedPack> {
    with_vault(&state, |v| bundle::save_pack(v, id.as_deref(), &request))
}

#[tauri::command(async)]
pub fn bundle_pack_list(
    state: State<'_, AppState>,
    child_id: Option<String>,
) -> CmdResult<Vec<SavedPack>> {
    with_vault(&state, |v| bundle::list_packs(v, child_id.as_deref()))
}

#[tauri::command(async)]
pub fn bundle_pack_get(state: State<'_, AppState>, id: String) -> CmdResult<SavedPack> {
    with_vault(&state, |v| bundle::get_pack(v, &id))
}

/// Deletes a saved pack (its choices); the documents in it and any PDF built from it stay.
#[tauri::command(async)]
pub fn bundle_pack_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    with_vault(&state, |v| bundle::delete_pack(v, &id))
}

/// TEST ONLY: the desktop end-to-end test cannot click a native Save dialog, so in a debug build,
/// and only when `CAREFILE_E2E_SAVE_DIR` is set, Build saves into that folder under the suggested
/// name without asking. Release builds do not contain this function's body.
#[cfg(debug_assertions)]
fn e2e_save_path(file_name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("CAREFILE_E2E_SAVE_DIR")?);
    Some(dir.join(Path::new(file_name).file_name()?))
}

#[cfg(not(debug_assertions))]
fn e2e_save_path(_file_name: &str) -> Option<PathBuf> {
    None
}

/// Where the person wants the PDF; `None` if they cancel.
fn choose_save_path(app: &AppHandle, file_name: &str) -> CmdResult<Option<PathBuf>> {
    if let Some(path) = e2e_save_path(file_name) {
        return Ok(Some(path));
    }
    let Some(path) = app
        .dialog()
        .file()
        .set_title("Save the bundle")
        .set_file_name(file_name)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path =
        path.into_path().map_err(|e| Error::invalid(format!("That place can't be used: {e}")))?;
    Ok(Some(path))
}

/// Asks where to save, builds with progress events and writes the file. With `pack_id`, the saved
/// pack notes this build (date, pages, fingerprint) once the file is written.
#[tauri::command(async)]
pub fn bundle_build_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PackRequest,
    file_name: String,
    pack_id: Option<String>,
) -> CmdResult<Option<BundleSaved>> {
    let Some(path) = choose_save_path(&app, &file_name)? else {
        return Ok(None);
    };
    let built = with_vault(&state, |v| {
        let built = bundle::build_pack(v, &request, &mut |p| {
            let _ = app.emit("bundle-progress", p);
        })?;
        std::fs::write(&path, &built.bytes)
            .map_err(|e| Error::io(format!("Could not save {}", path.display()), e))?;
        if let Some(id) = &pack_id {
            bundle::record_pack_build(v, id, &built)?;
        }
        Ok(built)
    })?;
    *lock(&state.built_bundle) = Some(path.clone());
    Ok(Some(BundleSaved {
        path: path.display().to_string(),
        sha256: built.sha256,
        plan: built.plan,
    }))
}

/// The file this session last built, if it is still where it was saved.
fn built_file(state: &AppState) -> CmdResult<PathBuf> {
    let path = lock(&state.built_bundle).clone().ok_or_else(|| {
        Error::invalid("Build the pack first: Carefile opens only a bundle it has just saved.")
    })?;
    if !path.is_file() {
        return Err(Error::NotFound(format!(
            "The bundle is no longer at {}. It may have been moved or deleted; build it again.",
            path.display()
        ))
        .into());
    }
    Ok(path)
}

fn opener_error(what: &str, path: &Path, e: tauri_plugin_opener::Error) -> Error {
    Error::io(format!("Could not {what} {}", path.display()), std::io::Error::other(e.to_string()))
}

/// Opens the bundle just built in the computer's PDF viewer (also how it is printed).
#[tauri::command(async)]
pub fn bundle_open_built(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    let path = built_file(&state)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| opener_error("open", &path, e))?;
    Ok(())
}

/// Shows the bundle just built in the computer's file manager.
#[tauri::command(async)]
pub fn bundle_show_built(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    let path = built_file(&state)?;
    app.opener().reveal_item_in_dir(&path).map_err(|e| opener_error("show", &path, e))?;
    Ok(())
}
