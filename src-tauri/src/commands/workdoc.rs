//! Working document commands: list, make, show, propose, agree, send (asks where to save, writes
//! .docx or PDF and keeps the version as sent) and import the other side's .docx (asks for the
//! file). Each one unpacks, calls `carefile::workdoc` and maps the error.

use std::path::PathBuf;

use carefile::workdoc::{
    self, EvidenceInput, ExportFormat, ImportedWorkdoc, NewWorkdoc, Party, Workdoc, WorkdocSent,
    WorkdocSummary,
};
use carefile::Error;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn workdoc_list(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<WorkdocSummary>> {
    with_vault(&state, |v| workdoc::list_workdocs(v, &child_id))
}

#[tauri::command(async)]
pub fn workdoc_create(state: State<'_, AppState>, input: NewWorkdoc) -> CmdResult<Workdoc> {
    with_vault(&state, |v| workdoc::create_workdoc(v, &input))
}

#[tauri::command(async)]
pub fn workdoc_get(
    state: State<'_, AppState>,
    id: String,
    version: Option<i64>,
) -> CmdResult<Workdoc> {
    with_vault(&state, |v| workdoc::get_workdoc(v, &id, version))
}

#[tauri::command(async)]
pub fn workdoc_propose(
    state: State<'_, AppState>,
    id: String,
    row: u32,
    by: Party,
    text: String,
    evidence: Vec<EvidenceInput>,
) -> CmdResult<Workdoc> {
    with_vault(&state, |v| workdoc::propose(v, &id, row, by, &text, &evidence))
}

#[tauri::command(async)]
pub fn workdoc_agree(
    state: State<'_, AppState>,
    id: String,
    row: u32,
    text: Option<String>,
) -> CmdResult<Workdoc> {
    with_vault(&state, |v| workdoc::agree(v, &id, row, text.as_deref()))
}

/// TEST ONLY (debug builds, `CAREFILE_E2E_SAVE_DIR` set): save there without asking.
fn e2e_save_path(file_name: &str) -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    Some(PathBuf::from(std::env::var_os("CAREFILE_E2E_SAVE_DIR")?).join(file_name))
}

/// Asks where to save, writes the working document and keeps the version as sent. `None` if the
/// person cancels.
#[tauri::command(async)]
pub fn workdoc_send(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
) -> CmdResult<Option<WorkdocSent>> {
    let (ext, name) = match format {
        ExportFormat::Docx => ("docx", "Word document"),
        ExportFormat::Pdf => ("pdf", "PDF"),
    };
    let file_name = format!("Working document.{ext}");
    let path = match e2e_save_path(&file_name) {
        Some(p) => p,
        None => match app
            .dialog()
            .file()
            .set_title("Save the working document")
            .set_file_name(&file_name)
            .add_filter(name, &[ext])
            .blocking_save_file()
        {
            Some(p) => super::local_path(p)?,
            None => return Ok(None),
        },
    };
    with_vault(&state, |v| workdoc::send_workdoc(v, &id, format, &path)).map(Some)
}

/// Asks for the other side's .docx and reads it into a new version. `None` if cancelled.
#[tauri::command(async)]
pub fn workdoc_import(
    app: AppHandle,
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Option<ImportedWorkdoc>> {
    let Some(picked) = app
        .dialog()
        .file()
        .set_title("Choose the working document")
        .add_filter("Word document", &["docx"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = super::local_path(picked)?;
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::io(format!("Could not read {}", path.display()), e))?;
    with_vault(&state, |v| workdoc::import_docx(v, &child_id, &bytes)).map(Some)
}
