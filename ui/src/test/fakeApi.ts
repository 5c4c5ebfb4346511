// Helpers for component tests: a predictable passphrase assessment like Rust's, without Rust.
import type { PassphraseAssessment } from '../lib/bindings/PassphraseAssessment';

export const MIN_LENGTH = 12;

export function fakeAssessment(passphrase: string): PassphraseAssessment {
  const length = [...passphrase].length;
  if (length < MIN_LENGTH) {
    return { acceptable: false, score: 0, label: 'Too short', hint: `Use at least ${MIN_LENGTH} characters.`, minLength: MIN_LENGTH };
  }
  if (passphrase.toLowerCase().includes('password')) {
    return { acceptable: false, score: 1, label: 'Weak', hint: 'Avoid common passwords.', minLength: MIN_LENGTH };
  }
  return { acceptable: true, score: 3, label: 'Good', hint: 'A good passphrase.', minLength: MIN_LENGTH };
}
