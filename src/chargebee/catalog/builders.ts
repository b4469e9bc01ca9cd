/**
 * Small constructors for catalog entries. The catalog is data, but written out as object literals it
 * would be several thousand lines of `kind: 'field', type: ...`; these keep each field on one line.
 */
import type { FieldSpec, FieldType, FilterOperator, FilterSpec, FilterType, GroupSpec, ParamSpec, ValueListSpec } from './types';

/** Everything of a FieldSpec except what the constructor's arguments already say. */
export type FieldOpts = Partial<Omit<FieldSpec, 'kind' | 'name' | 'type' | 'label'>>;

/** `plan_id` -> `Plan id`: the fallback label when the docs give nothing better. */
export function labelOf(name: string): string {
  const words = name.replace(/_in_decimal$/, ' (decimal)').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function field(type: FieldType, name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec {
  const { label, ...rest } = opts;
  return { kind: 'field', name, type, label: label ?? labelOf(name), ...rest };
}

export const str = (name: string, maxLength?: number, opts: FieldOpts & { label?: string } = {}): FieldSpec =>
  field('string', name, maxLength === undefined ? opts : { maxLength, ...opts });
export const int = (name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec => field('integer', name, opts);
export const money = (name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec => field('money', name, opts);
export const ts = (name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec => field('timestamp', name, opts);
export const bool = (name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec => field('boolean', name, opts);
export const enm = (name: string, values: readonly string[], opts: FieldOpts & { label?: string } = {}): FieldSpec =>
  field('enum', name, { values, ...opts });
/** `*_in_decimal`: a decimal string in major units, shown only on multi-decimal sites. */
export const dec = (name: string, maxLength: number, opts: FieldOpts & { label?: string } = {}): FieldSpec =>
  field('decimal', name, { maxLength, multiDecimal: true, ...opts });
/** A decimal that is not a multi-decimal amount, e.g. a discount percentage. */
export const num = (name: string, opts: FieldOpts & { label?: string } = {}): FieldSpec => field('decimal', name, opts);

export function values(name: string, item: ValueListSpec['item'], opts: { label?: string; help?: string; maxItems?: number } = {}): ValueListSpec {
  const { label, ...rest } = opts;
  return { kind: 'values', name, label: label ?? labelOf(name), item, ...rest };
}

interface GroupOpts {
  readonly label?: string;
  readonly help?: string;
  readonly required?: boolean;
  readonly maxItems?: number;
}

export function object(name: string, fields: readonly FieldSpec[], opts: GroupOpts = {}): GroupSpec {
  const { label, ...rest } = opts;
  return { kind: 'group', name, label: label ?? labelOf(name), shape: 'object', fields, ...rest };
}

export function list(name: string, fields: readonly FieldSpec[], opts: GroupOpts = {}): GroupSpec {
  const { label, ...rest } = opts;
  return { kind: 'group', name, label: label ?? labelOf(name), shape: 'list', fields, ...rest };
}

/** The same field with some properties changed, e.g. made required for one endpoint. */
export function withOpts(spec: FieldSpec, opts: FieldOpts): FieldSpec {
  return { ...spec, ...opts };
}

/** Drops fields by name; used to derive edit bodies and variants of shared groups. */
export function without(fields: readonly FieldSpec[], names: readonly string[]): FieldSpec[] {
  return fields.filter((f) => !names.includes(f.name));
}

/**
 * The body of an edit endpoint: its create endpoint's body minus `name` and the identifying keys
 * (top-level names, or `group[field]` for keys inside an object group such as `subscription[id]`).
 */
export function editBody(createParams: readonly ParamSpec[], identifying: readonly string[]): ParamSpec[] {
  const dropped = new Set(['name', ...identifying]);
  return createParams
    .filter((p) => !dropped.has(p.name))
    .map((p) => {
      if (p.kind !== 'group') return p;
      const inner = p.fields.filter((f) => !dropped.has(`${p.name}[${f.name}]`));
      return inner.length === p.fields.length ? p : { ...p, fields: inner };
    });
}

// ---- filters ----

/** The operator sets of the export docs' legend (docs/chargebee-api-notes.md#export-filters). */
export const OPS = {
  S: ['is', 'is_not', 'starts_with'],
  SIN: ['is', 'is_not', 'starts_with', 'in', 'not_in'],
  SP: ['is', 'is_not', 'starts_with', 'is_present'],
  SPIN: ['is', 'is_not', 'starts_with', 'is_present', 'in', 'not_in'],
  N: ['is', 'is_not', 'lt', 'lte', 'gt', 'gte', 'between'],
  NP: ['is', 'is_not', 'lt', 'lte', 'gt', 'gte', 'between', 'is_present'],
  T: ['after', 'before', 'on', 'between'],
  TP: ['after', 'before', 'on', 'between', 'is_present'],
  E: ['is', 'is_not', 'in', 'not_in'],
  EP: ['is', 'is_not', 'in', 'not_in', 'is_present'],
  B: ['is'],
} as const satisfies Record<string, readonly FilterOperator[]>;

export type OpSet = keyof typeof OPS;

function filter(name: string, type: FilterType, ops: OpSet | readonly FilterOperator[], extra: { values?: readonly string[]; label?: string; help?: string; unit?: 'money' }): FilterSpec {
  const { label, ...rest } = extra;
  return { name, type, label: label ?? labelOf(name), operators: typeof ops === 'string' ? OPS[ops] : ops, ...rest };
}

export const fStr = (name: string, ops: OpSet | readonly FilterOperator[] = 'SIN', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'string', ops, extra);
export const fNum = (name: string, ops: OpSet | readonly FilterOperator[] = 'N', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'number', ops, extra);
/** A number filter holding an amount in minor units; forms take it in major units. */
export const fMoney = (name: string, ops: OpSet | readonly FilterOperator[] = 'N', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'number', ops, { ...extra, unit: 'money' });
export const fTs = (name: string, ops: OpSet | readonly FilterOperator[] = 'T', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'timestamp', ops, extra);
export const fEnum = (name: string, vals: readonly string[], ops: OpSet | readonly FilterOperator[] = 'E', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'enum', ops, { values: vals, ...extra });
export const fBool = (name: string, ops: OpSet | readonly FilterOperator[] = 'B', extra: { label?: string; help?: string } = {}): FilterSpec =>
  filter(name, 'boolean', ops, extra);
