//! Exchange: getting a family's record safely out of and back into Carefile — encrypted backups and
//! restore, automatic rotating backups, the sealed handover package for an advocate, and the open
//! (unencrypted) export for data ownership.
//!
//! It owns `exchange_settings`, `backup_history` and `handovers` (migration 40) and
//! `received_audit` (migration 41). It must never write
//! a plaintext copy of the vault anywhere except the open export the user asked for by name, never
//! restore over an existing vault without being told to (and then it moves the old one aside), and
//! never import anything from a file that fails its checks: every check comes before any write.

mod auto;
mod backup;
mod handover;
mod handover_merge;
mod handover_package;
mod handover_select;
mod open_export;
mod received;
mod restore;
mod rows;
mod seal;

pub use auto::{
    auto_backup_if_due, backup_file_name, backup_now, backup_settings, backup_status, now,
    rotate_backups, rotation_keeps, run_auto_backup, set_backup_settings, AutoBackupReport,
    BackupSettings, BackupStatus, LastBackup, STALE_AFTER_DAYS,
};
pub use backup::{
    create_backup, verify_backup, BackupSecret, BackupSummary, BACKUP_EXTENSION, BACKUP_MAGIC,
    BACKUP_VERSION,
};
pub use handover::{
    export_handover, last_exchanges, read_handover, HandoverRequest, PackageExchange,
};
pub(crate) use handover_merge::merge_format;
pub use handover_merge::{
    import_handover, verify_received_audit, HandoverImport, ReceivedAuditCheck,
};
pub use handover_package::{testing, HandoverManifest, ManifestDocument};
pub use open_export::{
    open_export, ExportedOriginal, OpenExportSummary, OPEN_EXPORT_FORMAT, OPEN_EXPORT_VERSION,
    OPEN_EXPORT_WARNING,
};
pub use received::{exists, insert, refused, Exchanged, Received, ReceivedTable, Row};
pub use restore::{restore_backup, RestoreSummary};
pub use rows::record_fingerprint;
pub use seal::{HANDOVER_MAGIC, HANDOVER_VERSION};

/// For `crate::fuzzing` only: a backup's container and header, read as `verify` reads it first.
pub(crate) fn fuzz_backup_header(path: &std::path::Path) -> crate::Result<()> {
    backup::fuzz_open(path)
}

/// For `crate::fuzzing` only.
pub(crate) fn fuzz_handover(bytes: &[u8]) -> crate::Result<usize> {
    seal::open(bytes, &crate::vault::Passphrase::new("fuzz share words")).map(|p| p.len())
}
