//! A child's deadlines in the vault: the dated events the family records (or that the record
//! already holds), the engine's settings for this vault, the dashboard, the "due soon" list, the
//! local authority's accountability summary, calendar (.ics) export and letters when the LA is late.
//!
//! It owns the tables `deadline_events` and `deadline_settings` (migration 20) and is the only
//! place that reads or writes them. It reads children, plans, correspondence and the delivery log
//! only through `record::` functions, and it never works a date out itself: every date comes from
//! the pure `deadlines` engine, so the dashboard, the calendar and the letters always agree.

mod calc;
mod dashboard;
mod events;
pub mod ics;
mod letters;
mod reminders;
mod settings;
mod summary_pdf;
pub mod take_in;

use chrono::NaiveDate;

pub use calc::{calc, CalcRow};
pub use dashboard::{
    accountability, child_deadlines, due_soon, due_soon_in, is_overdue, Accountability,
    AccountabilityStep, ChildDeadlines, DueSoonItem, StepOutcome, DUE_SOON_DAYS,
};
pub use events::{
    add_event, date_from_correspondence, delete_event, event_kind_options, get_event, list_events,
    list_recorded_events, parse_event_arg, parse_opt_date, DateBasis, EventGroup, EventKindOption,
    NewRecordedEvent, RecordedEvent,
};
pub use ics::deadlines_ics;
pub use letters::{
    draft_letter, letter_offers, letter_pdf, record_letter_sent, Letter, LetterKind, LetterOffer,
};
pub use reminders::{
    notification_details, reminder_for, reminders, set_notification_details, Reminder, ReminderNews,
};
pub use settings::{get_settings, set_settings};
pub use summary_pdf::accountability_pdf;

/// Today on this computer's clock. The engine never reads the clock; callers pass this in.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A child's calendar file, stamped now. Re-exporting gives the same UIDs (see [`ics::event_uid`]).
pub fn child_ics(
    vault: &crate::vault::Vault,
    child_id: &str,
    today: NaiveDate,
) -> crate::Result<String> {
    let c = child_deadlines(vault, child_id, today, DUE_SOON_DAYS)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    Ok(deadlines_ics(&c.child_id, &c.child_name, &c.deadlines, &stamp))
}
