/**
 * Applies Chargebee filters (`field[op]=value`) to stored records. The operator semantics follow
 * the field's runtime type: numbers (amounts, timestamps), booleans and strings. Which operators a
 * field allows is the catalog's business (validation.ts); this module only refuses operators that
 * exist nowhere, for endpoints the catalog does not describe.
 */
import { paramWrongValue } from './errors';
import type { FormTree, FormValue } from './form-parser';

const KNOWN_OPERATORS = new Set([
  'is', 'is_not', 'starts_with', 'in', 'not_in', 'is_present', 'lt', 'lte', 'gt', 'gte', 'between', 'after', 'before', 'on',
]);

export type FieldValue = string | number | boolean | null | undefined;
/** Reads one filterable field of a record; lets a filter group reach a joined record. */
export type FieldReader = (field: string) => FieldValue;

function asNumber(value: FormValue, param: string): number {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.trim())) throw paramWrongValue(param, 'invalid number');
  return Number(value);
}

function asList(value: FormValue, param: string): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : ''));
  if (typeof value === 'string') return [value];
  throw paramWrongValue(param, 'invalid list');
}

function utcDay(epochSeconds: number): number {
  return Math.floor(epochSeconds / 86400);
}

/** Whether `actual` satisfies `op value`; `param` names the filter for error messages. */
export function matchOperator(actual: FieldValue, op: string, value: FormValue, param: string): boolean {
  if (!KNOWN_OPERATORS.has(op)) throw paramWrongValue(param, `unknown operator ${op}`);
  const present = actual !== undefined && actual !== null && actual !== '';
  if (op === 'is_present') {
    if (value !== 'true' && value !== 'false') throw paramWrongValue(param, 'must be true or false');
    return present === (value === 'true');
  }
  if (typeof actual === 'number') {
    switch (op) {
      case 'is': return actual === asNumber(value, param);
      case 'is_not': return actual !== asNumber(value, param);
      case 'lt': case 'before': return actual < asNumber(value, param);
      case 'lte': return actual <= asNumber(value, param);
      case 'gt': case 'after': return actual > asNumber(value, param);
      case 'gte': return actual >= asNumber(value, param);
      case 'on': return utcDay(actual) === utcDay(asNumber(value, param));
      case 'between': {
        const [lo, hi] = asList(value, param).map((v) => asNumber(v, param));
        if (lo === undefined || hi === undefined) throw paramWrongValue(param, 'between needs two values');
        return actual >= lo && actual <= hi;
      }
      case 'in': return asList(value, param).map((v) => asNumber(v, param)).includes(actual);
      case 'not_in': return !asList(value, param).map((v) => asNumber(v, param)).includes(actual);
      default: return false;
    }
  }
  const text = actual === undefined || actual === null ? undefined : String(actual);
  switch (op) {
    case 'is': return text === value;
    case 'is_not': return text !== value;
    case 'starts_with': return typeof value === 'string' && text !== undefined && text.startsWith(value);
    case 'in': return text !== undefined && asList(value, param).includes(text);
    case 'not_in': return text === undefined || !asList(value, param).includes(text);
    // Comparisons on a missing value never match.
    default: return false;
  }
}

/**
 * Whether a record passes every `field[op]` in `filters`. `prefix` is the group name used in
 * error params (`customer` for `customer[email][is]`).
 */
export function matchesFilters(read: FieldReader, filters: FormTree, prefix = ''): boolean {
  for (const [field, ops] of Object.entries(filters)) {
    const param = prefix === '' ? field : `${prefix}[${field}]`;
    if (typeof ops !== 'object' || Array.isArray(ops)) throw paramWrongValue(param, 'a filter needs an operator, e.g. [is]');
    for (const [op, value] of Object.entries(ops)) {
      if (!matchOperator(read(field), op, value, `${param}[${op}]`)) return false;
    }
  }
  return true;
}

/** A reader over a plain record's own scalar fields. */
export function recordReader(record: object): FieldReader {
  const fields = record as Record<string, unknown>;
  return (field) => {
    const value = fields[field];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
  };
}

/** True if any filter value anywhere in the tree is `__fail__`: the documented failed-export trigger. */
export function containsFailTrigger(tree: FormValue): boolean {
  if (typeof tree === 'string') return tree === '__fail__';
  if (Array.isArray(tree)) return tree.some(containsFailTrigger);
  return Object.values(tree).some(containsFailTrigger);
}
