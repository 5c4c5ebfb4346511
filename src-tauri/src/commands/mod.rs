//! Thin Tauri commands, one module per area: unpack arguments, call the core, map errors.

pub mod bundle;
pub mod deadlines;
pub mod documents;
pub mod exchange;
pub mod record;
pub mod vault;
