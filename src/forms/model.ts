/**
 * The form model: what a webview renders for one endpoint, derived from its catalog entry. It is
 * plain JSON (it travels in the `init` message) and carries the EndpointSpec itself, so the browser
 * can run the same validation as the host without importing the catalog.
 */
import type { EndpointSpec, FieldSpec, FieldType, FilterSpec, ParamSpec, PickerKind, ProductCatalog } from '../chargebee/catalog/types';

export type Widget = 'text' | 'integer' | 'money' | 'decimal' | 'date' | 'datetime' | 'checkbox' | 'select' | 'picker';

/** A picker fixed by the catalog, or one chosen by a sibling field's value (entity_id by entity_type). */
export type PickerRef = PickerKind | { readonly field: string; readonly byValue: Readonly<Partial<Record<string, PickerKind>>> };

export interface FieldDescriptor {
  /** The API name inside its container (`plan_id` of `subscription[plan_id]`). */
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly widget: Widget;
  readonly help?: string;
  readonly required?: boolean;
  readonly requiredWhen?: FieldSpec['requiredWhen'];
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  /** The server's default, shown as a hint; never pre-filled (edit forms must not overwrite with it). */
  readonly defaultHint?: string;
  readonly picker?: PickerRef;
  readonly deprecated?: boolean;
  /** A date whose API value 0 means something: offered as a checkbox with this label, sending 0. */
  readonly zeroMeans?: string;
}

export type FormItem =
  | { readonly kind: 'field'; readonly field: FieldDescriptor }
  | { readonly kind: 'object'; readonly name: string; readonly label: string; readonly help?: string; readonly fields: readonly FieldDescriptor[] }
  | {
      readonly kind: 'list';
      readonly name: string;
      readonly label: string;
      readonly help?: string;
      readonly required?: boolean;
      readonly maxItems?: number;
      readonly fields: readonly FieldDescriptor[];
    }
  | { readonly kind: 'values'; readonly name: string; readonly label: string; readonly help?: string; readonly maxItems?: number; readonly item: FieldDescriptor }
  | { readonly kind: 'filters'; readonly groups: readonly FilterGroupDescriptor[] };

/** Filters offered in one group of the filter builder; `name` is '' for top-level filters. */
export interface FilterGroupDescriptor {
  readonly name: string;
  readonly label: string;
  readonly filters: readonly FilterSpec[];
}

export interface FormSection {
  readonly id: string;
  readonly title: string;
  readonly items: readonly FormItem[];
  /** Advanced fields: the section starts closed and its heading says how many of its fields are filled. */
  readonly collapsed?: boolean;
}

export interface FormModel {
  readonly spec: EndpointSpec;
  readonly title: string;
  readonly description?: string;
  readonly catalogVersion: ProductCatalog;
  readonly multiDecimal: boolean;
  readonly pathParams: readonly FieldDescriptor[];
  readonly sections: readonly FormSection[];
  /** Timestamp fields (by field path without row index, e.g. `charges[date_from]`) shown with a time. */
  readonly dateTimeFields: readonly string[];
}

export interface FormModelOptions {
  readonly catalogVersion: ProductCatalog;
  readonly multiDecimal: boolean;
  /** Params left out of the form: top-level names, `group[field]`, or path param names. */
  readonly hide?: readonly string[];
  /** Named sections in order, by top-level param name; params not named go to a last section. */
  readonly sections?: readonly { readonly title: string; readonly params: readonly string[]; readonly collapsed?: boolean }[];
  /** Pickers beyond the catalog's, by `name` or `group[field]`. */
  readonly pickers?: Readonly<Record<string, PickerRef>>;
  /** Timestamp fields shown as date and time (by `name` or `group[field]`); others as a date. */
  readonly dateTime?: readonly string[];
  /** Leave deprecated optional fields out (they are shown, marked, by default). */
  readonly hideDeprecated?: boolean;
}

const FILTERS_ID = '#filters';

export function buildFormModel(spec: EndpointSpec, opts: FormModelOptions): FormModel {
  if (spec.catalog !== undefined && spec.catalog !== opts.catalogVersion) {
    throw new Error(`${spec.title} exists only in Product Catalog ${spec.catalog}.0, not ${opts.catalogVersion}.0`);
  }
  const hidden = new Set(opts.hide ?? []);
  const dateTime = new Set(opts.dateTime ?? []);
  const keep = (f: FieldSpec, path: string): boolean =>
    !hidden.has(path) && (opts.multiDecimal || !f.multiDecimal) && (opts.hideDeprecated !== true || !f.deprecated || f.required === true);
  const describe = (f: FieldSpec, path: string): FieldDescriptor => describeField(f, opts.pickers?.[path], dateTime.has(path));

  const items = new Map<string, FormItem>();
  for (const p of spec.params) {
    if (hidden.has(p.name)) continue;
    const item = itemOf(p, keep, describe);
    if (item) items.set(p.name, item);
  }
  const filterGroups: FilterGroupDescriptor[] = [];
  if (spec.filters && spec.filters.length > 0) filterGroups.push({ name: '', label: spec.title, filters: spec.filters });
  for (const g of spec.filterGroups ?? []) if (!hidden.has(g.name)) filterGroups.push({ name: g.name, label: g.label, filters: g.filters });

  const sections: FormSection[] = [];
  const placed = new Set<string>();
  for (const [i, s] of (opts.sections ?? []).entries()) {
    const chosen = s.params.flatMap((name) => {
      const item = items.get(name);
      if (!item || placed.has(name)) return [];
      placed.add(name);
      return [item];
    });
    if (chosen.length > 0) sections.push({ id: `section-${i}`, title: s.title, items: chosen, ...(s.collapsed === true ? { collapsed: true } : {}) });
  }
  // Without explicit sections: plain fields first, then one section per group, in catalog order.
  const rest = [...items.entries()].filter(([name]) => !placed.has(name)).map(([, item]) => item);
  const plain = rest.filter((it) => it.kind === 'field' || it.kind === 'values');
  // Params a layout did not place are its advanced ones: closed when the layout closes any section.
  const restClosed = (opts.sections ?? []).some((x) => x.collapsed === true) ? { collapsed: true } : {};
  if (plain.length > 0) sections.push({ id: 'general', title: sections.length > 0 ? 'More' : 'Details', items: plain, ...(sections.length > 0 ? restClosed : {}) });
  for (const it of rest) {
    if (it.kind === 'object' || it.kind === 'list') sections.push({ id: `group-${it.name}`, title: it.label, items: [it], ...restClosed });
  }
  if (filterGroups.length > 0) sections.push({ id: FILTERS_ID, title: 'Filters', items: [{ kind: 'filters', groups: filterGroups }] });

  const pathParams = (spec.pathParams ?? []).filter((f) => !hidden.has(f.name)).map((f) => describe(f, f.name));
  return {
    spec,
    title: spec.title,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    catalogVersion: opts.catalogVersion,
    multiDecimal: opts.multiDecimal,
    pathParams,
    sections,
    dateTimeFields: [...dateTime],
  };
}

function itemOf(
  p: ParamSpec,
  keep: (f: FieldSpec, path: string) => boolean,
  describe: (f: FieldSpec, path: string) => FieldDescriptor,
): FormItem | undefined {
  switch (p.kind) {
    case 'field':
      return keep(p, p.name) ? { kind: 'field', field: describe(p, p.name) } : undefined;
    case 'values': {
      const item: FieldSpec = { ...p.item, kind: 'field', name: p.name, label: p.label };
      if (!keep(item, p.name)) return undefined;
      return { kind: 'values', name: p.name, label: p.label, ...opt('help', p.help), ...opt('maxItems', p.maxItems), item: describe(item, p.name) };
    }
    case 'group': {
      const fields = p.fields.filter((f) => keep(f, `${p.name}[${f.name}]`)).map((f) => describe(f, `${p.name}[${f.name}]`));
      if (fields.length === 0) return undefined;
      const common = { name: p.name, label: p.label, ...opt('help', p.help), fields };
      return p.shape === 'object' ? { kind: 'object', ...common } : { kind: 'list', ...common, ...opt('required', p.required), ...opt('maxItems', p.maxItems) };
    }
  }
}

export function describeField(f: FieldSpec, picker: PickerRef | undefined, withTime: boolean): FieldDescriptor {
  const chosenPicker = picker ?? f.picker;
  // An unticked box would say "no" where the API's default is yes: such booleans are a choice of three.
  const defaultYes = f.type === 'boolean' && f.default === true;
  return {
    name: f.name,
    label: f.deprecated ? `${f.label} (deprecated)` : f.label,
    type: f.type,
    widget: defaultYes ? 'select' : widgetOf(f.type, chosenPicker !== undefined, withTime),
    ...(defaultYes ? { values: ['true', 'false'] } : {}),
    ...opt('help', f.help),
    ...opt('required', f.required),
    ...opt('requiredWhen', f.requiredWhen),
    ...opt('maxLength', f.maxLength),
    ...opt('min', f.min),
    ...opt('max', f.max),
    ...opt('values', f.values),
    ...opt('defaultHint', f.default === undefined ? undefined : String(f.default)),
    ...opt('picker', chosenPicker),
    ...opt('deprecated', f.deprecated),
    ...opt('zeroMeans', f.type === 'timestamp' ? f.zeroMeans : undefined),
  };
}

function widgetOf(type: FieldType, hasPicker: boolean, withTime: boolean): Widget {
  switch (type) {
    case 'string':
      return hasPicker ? 'picker' : 'text';
    case 'integer':
      return 'integer';
    case 'money':
      return 'money';
    case 'decimal':
      return 'decimal';
    case 'timestamp':
      return withTime ? 'datetime' : 'date';
    case 'boolean':
      return 'checkbox';
    case 'enum':
      return 'select';
  }
}

/** `{ key: value }` when value is defined, `{}` otherwise: keeps optional properties truly absent. */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Every item of a model, across sections. */
export function allItems(model: FormModel): FormItem[] {
  return model.sections.flatMap((s) => s.items);
}

/** The picker for a field given its row's current values, if any. */
export function pickerFor(field: FieldDescriptor, row: Readonly<Record<string, string | boolean>>): PickerKind | undefined {
  const p = field.picker;
  if (p === undefined || typeof p === 'string') return p;
  const sibling = row[p.field];
  return typeof sibling === 'string' ? p.byValue[sibling] : undefined;
}
