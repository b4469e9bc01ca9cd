/** The webview's mutable copy of the form values, and how it is restored from saved state. */
import type { FormModel } from '../../forms/model';
import { allItems } from '../../forms/model';
import type { FieldInput, FilterRowValue, FormValues } from '../../forms/values';
import type { FormRestoreRef } from '../protocol';
import { parseFormValues } from '../protocol';

export interface Draft {
  path: Record<string, string>;
  fields: Record<string, FieldInput>;
  rows: Record<string, Record<string, FieldInput>[]>;
  lists: Record<string, string[]>;
  filters: FilterRowValue[];
  filterTimeZone?: string;
}

export function toDraft(values: FormValues, model: FormModel): Draft {
  const draft = JSON.parse(JSON.stringify(values)) as Draft;
  // A required list starts with one row to fill in; blank rows are never sent anyway.
  for (const item of allItems(model)) {
    if (item.kind === 'list' && item.required && (draft.rows[item.name] ?? []).length === 0) draft.rows[item.name] = [{}];
  }
  return draft;
}

interface SavedState {
  readonly formId: string;
  readonly values: FormValues;
  /** The host's reference for rebuilding the form after a reload (src/webview/form-restore.ts). */
  readonly restore?: FormRestoreRef;
}

/** Saved values belong to one form: a reused webview state from another form is ignored. */
export function restoreValues(saved: unknown, formId: string): FormValues | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const s = saved as Partial<Record<keyof SavedState, unknown>>;
  return s.formId === formId ? parseFormValues(s.values) : undefined;
}

export function stateOf(formId: string, draft: Draft, restore?: FormRestoreRef): SavedState {
  return { formId, values: draft, ...(restore ? { restore } : {}) };
}
