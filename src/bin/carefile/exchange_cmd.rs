//! `backup …`, `handover …` and `export`.

use std::path::{Path, PathBuf};

use carefile::exchange::{self, BackupSecret, BackupSettings};
use carefile::Error;
use clap::Subcommand;
use serde_json::json;

use crate::secrets;
use crate::vault_cmd::Context;

/// Opening a backup with the recovery key instead of the passphrase. The key itself is never an
/// argument (shell history, the process list): it is asked for, or read from a file or standard
/// input, or from CAREFILE_RECOVERY_KEY.
#[derive(clap::Args)]
pub struct RecoveryKeyArgs {
    /// Use the recovery key (asked for) instead of the passphrase.
    #[arg(long)]
    recovery_key: bool,
    /// Read the recovery key from this file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    recovery_key_file: Option<PathBuf>,
}

impl RecoveryKeyArgs {
    fn wanted(&self) -> bool {
        self.recovery_key
            || self.recovery_key_file.is_some()
            || std::env::var_os("CAREFILE_RECOVERY_KEY").is_some()
    }
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Write one encrypted backup file of the whole vault.
    Create {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a backup end to end without restoring it (asks for its passphrase).
    Verify {
        file: PathBuf,
        #[command(flatten)]
        key: RecoveryKeyArgs,
    },
    /// Restore a backup as a new vault at --vault (never over an existing one, unless told).
    Restore {
        file: PathBuf,
        #[command(flatten)]
        key: RecoveryKeyArgs,
        /// Move a vault already at --vault aside (renamed, not deleted) and restore in its place.
        #[arg(long)]
        replace_existing: bool,
    },
    /// Make a dated backup in the backup folder if one is due, then remove old ones.
    Auto {
        /// Use (and remember) this folder for automatic backups.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// Back up even if one was made today or nothing changed.
        #[arg(long)]
        now: bool,
    },
    /// Show or change the backup settings (folder and how many to keep).
    Settings {
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        #[arg(long)]
        keep_daily: Option<u32>,
        #[arg(long)]
        keep_weekly: Option<u32>,
        #[arg(long)]
        keep_monthly: Option<u32>,
    },
    /// When the last backup was made, and any warning.
    Status,
}

fn secret_then<T>(
    ctx: &Context,
    key: &RecoveryKeyArgs,
    f: impl FnOnce(&BackupSecret) -> Result<T, Error>,
) -> Result<T, Error> {
    if key.wanted() {
        let key = secrets::recovery_key(key.recovery_key_file.as_deref())?;
        f(&BackupSecret::RecoveryKey(&key))
    } else {
        let pass = secrets::current(ctx.passphrase_file.as_deref())?;
        f(&BackupSecret::Passphrase(&pass))
    }
}

fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|d| d.with_timezone(&chrono::Local).format("%-d %b %Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

pub fn backup(ctx: &Context, cmd: BackupCommand) -> Result<(), Error> {
    match cmd {
        BackupCommand::Create { out } => {
            let vault = ctx.open()?;
            let s = exchange::create_backup(&vault, &out)?;
            ctx.print(json!(s), || {
                format!(
                    "Backed up to {} ({}). Keep it somewhere other than this computer; your \
                     passphrase or recovery key opens it.",
                    s.path,
                    size(s.bytes)
                )
            });
        }
        BackupCommand::Verify { file, key } => {
            let s = secret_then(ctx, &key, |secret| exchange::verify_backup(&file, secret))?;
            ctx.print(json!({ "ok": true, "backup": s }), || {
                format!(
                    "{} is a good backup, made {}. Every page checks out.",
                    s.path,
                    when(&s.created)
                )
            });
        }
        BackupCommand::Restore { file, key, replace_existing } => {
            let s = secret_then(ctx, &key, |secret| {
                exchange::restore_backup(&file, secret, &ctx.dir, replace_existing)
            })?;
            ctx.print(json!(s), || {
                let mut text = format!(
                    "Restored the backup made {} as a vault at {}. Unlock it with the passphrase it \
                     had then.",
                    when(&s.backup.created),
                    s.vault
                );
                if let Some(old) = &s.moved_aside {
                    text.push_str(&format!(" The vault that was there is now at {old}."));
                }
                text
            });
        }
        BackupCommand::Auto { folder, now } => {
            let vault = ctx.open()?;
            if let Some(f) = &folder {
                let mut settings = exchange::backup_settings(vault.conn())?;
                settings.folder = Some(absolute(f).display().to_string());
                exchange::set_backup_settings(vault.conn(), &settings)?;
            }
            let report = if now {
                exchange::backup_now(&vault, None, chrono::Utc::now())?
            } else {
                exchange::run_auto_backup(&vault, None, chrono::Utc::now())?
            };
            vault.lock()?;
            ctx.print(json!(report), || {
                let mut text = match (&report.made, &report.skipped) {
                    (Some(s), _) => format!("Backed up to {} ({}).", s.path, size(s.bytes)),
                    (None, Some(why)) => format!("No backup needed: {}", why.to_lowercase()),
                    (None, None) => "No backup was made.".into(),
                };
                if !report.removed.is_empty() {
                    text.push_str(&format!(" Removed {} older backup(s).", report.removed.len()));
                }
                text
            });
        }
        BackupCommand::Settings { folder, keep_daily, keep_weekly, keep_monthly } => {
            let vault = ctx.open()?;
            let old = exchange::backup_settings(vault.conn())?;
            let settings = BackupSettings {
                folder: folder.map(|f| absolute(&f).display().to_string()).or(old.folder),
                keep_daily: keep_daily.unwrap_or(old.keep_daily),
                keep_weekly: keep_weekly.unwrap_or(old.keep_weekly),
                keep_monthly: keep_monthly.unwrap_or(old.keep_monthly),
            };
            exchange::set_backup_settings(vault.conn(), &settings)?;
            ctx.print(json!(settings), || {
                format!(
                    "Backups go to {}; keeping {} daily, {} weekly and {} monthly.",
                    settings.folder.as_deref().unwrap_or("(no folder chosen yet)"),
                    settings.keep_daily,
                    settings.keep_weekly,
                    settings.keep_monthly
                )
            });
        }
        BackupCommand::Status => {
            let vault = ctx.open()?;
            let s = exchange::backup_status(vault.conn(), chrono::Utc::now())?;
            ctx.print(json!(s), || {
                let mut text = match &s.last {
                    Some(l) => format!("Last backup: {} ({}).", when(&l.at), l.file),
                    None => "No backup yet.".into(),
                };
                if let Some(w) = &s.warning {
                    text.push_str(&format!("\nWarning: {w}"));
                }
                text
            });
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum HandoverCommand {
    /// Seal one child's record (and documents) for an advocate, with a one-off share passphrase
    /// (asked for, or CAREFILE_SHARE_PASSPHRASE). Tell them the passphrase another way.
    Export {
        #[arg(long)]
        child: String,
        /// Only these documents (ids, comma-separated); default: every document linked to the child.
        #[arg(long, value_delimiter = ',')]
        documents: Option<Vec<String>>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Who is sending it, as the receiver will see it (default: the vault's name).
        #[arg(long)]
        made_by: Option<String>,
        /// Ask the receiver to delete it after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        delete_after: Option<String>,
    },
    /// Bring a handover package into this vault (merging: nothing already here is duplicated).
    Import { file: PathBuf },
}

fn share_passphrase(new: bool) -> Result<carefile::vault::Passphrase, Error> {
    if new {
        secrets::new("CAREFILE_SHARE_PASSPHRASE", None)
    } else {
        match std::env::var("CAREFILE_SHARE_PASSPHRASE") {
            Ok(p) => Ok(carefile::vault::Passphrase::new(p)),
            Err(_) => secrets::new("CAREFILE_SHARE_PASSPHRASE", None),
        }
    }
}

pub fn handover(ctx: &Context, cmd: HandoverCommand) -> Result<(), Error> {
    match cmd {
        HandoverCommand::Export { child, documents, out, made_by, delete_after } => {
            let vault = ctx.open()?;
            let share = share_passphrase(true)?;
            let request = exchange::HandoverRequest {
                child_id: child,
                documents,
                made_by: match made_by {
                    Some(m) => m,
                    None => vault.name()?,
                },
                delete_after,
            };
            let m = exchange::export_handover(&vault, &request, &share, ctx.kdf, &out)?;
            ctx.print(json!(m), || {
                format!(
                    "Sealed the record of {} with {} document(s) into {}. Give the share passphrase \
                     to the advocate separately (by phone, not in the same email).",
                    m.child_id,
                    m.documents.len(),
                    out.display()
                )
            });
        }
        HandoverCommand::Import { file } => {
            let mut vault = ctx.open()?;
            let share = share_passphrase(false)?;
            let r = exchange::import_handover(&mut vault, &file, &share)?;
            ctx.print(json!(r), || {
                if r.already_imported {
                    return format!(
                        "This package from {} (made {}) was taken in before: nothing new was added.",
                        r.manifest.made_by,
                        when(&r.manifest.made_at)
                    );
                }
                let mut text = format!(
                    "Imported from {} (made {}): {} new item(s), {} already here, {} new document(s).",
                    r.manifest.made_by,
                    when(&r.manifest.made_at),
                    r.rows_added,
                    r.rows_already_here,
                    r.documents_added
                );
                text.push_str(&format!(" Family {}.", r.family_id));
                if let Some(d) = &r.manifest.delete_after {
                    text.push_str(&format!(" The sender asks you to delete it after {d}."));
                }
                text
            });
        }
    }
    Ok(())
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The child whose record to export.
    #[arg(long)]
    pub child: String,
    /// A new (or empty) folder to write into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Confirm that you understand the export is not encrypted.
    #[arg(long)]
    pub unencrypted: bool,
}

pub fn export(ctx: &Context, args: ExportArgs) -> Result<(), Error> {
    if !args.unencrypted {
        return Err(Error::invalid(format!(
            "{} To go ahead, run the same command again with --unencrypted. Nothing was written.",
            exchange::OPEN_EXPORT_WARNING
        )));
    }
    let vault = ctx.open()?;
    let s = exchange::open_export(&vault, &args.child, &args.out)?;
    ctx.print(json!(s), || {
        format!(
            "Exported the record of {} with {} document(s) to {}. It is NOT encrypted: anyone with \
             these files can read them.",
            s.child_name,
            s.documents.len(),
            s.folder
        )
    });
    Ok(())
}
