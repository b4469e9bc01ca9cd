/**
 * The official `chargebee` npm SDK (v3), unchanged, driving the sandbox. This proves the sandbox
 * speaks the wire format real clients produce and parse.
 *
 * Pointing the SDK at a local server: v3 builds URLs as `${protocol}://${site}${hostSuffix}:${port}`
 * + `/api/v2` (the SDK's getHost/getApiURL and RequestWrapper._buildRequestUrl), so
 * `{ site: '127.0.0.1', hostSuffix: '', protocol: 'http', port }` reaches `http://127.0.0.1:<port>/api/v2`.
 * The sandbox ignores the Host header (its URLs use its own origin), so nothing else is needed. Errors reject with the parsed
 * JSON body plus `http_status_code` and `headers` (coreCommon.handleResponse), not a ChargebeeError.
 */
import assert from 'node:assert/strict';
import Chargebee from 'chargebee';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import type { Customer, Subscription } from '../sandbox/models';
import { parseCsv, unzipText } from '../sandbox/zip-read';

/** What the SDK rejects with for an API error (the JSON body, annotated). */
interface SdkError {
  http_status_code: number;
  api_error_code: string;
  type?: string;
  param?: string;
  message: string;
  headers: Record<string, string>;
}

async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    return err as SdkError;
  }
  assert.fail('expected the SDK call to fail');
}

function client(sb: RunningSandbox, apiKey = sb.apiKey): Chargebee {
  return new Chargebee({ site: '127.0.0.1', apiKey, hostSuffix: '', protocol: 'http', port: sb.port });
}

describe('contract: official chargebee SDK against the sandbox', () => {
  let sb: RunningSandbox;
  let cb: Chargebee;
  let usd: Customer;
  let pc1Sub: Subscription;
  let pc2Sub: Subscription;

  before(async () => {
    sb = await startSandbox({ port: 0, exportSeconds: 30 });
    cb = client(sb);
    const customers = [...sb.control.store.customers.values()];
    const subs = [...sb.control.store.subscriptions.values()].filter((s) => s.status === 'active');
    usd = customers.find((c) => c.preferred_currency_code === 'USD') as Customer;
    pc1Sub = subs.find((s) => s.plan_id !== undefined) as Subscription;
    pc2Sub = subs.find((s) => s.subscription_items !== undefined) as Subscription;
  });
  after(() => sb.close());

  describe('quotes', () => {
    it('lists, filters and pages quotes', async () => {
      const all = await cb.quote.list({ limit: 100 });
      assert.ok(all.list.length >= 20);
      const ids: string[] = [];
      let offset: string | undefined;
      do {
        const page = await cb.quote.list({ limit: 8, ...(offset !== undefined ? { offset } : {}) });
        ids.push(...page.list.map((e) => e.quote.id));
        offset = page.next_offset;
      } while (offset !== undefined);
      assert.deepEqual(ids, all.list.map((e) => e.quote.id));

      // sort_by is on the wire API (and the SDK's Zod schema) but missing from its TS input type.
      const sortDesc = { sort_by: { desc: 'date' } };
      const open = await cb.quote.list({ limit: 100, status: { in: ['open', 'accepted'] }, ...sortDesc });
      assert.ok(open.list.length > 0);
      assert.ok(open.list.every((e) => ['open', 'accepted'].includes(e.quote.status)));
      const dates = open.list.map((e) => e.quote.date);
      assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
      const mine = await cb.quote.list({ customer_id: { is: usd.id } });
      assert.ok(mine.list.every((e) => e.quote.customer_id === usd.id));
    });

    it('creates each of the six quote kinds (PC1 and PC2) and edits one', async () => {
      const pc1New = await cb.quote.createSubForCustomerQuote(usd.id, { subscription: { plan_id: 'basic-usd', plan_quantity: 2 }, addons: [{ id: 'extra-seat-usd', quantity: 1 }] });
      assert.equal(pc1New.quote.operation_type, 'create_subscription_for_customer');
      assert.equal(pc1New.quote.sub_total, 900 * 2 + 500);
      assert.equal(pc1New.quoted_subscription?.plan_id, 'basic-usd');

      const pc1Change = await cb.quote.updateSubscriptionQuote({ subscription: { id: pc1Sub.id, plan_quantity: 3 } });
      assert.equal(pc1Change.quote.subscription_id, pc1Sub.id);

      const pc1Once = await cb.quote.createForOnetimeCharges({ customer_id: usd.id, charges: [{ amount: 1200, description: 'Setup' }], coupon_ids: ['SAVE5-USD'] });
      assert.equal(pc1Once.quote.total, 1200 - 500);

      const pc2New = await cb.quote.createSubItemsForCustomerQuote(usd.id, { subscription_items: [{ item_price_id: 'storage-starter-USD-Monthly', quantity: 4 }], coupon_ids: ['LOYAL20'] });
      assert.equal(pc2New.quote.line_items?.[0]?.entity_type, 'plan_item_price');
      assert.equal(pc2New.quote.total, 4800 - 960);

      const pc2Change = await cb.quote.updateSubscriptionQuoteForItems({ subscription: { id: pc2Sub.id }, subscription_items: [{ item_price_id: `dashboards-${pc2Sub.currency_code}-Monthly`, quantity: 1 }] });
      assert.equal(pc2Change.quote.operation_type, 'change_subscription');

      const pc2Once = await cb.quote.createForChargeItemsAndCharges({ customer_id: usd.id, item_prices: [{ item_price_id: 'data-migration-USD' }], discounts: [{ apply_on: 'invoice_amount', percentage: 50 }] });
      assert.equal(pc2Once.quote.total, 12500);

      const edited = await cb.quote.editOneTimeQuote(pc1Once.quote.id, { charges: [{ amount: 2000 }] });
      assert.equal(edited.quote.version, 2);
      assert.equal(edited.quote.sub_total, 2000);
    });

    it('updates the status and converts, getting quote, customer, invoice and subscription', async () => {
      const created = await cb.quote.createSubItemsForCustomerQuote(usd.id, { subscription_items: [{ item_price_id: 'storage-business-USD-Monthly', quantity: 1 }] });
      const accepted = await cb.quote.updateStatus(created.quote.id, { status: 'accepted', comment: 'signed by email' });
      assert.equal(accepted.quote.status, 'accepted');
      const converted = await cb.quote.convert(created.quote.id, {});
      assert.equal(converted.quote.status, 'invoiced');
      assert.equal(converted.customer.id, usd.id);
      assert.equal(converted.invoice?.total, created.quote.total);
      assert.equal(converted.subscription?.customer_id, usd.id);
      const err = await sdkError(cb.quote.updateStatus(created.quote.id, { status: 'declined' }));
      assert.equal(err.http_status_code, 409);
      assert.equal(err.api_error_code, 'invalid_state_for_request');
    });

    it('gets a PDF download and fetches real PDF bytes', async () => {
      const quote = (await cb.quote.list({ limit: 1 })).list[0]?.quote;
      assert.ok(quote);
      const { download } = await cb.quote.pdf(quote.id, { disposition_type: 'attachment' });
      const res = await fetch(download.download_url);
      assert.equal(res.status, 200);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    });

    it('replays an idempotent call and reports it through isIdempotencyReplayed', async () => {
      const headers = { 'chargebee-idempotency-key': 'contract-idem-1' };
      const first = await cb.quote.createForOnetimeCharges({ customer_id: usd.id, charges: [{ amount: 700 }] }, headers);
      const second = await cb.quote.createForOnetimeCharges({ customer_id: usd.id, charges: [{ amount: 700 }] }, headers);
      assert.equal(String(first.isIdempotencyReplayed), 'false');
      assert.equal(String(second.isIdempotencyReplayed), 'true');
      assert.equal(second.quote.id, first.quote.id);
      const conflict = await sdkError(cb.quote.createForOnetimeCharges({ customer_id: usd.id, charges: [{ amount: 800 }] }, headers));
      assert.equal(conflict.http_status_code, 422);
      assert.equal(conflict.api_error_code, 'unable_to_process_request');
    });
  });

  describe('errors as the SDK surfaces them', () => {
    it('404 resource_not_found', async () => {
      const err = await sdkError(cb.quote.retrieve('no-such-quote'));
      assert.equal(err.http_status_code, 404);
      assert.equal(err.api_error_code, 'resource_not_found');
      assert.equal(err.type, 'invalid_request');
    });

    it('400 param_wrong_value naming the param', async () => {
      const err = await sdkError(cb.quote.createForOnetimeCharges({ customer_id: usd.id, charges: [{ amount: 100 }, { amount: 0 }] }));
      assert.equal(err.http_status_code, 400);
      assert.equal(err.api_error_code, 'param_wrong_value');
      assert.equal(err.param, 'charges[amount][1]');
      const plan = await sdkError(cb.quote.createSubForCustomerQuote(usd.id, { subscription: { plan_id: 'gold-plated' } }));
      assert.equal(plan.http_status_code, 404);
      assert.equal(plan.param, 'subscription[plan_id]');
    });

    it('401 for a wrong key, without a type', async () => {
      const err = await sdkError(client(sb, 'not_the_key').quote.list({ limit: 1 }));
      assert.equal(err.http_status_code, 401);
      assert.equal(err.api_error_code, 'api_authentication_failed');
      assert.equal(err.type, undefined);
    });
  });

  describe('exports', () => {
    it('triggers every export kind with a filter, retrieves to completion, downloads and unzips', async () => {
      const period = { report_from_month: 1, report_from_year: 2025, report_to_month: 3, report_to_year: 2025 };
      const triggers: [string, () => Promise<{ export: { id: string; status: string } }>][] = [
        ['revenue_recognition', () => cb.export.revenueRecognition({ report_by: 'invoice', ...period, invoice: { total: { gte: 0 } } })],
        ['deferred_revenue', () => cb.export.deferredRevenue({ report_by: 'customer', ...period, customer: { taxability: { is: 'taxable' } } })],
        ['plans', () => cb.export.plans({ currency_code: { is: 'USD' } })],
        ['addons', () => cb.export.addons({ addon: { charge_type: { is: 'recurring' } } })],
        ['coupons', () => cb.export.coupons({ coupon: { discount_type: { in: ['percentage', 'fixed_amount'] } } })],
        ['customers', () => cb.export.customers({ customer: { email: { is_present: true } } })],
        ['subscriptions', () => cb.export.subscriptions({ subscription: { status: { in: ['active', 'in_trial', 'non_renewing', 'future', 'cancelled'] } } })],
        ['invoices', () => cb.export.invoices({ invoice: { total: { gte: 1 } } })],
        ['credit_notes', () => cb.export.creditNotes({ credit_note: { total: { gt: 0 } } })],
        ['transactions', () => cb.export.transactions({ transaction: { type: { is: 'payment' } } })],
        ['orders', () => cb.export.orders({ order: { status: { is_not: 'voided' } } })],
        ['item_families', () => cb.export.itemFamilies({ item_family: { id: { starts_with: 'cloud' } } })],
        ['items', () => cb.export.items({ item: { type: { is: 'charge' } } })],
        ['item_prices', () => cb.export.itemPrices({ item_price: { pricing_model: { is: 'flat_fee' } } })],
        ['attached_items', () => cb.export.attachedItems({ attached_item: { type: { is: 'recommended' } } })],
        ['differential_prices', () => cb.export.differentialPrices({ differential_price: { parent_item_id: { is: 'storage-business' } } })],
        ['price_variants', () => cb.export.priceVariants({ price_variant: { status: { is: 'active' } } })],
        ['ramps', () => cb.export.ramps({ ramp: { status: { in: ['scheduled', 'succeeded', 'draft'] } } })],
      ];
      for (const [kind, start] of triggers) {
        const started = await start();
        assert.equal(started.export.status, 'in_process', kind);
        const pending = await cb.export.retrieve(started.export.id);
        assert.equal(pending.export.status, 'in_process');
        assert.equal(pending.export.download, undefined);
        // Advance the sandbox clock instead of sleeping through the 30 s job.
        sb.control.advanceClock(30);
        const done = await cb.export.retrieve(started.export.id);
        assert.equal(done.export.status, 'completed', kind);
        const url = done.export.download?.download_url;
        assert.ok(url, `${kind} has a download`);
        const files = await unzipText(Buffer.from(await (await fetch(url)).arrayBuffer()));
        const rows = parseCsv(files.get(`${kind}.csv`) ?? '');
        assert.ok(rows.length >= 2, `${kind}: a header row and at least one record`);
      }
    });

    it('answers the 6th concurrent export with 429 api_request_limit_exceeded', async () => {
      sb.control.advanceClock(60);
      for (let i = 0; i < 5; i++) await cb.export.customers({});
      const err = await sdkError(cb.export.customers({}));
      assert.equal(err.http_status_code, 429);
      assert.equal(err.type, 'operation_failed');
      assert.equal(err.api_error_code, 'api_request_limit_exceeded');
    });
  });

  it('imports unbilled charges through the SDK', async () => {
    const now = sb.control.now();
    const res = await cb.subscription.importUnbilledCharges(pc1Sub.id, {
      unbilled_charges: [{ id: 'contract-usage', date_from: now - 86400, date_to: now, entity_type: 'adhoc', description: 'Overage', amount: 900 }],
      discounts: [{ unbilled_charge_id: 'contract-usage', amount: 100 }],
    });
    assert.equal(res.unbilled_charges[0]?.id, 'contract-usage');
    assert.equal(res.unbilled_charges[0]?.discount_amount, 100);
  });

  it('lists, deletes and invoices unbilled charges through the SDK', async () => {
    const now = sb.control.now();
    await cb.subscription.importUnbilledCharges(pc2Sub.id, {
      unbilled_charges: [
        { id: 'contract-keep', date_from: now - 86400, date_to: now, entity_type: 'adhoc', description: 'Hours', amount: 1200 },
        { id: 'contract-drop', date_from: now - 86400, date_to: now, entity_type: 'adhoc', description: 'Mistake', amount: 50 },
      ],
    });
    const listed = await cb.unbilledCharge.list({ subscription_id: { is: pc2Sub.id }, limit: 100 });
    assert.deepEqual(listed.list.map((e) => e.unbilled_charge.id).sort(), ['contract-drop', 'contract-keep']);
    const deleted = await cb.unbilledCharge.delete('contract-drop');
    assert.equal(deleted.unbilled_charge.deleted, true);
    const invoiced = await cb.unbilledCharge.invoiceUnbilledCharges({ subscription_id: pc2Sub.id });
    assert.equal(invoiced.invoices.length, 1);
    assert.equal(invoiced.invoices[0]?.total, 1200);
    assert.equal((await cb.unbilledCharge.list({ subscription_id: { is: pc2Sub.id } })).list.length, 0);
  });

  it('reads the product catalog version and a multi-term quote line groups through the SDK', async () => {
    const config = await cb.configuration.list();
    assert.ok(['v1', 'v2'].includes(config.configurations[0]?.product_catalog_version ?? ''));
    const created = await cb.quote.createSubForCustomerQuote(usd.id, { subscription: { plan_id: 'pro-usd' }, terms_to_charge: 2 });
    const groups = await cb.quote.quoteLineGroupsForQuote(created.quote.id, { limit: 10 });
    assert.deepEqual(groups.list.map((e) => e.quote_line_group.billing_cycle_number), [1, 2]);
    assert.equal(groups.list.reduce((sum, e) => sum + (e.quote_line_group.total ?? 0), 0), created.quote.total);
    const withFields = await cb.quote.createSubItemsForCustomerQuote(usd.id, {
      subscription_items: [{ item_price_id: 'storage-business-USD-Monthly' }],
      cf_region: 'EU',
    });
    assert.equal(withFields.quote['cf_region'], 'EU');
  });
});
