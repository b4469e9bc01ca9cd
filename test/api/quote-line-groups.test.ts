/**
 * The detail page's billing cycles over a real socket: a multi-term quote made on the sandbox, its
 * groups read page by page (limit 100, one request here; a 2-per-page sandbox cursor is followed),
 * and the section rendered from them: every group's event, lines, discounts and totals, the quote total.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { QuoteLineGroup } from '../../src/chargebee/responses';
import { lineGroupsSection, loadLineGroups } from '../../src/quotes/detail/line-groups';
import { normaliseQuote } from '../../src/quotes/detail/normalise';
import type { QuoteObject } from '../../src/quotes/detail/quote-model';
import { renderQuoteDetail } from '../../src/quotes/detail/render';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

const en = { locale: 'en-US', timeZone: 'UTC' };

describe('quote line groups on the detail page, against the sandbox', function () {
  this.timeout(10_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let quote: QuoteObject;
  let groups: QuoteLineGroup[];

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 }, timeoutMs: 2_000 });
    const customers = await client.call<{ list: { customer: { id: string; preferred_currency_code?: string } }[] }>('customers.list', { params: { limit: 100 } });
    const usd = customers.body.list.map((e) => e.customer).find((c) => c.preferred_currency_code === 'USD');
    assert.ok(usd);
    const created = await client.call<{ quote: unknown }>('quotes.create_subscription_quote', {
      pathParams: { customer_id: usd.id },
      params: { subscription: { plan_id: 'pro-usd' }, terms_to_charge: 3, coupon_ids: ['WELCOME10'] },
    });
    quote = normaliseQuote(created.body.quote);
    groups = await loadLineGroups(client, quote.id);
  });

  after(async () => sb.close());

  it('loads every group in billing order', () => {
    assert.deepEqual(groups.map((g) => [g.billing_cycle_number, g.charge_event]), [[1, 'subscription_creation'], [2, 'subscription_renewal'], [3, 'subscription_renewal']]);
    assert.equal(groups.reduce((s, g) => s + (g.total ?? 0), 0), quote.total, "the quote's total is the groups' sum");
  });

  it('follows next_offset when the groups come in pages', async () => {
    const pages: unknown[] = [];
    const paged = await loadLineGroups({
      call: async (id, opts) => {
        const params = { ...(opts?.params ?? {}), limit: 2 };
        pages.push(params);
        return client.call(id, { ...opts, params });
      },
    }, quote.id);
    assert.equal(pages.length, 2);
    assert.deepEqual(paged.map((g) => g.id), groups.map((g) => g.id));
  });

  it('renders each group: event, lines with their periods, discounts, totals, and the quote total', () => {
    const html = lineGroupsSection(quote, { ...en, lineGroups: { kind: 'loaded', groups } });
    assert.match(html, /Billing cycles \(3\)/);
    assert.match(html, /Billing cycle 1 · Subscription creation/);
    assert.equal(html.match(/Subscription renewal/g)?.length, 2);
    for (const g of groups) {
      assert.ok(html.includes(`$${((g.total ?? 0) / 100).toFixed(2)}`), `group ${String(g.billing_cycle_number)} total shown`);
      for (const li of g.line_items ?? []) assert.ok(html.includes(li.description ?? '?'), 'its lines');
    }
    const oneTime = (groups[0]?.discounts ?? []).length;
    assert.ok(oneTime > 0, 'the first group carries the coupon');
    assert.match(html, new RegExp(`Quote total</dt><dd><strong>\\$${((quote.total ?? 0) / 100).toFixed(2).replace('.', '\\.')}`));
    assert.doesNotMatch(html, /add up to/, 'no mismatch note when the groups sum to the total');
  });

  it('shows nothing extra for one group, says why when loading failed, and escapes API text', () => {
    assert.equal(lineGroupsSection(quote, { ...en, lineGroups: { kind: 'loaded', groups: groups.slice(0, 1) } }), '');
    assert.equal(lineGroupsSection(quote, en), '');
    assert.match(lineGroupsSection(quote, { ...en, lineGroups: { kind: 'failed', message: 'HTTP <500>' } }), /could not be loaded: HTTP &lt;500&gt;/);
    const hostile = groups.map((g) => ({ ...g, charge_event: '<img src=x>', line_items: [{ description: '<script>x</script>', amount: 1 }] }));
    const html = lineGroupsSection(quote, { ...en, lineGroups: { kind: 'loaded', groups: hostile } });
    assert.ok(!html.includes('<script>') && !html.includes('<img'), html);
  });

  it('is part of the detail page, after the totals', () => {
    const html = renderQuoteDetail({ quote }, { ...en, nonce: 'bm9uY2U=', cspSource: 'x', styleUri: 's', scriptUri: 'j', actions: [], lineGroups: { kind: 'loaded', groups } });
    assert.ok(html.indexOf('h-groups') > html.indexOf('h-totals'));
  });
});
