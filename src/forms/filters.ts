/**
 * Filter rows of the export forms: `{ group, field, op, values }` -> `{ [group]: { [field]: { [op]: v } } }`
 * (top-level filters have no group). Which value editor fits a row follows from the filter's type and
 * operator, so the webview and the converter agree on how many values a row carries.
 */
import type { FilterOperator, FilterSpec, FilterType, ParamValue } from '../chargebee/catalog/types';
import { parseDate } from './dates';
import type { FilterGroupDescriptor } from './model';
import type { FieldError, FilterRowValue } from './values';
import { filterPath } from './values';

export type FilterEditor =
  /** One value typed as text, number or picked from `values`. */
  | { readonly kind: 'single'; readonly input: 'text' | 'number' | 'date' | 'select' | 'boolean' }
  /** Two values: from and to. */
  | { readonly kind: 'range'; readonly input: 'number' | 'date' }
  /** Any number of values: a multi-select for enums, a comma-separated list otherwise. */
  | { readonly kind: 'multi'; readonly input: 'select' | 'text' | 'number' };

export const OPERATOR_LABELS: Readonly<Record<FilterOperator, string>> = {
  is: 'is',
  is_not: 'is not',
  starts_with: 'starts with',
  in: 'is one of',
  not_in: 'is none of',
  is_present: 'is present',
  lt: 'less than',
  lte: 'at most',
  gt: 'greater than',
  gte: 'at least',
  between: 'between',
  after: 'after',
  before: 'before',
  on: 'on',
};

export function filterEditor(type: FilterType, op: FilterOperator): FilterEditor {
  if (op === 'is_present') return { kind: 'single', input: 'boolean' };
  const scalar = scalarInput(type);
  if (op === 'between') return { kind: 'range', input: type === 'timestamp' ? 'date' : 'number' };
  if (op === 'in' || op === 'not_in') return { kind: 'multi', input: type === 'enum' ? 'select' : type === 'number' ? 'number' : 'text' };
  return { kind: 'single', input: scalar };
}

function scalarInput(type: FilterType): 'text' | 'number' | 'date' | 'select' | 'boolean' {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'timestamp':
      return 'date';
    case 'enum':
      return 'select';
    case 'boolean':
      return 'boolean';
  }
}

/** Splits a typed list ("a, b,c") into its entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function findFilter(groups: readonly FilterGroupDescriptor[], group: string, field: string): FilterSpec | undefined {
  return groups.find((g) => g.name === group)?.filters.find((f) => f.name === field);
}

export interface FilterConversion {
  readonly tree: Record<string, ParamValue>;
  readonly errors: FieldError[];
  /** Wire param (`customer[email][is]`, `status[in]`) -> row index, to place server and validation errors. */
  readonly paramToRow: Map<string, number>;
}

/**
 * Rows without a field or with no value are skipped (a half-built row is not an error until submit
 * would send nothing for it; the user sees it stays empty). Two rows with the same field and operator
 * are refused: the wire can carry only one.
 */
export function filterRowsToTree(groups: readonly FilterGroupDescriptor[], rows: readonly FilterRowValue[]): FilterConversion {
  const tree: Record<string, Record<string, ParamValue>> = {};
  const errors: FieldError[] = [];
  const paramToRow = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.field === '') return;
    const spec = findFilter(groups, row.group, row.field);
    const path = filterPath(index);
    if (!spec) {
      errors.push({ field: path, message: `${row.field} is not a filter of this export` });
      return;
    }
    const op = row.op as FilterOperator;
    if (!spec.operators.includes(op)) {
      errors.push({ field: path, message: `${spec.label} cannot be filtered with "${row.op}"` });
      return;
    }
    const entries = row.values.map((v) => v.trim());
    if (entries.every((v) => v === '')) {
      errors.push({ field: path, message: `${spec.label}: enter a value, or remove the row` });
      return;
    }
    const converted = convertFilterValue(spec, op, entries);
    if (!converted.ok) {
      errors.push({ field: path, message: `${spec.label} ${converted.error}` });
      return;
    }
    const param = row.group === '' ? `${row.field}[${op}]` : `${row.group}[${row.field}][${op}]`;
    if (paramToRow.has(param)) {
      errors.push({ field: path, message: `${spec.label} already has a "${OPERATOR_LABELS[op]}" filter above` });
      return;
    }
    paramToRow.set(param, index);
    if (row.group === '') {
      const ops = (tree[row.field] ??= {});
      ops[op] = converted.value;
    } else {
      const group = (tree[row.group] ??= {});
      const ops = (group[row.field] ??= {}) as Record<string, ParamValue>;
      ops[op] = converted.value;
    }
  });
  return { tree, errors, paramToRow };
}

type Converted = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly error: string };

function convertFilterValue(spec: FilterSpec, op: FilterOperator, entries: readonly string[]): Converted {
  const one = (text: string): { ok: true; value: string | number } | { ok: false; error: string } => {
    if (spec.type === 'timestamp') {
      if (/^\d{10}$/.test(text)) return { ok: true, value: Number(text) };
      const d = parseDate(text);
      return d.ok ? { ok: true, value: d.seconds } : { ok: false, error: d.message };
    }
    if (spec.type === 'number') return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: 'must be a whole number' };
    return { ok: true, value: text };
  };
  const editor = filterEditor(spec.type, op);
  if (editor.kind === 'single') {
    const v = one(entries[0] ?? '');
    if (!v.ok) return v;
    return { ok: true, value: editor.input === 'boolean' ? v.value === 'true' : v.value };
  }
  const items = editor.kind === 'multi' ? entries.flatMap(splitList) : entries;
  if (editor.kind === 'range' && (items.length !== 2 || items.some((t) => t === ''))) return { ok: false, error: 'needs both a start and an end' };
  const out: (string | number)[] = [];
  for (const t of items) {
    const v = one(t);
    if (!v.ok) return v;
    out.push(v.value);
  }
  if (editor.kind === 'range' && (out[0] ?? 0) > (out[1] ?? 0)) return { ok: false, error: 'starts after it ends' };
  return { ok: true, value: out };
}
