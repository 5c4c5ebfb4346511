// Words and sums for the check of a bundle the family was sent (CheckBundle.svelte): page spans
// as the letter to the LA writes them, lists of pages folded into runs, and what counts as wrong.
import type { BundleCheck } from '../../lib/bindings/BundleCheck';
import type { PartialDocument } from '../../lib/bindings/PartialDocument';
import type { SectionBudget } from '../../lib/bindings/SectionBudget';

/** [3, 3] → "page 3"; [2, 4] → "pages 2–4" (as src/bundle/check/letter.rs writes them). */
export const span = ([first, last]: readonly [number, number] | number[]): string =>
  first === last ? `page ${first}` : `pages ${first}–${last}`;

/** Several spans: "pages 36–51 and pages 52–67". */
export const spans = (list: readonly (readonly [number, number])[]): string => list.map((s) => span(s)).join(' and ');

/** Page numbers folded into runs: [1, 2, 3, 7, 9, 10] → "1–3, 7, 9–10". */
export function pageList(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
}

/** What is wrong with an incomplete occurrence: "its page 2 is missing; its pages are in the order 2, 1, 3". */
export function partialWords(p: PartialDocument): string {
  const parts: string[] = [];
  const n = p.missingPages.length;
  if (n) parts.push(`its page${n === 1 ? '' : 's'} ${pageList(p.missingPages)} ${n === 1 ? 'is' : 'are'} missing`);
  if (p.order) parts.push(`its pages are in the order ${p.order.join(', ')}`);
  return parts.join('; ');
}

/** Pages over the section's limit (0 when within it). */
export const overBy = (b: SectionBudget): number => Math.max(0, b.pages - b.limit);

/** The family's own evidence, when it is over its limit: what a SEND7 request is for. */
export const evidenceOver = (check: BundleCheck): SectionBudget | null =>
  check.budgets.find((b) => b.section.startsWith("Parent's evidence") && overBy(b) > 0) ?? null;

/** How many things the check found wrong (what the letter to the LA would list). */
export const problemCount = (check: BundleCheck): number =>
  check.missing.length +
  check.outdated.length +
  check.duplicates.length +
  check.partial.length +
  check.index.length +
  (check.unreadable.length ? 1 : 0) +
  check.budgets.filter((b) => overBy(b) > 0).length;

/** The family's documents found at least once. */
export const foundCount = (check: BundleCheck): number => new Set(check.found.map((f) => f.document)).size;

const REASONS: Record<string, string> = {
  same_kind: 'same kind of document',
  same_author: 'same author',
  similar_title: 'similar title',
  similar_text: 'similar wording',
};

/** Why two documents look like versions, in words: "same author, similar title". */
export const reasonWords = (reasons: readonly string[]): string =>
  reasons.map((r) => REASONS[r] ?? r.replace(/_/g, ' ')).join(', ');
