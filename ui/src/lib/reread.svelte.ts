// Reading documents again with the improved text reader, after an upgrade: started by App when the
// vault is unlocked, a couple of documents per call so the rest of the app stays free, stopped when
// the vault locks. It is the app's own work, so it never counts as the person's activity (the idle
// lock still happens). Screens read `reread` to show progress.
import { rereadWaiting, runReread } from './api/documents';

export const reread = $state({
  running: false,
  done: 0,
  total: 0,
  /** Goes up each time a run finishes, so a screen can reload what it shows. */
  runsFinished: 0,
});

let stopAsked = false;

export async function startReread(): Promise<void> {
  if (reread.running) return;
  stopAsked = false;
  let waiting: number;
  try {
    waiting = await rereadWaiting();
  } catch {
    return; // locked or not open yet: the next unlock tries again
  }
  if (waiting === 0 || stopAsked) return;
  reread.running = true;
  reread.done = 0;
  reread.total = waiting;
  try {
    while (!stopAsked) {
      const r = await runReread();
      reread.done += r.documentsRead;
      reread.total = reread.done + r.documentsLeft;
      if (r.documentsLeft === 0 || r.documentsRead === 0) break;
    }
  } catch {
    // Locked part-way, or the reader failed: what was read is saved; the rest waits.
  } finally {
    reread.running = false;
    reread.runsFinished += 1;
  }
}

export function stopReread(): void {
  stopAsked = true;
}
