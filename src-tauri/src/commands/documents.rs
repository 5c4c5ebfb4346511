//! Documents commands: import (system file dialog, folder, dropped files) with progress events,
//! the list, search, metadata, the bytes the viewer shows, export through the save dialog, and OCR
//! in small batches. Each one unpacks, calls `carefile::documents` and maps the error; all run off
//! the main thread. Bytes for the viewer cross as a raw IPC response (never as JSON numbers) and are
//! never written to a file: the UI prints by drawing the pages to images in memory, and "open with
//! system viewer" goes through "Export a copy" for that reason: the person chooses to make a
//! readable copy and where, and Open then acts on that copy only.

use std::path::PathBuf;

use carefile::documents::{
    self, Document, DocumentFilter, DocumentMetadata, ExportReceipt, ImportOptions, ImportReport,
    MetadataChange, OcrOptions, OcrReport, PageInfo, Progress, RereadReport, SearchHit,
    SearchQuery,
};
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use super::{in_background, open_written, with_vault};
use crate::error::CmdResult;
use crate::state::{lock, AppState};

/// The events the UI listens to for progress bars.
const IMPORT_PROGRESS: &str = "import-progress";
const OCR_PROGRESS: &str = "ocr-progress";
const REREAD_PROGRESS: &str = "reread-progress";
/// Documents read again per call, so the vault is free for other screens between batches.
const REREAD_BATCH: u32 = 2;
/// Pages read per OCR call, so the vault is free for other screens between batches.
const OCR_BATCH: u32 = 3;

/// Imports `paths` with `metadata`, telling the UI about each file. Each file counts as activity,
/// so a long folder import is not cut short by the idle lock.
fn import_with_progress(
    app: &AppHandle,
    state: &AppState,
    paths: &[PathBuf],
    metadata: DocumentMetadata,
) -> CmdResult<ImportReport> {
    let options = ImportOptions { metadata, ..ImportOptions::default() };
    let progress = |p: Progress| {
        state.touch();
        let _ = app.emit(IMPORT_PROGRESS, &p);
    };
    with_vault(state, |v| documents::import_paths(v, paths, &options, &progress))
}

fn into_paths(picked: Vec<FilePath>) -> CmdResult<Vec<PathBuf>> {
    picked.into_iter().map(|p| super::local_path(p).map_err(Into::into)).collect()
}

/// TEST ONLY: the desktop end-to-end test cannot click a native dialog, so in a debug build, and
/// only when `CAREFILE_E2E_IMPORT_DIR` is set, "Add files…" takes every file in that folder
/// instead. Release builds never look at the variable.
fn e2e_import_dir() -> Option<Vec<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let dir = PathBuf::from(std::env::var_os("CAREFILE_E2E_IMPORT_DIR")?);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).collect();
    files.sort();
    Some(files)
}

/// Ask for files with the system's dialog and import them. `None` if cancelled.
#[tauri::command(async)]
pub fn document_import_files(
    app: AppHandle,
    state: State<'_, AppState>,
    metadata: DocumentMetadata,
) -> CmdResult<Option<ImportReport>> {
    let paths = match e2e_import_dir() {
        Some(files) => files,
        None => {
            match app.dialog().file().set_title("Choose documents to add").blocking_pick_files() {
                Some(picked) => into_paths(picked)?,
                None => return Ok(None),
            }
        }
    };
    import_with_progress(&app, &state, &paths, metadata).map(Some)
}

/// Ask for a folder with the system's dialog and import everything in it. `None` if cancelled.
#[tauri::command(async)]
pub fn document_import_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    metadata: DocumentMetadata,
) -> CmdResult<Option<ImportReport>> {
    let Some(folder) =
        app.dialog().file().set_title("Choose a folder to add").blocking_pick_folder()
    else {
        return Ok(None);
    };
    let paths = into_paths(vec![folder])?;
    import_with_progress(&app, &state, &paths, metadata).map(Some)
}

/// Import files (or folders) dropped onto the window.
#[tauri::command(async)]
pub fn document_import_paths(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
    metadata: DocumentMetadata,
) -> CmdResult<ImportReport> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    import_with_progress(&app, &state, &paths, metadata)
}

#[tauri::command(async)]
pub fn document_list(
    state: State<'_, AppState>,
    filter: DocumentFilter,
) -> CmdResult<Vec<Document>> {
    with_vault(&state, |v| documents::list_documents(v, &filter))
}

#[tauri::command(async)]
pub fn document_get(state: State<'_, AppState>, id: String) -> CmdResult<Document> {
    with_vault(&state, |v| documents::get_document(v, &id))
}

#[tauri::command(async)]
pub fn document_pages(state: State<'_, AppState>, id: String) -> CmdResult<Vec<PageInfo>> {
    with_vault(&state, |v| documents::document_pages(v, &id))
}

#[tauri::command(async)]
pub fn document_page_text(state: State<'_, AppState>, id: String, page: u32) -> CmdResult<String> {
    with_vault(&state, |v| documents::page_text(v, &id, page))
}

/// What the viewer shows: the PDF rendition of a Word document when there is one, otherwise the
/// original, as raw bytes (an ArrayBuffer in the UI). Held in memory only.
#[tauri::command(async)]
pub fn document_view_bytes(state: State<'_, AppState>, id: String) -> CmdResult<Response> {
    with_vault(&state, |v| {
        let shown = match documents::read_rendition(v, &id)? {
            Some(rendition) => rendition,
            None => documents::read_original(v, &id)?,
        };
        Ok(Response::new(shown.bytes))
    })
}

#[tauri::command(async)]
pub fn document_update(
    state: State<'_, AppState>,
    id: String,
    change: MetadataChange,
) -> CmdResult<Document> {
    with_vault(&state, |v| documents::update_metadata(v, &id, &change))
}

#[tauri::command(async)]
pub fn document_search(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> CmdResult<Vec<SearchHit>> {
    // Documents and the record's correspondence, plan sections and progress notes.
    with_vault(&state, |v| documents::search_all(v, &query))
}

/// Ask where to save with the system's dialog and write the original there, byte for byte (the
/// export is audited). `None` if cancelled.
#[tauri::command(async)]
pub fn document_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<ExportReceipt>> {
    let name = with_vault(&state, |v| documents::get_document(v, &id))?.file_name;
    let dialog = app.dialog().file().set_title("Export a copy").set_file_name(name);
    let Some(out) = dialog.blocking_save_file() else { return Ok(None) };
    let out = into_paths(vec![out])?.remove(0);
    let receipt = with_vault(&state, |v| documents::export_document(v, &id, &out))?;
    *lock(&state.exported_copy) = Some(out);
    Ok(Some(receipt))
}

/// Opens the copy just exported in the computer's own viewer (the person chose to make that
/// readable copy, and where; Carefile never writes one by itself).
#[tauri::command(async)]
pub fn document_open_exported(app: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    open_written(&app, &state.exported_copy, "copy")
}

/// Whether Tesseract is installed, so the "make scanned pages searchable" button can be offered.
#[tauri::command(async)]
pub fn document_ocr_available() -> bool {
    documents::ocr_available()
}

/// Reads a few pages still waiting for OCR; the UI calls again while `pagesLeft` is above zero.
#[tauri::command(async)]
pub fn document_ocr_run(app: AppHandle, state: State<'_, AppState>) -> CmdResult<OcrReport> {
    let options = OcrOptions { max_pages: Some(OCR_BATCH), ..OcrOptions::default() };
    let progress = |p: Progress| {
        let _ = app.emit(OCR_PROGRESS, &p);
    };
    with_vault(&state, |v| documents::ocr_pending(v, &options, &progress))
}

/// How many documents wait to be read again by the newer text engine (after an upgrade).
#[tauri::command(async)]
pub fn document_reread_waiting(state: State<'_, AppState>) -> CmdResult<u32> {
    in_background(&state, |v| documents::reread_waiting(v))
}

/// Reads a few waiting documents again; the UI calls again while `documentsLeft` is above zero.
#[tauri::command(async)]
pub fn document_reread_run(app: AppHandle, state: State<'_, AppState>) -> CmdResult<RereadReport> {
    let progress = |p: Progress| {
        let _ = app.emit(REREAD_PROGRESS, &p);
    };
    in_background(&state, |v| documents::reread_pending(v, Some(REREAD_BATCH), &progress))
}
