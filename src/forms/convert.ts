/**
 * Form values <-> the API param tree. Typed values go in (money in minor units, dates in UTC seconds,
 * booleans, integers) so the tree is exactly what the encoder sends; blank fields and all-blank rows
 * are left out. Conversion errors are reported on their field, and the field is left out of the tree.
 */
import type { ParamTree, ParamValue } from '../chargebee/catalog/types';
import { formatDate, parseDate } from './dates';
import { filterRowsToTree } from './filters';
import type { FieldDescriptor, FilterGroupDescriptor, FormModel } from './model';
import { allItems } from './model';
import { formatMinor, parseMoney } from './money';
import { isRecord } from '../util/guards';
import type { FieldError, FieldInput, FilterRowValue, FormValues, RowValues } from './values';
import { isBlank, objectFieldPath, rowFieldPath } from './values';

export interface ConvertContext {
  /** The currency money fields are typed in; a non-blank `currency_code` field of the form wins. */
  readonly currency: string;
}

export interface Conversion {
  readonly tree: ParamTree;
  /** Typed values that cannot be sent (left out of the tree), on their field. */
  readonly errors: FieldError[];
  /** Parts begun but not filled (a filter row without a value): refused at submit, not while typing. */
  readonly incomplete: FieldError[];
  /** For list groups and value lists: tree index -> form row index (blank rows are dropped). */
  readonly rowIndex: ReadonlyMap<string, readonly number[]>;
  /** For list groups: the form rows dropped as blank, so "row 0 is required" lands on the row the form shows. */
  readonly blankRows: ReadonlyMap<string, readonly number[]>;
  /** Filter wire params (`status[in]`) -> filter row index. */
  readonly filterRows: ReadonlyMap<string, number>;
  readonly currency: string;
}

/** The currency money fields are read in: the form's own `currency_code` when set, else the site's. */
export function currencyOf(values: FormValues, ctx: ConvertContext): string {
  const own = values.fields['currency_code'];
  return typeof own === 'string' && /^[A-Za-z]{3}$/.test(own.trim()) ? own.trim().toUpperCase() : ctx.currency;
}

export function toParamTree(model: FormModel, values: FormValues, ctx: ConvertContext): Conversion {
  const currency = currencyOf(values, ctx);
  const tree: Record<string, ParamValue> = {};
  const errors: FieldError[] = [];
  const incomplete: FieldError[] = [];
  const rowIndex = new Map<string, number[]>();
  const blankRows = new Map<string, number[]>();
  let filterRows: ReadonlyMap<string, number> = new Map();
  const convert = (f: FieldDescriptor, path: string, input: FieldInput | undefined): ParamValue => {
    const r = convertField(f, input, currency);
    if (r.error !== undefined) errors.push({ field: path, message: `${f.label} ${r.error}` });
    return r.value;
  };

  for (const item of allItems(model)) {
    switch (item.kind) {
      case 'field':
        setIfPresent(tree, item.field.name, convert(item.field, item.field.name, values.fields[item.field.name]));
        break;
      case 'object': {
        const group: Record<string, ParamValue> = {};
        for (const f of item.fields) {
          const path = objectFieldPath(item.name, f.name);
          setIfPresent(group, f.name, convert(f, path, values.fields[path]));
        }
        if (Object.keys(group).length > 0) tree[item.name] = group;
        break;
      }
      case 'list': {
        const rows: ParamTree[] = [];
        const index: number[] = [];
        const blank: number[] = [];
        blankRows.set(item.name, blank);
        (values.rows[item.name] ?? []).forEach((row: RowValues, i) => {
          const out: Record<string, ParamValue> = {};
          for (const f of item.fields) setIfPresent(out, f.name, convert(f, rowFieldPath(item.name, f.name, i), row[f.name]));
          // A row the user added but left blank is not a request for an empty row.
          if (Object.keys(out).length === 0 && item.fields.every((f) => isBlank(row[f.name]))) {
            blank.push(i);
            return;
          }
          rows.push(out);
          index.push(i);
        });
        if (rows.length > 0) tree[item.name] = rows;
        rowIndex.set(item.name, index);
        break;
      }
      case 'values': {
        const list: ParamValue[] = [];
        const index: number[] = [];
        (values.lists[item.name] ?? []).forEach((text, i) => {
          const v = convert(item.item, `${item.name}[${i}]`, text);
          if (v === undefined) return;
          list.push(v);
          index.push(i);
        });
        if (list.length > 0) tree[item.name] = list;
        rowIndex.set(item.name, index);
        break;
      }
      case 'filters': {
        const f = filterRowsToTree(item.groups, values.filters, { currency, ...(values.filterTimeZone !== undefined ? { timeZone: values.filterTimeZone } : {}) });
        errors.push(...f.errors);
        incomplete.push(...f.incomplete);
        filterRows = f.paramToRow;
        mergeInto(tree, f.tree);
        break;
      }
    }
  }
  return { tree, errors, incomplete, rowIndex, blankRows, filterRows, currency };
}

function setIfPresent(target: Record<string, ParamValue>, key: string, value: ParamValue): void {
  if (value !== undefined) target[key] = value;
}

/** Filter groups may share a name with an object param (`customer`), so merge instead of replace. */
function mergeInto(target: Record<string, ParamValue>, source: Readonly<Record<string, ParamValue>>): void {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (isRecord(existing) && isRecord(v)) {
      const merged: Record<string, ParamValue> = { ...existing };
      mergeInto(merged, v);
      target[k] = merged;
    } else target[k] = v;
  }
}

/** One field's typed value; `value` undefined means "not sent". */
export function convertField(f: FieldDescriptor, input: FieldInput | undefined, currency: string): { value: ParamValue; error?: string } {
  if (typeof input === 'boolean') return { value: f.type === 'boolean' ? input : String(input) };
  if (input === undefined || input.trim() === '') return { value: undefined };
  const text = input.trim();
  switch (f.type) {
    case 'money': {
      const m = parseMoney(text, currency);
      return m.ok ? { value: m.minor } : { value: undefined, error: m.message };
    }
    case 'timestamp': {
      // Pre-filled values that are already seconds pass through (e.g. a kept `trial_end=0`).
      if (/^\d{1,10}$/.test(text)) return { value: Number(text) };
      const d = parseDate(text);
      return d.ok ? { value: d.seconds } : { value: undefined, error: d.message };
    }
    case 'integer':
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { value: undefined, error: 'must be a whole number' };
    case 'boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { value: undefined, error: 'must be true or false' };
    case 'decimal':
      return /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? { value: text } : { value: undefined, error: 'must be a number with a dot for decimals' };
    case 'string':
    case 'enum':
      // Strings are sent as typed: surrounding spaces are almost never meant, but inner ones are.
      return { value: text };
  }
}

/** The reverse, for pre-filling edit forms from an existing object's params (minor -> major, seconds -> date). */
export function fromParamTree(model: FormModel, tree: ParamTree, ctx: ConvertContext): FormValues {
  const ownCurrency = tree['currency_code'];
  const currency = typeof ownCurrency === 'string' && ownCurrency !== '' ? ownCurrency : ctx.currency;
  const withTime = new Set(model.dateTimeFields);
  const fields: Record<string, FieldInput> = {};
  const rows: Record<string, RowValues[]> = {};
  const lists: Record<string, string[]> = {};
  let filters: FilterRowValue[] = [];
  const back = (f: FieldDescriptor, path: string, v: ParamValue): FieldInput | undefined => unconvertField(f, v, currency, withTime.has(path));

  for (const item of allItems(model)) {
    switch (item.kind) {
      case 'field': {
        const v = back(item.field, item.field.name, tree[item.field.name]);
        if (v !== undefined) fields[item.field.name] = v;
        break;
      }
      case 'object': {
        const group = tree[item.name];
        if (!isRecord(group)) break;
        for (const f of item.fields) {
          const path = objectFieldPath(item.name, f.name);
          const v = back(f, path, group[f.name]);
          if (v !== undefined) fields[path] = v;
        }
        break;
      }
      case 'list': {
        const list = tree[item.name];
        if (!Array.isArray(list)) break;
        rows[item.name] = (list as readonly ParamValue[]).filter((v) => isRecord(v)).map((row) => {
          const out: Record<string, FieldInput> = {};
          for (const f of item.fields) {
            const v = back(f, objectFieldPath(item.name, f.name), row[f.name]);
            if (v !== undefined) out[f.name] = v;
          }
          return out;
        });
        break;
      }
      case 'values': {
        const list = tree[item.name];
        if (!Array.isArray(list)) break;
        lists[item.name] = (list as readonly ParamValue[]).flatMap((v) => {
          const text = back(item.item, item.name, v);
          return typeof text === 'string' ? [text] : [];
        });
        break;
      }
      case 'filters':
        filters = treeToFilterRows(item.groups, tree, currency);
        break;
    }
  }
  return { path: {}, fields, rows, lists, filters };
}

/**
 * A sent date filter back as the row that sends it: days where the moments are the ones a day row
 * sends (see filters.ts), `between` of one whole day as `on`; any other moment stays an exact
 * 10-digit timestamp, so a preset saved with other moments runs unchanged.
 */
function dayRowOf(op: string, moments: readonly string[]): { op: string; values: string[] } {
  const n = moments.map(Number);
  const isStart = (x: number | undefined): boolean => x !== undefined && Number.isInteger(x) && x % DAY === 0;
  const isEnd = (x: number | undefined): boolean => x !== undefined && Number.isInteger(x) && (x + 1) % DAY === 0;
  const day = (x: number): string => formatDate(x);
  if (op === 'between' && n.length === 2 && isStart(n[0]) && isEnd(n[1])) {
    const [from = 0, to = 0] = n;
    return to - from === DAY - 1 ? { op: 'on', values: [day(from)] } : { op, values: [day(from), day(to)] };
  }
  if (op === 'before' && isStart(n[0])) return { op, values: [day(n[0] ?? 0)] };
  if (op === 'after' && isEnd(n[0])) return { op, values: [day(n[0] ?? 0)] };
  if (op === 'on' && isStart(n[0])) return { op, values: [day(n[0] ?? 0)] };
  return { op, values: [...moments] };
}

const DAY = 86_400;

function unconvertField(f: FieldDescriptor, v: ParamValue, currency: string, withTime: boolean): FieldInput | undefined {
  if (v === undefined || v === null || typeof v === 'object') return undefined;
  switch (f.type) {
    case 'money':
      return formatMinor(v as string | number, currency);
    case 'timestamp':
      // The API's 0 (trial_end=0: no trial) is the form's explicit choice, not 1970-01-01.
      return f.zeroMeans !== undefined && Number(v) === 0 ? '0' : formatDate(v as string | number, withTime);
    case 'boolean':
      return v === true || v === 'true';
    default:
      return String(v);
  }
}

/** Filter rows from a saved tree (presets keep the tree the user ran); dates back to `YYYY-MM-DD`, money to major units. */
function treeToFilterRows(groups: readonly FilterGroupDescriptor[], tree: ParamTree, currency: string): FilterRowValue[] {
  const rows: FilterRowValue[] = [];
  for (const g of groups) {
    const source = g.name === '' ? tree : tree[g.name];
    if (!isRecord(source)) continue;
    for (const f of g.filters) {
      const ops = source[f.name];
      if (!isRecord(ops)) continue;
      for (const [op, v] of Object.entries(ops)) {
        if (v === undefined || v === null) continue;
        const list = Array.isArray(v) ? (v as readonly ParamValue[]) : [v];
        if (f.type === 'timestamp') {
          rows.push({ group: g.name, field: f.name, ...dayRowOf(op, list.map((x) => String(x as string))) });
          continue;
        }
        const values = list.map((x) => (f.unit === 'money' ? formatMinor(String(x as string), currency) : String(x as string)));
        rows.push({ group: g.name, field: f.name, op, values });
      }
    }
  }
  return rows;
}
