//! Carefile's desktop shell: window, state and thin commands over the `carefile` core. Nothing here
//! knows about SQL or PDFs; if a command grows logic, the logic belongs in the core.

mod commands;
mod error;
mod notifications;
mod state;

use std::time::Duration;

use carefile::vault::{LockReason, VaultLockedPayload};
use tauri::{Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use state::AppState;

/// Every few seconds: lock when the idle clock runs out (and tell the UI), and show any new
/// deadline reminders as desktop notifications. A computer without a notification service simply
/// shows none; the in-app "Due soon" list carries the same news.
fn spawn_watch(app: tauri::AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(2));
        let state = app.state::<AppState>();
        if state.close_if_idle() {
            let _ = app.emit("vault-locked", VaultLockedPayload { reason: LockReason::Idle });
        }
        for (title, body) in state.reminders_to_show() {
            let _ = app.notification().builder().title(&title).body(&body).show();
        }
    });
}

pub fn run() {
    let state = match AppState::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // Used only by Rust commands (Open / Show in folder for a bundle just built); the web view
        // has no opener permission, and needs no injected link handler.
        .plugin(tauri_plugin_opener::Builder::new().open_js_links_on_click(false).build())
        .manage(state)
        .setup(|app| {
            spawn_watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workdoc::workdoc_list,
            commands::workdoc::workdoc_create,
            commands::workdoc::workdoc_get,
            commands::workdoc::workdoc_propose,
            commands::workdoc::workdoc_agree,
            commands::workdoc::workdoc_send,
            commands::workdoc::workdoc_import,
            commands::bundle::bundle_template,
            commands::bundle::bundle_documents,
            commands::bundle::bundle_plan,
            commands::bundle::bundle_pack_save,
            commands::bundle::bundle_pack_list,
            commands::bundle::bundle_pack_get,
            commands::bundle::bundle_pack_delete,
            commands::bundle::bundle_pack_issues,
            commands::bundle::bundle_reissue_candidates,
            commands::bundle::bundle_reissue_save,
            commands::bundle::bundle_preview,
            commands::bundle_check::bundle_check_pick,
            commands::bundle_check::bundle_check_letter,
            commands::bundle_check::bundle_check_send7,
            commands::bundle_check::document_versions,
            commands::bundle_check::document_mark_version,
            commands::bundle::bundle_build_save,
            commands::bundle::bundle_open_built,
            commands::bundle::bundle_show_built,
            commands::vault::vault_status,
            commands::vault::app_about,
            commands::vault::passphrase_assess,
            commands::vault::vault_create,
            commands::vault::recovery_sheet_save,
            commands::vault::recovery_sheet_pdf,
            commands::vault::recovery_key_confirmed,
            commands::vault::vault_unlock,
            commands::vault::vault_unlock_keyring,
            commands::vault::vault_reset_passphrase,
            commands::vault::vault_lock,
            commands::vault::vault_change_passphrase,
            commands::vault::vault_forget_remembered,
            commands::vault::activity,
            commands::deadlines::deadlines_children,
            commands::deadlines::deadlines_child_add,
            commands::deadlines::deadlines_event_kinds,
            commands::deadlines::deadlines_dashboard,
            commands::deadlines::deadlines_event_add,
            commands::deadlines::deadlines_event_delete,
            commands::deadlines::deadlines_correspondence,
            commands::deadlines::deadlines_due_soon,
            commands::deadlines::deadlines_accountability,
            commands::deadlines::deadlines_accountability_save,
            commands::deadlines::deadlines_ics_save,
            commands::deadlines::deadlines_letter_offers,
            commands::deadlines::deadlines_letter_draft,
            commands::deadlines::deadlines_letter_save,
            commands::deadlines::deadlines_letter_sent,
            commands::deadlines::deadlines_notification_details,
            commands::deadlines::deadlines_notification_details_set,
            commands::deadlines::deadlines_settings,
            commands::deadlines::deadlines_settings_set,
            commands::record::child_list,
            commands::record::child_get,
            commands::record::child_add,
            commands::record::child_update,
            commands::record::child_photo_get,
            commands::record::child_photo_set,
            commands::record::child_photo_remove,
            commands::record::people_list,
            commands::record::plan_list,
            commands::record::plan_add,
            commands::record::plan_get,
            commands::record::plan_version,
            commands::record::plan_versions,
            commands::record::plan_set_section,
            commands::record::plan_add_need,
            commands::record::plan_add_outcome,
            commands::record::plan_remove_item,
            commands::record::provision_add,
            commands::record::provision_update,
            commands::record::provision_check,
            commands::record::plan_issue,
            commands::record::plan_compare,
            commands::record::plan_advice_list,
            commands::record::plan_advice_link,
            commands::record::plan_advice_unlink,
            commands::record::delivery_add,
            commands::record::delivery_list,
            commands::record::delivery_summary,
            commands::record::terms_list,
            commands::record::terms_set,
            commands::record::terms_remove,
            commands::record::log_list,
            commands::record::log_add,
            commands::record::chronology_list,
            commands::record::chronology_save,
            commands::record::demo_seed,
            commands::record::person_add,
            commands::record::person_update,
            commands::record::progress_list,
            commands::record::progress_add,
            commands::record::sen_support_list,
            commands::record::sen_support_add,
            commands::record::sen_support_review,
            commands::record::sen_support_warnings,
            commands::exchange::backup_status,
            commands::exchange::backup_set_settings,
            commands::exchange::backup_choose_folder,
            commands::exchange::backup_now,
            commands::exchange::backup_auto_run,
            commands::exchange::backup_choose_file,
            commands::exchange::backup_restore,
            commands::exchange::backup_choose_restore_folder,
            commands::exchange::backup_restore_to,
            commands::exchange::handover_export,
            commands::exchange::handover_choose_file,
            commands::exchange::handover_import,
            commands::caseload::caseload_get,
            commands::documents::document_import_files,
            commands::documents::document_import_folder,
            commands::documents::document_import_paths,
            commands::documents::document_list,
            commands::documents::document_get,
            commands::documents::document_pages,
            commands::documents::document_page_text,
            commands::documents::document_view_bytes,
            commands::documents::document_update,
            commands::documents::document_search,
            commands::documents::document_export,
            commands::documents::document_open_exported,
            commands::documents::document_ocr_available,
            commands::documents::document_ocr_run,
            commands::documents::document_reread_waiting,
            commands::documents::document_reread_run,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error: Carefile could not start its window: {e}");
        std::process::exit(1);
    }
}
