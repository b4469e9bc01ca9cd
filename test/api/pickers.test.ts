// The picker sources against the sandbox over a real socket: which filter a search text chooses,
// paging across stages, catalog and item-type limits.
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import { customerStages, listFor, PickerUnavailableError, queryPicker, subscriptionCatalog } from '../../src/pickers';
import type { PickerContext, PickerPage } from '../../src/pickers';
import { decodeOffset, encodeOffset } from '../../src/pickers/staged-list';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

interface Customer {
  readonly id: string;
  readonly email: string;
  readonly company: string;
}

describe('picker sources', () => {
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let all: Customer[];
  const signal = new AbortController().signal;
  const pc1: PickerContext = { catalogVersion: 1 };
  const pc2: PickerContext = { catalogVersion: 2 };
  const ask = (kind: Parameters<typeof queryPicker>[1], text: string, ctx: PickerContext, offset?: string): Promise<PickerPage> =>
    queryPicker(client, kind, { text, offset, signal }, ctx);

  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    const res = await client.call<{ list: { customer: Customer }[] }>('customers.list', { params: { limit: 100 } });
    all = res.body.list.map((e) => e.customer);
  });
  after(async () => sb.close());

  it('chooses the customer filter by the shape of the text', () => {
    assert.deepEqual(customerStages(''), [{}]);
    assert.deepEqual(customerStages('ada@x'), [{ email: { starts_with: 'ada@x' } }]);
    assert.deepEqual(customerStages('acme'), [
      { id: { starts_with: 'acme' } },
      { company: { starts_with: 'acme' } },
      { company: { starts_with: 'Acme' } },
      { first_name: { starts_with: 'acme' } },
      { first_name: { starts_with: 'Acme' } },
      { last_name: { starts_with: 'acme' } },
      { last_name: { starts_with: 'Acme' } },
      { email: { starts_with: 'acme' } },
    ]);
    assert.deepEqual(customerStages('ada love')[0], { first_name: { starts_with: 'Ada' }, last_name: { starts_with: 'Love' } }, 'two words: first and last name in one query');
  });

  it('finds a customer by last name, full name, lower-case email or company, asking the stages in parallel', async () => {
    const res = await client.call<{ list: { customer: Record<string, string> }[] }>('customers.list', { params: { limit: 100 } });
    const target = res.body.list.map((e) => e.customer)[4];
    assert.ok(target);
    const first = target['first_name'] ?? '';
    const last = target['last_name'] ?? '';
    for (const text of [last.toLowerCase(), `${first} ${last}`.toLowerCase(), (target['email'] ?? '').slice(0, 5), (target['company'] ?? '').slice(0, 5).toLowerCase(), target['id'] ?? '']) {
      sb.control.resetStats();
      const started = Date.now();
      const page = await ask('customer', text, pc1);
      assert.ok(page.items.some((i) => i.id === target['id']), `"${text}" finds ${target['id']}`);
      assert.equal(new Set(page.items.map((i) => i.id)).size, page.items.length, 'each customer once');
      assert.ok(Date.now() - started < 5000);
    }
  });

  it('finds subscriptions by their customer\'s name or company (customers first, then customer_id[in])', async () => {
    const subs = await client.call<{ list: { subscription: Record<string, unknown>; customer?: Record<string, string> }[] }>('subscriptions.list', { params: { limit: 100 } });
    const entry = subs.body.list.find((e) => subscriptionCatalog(e.subscription) === 1 && e.customer !== undefined);
    assert.ok(entry?.customer);
    const last = entry.customer['last_name'] ?? '';
    sb.control.resetStats();
    const page = await ask('subscription', last.toLowerCase(), { ...pc1, pageSize: 100 });
    assert.ok(page.items.some((i) => i.id === entry.subscription['id']), `the customer's last name "${last}" finds the subscription`);
    assert.ok(sb.control.requests().some((r) => r.path.endsWith('/subscriptions') && r.query.includes('customer_id%5Bin%5D')), 'looked up by customer_id[in]');
  });

  it('matches plans, addons and item prices anywhere in the id or name', async () => {
    const plans = await ask('plan', 'annual', pc1);
    assert.ok(plans.items.length > 0);
    assert.ok(plans.items.every((i) => /annual/i.test(i.label)), 'only plans with "annual" in id or name');
    assert.ok(plans.items.some((i) => i.id.startsWith('enterprise')), 'found in the middle of the id');
    const prices = await ask('item_price', 'monthly', { ...pc2, currency: 'USD' });
    assert.ok(prices.items.length > 0 && prices.items.every((i) => /monthly/i.test(i.label)));
  });

  it('finds customers by email prefix, and by company typed in lower case', async () => {
    const target = all[3];
    assert.ok(target);
    const byEmail = await ask('customer', target.email.slice(0, target.email.indexOf('@') + 1), pc1);
    assert.ok(byEmail.items.some((i) => i.id === target.id), 'email prefix finds the customer');
    assert.ok(byEmail.items.every((i) => i.description?.includes('@') === true));
    const company = target.company;
    const byCompany = await ask('customer', company.slice(0, 4).toLowerCase(), pc1);
    const expected = all.filter((c) => c.company.startsWith(company.slice(0, 4))).map((c) => c.id).sort();
    const found = byCompany.items.map((i) => i.id).filter((id) => expected.includes(id)).sort();
    assert.deepEqual(found, expected, 'every customer of that company, found through the capitalised stage');
    assert.equal(new Set(byCompany.items.map((i) => i.id)).size, byCompany.items.length, 'no duplicates within a page');
  });

  it('pages through every customer with "More…" offsets, none twice', async () => {
    const seen: string[] = [];
    let offset: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await queryPicker(client, 'customer', { text: '', offset, signal }, { ...pc1, pageSize: 7 });
      seen.push(...page.items.map((x) => x.id));
      offset = page.nextOffset;
      if (offset === undefined) break;
    }
    assert.equal(offset, undefined, 'the pages end');
    assert.equal(seen.length, all.length);
    assert.equal(new Set(seen).size, all.length);
  });

  it('continues a staged search in the next stage when one runs out, one entry per page', async () => {
    const text = (all[5]?.company ?? 'A').slice(0, 1).toLowerCase();
    const cap = text.toUpperCase();
    const expected = new Set(all.filter((c) => c.id.startsWith(text) || c.company.startsWith(text) || c.company.startsWith(cap)).map((c) => c.id));
    const seen = new Set<string>();
    let offset: string | undefined;
    for (let i = 0; i < 200; i++) {
      const page = await queryPicker(client, 'customer', { text, offset, signal }, { ...pc1, pageSize: 1 });
      for (const item of page.items) seen.add(item.id);
      offset = page.nextOffset;
      if (offset === undefined) break;
    }
    assert.equal(offset, undefined);
    for (const id of expected) assert.ok(seen.has(id), `${id} is reached by paging through the stages`);
    assert.deepEqual(decodeOffset(encodeOffset(2, '["1","x:y"]'), 5), { stage: 2, apiOffset: '["1","x:y"]' });
    assert.deepEqual(decodeOffset('junk', 5), { stage: 0 }, 'a malformed offset starts over');
    assert.deepEqual(decodeOffset('9:abc', 5), { stage: 0 });
  });

  it('offers plans and addons on PC1 sites and item prices on PC2 sites only', async () => {
    const plans = await ask('plan', 'pro', pc1);
    assert.ok(plans.items.length > 0);
    assert.ok(plans.items.every((i) => i.id.includes('pro')));
    assert.match(plans.items[0]?.description ?? '', /per month/);
    assert.throws(() => listFor('plan', '', pc2), PickerUnavailableError);
    assert.throws(() => listFor('item_price', '', pc1), PickerUnavailableError);
    const addons = await ask('addon', 'day', pc1);
    assert.ok(addons.items.some((i) => i.id === 'day-pass-usd'));
  });

  it('sends every picker search in a shape the API accepts (the sandbox refuses undeclared filters and sorts)', async () => {
    const kinds = ['customer', 'subscription', 'plan', 'addon', 'item_family', 'item', 'item_price', 'coupon', 'quote'] as const;
    for (const ctx of [pc1, pc2]) {
      for (const kind of kinds) {
        if ((ctx.catalogVersion === 2 && ['plan', 'addon'].includes(kind)) || (ctx.catalogVersion === 1 && ['item_family', 'item', 'item_price'].includes(kind))) continue;
        for (const text of ['', 'a', 'x@example.com']) await ask(kind, text, ctx);
      }
    }
    const families = await ask('item_family', '', pc2);
    assert.ok(families.items.length > 0);
  });

  it('holds item prices to an item type and a currency when the form knows them', async () => {
    const charges = await ask('item_price', '', { ...pc2, itemType: 'charge', currency: 'EUR', pageSize: 100 });
    assert.deepEqual(charges.items.map((i) => i.id).sort(), ['data-migration-EUR', 'training-day-EUR']);
    const byName = await ask('item_price', 'storage', { ...pc2, currency: 'USD' });
    assert.ok(byName.items.length >= 2, 'the capitalised name stage finds "Storage ..." prices');
    assert.ok(byName.items.every((i) => i.id.endsWith('USD-Monthly')));
  });

  it('lists active coupons only, with what they take off', async () => {
    const page = await ask('coupon', '', { ...pc1, pageSize: 100 });
    const ids = page.items.map((i) => i.id);
    assert.ok(ids.includes('WELCOME10'));
    assert.ok(!ids.includes('SPRING-SALE'), 'expired coupons are not offered');
    assert.match(page.items.find((i) => i.id === 'WELCOME10')?.description ?? '', /10% off/);
  });

  it("offers only subscriptions of the site's catalog", async () => {
    const one = await ask('subscription', '', { ...pc1, pageSize: 100 });
    const two = await ask('subscription', '', { ...pc2, pageSize: 100 });
    const res = await client.call<{ list: { subscription: Record<string, unknown> }[] }>('subscriptions.list', { params: { limit: 100 } });
    const expect = (c: 1 | 2): string[] => res.body.list.filter((e) => subscriptionCatalog(e.subscription) === c).map((e) => String(e.subscription['id'])).sort();
    assert.deepEqual(one.items.map((i) => i.id).sort(), expect(1));
    assert.deepEqual(two.items.map((i) => i.id).sort(), expect(2));
    assert.ok(expect(1).length > 0 && expect(2).length > 0, 'the demo seed has both kinds');
  });
});
