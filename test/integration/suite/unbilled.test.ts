/**
 * Import unbilled charges inside the real extension host, against an in-process sandbox: the form
 * opens in a real webview panel through openImportForm (the command's body), its host session is
 * driven with a two-row import and one linked discount, and the sandbox is asked afterwards what it
 * stored and which chargebee-* headers it received (GET /__sandbox/requests).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChargebeeClient } from '../../../src/chargebee/client';
import { editRequestHeaders } from '../../../src/request-headers/edit-command';
import { headerFieldPath } from '../../../src/request-headers/form-group';
import { RequestHeaderStore, type SettingsMemento } from '../../../src/request-headers/store';
import type { SubscriptionDeps } from '../../../src/subscriptions/deps';
import { openImportForm } from '../../../src/subscriptions/register';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { ESCAPE, TestUserInput } from './test-user-input';

const EXTENSION_ID = 'chargebee-tools.chargebee-quotes-exports';

interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

class MemoryMemento implements SettingsMemento {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
}

describe('import unbilled charges in the extension host', function () {
  this.timeout(30_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let log: vscode.LogOutputChannel;

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    log = vscode.window.createOutputChannel('Chargebee unbilled test', { log: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    log.dispose();
    await sb.close();
  });

  it('imports two charges with a linked discount, with site and form headers', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const subs = await client.call<{ list: { subscription: { id: string; currency_code: string } }[] }>('subscriptions.list', { params: { limit: 100, status: { is: 'active' } } });
    const sub = subs.body.list.map((e) => e.subscription).find((s) => s.currency_code === 'EUR');
    assert.ok(sub, 'the demo seed has an active EUR subscription');

    const headers = new RequestHeaderStore(new MemoryMemento());
    await headers.set('sandbox', { originDevice: 'vscode-integration', eventWebhook: true });
    let confirmations = 0;
    const deps: SubscriptionDeps = {
      extensionUri: ext.extensionUri,
      log,
      headers,
      activeSite: () =>
        Promise.resolve({
          id: 'sandbox',
          info: { name: sb.site, currency: 'USD', multiDecimal: false, mode: 'test' as const },
          baseUrl: sb.url,
          client,
          confirmWrite: () => {
            confirmations += 1;
            return Promise.resolve(true);
          },
        }),
    };
    const opened = await openImportForm(deps, { subscription: { id: sub.id } });
    assert.ok(opened, 'the form opened');
    assert.match(opened.controller.definition.title ?? '', new RegExp(sub.id));
    // Amounts are typed in the subscription's currency, not the site's.
    assert.equal(opened.controller.definition.site.currency, 'EUR');

    const t = `it${Date.now().toString(36)}`;
    await opened.panel.session.handle({
      type: 'submit',
      values: {
        path: {},
        fields: { [headerFieldPath('originIp')]: '198.51.100.23', [headerFieldPath('originUser')]: 'ops@example.com' },
        rows: {
          unbilled_charges: [
            { id: `${t}-a`, date_from: '2024-05-01', date_to: '2024-05-31', entity_type: 'adhoc', description: 'Overage', amount: '20.00' },
            { id: `${t}-b`, date_from: '2024-05-01', date_to: '2024-05-31', entity_type: 'adhoc', description: 'Support hours', unit_amount: '15.00', quantity: '3' },
          ],
          discounts: [{ unbilled_charge_id: `${t}-b`, amount: '5.00', entity_type: 'item_level_discount' }],
        },
        lists: {},
        filters: [],
      },
    });
    assert.equal(confirmations, 1, 'the write guard was asked once');
    assert.equal(opened.panel.session.busy, false);

    const listed = await client.request<{ list: { unbilled_charge: { id: string; amount: number; discount_amount: number; currency_code: string } }[] }>({
      method: 'GET',
      path: '/unbilled_charges',
      params: { limit: 100, subscription_id: { is: sub.id } },
    });
    const mine = listed.body.list.map((e) => e.unbilled_charge).filter((c) => c.id.startsWith(t));
    assert.deepEqual(mine.map((c) => [c.id, c.amount, c.discount_amount, c.currency_code]).sort(), [
      [`${t}-a`, 2000, 0, 'EUR'],
      [`${t}-b`, 4500, 500, 'EUR'],
    ]);

    // What the sandbox says it received, through its HTTP control API as any client would ask.
    const recorded = (await (await fetch(`${sb.origin}/__sandbox/requests`)).json()) as RecordedRequest[];
    const post = recorded.filter((r) => r.method === 'POST' && r.path.endsWith(`/subscriptions/${sub.id}/import_unbilled_charges`)).at(-1);
    assert.ok(post, 'the import was recorded');
    assert.equal(post.headers['chargebee-request-origin-device'], 'vscode-integration');
    assert.equal(post.headers['chargebee-event-webhook'], 'all-disabled');
    assert.equal(post.headers['chargebee-request-origin-ip'], '198.51.100.23');
    assert.equal(post.headers['chargebee-request-origin-user'], 'ops@example.com');
    assert.ok((post.headers['chargebee-idempotency-key'] ?? '').length > 0);
    opened.panel.dispose();
  });

  it('stores request header settings per site through the editor\'s prompts', async () => {
    const store = new RequestHeaderStore(new MemoryMemento());
    // Each pick comes back to the list; Escape there ends the editor. An empty text value is not stored.
    const ui = new TestUserInput()
      .pick('chargebee-event-actions').pick('all-disabled')
      .pick('chargebee-request-origin-ip').input('192.0.2.5')
      .pick('chargebee-request-origin-device').input('')
      .pick(ESCAPE);
    const saved = await editRequestHeaders(store, { id: 'site-a', label: 'a (test)' }, ui);
    ui.assertDone();
    assert.deepEqual(saved, { eventActions: true, originIp: '192.0.2.5' });
    assert.deepEqual(store.forSite('site-b'), {});
  });
});
