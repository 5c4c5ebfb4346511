// The one place the UI talks to Rust. Screens call these typed functions and never build
// command names themselves. Every rejection becomes a CarefileError (see errors.ts).
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { About } from './bindings/About';
import type { PassphraseAssessment } from './bindings/PassphraseAssessment';
import type { VaultCreated } from './bindings/VaultCreated';
import type { VaultStatus } from './bindings/VaultStatus';
import type { LockReason } from './bindings/LockReason';
import type { VaultLockedPayload } from './bindings/VaultLockedPayload';
import { CarefileError } from './errors';

export { CarefileError };

/**
 * The one function that calls `invoke`. Area modules under `lib/api/` (e.g. `api/deadlines.ts`)
 * build their typed functions on it, so screens never call Tauri or spell command names.
 */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw CarefileError.from(raw);
  }
}

export function vaultStatus(): Promise<VaultStatus> {
  return call('vault_status');
}

/** This copy of Carefile (version, licence), read from the app itself: no network call. */
export function aboutCarefile(): Promise<About> {
  return call('app_about');
}

export function assessPassphrase(passphrase: string): Promise<PassphraseAssessment> {
  return call('passphrase_assess', { passphrase });
}

export function createVault(options: {
  name: string;
  passphrase: string;
  remember: boolean;
}): Promise<VaultCreated> {
  return call('vault_create', { name: options.name, passphrase: options.passphrase, remember: options.remember });
}

/** The Recovery Sheet's PDF bytes, to print without saving a file (raw response, not numbers). */
export async function recoverySheetPdf(): Promise<Uint8Array> {
  const raw = await call<ArrayBuffer | Uint8Array | number[]>('recovery_sheet_pdf');
  if (raw instanceof Uint8Array) return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return Uint8Array.from(raw);
}

/** Shows the native Save dialog and writes the Recovery Sheet PDF. Null when the person cancels. */
export function saveRecoverySheet(): Promise<string | null> {
  return call('recovery_sheet_save');
}

/** The person has saved the recovery key; Rust forgets it. */
export function confirmRecoveryKey(): Promise<void> {
  return call('recovery_key_confirmed');
}

export function unlockVault(passphrase: string, remember: boolean): Promise<VaultStatus> {
  return call('vault_unlock', { passphrase, remember });
}

export function unlockWithKeyring(): Promise<VaultStatus> {
  return call('vault_unlock_keyring');
}

export function resetPassphrase(recoveryKey: string, newPassphrase: string): Promise<VaultStatus> {
  return call('vault_reset_passphrase', { recoveryKey, newPassphrase });
}

export function lockVault(): Promise<VaultStatus> {
  return call('vault_lock');
}

export function changePassphrase(current: string, newPassphrase: string): Promise<void> {
  return call('vault_change_passphrase', { current, newPassphrase });
}

export function forgetRemembered(): Promise<VaultStatus> {
  return call('vault_forget_remembered');
}

/** Tells Rust the person is still here (idle auto-lock). Callers throttle; see activity.ts. */
export function reportActivity(): Promise<void> {
  return call('activity');
}

export type { LockReason, VaultLockedPayload };

/** Calls `handler` whenever Rust locks the vault. Resolves to a function that stops listening. */
export async function onVaultLocked(
  handler: (payload: VaultLockedPayload) => void,
): Promise<() => void> {
  try {
    const unlisten = await listen<VaultLockedPayload>('vault-locked', (event) => {
      const reason: LockReason = event.payload?.reason === 'idle' ? 'idle' : 'user';
      handler({ reason });
    });
    return () => {
      void unlisten();
    };
  } catch (raw) {
    throw CarefileError.from(raw);
  }
}

/**
 * Calls `handler` with the payload of each `event` Rust emits (such as `import-progress`).
 * Resolves to a function that stops listening.
 */
export async function onEvent<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
  try {
    const unlisten = await listen<T>(event, (e) => handler(e.payload));
    return () => {
      void unlisten();
    };
  } catch (raw) {
    throw CarefileError.from(raw);
  }
}

/** What is happening with files dragged over the window (Tauri's drag-and-drop events). */
export type FileDrag = { type: 'enter' | 'over' | 'leave' } | { type: 'drop'; paths: string[] };

/** Calls `handler` as files are dragged over and dropped onto the window. Resolves to a stop function. */
export async function onFileDrag(handler: (drag: FileDrag) => void): Promise<() => void> {
  try {
    const { getCurrentWebview } = await import('@tauri-apps/api/webview');
    const unlisten = await getCurrentWebview().onDragDropEvent((e) => {
      const p = e.payload;
      handler(p.type === 'drop' ? { type: 'drop', paths: p.paths } : { type: p.type });
    });
    return () => {
      void unlisten();
    };
  } catch (raw) {
    throw CarefileError.from(raw);
  }
}
