//! The caseload: every family and child in the vault, most urgent first (an advocate's home).

use carefile::caseload::{self, Caseload};
use carefile::milestones as ms;
use tauri::State;

use super::with_vault;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn caseload_get(state: State<'_, AppState>) -> CmdResult<Caseload> {
    with_vault(&state, |v| caseload::caseload(v, ms::today()))
}
