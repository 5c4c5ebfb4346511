// Documents over IPC: import (dialog, folder, dropped files) with progress, the list, search,
// metadata, the bytes the viewer shows, export and OCR. Typed by the bindings generated from Rust;
// screens call these, never `call` itself.
import { call, onEvent } from '../api';
import type { Document } from '../bindings/Document';
import type { DocumentFilter } from '../bindings/DocumentFilter';
import type { DocumentMetadata } from '../bindings/DocumentMetadata';
import type { ExportReceipt } from '../bindings/ExportReceipt';
import type { ImportReport } from '../bindings/ImportReport';
import type { MetadataChange } from '../bindings/MetadataChange';
import type { OcrReport } from '../bindings/OcrReport';
import type { RereadReport } from '../bindings/RereadReport';
import type { PageInfo } from '../bindings/PageInfo';
import type { Progress } from '../bindings/Progress';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchQuery } from '../bindings/SearchQuery';

export const NO_METADATA: DocumentMetadata = {
  title: null,
  kind: null,
  author: null,
  dated: null,
  received: null,
  planSection: null,
  tags: [],
  childId: null,
};

export const NO_FILTER: DocumentFilter = { childId: null, kind: null, author: null, tag: null, from: null, to: null };

/** Shows the system's file dialog and imports the files chosen. Null when the person cancels. */
export const importFiles = (metadata: DocumentMetadata = NO_METADATA): Promise<ImportReport | null> =>
  call('document_import_files', { metadata });
/** Shows the system's folder dialog and imports everything in it. Null when the person cancels. */
export const importFolder = (metadata: DocumentMetadata = NO_METADATA): Promise<ImportReport | null> =>
  call('document_import_folder', { metadata });
/** Imports files (or folders) dropped onto the window. */
export const importPaths = (paths: string[], metadata: DocumentMetadata = NO_METADATA): Promise<ImportReport> =>
  call('document_import_paths', { paths, metadata });

export const listDocuments = (filter: DocumentFilter = NO_FILTER): Promise<Document[]> => call('document_list', { filter });
export const getDocument = (id: string): Promise<Document> => call('document_get', { id });
export const documentPages = (id: string): Promise<PageInfo[]> => call('document_pages', { id });
export const pageText = (id: string, page: number): Promise<string> => call('document_page_text', { id, page });
export const updateDocument = (id: string, change: MetadataChange): Promise<Document> =>
  call('document_update', { id, change });
export const searchDocuments = (query: SearchQuery): Promise<SearchHit[]> => call('document_search', { query });

/** The bytes the viewer shows (a Word document's PDF rendition, or the original), kept in memory. */
export async function viewBytes(id: string): Promise<Uint8Array> {
  const raw = await call<ArrayBuffer | Uint8Array | number[]>('document_view_bytes', { id });
  if (raw instanceof Uint8Array) return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return Uint8Array.from(raw);
}

/** Shows the system's Save dialog and writes an exact copy of the original. Null when cancelled. */
export const exportDocument = (id: string): Promise<ExportReceipt | null> => call('document_export', { id });
/** Opens the copy just exported (and only that) in the computer's own viewer. */
export const openExported = (): Promise<void> => call('document_open_exported');

export const ocrAvailable = (): Promise<boolean> => call('document_ocr_available');
/** Reads a few scanned pages; call again while `pagesLeft` is above zero. */
export const runOcr = (): Promise<OcrReport> => call('document_ocr_run');

/** How many documents wait to be read again by the improved text reader (after an upgrade). */
export const rereadWaiting = (): Promise<number> => call('document_reread_waiting');
/** Reads a few of them again; call again while `documentsLeft` is above zero. */
export const runReread = (): Promise<RereadReport> => call('document_reread_run');

export const onImportProgress = (handler: (p: Progress) => void) => onEvent<Progress>('import-progress', handler);
export const onOcrProgress = (handler: (p: Progress) => void) => onEvent<Progress>('ocr-progress', handler);
