/**
 * The unbilled charges after an import, over a real socket: listing a subscription's pending charges,
 * deleting one and invoicing the rest (UnbilledWrites), the write guard in front of each write, and one
 * idempotency key per logical write: an invoice whose answer is lost is done again under the same key
 * and Chargebee replays it, so one invoice exists, not two.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { UnbilledSite } from '../../src/subscriptions/deps';
import { listUnbilledCharges, UnbilledWrites } from '../../src/subscriptions/unbilled-charges';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

describe('unbilled charges: list, delete, invoice now, against the sandbox', function () {
  this.timeout(10_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let confirmations: string[];
  let confirm: boolean;
  let site: UnbilledSite;

  const activeSubscription = async (currency: string): Promise<string> => {
    const subs = await client.call<{ list: { subscription: { id: string; currency_code: string } }[] }>('subscriptions.list', { params: { limit: 100, status: { is: 'active' } } });
    const sub = subs.body.list.map((e) => e.subscription).find((s) => s.currency_code === currency);
    assert.ok(sub, `an active ${currency} subscription in the demo seed`);
    return sub.id;
  };
  const importCharges = async (subscriptionId: string, amounts: readonly number[]): Promise<void> => {
    await client.call('subscriptions.import_unbilled_charges', {
      pathParams: { subscription_id: subscriptionId },
      params: { unbilled_charges: amounts.map((amount, i) => ({ date_from: 1_709_251_200, date_to: 1_711_843_200, entity_type: 'adhoc', description: `Usage ${i + 1}`, amount })) },
    });
  };
  const posts = (suffix: string): string[] =>
    sb.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith(suffix)).map((r) => r.headers['chargebee-idempotency-key'] ?? '');

  beforeEach(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 }, timeoutMs: 1_000 });
    confirmations = [];
    confirm = true;
    site = {
      id: 'sandbox',
      info: { name: sb.site, currency: 'USD', multiDecimal: false, mode: 'live' },
      baseUrl: sb.url,
      client,
      confirmWrite: (action) => {
        confirmations.push(action);
        return Promise.resolve(confirm);
      },
    };
  });
  afterEach(async () => sb.close());

  it('lists the pending charges of one subscription only, deletes one and invoices the others', async () => {
    const subscriptionId = await activeSubscription('USD');
    const other = await activeSubscription('EUR');
    await importCharges(subscriptionId, [1000, 250, 75]);
    await importCharges(other, [999]);
    const listed = await listUnbilledCharges(site, subscriptionId);
    assert.deepEqual(listed.map((c) => c.amount), [1000, 250, 75]);
    assert.ok(listed.every((c) => c.subscriptionId === subscriptionId));

    const writes = new UnbilledWrites();
    const del = await writes.deleteCharge(site, listed[1]?.id ?? '');
    assert.equal(del.kind, 'done');
    assert.deepEqual((await listUnbilledCharges(site, subscriptionId)).map((c) => c.amount), [1000, 75]);

    const invoiced = await writes.invoiceNow(site, subscriptionId);
    assert.equal(invoiced.kind, 'done');
    assert.equal(invoiced.kind === 'done' ? invoiced.value.length : 0, 1, 'one invoice (one currency)');
    assert.equal(invoiced.kind === 'done' ? invoiced.value[0]?.total : 0, 1075, 'the two charges left, not the deleted one');
    assert.deepEqual(await listUnbilledCharges(site, subscriptionId), [], 'invoiced charges leave the list');
    assert.equal((await listUnbilledCharges(site, other)).length, 1, "another subscription's charges stay");
    assert.deepEqual(confirmations, [`delete unbilled charge ${listed[1]?.id ?? ''}`, `invoice the unbilled charges of subscription ${subscriptionId} now`]);
  });

  it('sends nothing when the live-site guard is not confirmed', async () => {
    const subscriptionId = await activeSubscription('USD');
    await importCharges(subscriptionId, [500]);
    const [charge] = await listUnbilledCharges(site, subscriptionId);
    confirm = false;
    const writes = new UnbilledWrites();
    assert.deepEqual(await writes.invoiceNow(site, subscriptionId), { kind: 'not_confirmed' });
    assert.deepEqual(await writes.deleteCharge(site, charge?.id ?? ''), { kind: 'not_confirmed' });
    assert.deepEqual(posts('/invoice_unbilled_charges'), []);
    assert.deepEqual(posts('/delete'), []);
    assert.equal((await listUnbilledCharges(site, subscriptionId)).length, 1);
  });

  it('invoices once when the first answer is lost: the second try reuses the key and is replayed', async () => {
    const subscriptionId = await activeSubscription('USD');
    await importCharges(subscriptionId, [1200]);
    const writes = new UnbilledWrites();
    const invoicesBefore = sb.control.store.invoices.size;
    sb.control.addFaults([{ type: 'drop', phase: 'after', path: '/invoice_unbilled_charges' }]);
    await assert.rejects(writes.invoiceNow(site, subscriptionId));
    const held = writes.heldKey('invoice', site.id, subscriptionId);
    assert.ok(held, 'the key is held while the outcome is unknown');
    const again = await writes.invoiceNow(site, subscriptionId);
    assert.equal(again.kind, 'done');
    assert.equal(again.kind === 'done' && again.replayed, true, 'Chargebee answered the retry as a replay');
    assert.equal(again.kind === 'done' ? again.value[0]?.total : 0, 1200, 'the replay carries the invoice');
    assert.deepEqual(posts('/invoice_unbilled_charges'), [held, held], 'both tries under one key');
    assert.equal(sb.control.store.invoices.size, invoicesBefore + 1, 'one invoice made, not two');
    assert.equal(writes.heldKey('invoice', site.id, subscriptionId), undefined, 'a definite answer ends the write');
  });

  it('treats a charge that is already gone as deleted, and a refused write ends its key', async () => {
    const subscriptionId = await activeSubscription('USD');
    await importCharges(subscriptionId, [300]);
    const [charge] = await listUnbilledCharges(site, subscriptionId);
    const id = charge?.id ?? '';
    const writes = new UnbilledWrites();
    sb.control.addFaults([{ type: 'drop', phase: 'after', path: `/unbilled_charges/${id}/delete` }]);
    await assert.rejects(writes.deleteCharge(site, id));
    const retry = await writes.deleteCharge(site, id);
    assert.equal(retry.kind, 'done');
    assert.equal((await listUnbilledCharges(site, subscriptionId)).length, 0);
    await assert.rejects(writes.invoiceNow(site, 'no-such-subscription'), /couldn't find/);
    assert.equal(writes.heldKey('invoice', site.id, 'no-such-subscription'), undefined);
  });
});
