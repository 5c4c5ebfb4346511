import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAssessment } from '../test/fakeApi';
import type { PassphraseAssessment } from './bindings/PassphraseAssessment';
import { characterCount, confirmMismatch, newPassphraseProblem, PassphraseCheck } from './passphrase.svelte';

function assessedCheck(passphrase: string): PassphraseCheck {
  const check = new PassphraseCheck(() => Promise.resolve(fakeAssessment(passphrase)));
  check.assessment = fakeAssessment(passphrase);
  check.assessedFor = passphrase;
  check.minLength = 12;
  return check;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('newPassphraseProblem', () => {
  it('asks for a passphrase, naming the minimum length', () => {
    expect(newPassphraseProblem('', '', assessedCheck(''))).toBe('Choose a passphrase of at least 12 characters.');
  });

  it('counts characters the way Rust does, not UTF-16 units', () => {
    expect(characterCount('😀😀')).toBe(2);
    expect(newPassphraseProblem('😀😀😀', '', assessedCheck('😀😀😀'))).toBe(
      'Your passphrase needs at least 12 characters. It has 3 so far.',
    );
  });

  it('refuses a weak passphrase in words', () => {
    const weak = 'password1234';
    expect(newPassphraseProblem(weak, weak, assessedCheck(weak))).toBe(
      'This passphrase would be too easy to guess. Choose a stronger one.',
    );
  });

  it('waits for an assessment of the exact text in the field', () => {
    const check = assessedCheck('maple river lantern');
    expect(newPassphraseProblem('maple river lanterns', 'maple river lanterns', check)).toBe('Checking your passphrase…');
  });

  it('asks for the confirmation, is patient while it is typed, and names a mismatch', () => {
    const good = 'maple river lantern';
    const check = assessedCheck(good);
    expect(newPassphraseProblem(good, '', check)).toBe('Type your passphrase a second time to confirm it.');
    expect(newPassphraseProblem(good, 'maple', check)).toBe('Finish typing your passphrase a second time to confirm it.');
    expect(newPassphraseProblem(good, 'maple rover', check)).toBe("The two passphrases don't match.");
    expect(newPassphraseProblem(good, good, check)).toBeNull();
  });

  it('confirmMismatch is false while the confirmation could still become a match', () => {
    expect(confirmMismatch('abcdef', '')).toBe(false);
    expect(confirmMismatch('abcdef', 'abc')).toBe(false);
    expect(confirmMismatch('abcdef', 'abd')).toBe(true);
    expect(confirmMismatch('abcdef', 'abcdefg')).toBe(true);
  });
});

describe('PassphraseCheck', () => {
  it('asks once after typing pauses, and ignores answers about older text', async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const resolvers: Array<() => void> = [];
    const check = new PassphraseCheck((p) => {
      asked.push(p);
      return new Promise<PassphraseAssessment>((resolve) => resolvers.push(() => resolve(fakeAssessment(p))));
    }, 250);

    check.check('maple river');
    await vi.advanceTimersByTimeAsync(100);
    check.check('maple river lantern');
    await vi.advanceTimersByTimeAsync(250);
    expect(asked).toEqual(['maple river lantern']);

    check.check('maple river lantern x');
    await vi.advanceTimersByTimeAsync(250);
    // The older answer arrives last: it must not win.
    resolvers[1]?.();
    resolvers[0]?.();
    await vi.runAllTimersAsync();
    expect(check.assessedFor).toBe('maple river lantern x');
    expect(check.isAcceptable('maple river lantern x')).toBe(true);
    expect(check.isAcceptable('maple river lantern')).toBe(false);
  });

  it('asks about the empty passphrase at once, to learn the minimum length', async () => {
    vi.useFakeTimers();
    const check = new PassphraseCheck((p) => Promise.resolve(fakeAssessment(p)), 250);
    check.check('');
    await vi.advanceTimersByTimeAsync(0);
    expect(check.minLength).toBe(12);
  });
});
