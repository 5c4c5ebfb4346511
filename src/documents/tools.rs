//! Finding the optional helper programs (pdftoppm, tesseract, soffice) and running them through
//! pipes, so document content passes in memory and a stuck helper is stopped.

use std::path::PathBuf;
use std::time::Duration;

use crate::safety::helpers::{Helper, WorkDir};

/// The full path of `program` when it is on `PATH`.
pub(crate) fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            p.metadata()
                .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false)
        }
        #[cfg(not(unix))]
        {
            p.is_file() || p.with_extension("exe").is_file()
        }
    })
}

/// Runs `program` with `args` and `input` on its stdin, through the one helper runner
/// (`safety::helpers`: cleared environment, private folder in the vault's, time limit), and
/// returns its stdout, or a short reason it failed.
pub(crate) fn run_piped(
    program: &str,
    args: &[&str],
    input: &[u8],
    timeout: Duration,
) -> std::result::Result<Vec<u8>, String> {
    let work = WorkDir::new().map_err(|e| format!("no private working folder ({e})"))?;
    Helper::new(program, timeout).args(args).run(input, &work).map_err(|e| e.to_string())
}
