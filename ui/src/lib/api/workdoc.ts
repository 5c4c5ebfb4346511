// The tribunal working document over IPC: list, make, show, propose, agree, save (send) as .docx or
// PDF, and read the LA's .docx back. Typed by the bindings generated from Rust; screens call these,
// never `call`.
import { call } from '../api';
import type { EvidenceInput } from '../bindings/EvidenceInput';
import type { ExportFormat } from '../bindings/ExportFormat';
import type { ImportedWorkdoc } from '../bindings/ImportedWorkdoc';
import type { NewWorkdoc } from '../bindings/NewWorkdoc';
import type { Party } from '../bindings/Party';
import type { Workdoc } from '../bindings/Workdoc';
import type { WorkdocSent } from '../bindings/WorkdocSent';
import type { WorkdocSummary } from '../bindings/WorkdocSummary';

export const listWorkdocs = (childId: string): Promise<WorkdocSummary[]> => call('workdoc_list', { childId });

export const createWorkdoc = (input: NewWorkdoc): Promise<Workdoc> => call('workdoc_create', { input });

export const getWorkdoc = (id: string, version: number | null = null): Promise<Workdoc> =>
  call('workdoc_get', { id, version });

export const proposeWording = (
  id: string,
  row: number,
  by: Party,
  text: string,
  evidence: EvidenceInput[] = [],
): Promise<Workdoc> => call('workdoc_propose', { id, row, by, text, evidence });

export const agreeRow = (id: string, row: number, text: string | null): Promise<Workdoc> =>
  call('workdoc_agree', { id, row, text });

/** Shows the native Save dialog, writes the file and keeps the version as sent. Null if cancelled. */
export const sendWorkdoc = (id: string, format: ExportFormat): Promise<WorkdocSent | null> =>
  call('workdoc_send', { id, format });

/** Shows the native file picker for the LA's .docx and reads it into a new version. Null if cancelled. */
export const importWorkdoc = (childId: string): Promise<ImportedWorkdoc | null> => call('workdoc_import', { childId });
