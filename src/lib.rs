//! Carefile core: a child's SEND record kept encrypted on the family's own computer.
//!
//! Everything a person can do is a function here. The core never prints, never prompts, never opens
//! a window and never touches the network; the CLI (`src/bin/carefile.rs`) and the desktop shell
//! (`src-tauri`) are thin layers over it.

pub mod about;
pub mod advice;
pub mod audit;
pub mod bundle;
pub mod caseload;
pub mod deadlines;
pub mod demo;
pub mod documents;
pub mod error;
pub mod exchange;
#[doc(hidden)]
pub mod fuzzing;
pub mod ids;
pub mod image;
pub mod milestones;
pub mod pdf;
pub mod record;
pub mod safety;
pub mod vault;
pub mod workdoc;
pub mod worker;

pub use error::{Error, ErrorCode, ErrorReport, Result};
