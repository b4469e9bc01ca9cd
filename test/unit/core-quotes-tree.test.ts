/**
 * The Quotes tree's model on Node: filter params and parsing, one page request in flight per list,
 * paging without duplicates, errors kept for a retry, status groups with their own lists, rows moving
 * between groups when a quote changes, slim rows, and what a row says (money in its currency's
 * decimals, an accessible label).
 */
import assert from 'node:assert/strict';
import type { ParamTree } from '../../src/chargebee/catalog/types';
import { describeFilter, filterParams, matchesFilter, parseDateRange } from '../../src/quotes/tree/filter';
import { QuoteTreeModel } from '../../src/quotes/tree/model';
import { PagedQuoteList, type FetchRows, type RowPage } from '../../src/quotes/tree/paged-list';
import { presentRow } from '../../src/quotes/tree/presentation';
import { quoteRow, withCustomerName, type QuoteRow } from '../../src/quotes/tree/row';

/** A fake list endpoint over `rows` (already newest first), honouring status[in], limit and offset. */
function fakeApi(rows: QuoteRow[]): { fetch: FetchRows; calls: ParamTree[]; failNext: () => void } {
  const calls: ParamTree[] = [];
  let fail = false;
  const fetch: FetchRows = (params) => {
    calls.push(params);
    if (fail) {
      fail = false;
      return Promise.reject(new Error('HTTP 503'));
    }
    const status = params['status'] as { in?: string[]; not_in?: string[] } | undefined;
    const matching = rows.filter((r) => (status?.in === undefined || status.in.includes(r.status)) && !(status?.not_in ?? []).includes(r.status));
    const start = Number(params['offset'] ?? 0);
    const limit = Number(params['limit']);
    const page: RowPage = { rows: matching.slice(start, start + limit), ...(start + limit < matching.length ? { nextOffset: String(start + limit) } : {}) };
    return new Promise((resolve) => setTimeout(() => resolve(page), 5));
  };
  return { fetch, calls, failNext: () => (fail = true) };
}

const rowsOf = (n: number, status = 'open'): QuoteRow[] => Array.from({ length: n }, (_, i) => ({ id: `Q-${n - i}`, status, date: 1_700_000_000 + n - i }));

describe('core: quotes tree filter', () => {
  it('turns a filter into list params', () => {
    assert.deepEqual(filterParams({ statuses: ['open', 'accepted'], customerId: 'cust_1', dateFrom: '2024-01-01', dateTo: '2024-01-31' }), {
      status: { in: ['open', 'accepted'] },
      customer_id: { is: 'cust_1' },
      date: { between: [Date.UTC(2024, 0, 1) / 1000, Date.UTC(2024, 1, 1) / 1000 - 1] },
    });
    assert.deepEqual(filterParams({ dateFrom: '2024-01-01' }), { date: { after: Date.UTC(2024, 0, 1) / 1000 - 1 } });
    assert.deepEqual(filterParams({}), {});
  });

  it('parses date ranges and refuses impossible ones', () => {
    assert.deepEqual(parseDateRange('2024-01-01..2024-01-31'), { ok: true, from: '2024-01-01', to: '2024-01-31' });
    assert.deepEqual(parseDateRange('..2024-01-31'), { ok: true, to: '2024-01-31' });
    assert.deepEqual(parseDateRange(''), { ok: true });
    assert.equal(parseDateRange('2024-02-30..').ok, false);
    assert.equal(parseDateRange('2024-03-01..2024-02-01').ok, false);
    assert.equal(parseDateRange('yesterday').ok, false);
  });

  it('matches rows like the API would, and describes itself', () => {
    const f = { statuses: ['open'], dateTo: '2024-01-31' };
    assert.ok(matchesFilter({ id: '1', status: 'open', date: Date.UTC(2024, 0, 31, 23) / 1000 }, f), 'the last day is included');
    assert.ok(!matchesFilter({ id: '1', status: 'open', date: Date.UTC(2024, 1, 1) / 1000 }, f));
    assert.ok(!matchesFilter({ id: '1', status: 'accepted', date: 0 }, f));
    assert.equal(describeFilter({ statuses: ['open'], customerId: 'c', dateFrom: '2024-01-01' }), 'open · customer c · 2024-01-01..');
  });
});

describe('core: paged quote list', () => {
  it('keeps one request in flight, pages newest first and ends without Load more', async () => {
    const api = fakeApi(rowsOf(7));
    let changes = 0;
    const list = new PagedQuoteList({ key: 'flat', params: {}, accepts: () => true, fetch: api.fetch, pageSize: () => 3, onChange: () => changes++ });
    const a = list.loadMore();
    const b = list.loadMore();
    assert.equal(a, b, 'a second call joins the first');
    await a;
    assert.equal(api.calls.length, 1);
    assert.deepEqual(api.calls[0], { limit: 3, sort_by: { desc: 'date' } });
    assert.equal(list.rows.length, 3);
    assert.ok(list.hasMore);
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(list.rows.map((r) => r.id), ['Q-7', 'Q-6', 'Q-5', 'Q-4', 'Q-3', 'Q-2', 'Q-1']);
    assert.equal(list.hasMore, false);
    await list.loadMore();
    assert.equal(api.calls.length, 3, 'no request past the end');
    assert.ok(changes >= 6, 'the view hears about each start and end');
  });

  it('keeps an error for Retry, and retries the same page', async () => {
    const api = fakeApi(rowsOf(4));
    const list = new PagedQuoteList({ key: 'flat', params: {}, accepts: () => true, fetch: api.fetch, pageSize: () => 2, onChange: () => undefined });
    await list.loadMore();
    api.failNext();
    await list.loadMore();
    assert.equal(list.error, 'HTTP 503');
    assert.equal(list.rows.length, 2, 'rows loaded before the failure stay');
    await list.loadMore();
    assert.equal(list.error, undefined);
    assert.equal(list.rows.length, 4);
    assert.equal(api.calls[2]?.['offset'], '2', 'the retry asks for the page that failed');
  });

  it('puts a new quote on top and never lists it twice when a later page brings it', async () => {
    const api = fakeApi(rowsOf(4));
    const list = new PagedQuoteList({ key: 'flat', params: {}, accepts: () => true, fetch: api.fetch, pageSize: () => 2, onChange: () => undefined });
    assert.equal(list.upsert({ id: 'NEW', status: 'open' }), false, 'nothing to insert into before the first page');
    await list.loadMore();
    list.upsert({ id: 'Q-2', status: 'open', total: 1 });
    await list.loadMore();
    assert.deepEqual(list.rows.map((r) => r.id), ['Q-2', 'Q-4', 'Q-3', 'Q-1']);
    assert.equal(list.find('Q-2')?.total, undefined, 'the page brought the current row');
  });
});

describe('core: quotes tree model', () => {
  const rows = [...rowsOf(3, 'open'), { id: 'A-1', status: 'accepted', date: 1 }, { id: 'X-1', status: 'proposed', date: 1 }];

  it('groups by status, each group with its own request, CPQ statuses under Other', async () => {
    const api = fakeApi(rows);
    const model = new QuoteTreeModel({ siteId: 's', filter: {}, groupBy: 'status', fetch: api.fetch, pageSize: () => 10, onChange: () => undefined });
    assert.deepEqual(model.groups.map((g) => g.status), ['open', 'accepted', 'declined', 'invoiced', 'closed', 'other']);
    const [open, accepted] = model.groups;
    await open?.list.loadMore();
    await accepted?.list.loadMore();
    assert.deepEqual(api.calls.map((c) => c['status']), [{ in: ['open'] }, { in: ['accepted'] }]);
    assert.equal(open?.list.rows.length, 3);
    const other = model.groups.at(-1);
    await other?.list.loadMore();
    assert.deepEqual(api.calls.at(-1)?.['status'], { not_in: ['open', 'accepted', 'declined', 'invoiced', 'closed'] });
    assert.deepEqual(other?.list.rows.map((r) => r.id), ['X-1']);
  });

  it('shows only the filtered statuses as groups', () => {
    const model = new QuoteTreeModel({ siteId: 's', filter: { statuses: ['accepted', 'proposed'] }, groupBy: 'status', fetch: fakeApi([]).fetch, pageSize: () => 10, onChange: () => undefined });
    assert.deepEqual(model.groups.map((g) => g.status), ['accepted', 'other']);
  });

  it('moves a quote between groups when its status changes, and drops a deleted one', async () => {
    const model = new QuoteTreeModel({ siteId: 's', filter: {}, groupBy: 'status', fetch: fakeApi(rows).fetch, pageSize: () => 10, onChange: () => undefined });
    const [open, accepted] = model.groups;
    await open?.list.loadMore();
    await accepted?.list.loadMore();
    const changed = model.quoteChanged({ id: 'Q-2', status: 'accepted', date: 1 });
    assert.equal(changed.length, 2, 'both groups changed');
    assert.equal(open?.list.find('Q-2'), undefined);
    assert.equal(accepted?.list.rows[0]?.id, 'Q-2', 'at the top of its new group');
    model.quoteRemoved('Q-2');
    assert.equal(model.find('Q-2'), undefined);
  });

  it('keeps a changed quote out of a flat list whose filter it no longer matches', async () => {
    const model = new QuoteTreeModel({ siteId: 's', filter: { statuses: ['open'] }, groupBy: 'none', fetch: fakeApi(rows).fetch, pageSize: () => 10, onChange: () => undefined });
    await model.flat?.loadMore();
    assert.equal(model.flat?.rows.length, 3);
    model.quoteChanged({ id: 'Q-3', status: 'accepted' });
    assert.equal(model.flat?.rows.length, 2);
  });
});

describe('core: quote rows', () => {
  it('keeps only the fields a row needs', () => {
    const row = quoteRow({ quote: { id: 'Q-1', status: 'open', customer_id: 'c1', total: 1234, currency_code: 'USD', line_items: [{ id: 'li' }], notes: ['x'], valid_till: 5 } });
    assert.deepEqual(row, { id: 'Q-1', status: 'open', customer_id: 'c1', total: 1234, currency_code: 'USD', valid_till: 5 });
    assert.equal(quoteRow({ id: 3 }), undefined);
  });

  it('names the customer from the billing address (company, else name), with amount and day beside it', () => {
    const row = quoteRow({ quote: { id: '27', status: 'accepted', customer_id: 'pNKr', total: 2000, currency_code: 'EUR', date: 1_795_000_000, billing_address: { first_name: 'Ava', last_name: 'Kim', company: 'Umbrella Labs' } } });
    assert.equal(row?.customer_name, 'Umbrella Labs');
    assert.equal(quoteRow({ id: '1', status: 'open', billing_address: { first_name: 'Ava', last_name: 'Kim' } })?.customer_name, 'Ava Kim');
    assert.equal(quoteRow({ id: '1', status: 'open', billing_address: { line1: 'x' } })?.customer_name, undefined);
    assert.ok(row);
    const view = presentRow(row, { locale: 'en-US', grouped: true });
    assert.equal(view.label, '#27 Umbrella Labs');
    assert.match(view.description, /^€20\.00 · [A-Z][a-z]{2} \d{1,2}, 20\d\d$/, 'amount in EUR and the day, no status under a status group');
    assert.ok(view.tooltip.some((l) => l.includes('Umbrella Labs') && l.includes('pNKr')), 'the tooltip has name and id');
    assert.match(presentRow(row, { locale: 'en-US' }).description, /· Accepted$/, 'flat rows say the status');
    assert.equal(withCustomerName({ id: '2', status: 'open', customer_id: 'c' }, 'Acme').customer_name, 'Acme');
  });

  it('formats the total in the currency decimals and labels the row for screen readers', () => {
    const usd = presentRow({ id: 'Q-1', status: 'open', customer_id: 'c1', total: 1234, currency_code: 'USD' }, { locale: 'en-US' });
    assert.equal(usd.label, '#Q-1 c1');
    assert.equal(usd.description, '$12.34 · Open');
    assert.equal(usd.accessibleLabel, 'Quote Q-1, c1, $12.34, Open');
    assert.match(presentRow({ id: 'Q-2', status: 'accepted', total: 1234, currency_code: 'JPY' }, { locale: 'en-US' }).description, /¥1,234/);
    assert.match(presentRow({ id: 'Q-3', status: 'accepted', total: 1234, currency_code: 'KWD' }, { locale: 'en-US' }).description, /1\.234/);
    assert.equal(presentRow({ id: 'Q-4', status: 'declined' }, { locale: 'en-US' }).icon.id, 'circle-slash');
  });
});
