/**
 * "Unbilled Charges of a Subscription..." in the real extension host, on the sandbox added as a site
 * through Add Site: the Quick Pick lists the subscription's pending charges (answered by a TestUserInput
 * script), picking one and confirming deletes it, "Invoice now" and its confirmation invoice the rest;
 * the sandbox is asked afterwards what is left.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChargebeeClient } from '../../../src/chargebee/client';
import { SUBSCRIPTION_COMMANDS } from '../../../src/commands/ids';
import { DELETE_CHARGE, INVOICE_NOW, type UnbilledSession } from '../../../src/subscriptions/unbilled-manage';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { extensionApi, useSandboxSite } from './quote-site';
import { ESCAPE, withAnswers } from './test-user-input';

describe('unbilled charges of a subscription in the extension host', function () {
  this.timeout(30_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let releaseSite: () => Promise<void>;
  let subscriptionId: string;

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    releaseSite = await useSandboxSite(sb, 2);
    const subs = await client.call<{ list: { subscription: { id: string; currency_code: string } }[] }>('subscriptions.list', { params: { limit: 100, status: { is: 'active' } } });
    const sub = subs.body.list.map((e) => e.subscription).find((s) => s.currency_code === 'USD');
    assert.ok(sub);
    subscriptionId = sub.id;
    await client.call('subscriptions.import_unbilled_charges', {
      pathParams: { subscription_id: subscriptionId },
      params: {
        unbilled_charges: [
          { date_from: 1_709_251_200, date_to: 1_711_843_200, entity_type: 'adhoc', description: 'API calls', amount: 1250 },
          { date_from: 1_709_251_200, date_to: 1_711_843_200, entity_type: 'adhoc', description: 'Mistaken overage', amount: 400 },
        ],
      },
    });
  });

  after(async () => {
    await releaseSite();
    await sb.close();
  });

  const pending = async (): Promise<string[]> => {
    const res = await client.call<{ list: { unbilled_charge: { description: string } }[] }>('unbilled_charges.list', { params: { subscription_id: { is: subscriptionId }, limit: 100 } });
    return res.body.list.map((e) => e.unbilled_charge.description);
  };

  it('leaves everything as it was when the person backs out of the confirmations', async () => {
    const api = await extensionApi();
    const session = await withAnswers(
      api,
      (ui) => ui.pick('Mistaken overage').warning(ESCAPE).pick(/Invoice all 2 now/).warning(ESCAPE).pick(ESCAPE),
      () => vscode.commands.executeCommand<UnbilledSession>(SUBSCRIPTION_COMMANDS.showUnbilledCharges, subscriptionId),
    );
    assert.deepEqual(session.deleted, []);
    assert.deepEqual(session.invoices, []);
    assert.deepEqual(await pending(), ['API calls', 'Mistaken overage']);
  });

  it('deletes the picked charge, then invoices the rest now', async () => {
    const api = await extensionApi();
    const before = sb.control.store.invoices.size;
    const session = await withAnswers(
      api,
      (ui) => ui.pick('Mistaken overage').warning(DELETE_CHARGE).pick(/Invoice it now/).warning(INVOICE_NOW),
      () => vscode.commands.executeCommand<UnbilledSession>(SUBSCRIPTION_COMMANDS.showUnbilledCharges, { subscription: { id: subscriptionId } }),
    );
    assert.equal(session.deleted.length, 1);
    assert.equal(session.invoices.length, 1);
    assert.equal(session.invoices[0]?.total, 1250, 'the invoice holds the charge left, not the deleted one');
    assert.deepEqual(session.remaining, []);
    assert.deepEqual(await pending(), []);
    assert.equal(sb.control.store.invoices.size, before + 1);
  });
});
