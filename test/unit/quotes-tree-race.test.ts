/**
 * The Quotes tree rebuilt under the view's feet (the dev site's key event arriving just after
 * activation, a filter change): the status group the view already holds must keep working. VS Code
 * refreshes a node only through the element object (or id) it registered, so a rebuilt model hands
 * back the same group objects, now over the new lists.
 */
import assert from 'node:assert/strict';
import { QuoteTreeModel, type QuoteTreeModelOptions } from '../../src/quotes/tree/model';
import type { FetchRows, PagedQuoteList } from '../../src/quotes/tree/paged-list';
import type { QuoteRow } from '../../src/quotes/tree/row';

const ROWS: QuoteRow[] = [
  { id: 'Q-2', status: 'open', date: 1_700_000_002 },
  { id: 'Q-1', status: 'open', date: 1_700_000_001 },
];

/** Answers after a macrotask, as the sandbox does, and honours the abort signal. */
const fetchRows: FetchRows = (params, signal) =>
  new Promise((resolve, reject) => {
    const status = params['status'] as { in?: string[] } | undefined;
    const timer = setTimeout(() => resolve({ rows: ROWS.filter((r) => status?.in?.includes(r.status) !== false) }), 5);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });

function options(siteId: string, changed: PagedQuoteList[], previous?: QuoteTreeModel): QuoteTreeModelOptions {
  return { siteId, filter: {}, groupBy: 'status', fetch: fetchRows, pageSize: () => 50, onChange: (l) => changed.push(l), ...(previous ? { previous } : {}) };
}

describe('quotes tree: a model rebuilt while the view holds its groups', () => {
  it('the group object the view holds loads the new list and reports it', async () => {
    const changedA: PagedQuoteList[] = [];
    const a = new QuoteTreeModel(options('site-1', changedA));
    const held = a.groups.find((g) => g.status === 'open');
    assert.ok(held);
    // The view expanded "Open": its first page is in flight when the site's key event rebuilds the tree.
    const first = held.list.loadMore();
    a.dispose();
    await first;
    const changedB: PagedQuoteList[] = [];
    const b = new QuoteTreeModel(options('site-1', changedB, a));

    // The view asks the element it registered again; it must reach a live list of the new model.
    assert.equal(b.groups.find((g) => g.status === 'open'), held, 'same group object for the same site and status');
    await held.list.loadMore();
    assert.deepEqual(held.list.rows.map((r) => r.id), ['Q-2', 'Q-1']);
    assert.ok(changedB.includes(held.list), 'the new model reported the load, so the view is told to ask again');
    assert.equal(b.groupOf(held.list), held);
    b.dispose();
  });

  it('does not reuse groups of another site', () => {
    const a = new QuoteTreeModel(options('site-1', []));
    a.dispose();
    const b = new QuoteTreeModel(options('site-2', [], a));
    assert.notEqual(b.groups[0], a.groups[0]);
    assert.equal(b.groups[0]?.siteId, 'site-2');
    b.dispose();
  });

  it('a disposed list starts no request and stays quiet', async () => {
    let calls = 0;
    const changed: PagedQuoteList[] = [];
    const m = new QuoteTreeModel({ ...options('site-1', changed), fetch: async (p, s, w) => (calls++, fetchRows(p, s, w)) });
    m.dispose();
    await m.groups[0]?.list.loadMore();
    assert.equal(calls, 0);
    assert.deepEqual(changed, []);
  });
});
