//! PDF output: the page-building toolkit every generated document uses, and the documents
//! themselves (so far the Recovery Sheet).
//!
//! This module only turns data into PDF bytes. It never reads or writes files, never touches the
//! vault and never logs what it draws; callers decide where the bytes go. Text in any script is
//! drawn with fonts shipped in `fonts/` and embedded, subset, in every PDF: `face` loads them,
//! `shape` turns a line into glyphs (bidi, font fallback, shaping) and `writer` writes the PDF.

mod face;
mod metrics;
pub mod recovery_sheet;
mod shape;
pub mod text;
mod writer;

pub use recovery_sheet::{recovery_sheet_pdf, RecoverySheet, RECOVERY_SHEET_TITLE};
pub use shape::clean_text;
pub use text::{
    save_pdf, to_win_ansi, truncate_to_width, wrap, Align, BoxPaint, Font, Footer, Layout,
    PageSetup, Stroke, TextStyle, PT_PER_MM,
};
