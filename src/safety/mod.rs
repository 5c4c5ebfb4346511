//! Keeping the promise that nothing is lost and nothing leaks, in one place:
//!
//! - [`files`]: every file Carefile writes goes through [`write_atomic`] (temporary name in the same
//!   folder, fsync, rename, fsync the folder), so a kill never leaves half a file under its name.
//! - [`crash`]: the test-only crash points (compiled out of release builds) that the crash-trial
//!   harness uses to kill the process at every commit and file step.
//! - [`process`]: hardening of the running process itself (no core dumps).
//! - [`contain`]: the one way a panic in a third-party parser becomes an error for that file.
//! - [`helpers`]: the one runner for helper programs (cleared environment, private temporary folder
//!   inside the vault's folder, time limit, no network where possible).

pub mod contain;
pub mod crash;
pub mod files;
pub mod helpers;
pub mod process;

pub use contain::{contain, in_contained_step};
pub(crate) use files::RemoveOnDrop;
pub use files::{sync_dir, write_atomic, AtomicFile, Existing};
