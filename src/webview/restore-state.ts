/**
 * What a form webview keeps in its state for the panel serializer: its form id, the typed values and
 * the host's restore reference. Parsed here without `vscode`, like every message from a webview.
 */
import type { FormValues } from '../forms/values';
import type { FormRestoreRef } from './protocol';
import { parseFormValues } from './protocol';

export interface SavedFormState {
  readonly formId: string;
  readonly values?: FormValues;
  readonly restore: FormRestoreRef;
}

export function savedStateOf(state: unknown): SavedFormState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  if (typeof s['formId'] !== 'string' || !isRestoreRef(s['restore'])) return undefined;
  const values = parseFormValues(s['values']);
  return { formId: s['formId'], restore: s['restore'], ...(values ? { values } : {}) };
}

function isRestoreRef(v: unknown): v is FormRestoreRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const args = r['args'];
  return (
    typeof r['kind'] === 'string' &&
    typeof args === 'object' &&
    args !== null &&
    Object.values(args).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
  );
}

