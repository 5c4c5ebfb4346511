//! Thin Tauri commands, one module per area: unpack arguments, call the core, map errors.

pub mod vault;
pub mod record;
pub mod exchange;
pub mod deadlines;
pub mod bundle;
pub mod documents;
