import { describe, expect, it, vi } from 'vitest';
import { CarefileError, UNEXPECTED_MESSAGE, failureOf } from './errors';

describe('CarefileError.from', () => {
  it('keeps the code and message Rust sent', () => {
    const error = CarefileError.from({ code: 'wrong_passphrase', message: "That passphrase doesn't open this vault." });
    expect(error).toBeInstanceOf(CarefileError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('wrong_passphrase');
    expect(error.message).toBe("That passphrase doesn't open this vault.");
  });

  it('turns anything else into a calm internal error, never developer text', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const raw of ['command vault_status not found', new TypeError('x is undefined'), { code: 'made_up', message: 'm' }, null]) {
      const error = CarefileError.from(raw);
      expect(error.code).toBe('internal');
      expect(error.message).toBe(UNEXPECTED_MESSAGE);
    }
  });

  it('passes a CarefileError through unchanged', () => {
    const original = new CarefileError('io', 'Disk full.');
    expect(CarefileError.from(original)).toBe(original);
  });
});

describe('failureOf', () => {
  it('is null when the work goes well', async () => {
    let ran = false;
    expect(await failureOf(async () => void (ran = true))).toBeNull();
    expect(ran).toBe(true);
  });

  it('gives the rejection as a CarefileError, in words', async () => {
    const error = await failureOf(async () => {
      throw { code: 'io', message: 'The disk is full.' };
    });
    expect(error).toBeInstanceOf(CarefileError);
    expect(error?.code).toBe('io');
    expect(error?.message).toBe('The disk is full.');
  });
});
