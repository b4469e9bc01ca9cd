/**
 * Turns the body of each quote create/edit endpoint into a QuoteDraft: catalog lookups (404 with
 * `param` for a missing plan, addon, item price, coupon, customer or subscription), currency
 * checks, and the priced lines. The seed builds its quotes through these same functions.
 */
import { invalidRequest, notFound, paramWrongValue, ApiError } from './errors';
import type { FormTree } from './form-parser';
import type {
  Address, Coupon, Customer, ItemPrice, QuoteOperation, QuotedCharge, QuotedSubscription, Subscription, SubscriptionAddon, SubscriptionItem,
} from './models';
import type { ManualDiscount, PriceLine } from './pricing';
import type { Store } from './store';
import { bool, int, num, obj, required, rows, str, values } from './tree-read';

export interface DraftContext {
  store: Store;
  now: number;
}

export interface QuoteDraft {
  catalog: 1 | 2;
  operation: QuoteOperation;
  customer: Customer;
  subscriptionId?: string;
  currency: string;
  lines: PriceLine[];
  coupons: Coupon[];
  manual: ManualDiscount[];
  quotedSubscription?: QuotedSubscription;
  quotedCharge?: QuotedCharge;
  name?: string;
  poNumber?: string;
  notes?: string;
  expiresAt?: number;
  billingAddress?: Address;
  shippingAddress?: Address;
  vatNumber?: string;
  /** terms_to_charge: the first term and the renewals charged in advance, one line group each. */
  terms?: number;
  /** `cf_*` values of the request; an empty value clears the field on an edit. */
  customFields?: Record<string, string>;
}

// Calendar-free periods: the sandbox quotes one term, and term length only shapes date_from/date_to.
const PERIOD_SECONDS = { day: 86400, week: 7 * 86400, month: 30 * 86400, year: 365 * 86400 } as const;

export function termEnd(start: number, period: number, unit: keyof typeof PERIOD_SECONDS): number {
  return start + period * PERIOD_SECONDS[unit];
}

export function findCustomer(ctx: DraftContext, id: string, param?: string): Customer {
  const customer = ctx.store.customers.get(id);
  if (!customer || customer.deleted) throw notFound(param);
  return customer;
}

function findSubscription(ctx: DraftContext, id: string, param: string): Subscription {
  const sub = ctx.store.subscriptions.get(id);
  if (!sub || sub.deleted) throw notFound(param);
  return sub;
}

function address(tree: FormTree, key: 'billing_address' | 'shipping_address'): Address | undefined {
  const group = obj(tree, key);
  if (!group) return undefined;
  const out: Address = { validation_status: str(group, 'validation_status') ?? 'not_validated', object: key };
  for (const f of ['first_name', 'last_name', 'email', 'company', 'phone', 'line1', 'line2', 'city', 'state', 'state_code', 'country', 'zip'] as const) {
    const v = str(group, f);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** `coupon_ids[i]`, `coupons[id][i]` and the older single `coupon` / `subscription[coupon]`. */
function readCoupons(ctx: DraftContext, tree: FormTree, currency: () => string): Coupon[] {
  const refs: { id: string; param: string }[] = [];
  values(tree, 'coupon_ids').forEach((id, i) => refs.push({ id, param: `coupon_ids[${i}]` }));
  rows(tree, 'coupons').forEach((row, i) => {
    const id = str(row, 'id');
    if (id !== undefined) refs.push({ id, param: `coupons[id][${i}]` });
  });
  const single = str(tree, 'coupon');
  if (single !== undefined) refs.push({ id: single, param: 'coupon' });
  const subCoupon = str(obj(tree, 'subscription'), 'coupon');
  if (subCoupon !== undefined) refs.push({ id: subCoupon, param: 'subscription[coupon]' });
  // The same coupon named twice (coupon_ids and coupon) applies once.
  const seen = new Set<string>();
  const out: Coupon[] = [];
  for (const ref of refs) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    const coupon = ctx.store.coupons.get(ref.id);
    if (!coupon) throw notFound(ref.param);
    if (coupon.status !== 'active') throw new ApiError(400, 'resource_limit_exhausted', `The coupon ${coupon.id} is ${coupon.status}`, 'invalid_request', ref.param);
    // A fixed amount is money in one currency; it cannot discount a quote in another.
    if (coupon.discount_type === 'fixed_amount' && coupon.currency_code !== currency()) {
      throw paramWrongValue(ref.param, `coupon ${coupon.id} is in ${coupon.currency_code ?? '?'}, not ${currency()}`);
    }
    out.push(coupon);
  }
  return out;
}

function common(tree: FormTree): Pick<QuoteDraft, 'name' | 'notes' | 'expiresAt' | 'billingAddress' | 'shippingAddress' | 'poNumber'> {
  const out: Pick<QuoteDraft, 'name' | 'notes' | 'expiresAt' | 'billingAddress' | 'shippingAddress' | 'poNumber'> = {};
  const name = str(tree, 'name');
  if (name !== undefined) out.name = name;
  const notes = str(tree, 'notes');
  if (notes !== undefined) out.notes = notes;
  const expiresAt = int(tree, 'expires_at', 'expires_at');
  if (expiresAt !== undefined) out.expiresAt = expiresAt;
  const billing = address(tree, 'billing_address');
  if (billing) out.billingAddress = billing;
  const shipping = address(tree, 'shipping_address');
  if (shipping) out.shippingAddress = shipping;
  const po = str(tree, 'po_number') ?? str(obj(tree, 'subscription'), 'po_number');
  if (po !== undefined) out.poNumber = po;
  return out;
}

function checkCurrency(actual: string, expected: string, param: string): void {
  if (actual !== expected) throw paramWrongValue(param, `is priced in ${actual}, but the quote is in ${expected}`);
}

// ---- PC1 ----

interface AddonSelection {
  id: string;
  quantity: number;
  unit_price?: number;
  param: string;
}

function readAddons(tree: FormTree, key = 'addons'): AddonSelection[] {
  return rows(tree, key).map((row, i) => {
    const sel: AddonSelection = {
      id: required(str(row, 'id'), `${key}[id][${i}]`),
      quantity: int(row, 'quantity', `${key}[quantity][${i}]`) ?? 1,
      param: `${key}[id][${i}]`,
    };
    const price = int(row, 'unit_price', `${key}[unit_price][${i}]`);
    if (price !== undefined) sel.unit_price = price;
    return sel;
  });
}

/** Plan (+ setup fee) and addon lines of a PC1 subscription term. */
function pc1Lines(ctx: DraftContext, planId: string, planParam: string, sub: FormTree | undefined, addons: readonly AddonSelection[], subscriptionId?: string, isNew = true) {
  const plan = ctx.store.plans.get(planId);
  if (!plan) throw notFound(planParam);
  const quantity = int(sub, 'plan_quantity', 'subscription[plan_quantity]') ?? 1;
  const unitPrice = int(sub, 'plan_unit_price', 'subscription[plan_unit_price]') ?? plan.price;
  const trialEnd = int(sub, 'trial_end', 'subscription[trial_end]');
  // The first paid term starts after the trial (trial_end=0 means no trial) or on the start date.
  const start = Math.max(int(sub, 'start_date', 'subscription[start_date]') ?? ctx.now, trialEnd !== undefined && trialEnd > 0 ? trialEnd : 0);
  const end = termEnd(start, plan.period, plan.period_unit);
  const withSub = subscriptionId !== undefined ? { subscription_id: subscriptionId } : {};
  const lines: PriceLine[] = [
    { description: plan.invoice_name, entity_type: 'plan', entity_id: plan.id, unit_amount: unitPrice, quantity, pricing_model: plan.pricing_model, date_from: start, date_to: end, ...withSub },
  ];
  // Setup fees are charged once, when the subscription is created, never on a change.
  const setupFee = int(sub, 'setup_fee', 'subscription[setup_fee]') ?? plan.setup_cost;
  if (isNew && setupFee !== undefined && setupFee > 0) {
    lines.push({ description: `${plan.invoice_name} Setup Fee`, entity_type: 'plan_setup', entity_id: plan.id, unit_amount: setupFee, quantity: 1, pricing_model: 'flat_fee', date_from: ctx.now, date_to: ctx.now, ...withSub });
  }
  const quotedAddons: SubscriptionAddon[] = [];
  for (const sel of addons) {
    const addon = ctx.store.addons.get(sel.id);
    if (!addon) throw notFound(sel.param);
    checkCurrency(addon.currency_code, plan.currency_code, sel.param);
    const unit = sel.unit_price ?? addon.price;
    const recurring = addon.charge_type === 'recurring';
    lines.push({ description: addon.invoice_name, entity_type: 'addon', entity_id: addon.id, unit_amount: unit, quantity: sel.quantity, pricing_model: addon.pricing_model, date_from: recurring ? start : ctx.now, date_to: recurring ? end : ctx.now, ...withSub });
    quotedAddons.push({ id: addon.id, quantity: sel.quantity, unit_price: unit, amount: unit * sel.quantity, object: 'addon' });
  }
  return { plan, quantity, unitPrice, lines, quotedAddons, start, trialEnd };
}

function checkEventAddons(ctx: DraftContext, tree: FormTree): void {
  readAddons(tree, 'event_based_addons').forEach((sel) => {
    if (!ctx.store.addons.has(sel.id)) throw notFound(sel.param);
  });
}

/** 3/4: create_subscription_quote (and its edit; the customer comes from the path or the quote). */
export function draftPc1CreateSubscription(ctx: DraftContext, customerId: string, tree: FormTree, existingSubId?: string): QuoteDraft {
  const customer = findCustomer(ctx, customerId, 'customer_id');
  const sub = obj(tree, 'subscription');
  const planId = required(str(sub, 'plan_id'), 'subscription[plan_id]');
  checkEventAddons(ctx, tree);
  const priced = pc1Lines(ctx, planId, 'subscription[plan_id]', sub, readAddons(tree));
  const coupons = readCoupons(ctx, tree, () => priced.plan.currency_code);
  const quotedSubscription: QuotedSubscription = {
    id: str(sub, 'id') ?? existingSubId ?? ctx.store.newId(),
    plan_id: priced.plan.id,
    plan_quantity: priced.quantity,
    plan_unit_price: priced.unitPrice,
    addons: priced.quotedAddons,
    coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })),
    start_date: priced.start,
    object: 'quoted_subscription',
  };
  const cycles = int(tree, 'billing_cycles', 'billing_cycles');
  if (cycles !== undefined) quotedSubscription.billing_cycles = cycles;
  if (priced.trialEnd !== undefined) quotedSubscription.trial_end = priced.trialEnd;
  return { catalog: 1, operation: 'create_subscription_for_customer', customer, currency: priced.plan.currency_code, lines: priced.lines, coupons, manual: [], quotedSubscription, ...common(tree) };
}

/** 5/6: update_subscription_quote; `subscriptionId` comes from the body (create) or the quote (edit). */
export function draftPc1UpdateSubscription(ctx: DraftContext, tree: FormTree, subscriptionId?: string): QuoteDraft {
  const sub = obj(tree, 'subscription');
  const subId = subscriptionId ?? required(str(sub, 'id'), 'subscription[id]');
  const existing = findSubscription(ctx, subId, 'subscription[id]');
  if (existing.plan_id === undefined) throw paramWrongValue('subscription[id]', 'is a product catalog 2.0 subscription; use update_subscription_quote_for_items');
  const customer = findCustomer(ctx, existing.customer_id);
  const given = readAddons(tree);
  // Without replace_addon_list the given addons are merged into the subscription's current ones.
  const replace = bool(tree, 'replace_addon_list', 'replace_addon_list') ?? false;
  const kept: AddonSelection[] = replace ? [] : (existing.addons ?? []).filter((a) => !given.some((g) => g.id === a.id)).map((a) => ({ id: a.id, quantity: a.quantity, unit_price: a.unit_price, param: 'addons' }));
  checkEventAddons(ctx, tree);
  const planId = str(sub, 'plan_id') ?? existing.plan_id;
  const priced = pc1Lines(ctx, planId, 'subscription[plan_id]', { plan_quantity: String(existing.plan_quantity ?? 1), ...(sub ?? {}) }, [...kept, ...given], existing.id, false);
  const replaceCoupons = bool(tree, 'replace_coupon_list', 'replace_coupon_list') ?? false;
  const keptCoupons = replaceCoupons ? [] : (existing.coupons ?? []).map((c) => ctx.store.coupons.get(c.coupon_id)).filter((c): c is Coupon => c !== undefined && c.status === 'active');
  const newCoupons = readCoupons(ctx, tree, () => priced.plan.currency_code);
  const coupons = [...keptCoupons.filter((c) => !newCoupons.some((n) => n.id === c.id)), ...newCoupons];
  const quotedSubscription: QuotedSubscription = {
    id: existing.id,
    plan_id: priced.plan.id,
    plan_quantity: priced.quantity,
    plan_unit_price: priced.unitPrice,
    addons: priced.quotedAddons,
    coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })),
    change_option: str(tree, 'change_option') ?? 'immediately',
    object: 'quoted_subscription',
  };
  return { catalog: 1, operation: 'change_subscription', customer, subscriptionId: existing.id, currency: priced.plan.currency_code, lines: priced.lines, coupons, manual: [], quotedSubscription, ...common(tree) };
}

function readCharges(tree: FormTree, at: number): { lines: PriceLine[]; charges: QuotedCharge['charges'] } {
  const lines: PriceLine[] = [];
  const charges: QuotedCharge['charges'] = [];
  rows(tree, 'charges').forEach((row, i) => {
    const amount = required(int(row, 'amount', `charges[amount][${i}]`), `charges[amount][${i}]`);
    if (amount < 1) throw paramWrongValue(`charges[amount][${i}]`, 'cannot be less than 1');
    const description = str(row, 'description') ?? 'One-time charge';
    lines.push({ description, entity_type: 'adhoc', unit_amount: amount, quantity: 1, pricing_model: 'flat_fee', date_from: at, date_to: at });
    charges.push({ amount, description, object: 'charge' });
  });
  return { lines, charges };
}

/** 7/8: create_for_onetime_charges. */
export function draftPc1OneTime(ctx: DraftContext, tree: FormTree, customerId?: string): QuoteDraft {
  const customer = findCustomer(ctx, customerId ?? required(str(tree, 'customer_id'), 'customer_id'), 'customer_id');
  const selections = readAddons(tree);
  const addons = selections.map((sel) => {
    const addon = ctx.store.addons.get(sel.id);
    if (!addon) throw notFound(sel.param);
    return { sel, addon };
  });
  const currency = str(tree, 'currency_code') ?? addons[0]?.addon.currency_code ?? customer.preferred_currency_code;
  const lines: PriceLine[] = [];
  const quotedAddons: QuotedCharge['addons'] = [];
  for (const { sel, addon } of addons) {
    checkCurrency(addon.currency_code, currency, sel.param);
    const unit = sel.unit_price ?? addon.price;
    lines.push({ description: addon.invoice_name, entity_type: 'addon', entity_id: addon.id, unit_amount: unit, quantity: sel.quantity, pricing_model: addon.pricing_model, date_from: ctx.now, date_to: ctx.now });
    quotedAddons.push({ id: addon.id, quantity: sel.quantity, unit_price: unit, object: 'addon' });
  }
  const charges = readCharges(tree, ctx.now);
  lines.push(...charges.lines);
  if (lines.length === 0) throw invalidRequest('At least one addon or charge is required', 'addons[id][0]');
  const coupons = readCoupons(ctx, tree, () => currency);
  const quotedCharge: QuotedCharge = { charges: charges.charges, addons: quotedAddons, invoice_items: [], coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })), object: 'quoted_charge' };
  return { catalog: 1, operation: 'onetime_invoice', customer, currency, lines, coupons, manual: [], quotedCharge, ...common(tree) };
}

// ---- PC2 ----

interface ItemSelection {
  price: ItemPrice;
  quantity: number;
  unitPrice: number;
  param: string;
}

function readItemRows(ctx: DraftContext, tree: FormTree, key: 'subscription_items' | 'item_prices'): ItemSelection[] {
  return rows(tree, key).map((row, i) => {
    const param = `${key}[item_price_id][${i}]`;
    const id = required(str(row, 'item_price_id'), param);
    const price = ctx.store.itemPrices.get(id);
    if (!price) throw notFound(param);
    return {
      price,
      quantity: int(row, 'quantity', `${key}[quantity][${i}]`) ?? 1,
      unitPrice: int(row, 'unit_price', `${key}[unit_price][${i}]`) ?? price.price,
      param,
    };
  });
}

/** PC2 `discounts[...]` rows; `remove` rows only matter for discounts the sandbox never stores. */
function readManualDiscounts(tree: FormTree, ctxItems: readonly ItemSelection[]): ManualDiscount[] {
  const out: ManualDiscount[] = [];
  rows(tree, 'discounts').forEach((row, i) => {
    if (str(row, 'operation_type') === 'remove') return;
    const applyOn = str(row, 'apply_on') ?? 'invoice_amount';
    const percentage = num(row, 'percentage', `discounts[percentage][${i}]`);
    const amount = int(row, 'amount', `discounts[amount][${i}]`);
    if (percentage === undefined && amount === undefined) throw paramWrongValue(`discounts[percentage][${i}]`, 'either percentage or amount is required');
    const d: ManualDiscount = percentage !== undefined ? { percentage } : { amount: amount ?? 0 };
    if (applyOn === 'specific_item_price') {
      const itemPriceId = required(str(row, 'item_price_id'), `discounts[item_price_id][${i}]`);
      if (!ctxItems.some((s) => s.price.id === itemPriceId)) throw paramWrongValue(`discounts[item_price_id][${i}]`, 'is not part of this quote');
      d.item_price_id = itemPriceId;
    }
    out.push(d);
  });
  return out;
}

function pc2Lines(ctx: DraftContext, items: readonly ItemSelection[], currency: string, start: number, subscriptionId?: string): { lines: PriceLine[]; quoted: SubscriptionItem[] } {
  const lines: PriceLine[] = [];
  const quoted: SubscriptionItem[] = [];
  for (const sel of items) {
    checkCurrency(sel.price.currency_code, currency, sel.param);
    const recurring = sel.price.item_type !== 'charge' && sel.price.period !== undefined && sel.price.period_unit !== undefined;
    const end = recurring && sel.price.period !== undefined && sel.price.period_unit !== undefined ? termEnd(start, sel.price.period, sel.price.period_unit) : start;
    lines.push({
      description: sel.price.external_name,
      entity_type: `${sel.price.item_type}_item_price`,
      entity_id: sel.price.id,
      unit_amount: sel.unitPrice,
      quantity: sel.quantity,
      pricing_model: sel.price.pricing_model,
      date_from: recurring ? start : ctx.now,
      date_to: end,
      ...(subscriptionId !== undefined ? { subscription_id: subscriptionId } : {}),
    });
    quoted.push({ item_price_id: sel.price.id, item_type: sel.price.item_type, quantity: sel.quantity, unit_price: sel.unitPrice, amount: sel.unitPrice * sel.quantity, object: 'subscription_item' });
  }
  return { lines, quoted };
}

/** A PC2 subscription has exactly one plan item price; addons and charges hang off it. */
function planItemOf(items: readonly ItemSelection[], param: string): ItemSelection {
  const plans = items.filter((s) => s.price.item_type === 'plan');
  if (plans.length !== 1) throw paramWrongValue(param, plans.length === 0 ? 'exactly one plan item price is required' : 'only one plan item price is allowed');
  const plan = plans[0];
  if (!plan) throw paramWrongValue(param, 'exactly one plan item price is required');
  return plan;
}

/** 9/10: create_subscription_quote_for_items. */
export function draftPc2CreateSubscription(ctx: DraftContext, customerId: string, tree: FormTree, existingSubId?: string): QuoteDraft {
  const customer = findCustomer(ctx, customerId, 'customer_id');
  const sub = obj(tree, 'subscription');
  const items = readItemRows(ctx, tree, 'subscription_items');
  if (items.length === 0) throw paramWrongValue('subscription_items[item_price_id][0]', 'cannot be blank');
  const plan = planItemOf(items, 'subscription_items[item_price_id][0]');
  const currency = plan.price.currency_code;
  const trialEnd = int(sub, 'trial_end', 'subscription[trial_end]');
  const start = Math.max(int(sub, 'start_date', 'subscription[start_date]') ?? ctx.now, trialEnd !== undefined && trialEnd > 0 ? trialEnd : 0);
  const { lines, quoted } = pc2Lines(ctx, items, currency, start);
  const coupons = readCoupons(ctx, tree, () => currency);
  const quotedSubscription: QuotedSubscription = {
    id: str(sub, 'id') ?? existingSubId ?? ctx.store.newId(),
    subscription_items: quoted,
    coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })),
    start_date: start,
    object: 'quoted_subscription',
  };
  if (trialEnd !== undefined) quotedSubscription.trial_end = trialEnd;
  const cycles = int(tree, 'billing_cycles', 'billing_cycles');
  if (cycles !== undefined) quotedSubscription.billing_cycles = cycles;
  return { catalog: 2, operation: 'create_subscription_for_customer', customer, currency, lines, coupons, manual: readManualDiscounts(tree, items), quotedSubscription, ...common(tree) };
}

/** 11/12: update_subscription_quote_for_items. */
export function draftPc2UpdateSubscription(ctx: DraftContext, tree: FormTree, subscriptionId?: string): QuoteDraft {
  const sub = obj(tree, 'subscription');
  const subId = subscriptionId ?? required(str(sub, 'id'), 'subscription[id]');
  const existing = findSubscription(ctx, subId, 'subscription[id]');
  if (existing.subscription_items === undefined) throw paramWrongValue('subscription[id]', 'is a product catalog 1.0 subscription; use update_subscription_quote');
  const customer = findCustomer(ctx, existing.customer_id);
  const given = readItemRows(ctx, tree, 'subscription_items');
  const replace = bool(tree, 'replace_items_list', 'replace_items_list') ?? false;
  const kept: ItemSelection[] = replace
    ? []
    : existing.subscription_items
        .filter((si) => !given.some((g) => g.price.id === si.item_price_id))
        .map((si) => ctx.store.itemPrices.get(si.item_price_id))
        .filter((p): p is ItemPrice => p !== undefined)
        .map((price) => {
          const si = existing.subscription_items?.find((s) => s.item_price_id === price.id);
          return { price, quantity: si?.quantity ?? 1, unitPrice: si?.unit_price ?? price.price, param: 'subscription_items' };
        });
  const items = [...kept, ...given];
  planItemOf(items, 'subscription_items[item_price_id][0]');
  const { lines, quoted } = pc2Lines(ctx, items, existing.currency_code, ctx.now, existing.id);
  const replaceCoupons = bool(tree, 'replace_coupon_list', 'replace_coupon_list') ?? false;
  const keptCoupons = replaceCoupons ? [] : (existing.coupons ?? []).map((c) => ctx.store.coupons.get(c.coupon_id)).filter((c): c is Coupon => c !== undefined && c.status === 'active');
  const newCoupons = readCoupons(ctx, tree, () => existing.currency_code);
  const coupons = [...keptCoupons.filter((c) => !newCoupons.some((n) => n.id === c.id)), ...newCoupons];
  const quotedSubscription: QuotedSubscription = {
    id: existing.id,
    subscription_items: quoted,
    coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })),
    change_option: str(tree, 'change_option') ?? 'immediately',
    object: 'quoted_subscription',
  };
  return { catalog: 2, operation: 'change_subscription', customer, subscriptionId: existing.id, currency: existing.currency_code, lines, coupons, manual: readManualDiscounts(tree, items), quotedSubscription, ...common(tree) };
}

/** 13/14: create_for_charge_items_and_charges. */
export function draftPc2Charges(ctx: DraftContext, tree: FormTree, customerId?: string): QuoteDraft {
  const customer = findCustomer(ctx, customerId ?? required(str(tree, 'customer_id'), 'customer_id'), 'customer_id');
  const items = readItemRows(ctx, tree, 'item_prices');
  // This endpoint invoices one-time charges; recurring plan/addon prices belong to subscription quotes.
  items.forEach((sel) => {
    if (sel.price.item_type !== 'charge') throw paramWrongValue(sel.param, 'only charge item prices can be quoted here');
  });
  const currency = str(tree, 'currency_code') ?? items[0]?.price.currency_code ?? customer.preferred_currency_code;
  const { lines } = pc2Lines(ctx, items, currency, ctx.now);
  const charges = readCharges(tree, ctx.now);
  lines.push(...charges.lines);
  if (lines.length === 0) throw invalidRequest('At least one item price or charge is required', 'item_prices[item_price_id][0]');
  const coupons = readCoupons(ctx, tree, () => currency);
  const quotedCharge: QuotedCharge = {
    charges: charges.charges,
    addons: [],
    invoice_items: items.map((s) => ({ item_price_id: s.price.id, quantity: s.quantity, unit_price: s.unitPrice, object: 'invoice_item' })),
    coupons: coupons.map((c) => ({ coupon_id: c.id, object: 'coupon' })),
    object: 'quoted_charge',
  };
  return { catalog: 2, operation: 'onetime_invoice', customer, currency, lines, coupons, manual: readManualDiscounts(tree, items), quotedCharge, ...common(tree) };
}
