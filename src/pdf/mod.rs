//! PDF output: the page-building toolkit every generated document uses, and the documents
//! themselves (so far the Recovery Sheet).
//!
//! This module only turns data into PDF bytes. It never reads or writes files, never touches the
//! vault and never logs what it draws; callers decide where the bytes go. Text is set in the PDF
//! standard fonts (Helvetica, Courier), so documents stay small and need no font files, at the
//! price of the WinAnsi character set: anything outside it is shown as `?` rather than failing.

mod metrics;
pub mod recovery_sheet;
pub mod text;

pub use recovery_sheet::{recovery_sheet_pdf, RecoverySheet, RECOVERY_SHEET_TITLE};
pub use text::{
    save_pdf, to_win_ansi, truncate_to_width, wrap, Align, BoxPaint, Font, Footer, Layout,
    PageSetup, Stroke, TextStyle, PT_PER_MM,
};
