//! The open export, for data ownership: one child's originals, a JSON description of the record and
//! the chronology as CSV, written unencrypted into a new folder the user named. Everything comes
//! through the record and documents modules' public functions (no SQL on their tables here).
//!
//! Layout of the folder:
//! ```text
//! README.txt         what this is, and that anyone with the files can read them
//! record.json        format "carefile-open-export", version 1: child, plans (every version, with
//!                    provision), delivery, progress notes, correspondence, people, documents
//! chronology.csv     the child's chronology (the same columns as `carefile chronology --csv`)
//! documents/         each original, byte for byte, under its own file name
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use serde_json::json;

use crate::documents::{self, DocumentFilter};
use crate::error::{Error, Result};
use crate::record::{self, ChronologyFilter};
use crate::safety::RemoveOnDrop;
use crate::vault::Vault;

/// The name and version written into `record.json`.
pub const OPEN_EXPORT_FORMAT: &str = "carefile-open-export";
pub const OPEN_EXPORT_VERSION: u32 = 1;

/// The warning the CLI and desktop show before an open export.
pub const OPEN_EXPORT_WARNING: &str = "An open export is not encrypted: anyone who gets hold of \
     the folder can read everything in it, including the child's documents. Only write it \
     somewhere you trust, and delete it when you no longer need it.";

/// One original written into the export.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ExportedOriginal {
    pub id: String,
    pub title: String,
    /// Relative to the export folder, such as `documents/report.pdf`.
    pub file: String,
    pub sha256: String,
}

/// What an open export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct OpenExportSummary {
    pub folder: String,
    pub child_id: String,
    pub child_name: String,
    pub documents: Vec<ExportedOriginal>,
    pub chronology_rows: usize,
}

/// A file name that is safe on every system, unique (case-insensitively) among `taken`.
fn safe_name(name: &str, taken: &mut BTreeSet<String>) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let base = if cleaned.is_empty() { "document".to_string() } else { cleaned.to_string() };
    let (stem, ext) = match base.rfind('.') {
        Some(i) if i > 0 => (base[..i].to_string(), base[i..].to_string()),
        _ => (base.clone(), String::new()),
    };
    let mut candidate = base;
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    candidate
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::safety::write_atomic(path, bytes, crate::safety::Existing::Refuse)
}

/// Prepare `out`: a new folder, or an existing empty one. Anything else is refused untouched.
fn prepare_folder(out: &Path) -> Result<bool> {
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::invalid(format!(
                "{} is a file, not a folder. Choose a new folder for the export. Nothing was written.",
                out.display()
            )));
        }
        let empty = std::fs::read_dir(out)
            .map_err(|e| Error::io(format!("Could not look in {}", out.display()), e))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::invalid(format!(
                "{} already has files in it. Choose a new (or empty) folder for the export. Nothing \
                 was written.",
                out.display()
            )));
        }
        Ok(false)
    } else {
        std::fs::create_dir_all(out)
            .map_err(|e| Error::io(format!("Could not create the folder {}", out.display()), e))?;
        Ok(true)
    }
}

/// Write the open export of one child into `out` (a new or empty folder). The caller has shown
/// [`OPEN_EXPORT_WARNING`] and the user has agreed. On any failure, nothing is left behind.
pub fn open_export(vault: &Vault, child_id: &str, out: &Path) -> Result<OpenExportSummary> {
    // Everything that can be read is read before anything is written.
    let child = record::get_child(vault, child_id)?;
    let mut plans = Vec::new();
    for plan in record::list_plans(vault, Some(child_id))? {
        let mut versions = Vec::new();
        for v in record::list_versions(vault, &plan.id)? {
            versions.push(record::get_version(vault, &plan.id, Some(v.number))?);
        }
        let provision = versions.last().map(|v| v.provision.clone()).unwrap_or_default();
        let delivery = record::list_deliveries(vault, &plan.id, None, None)?;
        let progress_notes = record::list_progress_notes(vault, &plan.id, None)?;
        plans.push(json!({
            "plan": plan,
            "versions": versions,
            "provision": provision,
            "delivery": delivery,
            "progressNotes": progress_notes,
        }));
    }
    let correspondence = record::list_correspondence(vault, Some(child_id))?;
    let mut person_ids: BTreeSet<String> =
        correspondence.iter().filter_map(|c| c.person_id.clone()).collect();
    for p in record::list_plans(vault, Some(child_id))? {
        person_ids.extend(p.caseworker_id);
    }
    let people: Vec<_> =
        record::list_people(vault)?.into_iter().filter(|p| person_ids.contains(&p.id)).collect();
    let chronology = record::chronology(
        vault,
        &ChronologyFilter { child_id: Some(child_id.to_string()), ..Default::default() },
    )?;
    let docs = documents::list_documents(
        vault,
        &DocumentFilter { child_id: Some(child_id.to_string()), ..Default::default() },
    )?;

    let created = prepare_folder(out)?;
    // What an unfinished export wrote goes (the folder was new or empty, so all of it is ours).
    let mut guard = RemoveOnDrop::new();
    if created {
        guard.folder(out);
    } else {
        guard.contents(out);
    }
    let doc_dir = out.join("documents");
    std::fs::create_dir(&doc_dir)
        .map_err(|e| Error::io(format!("Could not create {}", doc_dir.display()), e))?;
    let mut taken = BTreeSet::new();
    let mut exported = Vec::new();
    let mut described = Vec::new();
    for d in &docs {
        let name = safe_name(&d.file_name, &mut taken);
        let receipt = documents::export_document(vault, &d.id, &doc_dir.join(&name))?;
        let file = format!("documents/{name}");
        described.push(json!({ "file": file, "document": d }));
        exported.push(ExportedOriginal {
            id: d.id.clone(),
            title: d.title.clone(),
            file,
            sha256: receipt.sha256,
        });
    }

    let description = json!({
        "format": OPEN_EXPORT_FORMAT,
        "version": OPEN_EXPORT_VERSION,
        "exportedAt": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "child": child,
        "plans": plans,
        "correspondence": correspondence,
        "people": people,
        "documents": described,
    });
    let text = serde_json::to_vec_pretty(&description)
        .map_err(|e| Error::Internal(format!("could not describe the record: {e}")))?;
    write(&out.join("record.json"), &text)?;
    write(&out.join("chronology.csv"), record::chronology_csv(&chronology).as_bytes())?;
    let readme = format!(
        "Carefile open export: {name}\r\n\r\n{OPEN_EXPORT_WARNING}\r\n\r\n\
         record.json     the record (plans with every version and provision, delivery, progress \
         notes, correspondence, people, and a list of the documents)\r\n\
         chronology.csv  the chronology, one event a row\r\n\
         documents/      the original of each document, exactly as it was imported; record.json \
         gives each one's SHA-256 fingerprint\r\n",
        name = child.name
    );
    write(&out.join("README.txt"), readme.as_bytes())?;
    guard.keep();
    Ok(OpenExportSummary {
        folder: out.display().to_string(),
        child_id: child.id,
        child_name: child.name,
        documents: exported,
        chronology_rows: chronology.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::safe_name;
    use std::collections::BTreeSet;

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(safe_name("report.pdf", &mut taken), "report.pdf");
        assert_eq!(safe_name("Report.PDF", &mut taken), "Report (2).PDF");
        assert_eq!(safe_name("../a/b:c.txt", &mut taken), "_a_b_c.txt");
        assert_eq!(safe_name("..", &mut taken), "document");
    }
}
