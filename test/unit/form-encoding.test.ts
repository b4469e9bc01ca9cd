import assert from 'node:assert/strict';
import type { ParamTree, ParamValue } from '../../src/chargebee/catalog/types';
import { encodeParams, pairsToString, toCurl, toFormBody, toQueryString } from '../../src/chargebee/form-encoding';
import type { WirePair } from '../../src/chargebee/form-encoding';
import { parseForm } from '../sandbox/form-parser';
import type { FormTree, FormValue } from '../sandbox/form-parser';

/** What the sandbox should parse a tree back into: string scalars, absent values dropped. */
function expectedParse(tree: ParamTree): FormTree {
  const out: FormTree = {};
  for (const [key, value] of Object.entries(tree)) {
    const converted = convert(value);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

function convert(value: ParamValue): FormValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = (value as readonly ParamValue[]).map(convert).filter((v): v is FormValue => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  return expectedParse(value as ParamTree);
}

/** Decoded `name=value` text, for comparing with the table in docs/architecture.md. */
function wire(tree: ParamTree): string {
  return encodeParams(tree)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

describe('form encoding', () => {
  describe('the table in docs/architecture.md', () => {
    it('encodes an object group as a[b]', () => {
      assert.equal(wire({ subscription: { plan_id: 'basic' } }), 'subscription[plan_id]=basic');
    });

    it('encodes rows of objects as a[b][i], row by row', () => {
      assert.equal(
        wire({ addons: [{ id: 'a', quantity: 2 }, { id: 'b' }] }),
        'addons[id][0]=a&addons[quantity][0]=2&addons[id][1]=b',
      );
    });

    it('encodes a plain list as a[i]', () => {
      assert.equal(wire({ coupon_ids: ['A', 'B'] }), 'coupon_ids[0]=A&coupon_ids[1]=B');
    });

    it('sends in / not_in / between as one JSON list', () => {
      assert.equal(wire({ status: { in: ['open', 'accepted'] } }), 'status[in]=["open","accepted"]');
      assert.equal(wire({ status: { not_in: ['closed'] } }), 'status[not_in]=["closed"]');
      assert.equal(wire({ date: { between: [1704067200, 1717199999] } }), 'date[between]=[1704067200,1717199999]');
    });

    it('nests filters inside filter groups', () => {
      assert.equal(wire({ customer: { email: { is: 'x@y.z' } } }), 'customer[email][is]=x@y.z');
      assert.equal(wire({ invoice: { total: { lt: 1000 } } }), 'invoice[total][lt]=1000');
    });

    it('encodes sorting as sort_by[desc]', () => {
      assert.equal(wire({ sort_by: { desc: 'date' } }), 'sort_by[desc]=date');
    });
  });

  describe('scalars and absent values', () => {
    it('sends booleans as true/false and numbers as written', () => {
      assert.equal(wire({ a: true, b: false, c: 0, d: -12.5 }), 'a=true&b=false&c=0&d=-12.5');
    });

    it('omits null and undefined at every level, and drops empty lists', () => {
      const tree: ParamTree = {
        a: null,
        b: undefined,
        c: { d: null, e: 'x' },
        f: [null, 'y', undefined],
        g: [{ h: null, i: 1 }],
        status: { in: [] },
      };
      assert.equal(wire(tree), 'c[e]=x&f[0]=y&g[i][0]=1');
    });

    it('keeps an empty string, which the API reads as clearing a value', () => {
      assert.equal(wire({ notes: '' }), 'notes=');
    });

    it('rejects non-finite numbers and lists that mix values with rows', () => {
      assert.throws(() => encodeParams({ limit: Number.NaN }), /limit/);
      assert.throws(() => encodeParams({ mixed: ['a', { b: 'c' }] }), /mixed/);
    });
  });

  describe('order and escaping', () => {
    it('follows the order of the tree, not the alphabet', () => {
      const pairs = encodeParams({ z: '1', a: { y: '2', b: '3' }, m: ['4'] });
      assert.deepEqual(pairs.map(([k]) => k), ['z', 'a[y]', 'a[b]', 'm[0]']);
    });

    it('gives the same bytes for the same tree every time', () => {
      const make = (): ParamTree => ({ quote: { id: 'Q 1' }, charges: [{ amount: 100, description: 'a&b' }], status: { in: ['open'] } });
      assert.equal(toFormBody(make()), toFormBody(make()));
    });

    it('encodes spaces as + and escapes reserved characters', () => {
      const body = toFormBody({ notes: 'a b&c=d+e%f', customer: { email: { is: 'ä@x.io' } } });
      assert.equal(body, 'notes=a+b%26c%3Dd%2Be%25f&customer%5Bemail%5D%5Bis%5D=%C3%A4%40x.io');
    });

    it('builds a query string that URLSearchParams reads back to the same pairs', () => {
      const tree: ParamTree = { limit: 5, status: { in: ['open', 'accepted'] }, sort_by: { asc: 'date' } };
      const query = toQueryString(tree);
      assert.deepEqual([...new URLSearchParams(query)], encodeParams(tree));
      assert.equal(toQueryString({}), '');
    });
  });

  describe('round trip through the sandbox parser', () => {
    const trees: Record<string, ParamTree> = {
      'object group': { subscription: { plan_id: 'basic', plan_quantity: 3, auto_collection: 'on' } },
      'rows': { addons: [{ id: 'a', quantity: 2 }, { id: 'b' }, { id: 'c', unit_price: 1500 }] },
      'plain list': { coupon_ids: ['A', 'B', 'C D'] },
      'list operators': { status: { in: ['open', 'accepted'] }, date: { between: [1704067200, 1717199999] } },
      'nested filters': { customer: { email: { is: 'x@y.z' }, first_name: { starts_with: 'Jo' } }, invoice: { total: { lt: 1000 } } },
      'awkward strings': { notes: 'Tom & Jerry = 100% "quoted" + more', status: { in: ['a,b', "it's", 'x"y'] } },
      'mixed body': {
        customer_id: 'cust_1',
        billing_cycles: 12,
        terms_and_conditions: null,
        charges: [{ amount: 1000, description: 'Setup' }],
        coupon_ids: ['SAVE10'],
        shipping_address: { first_name: 'Ann', line1: '1 Main St' },
        replace_items_list: false,
      },
    };
    for (const [name, tree] of Object.entries(trees)) {
      it(`parse(encode(tree)) equals the tree with string scalars: ${name}`, () => {
        assert.deepEqual(parseForm(toFormBody(tree)).tree, expectedParse(tree));
      });
    }
  });

  describe('toCurl', () => {
    const pairs: WirePair[] = [
      ['quote[id]', "it's"],
      ['charges[amount][0]', '1000'],
    ];

    it('writes a POST with a key placeholder, form fields and headers, and drops Authorization', () => {
      const curl = toCurl({
        method: 'POST',
        url: 'https://acme-test.chargebee.com/api/v2/quotes',
        pairs,
        headers: { Authorization: 'Basic c2VjcmV0Og==', 'chargebee-event-email': 'all-disabled' },
        redactKey: true,
      });
      assert.match(curl, /^curl https:\/\/acme-test\.chargebee\.com\/api\/v2\/quotes \\\n/);
      assert.match(curl, /-X POST/);
      assert.match(curl, /-u '\{api_key\}:'/);
      assert.match(curl, /-H 'chargebee-event-email: all-disabled'/);
      assert.match(curl, /--data-urlencode 'quote\[id\]=it'\\''s'/);
      assert.doesNotMatch(curl, /Basic|c2VjcmV0/);
      assert.doesNotMatch(curl, /-G/);
    });

    it('writes a GET with -G so the fields become the query string', () => {
      const curl = toCurl({ method: 'GET', url: 'https://acme.chargebee.com/api/v2/quotes', pairs: [['limit', '5']] });
      assert.match(curl, /-G/);
      assert.match(curl, /--data-urlencode limit=5/);
    });

    it('quotes the pairs so that a shell hands curl the exact text', () => {
      const curl = toCurl({ method: 'POST', url: 'http://127.0.0.1:1/api/v2/x', pairs: [['notes', 'a $HOME `id` "q"']] });
      assert.match(curl, /--data-urlencode 'notes=a \$HOME `id` "q"'/);
      assert.equal(pairsToString([['notes', 'a b']]), 'notes=a+b');
    });
  });
});
