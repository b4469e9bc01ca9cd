/**
 * Custom fields on the quote forms over a real socket: the PC2 subscription quote form offers the
 * name/value rows, the preview and the request carry them as top-level cf_* params, the sandbox
 * stores them on the quote, an edit with an empty value clears one; a bad or repeated name stays on
 * its row; forms whose endpoint takes no custom fields offer no rows.
 */
import assert from 'node:assert/strict';
import { CUSTOM_FIELDS_GROUP } from '../../src/chargebee/catalog/custom-fields';
import { ChargebeeClient } from '../../src/chargebee/client';
import { emptyValues, type FormValues } from '../../src/forms/values';
import { validateForm } from '../../src/forms/validate-form';
import type { QuoteEnvelope } from '../../src/quotes/detail/quote-model';
import { QuoteFormController } from '../../src/quotes/forms/controller';
import type { QuoteFormSite } from '../../src/quotes/forms/deps';
import type { FormMode, QuoteKind } from '../../src/quotes/forms/kinds';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

describe('custom fields on the quote forms, against the sandbox', function () {
  this.timeout(10_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let customerId: string;

  const site = (): QuoteFormSite => ({
    id: 'sandbox',
    info: { name: 'acme-test', currency: 'EUR', multiDecimal: false, mode: 'test' },
    catalogVersion: 2,
    baseUrl: sb.url,
    client,
    confirmWrite: () => Promise.resolve(true),
  });
  const form = (kind: QuoteKind, catalog: 1 | 2, mode: FormMode = 'create', quoteId?: string): QuoteFormController =>
    new QuoteFormController({ site: site(), kind, mode, catalog, ...(quoteId !== undefined ? { quoteId } : {}) });
  const hasRows = (c: QuoteFormController): boolean =>
    c.definition.model.sections.some((s) => s.items.some((i) => i.kind === 'list' && i.name === CUSTOM_FIELDS_GROUP));
  const values = (part: Partial<FormValues>): FormValues => ({ ...emptyValues(), ...part });

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 }, timeoutMs: 2_000 });
    const res = await client.call<{ list: { customer: { id: string; preferred_currency_code?: string } }[] }>('customers.list', { params: { limit: 100 } });
    const eur = res.body.list.map((e) => e.customer).find((c) => c.preferred_currency_code === 'EUR');
    assert.ok(eur);
    customerId = eur.id;
  });
  after(async () => sb.close());

  it('offers the rows only where the endpoint takes cf_*', () => {
    assert.equal(hasRows(form('subscription', 2)), true);
    assert.equal(hasRows(form('change', 2)), true);
    assert.equal(hasRows(form('subscription', 2, 'edit', 'Q-1')), true);
    assert.equal(hasRows(form('subscription', 1)), false, 'PC1');
    assert.equal(hasRows(form('onetime', 2)), false, 'charge items and charges');
  });

  it('previews and sends them as top-level cf_* params; the quote holds them; an edit clears one', async () => {
    const create = form('subscription', 2);
    const filled = values({
      path: { customer_id: customerId },
      rows: {
        subscription_items: [{ item_price_id: 'storage-starter-EUR-Monthly', quantity: '1' }],
        [CUSTOM_FIELDS_GROUP]: [{ name: 'cf_region', value: 'EU' }, { name: 'deal_owner', value: 'Ana' }],
      },
    });
    const tree = validateForm(create.definition.model, filled, { currency: 'EUR' }).conversion.tree;
    const preview = create.buildRequest({ values: filled, tree, pathParams: filled.path });
    const names = preview.pairs.map(([k]) => k);
    assert.ok(names.includes('cf_region') && names.includes('cf_deal_owner'), names.join(' '));
    assert.ok(!names.some((n) => n.startsWith(CUSTOM_FIELDS_GROUP)), 'the rows group never reaches the wire');

    await create.submitValues(filled);
    const listed = await client.call<{ list: { quote: Record<string, unknown> }[] }>('quotes.list', { params: { customer_id: { is: customerId }, limit: 100, sort_by: { desc: 'date' } } });
    const quote = listed.body.list[0]?.quote;
    assert.equal(quote?.cf_region, 'EU');
    assert.equal(quote?.cf_deal_owner, 'Ana');

    const id = String(quote?.id);
    const saved: QuoteEnvelope[] = [];
    const editing = new QuoteFormController({ site: site(), kind: 'subscription', mode: 'edit', catalog: 2, quoteId: id, onSaved: (e) => saved.push(e) });
    await editing.submitValues(values({
      rows: {
        subscription_items: [{ item_price_id: 'storage-starter-EUR-Monthly', quantity: '1' }],
        [CUSTOM_FIELDS_GROUP]: [{ name: 'cf_region', value: 'US' }, { name: 'cf_deal_owner', value: '' }],
      },
    }));
    const after = saved[0]?.quote as unknown as Record<string, unknown>;
    assert.equal(after.cf_region, 'US');
    assert.equal('cf_deal_owner' in after, false, 'an empty value cleared it');
  });

  it('keeps a bad or repeated name on its row', () => {
    const c = form('subscription', 2);
    const filled = values({
      path: { customer_id: customerId },
      rows: {
        subscription_items: [{ item_price_id: 'storage-starter-EUR-Monthly' }],
        [CUSTOM_FIELDS_GROUP]: [{ name: 'Region Code', value: 'x' }, { name: 'cf_a', value: '1' }, { name: 'a', value: '2' }],
      },
    });
    const tree = validateForm(c.definition.model, filled, { currency: 'EUR' }).conversion.tree;
    const errors = c.validate({ values: filled, tree, pathParams: filled.path });
    assert.deepEqual(errors.map((e) => e.field), [`${CUSTOM_FIELDS_GROUP}[name][0]`, `${CUSTOM_FIELDS_GROUP}[name][2]`]);
    assert.match(errors[0]?.message ?? '', /not a custom field API name/);
    assert.match(errors[1]?.message ?? '', /already set in row 2/);
  });
});
