/**
 * POST /subscriptions/{id}/import_unbilled_charges (docs/chargebee-api-notes.md#unbilled-charges) and GET /unbilled_charges to read them
 * back. Per-row required fields and limits come from the catalog; the cross-row rules are here:
 * `discounts` and `tiers` rows must point at a charge row of the same request through its `id`.
 * Decisions where the API docs are silent (unconfirmed, docs/chargebee-api-notes.md#unbilled-charges): date_from must not be after date_to (400), a
 * cancelled subscription answers 409, and test sites need no enabling.
 */
import { ApiError, invalidState, notFound, paramWrongValue } from '../errors';
import type { FormTree } from '../form-parser';
import type { PricingModel, UnbilledCharge, UnbilledChargeTier } from '../models';
import type { RequestContext, Route } from '../router';
import type { Store } from '../store';
import { bool, int, required, rows, str } from '../tree-read';
import { listRecords } from './listing';

/** Does the charge's entity exist in the catalog it names? Adhoc charges name none. */
function entityExists(store: Store, type: string, id: string): boolean {
  switch (type) {
    case 'plan':
    case 'plan_setup':
      return store.plans.has(id);
    case 'addon':
      return store.addons.has(id);
    case 'plan_item_price':
    case 'addon_item_price':
    case 'charge_item_price':
      return store.itemPrices.has(id);
    default:
      return true;
  }
}

function tierOf(row: FormTree, i: number): UnbilledChargeTier {
  const tier: UnbilledChargeTier = { object: 'tier' };
  for (const f of ['starting_unit', 'ending_unit', 'quantity_used', 'unit_amount'] as const) {
    const v = int(row, f, `tiers[${f}][${i}]`);
    if (v !== undefined) tier[f] = v;
  }
  return tier;
}

function importCharges(ctx: RequestContext) {
  const { store } = ctx.state;
  const sub = store.subscriptions.get(ctx.pathParams.subscription_id ?? '');
  if (!sub || sub.deleted) throw notFound();
  if (sub.status === 'cancelled') throw invalidState(`The subscription ${sub.id} is cancelled; unbilled charges cannot be imported into it`);
  const chargeRows = rows(ctx.body, 'unbilled_charges');
  if (chargeRows.length === 0) throw paramWrongValue('unbilled_charges[date_from][0]', 'cannot be blank');

  const charges: UnbilledCharge[] = [];
  const byClientId = new Map<string, UnbilledCharge>();
  chargeRows.forEach((row, i) => {
    const dateFrom = required(int(row, 'date_from', `unbilled_charges[date_from][${i}]`), `unbilled_charges[date_from][${i}]`);
    const dateTo = required(int(row, 'date_to', `unbilled_charges[date_to][${i}]`), `unbilled_charges[date_to][${i}]`);
    if (dateTo < dateFrom) throw paramWrongValue(`unbilled_charges[date_to][${i}]`, 'cannot be before date_from');
    const entityType = required(str(row, 'entity_type'), `unbilled_charges[entity_type][${i}]`);
    const entityId = str(row, 'entity_id');
    if (entityId !== undefined && !entityExists(store, entityType, entityId)) throw notFound(`unbilled_charges[entity_id][${i}]`);
    const clientId = str(row, 'id');
    if (clientId !== undefined && (byClientId.has(clientId) || store.unbilledCharges.has(clientId))) {
      throw new ApiError(400, 'duplicate_entry', `The value ${clientId} is already present`, 'invalid_request', `unbilled_charges[id][${i}]`);
    }
    const unitAmount = int(row, 'unit_amount', `unbilled_charges[unit_amount][${i}]`);
    const quantity = int(row, 'quantity', `unbilled_charges[quantity][${i}]`);
    const charge: UnbilledCharge = {
      id: clientId ?? store.newId(),
      customer_id: sub.customer_id,
      subscription_id: sub.id,
      date_from: dateFrom,
      date_to: dateTo,
      amount: int(row, 'amount', `unbilled_charges[amount][${i}]`) ?? (unitAmount ?? 0) * (quantity ?? 1),
      currency_code: sub.currency_code,
      discount_amount: int(row, 'discount_amount', `unbilled_charges[discount_amount][${i}]`) ?? 0,
      entity_type: entityType,
      is_voided: false,
      use_for_proration: bool(row, 'use_for_proration', `unbilled_charges[use_for_proration][${i}]`) ?? false,
      is_advance_charge: bool(row, 'is_advance_charge', `unbilled_charges[is_advance_charge][${i}]`) ?? false,
      tiers: [],
      created_at: ctx.now,
      updated_at: ctx.now,
      deleted: false,
      object: 'unbilled_charge',
    };
    if (unitAmount !== undefined) charge.unit_amount = unitAmount;
    if (quantity !== undefined) charge.quantity = quantity;
    const description = str(row, 'description');
    if (description !== undefined) charge.description = description;
    if (entityId !== undefined) charge.entity_id = entityId;
    charge.pricing_model = (unitAmount !== undefined && (quantity ?? 1) > 1 ? 'per_unit' : 'flat_fee') satisfies PricingModel;
    charges.push(charge);
    if (clientId !== undefined) byClientId.set(clientId, charge);
  });

  const target = (ref: string | undefined, param: string): UnbilledCharge => {
    // Without a reference the discount or tier belongs to the first charge of the request.
    if (ref === undefined) return charges[0];
    const charge = byClientId.get(ref);
    if (!charge) throw paramWrongValue(param, `refers to no unbilled_charges[id] in this request (${ref})`);
    return charge;
  };
  rows(ctx.body, 'discounts').forEach((row, i) => {
    const amount = required(int(row, 'amount', `discounts[amount][${i}]`), `discounts[amount][${i}]`);
    const entityType = str(row, 'entity_type');
    const couponId = str(row, 'entity_id');
    if ((entityType === 'item_level_coupon' || entityType === 'document_level_coupon') && couponId !== undefined && !store.coupons.has(couponId)) {
      throw notFound(`discounts[entity_id][${i}]`);
    }
    target(str(row, 'unbilled_charge_id'), `discounts[unbilled_charge_id][${i}]`).discount_amount += amount;
  });
  rows(ctx.body, 'tiers').forEach((row, i) => {
    const param = `tiers[unbilled_charge_id][${i}]`;
    const charge = target(required(str(row, 'unbilled_charge_id'), param), param);
    charge.tiers.push(tierOf(row, i));
    charge.pricing_model = 'tiered';
  });
  for (const c of charges) store.unbilledCharges.set(c.id, c);
  return { body: { unbilled_charges: charges } };
}

export const unbilledRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/subscriptions/{subscription_id}/import_unbilled_charges', handler: importCharges },
  { method: 'GET', pattern: '/unbilled_charges', handler: (ctx) => listRecords(ctx, { key: 'unbilled_charge', records: ctx.state.store.unbilledCharges.values() }) },
];
