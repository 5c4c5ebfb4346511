// Throttles "the person is still here" pings for the idle auto-lock: the first bit of activity
// is reported at once, then at most one report per interval.
export const ACTIVITY_INTERVAL_MS = 30_000;

export function createActivityReporter(
  send: () => Promise<unknown>,
  intervalMs: number = ACTIVITY_INTERVAL_MS,
  now: () => number = Date.now,
): () => void {
  let lastSent = -Infinity;
  return () => {
    const t = now();
    if (t - lastSent < intervalMs) return;
    lastSent = t;
    // A failed ping is harmless: at worst the vault locks a little early.
    send().catch(() => undefined);
  };
}

export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
