//! Record commands: children and their photos, plans (sections, needs, outcomes, provision,
//! versions, comparison, provision check), the delivery log, the contact log, the chronology, the
//! demo family, people, outcome progress notes and SEN Support cycles. Each one unpacks, calls
//! `carefile::record` and maps the error; all run off the main thread.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use carefile::demo::DemoSummary;
use carefile::documents::Document;
use carefile::record::{
    self, CheckFinding, Child, ChronologyEntry, ChronologyFilter, Correspondence,
    DeliveryItemSummary, DeliverySession, Need, NewChild, NewCorrespondence, NewDelivery, NewNeed,
    NewOutcome, NewPerson, NewPlan, NewProgressNote, NewProvision, NewSenSupportCycle, Outcome,
    Person, Photo, Plan, PlanVersion, ProgressNote, ProvisionItem, Section, SenSupportCycle,
    SenSupportWarning, Stage, Term, TermDates, TermName, VersionComparison, VersionSummary,
};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn child_list(state: State<'_, AppState>) -> CmdResult<Vec<Child>> {
    with_vault(&state, |v| record::list_children(v))
}

#[tauri::command(async)]
pub fn child_get(state: State<'_, AppState>, id: String) -> CmdResult<Child> {
    with_vault(&state, |v| record::get_child(v, &id))
}

#[tauri::command(async)]
pub fn child_add(state: State<'_, AppState>, input: NewChild) -> CmdResult<Child> {
    with_vault(&state, |v| record::add_child(v, &input))
}

#[tauri::command(async)]
pub fn child_update(state: State<'_, AppState>, id: String, input: NewChild) -> CmdResult<Child> {
    with_vault(&state, |v| record::update_child(v, &id, &input))
}

/// The photo as a `data:` URL for an `<img>` (the app's CSP allows `data:` images, and nothing
/// is written to disk). The screen's business, so it lives here rather than in the core.
fn data_url(photo: &Photo) -> String {
    format!("data:{};base64,{}", photo.info.format.media_type(), B64.encode(&photo.data))
}

/// The child's photo as a `data:` URL for an `<img>`, or null when there is none.
#[tauri::command(async)]
pub fn child_photo_get(state: State<'_, AppState>, id: String) -> CmdResult<Option<String>> {
    with_vault(&state, |v| Ok(record::child_photo(v, &id)?.map(|p| data_url(&p))))
}

/// Asks for a JPEG or PNG with the native Open dialog and keeps it as the child's photo; returns
/// the new photo as a `data:` URL, or null when cancelled.
#[tauri::command(async)]
pub fn child_photo_set(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<String>> {
    let dialog = app.dialog().file().set_title("Choose a photo");
    let Some(picked) =
        dialog.add_filter("Photos (JPEG or PNG)", &["jpg", "jpeg", "png"]).blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = super::local_path(picked)?;
    with_vault(&state, |v| {
        record::set_child_photo_file(v, &id, &path)?;
        Ok(record::child_photo(v, &id)?.map(|p| data_url(&p)))
    })
}

#[tauri::command(async)]
pub fn child_photo_remove(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    with_vault(&state, |v| record::remove_child_photo(v, &id))
}

#[tauri::command(async)]
pub fn people_list(state: State<'_, AppState>) -> CmdResult<Vec<Person>> {
    with_vault(&state, |v| record::list_people(v))
}

#[tauri::command(async)]
pub fn plan_list(state: State<'_, AppState>, child_id: Option<String>) -> CmdResult<Vec<Plan>> {
    with_vault(&state, |v| record::list_plans(v, child_id.as_deref()))
}

#[tauri::command(async)]
pub fn plan_add(state: State<'_, AppState>, input: NewPlan) -> CmdResult<Plan> {
    with_vault(&state, |v| record::add_plan(v, &input))
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, AppState>, plan_id: String) -> CmdResult<Plan> {
    with_vault(&state, |v| record::get_plan(v, &plan_id))
}

/// One version in full: `number`, or the newest when it is null.
#[tauri::command(async)]
pub fn plan_version(
    state: State<'_, AppState>,
    plan_id: String,
    number: Option<i64>,
) -> CmdResult<PlanVersion> {
    with_vault(&state, |v| record::get_version(v, &plan_id, number))
}

#[tauri::command(async)]
pub fn plan_versions(
    state: State<'_, AppState>,
    plan_id: String,
) -> CmdResult<Vec<VersionSummary>> {
    with_vault(&state, |v| record::list_versions(v, &plan_id))
}

#[tauri::command(async)]
pub fn plan_set_section(
    state: State<'_, AppState>,
    plan_id: String,
    section: Section,
    label: Option<String>,
    text: String,
) -> CmdResult<VersionSummary> {
    with_vault(&state, |v| record::set_section(v, &plan_id, section, label.as_deref(), &text))
}

#[tauri::command(async)]
pub fn plan_add_need(
    state: State<'_, AppState>,
    plan_id: String,
    input: NewNeed,
) -> CmdResult<Need> {
    with_vault(&state, |v| record::add_need(v, &plan_id, &input))
}

#[tauri::command(async)]
pub fn plan_add_outcome(
    state: State<'_, AppState>,
    plan_id: String,
    input: NewOutcome,
) -> CmdResult<Outcome> {
    with_vault(&state, |v| record::add_outcome(v, &plan_id, &input))
}

#[tauri::command(async)]
pub fn plan_remove_item(
    state: State<'_, AppState>,
    plan_id: String,
    item_id: String,
) -> CmdResult<VersionSummary> {
    with_vault(&state, |v| record::remove_item(v, &plan_id, &item_id))
}

#[tauri::command(async)]
pub fn provision_add(
    state: State<'_, AppState>,
    plan_id: String,
    input: NewProvision,
) -> CmdResult<ProvisionItem> {
    with_vault(&state, |v| record::add_provision(v, &plan_id, &input))
}

#[tauri::command(async)]
pub fn provision_update(
    state: State<'_, AppState>,
    plan_id: String,
    provision_id: String,
    input: NewProvision,
) -> CmdResult<ProvisionItem> {
    with_vault(&state, |v| record::update_provision(v, &plan_id, &provision_id, &input))
}

#[tauri::command(async)]
pub fn provision_check(
    state: State<'_, AppState>,
    plan_id: String,
    number: Option<i64>,
) -> CmdResult<Vec<CheckFinding>> {
    with_vault(&state, |v| record::check_provision(v, &plan_id, number))
}

/// Issues the version being entered; `issued` is `YYYY-MM-DD`.
#[tauri::command(async)]
pub fn plan_issue(
    state: State<'_, AppState>,
    plan_id: String,
    stage: Stage,
    issued: String,
    note: Option<String>,
) -> CmdResult<VersionSummary> {
    with_vault(&state, |v| {
        record::issue_version(
            v,
            &plan_id,
            stage,
            record::parse_date("issue date", &issued)?,
            note.as_deref(),
        )
    })
}

/// The documents listed as advice in the plan's Section K.
#[tauri::command(async)]
pub fn plan_advice_list(state: State<'_, AppState>, plan_id: String) -> CmdResult<Vec<Document>> {
    with_vault(&state, |v| carefile::advice::list_advice(v, &plan_id))
}

/// Lists one of the child's documents in the plan's Section K; returns the advice afterwards.
#[tauri::command(async)]
pub fn plan_advice_link(
    state: State<'_, AppState>,
    plan_id: String,
    document_id: String,
) -> CmdResult<Vec<Document>> {
    with_vault(&state, |v| carefile::advice::link_advice(v, &plan_id, &document_id))
}

/// Takes a document out of the plan's Section K; returns the advice afterwards.
#[tauri::command(async)]
pub fn plan_advice_unlink(
    state: State<'_, AppState>,
    plan_id: String,
    document_id: String,
) -> CmdResult<Vec<Document>> {
    with_vault(&state, |v| carefile::advice::unlink_advice(v, &plan_id, &document_id))
}

#[tauri::command(async)]
pub fn plan_compare(
    state: State<'_, AppState>,
    plan_id: String,
    from: i64,
    to: i64,
) -> CmdResult<VersionComparison> {
    with_vault(&state, |v| record::compare_versions(v, &plan_id, from, to))
}

#[tauri::command(async)]
pub fn delivery_add(
    state: State<'_, AppState>,
    plan_id: String,
    input: NewDelivery,
) -> CmdResult<DeliverySession> {
    with_vault(&state, |v| record::add_delivery(v, &plan_id, &input))
}

#[tauri::command(async)]
pub fn delivery_list(
    state: State<'_, AppState>,
    plan_id: String,
) -> CmdResult<Vec<DeliverySession>> {
    with_vault(&state, |v| record::list_deliveries(v, &plan_id, None, None))
}

/// Planned against delivered per item from `from` to `to` (`YYYY-MM-DD`, inclusive).
#[tauri::command(async)]
pub fn delivery_summary(
    state: State<'_, AppState>,
    plan_id: String,
    from: String,
    to: String,
) -> CmdResult<Vec<DeliveryItemSummary>> {
    with_vault(&state, |v| {
        record::delivery_summary(
            v,
            &plan_id,
            record::parse_date("start", &from)?,
            record::parse_date("end", &to)?,
        )
    })
}

/// A school year's three terms (the user's dates, or the typical ones).
#[tauri::command(async)]
pub fn terms_list(state: State<'_, AppState>, school_year: i32) -> CmdResult<Vec<Term>> {
    with_vault(&state, |v| record::terms_for_year(v, school_year))
}

/// Sets one term's dates; returns that school year's terms.
#[tauri::command(async)]
pub fn terms_set(state: State<'_, AppState>, input: TermDates) -> CmdResult<Vec<Term>> {
    with_vault(&state, |v| record::set_term_dates(v, &input))
}

/// Puts one term back to the typical dates; returns that school year's terms.
#[tauri::command(async)]
pub fn terms_remove(
    state: State<'_, AppState>,
    school_year: i32,
    name: TermName,
) -> CmdResult<Vec<Term>> {
    with_vault(&state, |v| record::remove_term(v, school_year, name))
}

#[tauri::command(async)]
pub fn log_list(
    state: State<'_, AppState>,
    child_id: Option<String>,
) -> CmdResult<Vec<Correspondence>> {
    with_vault(&state, |v| record::list_correspondence(v, child_id.as_deref()))
}

#[tauri::command(async)]
pub fn log_add(state: State<'_, AppState>, input: NewCorrespondence) -> CmdResult<Correspondence> {
    with_vault(&state, |v| record::add_correspondence(v, &input))
}

#[tauri::command(async)]
pub fn chronology_list(
    state: State<'_, AppState>,
    filter: ChronologyFilter,
) -> CmdResult<Vec<ChronologyEntry>> {
    with_vault(&state, |v| record::chronology(v, &filter))
}

/// Shows the native Save dialog and writes the chronology as PDF or CSV. Null when cancelled.
#[tauri::command(async)]
pub fn chronology_save(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: ChronologyFilter,
    pdf: bool,
) -> CmdResult<Option<String>> {
    let file = with_vault(&state, |v| record::chronology_file(v, &filter, pdf))?;
    let (kind, ext) = if pdf { ("PDF", "pdf") } else { ("CSV spreadsheet", "csv") };
    let Some(path) = app
        .dialog()
        .file()
        .set_title("Save the chronology")
        .set_file_name(&file.file_name)
        .add_filter(kind, &[ext])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = super::local_path(path)?;
    carefile::safety::write_atomic(&path, &file.bytes, carefile::safety::Existing::Replace)?;
    Ok(Some(path.display().to_string()))
}

/// Fills an empty vault with the fictional family: the record, documents, deadlines and a pack.
#[tauri::command(async)]
pub fn demo_seed(state: State<'_, AppState>) -> CmdResult<DemoSummary> {
    with_vault(&state, carefile::demo::seed)
}

#[tauri::command(async)]
pub fn person_add(state: State<'_, AppState>, input: NewPerson) -> CmdResult<Person> {
    with_vault(&state, |v| record::add_person(v, &input))
}

#[tauri::command(async)]
pub fn person_update(
    state: State<'_, AppState>,
    id: String,
    input: NewPerson,
) -> CmdResult<Person> {
    with_vault(&state, |v| record::update_person(v, &id, &input))
}

/// A plan's progress notes, oldest first; one outcome's when `outcome_id` is given.
#[tauri::command(async)]
pub fn progress_list(
    state: State<'_, AppState>,
    plan_id: String,
    outcome_id: Option<String>,
) -> CmdResult<Vec<ProgressNote>> {
    with_vault(&state, |v| record::list_progress_notes(v, &plan_id, outcome_id.as_deref()))
}

#[tauri::command(async)]
pub fn progress_add(
    state: State<'_, AppState>,
    plan_id: String,
    input: NewProgressNote,
) -> CmdResult<ProgressNote> {
    with_vault(&state, |v| record::add_progress_note(v, &plan_id, &input))
}

#[tauri::command(async)]
pub fn sen_support_list(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<SenSupportCycle>> {
    with_vault(&state, |v| record::list_sen_support_cycles(v, Some(&child_id)))
}

#[tauri::command(async)]
pub fn sen_support_add(
    state: State<'_, AppState>,
    input: NewSenSupportCycle,
) -> CmdResult<SenSupportCycle> {
    with_vault(&state, |v| record::add_sen_support_cycle(v, &input))
}

/// Records a cycle's review; `reviewed` is `YYYY-MM-DD`.
#[tauri::command(async)]
pub fn sen_support_review(
    state: State<'_, AppState>,
    id: String,
    reviewed: String,
    notes: String,
) -> CmdResult<SenSupportCycle> {
    with_vault(&state, |v| {
        let reviewed = record::parse_date("review date", &reviewed)?;
        record::review_sen_support_cycle(v, &id, reviewed, &notes)
    })
}

/// Today's warnings for a child's SEN Support (few parent meetings, overdue reviews).
#[tauri::command(async)]
pub fn sen_support_warnings(
    state: State<'_, AppState>,
    child_id: String,
) -> CmdResult<Vec<SenSupportWarning>> {
    let today = carefile::milestones::today();
    with_vault(&state, |v| record::sen_support_warnings(v, &child_id, today))
}

#[cfg(test)]
mod tests {
    use carefile::record::{PhotoFormat, PhotoInfo};

    use super::*;

    #[test]
    fn a_photo_becomes_a_data_url_of_its_own_type() {
        let photo = Photo {
            info: PhotoInfo {
                child_id: "ch_1".into(),
                format: PhotoFormat::Png,
                width: 1,
                height: 1,
                bytes: 4,
                updated: "2025-01-01T00:00:00Z".into(),
            },
            data: b"\x89PNG".to_vec(),
        };
        assert_eq!(data_url(&photo), "data:image/png;base64,iVBORw==");
    }
}
