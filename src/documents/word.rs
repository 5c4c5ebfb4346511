//! Word documents (`.docx`, `.doc`, `.odt`): the original is always kept; a PDF rendition is made
//! with LibreOffice when it is installed, so the document can be viewed, searched and bundled.
//! A conversion that fails, or runs past its time limit, is stopped and said in words; the import
//! goes on without a rendition.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::tools::find_program;
use crate::safety::helpers::{Helper, HelperError, WorkDir};

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

/// A LibreOffice profile that runs no macros and fetches nothing from the network (linked images,
/// remote templates, update checks): a document can't phone home while it is converted.
const LOCKED_PROFILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Display"><prop oor:name="GraphicObject" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"#;

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
    // content touches the disk outside the database: a private (owner-only) folder inside the
    // vault's folder, removed as soon as the conversion ends, and swept at the next start if
    // Carefile itself is killed meanwhile (`safety::helpers`).
    let prepare = |e: std::io::Error| {
        failed(format!("Carefile could not prepare {name} for LibreOffice ({e})"))
    };
    let work = WorkDir::new().map_err(prepare)?;
    let dir = work.path();
    let user = dir.join("profile").join("user");
    std::fs::create_dir_all(&user).map_err(prepare)?;
    std::fs::write(user.join("registrymodifications.xcu"), LOCKED_PROFILE).map_err(prepare)?;
    let input = dir.join(format!("document.{ext}"));
    std::fs::write(&input, bytes).map_err(prepare)?;
    let run = Helper::new(&soffice, timeout)
        .arg(format!("-env:UserInstallation=file://{}", dir.join("profile").display()))
        .args(["--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&input)
        .without_network()
        .run(b"", &work);
    match run {
        Ok(_) => {}
        Err(HelperError::TimedOut(_)) => {
            let secs = timeout.as_secs().max(1);
            let unit = if secs == 1 { "second" } else { "seconds" };
            return Err(failed(format!(
                "LibreOffice took longer than {secs} {unit} to convert {name}, so Carefile \
                 stopped it"
            )));
        }
        Err(HelperError::NotStarted(e)) => {
            return Err(failed(format!("LibreOffice could not be started ({e})")));
        }
        Err(HelperError::Failed(status)) => {
            return Err(failed(format!(
                "LibreOffice could not convert {name} (it stopped with {status}; the file may be \
                 damaged or protected by a password)"
            )));
        }
    }
    match std::fs::read(dir.join("document.pdf")) {
        Ok(pdf) if pdf.starts_with(b"%PDF") => Ok(pdf),
        _ => Err(failed(format!(
            "LibreOffice could not convert {name} (it may be damaged or protected by a password)"
        ))),
    }
}
