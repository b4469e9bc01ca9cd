import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allEndpoints, exportEndpoints, exportGroups, findEndpoint, findEndpointById, getEndpoint, quoteEndpoints, type EndpointId } from '../../src/chargebee/catalog';
import type { EndpointSpec, FieldSpec, ParamSpec, ParamTree } from '../../src/chargebee/catalog/types';
import { validateParams } from '../../src/chargebee/validate';

/** The Exports reference's curl examples, kept in the repo so a fresh clone runs this test. */
const SEED_EXPORTS = join(__dirname, 'fixtures/export-doc-examples.txt');

/** Every field of an endpoint with its wire-ish name, for whole-catalog checks. */
function fieldsOf(spec: EndpointSpec): { where: string; field: Omit<FieldSpec, 'kind' | 'name' | 'label'> }[] {
  return spec.params.flatMap((p: ParamSpec) => {
    if (p.kind === 'field') return [{ where: `${spec.id} ${p.name}`, field: p }];
    if (p.kind === 'values') return [{ where: `${spec.id} ${p.name}[]`, field: p.item }];
    return p.fields.map((f) => ({ where: `${spec.id} ${p.name}[${f.name}]`, field: f }));
  });
}

/** A concrete path for a spec: each placeholder replaced by a sample value. */
function concrete(spec: EndpointSpec): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = spec.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    params[name] = `${name}-42`;
    return params[name];
  });
  return { path, params };
}

/** `a[b][c]=v` pairs into a tree; enough for the seed examples, which have no row indices. */
function pairsToTree(pairs: readonly (readonly [string, string])[]): ParamTree {
  const root: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    const segs = key.replace(/\]/g, '').split('[');
    let node = root;
    segs.slice(0, -1).forEach((s) => {
      node[s] ??= {};
      node = node[s] as Record<string, unknown>;
    });
    node[segs[segs.length - 1] ?? ''] = value;
  }
  return root as ParamTree;
}

interface SeedCall {
  readonly line: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly pairs: [string, string][];
}

function seedCalls(): SeedCall[] {
  return readFileSync(SEED_EXPORTS, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('curl'))
    .map((line) => {
      const path = /\/api\/v2(\/[^\s\\]+)/.exec(line)?.[1] ?? '';
      const pairs = [...line.matchAll(/-d\s+([^=\s]+)=("[^"]*"|\S+)/g)].map(
        (m): [string, string] => [m[1] ?? '', (m[2] ?? '').replace(/^"(.*)"$/, '$1')],
      );
      const method = pairs.length > 0 || line.includes('-X POST') ? 'POST' : 'GET';
      return { line, method, path, pairs };
    });
}

describe('catalog', () => {
  it('gives every endpoint a unique id that getEndpoint returns', () => {
    const ids = allEndpoints.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const e of allEndpoints) assert.equal(findEndpointById(e.id), e);
    // @ts-expect-error a wrong id fails to compile (EndpointId is derived from the catalog)
    assert.throws(() => getEndpoint('quotes.nope'), /Unknown Chargebee endpoint id/);
    assert.equal(findEndpointById('quotes.nope'), undefined);
  });

  it('has the 20 quote endpoints of the quote endpoints table and the 18 export triggers', () => {
    assert.equal(quoteEndpoints.length, 20);
    assert.equal(exportEndpoints.length, 18);
    assert.ok(getEndpoint('subscriptions.import_unbilled_charges'));
    assert.ok(getEndpoint('exports.retrieve'));
  });

  it('matches every path placeholder with a pathParam and nothing more', () => {
    for (const e of allEndpoints) {
      const placeholders = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (e.pathParams ?? []).map((p) => p.name).sort();
      assert.deepEqual(declared, placeholders, e.id);
      for (const p of e.pathParams ?? []) assert.ok(p.required, `${e.id} ${p.name} should be required`);
    }
  });

  it('resolves each concrete path to its own spec, with decoded path params', () => {
    for (const e of allEndpoints) {
      const { path, params } = concrete(e);
      const match = findEndpoint(e.method, path);
      assert.equal(match?.spec.id, e.id, `${e.method} ${path}`);
      assert.deepEqual(match.pathParams, params);
      assert.equal(findEndpoint(e.method, `/api/v2${path}?limit=5`)?.spec.id, e.id);
    }
    assert.deepEqual(findEndpoint('GET', '/quotes/a%20b%2Fc')?.pathParams, { quote_id: 'a b/c' });
  });

  it('prefers literal segments over placeholders', () => {
    assert.equal(findEndpoint('POST', '/quotes/update_subscription_quote')?.spec.id, 'quotes.update_subscription_quote');
    assert.equal(findEndpoint('POST', '/quotes/create_for_onetime_charges')?.spec.id, 'quotes.create_for_onetime_charges');
    assert.equal(findEndpoint('POST', '/quotes/12/convert')?.spec.id, 'quotes.convert');
    assert.equal(findEndpoint('POST', '/exports/customers')?.spec.id, 'exports.customers');
    assert.equal(findEndpoint('GET', '/exports/customers')?.spec.id, 'exports.retrieve');
    assert.equal(findEndpoint('GET', '/customers/cus_1')?.spec.id, 'customers.retrieve');
    assert.equal(findEndpoint('post', '/customers/cus_1/create_subscription_quote')?.pathParams.customer_id, 'cus_1');
  });

  it('finds nothing for unknown paths or methods', () => {
    assert.equal(findEndpoint('POST', '/quotes/12/explode'), undefined);
    assert.equal(findEndpoint('DELETE', '/quotes/12'), undefined);
    assert.equal(findEndpoint('GET', '/quotes/12/convert'), undefined);
  });

  it('gives every enum field and enum filter a non-empty list of distinct values', () => {
    for (const e of allEndpoints) {
      for (const { where, field } of fieldsOf(e)) {
        if (field.type === 'enum') {
          assert.ok(field.values && field.values.length > 0, where);
          assert.equal(new Set(field.values).size, field.values.length, `${where} repeats a value`);
        }
        if (field.default !== undefined && field.values) assert.ok(field.values.includes(String(field.default)), `${where} default`);
        if (field.min !== undefined && field.max !== undefined) assert.ok(field.min <= field.max, `${where} bounds`);
      }
      const filters = [...(e.filters ?? []), ...(e.filterGroups ?? []).flatMap((g) => g.filters)];
      for (const f of filters) {
        assert.ok(f.operators.length > 0, `${e.id} ${f.name}`);
        if (f.type === 'enum') assert.ok(f.values && f.values.length > 0 && new Set(f.values).size === f.values.length, `${e.id} ${f.name}`);
      }
    }
  });

  it('keeps names unique within each endpoint, group and filter group', () => {
    for (const e of allEndpoints) {
      const top = [...e.params.map((p) => p.name), ...(e.filters ?? []).map((f) => f.name), ...(e.filterGroups ?? []).map((g) => g.name)];
      assert.equal(new Set(top).size, top.length, e.id);
      for (const p of e.params) {
        if (p.kind === 'group') assert.equal(new Set(p.fields.map((f) => f.name)).size, p.fields.length, `${e.id} ${p.name}`);
      }
      for (const g of e.filterGroups ?? []) assert.equal(new Set(g.filters.map((f) => f.name)).size, g.filters.length, `${e.id} ${g.name}`);
    }
  });

  it('derives each edit body from its create body minus name and the identifying keys', () => {
    const pairs: [string, string, string[]][] = [
      ['create_subscription_quote', 'edit_create_subscription_quote', []],
      ['update_subscription_quote', 'edit_update_subscription_quote', ['subscription[id]']],
      ['create_for_onetime_charges', 'edit_one_time_quote', ['customer_id']],
      ['create_subscription_quote_for_items', 'edit_create_subscription_quote_for_items', []],
      ['update_subscription_quote_for_items', 'edit_update_subscription_quote_for_items', ['subscription[id]']],
      ['create_for_charge_items_and_charges', 'edit_for_charge_items_and_charges', ['customer_id']],
    ];
    const names = (e: EndpointSpec) => fieldsOf(e).map((f) => f.where.split(' ')[1] ?? '');
    for (const [create, edit, keys] of pairs) {
      const createNames = names(getEndpoint(`quotes.${create}` as EndpointId));
      const editNames = names(getEndpoint(`quotes.${edit}` as EndpointId));
      assert.ok(createNames.includes('name'), create);
      assert.deepEqual(editNames, createNames.filter((n) => n !== 'name' && !keys.includes(n)), edit);
      assert.equal(getEndpoint(`quotes.${edit}` as EndpointId).pathParams?.[0]?.name, 'quote_id');
    }
  });

  it('types money, counts, dates and decimals as the docs say', () => {
    const field = (id: EndpointId, group: string, name: string) => {
      const p = getEndpoint(id).params.find((x) => x.name === group);
      if (p?.kind === 'group') return p.fields.find((f) => f.name === name);
      return p?.kind === 'field' ? p : undefined;
    };
    const sub = 'quotes.create_subscription_quote';
    assert.equal(field(sub, 'subscription', 'plan_unit_price')?.type, 'money');
    assert.equal(field(sub, 'subscription', 'setup_fee')?.type, 'money');
    assert.equal(field(sub, 'subscription', 'plan_quantity')?.type, 'integer');
    assert.equal(field(sub, 'subscription', 'start_date')?.type, 'timestamp');
    assert.equal(field(sub, 'subscription', 'plan_id')?.picker, 'plan');
    assert.equal(field(sub, 'addons', 'id')?.picker, 'addon');
    assert.equal(field(sub, 'billing_cycles', 'billing_cycles')?.type, 'integer');
    const dec = field(sub, 'addons', 'unit_price_in_decimal');
    assert.equal(dec?.type, 'decimal');
    assert.equal(dec.multiDecimal, true);
    assert.equal(field('quotes.update_subscription_quote', 'subscription', 'id')?.picker, 'subscription');
    assert.equal(field('quotes.create_subscription_quote_for_items', 'subscription_items', 'item_price_id')?.picker, 'item_price');
    assert.equal(field('quotes.create_for_onetime_charges', 'customer_id', 'customer_id')?.picker, 'customer');
    assert.equal(field('quotes.create_for_onetime_charges', 'notes', 'notes')?.maxLength, 10000);
  });

  it('gives every export trigger a title, a known group and the export response', () => {
    for (const e of exportEndpoints) {
      assert.equal(e.method, 'POST');
      assert.equal(e.response, 'export');
      assert.equal(e.path, `/exports/${e.kind}`);
      assert.equal(e.id, `exports.${e.kind}`);
      assert.ok(e.title.length > 0 && exportGroups.includes(e.group), e.id);
    }
    for (const kind of ['revenue_recognition', 'deferred_revenue']) {
      const e = getEndpoint(`exports.${kind}` as EndpointId);
      assert.equal(e.deprecated, true);
      const required = e.params.filter((p) => p.kind === 'field' && p.required).map((p) => p.name);
      assert.deepEqual(required, ['report_by', 'report_from_month', 'report_from_year', 'report_to_month', 'report_to_year']);
    }
    const tx = getEndpoint('exports.transactions').filterGroups?.[0]?.filters ?? [];
    for (const name of ['payment_method', 'gateway']) {
      const values = tx.find((f) => f.name === name)?.values ?? [];
      assert.ok(values.length >= 60, `${name} has ${values.length} values`);
    }
  });

  describe('seed export examples', () => {
    const calls = seedCalls();
    it('finds the curl examples in the seed', () => {
      assert.ok(calls.filter((c) => c.pairs.length > 0).length >= 10, `only ${calls.length} examples`);
    });
    for (const call of calls) {
      it(`accepts ${call.method} ${call.path} ${call.pairs.map((p) => p[0]).join(' ')}`, () => {
        const match = findEndpoint(call.method, call.path);
        assert.ok(match, call.line);
        assert.ok(match.spec.id.startsWith('exports.'));
        assert.deepEqual(validateParams(match.spec, pairsToTree(call.pairs)), []);
      });
    }
  });
});
