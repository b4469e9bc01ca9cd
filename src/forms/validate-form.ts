/**
 * Client-side validation: convert the form, run the catalog's validateParams on the result, and place
 * each violation on the field the user typed it in. The same mapping places a server error's `param`.
 */
import type { Violation } from '../chargebee/catalog/types';
import { validateParams } from '../chargebee/validate';
import type { Conversion, ConvertContext } from './convert';
import { toParamTree } from './convert';
import type { FieldDescriptor, FormModel } from './model';
import { allItems } from './model';
import { formatMinor } from './money';
import type { FieldError, FormValues } from './values';
import { filterPath, objectFieldPath, pathParamPath, rowFieldPath } from './values';

export interface FormValidation {
  readonly errors: readonly FieldError[];
  readonly conversion: Conversion;
}

export function validateForm(model: FormModel, values: FormValues, ctx: ConvertContext): FormValidation {
  const conversion = toParamTree(model, values, ctx);
  const violations = validateParams(model.spec, conversion.tree);
  // validateParams sees only the body; a path param shown in the form is always needed for the URL.
  const pathErrors = model.pathParams
    .filter((p) => (values.path[p.name] ?? '').trim() === '')
    .map((p) => ({ field: pathParamPath(p.name), message: `${p.label} cannot be blank` }));
  const errors = mergeErrors(pathErrors, conversion.errors, conversion.incomplete, violations.map((v) => violationToError(model, conversion, v)));
  return { errors, conversion };
}

/** One message per field, earlier lists first: a field that did not convert needs no "required" too. */
export function mergeErrors(...lists: readonly (readonly FieldError[])[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of lists.flat()) {
    const key = e.field === '' ? `:${e.message}` : e.field;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

export function violationToError(model: FormModel, conversion: Conversion, v: Violation): FieldError {
  const field = fieldForParam(model, conversion, v.param);
  const descriptor = field === '' ? undefined : descriptorAt(model, field);
  if (!descriptor) return { field, message: v.message };
  if (descriptor.type === 'money' && (v.rule === 'min' || v.rule === 'max')) {
    const bound = v.rule === 'min' ? descriptor.min : descriptor.max;
    if (bound !== undefined) {
      const word = v.rule === 'min' ? 'at least' : 'at most';
      return { field, message: `${descriptor.label} must be ${word} ${formatMinor(bound, conversion.currency)} ${conversion.currency}` };
    }
  }
  return { field, message: labelMessage(v.message, v.param, descriptor.label) };
}

/**
 * Catalog and server messages start with the wire name (`addons[quantity][1] must be...`, the API's
 * `subscription_items[item_price_id][0] : cannot be blank`); the field shows its label instead.
 */
export function labelMessage(message: string, param: string, label: string): string {
  if (!message.startsWith(param)) return message;
  return `${label} ${message.slice(param.length).replace(/^\s*:?\s*/, '')}`.trim();
}

/** A server error's message as shown on its form field: the field's label instead of the wire name. */
export function serverMessage(model: FormModel, field: string, param: string, message: string): string {
  const descriptor = field === '' ? undefined : descriptorAt(model, field);
  if (!descriptor) return message;
  const text = message.split(` (${param})`).join('').trim();
  if (text.startsWith(param)) return labelMessage(text, param, descriptor.label);
  // `quantity is too large` for `charges[quantity][0]`: the leaf name is the label's place.
  const leaf = splitParam(param).filter((p) => !/^\d+$/.test(p)).pop() ?? param;
  if (text.toLowerCase().startsWith(`${leaf.toLowerCase()} `)) return `${descriptor.label}${text.slice(leaf.length)}`;
  return `${descriptor.label}: ${text}`;
}

/** `addons[quantity][1]` (a wire param) -> the form field path it came from, or '' when none shows it. */
export function fieldForParam(model: FormModel, conversion: Conversion, param: string): string {
  const segs = splitParam(param);
  const [name, second, third] = segs;
  if (name === undefined) return '';
  const item = allItems(model).find((it) => (it.kind === 'field' ? it.field.name : it.kind === 'filters' ? undefined : it.name) === name);
  if (item) {
    switch (item.kind) {
      case 'field':
        return name;
      case 'object':
        return second !== undefined && item.fields.some((f) => f.name === second) ? objectFieldPath(name, second) : name;
      case 'list': {
        // A tree index past the rows sent (a required first row) is the first blank row the form shows.
        const sent = conversion.rowIndex.get(name) ?? [];
        const at = Number(third);
        const formRow = third === undefined ? undefined : (sent[at] ?? conversion.blankRows.get(name)?.[at - sent.length]);
        return second !== undefined && formRow !== undefined && item.fields.some((f) => f.name === second) ? rowFieldPath(name, second, formRow) : name;
      }
      case 'values': {
        const formRow = second === undefined ? undefined : conversion.rowIndex.get(name)?.[Number(second)];
        return formRow === undefined ? name : `${name}[${formRow}]`;
      }
      case 'filters':
        return '';
    }
  }
  const row = conversion.filterRows.get(param) ?? [...conversion.filterRows.entries()].find(([p]) => p.startsWith(`${param}[`))?.[1];
  if (row !== undefined) return filterPath(row);
  if (model.pathParams.some((p) => p.name === name)) return `{${name}}`;
  return '';
}

/** The descriptor of a field path (`name`, `g[f]`, `g[f][row]`, `list[i]`, `{param}`), if the form shows it. */
export function descriptorAt(model: FormModel, path: string): FieldDescriptor | undefined {
  if (path.startsWith('{')) return model.pathParams.find((p) => `{${p.name}}` === path);
  const [name, second] = splitParam(path);
  for (const item of allItems(model)) {
    if (item.kind === 'field' && item.field.name === name && second === undefined) return item.field;
    if ((item.kind === 'object' || item.kind === 'list') && item.name === name) return item.fields.find((f) => f.name === second);
    if (item.kind === 'values' && item.name === name) return item.item;
  }
  return undefined;
}

/** `a[b][c]` -> ['a', 'b', 'c']. */
export function splitParam(param: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(param.trim());
  if (!m) return [param];
  const rest = [...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? '');
  return [m[1] ?? '', ...rest];
}
