/**
 * The quote forms inside the real extension host, against an in-process sandbox: each "New Quote"
 * command opens its form (the endpoint chosen by kind and the site's catalog, which the test sets on
 * the sandbox site's record: sandboxes serve both; the kind of "New Quote..." is picked through a
 * TestUserInput script), the test drives the form's
 * controller with values (the command resolves with it), and the created quote is checked on the
 * sandbox. A retried submit after a lost answer reuses the idempotency key; an edit opens pre-filled.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChargebeeClient } from '../../../src/chargebee/client';
import type { FormValues } from '../../../src/forms/values';
import { emptyValues } from '../../../src/forms/values';
import { QUOTE_FORM_COMMANDS as C } from '../../../src/commands/ids';
import type { OpenedQuoteForm } from '../../../src/quotes/forms/register';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { extensionApi, useSandboxSite } from './quote-site';
import { withAnswers } from './test-user-input';

interface Customer {
  readonly id: string;
  readonly preferred_currency_code: string;
}

const values = (part: Partial<FormValues>): FormValues => ({ ...emptyValues(), ...part });

describe('quote forms in the extension host', function () {
  this.timeout(30_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let releaseSite: () => Promise<void>;
  let usd: Customer;
  let eur: Customer;

  /** Opens a form with the sandbox site set to `catalog`; `kindLabel` answers "New Quote..."'s pick. */
  const open = async (command: string, catalog: 1 | 2 | undefined, arg?: unknown, kindLabel?: string): Promise<OpenedQuoteForm> => {
    const api = await extensionApi();
    const site = api.sites.store.active();
    if (catalog !== undefined && site && site.catalogVersion !== catalog) await api.sites.store.update(site.id, { catalogVersion: catalog });
    const form = await withAnswers(
      api,
      (ui) => (kindLabel !== undefined ? ui.pick(kindLabel) : undefined),
      () => vscode.commands.executeCommand<OpenedQuoteForm | undefined>(command, arg),
    );
    assert.ok(form, `${command} opened a form`);
    return form;
  };
  const retrieveTotal = async (id: string): Promise<number | undefined> => {
    const res = await client.call<{ quote: { total?: number } }>('quotes.retrieve', { pathParams: { quote_id: id } });
    return res.body.quote.total;
  };
  const createdId = (summary: string): string => {
    const m = /^Quote #(\S+) (created|updated)/.exec(summary);
    assert.ok(m?.[1], summary);
    return m[1];
  };

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    releaseSite = await useSandboxSite(sb);
    const res = await client.call<{ list: { customer: Customer }[] }>('customers.list', { params: { limit: 100 } });
    const find = (cur: string): Customer => {
      const c = res.body.list.map((e) => e.customer).find((x) => x.preferred_currency_code === cur);
      assert.ok(c, `a ${cur} customer in the demo seed`);
      return c;
    };
    usd = find('USD');
    eur = find('EUR');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await releaseSite();
    await sb.close();
  });

  it('opens the endpoint of each kind for each catalog', async () => {
    const expected: [string, 1 | 2, string][] = [
      [C.newSubscription, 1, 'quotes.create_subscription_quote'],
      [C.newChange, 1, 'quotes.update_subscription_quote'],
      [C.newOneTime, 1, 'quotes.create_for_onetime_charges'],
      [C.newSubscription, 2, 'quotes.create_subscription_quote_for_items'],
      [C.newChange, 2, 'quotes.update_subscription_quote_for_items'],
      [C.newOneTime, 2, 'quotes.create_for_charge_items_and_charges'],
    ];
    for (const [command, catalog, endpoint] of expected) {
      const form = await open(command, catalog);
      assert.equal(form.controller.definition.model.spec.id, endpoint);
      assert.equal(form.controller.definition.site.mode, 'test');
      form.panel.dispose();
    }
    const viaKind = await open(C.newQuote, 1, undefined, 'One-time Charges');
    assert.equal(viaKind.controller.spec.id, 'quotes.create_for_onetime_charges');
    viaKind.panel.dispose();
  });

  it('creates a PC1 one-time quote with the right total', async () => {
    const form = await open(C.newOneTime, 1, { customerId: usd.id });
    const initial = form.controller.initialValues;
    assert.equal(initial?.fields['customer_id'], usd.id, 'the customer argument is filled in');
    const outcome = await form.controller.submitValues(
      values({ fields: { customer_id: usd.id }, rows: { charges: [{ amount: '25.00', description: 'Consulting' }], addons: [{ id: 'day-pass-usd', quantity: '2' }] } }),
    );
    assert.equal(await retrieveTotal(createdId(outcome.summary)), 2500 + 2 * 200);
    form.panel.dispose();
  });

  it('creates PC1 subscription and PC2 quotes with the right totals', async () => {
    const pc1 = await open(C.newSubscription, 1);
    const a = await pc1.controller.submitValues(values({ path: { customer_id: usd.id }, fields: { 'subscription[plan_id]': 'enterprise-annual-usd' } }));
    assert.equal(await retrieveTotal(createdId(a.summary)), 99000);
    const pc2 = await open(C.newSubscription, 2);
    const b = await pc2.controller.submitValues(values({ path: { customer_id: eur.id }, rows: { subscription_items: [{ item_price_id: 'storage-business-EUR-Monthly' }] } }));
    assert.equal(await retrieveTotal(createdId(b.summary)), 4500);
    const charges = await open(C.newOneTime, 2);
    const c = await charges.controller.submitValues(values({ fields: { customer_id: eur.id }, rows: { item_prices: [{ item_price_id: 'training-day-EUR', quantity: '2' }] } }));
    assert.equal(await retrieveTotal(createdId(c.summary)), 2 * 75000);
    for (const f of [pc1, pc2, charges]) f.panel.dispose();
  });

  it('retries a submit after a server error with the same idempotency key', async () => {
    const form = await open(C.newOneTime, 1);
    const filled = values({ fields: { customer_id: usd.id }, rows: { charges: [{ amount: '7.00', description: 'Retry me' }] } });
    sb.control.addFaults([{ type: 'status', status: 503, count: 5, path: 'create_for_onetime_charges' }]);
    sb.control.resetStats();
    await assert.rejects(form.controller.submitValues(filled));
    const held = form.controller.heldIdempotencyKey;
    assert.ok(held, 'the key is held after an unknown outcome');
    sb.control.clearFaults();
    const outcome = await form.controller.submitValues(filled);
    assert.equal(await retrieveTotal(createdId(outcome.summary)), 700);
    const keys = new Set(sb.control.requests().filter((r) => r.method === 'POST' && r.path.includes('create_for_onetime_charges')).map((r) => r.headers['chargebee-idempotency-key']));
    assert.deepEqual([...keys], [held], 'every attempt of the submission carried the one key');
    form.panel.dispose();
  });

  it('opens an edit form pre-filled from an open quote and saves it', async () => {
    const created = await open(C.newOneTime, 1);
    const first = await created.controller.submitValues(values({ fields: { customer_id: usd.id, po_number: 'PO-9' }, rows: { charges: [{ amount: '30.00', description: 'Edit me' }] } }));
    created.panel.dispose();
    const id = createdId(first.summary);
    const edit = await open(C.edit, undefined, id);
    assert.equal(edit.controller.spec.id, 'quotes.edit_one_time_quote');
    assert.deepEqual(edit.controller.initialValues?.rows['charges'], [{ amount: '30.00', description: 'Edit me' }]);
    assert.equal(edit.controller.initialValues?.fields['po_number'], 'PO-9');
    const changed = values({ ...edit.controller.initialValues, rows: { charges: [{ amount: '45.50', description: 'Edited' }] } });
    const saved = await edit.controller.submitValues(changed);
    assert.equal(createdId(saved.summary), id);
    assert.equal(await retrieveTotal(id), 4550);
    edit.panel.dispose();
  });
});
