// Backups over IPC: status and settings, choosing the folder, back up now, the automatic backup and
// restoring a backup. Typed by the bindings generated from Rust; screens call these, never `call`.
import { call } from '../api';
import type { AutoBackupReport } from '../bindings/AutoBackupReport';
import type { BackupSettings } from '../bindings/BackupSettings';
import type { BackupStatus } from '../bindings/BackupStatus';
import type { VaultStatus } from '../bindings/VaultStatus';

export const backupStatus = (): Promise<BackupStatus> => call('backup_status');

export const setBackupSettings = (settings: BackupSettings): Promise<BackupStatus> =>
  call('backup_set_settings', { settings });

/** Shows the native folder picker and keeps the choice. Null when the person cancels. */
export const chooseBackupFolder = (): Promise<BackupStatus | null> => call('backup_choose_folder');

export const backUpNow = (): Promise<AutoBackupReport> => call('backup_now');

/** Makes an automatic backup when one is due; null when no folder has been chosen. */
export const runAutoBackup = (): Promise<AutoBackupReport | null> => call('backup_auto_run');

/** Shows the native file picker for a backup file. Null when the person cancels. */
export const chooseBackupFile = (): Promise<string | null> => call('backup_choose_file');

export const restoreBackup = (file: string, passphrase: string, replaceExisting: boolean): Promise<VaultStatus> =>
  call('backup_restore', { file, passphrase, replaceExisting });
