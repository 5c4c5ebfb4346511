//! Running the optional helper programs (pdftoppm, tesseract, soffice) through pipes, with a time
//! limit, so document content passes in memory and a stuck helper is stopped.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Runs `cmd` with `input` on its stdin and returns its stdout, or a short reason it failed.
pub(crate) fn run_piped(
    mut cmd: Command,
    input: &[u8],
    timeout: Duration,
) -> std::result::Result<Vec<u8>, String> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {:?}: {e}", cmd.get_program()))?;
    std::thread::scope(|scope| {
        let mut stdin = child.stdin.take();
        let writer = scope.spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A helper that stops reading early closes the pipe; that's its business.
                let _ = stdin.write_all(input);
            }
        });
        let mut stdout = child.stdout.take();
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            if let Some(s) = stdout.as_mut() {
                let _ = s.read_to_end(&mut out);
            }
            out
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if started.elapsed() > timeout => {
                    // Only the child this function started is stopped.
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(format!("it took longer than {} seconds", timeout.as_secs()));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => break Err(e.to_string()),
            }
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        match status {
            Ok(s) if s.success() => Ok(out),
            Ok(s) => Err(format!("it stopped with {s}")),
            Err(e) => Err(e),
        }
    })
}
