import { describe, expect, it } from 'vitest';
import type { BundlePlan } from '../../lib/bindings/BundlePlan';
import type { BundleDocument } from '../../lib/bindings/BundleDocument';
import { pageWords, sectionStarts, startOf } from './preview';

const doc = (id: string, title: string, pages: number): BundleDocument => ({
  id,
  title,
  kind: 'report',
  role: 'other',
  author: null,
  dated: null,
  sha256: '0'.repeat(64),
  pages,
  hasTextLayer: true,
  format: 'pdf',
  attachedTo: null,
  problem: null,
});

// Print edition: cover 1, blank 2, index 3, blank 4, A's divider 5, A1 on 7–8 (blank 6),
// B's divider 9, B1 on 11 (blank 10), blank 12, manifest 13.
const PLAN: BundlePlan = {
  kind: 'tribunal',
  title: 'Tribunal bundle',
  subtitle: null,
  coverLines: [],
  appealType: null,
  hearing: null,
  today: '2025-11-14',
  options: { printEdition: true, numbering: 'plain', pageOfTotal: false, author: null },
  indexFirstPage: 3,
  indexPages: 1,
  sections: [
    { letter: 'A', title: 'Core papers', budget: 100, firstPage: 5, lastPage: 8, documentPages: 2, overBudgetBy: null, blanksBefore: 1, late: false, documents: [{ document: doc('d1', 'Decision letter', 2), tab: 'A1', firstPage: 7, lastPage: 8, blanksBefore: 1 }] },
    { letter: 'B', title: 'EHC plan', budget: 150, firstPage: 9, lastPage: 11, documentPages: 1, overBudgetBy: null, blanksBefore: 0, late: false, documents: [{ document: doc('d2', 'Final plan', 1), tab: 'B1', firstPage: 11, lastPage: 11, blanksBefore: 1 }] },
  ],
  manifestFirstPage: 13,
  manifestPages: 1,
  totalPages: 13,
  blankPages: [2, 4, 6, 10, 12],
  fingerprint: 'f'.repeat(64),
  warnings: [],
  excluded: [],
};

describe('pack preview places', () => {
  it('lists the cover, index, each divider and the manifest in page order', () => {
    expect(sectionStarts(PLAN).map((s) => [s.label, s.page])).toEqual([
      ['Cover', 1],
      ['Index', 3],
      ['A. Core papers', 5],
      ['B. EHC plan', 9],
      ['Manifest', 13],
    ]);
  });

  it('finds the start a page falls under', () => {
    const starts = sectionStarts(PLAN);
    expect(startOf(starts, 1)?.key).toBe('cover');
    expect(startOf(starts, 2)?.key).toBe('cover');
    expect(startOf(starts, 8)?.key).toBe('section-A');
    expect(startOf(starts, 11)?.key).toBe('section-B');
    expect(startOf(starts, 13)?.key).toBe('manifest');
  });

  it('says what each page is', () => {
    expect(pageWords(PLAN, 1)).toBe('The cover');
    expect(pageWords(PLAN, 2)).toBe('A blank page (print edition)');
    expect(pageWords(PLAN, 3)).toBe('The index');
    expect(pageWords(PLAN, 5)).toBe('The divider of section A, Core papers');
    expect(pageWords(PLAN, 8)).toBe('A1 Decision letter, page 2 of 2');
    expect(pageWords(PLAN, 11)).toBe('B1 Final plan, page 1 of 1');
    expect(pageWords(PLAN, 13)).toBe('The manifest');
  });
});
