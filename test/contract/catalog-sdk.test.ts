/**
 * The whole catalog against the official SDK (test/contract/sdk-oracle.ts): every endpoint, every
 * request field, group field, enum value, filter, operator and `sort_by` attribute we declare must be
 * one the SDK's request schema defines, and every top-level name one its type definitions declare
 * (sort_by excepted: the SDK's types omit it on some lists its schemas define). A field, filter,
 * operator or sort the SDK does not know fails here, before a real site refuses it.
 */
import assert from 'node:assert/strict';
import { allEndpoints } from '../../src/chargebee/catalog';
import type { EndpointSpec, FieldSpec, FilterSpec } from '../../src/chargebee/catalog/types';
import { CUSTOM_FIELD_ACTIONS } from '../sandbox/routes/quotes';
import { sdkBodySchema, sdkEndpointAt, sdkInputType, type SdkShape } from './sdk-oracle';

/** Problems found, one line each, so a failure lists every slip at once. */
function compare(spec: EndpointSpec): string[] {
  const out: string[] = [];
  const sdk = sdkEndpointAt(spec.method, spec.path);
  if (!sdk) return [`${spec.id}: the SDK has no ${spec.method} ${spec.path}`];
  const schema = sdkBodySchema(sdk) ?? new Map<string, SdkShape>();
  const types = sdkInputType(sdk);
  const where = `${spec.id} (${sdk.resource}.${sdk.action})`;
  const topLevel = (name: string): SdkShape | undefined => {
    const shape = schema.get(name);
    if (!shape) out.push(`${where}: ${name} is not in the SDK's request schema`);
    else if (types && !types.members.has(name) && name !== 'sort_by') out.push(`${where}: ${name} is not in the SDK's input type`);
    return shape;
  };

  for (const p of spec.params) {
    const shape = topLevel(p.name);
    if (!shape) continue;
    if (p.kind === 'field') checkField(`${where}: ${p.name}`, p, shape, out);
    else if (p.kind === 'values') {
      if (shape.kind !== 'array') out.push(`${where}: ${p.name} is a value list here, ${shape.kind} in the SDK`);
      else checkField(`${where}: ${p.name}[]`, { ...p.item, kind: 'field', name: p.name, label: p.label }, shape.item, out);
    } else {
      if (shape.kind !== 'object') {
        out.push(`${where}: ${p.name} is a group here, ${shape.kind} in the SDK`);
        continue;
      }
      const nested = types?.members.get(p.name);
      for (const f of p.fields) {
        const inner = shape.fields.get(f.name);
        if (!inner) {
          out.push(`${where}: ${p.name}[${f.name}] is not in the SDK's request schema`);
          continue;
        }
        if (nested && !nested.has(f.name)) out.push(`${where}: ${p.name}[${f.name}] is not in the SDK's input type`);
        // List groups travel column-wise (`addons[id][0]`): the SDK types each column as an array.
        if (p.shape === 'list') {
          if (inner.kind !== 'array') out.push(`${where}: ${p.name} is a list group here, its ${f.name} is not an array in the SDK`);
          else checkField(`${where}: ${p.name}[${f.name}]`, f, inner.item, out);
        } else checkField(`${where}: ${p.name}[${f.name}]`, f, inner, out);
      }
    }
  }

  for (const f of spec.filters ?? []) {
    const shape = topLevel(f.name);
    if (shape) checkFilter(`${where}: filter ${f.name}`, f, shape, out);
  }
  for (const g of spec.filterGroups ?? []) {
    const declared = topLevel(g.name);
    if (!declared) continue;
    // The SDK's export schemas wrap each filter group in an array of one object.
    const shape = declared.kind === 'array' ? declared.item : declared;
    if (shape.kind !== 'object') {
      out.push(`${where}: filter group ${g.name} is ${shape.kind} in the SDK`);
      continue;
    }
    for (const f of g.filters) {
      const inner = shape.fields.get(f.name);
      if (!inner) out.push(`${where}: filter ${g.name}[${f.name}] is not in the SDK's request schema`);
      else checkFilter(`${where}: filter ${g.name}[${f.name}]`, f, inner, out);
    }
  }

  if (spec.list) {
    const sortBy = spec.list.sortBy ?? [];
    const sdkSort = schema.get('sort_by');
    if (sortBy.length > 0) {
      if (!sdkSort) out.push(`${where}: sort_by is declared, the SDK has no sort_by`);
      else {
        const allowed = sdkSort.kind === 'object' ? sdkSort.fields.get('asc') : undefined;
        const values = allowed?.kind === 'enum' ? allowed.values : [];
        for (const attr of sortBy) if (!values.includes(attr)) out.push(`${where}: sort_by ${attr} is not one of the SDK's (${values.join(', ')})`);
      }
    }
    if (spec.list.includeDeleted && !schema.has('include_deleted')) out.push(`${where}: include_deleted is declared, the SDK has none`);
    for (const name of ['limit', 'offset']) if (!schema.has(name)) out.push(`${where}: the SDK's list has no ${name}`);
  }
  return out;
}

function checkField(where: string, f: FieldSpec, shape: SdkShape, out: string[]): void {
  if (shape.kind === 'object' || shape.kind === 'array') {
    out.push(`${where} is a single value here, ${shape.kind} in the SDK`);
    return;
  }
  if (f.type === 'enum') {
    if (shape.kind !== 'enum') out.push(`${where} is an enum here, not in the SDK`);
    else for (const v of f.values ?? []) if (!shape.values.includes(v)) out.push(`${where}: value ${v} is not one of the SDK's (${shape.values.join(', ')})`);
  }
  if (f.maxLength !== undefined && shape.kind === 'scalar' && shape.maxLength !== undefined && f.maxLength > shape.maxLength) {
    out.push(`${where}: max length ${f.maxLength} exceeds the SDK's ${shape.maxLength}`);
  }
  // Limits as the API sets them: a stricter one is a value the API takes and the form refuses.
  if (shape.kind === 'scalar') {
    if (f.maxLength !== undefined && shape.maxLength !== undefined && f.maxLength < shape.maxLength) {
      out.push(`${where}: max length ${f.maxLength} is below the SDK's ${shape.maxLength}`);
    }
    if (f.min !== undefined && shape.min !== undefined && f.min > shape.min) out.push(`${where}: min ${f.min} is above the SDK's ${shape.min}`);
    if (f.max !== undefined && shape.max !== undefined && f.max < shape.max) out.push(`${where}: max ${f.max} is below the SDK's ${shape.max}`);
  }
}

function checkFilter(where: string, f: FilterSpec, shape: SdkShape, out: string[]): void {
  if (shape.kind !== 'object') {
    out.push(`${where} is ${shape.kind} in the SDK, not a filter`);
    return;
  }
  for (const op of f.operators) {
    const operand = shape.fields.get(op);
    if (!operand) {
      out.push(`${where}: operator ${op} is not one of the SDK's (${[...shape.fields.keys()].join(', ')})`);
      continue;
    }
    if (f.type === 'enum' && operand.kind === 'enum' && op !== 'is_present') {
      for (const v of f.values ?? []) if (!operand.values.includes(v)) out.push(`${where}[${op}]: value ${v} is not one of the SDK's`);
    }
  }
}

/**
 * Where the catalog knowingly differs from the SDK, each with its reason. A deviation that no longer
 * occurs fails too, so this list cannot go stale.
 */
const KNOWN_DEVIATIONS: readonly { readonly match: RegExp; readonly why: string }[] = [
  {
    match: /^quotes\.(edit_)?update_subscription_quote(_for_items)? .*change_option: value end_of_term /,
    why: "The SDK's TypeScript types (ChangeOptionEnum) include end_of_term for these calls; only its generated schema omits it.",
  },
  {
    match: /^exports\.(customers|revenue_recognition|deferred_revenue) .*customer\[taxability\]\[\w+\]: value zero_rated /,
    why: "Chargebee's current API reference lists zero_rated; the SDK's schema predates it (see export-filters.ts).",
  },
  {
    match: /^exports\.(revenue_recognition|deferred_revenue) .*filter subscription\[status\]\[\w+\]: value \w+ is not/,
    why: "The SDK's generator gives these reports' subscription[status] the invoice status enum (a schema name clash), so it cannot judge subscription statuses.",
  },
];

describe('contract: the catalog against the official SDK', function () {
  // Loading the SDK's schemas and parsing its type definitions takes a while on a busy machine.
  this.timeout(60_000);
  it('maps every catalog endpoint to an SDK endpoint with a request schema and an input type', () => {
    const missing = allEndpoints.filter((e) => {
      const sdk = sdkEndpointAt(e.method, e.path);
      const takesInput = e.params.length > 0 || (e.filters ?? []).length > 0 || (e.filterGroups ?? []).length > 0 || e.list !== undefined;
      return !sdk || (takesInput && (!sdkBodySchema(sdk) || !sdkInputType(sdk)));
    });
    assert.deepEqual(missing.map((e) => e.id), []);
  });

  it('declares only fields, filters, operators and sorts the SDK defines', () => {
    const all = allEndpoints.flatMap(compare);
    const problems = all.filter((p) => !KNOWN_DEVIATIONS.some((d) => d.match.test(p)));
    assert.deepEqual(problems, []);
    const stale = KNOWN_DEVIATIONS.filter((d) => !all.some((p) => d.match.test(p)));
    assert.deepEqual(stale.map((d) => d.why), []);
  });

  it('lets the sandbox take custom fields exactly where the SDK input types do', () => {
    const sdkTakes = allEndpoints
      .filter((e) => e.id.startsWith('quotes.') && e.method === 'POST')
      .filter((e) => {
        const sdk = sdkEndpointAt(e.method, e.path);
        return sdk !== undefined && sdkInputType(sdk)?.customFields === true;
      })
      .map((e) => e.path.split('/').at(-1))
      .sort();
    assert.deepEqual(sdkTakes, [...CUSTOM_FIELD_ACTIONS].sort());
  });

  it('marks customFields on exactly the writes whose SDK input type takes cf_* (the forms offer rows there)', () => {
    const writes = allEndpoints.filter((e) => e.method === 'POST');
    const sdkTakes = writes.filter((e) => {
      const sdk = sdkEndpointAt(e.method, e.path);
      return sdk !== undefined && sdkInputType(sdk)?.customFields === true;
    });
    assert.deepEqual(writes.filter((e) => e.customFields === true).map((e) => e.id), sdkTakes.map((e) => e.id));
    assert.equal(sdkTakes.length, 4, 'the four PC2 subscription quote calls');
  });

  it('would notice a slip (the oracle is not vacuous)', () => {
    const customers = allEndpoints.find((e) => e.id === 'customers.list') as EndpointSpec;
    const slipped: EndpointSpec = {
      ...customers,
      filters: [...(customers.filters ?? []), { name: 'nickname', label: 'Nickname', type: 'string', operators: ['is'] }],
      list: { sortBy: ['email'], includeDeleted: true },
    };
    const problems = compare(slipped);
    assert.ok(problems.some((p) => p.includes('nickname is not in the SDK')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('sort_by email')), problems.join('\n'));
  });

  it('would notice a limit stricter than the API sets', () => {
    const create = allEndpoints.find((e) => e.id === 'quotes.create_subscription_quote') as EndpointSpec;
    const stricter = (p: EndpointSpec['params'][number]): EndpointSpec['params'][number] => {
      if (p.kind === 'field' && p.name === 'notes') return { ...p, maxLength: 2000 };
      if (p.kind === 'group' && p.name === 'addons') return { ...p, fields: p.fields.map((f) => (f.name === 'billing_cycles' ? { ...f, min: 1 } : f)) };
      return p;
    };
    const problems = compare({ ...create, params: create.params.map(stricter) });
    assert.ok(problems.some((p) => p.includes("notes: max length 2000 is below the SDK's 10000")), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes("addons[billing_cycles]: min 1 is above the SDK's 0")), problems.join('\n'));
  });
});
