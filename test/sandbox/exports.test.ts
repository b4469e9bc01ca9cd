import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from './index';
import { call, form, objectAt } from './helpers';
import { parseCsv, unzipText } from './zip-read';

describe('sandbox exports', () => {
  let sb: RunningSandbox;
  beforeEach(async () => {
    sb = await startSandbox({ port: 0, exportSeconds: 30 });
  });
  afterEach(() => sb.close());

  const trigger = (kind: string, pairs: readonly (readonly [string, string | number])[] = []) => call(sb, 'POST', `/exports/${kind}`, form(pairs));
  const retrieve = async (id: string) => objectAt((await call(sb, 'GET', `/exports/${id}`)).json, 'export');

  it('stays in_process for the configured time, then completes with a 4 h download', async () => {
    const started = await trigger('customers', [['customer[email][starts_with]', 'a']]);
    assert.equal(started.status, 200, started.text);
    const job = objectAt(started.json, 'export');
    assert.equal(job.status, 'in_process');
    assert.equal(job.operation_type, 'Customers Export');
    assert.equal('download' in job, false);
    sb.control.advanceClock(29);
    assert.equal((await retrieve(String(job.id))).status, 'in_process');
    sb.control.advanceClock(1);
    const done = await retrieve(String(job.id));
    assert.equal(done.status, 'completed');
    const download = objectAt(done, 'download');
    assert.equal(download.valid_till, Number(job.created_at) + 30 + 4 * 3600);
  });

  it('zips a CSV holding exactly the filtered records, header row first', async () => {
    const customers = [...sb.control.store.customers.values()];
    const prefix = customers.find((c) => c.preferred_currency_code !== 'JPY')?.email.charAt(0) ?? 'a';
    const expected = customers.filter((c) => c.email.startsWith(prefix) && c.preferred_currency_code !== 'JPY');
    assert.ok(expected.length > 0 && expected.length < customers.length);
    const job = objectAt((await trigger('customers', [['customer[email][starts_with]', prefix], ['customer[id][not_in]', JSON.stringify([...sb.control.store.customers.values()].filter((c) => c.preferred_currency_code === 'JPY').map((c) => c.id))]])).json, 'export');
    sb.control.advanceClock(30);
    const url = String(objectAt(await retrieve(String(job.id)), 'download').download_url);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    const files = await unzipText(Buffer.from(await res.arrayBuffer()));
    const csv = files.get('customers.csv');
    assert.ok(csv, `files: ${[...files.keys()].join(', ')}`);
    const [header, ...rows] = parseCsv(csv);
    assert.equal(header?.[0], 'id');
    const emailAt = header?.indexOf('email') ?? -1;
    assert.deepEqual(rows.map((r) => r[0]).sort(), expected.map((c) => c.id).sort());
    assert.ok(emailAt > 0);
    assert.ok(rows.every((r) => (r[emailAt] ?? '').startsWith(prefix)));
  });

  it('exports revenue reports per month and invoices by number filters', async () => {
    const report = await trigger('revenue_recognition', [['report_by', 'customer'], ['report_from_month', 1], ['report_from_year', 2025], ['report_to_month', 3], ['report_to_year', 2025], ['invoice[total][gte]', 1]]);
    assert.equal(report.status, 200, report.text);
    assert.equal(objectAt(report.json, 'export').operation_type, 'Revenue Recognition Report');
    const missing = await trigger('deferred_revenue', [['report_by', 'invoice']]);
    assert.equal(missing.status, 400);
    assert.equal(missing.json?.param, 'report_from_month');
    const invoices = await trigger('invoices', [['invoice[total][lt]', 10000], ['invoice[status][in]', '["paid","payment_due"]']]);
    sb.control.advanceClock(30);
    const url = String(objectAt(await retrieve(String(objectAt(invoices.json, 'export').id)), 'download').download_url);
    const files = await unzipText(Buffer.from(await (await fetch(url)).arrayBuffer()));
    const [header, ...rows] = parseCsv(files.get('invoices.csv') ?? '');
    const total = header?.indexOf('total') ?? -1;
    const status = header?.indexOf('status') ?? -1;
    const expected = [...sb.control.store.invoices.values()].filter((i) => i.total < 10000 && ['paid', 'payment_due'].includes(i.status));
    assert.equal(rows.length, expected.length);
    assert.ok(rows.every((r) => Number(r[total]) < 10000 && ['paid', 'payment_due'].includes(r[status] ?? '')));
  });

  it('validates filters: unknown group field and wrong operator are 400 with param', async () => {
    const unknown = await trigger('customers', [['customer[shoe_size][is]', '42']]);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json?.param, 'customer[shoe_size]');
    const op = await trigger('invoices', [['invoice[total][starts_with]', '1']]);
    assert.equal(op.status, 400);
    assert.equal(op.json?.param, 'invoice[total][starts_with]');
    const top = await trigger('plans', [['colour[is]', 'red']]);
    assert.equal(top.json?.param, 'colour');
  });

  it('fails a job whose filter holds __fail__, without a download', async () => {
    const job = objectAt((await trigger('subscriptions', [['subscription[id][is]', '__fail__']])).json, 'export');
    assert.equal(job.status, 'in_process');
    sb.control.advanceClock(30);
    const failed = await retrieve(String(job.id));
    assert.equal(failed.status, 'failed');
    assert.equal('download' in failed, false);
  });

  it('allows 5 jobs in_process; the 6th gets 429 until one finishes', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await trigger('coupons')).status, 200);
    const sixth = await trigger('items');
    assert.equal(sixth.status, 429);
    assert.equal(sixth.json?.type, 'operation_failed');
    assert.equal(sixth.json?.api_error_code, 'api_request_limit_exceeded');
    sb.control.advanceClock(30);
    assert.equal((await trigger('items')).status, 200);
  });

  it('expires the download URL after 4 hours with an S3-style 403 XML body', async () => {
    const job = objectAt((await trigger('plans', [['plan[period_unit][is]', 'month']])).json, 'export');
    sb.control.advanceClock(30);
    const url = String(objectAt(await retrieve(String(job.id)), 'download').download_url);
    assert.equal((await fetch(url)).status, 200);
    sb.control.advanceClock(4 * 3600 + 1);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(expired.headers.get('content-type') ?? '', /xml/);
    assert.match(await expired.text(), /Request has expired/);
  });

  it('counts retrieves per job and the smallest interval between two on the sandbox clock', async () => {
    const job = objectAt((await trigger('orders')).json, 'export');
    const id = String(job.id);
    await retrieve(id);
    sb.control.advanceClock(12);
    await retrieve(id);
    sb.control.advanceClock(10);
    await retrieve(id);
    const stats = sb.control.stats().exports[id];
    assert.equal(stats?.retrieves, 3);
    assert.ok(stats.minIntervalSeconds !== null && stats.minIntervalSeconds >= 10 && stats.minIntervalSeconds < 11, String(stats.minIntervalSeconds));
    assert.equal((await call(sb, 'GET', '/exports/nope')).status, 404);
  });

  it('serves every one of the 18 export kinds', async () => {
    const kinds: [string, [string, string | number][]][] = [
      ['revenue_recognition', [['report_by', 'invoice'], ['report_from_month', 1], ['report_from_year', 2025], ['report_to_month', 2], ['report_to_year', 2025]]],
      ['deferred_revenue', [['report_by', 'subscription'], ['report_from_month', 1], ['report_from_year', 2025], ['report_to_month', 1], ['report_to_year', 2025]]],
      ['plans', [['currency_code[is]', 'USD']]], ['addons', [['addon[charge_type][is]', 'recurring']]], ['coupons', [['coupon[discount_type][is]', 'percentage']]],
      ['customers', [['customer[taxability][is]', 'taxable']]], ['subscriptions', [['subscription[status][is]', 'active']]], ['invoices', [['invoice[recurring][is]', 'true']]],
      ['credit_notes', [['credit_note[type][is]', 'adjustment']]], ['transactions', [['transaction[status][is]', 'success']]], ['orders', [['order[status][is_not]', 'cancelled']]],
      ['item_families', [['item_family[id][is]', 'analytics']]], ['items', [['item[type][is]', 'plan']]], ['item_prices', [['item_price[pricing_model][is]', 'per_unit']]],
      ['attached_items', [['attached_item[type][is]', 'mandatory']]], ['differential_prices', [['differential_price[parent_item_id][is]', 'storage-business']]],
      ['price_variants', [['price_variant[status][is]', 'active']]], ['ramps', [['ramp[status][in]', '[scheduled,draft]']]],
    ];
    assert.equal(kinds.length, 18);
    for (const [kind, pairs] of kinds) {
      const reply = await trigger(kind, pairs);
      assert.equal(reply.status, 200, `${kind}: ${reply.text}`);
      sb.control.advanceClock(30);
      const done = await retrieve(String(objectAt(reply.json, 'export').id));
      const files = await unzipText(Buffer.from(await (await fetch(String(objectAt(done, 'download').download_url))).arrayBuffer()));
      const csv = files.get(`${kind}.csv`) ?? '';
      assert.ok(parseCsv(csv).length >= 2, `${kind} has a header and at least one record`);
    }
  });
});
