// Bundles and packs over IPC: the template for a kind of pack, the child's documents, the live
// plan, saved packs, and Build (native Save dialog, progress events). Typed by the bindings
// generated from Rust (src/bundle).
import { listen } from '@tauri-apps/api/event';
import { call } from '../api';
import type { AppealType } from '../bindings/AppealType';
import type { BuildProgress } from '../bindings/BuildProgress';
import type { BundleDocument } from '../bindings/BundleDocument';
import type { BundlePlan } from '../bindings/BundlePlan';
import type { PackKind } from '../bindings/PackKind';
import type { PackRequest } from '../bindings/PackRequest';
import type { PackTemplate } from '../bindings/PackTemplate';
import type { SavedPack } from '../bindings/SavedPack';

/** Where a built bundle was saved, and the plan as built. */
export type BundleSaved = { path: string; sha256: string; plan: BundlePlan };

export const packTemplate = (kind: PackKind, appealType: AppealType | null): Promise<PackTemplate> =>
  call('bundle_template', { kind, appealType });
export const packDocuments = (childId: string): Promise<BundleDocument[]> => call('bundle_documents', { childId });
export const planPack = (request: PackRequest): Promise<BundlePlan> => call('bundle_plan', { request });
export const savePack = (id: string | null, request: PackRequest): Promise<SavedPack> =>
  call('bundle_pack_save', { id, request });
export const listPacks = (childId: string | null): Promise<SavedPack[]> => call('bundle_pack_list', { childId });
/** Asks where to save, then builds; null when the person cancels the Save dialog. */
export const buildAndSave = (request: PackRequest, fileName: string): Promise<BundleSaved | null> =>
  call('bundle_build_save', { request, fileName });

/** Calls `handler` with each step of a build. Resolves to a function that stops listening. */
export async function onBuildProgress(handler: (p: BuildProgress) => void): Promise<() => void> {
  return listen<BuildProgress>('bundle-progress', (event) => handler(event.payload));
}
