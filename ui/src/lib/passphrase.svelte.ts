// Live passphrase feedback: asks Rust for an assessment as the person types (debounced), keeps
// the latest answer for display, and knows whether that answer is for the text now in the field.
import type { PassphraseAssessment } from './bindings/PassphraseAssessment';
import { CarefileError } from './errors';

export const ASSESS_DELAY_MS = 250;

/** Characters as Rust counts them (`chars().count()`), not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}

export class PassphraseCheck {
  /** The latest assessment received; shown even while a newer one is on its way. */
  assessment = $state<PassphraseAssessment | null>(null);
  /** The passphrase that `assessment` describes. */
  assessedFor = $state<string | null>(null);
  minLength = $state<number | null>(null);
  error = $state<CarefileError | null>(null);

  #assess: (passphrase: string) => Promise<PassphraseAssessment>;
  #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(assess: (passphrase: string) => Promise<PassphraseAssessment>, delayMs = ASSESS_DELAY_MS) {
    this.#assess = assess;
    this.#delayMs = delayMs;
  }

  /** Assesses `passphrase` after a short pause in typing. The empty string is asked at once:
   * its answer carries the minimum length to show before anything is typed. */
  check(passphrase: string): void {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    this.#timer = setTimeout(
      () => {
        this.#assess(passphrase).then(
          (assessment) => {
            if (generation !== this.#generation) return;
            this.assessment = assessment;
            this.assessedFor = passphrase;
            this.minLength = assessment.minLength;
            this.error = null;
          },
          (raw: unknown) => {
            if (generation !== this.#generation) return;
            this.error = CarefileError.from(raw);
          },
        );
      },
      passphrase === '' ? 0 : this.#delayMs,
    );
  }

  isAcceptable(passphrase: string): boolean {
    return passphrase !== '' && this.assessedFor === passphrase && this.assessment?.acceptable === true;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#generation++;
  }
}

/** True when `confirm` cannot (any longer) become `passphrase` by typing more. */
export function confirmMismatch(passphrase: string, confirm: string): boolean {
  return confirm !== '' && confirm !== passphrase && !passphrase.startsWith(confirm);
}

/** Why a new passphrase cannot be used yet, in words; null when it can. */
export function newPassphraseProblem(passphrase: string, confirm: string, check: PassphraseCheck): string | null {
  const min = check.minLength;
  if (passphrase === '') {
    return min ? `Choose a passphrase of at least ${min} characters.` : 'Choose a passphrase.';
  }
  // Length can be judged here and now; the rest waits for Rust's answer about this exact text.
  const count = characterCount(passphrase);
  if (min && count < min) {
    return `Your passphrase needs at least ${min} characters. It has ${count} so far.`;
  }
  if (check.assessedFor !== passphrase || check.assessment === null) {
    if (check.error) return check.error.message;
    return 'Checking your passphrase…';
  }
  if (!check.assessment.acceptable) {
    return 'This passphrase would be too easy to guess. Choose a stronger one.';
  }
  if (confirm === '') return 'Type your passphrase a second time to confirm it.';
  if (confirm !== passphrase) {
    return confirmMismatch(passphrase, confirm)
      ? "The two passphrases don't match."
      : 'Finish typing your passphrase a second time to confirm it.';
  }
  return null;
}
