// Backups over IPC: status and settings, choosing the folder, back up now, the automatic backup and
// restoring a backup, and the handover package for an advocate. Typed by the bindings generated from Rust; screens call these, never `call`.
import { call } from '../api';
import type { AutoBackupReport } from '../bindings/AutoBackupReport';
import type { BackupSettings } from '../bindings/BackupSettings';
import type { BackupStatus } from '../bindings/BackupStatus';
import type { HandoverImport } from '../bindings/HandoverImport';
import type { HandoverManifest } from '../bindings/HandoverManifest';
import type { HandoverRequest } from '../bindings/HandoverRequest';
import type { RestoreSummary } from '../bindings/RestoreSummary';
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

/** Shows the native folder picker for where a restored vault goes. Null when the person cancels. */
export const chooseRestoreFolder = (): Promise<string | null> => call('backup_choose_restore_folder');

/** Restores a backup as a new vault in `folder`; a vault already there is refused (vault_exists). */
export const restoreBackupTo = (file: string, passphrase: string, folder: string): Promise<RestoreSummary> =>
  call('backup_restore_to', { file, passphrase, folder });

/** Shows the native save dialog, then seals the handover package there. Null when cancelled. */
export const exportHandover = (request: HandoverRequest, share: string): Promise<HandoverManifest | null> =>
  call('handover_export', { request, share });

/** Shows the native file picker for a handover package. Null when the person cancels. */
export const chooseHandoverFile = (): Promise<string | null> => call('handover_choose_file');

/** Imports a handover package into this vault; a wrong share passphrase is wrong_share_passphrase. */
export const importHandover = (file: string, share: string): Promise<HandoverImport> =>
  call('handover_import', { file, share });
