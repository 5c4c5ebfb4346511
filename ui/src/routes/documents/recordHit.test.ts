import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../lib/bindings/SearchHit';
import { destinationOf, openWords, targetElement } from './recordHit';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  id: 'x',
  source: 'correspondence',
  title: 'T',
  kind: null,
  page: 1,
  snippet: '',
  matchedIn: 'text',
  dated: null,
  place: { childId: 'ch-1', planId: null, planSection: null, outcomeId: null },
  ...over,
});

describe('record hits', () => {
  it('open a contact log entry for its child', () => {
    const d = destinationOf(hit({ id: 'co-1' }));
    expect(d).toEqual({ section: 'log', childId: 'ch-1', entryId: 'co-1' });
    expect(targetElement(d!)).toBe('entry-co-1');
    expect(openWords(d!)).toBe('Open in the contact log');
  });

  it('open a plan at its section, or at the outcome of a progress note', () => {
    const section = destinationOf(hit({ id: 'pl-1', source: 'plan', place: { childId: 'ch-1', planId: 'pl-1', planSection: 'F', outcomeId: null } }));
    expect(targetElement(section!)).toBe('section-F-text');
    expect(openWords(section!)).toBe('Open section F of the plan');
    const note = destinationOf(hit({ id: 'op-1', source: 'note', place: { childId: 'ch-1', planId: 'pl-1', planSection: null, outcomeId: 'oc-2' } }));
    expect(targetElement(note!)).toBe('progress-oc-2');
  });

  it('stay text when the record does not say where they are', () => {
    expect(destinationOf(hit({ place: { childId: null, planId: null, planSection: null, outcomeId: null } }))).toBeNull();
    expect(destinationOf(hit({ source: 'note', place: { childId: 'ch-1', planId: 'pl-1', planSection: null, outcomeId: null } }))).toBeNull();
    expect(destinationOf(hit({ source: 'document', kind: 'report', place: null }))).toBeNull();
  });
});
