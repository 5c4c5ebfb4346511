// Words the Packs screen shows for the bundle module's codes.
import type { AppealType } from '../../lib/bindings/AppealType';
import type { PackKind } from '../../lib/bindings/PackKind';

export const PACK_KINDS: Record<PackKind, string> = {
  tribunal: 'Tribunal bundle',
  annual_review: 'Annual review pack',
  complaint: 'Complaint pack',
  custom: 'Custom pack',
};

export const APPEAL_TYPES: Record<AppealType, string> = {
  refusal_to_assess: 'Refusal to assess or re-assess',
  refusal_to_issue: 'Refusal to issue a plan',
  contents: 'Contents of the plan (Sections B and F)',
  school: 'Named school (Section I)',
  cease: 'Decision to cease the plan',
  extended: 'Extended appeal (health and social care)',
};

export const pages = (n: number): string => (n === 1 ? '1 page' : `${n} pages`);
export const pageRange = (first: number, last: number): string => (first === last ? `${first}` : `${first}–${last}`);

/** The first 16 hex digits of a fingerprint in groups of four, as the PDF's index prints it. */
export const shortFingerprint = (full: string): string => (full.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');

/** A file name for the Save dialog from a pack's title. */
export const fileNameFor = (title: string): string => `${title.replace(/[^A-Za-z0-9 ()-]/g, '').trim() || 'Pack'}.pdf`;
