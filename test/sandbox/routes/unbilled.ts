/**
 * POST /subscriptions/{id}/import_unbilled_charges (docs/chargebee-api-notes.md#unbilled-charges), GET /unbilled_charges to read them
 * back (voided ones only with `is_voided=true`, invoiced or deleted ones only with `include_deleted`),
 * POST /unbilled_charges/invoice_unbilled_charges (one invoice per subscription and currency; the
 * charges are gone afterwards) and POST /unbilled_charges/{id}/delete. Per-row required fields and limits come from the catalog; the cross-row rules are here:
 * `discounts` and `tiers` rows must point at a charge row of the same request through its `id`.
 * Decisions where the API docs are silent (unconfirmed, docs/chargebee-api-notes.md#unbilled-charges): date_from must not be after date_to (400), a
 * cancelled subscription answers 409, and test sites need no enabling.
 */
import { ApiError, invalidRequest, invalidState, notFound, paramWrongValue } from '../errors';
import type { FormTree } from '../form-parser';
import type { Invoice, LineItem, PricingModel, UnbilledCharge, UnbilledChargeTier } from '../models';
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

/** Refuses any body field but these: the endpoints below are not in the shared catalog. */
function onlyFields(body: FormTree, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw paramWrongValue(key, 'is not a parameter of this endpoint');
}

function pending(store: Store): UnbilledCharge[] {
  return [...store.unbilledCharges.values()].filter((c) => !c.deleted && !c.is_voided);
}

function invoiceFor(ctx: RequestContext, charges: readonly UnbilledCharge[]): Invoice {
  const [first] = charges;
  if (!first) throw new Error('invoiceFor needs charges');
  const lineItems: LineItem[] = charges.map((c) => ({
    id: ctx.state.store.newId('li_'),
    date_from: c.date_from,
    date_to: c.date_to,
    unit_amount: c.unit_amount ?? c.amount,
    quantity: c.quantity ?? 1,
    amount: c.amount,
    pricing_model: c.pricing_model ?? 'flat_fee',
    is_taxed: false,
    tax_amount: 0,
    discount_amount: c.discount_amount,
    item_level_discount_amount: c.discount_amount,
    description: c.description ?? (c.entity_id !== undefined ? `${c.entity_type} ${c.entity_id}` : 'Adhoc charge'),
    entity_type: c.entity_type,
    ...(c.entity_id !== undefined ? { entity_id: c.entity_id } : {}),
    subscription_id: c.subscription_id,
    customer_id: c.customer_id,
    object: 'line_item',
  }));
  const subTotal = charges.reduce((sum, c) => sum + c.amount, 0);
  const discount = charges.reduce((sum, c) => sum + c.discount_amount, 0);
  const total = Math.max(0, subTotal - discount);
  const invoice: Invoice = {
    id: ctx.state.store.nextInvoiceId(),
    customer_id: first.customer_id,
    subscription_id: first.subscription_id,
    recurring: true,
    status: total === 0 ? 'paid' : 'payment_due',
    price_type: 'tax_exclusive',
    date: ctx.now,
    due_date: ctx.now,
    currency_code: first.currency_code,
    sub_total: subTotal,
    total,
    credits_applied: 0,
    amount_paid: 0,
    amount_due: total,
    tax: 0,
    amount_adjusted: 0,
    write_off_amount: 0,
    channel: 'web',
    first_invoice: false,
    line_items: lineItems,
    discounts: [],
    line_item_discounts: charges
      .map((c, i) => ({ c, li: lineItems[i] }))
      .filter(({ c }) => c.discount_amount > 0)
      .map(({ c, li }) => ({ line_item_id: li?.id ?? '', discount_type: 'item_level_discount' as const, discount_amount: c.discount_amount, object: 'line_item_discount' as const })),
    taxes: [],
    line_item_taxes: [],
    updated_at: ctx.now,
    resource_version: ctx.nowMs,
    deleted: false,
    object: 'invoice',
  };
  if (invoice.status === 'paid') invoice.paid_at = ctx.now;
  return invoice;
}

/**
 * Invoices the pending charges of one subscription or customer now: one invoice per subscription
 * and currency, and the charges leave the unbilled list. Nothing pending answers an empty list.
 */
function invoiceCharges(ctx: RequestContext) {
  onlyFields(ctx.body, ['subscription_id', 'customer_id']);
  const subscriptionId = str(ctx.body, 'subscription_id');
  const customerId = str(ctx.body, 'customer_id');
  for (const [param, value] of [['subscription_id', subscriptionId], ['customer_id', customerId]] as const) {
    if (value !== undefined && [...value].length > 50) throw paramWrongValue(param, 'cannot be longer than 50 characters');
  }
  if (subscriptionId === undefined && customerId === undefined) throw invalidRequest('subscription_id or customer_id is required', 'subscription_id');
  const { store } = ctx.state;
  if (subscriptionId !== undefined && (store.subscriptions.get(subscriptionId)?.deleted ?? true)) throw notFound('subscription_id');
  if (customerId !== undefined && (store.customers.get(customerId)?.deleted ?? true)) throw notFound('customer_id');
  const charges = pending(store).filter((c) => (subscriptionId === undefined || c.subscription_id === subscriptionId) && (customerId === undefined || c.customer_id === customerId));
  const groups = new Map<string, UnbilledCharge[]>();
  for (const c of charges) groups.set(`${c.subscription_id}\u0000${c.currency_code}`, [...(groups.get(`${c.subscription_id}\u0000${c.currency_code}`) ?? []), c]);
  const invoices = [...groups.values()].map((group) => {
    const invoice = invoiceFor(ctx, group);
    store.invoices.set(invoice.id, invoice);
    return invoice;
  });
  for (const c of charges) {
    c.deleted = true;
    c.updated_at = ctx.now;
  }
  return { body: { invoices } };
}

function deleteCharge(ctx: RequestContext) {
  onlyFields(ctx.body, []);
  const charge = ctx.state.store.unbilledCharges.get(ctx.pathParams.unbilled_charge_id ?? '');
  if (!charge || charge.deleted) throw notFound();
  charge.deleted = true;
  charge.updated_at = ctx.now;
  return { body: { unbilled_charge: charge } };
}

export const unbilledRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/subscriptions/{subscription_id}/import_unbilled_charges', handler: importCharges },
  {
    method: 'GET',
    pattern: '/unbilled_charges',
    handler: (ctx) => {
      const voided = ctx.query.is_voided === 'true';
      const { is_voided: _voided, ...query } = ctx.query;
      const records = [...ctx.state.store.unbilledCharges.values()].filter((c) => c.is_voided === voided);
      return listRecords({ ...ctx, query }, { key: 'unbilled_charge', records });
    },
  },
  { method: 'POST', pattern: '/unbilled_charges/invoice_unbilled_charges', handler: invoiceCharges },
  { method: 'POST', pattern: '/unbilled_charges/{unbilled_charge_id}/delete', handler: deleteCharge },
];
