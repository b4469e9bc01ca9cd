import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from './index';
import { call, form, listAt, objectAt } from './helpers';
import type { Customer, Subscription } from './models';

interface LineItemJson {
  unit_amount: number;
  quantity: number;
  amount: number;
  discount_amount: number;
  entity_type: string;
  entity_id?: string;
}

/** The totals rules every priced quote must satisfy, whatever produced it. */
function assertConsistent(quote: Record<string, unknown>): void {
  const lines = quote.line_items as LineItemJson[];
  const discounts = quote.discounts as { amount: number }[];
  for (const li of lines) {
    assert.equal(li.amount, li.unit_amount * li.quantity, 'amount = unit_amount x quantity');
    assert.ok(Number.isInteger(li.amount));
  }
  const subTotal = lines.reduce((s, li) => s + li.amount, 0);
  const discountTotal = discounts.reduce((s, d) => s + d.amount, 0);
  assert.equal(quote.sub_total, subTotal);
  assert.equal(quote.total, subTotal - discountTotal);
  assert.equal(quote.amount_due, quote.total);
  assert.equal(lines.reduce((s, li) => s + li.discount_amount, 0), discountTotal, 'discounts are spread over the lines');
}

describe('sandbox quotes', () => {
  let sb: RunningSandbox;
  let usd: Customer;
  let jpy: Customer;
  let pc1Sub: Subscription;
  let pc2Sub: Subscription;

  before(async () => {
    sb = await startSandbox({ port: 0 });
    const customers = [...sb.control.store.customers.values()];
    const subs = [...sb.control.store.subscriptions.values()].filter((s) => s.status !== 'cancelled');
    usd = customers.find((c) => c.preferred_currency_code === 'USD') as Customer;
    jpy = customers.find((c) => c.preferred_currency_code === 'JPY') as Customer;
    pc1Sub = subs.find((s) => s.plan_id !== undefined) as Subscription;
    pc2Sub = subs.find((s) => s.subscription_items !== undefined) as Subscription;
    assert.ok(usd && jpy && pc1Sub && pc2Sub, 'the demo seed has the customers and subscriptions these tests need');
  });
  after(() => sb.close());

  const post = (path: string, pairs: readonly (readonly [string, string | number])[] = []) => call(sb, 'POST', path, form(pairs));

  describe('create and edit, priced from the catalog', () => {
    it('PC1 subscription quote: plan, setup fee, addons and a percentage coupon', async () => {
      const reply = await post(`/customers/${usd.id}/create_subscription_quote`, [
        ['subscription[plan_id]', 'pro-usd'], ['subscription[plan_quantity]', 2], ['addons[id][0]', 'extra-seat-usd'], ['addons[quantity][0]', 3], ['coupon_ids[0]', 'WELCOME10'],
      ]);
      assert.equal(reply.status, 200, reply.text);
      const quote = objectAt(reply.json, 'quote');
      assert.equal(quote.status, 'open');
      assert.equal(quote.operation_type, 'create_subscription_for_customer');
      assert.equal(quote.currency_code, 'USD');
      const lines = quote.line_items as LineItemJson[];
      assert.deepEqual(lines.map((l) => [l.entity_type, l.entity_id, l.amount]), [['plan', 'pro-usd', 5800], ['plan_setup', 'pro-usd', 5000], ['addon', 'extra-seat-usd', 1500]]);
      assert.equal(quote.total, 12300 - 1230);
      assertConsistent(quote);
      assert.equal(objectAt(reply.json, 'quoted_subscription').plan_id, 'pro-usd');
    });

    it('PC1 change and one-time quotes, and their edits', async () => {
      const change = await post('/quotes/update_subscription_quote', [['subscription[id]', pc1Sub.id], ['subscription[plan_quantity]', 4]]);
      assert.equal(change.status, 200, change.text);
      const changed = objectAt(change.json, 'quote');
      assert.equal(changed.operation_type, 'change_subscription');
      assert.equal(changed.subscription_id, pc1Sub.id);
      assertConsistent(changed);

      const onetime = await post('/quotes/create_for_onetime_charges', [['customer_id', jpy.id], ['currency_code', 'JPY'], ['addons[id][0]', 'day-pass-jpy'], ['addons[quantity][0]', 2], ['charges[amount][0]', 3000], ['charges[description][0]', 'Workshop'], ['coupon_ids[0]', 'YEN500']]);
      assert.equal(onetime.status, 200, onetime.text);
      const q = objectAt(onetime.json, 'quote');
      assert.equal(q.currency_code, 'JPY');
      assert.equal(q.sub_total, 250 * 2 + 3000, 'yen amounts have no minor unit');
      assert.equal(q.total, 3500 - 500);
      assertConsistent(q);
      assert.ok(objectAt(onetime.json, 'quoted_charge'));

      const edited = await post(`/quotes/${String(q.id)}/edit_one_time_quote`, [['charges[amount][0]', 4000]]);
      assert.equal(edited.status, 200, edited.text);
      const e = objectAt(edited.json, 'quote');
      assert.equal(e.id, q.id);
      assert.equal(e.version, 2);
      assert.equal(e.sub_total, 4000);
      const wrongKind = await post(`/quotes/${String(q.id)}/edit_create_subscription_quote`, [['subscription[plan_id]', 'basic-jpy']]);
      assert.equal(wrongKind.status, 400);
    });

    it('PC2 subscription, change and charge quotes with manual discounts', async () => {
      const create = await post(`/customers/${usd.id}/create_subscription_quote_for_items`, [
        ['subscription_items[item_price_id][0]', 'storage-business-USD-Monthly'], ['subscription_items[quantity][0]', 3],
        ['subscription_items[item_price_id][1]', 'extra-terabyte-USD-Monthly'], ['subscription_items[quantity][1]', 2],
        ['discounts[apply_on][0]', 'specific_item_price'], ['discounts[item_price_id][0]', 'extra-terabyte-USD-Monthly'], ['discounts[amount][0]', 500], ['discounts[duration_type][0]', 'forever'],
        ['discounts[apply_on][1]', 'invoice_amount'], ['discounts[percentage][1]', 10], ['discounts[duration_type][1]', 'one_time'],
      ]);
      assert.equal(create.status, 200, create.text);
      const q = objectAt(create.json, 'quote');
      assert.deepEqual((q.line_items as LineItemJson[]).map((l) => l.entity_type), ['plan_item_price', 'addon_item_price']);
      assert.equal(q.sub_total, 4900 * 3 + 1000 * 2);
      assertConsistent(q);
      assert.ok((q.discounts as unknown[]).length === 2);

      const change = await post('/quotes/update_subscription_quote_for_items', [['subscription[id]', pc2Sub.id], ['subscription_items[item_price_id][0]', `dashboards-${pc2Sub.currency_code}-Monthly`], ['subscription_items[quantity][0]', 2]]);
      assert.equal(change.status, 200, change.text);
      assertConsistent(objectAt(change.json, 'quote'));

      const charges = await post('/quotes/create_for_charge_items_and_charges', [['customer_id', usd.id], ['item_prices[item_price_id][0]', 'training-day-USD'], ['charges[amount][0]', 2500], ['charges[description][0]', 'Travel']]);
      assert.equal(charges.status, 200, charges.text);
      const cq = objectAt(charges.json, 'quote');
      assert.equal(cq.sub_total, 80000 + 2500);
      const edit = await post(`/quotes/${String(cq.id)}/edit_for_charge_items_and_charges`, [['item_prices[item_price_id][0]', 'data-migration-USD']]);
      assert.equal(objectAt(edit.json, 'quote').sub_total, 25000);
    });

    it('answers missing references with 404 and a param, and names rows by their wire index', async () => {
      const plan = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'no-such-plan']]);
      assert.equal(plan.status, 404);
      assert.equal(plan.json?.api_error_code, 'resource_not_found');
      assert.equal(plan.json?.param, 'subscription[plan_id]');
      const customer = await post('/customers/nobody/create_subscription_quote', [['subscription[plan_id]', 'basic-usd']]);
      assert.equal(customer.status, 404);
      const addon = await post('/quotes/create_for_onetime_charges', [['customer_id', usd.id], ['addons[id][3]', 'day-pass-usd'], ['addons[id][8]', 'nope']]);
      assert.equal(addon.status, 404);
      assert.equal(addon.json?.param, 'addons[id][8]');
      const required = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_quantity]', 1]]);
      assert.equal(required.status, 400);
      assert.equal(required.json?.param, 'subscription[plan_id]');
      const tooSmall = await post('/quotes/create_for_onetime_charges', [['customer_id', usd.id], ['charges[amount][4]', 100], ['charges[amount][9]', 0]]);
      assert.equal(tooSmall.status, 400);
      assert.equal(tooSmall.json?.param, 'charges[amount][9]');
      const currency = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'basic-usd'], ['addons[id][0]', 'extra-seat-eur']]);
      assert.equal(currency.status, 400);
      assert.equal(currency.json?.param, 'addons[id][0]');
    });
  });

  describe('list', () => {
    it('filters by status in all three list forms, by customer, and sorts by date both ways', async () => {
      const forms = ['["open","accepted"]', "['open', 'accepted']", '[open,accepted]'];
      const results = await Promise.all(forms.map((f) => call(sb, 'GET', '/quotes', form([['status[in]', f], ['limit', 100]]))));
      const ids = results.map((r) => listAt(r.json, 'list').map((e) => objectAt(e, 'quote').id));
      assert.deepEqual(ids[1], ids[0]);
      assert.deepEqual(ids[2], ids[0]);
      for (const e of listAt(results[0]?.json, 'list')) assert.ok(['open', 'accepted'].includes(String(objectAt(e, 'quote').status)));

      const mine = await call(sb, 'GET', '/quotes', form([['customer_id[is]', usd.id], ['limit', 100]]));
      assert.ok(listAt(mine.json, 'list').every((e) => objectAt(e, 'quote').customer_id === usd.id));

      const desc = listAt((await call(sb, 'GET', '/quotes', 'sort_by[desc]=date&limit=100')).json, 'list').map((e) => Number(objectAt(e, 'quote').date));
      const asc = listAt((await call(sb, 'GET', '/quotes', 'sort_by[asc]=date&limit=100')).json, 'list').map((e) => Number(objectAt(e, 'quote').date));
      assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
      assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
      const bad = await call(sb, 'GET', '/quotes', 'sort_by[desc]=total');
      assert.equal(bad.status, 400);
    });

    it('filters dates with between and hides deleted quotes unless include_deleted', async () => {
      const dates = listAt((await call(sb, 'GET', '/quotes', 'limit=100')).json, 'list').map((e) => Number(objectAt(e, 'quote').date)).sort();
      const lo = dates[5] ?? 0;
      const hi = dates[10] ?? 0;
      const between = await call(sb, 'GET', '/quotes', form([['date[between]', `[${lo},${hi}]`], ['limit', 100]]));
      const got = listAt(between.json, 'list').map((e) => Number(objectAt(e, 'quote').date));
      assert.equal(got.length, dates.filter((d) => d >= lo && d <= hi).length);

      const visible = listAt((await call(sb, 'GET', '/quotes', 'limit=100')).json, 'list');
      const all = listAt((await call(sb, 'GET', '/quotes', 'limit=100&include_deleted=true')).json, 'list');
      const deleted = all.filter((e) => objectAt(e, 'quote').deleted === true);
      assert.ok(deleted.length > 0);
      assert.equal(all.length - visible.length, deleted.length);
    });
  });

  describe('state rules', () => {
    async function newQuote(): Promise<string> {
      const r = await post('/quotes/create_for_onetime_charges', [['customer_id', usd.id], ['charges[amount][0]', 1000]]);
      return String(objectAt(r.json, 'quote').id);
    }

    it('runs open -> accepted -> invoiced through update_status and convert', async () => {
      const id = await newQuote();
      const accepted = await post(`/quotes/${id}/update_status`, [['status', 'accepted'], ['comment', 'signed']]);
      assert.equal(objectAt(accepted.json, 'quote').status, 'accepted');
      const converted = await post(`/quotes/${id}/convert`);
      assert.equal(converted.status, 200, converted.text);
      const quote = objectAt(converted.json, 'quote');
      assert.equal(quote.status, 'invoiced');
      const invoice = objectAt(converted.json, 'invoice');
      assert.equal(quote.invoice_id, invoice.id);
      assert.equal(invoice.total, quote.total);
      assert.equal(objectAt(converted.json, 'customer').id, usd.id);
      assert.equal((await post(`/quotes/${id}/convert`)).status, 409);
      const again = await post(`/quotes/${id}/update_status`, [['status', 'declined']]);
      assert.equal(again.status, 409);
      assert.equal(again.json?.api_error_code, 'invalid_state_for_request');
    });

    it('creates the subscription when converting a subscription quote', async () => {
      const created = await post(`/customers/${usd.id}/create_subscription_quote_for_items`, [['subscription_items[item_price_id][0]', 'storage-starter-USD-Monthly'], ['subscription[id]', 'sub-from-quote']]);
      const id = String(objectAt(created.json, 'quote').id);
      const converted = await post(`/quotes/${id}/convert`, [['subscription[auto_collection]', 'off']]);
      assert.equal(converted.status, 200, converted.text);
      const sub = objectAt(converted.json, 'subscription');
      assert.equal(sub.id, 'sub-from-quote');
      assert.equal(sub.status, 'active');
      assert.equal(objectAt(converted.json, 'quote').subscription_id, 'sub-from-quote');
      assert.equal((await call(sb, 'GET', '/subscriptions/sub-from-quote')).status, 200);
    });

    it('refuses edits and convert on declined quotes, and CPQ-only statuses', async () => {
      const id = await newQuote();
      assert.equal((await post(`/quotes/${id}/update_status`, [['status', 'proposed']])).status, 400);
      await post(`/quotes/${id}/update_status`, [['status', 'declined']]);
      assert.equal((await post(`/quotes/${id}/convert`)).status, 409);
      assert.equal((await post(`/quotes/${id}/edit_one_time_quote`, [['charges[amount][0]', 5]])).status, 409);
      assert.equal((await post(`/quotes/${id}/extend_expiry_date`, [['valid_till', sb.control.now() + 86400]])).status, 409);
    });

    it('reads a quote past valid_till as closed, and extend_expiry_date brings it back', async () => {
      const r = await post('/quotes/create_for_onetime_charges', [['customer_id', usd.id], ['charges[amount][0]', 1000], ['expires_at', sb.control.now() + 3600]]);
      const id = String(objectAt(r.json, 'quote').id);
      sb.control.advanceClock(7200);
      assert.equal(objectAt((await call(sb, 'GET', `/quotes/${id}`)).json, 'quote').status, 'closed');
      const closed = await call(sb, 'GET', '/quotes', form([['status[is]', 'closed'], ['id[is]', id]]));
      assert.equal(listAt(closed.json, 'list').length, 1);
      assert.equal((await post(`/quotes/${id}/convert`)).status, 409);
      assert.equal((await post(`/quotes/${id}/extend_expiry_date`, [['valid_till', sb.control.now() - 10]])).status, 400);
      const extended = await post(`/quotes/${id}/extend_expiry_date`, [['valid_till', sb.control.now() + 86400]]);
      assert.equal(objectAt(extended.json, 'quote').status, 'open');
    });

    it('deletes softly: gone from retrieve, kept with deleted=true for include_deleted', async () => {
      const id = await newQuote();
      const deleted = await post(`/quotes/${id}/delete`, [['comment', 'duplicate']]);
      assert.equal(objectAt(deleted.json, 'quote').deleted, true);
      assert.equal((await call(sb, 'GET', `/quotes/${id}`)).status, 404);
      const listed = await call(sb, 'GET', '/quotes', form([['id[is]', id], ['include_deleted', 'true']]));
      assert.equal(objectAt(listAt(listed.json, 'list')[0], 'quote').deleted, true);
    });
  });

  describe('line groups and pdf', () => {
    it('lists the quote line group with the quote totals', async () => {
      const r = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'basic-usd']]);
      const quote = objectAt(r.json, 'quote');
      const groups = listAt((await call(sb, 'GET', `/quotes/${String(quote.id)}/quote_line_groups`)).json, 'list');
      assert.equal(groups.length, 1);
      const group = objectAt(groups[0], 'quote_line_group');
      assert.equal(group.total, quote.total);
      assert.equal(group.charge_event, 'subscription_creation');
      assert.deepEqual(group.line_items, quote.line_items);
    });

    it('serves a real PDF until the URL expires, then a 403 XML body', async () => {
      const r = await post(`/customers/${usd.id}/create_subscription_quote`, [['subscription[plan_id]', 'basic-usd']]);
      const id = String(objectAt(r.json, 'quote').id);
      const pdf = await post(`/quotes/${id}/pdf`, [['disposition_type', 'inline']]);
      const download = objectAt(pdf.json, 'download');
      assert.equal(download.object, 'download');
      assert.equal(Number(download.valid_till) - sb.control.now() <= 3600, true);
      const url = String(download.download_url);
      assert.ok(url.startsWith(sb.origin));
      const file = await fetch(url);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition') ?? '', /^inline/);
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(bytes.length > 500);
      const forged = await fetch(url.replace(/token=[0-9a-f]+/, 'token=00'));
      assert.equal(forged.status, 403);
      sb.control.advanceClock(3601);
      const expired = await fetch(url);
      assert.equal(expired.status, 403);
      const text = await expired.text();
      assert.match(text, /<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    });
  });

  describe('site catalog', () => {
    it('refuses PC2 calls on a product catalog 1.0 site', async () => {
      const pc1 = await startSandbox({ port: 0, catalog: 1 });
      try {
        const customer = [...pc1.control.store.customers.keys()][0] ?? '';
        const reply = await call(pc1, 'POST', `/customers/${customer}/create_subscription_quote_for_items`, form([['subscription_items[item_price_id][0]', 'storage-starter-USD-Monthly']]));
        assert.equal(reply.status, 400);
        assert.equal(reply.json?.api_error_code, 'configuration_incompatible');
        const all = listAt((await call(pc1, 'GET', '/quotes', 'limit=100&include_deleted=true')).json, 'list');
        assert.ok(all.every((e) => !String((objectAt(e, 'quote').line_items as LineItemJson[])[0]?.entity_type).endsWith('item_price')));
      } finally {
        await pc1.close();
      }
    });
  });
});
