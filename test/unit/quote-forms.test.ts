import assert from 'node:assert/strict';
import { validateParams } from '../../src/chargebee/validate';
import { inCurrencyFirst, outcomeFor } from '../../src/quotes/forms/controller';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getEndpoint } from '../../src/chargebee/catalog';
import { ChargebeeError } from '../../src/chargebee/errors';
import { fromParamTree, toParamTree } from '../../src/forms/convert';
import { buildFormModel } from '../../src/forms/model';
import { emptyValues } from '../../src/forms/values';
import type { QuoteEnvelope } from '../../src/quotes/detail/quote-model';
import { initialValuesFor, newQuoteArgsFrom } from '../../src/quotes/forms/args';
import { QUOTE_FORM_COMMANDS } from '../../src/commands/ids';
import { currencyRefOf, FormCurrency } from '../../src/quotes/forms/currency';
import { catalogOfQuote, editEndpointFor, endpointIdFor, kindOfOperation, QUOTE_KINDS } from '../../src/quotes/forms/kinds';
import { quoteFormOptions } from '../../src/quotes/forms/layout';
import { prefillFromQuote, pricedIds, resetByEdit } from '../../src/quotes/forms/prefill';
import { outcomeOf, SubmissionKey } from '../../src/chargebee/submission-key';
import { isActionAllowed, quoteContextValue } from '../../src/quotes/state-rules';

const NOW = 1_800_000_000;

function envelope(quote: Partial<QuoteEnvelope['quote']>, extra: Partial<QuoteEnvelope> = {}): QuoteEnvelope {
  return { quote: { id: 'Q-1', status: 'open', currency_code: 'USD', ...quote }, ...extra };
}

function apiError(status: number, code: string, message = 'x'): ChargebeeError {
  return new ChargebeeError({ kind: 'api', message, apiMessage: message, httpStatus: status, apiErrorCode: code, retryable: status >= 500 || status === 429 });
}

describe('quote forms: kind and catalog to endpoint', () => {
  it('picks the create and edit endpoint of each kind in each catalog, and each exists in that catalog only', () => {
    const seen = new Set<string>();
    for (const kind of QUOTE_KINDS) {
      for (const catalog of [1, 2] as const) {
        for (const mode of ['create', 'edit'] as const) {
          const id = endpointIdFor(kind, catalog, mode);
          const spec = getEndpoint(id);
          assert.equal(spec.catalog, catalog, id);
          assert.equal(spec.path.includes('{quote_id}'), mode === 'edit', `${id} names its quote only when editing`);
          seen.add(id);
        }
      }
    }
    assert.equal(seen.size, 12, 'twelve distinct endpoints');
    assert.equal(endpointIdFor('onetime', 2, 'create'), 'quotes.create_for_charge_items_and_charges');
    assert.equal(endpointIdFor('change', 1, 'edit'), 'quotes.edit_update_subscription_quote');
  });

  it('maps operation_type to a kind', () => {
    assert.equal(kindOfOperation('create_subscription_for_customer'), 'subscription');
    assert.equal(kindOfOperation('change_subscription'), 'change');
    assert.equal(kindOfOperation('onetime_invoice'), 'onetime');
    assert.equal(kindOfOperation('something_else'), undefined);
  });

  it("takes the quote's own catalog from its quoted objects, and the site's when they say nothing", () => {
    assert.equal(catalogOfQuote(envelope({}, { quoted_subscription: { subscription_items: [{ item_price_id: 'a' }] } }), 1), 2);
    assert.equal(catalogOfQuote(envelope({}, { quoted_subscription: { plan_id: 'basic' } }), 2), 1);
    assert.equal(catalogOfQuote(envelope({}, { quoted_charge: { invoice_items: [{ item_price_id: 'x' }], addons: [] } }), 1), 2);
    assert.equal(catalogOfQuote(envelope({}, { quoted_charge: { charges: [{ amount: 100 }], addons: [], invoice_items: [] } }), 2), 2);
    assert.equal(catalogOfQuote(envelope({}, { quoted_charge: { charges: [{ amount: 100 }], addons: [], invoice_items: [] } }), 1), 1);
  });

  it('refuses to edit quote kinds the forms do not cover', () => {
    const r = editEndpointFor(envelope({ operation_type: 'cpq_thing' }), 1);
    assert.equal(r.ok, false);
    const ok = editEndpointFor(envelope({ operation_type: 'onetime_invoice' }, { quoted_charge: { invoice_items: [{ item_price_id: 'x' }] } }), 1);
    assert.deepEqual(ok, { ok: true, kind: 'onetime', catalog: 2, endpointId: 'quotes.edit_for_charge_items_and_charges' });
  });
});

describe('quote forms: pre-fill from a quote', () => {
  const pc1OneTime = envelope(
    {
      operation_type: 'onetime_invoice',
      currency_code: 'EUR',
      po_number: 'PO-7',
      valid_till: NOW + 86400,
      notes: [{ note: 'First' }, 'Second'],
      shipping_address: { first_name: 'Ada', city: 'Berlin', country: 'DE' },
    },
    {
      quoted_charge: {
        charges: [{ amount: 1250, description: 'Setup work', object: 'charge' }],
        addons: [
          { id: 'day-pass-eur', quantity: 2, unit_price: 180, object: 'addon' },
          { id: 'onboarding-session-eur', quantity: 1, unit_price: 9900, object: 'addon' },
        ],
        invoice_items: [],
        coupons: [{ coupon_id: 'WELCOME10', object: 'coupon' }],
      },
    },
  );

  it('maps a PC1 one-time quote onto the edit form, money back in major units of its currency', () => {
    const prices = new Map([['day-pass-eur', 180], ['onboarding-session-eur', 14000]]);
    const { tree, pathParams } = prefillFromQuote(pc1OneTime, { kind: 'onetime', now: NOW, catalogPrices: prices });
    assert.deepEqual(pathParams, { quote_id: 'Q-1' });
    const model = buildFormModel(getEndpoint('quotes.edit_one_time_quote'), quoteFormOptions(1, false, 'edit'));
    const values = fromParamTree(model, tree, { currency: 'USD' });
    assert.equal(values.fields['currency_code'], 'EUR');
    assert.equal(values.fields['po_number'], 'PO-7');
    assert.equal(values.fields['notes'], 'First\n\nSecond');
    assert.equal(values.fields['expires_at'], new Date((NOW + 86400) * 1000).toISOString().slice(0, 16), 'expires_at is a date-time field');
    assert.equal(values.fields['shipping_address[city]'], 'Berlin');
    assert.deepEqual(values.rows['charges'], [{ amount: '12.50', description: 'Setup work' }]);
    // The catalog price of day-pass is the quoted one: no override is sent back; onboarding had one.
    assert.deepEqual(values.rows['addons'], [{ id: 'day-pass-eur', quantity: '2' }, { id: 'onboarding-session-eur', quantity: '1', unit_price: '99.00' }]);
    assert.deepEqual(values.lists['coupon_ids'], ['WELCOME10']);
    assert.equal(values.fields['customer_id'], undefined, 'the edit body has no customer');
  });

  it('keeps unit prices when the catalog price is unknown', () => {
    const { tree } = prefillFromQuote(pc1OneTime, { kind: 'onetime', now: NOW });
    const addons = tree['addons'] as readonly { unit_price?: number }[];
    assert.deepEqual(addons.map((a) => a.unit_price), [180, 9900]);
  });

  it('maps a PC2 change quote with replace flags, leaving past dates out', () => {
    const env = envelope(
      { operation_type: 'change_subscription', subscription_id: 'sub_1', valid_till: NOW - 10 },
      {
        quoted_subscription: {
          id: 'sub_1',
          subscription_items: [
            { item_price_id: 'storage-business-USD-Monthly', item_type: 'plan', quantity: 1, unit_price: 4900 },
            { item_price_id: 'extra-terabyte-USD-Monthly', item_type: 'addon', quantity: 3, unit_price: 800, trial_end: NOW - 5 },
          ],
          coupons: [{ coupon_id: 'LOYAL20' }],
          change_option: 'specific_date',
          changes_scheduled_at: NOW + 3600,
          start_date: NOW - 100,
          quoted_contract_term: { action_at_term_end: 'renew', cancellation_cutoff_period: 30 },
        },
      },
    );
    const prices = new Map([['storage-business-USD-Monthly', 4900], ['extra-terabyte-USD-Monthly', 1000]]);
    const { tree } = prefillFromQuote(env, { kind: 'change', now: NOW, catalogPrices: prices });
    const model = buildFormModel(getEndpoint('quotes.edit_update_subscription_quote_for_items'), quoteFormOptions(2, false, 'edit'));
    const values = fromParamTree(model, tree, { currency: 'USD' });
    assert.deepEqual(values.rows['subscription_items'], [
      { item_price_id: 'storage-business-USD-Monthly', quantity: '1' },
      { item_price_id: 'extra-terabyte-USD-Monthly', quantity: '3', unit_price: '8.00' },
    ]);
    assert.equal(values.fields['replace_items_list'], true);
    assert.equal(values.fields['replace_coupon_list'], true);
    assert.deepEqual(values.lists['coupon_ids'], ['LOYAL20']);
    assert.equal(values.fields['change_option'], 'specific_date');
    assert.equal(values.fields['changes_scheduled_at'], new Date((NOW + 3600) * 1000).toISOString().slice(0, 16));
    assert.equal(values.fields['contract_term[action_at_term_end]'], 'renew');
    assert.equal(values.fields['contract_term[cancellation_cutoff_period]'], '30');
    assert.equal(values.fields['expires_at'], undefined, 'a past valid_till is not sent back');
    assert.equal(values.fields['subscription[start_date]'], undefined, 'a past start date is not sent back');
    assert.equal(values.fields['subscription[id]'], undefined, 'the edit endpoint takes the subscription from the quote');
  });

  it('maps a PC1 new-subscription quote: plan, quantity, addons, billing cycles and trial', () => {
    const env = envelope(
      { operation_type: 'create_subscription_for_customer' },
      {
        quoted_subscription: {
          id: 'sub_new',
          plan_id: 'pro-usd',
          plan_quantity: 2,
          plan_unit_price: 2900,
          trial_end: NOW + 86400 * 14,
          // The SDK's QuotedSubscription: remaining_billing_cycles, for the subscription and its addons.
          remaining_billing_cycles: 12,
          addons: [{ id: 'extra-seat-usd', quantity: 5, unit_price: 500, remaining_billing_cycles: 3 }],
          coupons: [],
        },
      },
    );
    const { tree } = prefillFromQuote(env, { kind: 'subscription', now: NOW, catalogPrices: new Map([['pro-usd', 2900], ['extra-seat-usd', 500]]) });
    const model = buildFormModel(getEndpoint('quotes.edit_create_subscription_quote'), quoteFormOptions(1, false, 'edit'));
    const values = fromParamTree(model, tree, { currency: 'USD' });
    assert.equal(values.fields['subscription[plan_id]'], 'pro-usd');
    assert.equal(values.fields['subscription[plan_quantity]'], '2');
    assert.equal(values.fields['subscription[plan_unit_price]'], undefined);
    assert.equal(values.fields['subscription[trial_end]'], new Date((NOW + 86400 * 14) * 1000).toISOString().slice(0, 10));
    assert.equal(values.fields['billing_cycles'], '12');
    assert.deepEqual(values.rows['addons'], [{ id: 'extra-seat-usd', quantity: '5', billing_cycles: '3' }]);
    assert.equal(values.fields['replace_addon_list'], undefined, 'only change quotes replace lists');
    assert.deepEqual(values.lists['coupon_ids'] ?? [], []);
  });

  it('maps a PC1 one-time quote\'s addon service_period as the SDK names it', () => {
    const env = envelope({ operation_type: 'onetime_invoice', currency_code: 'USD' }, {
      quoted_charge: { addons: [{ id: 'setup-usd', quantity: 1, service_period: 30 }], charges: [{ amount: 1000, description: 'Fee', service_period_in_days: 10 }] },
    });
    const { tree } = prefillFromQuote(env, { kind: 'onetime', now: NOW });
    const model = buildFormModel(getEndpoint('quotes.edit_one_time_quote'), quoteFormOptions(1, false, 'edit'));
    const values = fromParamTree(model, tree, { currency: 'USD' });
    assert.equal(values.rows['addons']?.[0]?.['service_period'], '30');
    assert.equal(values.rows['charges']?.[0]?.['service_period'], '10');
  });

  it('names what an edit would drop that the quote has and the form could not pre-fill', () => {
    const env = envelope({ operation_type: 'change_subscription', discounts: [{ entity_type: 'document_level_discount', amount: 100 }, { entity_type: 'item_level_coupon', amount: 5 }] }, {
      quoted_subscription: { id: 's', item_tiers: [{ item_price_id: 'x', starting_unit: 1, price: 10 }] },
    });
    assert.deepEqual(resetByEdit(env, 'change'), ['item tiers', 'manual discounts']);
    assert.deepEqual(resetByEdit(envelope({ operation_type: 'change_subscription' }, { quoted_subscription: { id: 's' } }), 'change'), []);
  });

  it('lists the ids whose catalog prices it needs, once each', () => {
    const ids = pricedIds(envelope({}, { quoted_subscription: { plan_id: 'p', addons: [{ id: 'a' }, { id: 'a' }], event_based_addons: [{ id: 'e' }] } }));
    assert.deepEqual(ids, { plans: ['p'], addons: ['a', 'e'], itemPrices: [] });
  });
});

describe('quote forms: idempotency key per submission', () => {
  let n = 0;
  const keys = (): SubmissionKey => new SubmissionKey(() => `key-${++n}`);

  it('reuses the key after an unknown outcome and renews it after success or a refusal', () => {
    const k = keys();
    const first = k.next();
    k.settle(outcomeOf(new ChargebeeError({ kind: 'timeout', message: 't', httpStatus: 0, apiErrorCode: 'timeout', retryable: true })));
    assert.equal(k.next(), first, 'a timeout may have created the quote');
    k.settle(outcomeOf(apiError(503, 'site_not_ready')));
    assert.equal(k.next(), first, '5xx: unknown');
    assert.equal(k.attempts, 3);
    k.settle(outcomeOf(apiError(400, 'param_wrong_value')));
    const second = k.next();
    assert.notEqual(second, first, 'a refusal created nothing');
    k.settle('done');
    assert.equal(k.held, undefined);
    assert.notEqual(k.next(), second);
  });

  it('tells a reused key refused for changed values apart from other 422s', () => {
    assert.equal(outcomeOf(apiError(422, 'unable_to_process_request', 'The idempotency key was already used with a different request')), 'key_conflict');
    assert.equal(outcomeOf(apiError(422, 'unable_to_process_request', 'Plan is archived')), 'refused');
    assert.equal(outcomeOf(new Error('socket hang up')), 'unknown');
  });
});

describe('quote forms: currency and arguments', () => {
  it('looks up the record the form names: subscription for changes, customer otherwise', () => {
    const v = emptyValues();
    assert.equal(currencyRefOf('change', v), undefined);
    assert.deepEqual(currencyRefOf('change', { ...v, fields: { 'subscription[id]': ' sub_1 ' } }), { kind: 'subscription', id: 'sub_1' });
    assert.deepEqual(currencyRefOf('subscription', { ...v, path: { customer_id: 'c1' } }), { kind: 'customer', id: 'c1' });
    assert.deepEqual(currencyRefOf('onetime', { ...v, fields: { customer_id: 'c2' } }), { kind: 'customer', id: 'c2' });
  });

  it("uses the looked-up currency, ignores a late answer for a record no longer named, and falls back to the site's", async () => {
    const answers = new Map<string, { resolve: (v: string | undefined) => void }>();
    const c = new FormCurrency((ref) => new Promise((resolve) => answers.set(ref.id, { resolve })), 'USD');
    assert.equal(c.current(), 'USD');
    const first = c.resolve({ kind: 'customer', id: 'jp' });
    const second = c.resolve({ kind: 'customer', id: 'eu' });
    answers.get('eu')?.resolve('EUR');
    assert.equal(await second, 'EUR');
    answers.get('jp')?.resolve('JPY');
    assert.equal(await first, 'JPY');
    assert.equal(c.current(), 'EUR', 'the older lookup does not win');
    const failing = new FormCurrency(() => Promise.reject(new Error('offline')), 'GBP');
    assert.equal(await failing.resolve({ kind: 'customer', id: 'x' }), 'GBP');
    assert.equal(new FormCurrency(() => Promise.resolve('EUR'), 'USD', 'JPY').current(), 'JPY', 'a fixed currency wins');
  });

  it('looks up the named customer once typing pauses, only for id-shaped text, and an unknown id only once', async () => {
    const asked: string[] = [];
    const c = new FormCurrency(
      (ref) => {
        asked.push(ref.id);
        return ref.id === 'cust_1' ? Promise.resolve('EUR') : Promise.reject(Object.assign(new Error('not found'), { httpStatus: 404 }));
      },
      'USD',
      undefined,
      30,
    );
    for (const typed of ['c', 'cu', 'cus', 'cust', 'cust_', 'cust_1']) c.observe({ kind: 'customer', id: typed });
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(asked, ['cust_1'], 'one lookup for the pause, not one per keystroke');
    assert.equal(c.current(), 'EUR');
    c.observe({ kind: 'customer', id: 'Umbrella Labs' });
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(asked, ['cust_1'], 'text with spaces is not an id');
    c.observe({ kind: 'customer', id: 'nobody' });
    await new Promise((r) => setTimeout(r, 80));
    c.observe({ kind: 'customer', id: 'nobody' });
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(asked, ['cust_1', 'nobody'], 'a 404 is remembered');
    c.dispose();
  });

  it('checks command arguments and places the customer or subscription by kind', () => {
    assert.deepEqual(newQuoteArgsFrom({ kind: 'bogus', customerId: 42 }), {});
    const args = newQuoteArgsFrom({ kind: 'change', subscription: { id: 'sub_9' } });
    // A kind, catalog or values would pre-answer the form's questions: only the starting entity is read.
    assert.deepEqual(args, { subscriptionId: 'sub_9' });
    assert.deepEqual(newQuoteArgsFrom({ kind: 'onetime', catalog: 2, values: { path: {}, fields: {}, rows: {}, lists: {}, filters: [] } }), {});
    assert.equal(initialValuesFor('change', args)?.fields['subscription[id]'], 'sub_9');
    assert.equal(initialValuesFor('subscription', { customerId: 'c1' })?.path['customer_id'], 'c1');
    assert.equal(initialValuesFor('onetime', { customerId: 'c1' })?.fields['customer_id'], 'c1');
    assert.equal(initialValuesFor('onetime', {}), undefined);
  });
});

describe('quote form commands in package.json', () => {
  interface Manifest {
    readonly contributes?: {
      readonly commands?: readonly { command: string; title: string }[];
      readonly menus?: Readonly<Record<string, readonly { command: string; when?: string }[]>>;
    };
  }
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as Manifest;

  it('declares every form command with a title', () => {
    const declared = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c.title]));
    for (const id of Object.values(QUOTE_FORM_COMMANDS)) assert.ok(declared.get(id), `${id} in contributes.commands`);
    assert.equal(declared.get(QUOTE_FORM_COMMANDS.newOneTime), 'New Quote: One-time Charges');
  });

  it('offers Edit in the row menu exactly where the state rules allow editing', () => {
    const entry = (manifest.contributes?.menus?.['view/item/context'] ?? []).find((m) => m.command === QUOTE_FORM_COMMANDS.edit);
    const m = /viewItem =~ \/(.+?)\/(?=\s|$)/.exec(entry?.when ?? '');
    assert.ok(m?.[1], 'a viewItem regex');
    const regex = new RegExp(m[1]);
    for (const quote of [{ status: 'open', valid_till: NOW + 9 }, { status: 'open', valid_till: NOW - 9 }, { status: 'accepted', valid_till: NOW + 9 }, { status: 'open', deleted: true }]) {
      assert.equal(regex.test(quoteContextValue(quote, NOW)), isActionAllowed(quote, 'edit', NOW), JSON.stringify(quote));
    }
    const title = (manifest.contributes?.menus?.['view/title'] ?? []).find((x) => x.command === QUOTE_FORM_COMMANDS.newQuote);
    assert.ok(title, '"New Quote..." in the view title bar');
  });
});

describe('quote forms: PC2 change quotes without items', () => {
  it('accepts a change of coupons alone, for create and edit', () => {
    assert.deepEqual(validateParams(getEndpoint('quotes.update_subscription_quote_for_items'), { subscription: { id: 'sub_1' }, coupon_ids: ['LOYAL20'] }), []);
    assert.deepEqual(validateParams(getEndpoint('quotes.edit_update_subscription_quote_for_items'), { coupon_ids: ['LOYAL20'] }), []);
    assert.deepEqual(validateParams(getEndpoint('quotes.update_subscription_quote_for_items'), { subscription: { id: 'sub_1' }, change_option: 'end_of_term' }), []);
  });
});

describe('quote forms: the summary after create adds up', () => {
  it('shows the lines, subtotal, discounts, taxes and total', () => {
    const out = outcomeFor(envelope({ sub_total: 3000, total: 2970, discounts: [{ amount: 300, description: 'LOYAL10' }], taxes: [{ name: 'VAT', amount: 270, description: 'VAT 10%' }], line_items: [
      { description: 'Pro', quantity: 2, unit_amount: 1000, amount: 2000 },
      { description: 'Setup', quantity: 1, unit_amount: 1000, amount: 1000 },
    ] }), 'create');
    assert.deepEqual(out.table?.rows.slice(2), [
      ['Subtotal', '', '', '30.00 USD'],
      ['Discount: LOYAL10', '', '', '-3.00 USD'],
      ['Tax: VAT 10%', '', '', '2.70 USD'],
      ['Total', '', '', '29.70 USD'],
    ]);
  });
});

describe('quote forms: a trial end of 0 is an explicit choice', () => {
  it('offers the API\'s 0 as "no trial" on the date field, and keeps it both ways', () => {
    const model = buildFormModel(getEndpoint('quotes.create_subscription_quote'), quoteFormOptions(1, false, 'create'));
    const field = model.sections.flatMap((s) => s.items).flatMap((it) => (it.kind === 'object' && it.name === 'subscription' ? it.fields : [])).find((f) => f.name === 'trial_end');
    assert.equal(field?.zeroMeans, 'No trial: activate now');
    assert.doesNotMatch(field?.help ?? '', /0 activates/);
    const values = { path: { customer_id: 'c' }, fields: { 'subscription[plan_id]': 'p', 'subscription[trial_end]': '0' }, rows: {}, lists: {}, filters: [] };
    const tree = toParamTree(model, values, { currency: 'USD' }).tree;
    assert.deepEqual(tree['subscription'], { plan_id: 'p', trial_end: 0 });
    assert.equal(fromParamTree(model, tree, { currency: 'USD' }).fields['subscription[trial_end]'], '0');
  });
});

describe('quote forms: pickers offer the form currency first', () => {
  it('puts plans and addons priced in the currency first and marks the others', () => {
    const items = [
      { id: 'pro-eur', label: 'pro-eur', description: '29.00 EUR · per month' },
      { id: 'pro-jpy', label: 'pro-jpy', description: '3000 JPY · per month' },
      { id: 'pro-usd', label: 'pro-usd', description: '29.00 USD · per month' },
    ];
    assert.deepEqual(inCurrencyFirst(items, 'JPY').map((i) => [i.id, i.description]), [
      ['pro-jpy', '3000 JPY · per month'],
      ['pro-eur', '29.00 EUR · per month · not in JPY'],
      ['pro-usd', '29.00 USD · per month · not in JPY'],
    ]);
  });
});
