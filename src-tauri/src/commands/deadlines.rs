//! Deadline commands: the dashboard, recorded events, the "due soon" list, the accountability
//! summary, calendar export, letters and settings. Thin: unpack, call `carefile::milestones`, map
//! errors. Saving a file asks where with the native dialog.

use carefile::deadlines::DeadlineSettings;
use carefile::milestones::{
    self as ms, Accountability, ChildDeadlines, DueSoonItem, EventKindOption, Letter, LetterKind,
    LetterOffer, NewRecordedEvent, RecordedEvent,
};
use carefile::record::{self, Child, Correspondence, NewChild};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

/// Asks where to save `bytes`; `None` when the person cancels.
fn save_as(
    app: &AppHandle,
    title: &str,
    name: &str,
    ext: &str,
    bytes: &[u8],
) -> CmdResult<Option<String>> {
    let dialog = app.dialog().file().set_title(title).set_file_name(name);
    let Some(path) = dialog.add_filter(ext.to_uppercase(), &[ext]).blocking_save_file() else {
        return Ok(None);
    };
    let path = super::local_path(path)?;
    carefile::safety::write_atomic(&path, bytes, carefile::safety::Existing::Replace)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn deadlines_children(state: State<'_, AppState>) -> CmdResult<Vec<Child>> {
    with_vault(&state, |v| record::list_children(v))
}

/// A child with just a name and date of birth, so deadlines can be kept before the full record.
#[tauri::command(async)]
pub fn deadlines_child_add(
    state: State<'_, AppState>,
    name: String,
    dob: String,
) -> CmdResult<Child> {
    let dob = record::parse_date("date of birth", &dob)?;
    with_vault(&state, |v| record::add_child(v, &NewChild { name, dob, ..Default::default() }))
}

#[tauri::command]
pub fn deadlines_event_kinds() -> Vec<EventKindOption> {
    ms::event_kind_options()
}

#[tauri::command(async)]
pub fn deadlines_dashboard(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<ChildDeadlines> {
    with_vault(&state, |v| ms::child_deadlines(v, &child_id, ms::today(), ms::DUE_SOON_DAYS))
}

#[tauri::command(async)]
pub fn deadlines_event_add(
    state: State<'_, AppState>,
    child_id: String,
    event: NewRecordedEvent,
) -> CmdResult<RecordedEvent> {
    with_vault(&state, |v| ms::add_event(v, &child_id, &event))
}

#[tauri::command(async)]
pub fn deadlines_event_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    with_vault(&state, |v| ms::delete_event(v, &id))
}

#[tauri::command(async)]
pub fn deadlines_correspondence(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<Correspondence>> {
    with_vault(&state, |v| record::list_correspondence(v, Some(&child_id)))
}

#[tauri::command(async)]
pub fn deadlines_due_soon(state: State<'_, AppState>) -> CmdResult<Vec<DueSoonItem>> {
    with_vault(&state, |v| ms::due_soon(v, ms::today(), ms::DUE_SOON_DAYS))
}

#[tauri::command(async)]
pub fn deadlines_accountability(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Accountability> {
    with_vault(&state, |v| ms::accountability(v, &child_id, ms::today()))
}

#[tauri::command(async)]
pub fn deadlines_accountability_save(
    app: AppHandle,
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Option<String>> {
    let a = with_vault(&state, |v| ms::accountability(v, &child_id, ms::today()))?;
    let name = format!("Statutory steps - {}.pdf", a.child_name);
    save_as(&app, "Save the summary", &name, "pdf", &ms::accountability_pdf(&a)?)
}

#[tauri::command(async)]
pub fn deadlines_ics_save(
    app: AppHandle,
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Option<String>> {
    let (name, ics) = with_vault(&state, |v| {
        Ok((record::get_child(v, &child_id)?.name, ms::child_ics(v, &child_id, ms::today())?))
    })?;
    save_as(
        &app,
        "Save the calendar file",
        &format!("{name} - deadlines.ics"),
        "ics",
        ics.as_bytes(),
    )
}

#[tauri::command(async)]
pub fn deadlines_letter_offers(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<LetterOffer>> {
    with_vault(&state, |v| ms::letter_offers(v, &child_id, ms::today()))
}

#[tauri::command(async)]
pub fn deadlines_letter_draft(
    state: State<'_, AppState>,
    child_id: String,
    kind: LetterKind,
    about: Option<String>,
    from: Option<String>,
) -> CmdResult<Letter> {
    let today = ms::today();
    with_vault(&state, |v| {
        ms::draft_letter(v, &child_id, kind, about.as_deref(), today, from.as_deref())
    })
}

#[tauri::command(async)]
pub fn deadlines_letter_save(app: AppHandle, letter: Letter) -> CmdResult<Option<String>> {
    let name = format!("{}.pdf", letter.subject.replace([':', '/', '\\'], " -"));
    save_as(&app, "Save the letter", &name, "pdf", &ms::letter_pdf(&letter)?)
}

/// The family says the letter was sent: it joins the record as outgoing correspondence.
#[tauri::command(async)]
pub fn deadlines_letter_sent(
    state: State<'_, AppState>,
    letter: Letter,
    sent: String,
    channel: Option<String>,
) -> CmdResult<Correspondence> {
    let sent = record::parse_date("date sent", &sent)?;
    with_vault(&state, |v| ms::record_letter_sent(v, &letter, sent, channel.as_deref()))
}

#[tauri::command(async)]
pub fn deadlines_settings(state: State<'_, AppState>) -> CmdResult<DeadlineSettings> {
    with_vault(&state, |v| ms::get_settings(v))
}

/// Whether notifications name the child and the deadline (off unless the family turns it on: a
/// notification stays on the lock screen after Carefile locks).
#[tauri::command(async)]
pub fn deadlines_notification_details(state: State<'_, AppState>) -> CmdResult<bool> {
    with_vault(&state, |v| ms::notification_details(v))
}

#[tauri::command(async)]
pub fn deadlines_notification_details_set(state: State<'_, AppState>, on: bool) -> CmdResult<bool> {
    with_vault(&state, |v| {
        ms::set_notification_details(v, on)?;
        ms::notification_details(v)
    })
}

#[tauri::command(async)]
pub fn deadlines_settings_set(
    state: State<'_, AppState>,
    settings: DeadlineSettings,
) -> CmdResult<DeadlineSettings> {
    with_vault(&state, |v| ms::set_settings(v, &settings))
}
