/**
 * The import form's controller driven through a real FormSession (as the webview drives it) against
 * the in-process sandbox over a real socket: the created charges, the request headers the sandbox
 * received, the write guard, server errors placed on their field, and one idempotency key per
 * logical submission when an answer is lost.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { FormValues, RowValues } from '../../src/forms/values';
import { emptyValues } from '../../src/forms/values';
import type { RequestHeaderSettings } from '../../src/request-headers/settings';
import { headerFieldPath } from '../../src/request-headers/form-group';
import type { UnbilledSite } from '../../src/subscriptions/deps';
import { subscriptionPage } from '../../src/subscriptions/subscription-list';
import { createUnbilledFormController, type UnbilledFormController } from '../../src/subscriptions/unbilled-controller';
import { FormSession } from '../../src/webview/form-session';
import type { HostToWebview } from '../../src/webview/protocol';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

type SubmitResult = Extract<HostToWebview, { type: 'submitResult' }>;

describe('import unbilled charges against the sandbox', function () {
  this.timeout(10_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let subscriptionId: string;
  let itemPriceId: string;

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 }, timeoutMs: 2_000 });
    const subs = await client.call<{ list: { subscription: { id: string; currency_code: string } }[] }>('subscriptions.list', { params: { limit: 100, status: { is: 'active' } } });
    const usd = subs.body.list.find((e) => e.subscription.currency_code === 'USD');
    assert.ok(usd, 'the demo seed has an active USD subscription');
    subscriptionId = usd.subscription.id;
    const prices = await open().controller.onPickerQuery('item_price', '', undefined, new AbortController().signal);
    assert.ok(prices.items[0], 'the entity picker lists item prices');
    itemPriceId = prices.items[0].id;
  });

  after(async () => {
    await sb.close();
  });

  beforeEach(() => sb.control.clearFaults());

  function open(opts: { headers?: RequestHeaderSettings; confirm?: boolean; siteClient?: ChargebeeClient } = {}): { session: FormSession; posted: HostToWebview[]; controller: UnbilledFormController } {
    const site: UnbilledSite = {
      id: 'sandbox',
      info: { name: sb.site, currency: 'USD', multiDecimal: false, mode: 'test' },
      baseUrl: sb.url,
      client: opts.siteClient ?? client,
      confirmWrite: () => Promise.resolve(opts.confirm ?? true),
    };
    const controller = createUnbilledFormController({ site, subscriptionId, siteHeaders: () => opts.headers ?? {} });
    const posted: HostToWebview[] = [];
    const session = new FormSession(controller, { post: (m) => posted.push(m), copyText: () => Promise.resolve(), close: () => undefined, warn: () => undefined }, 'unbilled-test');
    return { session, posted, controller };
  }

  const lastResult = (posted: readonly HostToWebview[]): SubmitResult | undefined => posted.filter((m): m is SubmitResult => m.type === 'submitResult').at(-1);
  const importPosts = (): ReturnType<RunningSandbox['control']['requests']> =>
    sb.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/subscriptions/${subscriptionId}/import_unbilled_charges`));
  const form = (charges: RowValues[], discounts: RowValues[] = [], fields: FormValues['fields'] = {}): FormValues => ({
    ...emptyValues(),
    fields,
    rows: { unbilled_charges: charges, discounts },
  });
  const tag = (): string => `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

  it('imports two charges with a linked discount and sends the request headers', async () => {
    const t = tag();
    const { session, posted } = open({ headers: { originDevice: 'vscode-test', eventEmail: true } });
    await session.handle({ type: 'ready' });
    await session.handle({
      type: 'submit',
      values: form(
        [
          { id: `${t}-usage`, date_from: '2024-03-01', date_to: '2024-03-31', entity_type: 'adhoc', description: 'API calls', amount: '12.50' },
          { id: `${t}-seats`, date_from: '2024-03-01', date_to: '2024-03-31', entity_type: 'plan_item_price', entity_id: itemPriceId, unit_amount: '3.00', quantity: '2' },
        ],
        [{ unbilled_charge_id: `${t}-seats`, amount: '1.50', entity_type: 'item_level_discount', description: 'Goodwill' }],
        { [headerFieldPath('originIp')]: '2001:db8::7', [headerFieldPath('originUser')]: 'zoë@example.com' },
      ),
    });
    const result = lastResult(posted);
    assert.ok(result?.ok, `submit succeeded: ${JSON.stringify(result)}`);
    assert.deepEqual(result.table?.rows.map((r) => r[0]), [`${t}-usage`, `${t}-seats`]);
    assert.equal(result.table?.rows[1]?.[6], '1.50 USD', 'the discount landed on the linked charge');

    // Read back through the API (GET /unbilled_charges is not in the catalog: the extension never lists them).
    const listed = await client.request<{ list: { unbilled_charge: { id: string; subscription_id: string; amount: number; discount_amount: number } }[] }>({
      method: 'GET',
      path: '/unbilled_charges',
      params: { limit: 100, subscription_id: { is: subscriptionId } },
    });
    const stored = listed.body.list.map((e) => e.unbilled_charge);
    const mine = stored.filter((c) => c.id.startsWith(t));
    assert.deepEqual(mine.map((c) => [c.id, c.subscription_id, c.amount, c.discount_amount]).sort(), [
      [`${t}-seats`, subscriptionId, 600, 150],
      [`${t}-usage`, subscriptionId, 1250, 0],
    ]);

    const post = importPosts().at(-1);
    assert.ok(post, 'the sandbox recorded the import');
    assert.equal(post.headers['chargebee-request-origin-device'], 'vscode-test');
    assert.equal(post.headers['chargebee-event-email'], 'all-disabled');
    assert.equal(post.headers['chargebee-request-origin-ip'], '2001:db8::7');
    assert.equal(Buffer.from(post.headers['chargebee-request-origin-user-encoded'] ?? '', 'base64').toString('utf8'), 'zoë@example.com');
    assert.equal(post.headers['chargebee-request-origin-user'], undefined);
    assert.match(post.headers['chargebee-idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
  });

  it('finds subscriptions for the quick pick by id prefix, paged', async () => {
    const signal = new AbortController().signal;
    const found = await subscriptionPage(client, subscriptionId.slice(0, 6), undefined, signal);
    assert.ok(found.items.some((i) => i.id === subscriptionId));
    const first = await subscriptionPage(client, '', undefined, signal, 5);
    assert.equal(first.items.length, 5);
    assert.ok(first.nextOffset !== undefined, 'the demo seed has more than five subscriptions');
    const second = await subscriptionPage(client, '', first.nextOffset, signal, 5);
    assert.ok(second.items.length > 0 && second.items.every((i) => !first.items.some((j) => j.id === i.id)), 'the next page brings new subscriptions');
  });

  it('sends nothing when the write guard says no', async () => {
    const before = importPosts().length;
    const { session, posted } = open({ confirm: false });
    await session.handle({ type: 'submit', values: form([{ date_from: '2024-03-01', date_to: '2024-03-02', entity_type: 'adhoc', amount: '1' }]) });
    const result = lastResult(posted);
    assert.ok(result && !result.ok);
    assert.match(result.message, /not confirmed/);
    assert.equal(importPosts().length, before);
  });

  it("puts the sandbox's complaint on the field it names", async () => {
    const { session, posted } = open();
    await session.handle({
      type: 'submit',
      values: form([
        { date_from: '2024-03-01', date_to: '2024-03-02', entity_type: 'adhoc', amount: '1' },
        { date_from: '2024-03-01', date_to: '2024-03-02', entity_type: 'plan', entity_id: 'no-such-plan', amount: '1' },
      ]),
    });
    const result = lastResult(posted);
    assert.ok(result && !result.ok);
    assert.equal(result.field, 'unbilled_charges[entity_id][1]');
  });

  it('reuses the idempotency key when an answer is lost, so the import happens once', async () => {
    const t = tag();
    // The client gives up before the sandbox answers: whether the import ran is unknown to it.
    const impatient = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 }, timeoutMs: 150 });
    const { session, posted } = open({ siteClient: impatient });
    const values = form([{ id: `${t}-once`, date_from: '2024-03-01', date_to: '2024-03-02', entity_type: 'adhoc', amount: '4.00' }]);
    sb.control.addFaults([{ type: 'delay', ms: 400, count: 1, path: 'import_unbilled_charges' }]);
    const before = importPosts().length;
    await session.handle({ type: 'submit', values });
    assert.equal(lastResult(posted)?.ok, false, 'the first attempt timed out');
    await new Promise((r) => setTimeout(r, 500));
    await session.handle({ type: 'submit', values });
    const result = lastResult(posted);
    assert.ok(result?.ok, `the second submit succeeded: ${JSON.stringify(result)}`);
    const posts = importPosts().slice(before);
    assert.equal(posts.length, 2);
    assert.equal(posts[0]?.headers['chargebee-idempotency-key'], posts[1]?.headers['chargebee-idempotency-key']);
    assert.equal([...sb.control.store.unbilledCharges.values()].filter((c) => c.id === `${t}-once`).length, 1);
  });
});
