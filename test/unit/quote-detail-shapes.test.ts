/**
 * The quote detail renderer never throws on wrong-typed fields: a property-style run over random and
 * wrong shapes (numbers for text, objects for lists, lists of junk, nulls, hostile strings), plus
 * pinned cases showing that what can be shown is shown.
 */
import assert from 'node:assert/strict';
import type { QuoteEnvelope } from '../../src/quotes/detail/quote-model';
import { renderQuoteDetail } from '../../src/quotes/detail/render';
import { Prng } from '../sandbox/prng';

const opts = { locale: 'en-US', timeZone: 'UTC', nonce: 'bm9uY2U=', cspSource: 'vscode-webview://abc', styleUri: 'x.css', scriptUri: 'x.js', actions: ['accept', 'showJson'] as const };
const render = (quote: unknown): string => renderQuoteDetail({ quote } as unknown as QuoteEnvelope, { ...opts, actions: [...opts.actions] });

/** The sandbox's seeded mulberry32, as a function: a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

const QUOTE_FIELDS = [
  'id', 'status', 'name', 'po_number', 'customer_id', 'subscription_id', 'invoice_id', 'operation_type', 'price_type', 'currency_code',
  'date', 'valid_till', 'updated_at', 'sub_total', 'total', 'credits_applied', 'amount_paid', 'amount_due', 'total_payable',
  'charge_on_acceptance', 'vat_number', 'version', 'deleted', 'notes', 'line_items', 'discounts', 'taxes', 'billing_address', 'shipping_address',
];
const ITEM_FIELDS = [
  'id', 'description', 'entity_type', 'entity_id', 'quantity', 'quantity_in_decimal', 'unit_amount', 'unit_amount_in_decimal', 'amount',
  'discount_amount', 'item_level_discount_amount', 'tax_amount', 'tax_rate', 'date_from', 'date_to', 'note', 'name', 'line_item_id',
  'first_name', 'last_name', 'city', 'country', 'zip', 'state', 'email',
];

function junk(rand: () => number, depth = 0): unknown {
  const leaves: unknown[] = [
    undefined, null, 0, -1, 1.5, 1e21, -1e300, Number.MAX_SAFE_INTEGER, '', 'text', '<script>alert(1)</script>', '12', '-3.5', 'USD', 'xx',
    true, false, 'open', '__proto__', 'constructor',
  ];
  const r = rand();
  if (depth < 3 && r < 0.15) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(rand, depth + 1));
  if (depth < 3 && r < 0.3) return record(rand, ITEM_FIELDS, depth + 1);
  return leaves[Math.floor(rand() * leaves.length)];
}

function record(rand: () => number, fields: readonly string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (rand() < 0.5) out[field] = junk(rand, depth);
  return out;
}

describe('quote detail rendering of wrong shapes', () => {
  it('never throws on 500 random quotes, and always renders a page', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = prng(seed);
      const quote = record(rand, QUOTE_FIELDS, 0);
      // Lists are the likeliest to be mistyped in a way that throws: give them junk elements often.
      for (const field of ['line_items', 'discounts', 'taxes', 'notes']) if (rand() < 0.4) quote[field] = Array.from({ length: 3 }, () => junk(rand, 1));
      let html = '';
      assert.doesNotThrow(() => {
        html = render(quote);
      }, `seed ${seed}: ${JSON.stringify(quote)}`);
      assert.match(html, /<main aria-labelledby="quote-title"[^>]*>[\s\S]*<\/main>/, `seed ${seed}`);
      assert.ok(!html.includes('<script>alert(1)</script>'), `seed ${seed} let markup through`);
    }
  });

  it('never throws on a quote that is not an object at all', () => {
    for (const quote of [undefined, null, 7, 'Q-1', [], [{ id: 'Q-1' }], true]) assert.doesNotThrow(() => render(quote), JSON.stringify(quote));
  });

  it('shows what it can: numbers printed as text, numeric text read as amounts, junk dropped', () => {
    const html = render({
      id: 12345,
      status: 'open',
      name: 42,
      currency_code: 'USD',
      total: '1234',
      amount_due: { cents: 1 },
      line_items: [{ description: 7, amount: '1400', quantity: 'two', tax_rate: 'high' }, 'not an item', null, 5],
      discounts: { amount: 1 },
      taxes: 'none',
      notes: 'a note that is not a list',
      billing_address: ['Ada'],
      shipping_address: { first_name: 'Ada', city: 99 },
    });
    assert.match(html, /Quote 12345 <span class="name">42<\/span>/);
    assert.match(html, /<th scope="row">7<\/th>/, 'the numeric description is shown');
    assert.match(html, /\$14\.00/, 'the amount given as text is read');
    assert.match(html, /\$12\.34/, 'the total given as text is read');
    assert.equal((html.match(/<tr><th scope="row">/g) ?? []).length, 1, 'only the one real line item');
    assert.match(html, /Shipping address[\s\S]*Ada[\s\S]*99/);
    assert.doesNotMatch(html, /Billing address/);
  });

  it('renders an object where line_items should be a list as having no line items', () => {
    const html = render({ id: 'Q-1', status: 'open', line_items: { description: 'x' }, total: 100, currency_code: 'EUR' });
    assert.match(html, /No line items\./);
    assert.match(html, /Totals/);
  });
});
