// Where things start in a pack, from its plan: what the preview lists to jump to, and what the
// page on screen belongs to.
import type { BundlePlan } from '../../lib/bindings/BundlePlan';

/** A place to jump to: the cover, the index, a section's divider or the manifest. */
export type Start = { key: string; label: string; page: number };

/** The cover, the index, each section's divider and the manifest, in page order. */
export function sectionStarts(plan: BundlePlan): Start[] {
  return [
    { key: 'cover', label: 'Cover', page: 1 },
    { key: 'index', label: 'Index', page: plan.indexFirstPage },
    ...plan.sections.map((s) => ({ key: `section-${s.letter}`, label: `${s.letter}. ${s.title}`, page: s.firstPage })),
    { key: 'manifest', label: 'Manifest', page: plan.manifestFirstPage },
  ].sort((a, b) => a.page - b.page);
}

/** The start `page` falls under (the last one at or before it). */
export function startOf(starts: Start[], page: number): Start | null {
  let found: Start | null = null;
  for (const s of starts) if (s.page <= page) found = s;
  return found;
}

/** What page `n` is, in words: "D2 Educational psychology report, page 3 of 16", or a blank page. */
export function pageWords(plan: BundlePlan, n: number): string {
  if (n === 1) return 'The cover';
  if (plan.blankPages.includes(n)) return 'A blank page (print edition)';
  if (n >= plan.indexFirstPage && n < plan.indexFirstPage + plan.indexPages) return 'The index';
  if (n >= plan.manifestFirstPage && n < plan.manifestFirstPage + plan.manifestPages) return 'The manifest';
  for (const s of plan.sections) {
    if (n === s.firstPage) return `The divider of section ${s.letter}, ${s.title}`;
    for (const d of s.documents) {
      if (n >= d.firstPage && n <= d.lastPage) {
        return `${d.tab} ${d.document.title}, page ${n - d.firstPage + 1} of ${d.lastPage - d.firstPage + 1}`;
      }
    }
  }
  return '';
}
