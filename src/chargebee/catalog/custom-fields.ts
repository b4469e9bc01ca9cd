/**
 * Custom fields (`cf_*`): site-defined, so the catalog cannot list them. An endpoint whose official
 * SDK input type takes `[key: cf_${string}]` is marked `customFields: true` (test/contract/
 * catalog-sdk.test.ts holds the marks to the SDK); its form gets one extra list group of name/value
 * rows, and before anything is sent (or previewed) the rows become top-level `cf_<name>=<value>`
 * params, as the API expects. The group itself never reaches the wire.
 */
import type { EndpointSpec, GroupSpec, ParamTree } from './types';

export const CUSTOM_FIELDS_GROUP = 'custom_fields';
export const CUSTOM_FIELD_PREFIX = 'cf_';

/** Chargebee's API names of custom fields: cf_ then lower-case letters, digits and underscores. */
const API_NAME = /^cf_[a-z0-9_]+$/;

export const customFieldGroup: GroupSpec = {
  kind: 'group',
  name: CUSTOM_FIELDS_GROUP,
  label: 'Custom fields',
  shape: 'list',
  help: "Your site's custom fields (Settings > Configure Chargebee > Custom Fields), by API name. Sent as cf_<name>=<value>; an empty value clears one on an edit.",
  fields: [
    { kind: 'field', name: 'name', type: 'string', label: 'API name', required: true, maxLength: 100, help: 'e.g. cf_region (the cf_ may be left out).' },
    { kind: 'field', name: 'value', type: 'string', label: 'Value' },
  ],
};

/** The spec with the rows group appended when the endpoint takes custom fields (for buildFormModel). */
export function withCustomFieldGroup(spec: EndpointSpec): EndpointSpec {
  if (spec.customFields !== true) return spec;
  return { ...spec, params: [...spec.params.filter((p) => p.name !== CUSTOM_FIELDS_GROUP), customFieldGroup] };
}

/** `region` and `cf_region` both name `cf_region`; surrounding spaces are dropped. */
export function customFieldName(typed: string): string {
  const t = typed.trim();
  return t.startsWith(CUSTOM_FIELD_PREFIX) ? t : `${CUSTOM_FIELD_PREFIX}${t}`;
}

/** Why a typed name cannot be sent, or undefined. */
export function customFieldNameProblem(typed: string): string | undefined {
  if (typed.trim() === '') return undefined;
  const name = customFieldName(typed);
  return API_NAME.test(name) ? undefined : `${name} is not a custom field API name: cf_ then lower-case letters, digits or _`;
}

/** The converted tree with the rows group replaced by top-level `cf_*` params (rows without a name are left out). */
export function spreadCustomFields(tree: ParamTree): ParamTree {
  if (!(CUSTOM_FIELDS_GROUP in tree)) return tree;
  const { [CUSTOM_FIELDS_GROUP]: rows, ...body } = tree;
  const out: Record<string, ParamTree[string]> = { ...body };
  for (const row of Array.isArray(rows) ? rows : []) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) continue;
    const r = row as ParamTree;
    if (typeof r.name !== 'string' || r.name.trim() === '') continue;
    out[customFieldName(r.name)] = typeof r.value === 'string' ? r.value : '';
  }
  return out;
}

/** Problems of the typed rows, by row index: a name that is no API name, or one given twice. */
export function customFieldRowProblems(rows: readonly Readonly<Record<string, unknown>>[]): { readonly row: number; readonly message: string }[] {
  const seen = new Map<string, number>();
  const out: { row: number; message: string }[] = [];
  rows.forEach((r, row) => {
    const typed = typeof r.name === 'string' ? r.name : '';
    const problem = customFieldNameProblem(typed);
    if (problem !== undefined) out.push({ row, message: problem });
    else if (typed.trim() !== '') {
      const name = customFieldName(typed);
      const first = seen.get(name);
      if (first !== undefined) out.push({ row, message: `${name} is already set in row ${first + 1}` });
      else seen.set(name, row);
    }
  });
  return out;
}
