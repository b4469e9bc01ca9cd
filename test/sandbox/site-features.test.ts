import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from './index';
import { call, form, listAt, objectAt } from './helpers';
import type { Customer, Subscription } from './models';

type Pairs = readonly (readonly [string, string | number])[];

describe('sandbox site features: catalog detection, unbilled charges, line groups, custom fields', () => {
  let sb: RunningSandbox;
  let usd: Customer;
  before(async () => {
    sb = await startSandbox({ port: 0 });
    usd = [...sb.control.store.customers.values()].find((c) => c.preferred_currency_code === 'USD') as Customer;
  });
  after(() => sb.close());

  const post = (path: string, pairs: Pairs = []) => call(sb, 'POST', path, form(pairs));

  describe('product catalog detection', () => {
    it('answers GET /configurations with the site catalog, and refuses the other catalog with configuration_incompatible', async () => {
      for (const catalog of [1, 2] as const) {
        const site = await startSandbox({ port: 0, catalog, seed: 'empty' });
        try {
          const reply = await call(site, 'GET', '/configurations');
          assert.equal(reply.status, 200);
          const [config] = listAt(reply.json, 'configurations');
          assert.equal(config?.product_catalog_version, catalog === 1 ? 'v1' : 'v2');
          assert.equal(config?.chargebee_response_schema_type, catalog === 1 ? 'plans_addons' : 'items');
          const wrong = catalog === 1 ? ['/items', '/item_prices/x', '/item_families'] : ['/plans', '/addons/x', '/plans/basic-usd'];
          for (const path of wrong) {
            const refused = await call(site, 'GET', path);
            assert.equal(refused.status, 400, path);
            assert.equal(refused.json?.api_error_code, 'configuration_incompatible', path);
            assert.equal(refused.json?.type, 'invalid_request');
          }
          const own = await call(site, 'GET', catalog === 1 ? '/plans' : '/items');
          assert.equal(own.status, 200);
        } finally {
          await site.close();
        }
      }
      const mixed = listAt((await call(sb, 'GET', '/configurations')).json, 'configurations')[0];
      assert.equal(mixed?.chargebee_response_schema_type, 'compat', 'a site serving both catalogs says so');
    });
  });

  describe('unbilled charges', () => {
    let sub: Subscription;
    const from = (): number => sb.control.now() - 86400 * 10;
    before(() => {
      sub = [...sb.control.store.subscriptions.values()].find((s) => s.status === 'active' && s.customer_id !== usd.id) as Subscription;
    });

    async function importTwo(prefix: string): Promise<void> {
      const reply = await post(`/subscriptions/${sub.id}/import_unbilled_charges`, [
        ['unbilled_charges[id][0]', `${prefix}-a`], ['unbilled_charges[date_from][0]', from()], ['unbilled_charges[date_to][0]', from() + 86400], ['unbilled_charges[entity_type][0]', 'adhoc'], ['unbilled_charges[amount][0]', 2000], ['unbilled_charges[description][0]', 'Support'],
        ['unbilled_charges[id][1]', `${prefix}-b`], ['unbilled_charges[date_from][1]', from()], ['unbilled_charges[date_to][1]', from() + 86400], ['unbilled_charges[entity_type][1]', 'adhoc'], ['unbilled_charges[amount][1]', 3000],
        ['discounts[unbilled_charge_id][0]', `${prefix}-b`], ['discounts[amount][0]', 500], ['discounts[entity_type][0]', 'item_level_discount'],
      ]);
      assert.equal(reply.status, 200, reply.text);
    }

    const listed = async (extra: Pairs = []): Promise<Record<string, unknown>[]> =>
      listAt((await call(sb, 'GET', '/unbilled_charges', form([['subscription_id[is]', sub.id], ['limit', 100], ...extra]))).json, 'list').map((e) => objectAt(e, 'unbilled_charge'));

    it('lists by subscription id, and refuses filters the API does not define', async () => {
      await importTwo('list');
      const ids = (await listed()).map((c) => c.id);
      assert.ok(ids.includes('list-a') && ids.includes('list-b'));
      assert.ok((await listed([['customer_id[is]', 'nobody']])).length === 0);
      const bad = await call(sb, 'GET', '/unbilled_charges', form([['amount[gt]', 5]]));
      assert.equal(bad.status, 400);
      assert.equal(bad.json?.param, 'amount');
    });

    it('deletes one charge, which then lists only with include_deleted', async () => {
      await importTwo('del');
      const reply = await post('/unbilled_charges/del-a/delete');
      assert.equal(reply.status, 200, reply.text);
      assert.equal(objectAt(reply.json, 'unbilled_charge').deleted, true);
      const ids = (await listed()).map((c) => c.id);
      assert.ok(!ids.includes('del-a') && ids.includes('del-b'));
      assert.ok((await listed([['include_deleted', 'true']])).some((c) => c.id === 'del-a' && c.deleted === true));
      assert.equal((await post('/unbilled_charges/del-a/delete')).status, 404, 'a deleted charge is gone');
      assert.equal((await post('/unbilled_charges/nothing-here/delete')).status, 404);
    });

    it('invoices the pending charges now: one invoice with their lines and totals, and they leave the list', async () => {
      await importTwo('inv');
      const pendingBefore = (await listed()).filter((c) => c.deleted !== true);
      const expected = pendingBefore.reduce((sum, c) => sum + Number(c.amount) - Number(c.discount_amount), 0);
      const reply = await post('/unbilled_charges/invoice_unbilled_charges', [['subscription_id', sub.id]]);
      assert.equal(reply.status, 200, reply.text);
      const invoices = listAt(reply.json, 'invoices');
      assert.equal(invoices.length, 1);
      const [invoice] = invoices;
      assert.equal(invoice?.subscription_id, sub.id);
      assert.equal(invoice?.total, expected);
      assert.equal((invoice?.line_items as unknown[]).length, pendingBefore.length);
      assert.ok(sb.control.store.invoices.has(String(invoice?.id)));
      assert.deepEqual(await listed(), [], 'invoiced charges are no longer unbilled');
      const again = await post('/unbilled_charges/invoice_unbilled_charges', [['subscription_id', sub.id]]);
      assert.deepEqual(listAt(again.json, 'invoices'), [], 'nothing left to invoice');
    });

    it('refuses an invoice call without a target, with an unknown one or with unknown fields', async () => {
      assert.equal((await post('/unbilled_charges/invoice_unbilled_charges')).status, 400);
      const missing = await post('/unbilled_charges/invoice_unbilled_charges', [['subscription_id', 'no-such-sub']]);
      assert.equal(missing.status, 404);
      assert.equal(missing.json?.param, 'subscription_id');
      assert.equal((await post('/unbilled_charges/invoice_unbilled_charges', [['subscription_id', sub.id], ['invoice_date', 1]])).status, 400);
    });
  });

  describe('quote line groups', () => {
    it('gives a multi-term quote one group per term, each priced, the quote total their sum', async () => {
      const reply = await post(`/customers/${usd.id}/create_subscription_quote`, [
        ['subscription[plan_id]', 'pro-usd'], ['terms_to_charge', 3], ['coupon_ids[0]', 'WELCOME10'],
      ]);
      assert.equal(reply.status, 200, reply.text);
      const quote = objectAt(reply.json, 'quote');
      const groups = listAt((await call(sb, 'GET', `/quotes/${String(quote.id)}/quote_line_groups`, 'limit=2')).json, 'list').map((e) => objectAt(e, 'quote_line_group'));
      assert.equal(groups.length, 2, 'paged');
      const page2 = await call(sb, 'GET', `/quotes/${String(quote.id)}/quote_line_groups`, 'limit=10');
      const all = listAt(page2.json, 'list').map((e) => objectAt(e, 'quote_line_group'));
      assert.deepEqual(all.map((g) => [g.billing_cycle_number, g.charge_event]), [[1, 'subscription_creation'], [2, 'subscription_renewal'], [3, 'subscription_renewal']]);
      assert.deepEqual(all[0]?.line_items, quote.line_items, 'the first group is the one inlined in the quote');
      for (const g of all) {
        const lines = g.line_items as { amount: number; date_from: number }[];
        assert.equal(g.sub_total, lines.reduce((s, l) => s + l.amount, 0));
        assert.ok(Array.isArray(g.taxes) && Array.isArray(g.line_item_taxes) && Array.isArray(g.discounts));
      }
      // WELCOME10 is a one-time coupon: it discounts the first term only.
      assert.ok((all[0]?.discounts as unknown[]).length > 0);
      assert.equal((all[1]?.discounts as unknown[]).length, 0);
      const starts = all.map((g) => (g.line_items as { date_from: number }[])[0]?.date_from ?? 0);
      assert.ok(starts[0] < starts[1] && starts[1] < starts[2], 'each renewal group is one term later');
      assert.equal(quote.total, all.reduce((s, g) => s + Number(g.total), 0));
      assert.equal(quote.amount_due, all.reduce((s, g) => s + Number(g.amount_due), 0));

      const converted = await post(`/quotes/${String(quote.id)}/convert`);
      const invoice = objectAt(converted.json, 'invoice');
      assert.equal(invoice.total, quote.total);
      assert.equal((invoice.line_items as unknown[]).length, all.reduce((n, g) => n + (g.line_items as unknown[]).length, 0));
    });

    it('keeps one group for a single-term quote, and drops the extra groups when an edit charges one term', async () => {
      const created = objectAt((await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'basic-usd'], ['terms_to_charge', 2]])).json, 'quote');
      const id = String(created.id);
      assert.equal(listAt((await call(sb, 'GET', `/quotes/${id}/quote_line_groups`)).json, 'list').length, 2);
      const edited = await post(`/quotes/${id}/edit_create_subscription_quote`, [['subscription[plan_id]', 'basic-usd']]);
      assert.equal(edited.status, 200, edited.text);
      const groups = listAt((await call(sb, 'GET', `/quotes/${id}/quote_line_groups`)).json, 'list');
      assert.equal(groups.length, 1);
      assert.equal(objectAt(groups[0], 'quote_line_group').total, objectAt(edited.json, 'quote').total);
    });
  });

  describe('custom fields', () => {
    it('stores cf_* on the PC2 subscription quotes, returns them inline, and lets an edit change or clear them', async () => {
      const created = await post(`/customers/${usd.id}/create_subscription_quote_for_items`, [
        ['subscription_items[item_price_id][0]', 'storage-business-USD-Monthly'], ['cf_region', 'EU'], ['cf_deal_owner', 'Ana'],
      ]);
      assert.equal(created.status, 200, created.text);
      const quote = objectAt(created.json, 'quote');
      assert.equal(quote.cf_region, 'EU');
      assert.equal(quote.cf_deal_owner, 'Ana');
      const id = String(quote.id);
      const edited = await post(`/quotes/${id}/edit_create_subscription_quote_for_items`, [
        ['subscription_items[item_price_id][0]', 'storage-business-USD-Monthly'], ['cf_region', 'US'], ['cf_deal_owner', ''],
      ]);
      assert.equal(edited.status, 200, edited.text);
      const read = objectAt((await call(sb, 'GET', `/quotes/${id}`)).json, 'quote');
      assert.equal(read.cf_region, 'US');
      assert.equal('cf_deal_owner' in read, false);
      const listed = listAt((await call(sb, 'GET', '/quotes', form([['id[is]', id]]))).json, 'list');
      assert.equal(objectAt(listed[0], 'quote').cf_region, 'US');
    });

    it('refuses cf_* where the SDK takes none: PC1 and one-time quotes, and inside the subscription or customer groups', async () => {
      const pc1 = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'basic-usd'], ['cf_region', 'EU']]);
      assert.equal(pc1.status, 400);
      assert.equal(pc1.json?.param, 'cf_region');
      const nested = await post(`/customers/${usd.id}/create_subscription_quote_for_items`, [['subscription_items[item_price_id][0]', 'storage-business-USD-Monthly'], ['subscription[cf_region]', 'EU']]);
      assert.equal(nested.status, 400);
      assert.equal(nested.json?.param, 'subscription[cf_region]');
    });
  });
});
