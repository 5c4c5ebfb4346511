// Going from one screen to a place on another, such as a search hit in the contact log, a plan
// section or an outcome's progress notes. A screen asks with `goTo`; Home shows the section; the
// screen that opens takes its destination once (`takeDestination`) and calls `bringIntoView`.
// Nothing here is stored: it lasts until the place is shown.
import { chosenChild } from './chosenChild.svelte';

export type Destination =
  | { section: 'log'; childId: string; entryId: string }
  | { section: 'plan'; childId: string | null; planId: string; planSection: string | null; outcomeId: string | null };

let requested = $state<string | null>(null);
let pending: Destination | null = null;

export const navigation = {
  /** The section a screen asked for, until Home has shown it. */
  get section(): string | null {
    return requested;
  },
  /** Home calls this once it has switched to the section asked for. */
  shown() {
    requested = null;
  },
};

/** Opens `destination`'s section for its child; that screen then brings the place into view. */
export function goTo(destination: Destination) {
  if (destination.childId) chosenChild.id = destination.childId;
  pending = destination;
  requested = destination.section;
}

/** The destination waiting for `section`, handed out once. */
export function takeDestination<S extends Destination['section']>(section: S): Extract<Destination, { section: S }> | null {
  if (pending?.section !== section) return null;
  const found = pending as Extract<Destination, { section: S }>;
  pending = null;
  return found;
}

/**
 * Waits for the element `id` to appear (screens load in steps), opens any `<details>` around it,
 * scrolls it into view and moves focus to it. False when it never appeared.
 */
export async function bringIntoView(id: string, timeoutMs = 4000): Promise<boolean> {
  const started = Date.now();
  let el = document.getElementById(id);
  while (!el && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    el = document.getElementById(id);
  }
  if (!el) return false;
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  if (!el.hasAttribute('tabindex') && el.tabIndex < 0) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'center' });
  el.focus();
  return true;
}
