/**
 * Filter rows of the export forms: `{ group, field, op, values }` -> `{ [group]: { [field]: { [op]: v } } }`
 * (top-level filters have no group). Which value editor fits a row follows from the filter's type and
 * operator, so the webview and the converter agree on how many values a row carries.
 */
import type { FilterOperator, FilterSpec, FilterType, ParamValue } from '../chargebee/catalog/types';
import { dayStartIn, isTimeZone, parseDate } from './dates';
import { parseMoney } from './money';
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

/** How filter values are read: money in this currency's major units, dates as whole days in a zone. */
export interface FilterContext {
  readonly currency: string;
  /** IANA zone the days are in; UTC when absent. */
  readonly timeZone?: string;
}

/** The zone filter dates are days in unless the form chooses another; shown next to the filters. */
export const FILTER_TIME_ZONE = 'UTC';
const DAY = 86_400;

export interface FilterConversion {
  readonly tree: Record<string, ParamValue>;
  /** Typed values that cannot be sent, on their row. */
  readonly errors: FieldError[];
  /** Rows with a field but no value yet: errors at submit, not while the row is being built. */
  readonly incomplete: FieldError[];
  /** Wire param (`customer[email][is]`, `status[in]`) -> row index, to place server and validation errors. */
  readonly paramToRow: Map<string, number>;
}

/**
 * Rows without a field or with no value are skipped (a half-built row is not an error until submit
 * would send nothing for it; the user sees it stays empty). Two rows with the same field and operator
 * are refused: the wire can carry only one.
 */
export function filterRowsToTree(groups: readonly FilterGroupDescriptor[], rows: readonly FilterRowValue[], ctx: FilterContext): FilterConversion {
  const tree: Record<string, Record<string, ParamValue>> = {};
  const errors: FieldError[] = [];
  const incomplete: FieldError[] = [];
  const paramToRow = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.field === '') return;
    const spec = findFilter(groups, row.group, row.field);
    const path = filterPath(index);
    if (!spec) {
      errors.push({ field: path, message: `${row.field} is not a filter of this export` });
      return;
    }
    const chosen = row.op as FilterOperator;
    if (!spec.operators.includes(chosen)) {
      errors.push({ field: path, message: `${spec.label} cannot be filtered with "${row.op}"` });
      return;
    }
    const entries = row.values.map((v) => v.trim());
    if (entries.every((v) => v === '')) {
      incomplete.push({ field: path, message: `${spec.label}: enter a value, or remove the row` });
      return;
    }
    const converted = convertFilterValue(spec, chosen, entries, ctx);
    if (!converted.ok) {
      errors.push({ field: path, message: `${spec.label} ${converted.error}` });
      return;
    }
    const op = converted.op;
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
  return { tree, errors, incomplete, paramToRow };
}

type Converted = { readonly ok: true; readonly op: FilterOperator; readonly value: ParamValue } | { readonly ok: false; readonly error: string };
type One = { ok: true; value: string | number } | { ok: false; error: string };

/**
 * A typed date is a whole day in FILTER_TIME_ZONE. The API compares moments (after/before are strict,
 * between includes both ends, as its `[1704067200,1717199999]` example from Jan 1 00:00 to May 31
 * 23:59:59 shows), so each operator is sent as the moments that make it mean the day:
 *   before d -> before d 00:00;  after d -> after d 23:59:59;
 *   between d1, d2 -> [d1 00:00, d2 23:59:59];  on d -> between [d 00:00, d 23:59:59].
 * A 10-digit number is taken as an exact moment (presets keep what they sent) and sent as typed.
 */
function dayBounds(text: string, timeZone: string): { ok: true; start: number; end: number; exact: boolean } | { ok: false; error: string } {
  if (/^\d{10}$/.test(text)) return { ok: true, start: Number(text), end: Number(text), exact: true };
  const d = parseDate(text);
  if (!d.ok) return { ok: false, error: d.message };
  // A day in a zone with daylight saving may be 23 or 25 hours: its end is the next day's start.
  return { ok: true, start: dayStartIn(d.seconds, timeZone), end: dayStartIn(d.seconds + DAY, timeZone) - 1, exact: false };
}

function convertFilterValue(spec: FilterSpec, op: FilterOperator, entries: readonly string[], ctx: FilterContext): Converted {
  if (spec.type === 'timestamp' && op !== 'is_present') {
    const zone = ctx.timeZone ?? FILTER_TIME_ZONE;
    if (!isTimeZone(zone)) return { ok: false, error: `cannot be read in the time zone ${zone}` };
    return convertDayFilter(op, entries, zone);
  }
  const one = (text: string): One => {
    if (spec.type === 'number') {
      if (spec.unit === 'money') {
        const m = parseMoney(text, ctx.currency);
        return m.ok ? { ok: true, value: m.minor } : { ok: false, error: m.message };
      }
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: 'must be a whole number' };
    }
    return { ok: true, value: text };
  };
  const editor = filterEditor(spec.type, op);
  if (editor.kind === 'single') {
    const v = one(entries[0] ?? '');
    if (!v.ok) return v;
    return { ok: true, op, value: editor.input === 'boolean' ? v.value === 'true' : v.value };
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
  return { ok: true, op, value: out };
}

function convertDayFilter(op: FilterOperator, entries: readonly string[], zone: string): Converted {
  if (op === 'between') {
    if (entries.length !== 2 || entries.some((t) => t === '')) return { ok: false, error: 'needs both a start and an end' };
    const from = dayBounds(entries[0] ?? '', zone);
    if (!from.ok) return from;
    const to = dayBounds(entries[1] ?? '', zone);
    if (!to.ok) return to;
    if (from.start > to.end) return { ok: false, error: 'starts after it ends' };
    return { ok: true, op, value: [from.start, to.end] };
  }
  const d = dayBounds(entries[0] ?? '', zone);
  if (!d.ok) return d;
  switch (op) {
    case 'before':
      return { ok: true, op, value: d.start };
    case 'after':
      return { ok: true, op, value: d.end };
    case 'on':
      return d.exact ? { ok: true, op, value: d.start } : { ok: true, op: 'between', value: [d.start, d.end] };
    default:
      return { ok: false, error: `cannot be filtered with "${op}"` };
  }
}

/** What a date filter row is sent as, in words, for the hint under it. */
export function dayFilterHint(op: string, timeZone: string = FILTER_TIME_ZONE): string {
  switch (op) {
    case 'before':
      return `Before the day starts (00:00 ${timeZone}).`;
    case 'after':
      return `After the day ends (from the next day, 00:00 ${timeZone}).`;
    case 'on':
      return `The whole day, 00:00 to 23:59:59 ${timeZone} (sent as between).`;
    case 'between':
      return `Both days included: from the first day's 00:00 to the last day's 23:59:59 ${timeZone}.`;
    default:
      return '';
  }
}
