// Search hits in the record (the contact log, plan sections, progress notes): what they are
// called, and where in the app they open.
import type { HitSource } from '../../lib/bindings/HitSource';
import type { SearchHit } from '../../lib/bindings/SearchHit';
import type { Destination } from '../../lib/navigation.svelte';

export const RECORD_SOURCES: Record<Exclude<HitSource, 'document'>, string> = {
  correspondence: 'Contact log',
  plan: 'Plan section',
  note: 'Progress note',
};

/** Where a record hit opens, or null when the record doesn't say enough to find it. */
export function destinationOf(hit: SearchHit): Destination | null {
  const p = hit.place;
  if (!p) return null;
  switch (hit.source) {
    case 'correspondence':
      return p.childId ? { section: 'log', childId: p.childId, entryId: hit.id } : null;
    case 'plan':
      return p.planId ? { section: 'plan', childId: p.childId, planId: p.planId, planSection: p.planSection, outcomeId: null } : null;
    case 'note':
      return p.planId && p.outcomeId
        ? { section: 'plan', childId: p.childId, planId: p.planId, planSection: null, outcomeId: p.outcomeId }
        : null;
    default:
      return null;
  }
}

/** What opening it does, in words for the button. */
export function openWords(d: Destination): string {
  if (d.section === 'log') return 'Open in the contact log';
  return d.planSection ? `Open section ${d.planSection} of the plan` : 'Open the outcome in the plan';
}

/** The id of the element that shows the place, once its screen is open. */
export function targetElement(d: Destination): string {
  if (d.section === 'log') return `entry-${d.entryId}`;
  return d.planSection ? `section-${d.planSection}-text` : `progress-${d.outcomeId}`;
}
