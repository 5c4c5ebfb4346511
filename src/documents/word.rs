//! Word documents (`.docx`, `.doc`, `.odt`): the original is always kept; a PDF rendition is made
//! with LibreOffice when it is installed, so the document can be viewed, searched and bundled.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::tools::find_program;

const NEEDS_LIBREOFFICE: &str = "The original is kept safely. To view, search or bundle this Word \
                                 document, install LibreOffice and import it again.";

/// Whether `soffice` (LibreOffice) is on this computer.
pub fn libreoffice_available() -> bool {
    find_program("soffice").is_some()
}

pub(crate) fn needs_libreoffice_note() -> String {
    NEEDS_LIBREOFFICE.to_string()
}

/// Converts a Word document to PDF. `Err` carries a note for the user; the import goes on.
pub(crate) fn convert_to_pdf(name: &str, bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let Some(soffice) = find_program("soffice") else { return Err(needs_libreoffice_note()) };
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
    builder.create(&dir).map_err(|e| format!("could not prepare the conversion: {e}"))?;
    struct Cleanup(std::path::PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(dir.clone());
    let input = dir.join(format!("document.{ext}"));
    std::fs::write(&input, bytes).map_err(|e| format!("could not prepare the conversion: {e}"))?;
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("LibreOffice could not be started: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > Duration::from_secs(180) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("LibreOffice took too long to convert it".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("LibreOffice failed: {e}")),
        }
    }
    std::fs::read(dir.join("document.pdf"))
        .map_err(|_| "LibreOffice could not convert it (it may be damaged)".to_string())
}
