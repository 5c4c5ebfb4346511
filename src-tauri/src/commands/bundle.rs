//! Bundle commands: the template for a kind of pack, the child's documents, the live plan, saved
//! packs, Preview (builds in memory with progress events and hands the bytes straight back: no file,
//! no audit entry, nothing noted on a saved pack), Build (asks where to save, builds with progress
//! events, writes the file, notes the build on a saved pack), Re-issue with late additions (the same, appending after the last build), and
//! Open / Show in folder for the file just built. Each one unpacks, calls
//! `carefile::bundle` and maps the error; all run off the main thread.
//!
//! Open and Show in folder take no path from the web view: they act only on the file this session
//! has just written where the person chose (kept in `AppState::built_bundle`), so the web view needs
//! no opener permission and cannot ask the app to open anything else.

use std::path::PathBuf;

use carefile::bundle::{
    self, AppealType, BuiltBundle, BundleDocument, BundlePlan, PackIssue, PackKind, PackRequest,
    PackTemplate, SavedPack,
};
use carefile::vault::Vault;
use carefile::Error;
use serde::Serialize;
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::{open_written, show_written, with_vault};
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

/// Builds the pack in memory for the in-app preview, with progress events as for Build, and
/// returns the PDF's bytes as a raw response (not a JSON array of numbers). Nothing is written.
#[tauri::command(async)]
pub fn bundle_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PackRequest,
) -> CmdResult<Response> {
    with_vault(&state, |v| {
        let built = bundle::preview_pack(v, &request, &mut |p| {
            let _ = app.emit("bundle-progress", p);
        })?;
        Ok(Response::new(built.bytes))
    })
}

/// TEST ONLY: the desktop end-to-end test cannot click a native Save dialog, so in a debug build,
/// and only when `CAREFILE_E2E_SAVE_DIR` is set, Build saves into that folder under the suggested
/// name without asking. Release builds do not contain this function's body.
#[cfg(debug_assertions)]
fn e2e_save_path(file_name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("CAREFILE_E2E_SAVE_DIR")?);
    Some(dir.join(std::path::Path::new(file_name).file_name()?))
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
    let path = super::local_path(path)?;
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
    save_built(&app, &state, path, |v, progress| {
        Ok((bundle::build_pack(v, &request, progress)?, pack_id))
    })
}

/// A saved pack's builds, oldest first (each re-issue with where its late additions start).
#[tauri::command(async)]
pub fn bundle_pack_issues(state: State<'_, AppState>, id: String) -> CmdResult<Vec<PackIssue>> {
    with_vault(&state, |v| bundle::list_pack_issues(v, &id))
}

/// The child's documents a re-issue of the pack could add (those not in its last build).
#[tauri::command(async)]
pub fn bundle_reissue_candidates(
    state: State<'_, AppState>,
    pack_id: String,
) -> CmdResult<Vec<BundleDocument>> {
    with_vault(&state, |v| bundle::reissue_candidates(v, &pack_id))
}

/// Asks where to save, then re-issues the pack's last build with `document_ids` appended as late
/// additions (progress events as for Build), writes the file and notes the new issue.
#[tauri::command(async)]
pub fn bundle_reissue_save(
    app: AppHandle,
    state: State<'_, AppState>,
    pack_id: String,
    document_ids: Vec<String>,
    file_name: String,
) -> CmdResult<Option<BundleSaved>> {
    if document_ids.is_empty() {
        return Err(Error::invalid("Choose at least one document to add.").into());
    }
    let Some(path) = choose_save_path(&app, &file_name)? else {
        return Ok(None);
    };
    save_built(&app, &state, path, |v, progress| {
        let built = bundle::reissue_pack(v, &pack_id, &document_ids, None, progress)?;
        Ok((built, Some(pack_id.clone())))
    })
}

/// Builds with progress events, writes the file where the person chose and, for a saved pack,
/// notes the build once the file is written (so a failed write leaves the pack as it was).
fn save_built(
    app: &AppHandle,
    state: &AppState,
    path: PathBuf,
    build: impl FnOnce(
        &mut Vault,
        &mut dyn FnMut(bundle::BuildProgress),
    ) -> carefile::Result<(BuiltBundle, Option<String>)>,
) -> CmdResult<Option<BundleSaved>> {
    let built = with_vault(state, |v| {
        let (built, pack_id) = build(v, &mut |p| {
            let _ = app.emit("bundle-progress", p);
        })?;
        carefile::safety::write_atomic(&path, &built.bytes, carefile::safety::Existing::Replace)?;
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

/// Opens the bundle just built in the computer's PDF viewer (also how it is printed).
#[tauri::command(async)]
pub fn bundle_open_built(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    open_written(&app, &state.built_bundle, "bundle")
}

/// Shows the bundle just built in the computer's file manager.
#[tauri::command(async)]
pub fn bundle_show_built(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    show_written(&app, &state.built_bundle, "bundle")
}
