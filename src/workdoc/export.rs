//! Sending a working document: the newest version written where the person chose, as `.docx` or
//! PDF, and then kept exactly as sent (the next change starts a new version).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{export_docx, export_pdf, freeze_version, PAGE_LIMIT};
use crate::error::{Error, Result};
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Docx,
    Pdf,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct WorkdocSent {
    pub path: String,
    pub version: i64,
    /// For a PDF: its pages, and whether that is over the Tribunal's limit.
    pub pages: Option<u32>,
    pub over_limit: bool,
    pub page_limit: u32,
}

/// Writes the newest version to `path` and keeps that version as sent.
pub fn send_workdoc(
    vault: &mut Vault,
    id: &str,
    format: ExportFormat,
    path: &Path,
) -> Result<WorkdocSent> {
    let (bytes, pages, over_limit) = match format {
        ExportFormat::Docx => (export_docx(vault, id, None)?, None, false),
        ExportFormat::Pdf => {
            let pdf = export_pdf(vault, id, None)?;
            (pdf.bytes, Some(pdf.pages), pdf.over_limit)
        }
    };
    std::fs::write(path, &bytes)
        .map_err(|e| Error::io(format!("Could not write {}", path.display()), e))?;
    let version = freeze_version(vault, id)?;
    Ok(WorkdocSent {
        path: path.display().to_string(),
        version: version.number,
        pages,
        over_limit,
        page_limit: PAGE_LIMIT,
    })
}
