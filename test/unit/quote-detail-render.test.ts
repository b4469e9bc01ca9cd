import assert from 'node:assert/strict';
import { formatMoney, formatTimestamp, humanize } from '../../src/quotes/detail/format';
import { parseDetailMessage } from '../../src/quotes/detail/messages';
import type { QuoteEnvelope } from '../../src/quotes/detail/quote-model';
import { detailCsp, renderQuoteDetail } from '../../src/quotes/detail/render';

const en = { locale: 'en-US', timeZone: 'UTC' };

function envelope(overrides: Partial<QuoteEnvelope['quote']> = {}): QuoteEnvelope {
  return {
    quote: {
      id: 'Q-7',
      status: 'open',
      name: 'Gym plan',
      customer_id: 'cust_1',
      operation_type: 'onetime_invoice',
      currency_code: 'USD',
      date: 1_700_000_000,
      valid_till: 1_700_086_400,
      updated_at: 1_700_000_100,
      sub_total: 1400,
      total: 1234,
      amount_due: 1234,
      line_items: [{ description: 'Day Pass', entity_type: 'addon', entity_id: 'day-pass', quantity: 2, unit_amount: 700, amount: 1400, discount_amount: 166, tax_amount: 0 }],
      discounts: [{ amount: 166, description: 'WINTER', entity_type: 'document_level_coupon' }],
      billing_address: { first_name: 'Ada', last_name: 'Lovelace', city: 'London', country: 'GB' },
      notes: [{ note: 'Thanks!' }],
      ...overrides,
    },
  };
}

const page = (env: QuoteEnvelope, actions: Parameters<typeof renderQuoteDetail>[1]['actions'] = ['accept', 'showJson']): string =>
  renderQuoteDetail(env, { ...en, nonce: 'bm9uY2U=', cspSource: 'vscode-webview://abc', styleUri: 'https://file+.vscode-resource/media/quote-detail.css', scriptUri: 'https://file+.vscode-resource/media/quote-detail.js', actions });

describe('quote detail rendering', () => {
  it('formats money from minor units in the quote currency', () => {
    assert.equal(formatMoney(1010, 'USD', en), '$10.10');
    assert.equal(formatMoney(1500, 'JPY', en), '¥1,500');
    // Intl puts no-break spaces between code and amount; the test cares about the digits and order.
    const flat = (s: string): string => s.replace(/\s/g, ' ');
    assert.equal(flat(formatMoney(12345, 'KWD', en)), 'KWD 12.345');
    assert.equal(flat(formatMoney(-250, 'EUR', { locale: 'de-DE' })), '-2,50 €');
    assert.equal(formatMoney(undefined, 'USD', en), '—');
    // Not a currency Intl knows: the digits still come out right.
    assert.equal(formatMoney(1234, 'X1', en), '12.34');
  });

  it('formats timestamps in the given locale and zone', () => {
    assert.equal(formatTimestamp(1_700_000_000, en), 'Nov 14, 2023, 10:13 PM');
    assert.equal(formatTimestamp(undefined, en), '—');
    assert.equal(humanize('create_subscription_for_customer'), 'Create subscription for customer');
  });

  it('renders header, line items, totals, address and notes', () => {
    const html = page(envelope());
    assert.match(html, /Quote Q-7 <span class="name">Gym plan<\/span>/);
    assert.match(html, /class="badge status-open"/);
    assert.match(html, /<th scope="row">Day Pass<\/th><td data-label="Entity">Addon · day-pass<\/td><td class="num" data-label="Quantity">2<\/td><td class="num" data-label="Unit amount">\$7\.00<\/td><td class="num" data-label="Discounts">\$1\.66<\/td>/);
    assert.match(html, /<p class="customer"><span class="muted">for<\/span> <strong>Ada Lovelace<\/strong>/, 'the header names the customer from the billing address');
    const looked = renderQuoteDetail({ quote: { id: 'Q-8', status: 'open', customer_id: 'cust_9' } }, { ...en, nonce: 'bm9uY2U=', cspSource: 'x', styleUri: 's', scriptUri: 'j', actions: [], customerName: 'Umbrella Labs' });
    assert.match(looked, /<strong>Umbrella Labs<\/strong> <span class="muted">cust_9<\/span>/, 'or the looked-up name');
    assert.match(html, /<dt>Total<\/dt><dd><strong>\$12\.34<\/strong><\/dd>/);
    assert.match(html, /<dt>Discounts<\/dt><dd>\$1\.66<\/dd>/);
    assert.match(html, /Ada Lovelace<br>London<br>GB/);
    assert.match(html, /<p class="note">Thanks!<\/p>/);
    assert.match(html, /Nov 14, 2023, 10:13 PM/);
  });

  it('shows a service period under recurring line items only', () => {
    const recurring = { description: 'Pro', date_from: 1_700_000_000, date_to: 1_702_592_000, quantity: 1, unit_amount: 100, amount: 100 };
    const html = page(envelope({ line_items: [recurring, { ...recurring, description: 'Setup', date_to: 1_700_000_000 }] }));
    assert.match(html, /Pro<br><span class="muted">Nov 14, 2023 – Dec 14, 2023<\/span><\/th>/);
    assert.match(html, /<th scope="row">Setup<\/th>/);
  });

  it('renders API text inert: a <script> note, a hostile id and name come out escaped', () => {
    const html = page(envelope({ id: '"><img src=x onerror=alert(1)>', name: '<b>x</b>', notes: [{ note: '<script>alert("pwned")</script>' }, '</style><script>1</script>'] }));
    assert.match(html, /<p class="note">&lt;script&gt;alert\(&quot;pwned&quot;\)&lt;\/script&gt;<\/p>/);
    assert.match(html, /&lt;\/style&gt;&lt;script&gt;1&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<b>x<\/b>/);
    // The only script elements are the page's own, each carrying the nonce.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="bm9uY2U=" src="https://file+.vscode-resource/media/quote-detail.js">']);
  });

  it('keeps a hostile status out of the class attribute', () => {
    const html = page(envelope({ status: 'open" onclick="x' }));
    assert.match(html, /class="badge status-openonclickx"/);
    assert.doesNotMatch(html, /onclick="x/);
  });

  it('uses a strict CSP with the nonce and no remote sources', () => {
    const csp = detailCsp('vscode-webview://abc', 'bm9uY2U=');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-bm9uY2U='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.ok(page(envelope()).includes(`content="${csp.replace(/'/g, '&#39;')}"`));
    const html = page(envelope());
    assert.doesNotMatch(html, /<style|style="/, 'no inline styles: the stylesheet is media/quote-detail.css');
    assert.match(html, /<script nonce="bm9uY2U=" src="[^"]*media\/quote-detail\.js"><\/script>/);
    assert.doesNotMatch(html, /<script[^>]*>[^<]/, 'no inline script');
    assert.throws(() => renderQuoteDetail(envelope(), { ...en, nonce: '"x', cspSource: 's', styleUri: 's.css', scriptUri: 's.js', actions: [] }));
  });

  it('shows exactly the buttons it is given', () => {
    const html = page(envelope(), ['decline', 'pdf', 'showJson']);
    const actions = [...html.matchAll(/data-action="([a-zA-Z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(actions, ['decline', 'pdf', 'showJson']);
  });

  it('accepts only well-formed action messages from the page', () => {
    assert.deepEqual(parseDetailMessage({ type: 'action', action: 'convert' }), { type: 'action', action: 'convert' });
    assert.equal(parseDetailMessage({ type: 'action', action: 'rm -rf' }), undefined);
    assert.equal(parseDetailMessage({ type: 'action', action: 'accept', extra: 1 }), undefined);
    assert.equal(parseDetailMessage({ type: 'other', action: 'accept' }), undefined);
    assert.equal(parseDetailMessage('accept'), undefined);
    assert.equal(parseDetailMessage(null), undefined);
  });
});
