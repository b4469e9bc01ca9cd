/**
 * Checks a param tree against its endpoint's catalog entry. The forms, the host (before it sends) and
 * the sandbox (when it receives) all run this, so a rule that exists here holds everywhere alike.
 *
 * List groups may come in three shapes, since forms build arrays and wire parsers build maps:
 * - an array of rows (`[{ id: 'a' }, { id: 'b' }]`): the row index in `param` is the array position,
 *   and holes (`undefined`/`null`) are skipped;
 * - an object keyed by index strings (`{ '1': { id: 'a' } }`): the index is the key, as on the wire;
 * - an object keyed by field whose values are arrays or index-keyed objects
 *   (`{ id: { '1': 'a' } }`): the column-major shape a naive bracket parser produces.
 * Simple value lists (`coupon_ids`) accept arrays and index-keyed objects the same way.
 */
import type {
  EndpointSpec,
  FieldSpec,
  FilterGroupSpec,
  FilterOperator,
  FilterSpec,
  GroupSpec,
  ParamScalar,
  ParamTree,
  ParamValue,
  ValueListSpec,
  Violation,
} from './catalog/types';
import { isRecord } from '../util/guards';

export interface ValidateOptions {
  /** Accept top-level params the catalog does not know (the API itself ignores few, so off by default). */
  readonly allowUnknown?: boolean;
  /**
   * Wire indices of array-shaped lists, by container (`addons`, `coupon_ids`): entry i is the index the
   * client sent for array position i. Lets a parser that compacts rows (the sandbox's) still name
   * `charges[amount][1]` exactly as sent.
   */
  readonly indexes?: ReadonlyMap<string, readonly string[]>;
}

/** Maps an array position of a list container to the index shown in `param`. */
type IndexOf = (container: string, position: number) => string;

type Sink = (param: string, rule: Violation['rule'], message: string) => void;

/** Params every list endpoint takes besides its own (docs/chargebee-api-notes.md#paging). */
const LIST_PARAMS = new Set(['limit', 'offset', 'sort_by', 'include_deleted']);
/** Enum lists longer than this are not spelled out in a message. */
const MAX_VALUES_IN_MESSAGE = 12;
const ALL_OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  'is', 'is_not', 'starts_with', 'in', 'not_in', 'is_present', 'lt', 'lte', 'gt', 'gte', 'between', 'after', 'before', 'on',
]);

export function validateParams(spec: EndpointSpec, tree: ParamTree, opts: ValidateOptions = {}): Violation[] {
  const out: Violation[] = [];
  const sink: Sink = (param, rule, message) => out.push({ param, rule, message });
  const indexOf: IndexOf = (container, position) => opts.indexes?.get(container)?.[position] ?? String(position);
  const paramsByName = new Map(spec.params.map((p) => [p.name, p]));
  const filtersByName = new Map((spec.filters ?? []).map((f) => [f.name, f]));
  const groupsByName = new Map((spec.filterGroups ?? []).map((g) => [g.name, g]));

  // Params first, in catalog order, so required-ness is checked even for absent keys.
  for (const p of spec.params) {
    const value = tree[p.name];
    if (p.kind === 'field') checkField(p, p.name, value, tree, sink);
    else if (p.kind === 'values') checkValueList(p, value, indexOf, sink);
    else if (p.shape === 'object') checkObjectGroup(p, value, sink);
    else checkListGroup(p, value, indexOf, sink);
  }

  for (const [key, value] of Object.entries(tree)) {
    if (isAbsent(value) || paramsByName.has(key)) continue;
    const filter = filtersByName.get(key);
    const group = groupsByName.get(key);
    if (filter) checkFilter(filter, key, value, sink);
    else if (group) checkFilterGroup(group, value, sink);
    else if (takesListParam(spec, key)) checkListParam(spec, key, value, sink);
    // Custom fields (`cf_*`) are site-defined, so only their prefix can be known (docs/chargebee-api-notes.md#data-conventions).
    else if (key.startsWith('cf_') && spec.id.startsWith('quotes.')) continue;
    else if (!opts.allowUnknown) sink(key, 'unknown', `${key} is not a parameter of "${spec.title}"`);
  }
  return out;
}

/** One line per violation, for an error notification or a log. */
/**
 * The values of an `in`/`not_in`/`between` operator. The wire carries one bracketed list, written
 * as JSON by Node (`["a","b"]`), as `str(list)` by Python (`['a', 'b']`) or bare (`[a,b]`); arrays pass
 * through. Returns undefined when the input is not a bracketed list.
 */
export function parseListValue(input: string | readonly ParamValue[]): string[] | undefined {
  if (typeof input !== 'string') return input.filter((v) => !isAbsent(v)).map((v) => scalarText(v) ?? '');
  const s = input.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return undefined;
  const inner = s.slice(1, -1).trim();
  if (inner === '') return [];
  try {
    // JSON keeps commas inside quoted values intact; the other forms cannot carry them anyway.
    const parsed: unknown = JSON.parse(s);
    if (Array.isArray(parsed) && parsed.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
      return parsed.map((v) => String(v as ParamScalar));
    }
  } catch {
    // not JSON: fall through to the lenient split
  }
  return inner.split(',').map((part) => part.trim().replace(/^(["'])(.*)\1$/, '$2'));
}

// ---- params ----

function checkField(f: FieldSpec, param: string, value: ParamValue, row: ParamTree, sink: Sink): void {
  if (isAbsent(value) || value === '') {
    if (f.required) sink(param, 'required', `${param} cannot be blank`);
    else if (f.requiredWhen) {
      const sibling = scalarText(row[f.requiredWhen.field]);
      if (sibling !== undefined && f.requiredWhen.in.includes(sibling)) {
        sink(param, 'required', `${param} cannot be blank when ${f.requiredWhen.field} is ${sibling}`);
      }
    }
    return;
  }
  const text = scalarText(value);
  if (text === undefined) {
    sink(param, 'type', `${param} must be a single value, not a list or group`);
    return;
  }
  if (f.maxLength !== undefined && [...text].length > f.maxLength) {
    sink(param, 'max_length', `${param} cannot be longer than ${f.maxLength} characters`);
  }
  switch (f.type) {
    case 'string':
      return;
    case 'enum':
      if (f.values && !f.values.includes(text)) sink(param, 'enum', enumMessage(param, text, f.values));
      return;
    case 'boolean':
      if (!isBooleanText(text)) sink(param, 'type', `${param} must be true or false`);
      return;
    case 'timestamp':
      // Up to 10 digits: `0` is meaningful (trial_end=0 activates now); 13 digits would be milliseconds.
      if (!/^\d{1,10}$/.test(text)) sink(param, 'type', `${param} must be a date in epoch seconds (at most 10 digits)`);
      return;
    case 'integer':
    case 'money':
    case 'decimal': {
      const ok = f.type === 'decimal' ? /^-?(\d+\.?\d*|\.\d+)$/.test(text) : /^-?\d+$/.test(text);
      if (!ok) {
        const what = f.type === 'money' ? 'an amount in minor units (a whole number)' : f.type === 'integer' ? 'a whole number' : 'a decimal number';
        sink(param, 'type', `${param} must be ${what}`);
        return;
      }
      const n = Number(text);
      if (f.min !== undefined && n < f.min) sink(param, 'min', `${param} must be at least ${f.min}`);
      if (f.max !== undefined && n > f.max) sink(param, 'max', `${param} must be at most ${f.max}`);
      return;
    }
  }
}

function checkValueList(p: ValueListSpec, value: ParamValue, indexOf: IndexOf, sink: Sink): void {
  const rows = isAbsent(value) ? [] : rowsOf(value, (i) => indexOf(p.name, i));
  if (rows === undefined) {
    sink(p.name, 'type', `${p.name} must be a list of values`);
    return;
  }
  if (rows.length === 0 && p.item.required) sink(`${p.name}[0]`, 'required', `${p.name}[0] cannot be blank`);
  if (p.maxItems !== undefined && rows.length > p.maxItems) {
    sink(p.name, 'max', `${p.name} cannot have more than ${p.maxItems} values`);
  }
  const item: FieldSpec = { ...p.item, kind: 'field', name: p.name, label: p.label };
  for (const [index, v] of rows) checkField(item, `${p.name}[${index}]`, v, {}, sink);
}

function checkObjectGroup(g: GroupSpec, value: ParamValue, sink: Sink): void {
  if (isAbsent(value)) {
    if (g.required) sink(g.name, 'required', `${g.name} cannot be blank`);
    // Required fields of an absent object are still missing, e.g. subscription[plan_id].
    else for (const f of g.fields) checkField(f, `${g.name}[${f.name}]`, undefined, {}, sink);
    return;
  }
  if (!isRecord(value)) {
    sink(g.name, 'type', `${g.name} must be a group of fields (${g.name}[field]=value)`);
    return;
  }
  checkRow(g, value, (f) => `${g.name}[${f}]`, sink);
}

function checkListGroup(g: GroupSpec, value: ParamValue, indexOf: IndexOf, sink: Sink): void {
  const rows = isAbsent(value) ? [] : listRowsOf(value, (i) => indexOf(g.name, i));
  if (rows === undefined) {
    sink(g.name, 'type', `${g.name} must be a list of rows (${g.name}[field][index]=value)`);
    return;
  }
  if (rows.length === 0 && g.required) {
    const first = g.fields.find((f) => f.required);
    const param = first ? `${g.name}[${first.name}][0]` : g.name;
    sink(param, 'required', first ? `${param} cannot be blank` : `${g.name} needs at least one row`);
  }
  if (g.maxItems !== undefined && rows.length > g.maxItems) {
    sink(g.name, 'max', `${g.name} cannot have more than ${g.maxItems} rows`);
  }
  for (const [index, row] of rows) {
    if (!isRecord(row)) sink(`${g.name}[${index}]`, 'type', `${g.name} row ${index} must be a group of fields`);
    else checkRow(g, row, (f) => `${g.name}[${f}][${index}]`, sink);
  }
}

function checkRow(g: GroupSpec, row: ParamTree, paramOf: (field: string) => string, sink: Sink): void {
  for (const f of g.fields) checkField(f, paramOf(f.name), row[f.name], row, sink);
  const known = new Set(g.fields.map((f) => f.name));
  for (const [key, v] of Object.entries(row)) {
    if (!known.has(key) && !isAbsent(v)) sink(paramOf(key), 'unknown', `${paramOf(key)} is not a field of ${g.name}`);
  }
}

/** limit and offset on every list; sort_by and include_deleted only where the endpoint declares them. */
function takesListParam(spec: EndpointSpec, key: string): boolean {
  if (!spec.list || !LIST_PARAMS.has(key)) return false;
  if (key === 'sort_by') return (spec.list.sortBy ?? []).length > 0;
  if (key === 'include_deleted') return spec.list.includeDeleted === true;
  return true;
}

function checkListParam(spec: EndpointSpec, key: string, value: ParamValue, sink: Sink): void {
  const limits: Record<string, FieldSpec> = {
    limit: { kind: 'field', name: 'limit', label: 'Limit', type: 'integer', min: 1, max: 100 },
    offset: { kind: 'field', name: 'offset', label: 'Offset', type: 'string', maxLength: 1000 },
    include_deleted: { kind: 'field', name: 'include_deleted', label: 'Include deleted', type: 'boolean' },
  };
  const f = limits[key];
  if (f) {
    checkField(f, key, value, {}, sink);
    return;
  }
  // sort_by[asc]=date or sort_by[desc]=date
  if (!isRecord(value)) {
    sink(key, 'type', 'sort_by takes a direction, e.g. sort_by[asc]=date');
    return;
  }
  for (const [dir, attr] of Object.entries(value)) {
    const param = `sort_by[${dir}]`;
    if (dir !== 'asc' && dir !== 'desc') sink(param, 'unknown', `${param}: the sort direction must be asc or desc`);
    const text = scalarText(attr);
    const allowed = spec.list?.sortBy ?? [];
    if (text === undefined) sink(param, 'type', `${param} must name one attribute`);
    else if (!allowed.includes(text)) sink(param, 'enum', enumMessage(param, text, allowed));
  }
}

// ---- filters ----

function checkFilterGroup(g: FilterGroupSpec, value: ParamValue, sink: Sink): void {
  if (!isRecord(value)) {
    sink(g.name, 'operator', `${g.name} filters take a field and an operator, e.g. ${g.name}[id][is]=…`);
    return;
  }
  const byName = new Map(g.filters.map((f) => [f.name, f]));
  for (const [key, v] of Object.entries(value)) {
    if (isAbsent(v)) continue;
    const f = byName.get(key);
    const param = `${g.name}[${key}]`;
    if (f) checkFilter(f, param, v, sink);
    else sink(param, 'unknown', `${param} is not a filter of ${g.name}`);
  }
}

function checkFilter(f: FilterSpec, base: string, value: ParamValue, sink: Sink): void {
  if (!isRecord(value)) {
    sink(base, 'operator', `${base} needs an operator, e.g. ${base}[${f.operators[0] ?? 'is'}]=…`);
    return;
  }
  for (const [op, v] of Object.entries(value)) {
    if (isAbsent(v)) continue;
    const param = `${base}[${op}]`;
    if (!ALL_OPERATORS.has(op) || !f.operators.includes(op as FilterOperator)) {
      sink(param, 'operator', `${base} does not support the ${op} operator; use ${f.operators.join(', ')}`);
      continue;
    }
    checkFilterValue(f, op as FilterOperator, param, v, sink);
  }
}

function checkFilterValue(f: FilterSpec, op: FilterOperator, param: string, value: ParamValue, sink: Sink): void {
  if (op === 'is_present') {
    const text = scalarText(value);
    if (text === undefined || !isBooleanText(text)) sink(param, 'type', `${param} must be true or false`);
    return;
  }
  if (op === 'in' || op === 'not_in' || op === 'between') {
    const items = Array.isArray(value) ? parseListValue(value) : typeof value === 'string' ? parseListValue(value) : undefined;
    if (items === undefined) {
      sink(param, 'type', `${param} must be a list, e.g. ["a","b"]`);
      return;
    }
    if (op === 'between' && items.length !== 2) {
      sink(param, 'type', `${param} needs exactly two values, e.g. [from,to]`);
      return;
    }
    for (const item of items) if (!checkFilterScalar(f, op, param, item, sink)) return;
    return;
  }
  const text = scalarText(value);
  if (text === undefined) sink(param, 'type', `${param} must be a single value`);
  else checkFilterScalar(f, op, param, text, sink);
}

/** Returns false after reporting, so a bad list reports once rather than once per item. */
function checkFilterScalar(f: FilterSpec, op: FilterOperator, param: string, text: string, sink: Sink): boolean {
  switch (f.type) {
    case 'number':
      if (/^-?\d+$/.test(text)) return true;
      sink(param, 'type', `${param} must be a whole number (amounts in minor units)`);
      return false;
    case 'timestamp':
      if (/^\d{10}$/.test(text)) return true;
      sink(param, 'type', `${param} must be a date in epoch seconds (10 digits)`);
      return false;
    case 'boolean':
      if (isBooleanText(text)) return true;
      sink(param, 'type', `${param} must be true or false`);
      return false;
    case 'enum':
      // Only exact-match operators carry enum values; other operators have been refused already.
      if (!f.values || !['is', 'is_not', 'in', 'not_in'].includes(op) || f.values.includes(text)) return true;
      sink(param, 'enum', enumMessage(param, text, f.values));
      return false;
    case 'string':
      return true;
  }
}

// ---- tree helpers ----

function isAbsent(v: ParamValue): v is null | undefined {
  return v === undefined || v === null;
}

const isIndexKey = (k: string): boolean => /^\d+$/.test(k);

/** Scalars as the wire would carry them; undefined for groups and lists. */
function scalarText(v: ParamValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isBooleanText(text: string): boolean {
  return text === 'true' || text === 'false';
}

/** Array positions (mapped through `indexOf`) or index keys, with their entries; holes skipped. */
function rowsOf(v: ParamValue, indexOf: (position: number) => string = String): [string, ParamValue][] | undefined {
  if (Array.isArray(v)) {
    const list = v as readonly ParamValue[];
    return list.flatMap((item, i): [string, ParamValue][] => (isAbsent(item) ? [] : [[indexOf(i), item]]));
  }
  if (isRecord(v) && Object.keys(v).every(isIndexKey)) {
    return Object.entries(v)
      .filter(([, item]) => !isAbsent(item))
      .sort(([a], [b]) => Number(a) - Number(b));
  }
  return undefined;
}

/** Rows of a list group in any of the three accepted shapes (see the file comment). */
function listRowsOf(v: ParamValue, indexOf: (position: number) => string): [string, ParamValue][] | undefined {
  const rows = rowsOf(v, indexOf);
  if (rows !== undefined || !isRecord(v)) return rows;
  const byIndex = new Map<string, Record<string, ParamValue>>();
  for (const [fieldName, column] of Object.entries(v)) {
    const cells = rowsOf(column);
    if (cells === undefined) return undefined;
    for (const [index, cell] of cells) {
      const row = byIndex.get(index) ?? {};
      row[fieldName] = cell;
      byIndex.set(index, row);
    }
  }
  return [...byIndex.entries()].sort(([a], [b]) => Number(a) - Number(b));
}

function enumMessage(param: string, text: string, allowed: readonly string[]): string {
  return allowed.length <= MAX_VALUES_IN_MESSAGE
    ? `${param} must be one of ${allowed.join(', ')} (got "${text}")`
    : `${param} cannot be "${text}"; it is not one of the ${allowed.length} allowed values`;
}
