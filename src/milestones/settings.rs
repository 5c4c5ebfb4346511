//! The deadline engine's settings for this vault, kept as JSON in `deadline_settings` so that a
//! setting added later simply takes its documented default.

use rusqlite::OptionalExtension;

use crate::deadlines::DeadlineSettings;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// The saved settings, or the defaults when none were saved. Unreadable JSON is an error in words,
/// never a silent reset.
pub fn get_settings(vault: &Vault) -> Result<DeadlineSettings> {
    let text: Option<String> = vault
        .conn()
        .query_row("SELECT settings FROM deadline_settings WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    match text {
        None => Ok(DeadlineSettings::default()),
        Some(t) => serde_json::from_str(&t).map_err(|e| {
            Error::Internal(format!("the saved deadline settings could not be read ({e})"))
        }),
    }
}

/// Saves the settings. Numbers the law would not allow (a zero-week period) are refused.
pub fn set_settings(vault: &mut Vault, settings: &DeadlineSettings) -> Result<DeadlineSettings> {
    for (value, what) in [
        (settings.review_decision_weeks, "weeks for the review decision"),
        (settings.amendment_weeks, "weeks for the final amended plan"),
        (settings.review_papers_weeks_before, "weeks before a review for the papers"),
        (settings.early_years_review_months, "months between early-years reviews"),
    ] {
        if value == 0 || value > 52 {
            return Err(Error::invalid(format!(
                "The {what} must be between 1 and 52; {value} was given."
            )));
        }
    }
    let json = serde_json::to_string(settings)
        .map_err(|e| Error::Internal(format!("settings could not be written ({e})")))?;
    vault.conn().execute(
        "INSERT INTO deadline_settings (id, settings, updated) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated = excluded.updated",
        rusqlite::params![json, chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()],
    )?;
    get_settings(vault)
}
