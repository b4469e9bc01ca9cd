/**
 * The messages between a form webview and the extension host, both ways, as discriminated unions.
 * The host trusts nothing from the webview: every inbound message goes through parseWebviewMessage,
 * hand-written guards that check each field's type and size. Shared with the browser bundle, so no
 * `vscode` or Node imports here.
 */
import { PICKER_KINDS, type PickerKind } from '../chargebee/catalog/types';
import type { FormModel } from '../forms/model';
import type { FieldError, FilterRowValue, FormValues } from '../forms/values';
import type { PickerItem } from '../pickers/page';

/**
 * What a form shows of its site and types money in. The form engine sits below the sites feature, so
 * it names only what it needs; the sites' `SiteInfo` (src/sites/site.ts) satisfies it.
 */
export interface FormSiteInfo {
  readonly name: string;
  /** The currency money fields are typed in unless the form has its own `currency_code`. */
  readonly currency: string;
  readonly multiDecimal: boolean;
  readonly mode: 'test' | 'live';
}

export type { PickerItem } from '../pickers/page';

/** How a form panel comes back after a reload: the feature's kind of form and its arguments (see form-restore.ts). */
export interface FormRestoreRef {
  readonly kind: string;
  readonly args: Readonly<Record<string, string | number | boolean>>;
}

/** The currency money is typed in, and why: the webview validates and labels amounts with it. */
export interface FormCurrencyInfo {
  readonly code: string;
  /** Shown with it, e.g. "the customer's currency" or "assumed (the site's default) until a customer is chosen". */
  readonly basis: string;
}

/** A result worth a table, e.g. the unbilled charges an import created. */
export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface RequestPreview {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Decoded `name=value` lines, one per wire pair. */
  readonly body: string;
  /** The request as curl with the key redacted; also what "Copy as curl" copies. */
  readonly curl: string;
  /** Typed values the request leaves out because they cannot be sent as typed (each also an error on its field). */
  readonly unsent?: readonly string[];
}

export type HostToWebview =
  | {
      readonly type: 'init';
      /** Identifies this panel's form, so saved webview state is only restored into the same form. */
      readonly formId: string;
      readonly model: FormModel;
      readonly values: FormValues;
      readonly site: FormSiteInfo;
      readonly currency: FormCurrencyInfo;
      readonly submitLabel: string;
      /** Shown next to Submit, e.g. what an edit would reset. */
      readonly submitNote?: string;
      /** A submit is running (the webview was reloaded while hidden). */
      readonly busy: boolean;
      /** Saved preset names; absent when the form has no presets. */
      readonly presets?: readonly string[];
      /** Kept in the webview state, so the panel serializer can rebuild this form after a reload. */
      readonly restore?: FormRestoreRef;
    }
  | { readonly type: 'pickerResults'; readonly requestId: number; readonly items: readonly PickerItem[]; readonly nextOffset?: string; readonly error?: string }
  | { readonly type: 'validation'; readonly errors: readonly FieldError[] }
  | { readonly type: 'submitResult'; readonly ok: true; readonly summary: string; readonly table?: ResultTable }
  | { readonly type: 'submitResult'; readonly ok: false; readonly message: string; readonly field?: string }
  | { readonly type: 'preview'; readonly preview: RequestPreview }
  | { readonly type: 'currency'; readonly currency: FormCurrencyInfo }
  | { readonly type: 'setValues'; readonly values: FormValues }
  | { readonly type: 'presets'; readonly names: readonly string[] };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'change'; readonly values: FormValues }
  | { readonly type: 'pickerQuery'; readonly requestId: number; readonly kind: PickerKind; readonly text: string; readonly offset?: string }
  | { readonly type: 'submit'; readonly values: FormValues }
  /** The webview found errors and sends nothing: the host adds what its own rules find (answered by `validation`). */
  | { readonly type: 'check'; readonly values: FormValues }
  | { readonly type: 'copyCurl'; readonly values: FormValues }
  | { readonly type: 'cancel' }
  | { readonly type: 'savePreset'; readonly name: string; readonly values: FormValues }
  | { readonly type: 'loadPreset'; readonly name: string };

export { PICKER_KINDS };

/** Bounds on what a webview may send; far above any real form, low enough to refuse junk cheaply. */
export const LIMITS = {
  text: 10_000,
  name: 200,
  keys: 2_000,
  rows: 500,
  listItems: 1_000,
} as const;

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

type Guarded<T> = T | undefined;

export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  const type = raw.type as WebviewToHost['type'];
  switch (type) {
    case 'ready':
    case 'cancel':
      return onlyKeys(raw, ['type']) ? { type } : undefined;
    case 'change':
    case 'submit':
    case 'check':
    case 'copyCurl': {
      if (!onlyKeys(raw, ['type', 'values'])) return undefined;
      const values = parseFormValues(raw.values);
      return values ? { type, values } : undefined;
    }
    case 'pickerQuery': {
      if (!onlyKeys(raw, ['type', 'requestId', 'kind', 'text', 'offset'])) return undefined;
      const { requestId, kind, text, offset } = raw;
      if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId) || requestId < 0) return undefined;
      if (typeof kind !== 'string' || !(PICKER_KINDS as readonly string[]).includes(kind)) return undefined;
      if (!isText(text, LIMITS.name)) return undefined;
      if (offset !== undefined && !isText(offset, LIMITS.text)) return undefined;
      return { type, requestId, kind: kind as PickerKind, text, ...(offset === undefined ? {} : { offset }) };
    }
    case 'savePreset': {
      if (!onlyKeys(raw, ['type', 'name', 'values']) || !isName(raw.name)) return undefined;
      const values = parseFormValues(raw.values);
      return values ? { type, name: raw.name, values } : undefined;
    }
    case 'loadPreset':
      return onlyKeys(raw, ['type', 'name']) && isName(raw.name) ? { type, name: raw.name } : undefined;
    default:
      return undefined;
  }
}

export function parseFormValues(raw: unknown): Guarded<FormValues> {
  if (!isRecord(raw) || !onlyKeys(raw, ['path', 'fields', 'rows', 'lists', 'filters', 'filterTimeZone'])) return undefined;
  const { path, fields, rows, lists, filters, filterTimeZone } = raw;
  if (filterTimeZone !== undefined && !(isText(filterTimeZone, LIMITS.name) && /^[A-Za-z0-9_+\-/]+$/.test(filterTimeZone))) return undefined;
  if (!isRecordOf(path, (v) => isText(v, LIMITS.text))) return undefined;
  if (!isRecordOf(fields, isFieldInput)) return undefined;
  if (!isRecordOf(rows, (v) => isArrayOf(v, LIMITS.rows, (row) => isRecordOf(row, isFieldInput)))) return undefined;
  if (!isRecordOf(lists, (v) => isArrayOf(v, LIMITS.listItems, (item) => isText(item, LIMITS.text)))) return undefined;
  if (!isArrayOf(filters, LIMITS.rows, isFilterRow)) return undefined;
  return raw as unknown as FormValues;
}

function isFilterRow(raw: unknown): raw is FilterRowValue {
  return (
    isRecord(raw) &&
    onlyKeys(raw, ['group', 'field', 'op', 'values']) &&
    isText(raw.group, LIMITS.name) &&
    isText(raw.field, LIMITS.name) &&
    isText(raw.op, LIMITS.name) &&
    isArrayOf(raw.values, LIMITS.listItems, (v) => isText(v, LIMITS.text))
  );
}

function isFieldInput(v: unknown): boolean {
  return typeof v === 'boolean' || isText(v, LIMITS.text);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Plain keys only: a `__proto__` key must never reach code that copies objects by key. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isRecordOf(v: unknown, item: (value: unknown) => boolean): boolean {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.keys) return false;
  return keys.every((k) => k.length <= LIMITS.name && !FORBIDDEN_KEYS.has(k) && item(v[k]));
}

function isArrayOf(v: unknown, max: number, item: (value: unknown) => boolean): boolean {
  return Array.isArray(v) && v.length <= max && v.every((x: unknown) => item(x));
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isName(v: unknown): v is string {
  return isText(v, LIMITS.name) && v.trim() !== '';
}

/** Extra keys are refused too: a message that does not match its type exactly is not one we sent. */
function onlyKeys(v: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(v).every((k) => allowed.includes(k));
}
