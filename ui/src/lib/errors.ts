// What a failed command looks like to a screen: a stable `code` it can act on and a `message`
// written for a person. Rust sends `{ code, message }` (ErrorReport); anything else that goes
// wrong on the way (no Tauri, a bug) becomes code `internal` with a calm message.
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorReport } from './bindings/ErrorReport';

// A Record over ErrorCode makes the compiler complain when Rust adds or removes a code.
const KNOWN_CODES: Record<ErrorCode, true> = {
  wrong_passphrase: true,
  wrong_recovery_key: true,
  wrong_share_passphrase: true,
  vault_locked: true,
  no_vault: true,
  vault_exists: true,
  vault_too_new: true,
  corrupt_vault: true,
  not_found: true,
  invalid_input: true,
  weak_passphrase: true,
  unsupported_file: true,
  corrupt_file: true,
  keyring_unavailable: true,
  io: true,
  internal: true,
};

export const UNEXPECTED_MESSAGE =
  'Something unexpected went wrong. Please try again. If it keeps happening, close Carefile and open it again.';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(KNOWN_CODES, value);
}

function isErrorReport(value: unknown): value is ErrorReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v.code) && typeof v.message === 'string' && v.message.trim() !== '';
}

export class CarefileError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CarefileError';
    this.code = code;
  }

  /** Turns whatever a rejected `invoke` gave us into a CarefileError. Never throws. */
  static from(raw: unknown): CarefileError {
    if (raw instanceof CarefileError) return raw;
    if (isErrorReport(raw)) return new CarefileError(raw.code, raw.message);
    // Raw strings and JS errors are developer text, not words for a tired parent.
    if (typeof console !== 'undefined') console.error('Carefile: unexpected error', raw);
    return new CarefileError('internal', UNEXPECTED_MESSAGE);
  }
}

/**
 * Runs `work` and gives back what went wrong, as a CarefileError, or null when it went well: the one
 * place a screen's action turns a rejection into words. Never throws.
 */
export async function failureOf(work: () => Promise<void>): Promise<CarefileError | null> {
  try {
    await work();
    return null;
  } catch (raw) {
    return CarefileError.from(raw);
  }
}
