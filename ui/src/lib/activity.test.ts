import { describe, expect, it, vi } from 'vitest';
import { createActivityReporter } from './activity';

describe('createActivityReporter', () => {
  it('reports the first activity at once, then at most once per interval', () => {
    let now = 1_000_000;
    const send = vi.fn(() => Promise.resolve());
    const ping = createActivityReporter(send, 30_000, () => now);
    ping();
    ping();
    expect(send).toHaveBeenCalledTimes(1);
    now += 29_999;
    ping();
    expect(send).toHaveBeenCalledTimes(1);
    now += 1;
    ping();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('shrugs off a failed report', async () => {
    const ping = createActivityReporter(() => Promise.reject(new Error('locked')), 30_000, () => 0);
    expect(() => ping()).not.toThrow();
    await Promise.resolve();
  });
});
