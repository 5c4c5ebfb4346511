//! Bundle commands: the template for a kind of pack, the child's documents, the live plan, saved
//! packs, and Build (asks where to save, builds with progress events, writes the file). Each one
//! unpacks, calls `carefile::bundle` and maps the error; all run off the main thread.

use carefile::bundle::{
    self, AppealType, BundleDocument, BundlePlan, PackKind, PackRequest, PackTemplate, SavedPack,
};
use carefile::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

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
pub fn bundle_build_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PackRequest,
    file_name: String,
) -> CmdResult<Option<BundleSaved>> {
    let Some(path) = app
        .dialog()
        .file()
        .set_title("Save the bundle")
        .set_file_name(&file_name)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path =
        path.into_path().map_err(|e| Error::invalid(format!("That place can't be used: {e}")))?;
    let built = with_vault(&state, |v| {
        bundle::build_pack(v, &request, &mut |p| {
            let _ = app.emit("bundle-progress", p);
        })
    })?;
    std::fs::write(&path, &built.bytes)
        .map_err(|e| Error::io(format!("Could not save {}", path.display()), e))?;
    Ok(Some(BundleSaved {
        path: path.display().to_string(),
        sha256: built.sha256,
        plan: built.plan,
    }))
}
