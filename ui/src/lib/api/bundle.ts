// Bundles and packs over IPC: the template for a kind of pack, the child's documents, the live
// plan, saved packs, Preview (built in memory, bytes straight back, progress events), Build (native
// Save dialog, progress events), Open / Show in folder for the file just built, and the check of
// a bundle the family was sent (native Open dialog, progress events, then the letter to the LA or
// a SEND7 draft, and the document version marks the check uses). Typed by the bindings generated
// from Rust (src/bundle, src/documents/versions.rs).
import { listen } from '@tauri-apps/api/event';
import { call } from '../api';
import type { AppealType } from '../bindings/AppealType';
import type { BuildProgress } from '../bindings/BuildProgress';
import type { BundleCheck } from '../bindings/BundleCheck';
import type { BundleDocument } from '../bindings/BundleDocument';
import type { BundlePlan } from '../bindings/BundlePlan';
import type { Letter } from '../bindings/Letter';
import type { PackIssue } from '../bindings/PackIssue';
import type { PackKind } from '../bindings/PackKind';
import type { PackRequest } from '../bindings/PackRequest';
import type { PackTemplate } from '../bindings/PackTemplate';
import type { SavedPack } from '../bindings/SavedPack';
import type { VersionMark } from '../bindings/VersionMark';
import type { VersionSuggestion } from '../bindings/VersionSuggestion';

/** Where a built bundle was saved, and the plan as built. */
export type BundleSaved = { path: string; sha256: string; plan: BundlePlan };
/** A finished check of a bundle the family was sent: the file's name, and the report. */
export type CheckedBundle = { fileName: string; check: BundleCheck };
/** The child's version marks, and the pairs that look like versions (for the family to confirm). */
export type DocumentVersions = { marks: VersionMark[]; suggestions: VersionSuggestion[] };

export const packTemplate = (kind: PackKind, appealType: AppealType | null): Promise<PackTemplate> =>
  call('bundle_template', { kind, appealType });
export const packDocuments = (childId: string): Promise<BundleDocument[]> => call('bundle_documents', { childId });
export const planPack = (request: PackRequest): Promise<BundlePlan> => call('bundle_plan', { request });
export const savePack = (id: string | null, request: PackRequest): Promise<SavedPack> =>
  call('bundle_pack_save', { id, request });
export const listPacks = (childId: string | null): Promise<SavedPack[]> => call('bundle_pack_list', { childId });
export const getPack = (id: string): Promise<SavedPack> => call('bundle_pack_get', { id });
/** Deletes the saved choices only; the documents and any PDF already built stay. */
export const deletePack = (id: string): Promise<void> => call('bundle_pack_delete', { id });
/**
 * Builds the pack in memory for the in-app preview (progress events as for Build) and returns the
 * PDF's bytes. Nothing is saved, audited or noted on a saved pack. The bytes cross as a raw
 * response, never as a JSON array of numbers.
 */
export async function previewPack(request: PackRequest): Promise<Uint8Array> {
  const raw = await call<ArrayBuffer | Uint8Array | number[]>('bundle_preview', { request });
  if (raw instanceof Uint8Array) return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return Uint8Array.from(raw);
}
/**
 * Asks where to save, then builds; null when the person cancels the Save dialog. With `packId`,
 * the saved pack notes this build (date, pages, fingerprint).
 */
export const buildAndSave = (request: PackRequest, fileName: string, packId: string | null = null): Promise<BundleSaved | null> =>
  call('bundle_build_save', { request, fileName, packId });
/** A saved pack's builds, oldest first; a re-issue says where its late additions start. */
export const packIssues = (id: string): Promise<PackIssue[]> => call('bundle_pack_issues', { id });
/** The child's documents that are not yet in the pack's last build. */
export const reissueCandidates = (packId: string): Promise<BundleDocument[]> =>
  call('bundle_reissue_candidates', { packId });
/**
 * Asks where to save, then re-issues the pack's last build with these documents appended after its
 * last page (earlier page numbers unchanged); null when the person cancels the Save dialog.
 */
export const reissueAndSave = (packId: string, documentIds: string[], fileName: string): Promise<BundleSaved | null> =>
  call('bundle_reissue_save', { packId, documentIds, fileName });
/** Opens the bundle just built in the computer's PDF viewer (also the way to print it). */
export const openBuilt = (): Promise<void> => call('bundle_open_built');
/** Shows the bundle just built in the computer's file manager. */
export const showBuilt = (): Promise<void> => call('bundle_show_built');

/** Calls `handler` with each step of a build. Resolves to a function that stops listening. */
export async function onBuildProgress(handler: (p: BuildProgress) => void): Promise<() => void> {
  return listen<BuildProgress>('bundle-progress', (event) => handler(event.payload));
}

/**
 * Asks for the bundle PDF the family was sent (native Open dialog), then checks it against the
 * child's documents (or only a saved pack's), with page limits when the appeal type is given.
 * Progress comes as `bundle-check-progress` events; null when the person cancels the dialog.
 */
export const checkBundle = (childId: string, packId: string | null, appealType: AppealType | null): Promise<CheckedBundle | null> =>
  call('bundle_check_pick', { childId, packId, appealType });
/** The letter to the LA listing what the check found (an invalid_input error when nothing is wrong). */
export const checkLetter = (childId: string, checked: CheckedBundle, from: string | null): Promise<Letter> =>
  call('bundle_check_letter', { childId, fileName: checked.fileName, check: checked.check, from });
/** A draft request for change (SEND7) for more pages, when the family's evidence is over its limit. */
export const checkSend7 = (childId: string, checked: CheckedBundle, from: string | null): Promise<Letter> =>
  call('bundle_check_send7', { childId, fileName: checked.fileName, check: checked.check, from });
/** The child's version marks and the pairs that look like versions. */
export const documentVersions = (childId: string): Promise<DocumentVersions> => call('document_versions', { childId });
/** Marks `newer` as a newer version of `older`; with `clear`, takes that mark away. */
export const markNewerVersion = (newer: string, older: string, clear = false): Promise<void> =>
  call('document_mark_version', { newer, older, clear });

/** Calls `handler` with each step of a check. Resolves to a function that stops listening. */
export async function onCheckProgress(handler: (p: BuildProgress) => void): Promise<() => void> {
  return listen<BuildProgress>('bundle-check-progress', (event) => handler(event.payload));
}
