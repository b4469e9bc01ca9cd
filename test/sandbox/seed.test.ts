import assert from 'node:assert/strict';
import { seedStore } from './seed';

describe('sandbox seed', () => {
  const now = 1_760_000_000;

  it('is deterministic: the same seed gives the same data', () => {
    const a = seedStore('demo', now, undefined);
    const b = seedStore('demo', now, undefined);
    assert.deepEqual([...a.customers.values()], [...b.customers.values()]);
    assert.deepEqual([...a.quotes.values()], [...b.quotes.values()]);
  });

  it('gives the demo site customers, subscriptions and quotes of every kind, status and currency', () => {
    const store = seedStore('demo', now, undefined);
    assert.equal(store.customers.size, 25);
    // 15 seeded, plus those made by converting the invoiced subscription quotes.
    assert.ok(store.subscriptions.size >= 15 && store.subscriptions.size <= 20, String(store.subscriptions.size));
    const quotes = [...store.quotes.values()];
    assert.ok(quotes.length >= 28 && quotes.length <= 32, String(quotes.length));
    const statuses = new Set(quotes.map((q) => (q.quote.status === 'open' && q.quote.valid_till < now ? 'expired' : q.quote.status)));
    for (const s of ['open', 'accepted', 'declined', 'invoiced', 'closed', 'expired']) assert.ok(statuses.has(s as never), `has ${s}`);
    assert.deepEqual(new Set(quotes.map((q) => q.catalog)), new Set([1, 2]));
    assert.deepEqual(new Set(quotes.map((q) => q.quote.currency_code)), new Set(['USD', 'EUR', 'JPY']));
    assert.ok(quotes.some((q) => q.quote.deleted));
    assert.ok([...store.coupons.values()].some((c) => c.discount_type === 'fixed_amount'));
    assert.ok(store.invoices.size > 0 && store.transactions.size > 0 && store.creditNotes.size > 0 && store.orders.size > 0);
  });

  it('seeds only the catalog for empty, and one product catalog when asked', () => {
    const empty = seedStore('empty', now, undefined);
    assert.equal(empty.customers.size, 0);
    assert.equal(empty.quotes.size, 0);
    assert.ok(empty.plans.size > 0 && empty.itemPrices.size > 0);
    const pc2 = seedStore('demo', now, 2);
    assert.ok([...pc2.quotes.values()].every((q) => q.catalog === 2));
  });

  it('makes 100,000 customers and 10,000 quotes in under 10 s', function () {
    this.timeout(15000);
    const started = Date.now();
    const store = seedStore('large', now, undefined);
    const elapsed = Date.now() - started;
    assert.equal(store.customers.size, 100_000);
    assert.equal(store.quotes.size, 10_000);
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  });
});
