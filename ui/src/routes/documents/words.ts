// The words the Documents screen uses for the core's closed sets, in British English.
import type { Document } from '../../lib/bindings/Document';
import type { DocumentKind } from '../../lib/bindings/DocumentKind';
import type { ImportOutcome } from '../../lib/bindings/ImportOutcome';
import type { Progress } from '../../lib/bindings/Progress';
import type { TextStatus } from '../../lib/bindings/TextStatus';

export const KINDS: Record<DocumentKind, string> = {
  report: 'Report',
  letter: 'Letter',
  plan: 'Plan',
  decision: 'Decision',
  minutes: 'Minutes',
  school_report: 'School report',
  evidence: 'Evidence',
  photo: 'Photo',
  email: 'Email',
  other: 'Other',
};
export const KIND_LIST = Object.entries(KINDS) as [DocumentKind, string][];

/** A short flag for the list, and whether it needs the person's attention. */
export function textStatusFlag(status: TextStatus): { label: string; warn: boolean } | null {
  switch (status) {
    case 'readable':
      return null;
    case 'needs_ocr':
      return { label: 'Scanned: not searchable yet', warn: true };
    case 'no_text_found':
      return { label: 'No words found on some pages', warn: false };
    case 'needs_libreoffice':
      return { label: 'Needs LibreOffice to view', warn: true };
    case 'unreadable':
      return { label: "Text couldn't be read", warn: true };
  }
}

/** The longer explanation, for the viewer. */
export function textStatusExplained(d: Document, ocrAvailable: boolean): string | null {
  switch (d.textStatus) {
    case 'readable':
      return null;
    case 'needs_ocr':
      return ocrAvailable
        ? 'Some pages are scanned pictures with no words Carefile can search yet. Use "Make scanned pages searchable" on the Documents screen.'
        : 'Some pages are scanned pictures with no words Carefile can search. Installing Tesseract (text recognition) would let Carefile read them.';
    case 'no_text_found':
      return 'Carefile looked for words on the scanned pages and found none (a photo, a drawing or a blank page).';
    case 'needs_libreoffice':
      return d.statusNote ?? 'LibreOffice is needed to show or search this Word document. The original is kept safely.';
    case 'unreadable':
      return d.statusNote ?? "Carefile couldn't read the words in this document, but the original is kept exactly as it was.";
  }
}

export const pagesWords = (n: number) => (n === 1 ? '1 page' : `${n} pages`);

/** The file's own name, without its folders. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** One line of the end-of-import report. */
export function outcomeWords(o: ImportOutcome): string {
  switch (o.status) {
    case 'imported':
      return o.pages ? `Added (${pagesWords(o.pages)})` : 'Added';
    case 'duplicate':
      return 'Already in your vault, so it was not added again';
    case 'refused':
      return o.reason ?? "Carefile couldn't add this file.";
  }
}

/** The summary sentence of an import. */
export function reportSummary(r: { imported: number; duplicates: number; refused: number }): string {
  const parts = [`${r.imported} added`];
  if (r.duplicates) parts.push(`${r.duplicates} already in your vault`);
  if (r.refused) parts.push(`${r.refused} not added`);
  return parts.join(', ') + '.';
}

/** What the progress bar says. */
export function progressWords(p: Progress): string {
  if (p.stage === 'scanning') return 'Looking for files…';
  if (p.stage === 'ocr') return `Reading scanned page ${Math.min(p.done + 1, p.total)} of ${p.total}…`;
  if (p.done >= p.total) return `Finished: ${p.total} ${p.total === 1 ? 'file' : 'files'}.`;
  return `Adding file ${p.done + 1} of ${p.total}${p.item ? `: ${fileName(p.item)}` : ''}`;
}

export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
