import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from './index';
import { call, form, listAt, objectAt } from './helpers';
import type { Subscription } from './models';

describe('sandbox import_unbilled_charges', () => {
  let sb: RunningSandbox;
  let sub: Subscription;
  before(async () => {
    sb = await startSandbox({ port: 0 });
    sub = [...sb.control.store.subscriptions.values()].find((s) => s.status === 'active') as Subscription;
  });
  after(() => sb.close());

  const importCharges = (subId: string, pairs: readonly (readonly [string, string | number])[], headers: Record<string, string> = {}) =>
    call(sb, 'POST', `/subscriptions/${subId}/import_unbilled_charges`, form(pairs), { headers });

  it('imports rows with gapped indices, links discounts and tiers by id, and lists them back', async () => {
    const from = sb.control.now() - 86400 * 10;
    const to = sb.control.now() - 86400;
    const reply = await importCharges(sub.id, [
      ['unbilled_charges[id][4]', 'usage-april'], ['unbilled_charges[date_from][4]', from], ['unbilled_charges[date_to][4]', to],
      ['unbilled_charges[entity_type][4]', 'adhoc'], ['unbilled_charges[description][4]', 'API calls'], ['unbilled_charges[unit_amount][4]', 5], ['unbilled_charges[quantity][4]', 300],
      ['unbilled_charges[date_from][1]', from], ['unbilled_charges[date_to][1]', to], ['unbilled_charges[entity_type][1]', 'adhoc'], ['unbilled_charges[amount][1]', 2500],
      ['discounts[unbilled_charge_id][0]', 'usage-april'], ['discounts[amount][0]', 100], ['discounts[entity_type][0]', 'item_level_discount'],
      ['tiers[unbilled_charge_id][0]', 'usage-april'], ['tiers[starting_unit][0]', 1], ['tiers[ending_unit][0]', 300], ['tiers[quantity_used][0]', 300], ['tiers[unit_amount][0]', 5],
    ], { 'chargebee-request-origin-user': 'ops@acme.example', 'chargebee-event-webhook': 'all-disabled', 'chargebee-business-entity-id': 'be_1' });
    assert.equal(reply.status, 200, reply.text);
    const charges = listAt(reply.json, 'unbilled_charges');
    assert.equal(charges.length, 2);
    const [first, second] = charges;
    assert.equal(first?.amount, 2500, 'rows keep their wire order (1 before 4)');
    assert.equal(second?.id, 'usage-april');
    assert.equal(second?.amount, 1500);
    assert.equal(second?.discount_amount, 100);
    assert.equal((second?.tiers as unknown[]).length, 1);
    assert.equal(second?.currency_code, sub.currency_code);
    assert.equal(second?.customer_id, sub.customer_id);

    const listed = await call(sb, 'GET', '/unbilled_charges', form([['subscription_id[is]', sub.id]]));
    assert.deepEqual(listAt(listed.json, 'list').map((e) => objectAt(e, 'unbilled_charge').id).sort(), charges.map((c) => c.id).sort());
    const other = await call(sb, 'GET', '/unbilled_charges', form([['subscription_id[is]', 'someone-else']]));
    assert.equal(listAt(other.json, 'list').length, 0);

    const recorded = sb.control.requests().find((r) => r.path.endsWith('/import_unbilled_charges'));
    assert.equal(recorded?.headers['chargebee-request-origin-user'], 'ops@acme.example');
    assert.equal(recorded?.headers['chargebee-business-entity-id'], 'be_1');
  });

  it('enforces per-row required fields with the wire index in param', async () => {
    const now = sb.control.now();
    const noDate = await importCharges(sub.id, [['unbilled_charges[date_from][3]', now], ['unbilled_charges[date_to][3]', now], ['unbilled_charges[entity_type][3]', 'adhoc'], ['unbilled_charges[date_to][6]', now], ['unbilled_charges[entity_type][6]', 'adhoc']]);
    assert.equal(noDate.status, 400);
    assert.equal(noDate.json?.param, 'unbilled_charges[date_from][6]');
    const coupon = await importCharges(sub.id, [['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now], ['unbilled_charges[entity_type][0]', 'adhoc'], ['discounts[amount][0]', 10], ['discounts[entity_type][0]', 'document_level_coupon']]);
    assert.equal(coupon.status, 400);
    assert.equal(coupon.json?.param, 'discounts[entity_id][0]');
    const noAmount = await importCharges(sub.id, [['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now], ['unbilled_charges[entity_type][0]', 'adhoc'], ['discounts[description][0]', 'x']]);
    assert.equal(noAmount.json?.param, 'discounts[amount][0]');
    const dangling = await importCharges(sub.id, [['unbilled_charges[id][0]', 'a'], ['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now], ['unbilled_charges[entity_type][0]', 'adhoc'], ['tiers[unbilled_charge_id][2]', 'b']]);
    assert.equal(dangling.status, 400);
    assert.equal(dangling.json?.param, 'tiers[unbilled_charge_id][2]');
    const backwards = await importCharges(sub.id, [['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now - 10], ['unbilled_charges[entity_type][0]', 'adhoc']]);
    assert.equal(backwards.json?.param, 'unbilled_charges[date_to][0]');
    const badEntity = await importCharges(sub.id, [['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now], ['unbilled_charges[entity_type][0]', 'plan_item_price'], ['unbilled_charges[entity_id][0]', 'nope']]);
    assert.equal(badEntity.status, 404);
    assert.equal(badEntity.json?.param, 'unbilled_charges[entity_id][0]');
  });

  it('answers 404 for an unknown subscription and 409 for a cancelled one', async () => {
    const now = sb.control.now();
    const row: [string, string | number][] = [['unbilled_charges[date_from][0]', now], ['unbilled_charges[date_to][0]', now], ['unbilled_charges[entity_type][0]', 'adhoc']];
    assert.equal((await importCharges('no-such-sub', row)).status, 404);
    const cancelled = [...sb.control.store.subscriptions.values()].find((s) => s.status === 'cancelled');
    if (cancelled) assert.equal((await importCharges(cancelled.id, row)).status, 409);
  });
});
