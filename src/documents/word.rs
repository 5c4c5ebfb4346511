//! Word documents (`.docx`, `.doc`, `.odt`): the original is always kept; a PDF rendition is made
//! with LibreOffice when it is installed, so the document can be viewed, searched and bundled.
//! A conversion that fails, or runs past its time limit, is stopped and said in words; the import
//! goes on without a rendition.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::tools::find_program;

const NEEDS_LIBREOFFICE: &str = "The original is kept safely. To view, search or bundle this Word \
                                 document, install LibreOffice and import it again.";

/// Whether `soffice` (LibreOffice) is on this computer.
pub fn libreoffice_available() -> bool {
    find_program("soffice").is_some()
}

/// Why there is no PDF rendition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConvertError {
    /// LibreOffice isn't installed: the note says so.
    NotInstalled(String),
    /// LibreOffice ran and could not convert the file: the note says what happened.
    Failed(String),
}

/// The program to convert with: the one given, or `soffice` on `PATH` (looked up at each call, so
/// installing LibreOffice takes effect without restarting).
fn soffice(program: Option<&Path>) -> Option<PathBuf> {
    match program {
        Some(p) => p.is_file().then(|| p.to_path_buf()),
        None => find_program("soffice"),
    }
}

/// Stops a conversion that ran too long: LibreOffice starts helper processes of its own, so the
/// whole process group this conversion started is stopped, then the child itself.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Converts a Word document to PDF with `program` (or `soffice` on `PATH`), within `timeout`.
pub(crate) fn convert_to_pdf(
    name: &str,
    bytes: &[u8],
    program: Option<&Path>,
    timeout: Duration,
) -> Result<Vec<u8>, ConvertError> {
    let Some(soffice) = soffice(program) else {
        return Err(ConvertError::NotInstalled(NEEDS_LIBREOFFICE.to_string()));
    };
    let failed = |what: String| {
        ConvertError::Failed(format!(
            "{what}. The original is kept safely; to view or bundle it, save it as PDF from Word \
             or LibreOffice and import that."
        ))
    };
    let ext = super::detect::extension(name);
    // LibreOffice only converts from a file to a file, so this is the one place a document's
    // content touches the disk outside the vault: a private folder (owner-only), removed as soon
    // as the conversion ends, whatever happens.
    let dir = std::env::temp_dir().join(format!("carefile-convert-{}", crate::ids::new_id("w")));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    let prepare = |e: std::io::Error| {
        failed(format!("Carefile could not prepare {name} for LibreOffice ({e})"))
    };
    builder.create(&dir).map_err(prepare)?;
    struct Cleanup(PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(dir.clone());
    let input = dir.join(format!("document.{ext}"));
    std::fs::write(&input, bytes).map_err(prepare)?;
    let mut cmd = Command::new(&soffice);
    cmd.arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child =
        cmd.spawn().map_err(|e| failed(format!("LibreOffice could not be started ({e})")))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                stop(&mut child);
                let secs = timeout.as_secs().max(1);
                let unit = if secs == 1 { "second" } else { "seconds" };
                return Err(failed(format!(
                    "LibreOffice took longer than {secs} {unit} to convert {name}, so Carefile \
                     stopped it"
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                stop(&mut child);
                return Err(failed(format!("LibreOffice failed while converting {name} ({e})")));
            }
        }
    };
    if !status.success() {
        return Err(failed(format!(
            "LibreOffice could not convert {name} (it stopped with {status}; the file may be \
             damaged or protected by a password)"
        )));
    }
    match std::fs::read(dir.join("document.pdf")) {
        Ok(pdf) if pdf.starts_with(b"%PDF") => Ok(pdf),
        _ => Err(failed(format!(
            "LibreOffice could not convert {name} (it may be damaged or protected by a password)"
        ))),
    }
}
