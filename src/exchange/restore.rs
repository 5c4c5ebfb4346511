//! Restoring a backup as a vault: checked end to end first (see [`super::backup`]), made whole in a
//! hidden folder beside the vault's, then put in place by renaming folders, so a kill at any moment
//! leaves the vault that was there or the restored one, never half of either.

use std::fs;
use std::path::Path;

use serde::Serialize;

use super::backup::{check_snapshot, io_err, open_container, BackupSecret, BackupSummary};
use crate::error::{Error, Result};
use crate::safety::files::{hidden_sibling, swap_folders};
use crate::safety::RemoveOnDrop;
use crate::vault::{self, snapshot};

/// What `restore` did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct RestoreSummary {
    pub vault: String,
    pub backup: BackupSummary,
    /// Where the vault that was replaced now is, when `replace_existing` was used.
    pub moved_aside: Option<String>,
}

/// Restore a backup as a new vault in `dir`. An existing vault there is refused unless
/// `replace_existing`, and then it is moved aside (renamed beside it), never deleted.
pub fn restore_backup(
    path: &Path,
    secret: &BackupSecret,
    dir: &Path,
    replace_existing: bool,
) -> Result<RestoreSummary> {
    let occupied = vault::exists(dir) || dir.join(vault::DB_FILE).exists();
    if occupied && !replace_existing {
        return Err(Error::VaultExists(dir.to_path_buf()));
    }
    let opened = open_container(path)?;
    let key = opened.key(secret)?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err(parent, "create the folder"))?;
    // The restored vault is made whole in a hidden folder beside `dir` (database and key file,
    // flushed), then put in place by renaming folders: a kill at any moment leaves the vault that
    // was there, or the restored one, never half of either.
    let staging = hidden_sibling(dir, "restoring");
    let mut staging_guard = RemoveOnDrop::new();
    staging_guard.folder(&staging);
    snapshot::prepare_folder(&staging)?;
    let db = staging.join(vault::DB_FILE);
    opened.extract(&key, &db)?;
    check_snapshot(&key, &db, &opened)?;
    snapshot::install(&staging, &opened.envelope, &db)?;
    crate::safety::sync_dir(&staging);

    let mut moved_aside = None;
    if occupied {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let aside = parent.join(format!("{name}.replaced-{stamp}"));
        if swap_folders(&staging, dir) {
            // The old vault is now under the hidden staging name: give it its aside name.
            crate::safety::crash::point("restored vault swapped in");
            fs::rename(&staging, &aside).map_err(|e| {
                Error::io(format!("Could not move the replaced vault to {}", aside.display()), e)
            })?;
        } else {
            fs::rename(dir, &aside).map_err(|e| {
                Error::io(format!("Could not move the existing vault {} aside", dir.display()), e)
            })?;
            crate::safety::crash::point("old vault moved aside");
            fs::rename(&staging, dir).map_err(io_err(dir, "put the restored vault in"))?;
        }
        moved_aside = Some(aside.display().to_string());
    } else {
        // An empty folder may stand where the vault goes; anything else was refused above.
        if dir.is_dir() {
            let _ = fs::remove_dir(dir);
        }
        fs::rename(&staging, dir).map_err(io_err(dir, "put the restored vault in"))?;
    }
    crate::safety::sync_dir(parent);
    Ok(RestoreSummary { vault: dir.display().to_string(), backup: opened.summary(), moved_aside })
}
