// The caseload over IPC: every family and child in the vault, most urgent first. Typed by the
// bindings generated from Rust; screens call these, never `call`.
import { call } from '../api';
import type { Caseload } from '../bindings/Caseload';

export const getCaseload = (): Promise<Caseload> => call('caseload_get');
