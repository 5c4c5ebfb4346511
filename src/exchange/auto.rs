//! Automatic backups: a folder the user chooses, dated file names, at most one a day and only after
//! changes, then rotation (keep the newest backup of each of the last 7 days, 4 weeks and 12 months
//! by default, as restic's `forget --keep-daily/weekly/monthly` does). Settings and the history of
//! backups live in the vault (`exchange_settings`, `backup_history`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::backup::{create_backup, BackupSummary, BACKUP_EXTENSION};
use super::rows::record_fingerprint;
use crate::error::{Error, Result};
use crate::vault::Vault;

/// A backup older than this is shown with a warning.
pub const STALE_AFTER_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// Where automatic backups go; `None` until the user chooses.
    pub folder: Option<String>,
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { folder: None, keep_daily: 7, keep_weekly: 4, keep_monthly: 12 }
    }
}

/// The last backup that worked.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct LastBackup {
    /// UTC, ISO 8601.
    pub at: String,
    pub file: String,
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes: i64,
    pub automatic: bool,
}

/// What the Backups screen and the home screen show.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub settings: BackupSettings,
    pub last: Option<LastBackup>,
    pub folder_missing: bool,
    /// A plain-English warning when the last backup is old, missing, or its folder is gone.
    pub warning: Option<String>,
}

/// What an automatic run did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AutoBackupReport {
    pub made: Option<BackupSummary>,
    /// Why nothing was made, when nothing was.
    pub skipped: Option<String>,
    /// Old backups removed by rotation.
    pub removed: Vec<String>,
}

const SETTINGS_KEY: &str = "backup";

/// The clock the shells pass in (tests pass their own), so they need no date library of their own.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn backup_settings(conn: &Connection) -> Result<BackupSettings> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM exchange_settings WHERE key = ?1", [SETTINGS_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
}

pub fn set_backup_settings(conn: &Connection, settings: &BackupSettings) -> Result<()> {
    if settings.keep_daily + settings.keep_weekly + settings.keep_monthly == 0 {
        return Err(Error::invalid(
            "Keep at least one backup: set a number of days, weeks or months.",
        ));
    }
    if let Some(f) = &settings.folder {
        if f.trim().is_empty() {
            return Err(Error::invalid("Choose a folder for backups."));
        }
    }
    let text = serde_json::to_string(settings)
        .map_err(|e| Error::Internal(format!("could not save the backup settings: {e}")))?;
    conn.execute(
        "INSERT INTO exchange_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SETTINGS_KEY, text),
    )?;
    Ok(())
}

fn last_backup(conn: &Connection) -> Result<Option<(LastBackup, String)>> {
    Ok(conn
        .query_row(
            "SELECT at, file, bytes, automatic, fingerprint FROM backup_history
              ORDER BY at DESC, id DESC LIMIT 1",
            [],
            |r| {
                Ok((
                    LastBackup {
                        at: r.get(0)?,
                        file: r.get(1)?,
                        bytes: r.get(2)?,
                        automatic: r.get::<_, i64>(3)? == 1,
                    },
                    r.get(4)?,
                ))
            },
        )
        .optional()?)
}

fn parse_at(at: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(at).ok().map(|d| d.with_timezone(&Utc))
}

pub fn backup_status(conn: &Connection, now: DateTime<Utc>) -> Result<BackupStatus> {
    let settings = backup_settings(conn)?;
    let last = last_backup(conn)?.map(|(l, _)| l);
    let folder_missing = settings.folder.as_deref().is_some_and(|f| !Path::new(f).is_dir());
    let age_days = last.as_ref().and_then(|l| parse_at(&l.at)).map(|at| (now - at).num_days());
    let warning = if folder_missing {
        Some(format!(
            "The backup folder {} can't be found. Plug in the drive, or choose another folder.",
            settings.folder.as_deref().unwrap_or_default()
        ))
    } else {
        match age_days {
            None => {
                Some("This vault has never been backed up. Choose a folder and back up now.".into())
            }
            Some(d) if d >= STALE_AFTER_DAYS => {
                Some(format!("The last backup is {d} days old. Back up now."))
            }
            _ => None,
        }
    };
    Ok(BackupStatus { settings, last, folder_missing, warning })
}

/// `carefile-<first 8 of vault id>-<YYYY-MM-DD>-<HHMMSS>.carefile-backup`: sorts by date, and a
/// folder shared by several vaults (an advocate's) rotates each vault's backups separately.
pub fn backup_file_name(vault_id: &str, at: DateTime<Utc>) -> String {
    let short: String = vault_id.chars().take(8).collect();
    format!("carefile-{short}-{}.{BACKUP_EXTENSION}", at.format("%Y-%m-%d-%H%M%S"))
}

fn dated_backups(folder: &Path, vault_id: &str) -> Result<Vec<(NaiveDate, String, PathBuf)>> {
    let prefix = format!("carefile-{}-", vault_id.chars().take(8).collect::<String>());
    let suffix = format!(".{BACKUP_EXTENSION}");
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Error::io(format!("Could not read the backup folder {}", folder.display()), e)
    })?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stamp) = name.strip_prefix(&prefix).and_then(|s| s.strip_suffix(&suffix)) else {
            continue;
        };
        let Some(date) =
            stamp.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        out.push((date, stamp.to_string(), entry.path()));
    }
    // Newest first; the time in the name breaks ties within a day.
    out.sort_by(|a, b| b.1.cmp(&a.1));
    Ok(out)
}

/// Maps a date to the period it falls in (a day, an ISO week or a month).
type PeriodOf<'a> = &'a dyn Fn(&NaiveDate) -> (i32, u32);

/// Which of `dates` (newest first) to keep: the newest in each of the last `daily` days, `weekly`
/// ISO weeks and `monthly` months that have a backup. Returns indexes into `dates`.
pub fn rotation_keeps(dates: &[NaiveDate], settings: &BackupSettings) -> BTreeSet<usize> {
    let mut keep = BTreeSet::new();
    let buckets: [(u32, PeriodOf); 3] = [
        (settings.keep_daily, &|d| (d.year(), d.ordinal())),
        (settings.keep_weekly, &|d| (d.iso_week().year(), d.iso_week().week())),
        (settings.keep_monthly, &|d| (d.year(), d.month())),
    ];
    for (count, bucket) in buckets {
        let mut last = None;
        let mut kept = 0;
        for (i, d) in dates.iter().enumerate() {
            if kept >= count {
                break;
            }
            let b = bucket(d);
            if last != Some(b) {
                keep.insert(i);
                kept += 1;
                last = Some(b);
            }
        }
    }
    keep
}

/// Remove this vault's backups in `folder` that rotation does not keep. Returns what was removed.
pub fn rotate_backups(
    folder: &Path,
    vault_id: &str,
    settings: &BackupSettings,
) -> Result<Vec<String>> {
    let found = dated_backups(folder, vault_id)?;
    let dates: Vec<NaiveDate> = found.iter().map(|(d, _, _)| *d).collect();
    let keep = rotation_keeps(&dates, settings);
    let mut removed = Vec::new();
    for (i, (_, _, path)) in found.iter().enumerate() {
        if !keep.contains(&i) {
            std::fs::remove_file(path).map_err(|e| {
                Error::io(format!("Could not remove the old backup {}", path.display()), e)
            })?;
            removed.push(path.display().to_string());
        }
    }
    Ok(removed)
}

fn record(
    conn: &Connection,
    summary: &BackupSummary,
    at: DateTime<Utc>,
    fingerprint: &str,
    automatic: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO backup_history (at, file, bytes, fingerprint, automatic) VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            &summary.path,
            summary.bytes as i64,
            fingerprint,
            automatic as i64,
        ),
    )?;
    Ok(())
}

fn folder_of(settings: &BackupSettings, folder: Option<&Path>) -> Result<PathBuf> {
    let folder = folder
        .map(Path::to_path_buf)
        .or_else(|| settings.folder.as_deref().map(PathBuf::from))
        .ok_or_else(|| {
            Error::invalid(
                "Choose a folder for backups first (a USB stick or another drive is best).",
            )
        })?;
    if !folder.is_dir() {
        return Err(Error::NotFound(format!(
            "The backup folder {} can't be found. Plug in the drive, or choose another folder. No backup was made.",
            folder.display()
        )));
    }
    Ok(folder)
}

/// Back up now into the backup folder (or `folder`), whatever the date, then rotate.
pub fn backup_now(
    vault: &Vault,
    folder: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<AutoBackupReport> {
    let settings = backup_settings(vault.conn())?;
    let folder = folder_of(&settings, folder)?;
    make(vault, &folder, &settings, now, false)
}

fn make(
    vault: &Vault,
    folder: &Path,
    settings: &BackupSettings,
    now: DateTime<Utc>,
    automatic: bool,
) -> Result<AutoBackupReport> {
    let fingerprint = record_fingerprint(vault.conn())?;
    let out = folder.join(backup_file_name(vault.id(), now));
    let summary = create_backup(vault, &out)?;
    record(vault.conn(), &summary, now, &fingerprint, automatic)?;
    let removed = rotate_backups(folder, vault.id(), settings)?;
    Ok(AutoBackupReport { made: Some(summary), skipped: None, removed })
}

/// The automatic backup: makes one in the backup folder (or `folder`) when the last one is from an
/// earlier day and the record has changed since, then rotates. Says why when it makes none.
pub fn run_auto_backup(
    vault: &Vault,
    folder: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<AutoBackupReport> {
    let settings = backup_settings(vault.conn())?;
    let folder = folder_of(&settings, folder)?;
    let skip =
        |why: &str| AutoBackupReport { made: None, skipped: Some(why.into()), removed: Vec::new() };
    if let Some((last, fingerprint)) = last_backup(vault.conn())? {
        if parse_at(&last.at).is_some_and(|at| at.date_naive() >= now.date_naive()) {
            return Ok(skip("A backup was already made today."));
        }
        if record_fingerprint(vault.conn())? == fingerprint {
            return Ok(skip("Nothing has changed since the last backup."));
        }
    }
    make(vault, &folder, &settings, now, true)
}

/// What the desktop calls after unlocking and before locking: an automatic backup when a folder is
/// set and one is due; nothing (and no error) when no folder has been chosen.
pub fn auto_backup_if_due(vault: &Vault) -> Result<Option<AutoBackupReport>> {
    if backup_settings(vault.conn())?.folder.is_none() {
        return Ok(None);
    }
    run_auto_backup(vault, None, Utc::now()).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_day_week_and_month() {
        // Daily backups from 1 Jan to 10 Apr 2025, newest first.
        let mut dates: Vec<NaiveDate> = d("2025-01-01").iter_days().take(100).collect();
        dates.reverse();
        let keep = rotation_keeps(&dates, &BackupSettings::default());
        let mut kept: Vec<String> = keep.iter().map(|&i| dates[i].to_string()).collect();
        kept.sort();
        assert_eq!(
            kept,
            [
                "2025-01-31",
                "2025-02-28",
                "2025-03-23",
                "2025-03-30",
                "2025-03-31",
                "2025-04-04",
                "2025-04-05",
                "2025-04-06",
                "2025-04-07",
                "2025-04-08",
                "2025-04-09",
                "2025-04-10"
            ]
        );
    }
}
