// The Quotes tree's pages against the sandbox over a real socket: customer names from billing
// addresses or one `id[in]` lookup per page (requests counted by the sandbox's stats), cached per
// site; and a rate-limited page that says why and until when while it waits, then loads.
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { ListResponse } from '../../src/chargebee/responses';
import { CustomerNames } from '../../src/quotes/tree/customer-names';
import { failureReason } from '../../src/quotes/tree/failure';
import { PagedQuoteList, type ListWait } from '../../src/quotes/tree/paged-list';
import { billingName, quoteRow, type QuoteRow } from '../../src/quotes/tree/row';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

describe('quote tree pages with customer names', () => {
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  const signal = new AbortController().signal;
  const page = async (params: Record<string, unknown>): Promise<QuoteRow[]> => {
    const res = await client.call<ListResponse<unknown>>('quotes.list', { params: { limit: 50, sort_by: { desc: 'date' }, ...params }, signal });
    return (res.body.list ?? []).map(quoteRow).filter((r): r is QuoteRow => r !== undefined);
  };

  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
  });
  after(async () => sb.close());
  beforeEach(() => sb.control.resetStats());

  it('names every row with at most two requests per page, and none for customers already known', async () => {
    const names = new CustomerNames();
    const rows = await page({});
    assert.ok(rows.some((r) => r.customer_name === undefined), 'the demo seed has quotes without a billing address');
    assert.ok(rows.some((r) => r.customer_name !== undefined), 'and quotes with one');
    const named = await names.name(client, rows, signal);
    const stats = sb.control.stats();
    assert.equal(stats.routes['GET /quotes'], 1);
    assert.equal(stats.routes['GET /customers'], 1, 'one id[in] lookup for the whole page');
    assert.equal(stats.total, 2, 'requests per page with names');
    const res = await client.call<ListResponse<{ customer: Record<string, unknown> }>>('customers.list', { params: { limit: 100 } });
    const byId = new Map((res.body.list ?? []).map((e) => [String(e.customer['id']), billingName(e.customer)]));
    for (const row of named) {
      assert.ok(row.customer_name !== undefined, `quote ${row.id} is named`);
      if (rows.find((r) => r.id === row.id)?.customer_name === undefined) assert.equal(row.customer_name, byId.get(row.customer_id ?? ''));
    }
    const lookup = sb.control.requests().find((r) => r.path.endsWith('/customers') && r.method === 'GET' && r.query.includes('id%5Bin%5D'));
    assert.ok(lookup, 'the lookup filters by id[in]');

    sb.control.resetStats();
    await names.name(client, await page({}), signal);
    assert.equal(sb.control.stats().routes['GET /customers'], undefined, 'cached for the site: no second lookup');
  });

  it('keeps the ids when the lookup fails, and asks again on the next page', async () => {
    const names = new CustomerNames();
    const rows = await page({});
    sb.control.addFaults([{ type: 'status', status: 503, path: '/customers' }]);
    const named = await names.name(client, rows, signal);
    assert.deepEqual(named, rows, 'rows unchanged, no error');
    const again = await names.name(client, rows, signal);
    assert.ok(again.every((r) => r.customer_name !== undefined), 'the next page names them');
  });

  it('says why and until when while a 429 holds the page, then loads', async () => {
    const retrying = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 3, maxTotalMs: 10_000 } });
    sb.control.addFaults([{ type: 'status', status: 429, retryAfter: 1, path: '/quotes' }]);
    const waits: ListWait[] = [];
    const seen: (ListWait | undefined)[] = [];
    const list: PagedQuoteList = new PagedQuoteList({
      key: 'flat',
      params: {},
      accepts: () => true,
      pageSize: () => 10,
      onChange: (l) => seen.push(l.waiting),
      fetch: async (params, s, onWait) => {
        const res = await retrying.call<ListResponse<unknown>>('quotes.list', {
          params,
          signal: s,
          onRetry: (w) => {
            const wait = { reason: failureReason(w.error), until: Date.now() + w.delayMs };
            waits.push(wait);
            onWait(wait);
          },
        });
        return { rows: (res.body.list ?? []).map(quoteRow).filter((r): r is QuoteRow => r !== undefined) };
      },
    });
    const started = Date.now();
    await list.loadMore();
    assert.equal(waits.length, 1);
    assert.match(waits[0]?.reason ?? '', /limiting requests \(HTTP 429\)/);
    assert.ok(Math.abs((waits[0]?.until ?? 0) - (started + 1000)) < 500, 'until the Retry-After');
    assert.ok(seen.some((w) => w !== undefined), 'the list reported the wait while it lasted');
    assert.equal(list.waiting, undefined);
    assert.equal(list.rows.length, 10);
  });

  it('"Retry now" gives up the wait and asks again at once', async () => {
    const retrying = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 3, maxTotalMs: 120_000 } });
    sb.control.addFaults([{ type: 'status', status: 429, retryAfter: 60, path: '/quotes' }]);
    const list: PagedQuoteList = new PagedQuoteList({
      key: 'flat',
      params: {},
      accepts: () => true,
      pageSize: () => 5,
      onChange: () => undefined,
      fetch: async (params, s, onWait) => {
        const res = await retrying.call<ListResponse<unknown>>('quotes.list', { params, signal: s, onRetry: (w) => onWait({ reason: failureReason(w.error), until: Date.now() + w.delayMs }) });
        return { rows: (res.body.list ?? []).map(quoteRow).filter((r): r is QuoteRow => r !== undefined) };
      },
    });
    void list.loadMore();
    for (let i = 0; i < 100 && list.waiting === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(list.waiting, 'waiting on the Retry-After of 60 s');
    const started = Date.now();
    await list.retryNow();
    assert.ok(Date.now() - started < 5000, 'did not sit out the minute');
    assert.equal(list.rows.length, 5);
    assert.equal(list.error, undefined);
  });
});
