//! "Check a bundle you were sent" (Packs): choose the LA's PDF, check it against the child's
//! documents with progress events (`bundle-check-progress`), then write the letter to the LA or a
//! SEND7 draft from the report. The letters are `milestones::Letter`s: the web view saves and
//! logs them with the deadlines commands (`deadlines_letter_save`, `deadlines_letter_sent`).
//! Marking a document as a newer version of another is here too, as the check is what uses it.

use std::path::PathBuf;

use carefile::bundle::{self, AppealType, BundleCheck, CheckLetterOptions, CheckOptions};
use carefile::documents::{self, VersionMark, VersionSuggestion};
use carefile::milestones::{self as ms, Letter};
use carefile::Error;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

/// A finished check: the file's name as the family knows it, and the report.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckedBundle {
    pub file_name: String,
    pub check: BundleCheck,
}

/// The marks and suggestions for a child's versions.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Versions {
    pub marks: Vec<VersionMark>,
    pub suggestions: Vec<VersionSuggestion>,
}

/// TEST ONLY: the desktop end-to-end test cannot click a native dialog, so in a debug build, and
/// only when `CAREFILE_E2E_CHECK_FILE` is set, the check reads that file without asking.
fn e2e_check_file() -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os("CAREFILE_E2E_CHECK_FILE").map(PathBuf::from)
}

/// Asks for the bundle PDF, then checks it. `None` if the person cancels.
#[tauri::command(async)]
pub fn bundle_check_pick(
    app: AppHandle,
    state: State<'_, AppState>,
    child_id: String,
    pack_id: Option<String>,
    appeal_type: Option<AppealType>,
) -> CmdResult<Option<CheckedBundle>> {
    let path = match e2e_check_file() {
        Some(p) => p,
        None => {
            let Some(picked) = app
                .dialog()
                .file()
                .set_title("Choose the bundle you were sent")
                .add_filter("PDF", &["pdf"])
                .blocking_pick_file()
            else {
                return Ok(None);
            };
            super::local_path(picked)?
        }
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(&path).map_err(|e| {
        Error::invalid(format!("Can't read {}: {e}. Check the file and try again.", file_name))
    })?;
    let options = CheckOptions {
        child_id,
        pack_id,
        file_name: Some(file_name.clone()),
        appeal_type,
        no_ocr: false,
    };
    let check = with_vault(&state, |v| {
        bundle::check_bundle(v, bytes, &options, &mut |p| {
            let _ = app.emit("bundle-check-progress", p);
        })
    })?;
    Ok(Some(CheckedBundle { file_name, check }))
}

fn letter_options(child_id: String, file_name: String, from: Option<String>) -> CheckLetterOptions {
    CheckLetterOptions { child_id, file_name, dated: ms::today(), from_name: from }
}

/// The letter to the LA listing what the check found, dated today.
#[tauri::command(async)]
pub fn bundle_check_letter(
    state: State<'_, AppState>,
    child_id: String,
    file_name: String,
    check: BundleCheck,
    from: Option<String>,
) -> CmdResult<Letter> {
    let options = letter_options(child_id, file_name, from);
    with_vault(&state, |v| bundle::check_letter(v, &check, &options))
}

/// A draft request for change (SEND7) when the family's evidence is over its page limit.
#[tauri::command(async)]
pub fn bundle_check_send7(
    state: State<'_, AppState>,
    child_id: String,
    file_name: String,
    check: BundleCheck,
    from: Option<String>,
) -> CmdResult<Letter> {
    let options = letter_options(child_id, file_name, from);
    with_vault(&state, |v| bundle::send7_draft(v, &check, &options))
}

/// The child's version marks and the pairs that look like versions.
#[tauri::command(async)]
pub fn document_versions(state: State<'_, AppState>, child_id: String) -> CmdResult<Versions> {
    with_vault(&state, |v| {
        Ok(Versions {
            marks: documents::version_marks(v, &child_id)?,
            suggestions: documents::suggest_versions(v, &child_id)?,
        })
    })
}

/// Marks `newer` as a newer version of `older`, or takes the mark away with `clear`.
#[tauri::command(async)]
pub fn document_mark_version(
    state: State<'_, AppState>,
    newer: String,
    older: String,
    clear: bool,
) -> CmdResult<()> {
    with_vault(&state, |v| {
        if clear {
            documents::clear_new_version(v, &newer, &older)
        } else {
            documents::mark_new_version(v, &newer, &older).map(drop)
        }
    })
}
