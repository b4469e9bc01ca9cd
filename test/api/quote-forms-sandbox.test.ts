// The quote form controller against the sandbox over a real socket: what a submit sends, the totals
// the created quote gets, currency lookup, server errors on their field, the idempotent retry, and an
// edit pre-filled from a quote that round-trips.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChargebeeClient } from '../../src/chargebee/client';
import { ChargebeeError } from '../../src/chargebee/errors';
import type { FormValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';
import type { QuoteEnvelope } from '../../src/quotes/detail/quote-model';
import { QuoteFormController } from '../../src/quotes/forms/controller';
import type { QuoteFormSite } from '../../src/quotes/forms/deps';
import { planEditForm } from '../../src/quotes/forms/edit-form';
import type { FormMode, QuoteKind } from '../../src/quotes/forms/kinds';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

interface Customer {
  readonly id: string;
  readonly preferred_currency_code: string;
}

/**
 * A pass-through proxy that lets the first matching request reach the sandbox and then drops the
 * connection instead of answering: a response lost after the server acted on the request.
 */
async function lossyProxy(target: string, matches: (path: string) => boolean): Promise<{ origin: string; close(): Promise<void> }> {
  let dropped = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const drop = !dropped && matches(req.url ?? '');
      if (drop) dropped = true;
      const upstream = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          if (drop) {
            req.socket.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function values(part: Partial<FormValues>): FormValues {
  return { ...emptyValues(), ...part };
}

describe('quote forms against the sandbox', () => {
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let confirms: string[];
  let confirmAnswer: boolean;
  const customers = new Map<string, Customer>();

  const site = (c: ChargebeeClient = client): QuoteFormSite => ({
    id: 'sandbox',
    info: { name: 'acme-test', currency: 'USD', multiDecimal: false, mode: 'test' },
    catalogVersion: 1,
    baseUrl: sb.url,
    client: c,
    confirmWrite: (action) => {
      confirms.push(action);
      return Promise.resolve(confirmAnswer);
    },
  });

  const controller = (kind: QuoteKind, catalog: 1 | 2, extra: { mode?: FormMode; client?: ChargebeeClient; saved?: QuoteEnvelope[] } = {}): QuoteFormController =>
    new QuoteFormController({ site: site(extra.client), kind, mode: extra.mode ?? 'create', catalog, onSaved: (env) => extra.saved?.push(env) });

  const customerIn = (currency: string): Customer => {
    const c = [...customers.values()].find((x) => x.preferred_currency_code === currency);
    if (!c) throw new Error(`the demo seed has no ${currency} customer`);
    return c;
  };

  const quoteCount = async (customerId: string): Promise<number> => {
    const res = await client.call<{ list: unknown[] }>('quotes.list', { params: { customer_id: { is: customerId }, limit: 100 } });
    return res.body.list.length;
  };

  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    const res = await client.call<{ list: { customer: Customer }[] }>('customers.list', { params: { limit: 100 } });
    for (const { customer } of res.body.list) customers.set(customer.id, customer);
  });
  after(async () => sb.close());
  beforeEach(() => {
    confirms = [];
    confirmAnswer = true;
    sb.control.clearFaults();
  });

  it('creates a PC1 one-time quote: amounts typed in major units arrive in minor units, totals add up', async () => {
    const customer = customerIn('USD');
    const saved: QuoteEnvelope[] = [];
    const form = controller('onetime', 1, { saved });
    const outcome = await form.submitValues(
      values({
        fields: { customer_id: customer.id, notes: 'Thanks!' },
        rows: { charges: [{ amount: '12.50', description: 'Consulting' }], addons: [{ id: 'day-pass-usd', quantity: '3' }] },
      }),
    );
    const quote = saved[0]?.quote;
    assert.ok(quote, 'onSaved got the created quote');
    assert.equal(outcome.summary, `Quote #${quote.id} created · 18.50 USD`);
    assert.equal(quote.currency_code, 'USD');
    assert.equal(quote.total, 1250 + 3 * 200);
    // Two lines, then subtotal and total, so the total is explained.
    assert.deepEqual(outcome.table?.rows.slice(2), [['Subtotal', '', '', '18.50 USD'], ['Total', '', '', '18.50 USD']]);
    assert.deepEqual(confirms, ['create a quote (one-time charges)']);
    const stored = await client.call<QuoteEnvelope>('quotes.retrieve', { pathParams: { quote_id: quote.id } });
    assert.equal(stored.body.quote.total, 1850);
  });

  it("converts money in the customer's currency once the form names the customer (JPY has no minor unit)", async () => {
    const customer = customerIn('JPY');
    const saved: QuoteEnvelope[] = [];
    const form = controller('onetime', 1, { saved });
    const filled = values({ fields: { customer_id: customer.id }, rows: { charges: [{ amount: '1500', description: 'Setup' }] } });
    await form.submitValues(filled);
    assert.equal(saved[0]?.quote.currency_code, 'JPY');
    assert.equal(saved[0]?.quote.total, 1500, 'not 150000: yen are not multiplied by 100');
    assert.equal(form.definition.site.currency, 'JPY', 'the form now shows amounts in yen');
  });

  it('sends nothing when the write guard says no', async () => {
    confirmAnswer = false;
    const customer = customerIn('USD');
    const before = await quoteCount(customer.id);
    const form = controller('onetime', 1);
    await assert.rejects(form.submitValues(values({ fields: { customer_id: customer.id }, rows: { charges: [{ amount: '5', description: 'x' }] } })), /not confirmed/);
    assert.equal(await quoteCount(customer.id), before);
  });

  it('rethrows a server error with its param, so the engine can show it on the field', async () => {
    const form = controller('subscription', 1);
    const customer = customerIn('EUR');
    const err = await form
      .submitValues(values({ path: { customer_id: customer.id }, fields: { 'subscription[plan_id]': 'no-such-plan' } }))
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ChargebeeError, String(err));
    assert.equal(err.param, 'subscription[plan_id]');
    assert.equal(form.heldIdempotencyKey, undefined, 'a refusal frees the key');
  });

  it('retries after a lost response with the same idempotency key: one quote, not two', async () => {
    const customer = customerIn('USD');
    const before = await quoteCount(customer.id);
    // The first answer to the create call is lost on its way back: the quote exists, the client cannot know.
    const proxy = await lossyProxy(sb.origin, (path) => path.includes('create_for_onetime_charges'));
    try {
      const lossy = new ChargebeeClient({ baseUrl: `${proxy.origin}/api/v2`, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
      const saved: QuoteEnvelope[] = [];
      const form = controller('onetime', 1, { client: lossy, saved });
      const filled = values({ fields: { customer_id: customer.id }, rows: { charges: [{ amount: '40', description: 'Workshop' }] } });
      sb.control.resetStats();
      await assert.rejects(form.submitValues(filled), (e: unknown) => e instanceof ChargebeeError && e.kind === 'network');
      const held = form.heldIdempotencyKey;
      assert.ok(held, 'the key is kept after an unknown outcome');
      assert.equal(await quoteCount(customer.id), before + 1, 'the first request did create the quote');
      const outcome = await form.submitValues(filled);
      assert.equal(await quoteCount(customer.id), before + 1, 'the retry was a replay');
      assert.equal(saved[0]?.quote.total, 4000);
      assert.match(outcome.summary, /created · 40\.00 USD/);
      const posts = sb.control.requests().filter((r) => r.method === 'POST' && r.path.includes('create_for_onetime_charges'));
      assert.deepEqual(posts.map((p) => p.headers['chargebee-idempotency-key']), [held, held]);
      assert.equal(form.heldIdempotencyKey, undefined, 'success frees the key');
    } finally {
      await proxy.close();
    }
  });

  it('creates through each PC2 form', async () => {
    const customer = customerIn('EUR');
    const saved: QuoteEnvelope[] = [];
    await controller('subscription', 2, { saved }).submitValues(
      values({ path: { customer_id: customer.id }, rows: { subscription_items: [{ item_price_id: 'storage-starter-EUR-Monthly', quantity: '2' }] } }),
    );
    assert.equal(saved[0]?.quote.total, 2 * 1100);
    await controller('onetime', 2, { saved }).submitValues(
      values({ fields: { customer_id: customer.id }, rows: { item_prices: [{ item_price_id: 'data-migration-EUR' }], charges: [{ amount: '10.00', description: 'Extra' }] } }),
    );
    assert.equal(saved[1]?.quote.total, 23000 + 1000);
    assert.equal(saved[1]?.quote.operation_type, 'onetime_invoice');
  });

  it('pre-fills an edit from the quote, and saving it unchanged keeps the quote the same', async () => {
    const customer = customerIn('USD');
    const saved: QuoteEnvelope[] = [];
    await controller('onetime', 1, { saved }).submitValues(
      values({
        fields: { customer_id: customer.id, po_number: 'PO-42', notes: 'Original' },
        rows: { charges: [{ amount: '99.99', description: 'Audit' }], addons: [{ id: 'extra-seat-usd', quantity: '2', unit_price: '7.00' }] },
      }),
    );
    const created = saved[0]?.quote;
    assert.ok(created);
    const plan = await planEditForm(site(), created.id, Date.now());
    assert.ok(plan);
    assert.equal(plan.kind, 'onetime');
    assert.deepEqual(plan.values.rows['charges'], [{ amount: '99.99', description: 'Audit' }]);
    assert.deepEqual(plan.values.rows['addons'], [{ id: 'extra-seat-usd', quantity: '2', unit_price: '7.00' }], 'an overridden price is kept');
    assert.equal(plan.values.fields['po_number'], 'PO-42');
    const edit = new QuoteFormController({ site: site(), kind: plan.kind, mode: 'edit', catalog: plan.catalog, quoteId: created.id, initialValues: plan.values, currency: plan.currency, onSaved: (env) => saved.push(env) });
    assert.equal(edit.definition.title, `Edit Quote ${created.id}`);
    const outcome = await edit.submitValues(plan.values);
    assert.equal(outcome.summary, `Quote #${created.id} updated · ${((9999 + 1400) / 100).toFixed(2)} USD`);
    assert.equal(saved[1]?.quote.total, created.total);
    assert.deepEqual(confirms.at(-1), `edit quote ${created.id}`);
  });

  it('refuses to edit a quote that is not open', async () => {
    const res = await client.call<{ list: { quote: { id: string } }[] }>('quotes.list', { params: { status: { is: 'accepted' }, limit: 1 } });
    const accepted = res.body.list[0]?.quote.id;
    assert.ok(accepted, 'the demo seed has an accepted quote');
    await assert.rejects(planEditForm(site(), accepted, Date.now()), /only open quotes can be edited/);
  });
});
