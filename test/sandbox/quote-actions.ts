/**
 * The quote state machine. Chargebee documents only part of it (docs/chargebee-api-notes.md#quote-states); the rest are the
 * sandbox's decisions, marked ASSUMED:
 * - update_status: only from open or accepted (ASSUMED), to accepted, declined or closed, or back
 *   to open; proposed and voided are CPQ-only and refused with 400 on this non-CPQ site (ASSUMED).
 * - convert: from open or accepted (ASSUMED), ends in `invoiced` (documented).
 * - edits: open only; extend_expiry_date: open, accepted, or closed by expiry (ASSUMED); a manually
 *   closed, declined or invoiced quote answers 409 invalid_state_for_request.
 * - delete: a soft delete (ASSUMED): the quote keeps its data with `deleted: true`, is hidden from
 *   retrieve and list, and shows up again with include_deleted=true.
 */
import { ApiError, invalidState, paramWrongValue } from './errors';
import type { FormTree } from './form-parser';
import type { Customer, Invoice, QuoteStatus, StoredQuote, Subscription } from './models';
import { effectiveStatus, renderQuote, type QuoteEnvelope } from './quote-builder';
import type { DraftContext } from './quote-drafts';
import { bool, int, obj, str } from './tree-read';

export function requireStatus(stored: StoredQuote, now: number, allowed: readonly QuoteStatus[], action: string): void {
  const status = effectiveStatus(stored.quote, now);
  if (!allowed.includes(status)) throw invalidState(`The quote ${stored.quote.id} is ${status}; ${action} is allowed only for ${allowed.join(' or ')} quotes`);
}

function touch(stored: StoredQuote, now: number, nowMs: number): void {
  stored.quote.updated_at = now;
  stored.quote.resource_version = nowMs;
}

const UPDATABLE_TO: readonly string[] = ['open', 'accepted', 'declined', 'closed'];

export function updateStatus(ctx: DraftContext, stored: StoredQuote, status: string, nowMs: number): void {
  if (status === 'proposed' || status === 'voided') throw paramWrongValue('status', `${status} is available only on sites with CPQ enabled`);
  if (!UPDATABLE_TO.includes(status)) throw paramWrongValue('status', `invalid value ${status}`);
  requireStatus(stored, ctx.now, ['open', 'accepted'], 'update_status');
  stored.quote.status = status as QuoteStatus;
  touch(stored, ctx.now, nowMs);
}

export function extendExpiry(ctx: DraftContext, stored: StoredQuote, validTill: number, nowMs: number): void {
  // A quote closed only because valid_till passed still has status open/accepted underneath.
  if (!['open', 'accepted'].includes(stored.quote.status)) requireStatus(stored, ctx.now, ['open', 'accepted'], 'extend_expiry_date');
  if (validTill <= ctx.now) throw paramWrongValue('valid_till', 'must be in the future');
  stored.quote.valid_till = validTill;
  touch(stored, ctx.now, nowMs);
}

export function softDelete(ctx: DraftContext, stored: StoredQuote, nowMs: number): void {
  stored.quote.deleted = true;
  touch(stored, ctx.now, nowMs);
}

export interface ConvertResult extends QuoteEnvelope {
  customer: Customer;
  subscription?: Subscription;
  invoice: Invoice;
}

function newSubscription(ctx: DraftContext, stored: StoredQuote, id: string, body: FormTree): Subscription {
  const qs = stored.quotedSubscription;
  const quote = stored.quote;
  const start = qs?.start_date ?? ctx.now;
  const planLine = quote.line_items.find((li) => li.entity_type === 'plan' || li.entity_type === 'plan_item_price');
  const period = planLine && planLine.date_to > planLine.date_from ? planLine.date_to - planLine.date_from : 30 * 86400;
  const status = qs?.trial_end !== undefined && qs.trial_end > ctx.now ? 'in_trial' : start > ctx.now ? 'future' : 'active';
  const sub: Subscription = {
    id,
    customer_id: quote.customer_id,
    currency_code: quote.currency_code,
    status,
    billing_period: 1,
    billing_period_unit: period >= 365 * 86400 ? 'year' : 'month',
    current_term_start: start,
    current_term_end: start + period,
    next_billing_at: start + period,
    started_at: start,
    has_scheduled_changes: false,
    auto_close_invoices: true,
    channel: 'web',
    mrr: 0,
    due_invoices_count: 0,
    created_at: ctx.now,
    updated_at: ctx.now,
    resource_version: ctx.now * 1000,
    deleted: false,
    object: 'subscription',
  };
  if (status === 'active') sub.activated_at = start;
  applyQuoted(sub, stored);
  const po = str(obj(body, 'subscription'), 'po_number');
  if (po !== undefined) sub.po_number = po;
  const autoCollection = str(obj(body, 'subscription'), 'auto_collection');
  if (autoCollection === 'on' || autoCollection === 'off') sub.auto_collection = autoCollection;
  return sub;
}

function applyQuoted(sub: Subscription, stored: StoredQuote): void {
  const qs = stored.quotedSubscription;
  if (!qs) return;
  if (qs.plan_id !== undefined) {
    sub.plan_id = qs.plan_id;
    sub.plan_quantity = qs.plan_quantity ?? 1;
    sub.plan_unit_price = qs.plan_unit_price ?? 0;
    sub.plan_amount = sub.plan_quantity * sub.plan_unit_price;
    sub.addons = qs.addons ?? [];
  }
  if (qs.subscription_items !== undefined) sub.subscription_items = qs.subscription_items;
  sub.coupons = qs.coupons.map((c) => ({ coupon_id: c.coupon_id, applied_count: 1, object: 'coupon' }));
  sub.mrr = stored.quote.line_items.filter((li) => li.date_to > li.date_from).reduce((sum, li) => sum + li.amount - li.discount_amount, 0);
}

export function convertQuote(ctx: DraftContext, stored: StoredQuote, body: FormTree, nowMs: number): ConvertResult {
  requireStatus(stored, ctx.now, ['open', 'accepted'], 'convert');
  const invoiceDate = int(body, 'invoice_date', 'invoice_date');
  if (invoiceDate !== undefined) {
    if (bool(body, 'invoice_immediately', 'invoice_immediately') === false) throw paramWrongValue('invoice_date', 'can be given only with invoice_immediately=true');
    if (invoiceDate > ctx.now) throw paramWrongValue('invoice_date', 'cannot be in the future');
    if (invoiceDate < ctx.now - 31 * 86400) throw paramWrongValue('invoice_date', 'cannot be more than one month in the past');
  }
  const quote = stored.quote;
  const customer = ctx.store.customers.get(quote.customer_id);
  if (!customer) throw invalidState(`The customer ${quote.customer_id} of quote ${quote.id} no longer exists`);
  let subscription: Subscription | undefined;
  if (quote.operation_type === 'create_subscription_for_customer') {
    const id = str(obj(body, 'subscription'), 'id') ?? stored.quotedSubscription?.id ?? ctx.store.newId();
    if (ctx.store.subscriptions.has(id)) throw new ApiError(400, 'duplicate_entry', `The value ${id} is already present`, 'invalid_request', 'subscription[id]');
    subscription = newSubscription(ctx, stored, id, body);
    ctx.store.subscriptions.set(id, subscription);
    quote.subscription_id = id;
  } else if (quote.operation_type === 'change_subscription' && quote.subscription_id !== undefined) {
    subscription = ctx.store.subscriptions.get(quote.subscription_id);
    if (!subscription) throw invalidState(`The subscription ${quote.subscription_id} of quote ${quote.id} no longer exists`);
    applyQuoted(subscription, stored);
    subscription.updated_at = ctx.now;
    subscription.resource_version = nowMs;
  }
  const date = invoiceDate ?? ctx.now;
  const invoice: Invoice = {
    id: ctx.store.nextInvoiceId(),
    customer_id: quote.customer_id,
    recurring: subscription !== undefined,
    status: quote.amount_due === 0 ? 'paid' : 'payment_due',
    price_type: 'tax_exclusive',
    date,
    due_date: date,
    currency_code: quote.currency_code,
    sub_total: quote.sub_total,
    total: quote.total,
    credits_applied: 0,
    amount_paid: 0,
    amount_due: quote.amount_due,
    tax: 0,
    amount_adjusted: 0,
    write_off_amount: 0,
    channel: 'web',
    first_invoice: quote.operation_type === 'create_subscription_for_customer',
    // A multi-term quote invoices every term it charges, so its totals and lines agree.
    line_items: (stored.lineGroups?.flatMap((g) => g.line_items) ?? quote.line_items).map((li) => ({ ...li, ...(subscription ? { subscription_id: subscription.id } : {}) })),
    discounts: (stored.lineGroups?.flatMap((g) => g.discounts) ?? quote.discounts).map((d) => ({ ...d })),
    line_item_discounts: (stored.lineGroups?.flatMap((g) => g.line_item_discounts) ?? quote.line_item_discounts).map((d) => ({ ...d })),
    taxes: [],
    line_item_taxes: [],
    updated_at: ctx.now,
    resource_version: nowMs,
    deleted: false,
    object: 'invoice',
  };
  if (invoice.status === 'paid') invoice.paid_at = date;
  if (subscription) invoice.subscription_id = subscription.id;
  ctx.store.invoices.set(invoice.id, invoice);
  quote.status = 'invoiced';
  quote.invoice_id = invoice.id;
  touch(stored, ctx.now, nowMs);
  const result: ConvertResult = { ...renderQuote(stored, ctx.now), customer, invoice };
  if (subscription) result.subscription = subscription;
  return result;
}

