import { describe, expect, it } from 'vitest';
import type { BundleCheck } from '../../lib/bindings/BundleCheck';
import { evidenceOver, foundCount, overBy, pageList, partialWords, problemCount, reasonWords, span, spans } from './check';

const EMPTY: BundleCheck = {
  pages: 10,
  checked: 2,
  found: [
    { document: 'a', title: 'A', pages: [1, 4] },
    { document: 'b', title: 'B', pages: [5, 10] },
  ],
  missing: [],
  duplicates: [],
  outdated: [],
  partial: [],
  unreadable: [],
  otherPages: [],
  notChecked: [],
  index: [],
  budgets: [],
};

describe('bundle check words', () => {
  it('writes page spans as the letter does', () => {
    expect(span([3, 3])).toBe('page 3');
    expect(span([2, 4])).toBe('pages 2–4');
    expect(
      spans([
        [36, 51],
        [52, 52],
      ]),
    ).toBe('pages 36–51 and page 52');
  });

  it('folds page numbers into runs', () => {
    expect(pageList([10, 9, 1, 2, 3, 7, 3])).toBe('1–3, 7, 9–10');
    expect(pageList([])).toBe('');
  });

  it('says what is wrong with an incomplete document', () => {
    const p = { document: 'a', title: 'A', pages: [3, 4] as [number, number], missingPages: [2], order: null };
    expect(partialWords(p)).toBe('its page 2 is missing');
    expect(partialWords({ ...p, missingPages: [4, 5, 6], order: [2, 1, 3] })).toBe('its pages 4–6 are missing; its pages are in the order 2, 1, 3');
  });

  it('counts nothing wrong in a clean report, and each kind of problem once', () => {
    expect(problemCount(EMPTY)).toBe(0);
    expect(foundCount(EMPTY)).toBe(2);
    const within = { section: "Parent's evidence", limit: 100, pages: 90, ranges: [], source: 'index' as const };
    expect(problemCount({ ...EMPTY, budgets: [within] })).toBe(0);
    expect(evidenceOver({ ...EMPTY, budgets: [within] })).toBeNull();
    const over = { ...within, pages: 120 };
    expect(overBy(over)).toBe(20);
    expect(evidenceOver({ ...EMPTY, budgets: [over] })).toEqual(over);
    expect(problemCount({ ...EMPTY, unreadable: [3, 4], missing: [{ document: 'c', title: 'C' }], budgets: [over] })).toBe(3);
  });

  it('says why two documents look like versions', () => {
    expect(reasonWords(['same_author', 'similar_title', 'new_reason'])).toBe('same author, similar title, new reason');
  });
});
