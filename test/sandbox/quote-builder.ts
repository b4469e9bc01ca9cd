/**
 * Creates and revises quotes from drafts, and renders them. A quote's stored status is what the
 * API last set; the status it reads as is derived on every read: an open or accepted quote whose
 * `valid_till` has passed on the sandbox clock reads as `closed` (lazy expiry).
 */
import type { ChargeEvent, PricedDocument, Quote, QuoteLineGroup, QuoteOperation, QuoteStatus, StoredQuote } from './models';
import { priceDocument } from './pricing';
import type { DraftContext, QuoteDraft } from './quote-drafts';

/**
 * Validity when `expires_at` is omitted. It is a site setting in Chargebee (samples show +1 day and
 * about +100 days); the sandbox uses 30 days.
 */
export const DEFAULT_VALIDITY_SECONDS = 30 * 86400;

export function effectiveStatus(quote: Quote, now: number): QuoteStatus {
  return (quote.status === 'open' || quote.status === 'accepted') && now > quote.valid_till ? 'closed' : quote.status;
}

function priced(ctx: DraftContext, draft: QuoteDraft): PricedDocument {
  return priceDocument(draft.lines, draft.coupons, draft.manual, draft.customer.id, () => ctx.store.newId('li_'));
}

const FIRST_EVENT: Record<QuoteOperation, ChargeEvent> = {
  create_subscription_for_customer: 'subscription_creation',
  change_subscription: 'subscription_change',
  onetime_invoice: 'immediate',
};

/**
 * The line groups of a quote that charges several terms (terms_to_charge > 1): the first term with
 * every line, then one renewal group per further term with the recurring lines moved one term on.
 * One-time coupons apply to the first group only. Returns undefined for a single-term quote.
 */
function lineGroups(ctx: DraftContext, draft: QuoteDraft, first: PricedDocument, quoteId: string, version: number): QuoteLineGroup[] | undefined {
  const terms = draft.terms ?? 1;
  const recurring = draft.lines.filter((l) => l.date_to > l.date_from);
  if (terms <= 1 || recurring.length === 0) return undefined;
  const group = (doc: PricedDocument, n: number): QuoteLineGroup => ({
    ...doc, id: `qlg_${quoteId}_${n}`, version, charge_event: n === 1 ? FIRST_EVENT[draft.operation] : 'subscription_renewal', billing_cycle_number: n, object: 'quote_line_group',
  });
  const groups = [group(first, 1)];
  const renewalCoupons = draft.coupons.filter((c) => c.duration_type !== 'one_time');
  for (let n = 2; n <= terms; n++) {
    const lines = recurring.map((l) => {
      const shift = (n - 1) * (l.date_to - l.date_from);
      return { ...l, date_from: l.date_from + shift, date_to: l.date_to + shift };
    });
    groups.push(group(priceDocument(lines, renewalCoupons, draft.manual, draft.customer.id, () => ctx.store.newId('li_')), n));
  }
  return groups;
}

/** The quote's totals are those of all its groups; its inlined lines stay the first group's. */
function applyGroups(quote: Quote, stored: StoredQuote, groups: QuoteLineGroup[] | undefined): void {
  if (!groups) {
    delete stored.lineGroups;
    return;
  }
  stored.lineGroups = groups;
  for (const key of ['sub_total', 'total', 'credits_applied', 'amount_paid', 'amount_due'] as const) quote[key] = groups.reduce((sum, g) => sum + g[key], 0);
}

function applyCustomFields(quote: Quote, fields: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const key = name as `cf_${string}`;
    if (value === '') delete quote[key];
    else quote[key] = value;
  }
}

function applyOptional(quote: Quote, draft: QuoteDraft): void {
  if (draft.poNumber !== undefined) quote.po_number = draft.poNumber;
  if (draft.notes !== undefined) quote.notes = [{ note: draft.notes, object: 'note' }];
  if (draft.billingAddress) quote.billing_address = draft.billingAddress;
  else if (draft.customer.billing_address && quote.billing_address === undefined) quote.billing_address = { ...draft.customer.billing_address };
  if (draft.shippingAddress) quote.shipping_address = draft.shippingAddress;
  if (draft.subscriptionId !== undefined) quote.subscription_id = draft.subscriptionId;
}

export function createQuote(ctx: DraftContext, draft: QuoteDraft, nowMs: number): StoredQuote {
  const quote: Quote = {
    id: ctx.store.nextQuoteId(),
    customer_id: draft.customer.id,
    status: 'open',
    operation_type: draft.operation,
    price_type: 'tax_exclusive',
    valid_till: draft.expiresAt ?? ctx.now + DEFAULT_VALIDITY_SECONDS,
    date: ctx.now,
    version: 1,
    currency_code: draft.currency,
    ...priced(ctx, draft),
    updated_at: ctx.now,
    resource_version: nowMs,
    deleted: false,
    object: 'quote',
  };
  if (draft.name !== undefined) quote.name = draft.name;
  applyOptional(quote, draft);
  applyCustomFields(quote, draft.customFields);
  const stored: StoredQuote = { quote, catalog: draft.catalog };
  if (draft.quotedSubscription) stored.quotedSubscription = draft.quotedSubscription;
  if (draft.quotedCharge) stored.quotedCharge = draft.quotedCharge;
  applyGroups(quote, stored, lineGroups(ctx, draft, priced1(quote), quote.id, quote.version));
  ctx.store.quotes.set(quote.id, stored);
  return stored;
}

/** An edit re-prices the quote in place and bumps its version. */
export function reviseQuote(ctx: DraftContext, stored: StoredQuote, draft: QuoteDraft, nowMs: number): StoredQuote {
  const q = stored.quote;
  const first = priced(ctx, draft);
  Object.assign(q, first, {
    currency_code: draft.currency,
    version: q.version + 1,
    updated_at: ctx.now,
    resource_version: nowMs,
  });
  if (draft.expiresAt !== undefined) q.valid_till = draft.expiresAt;
  applyOptional(q, draft);
  applyCustomFields(q, draft.customFields);
  if (draft.quotedSubscription) stored.quotedSubscription = draft.quotedSubscription;
  if (draft.quotedCharge) stored.quotedCharge = draft.quotedCharge;
  applyGroups(q, stored, lineGroups(ctx, draft, first, q.id, q.version));
  return stored;
}

/** The priced part of a freshly built quote, before groups change its totals. */
function priced1(quote: Quote): PricedDocument {
  const { sub_total, total, credits_applied, amount_paid, amount_due, line_items, discounts, line_item_discounts, taxes, line_item_taxes } = quote;
  return { sub_total, total, credits_applied, amount_paid, amount_due, line_items, discounts, line_item_discounts, taxes, line_item_taxes };
}

export interface QuoteEnvelope {
  quote: Quote;
  quoted_subscription?: StoredQuote['quotedSubscription'];
  quoted_charge?: StoredQuote['quotedCharge'];
}

/** `{quote, quoted_subscription?, quoted_charge?}` as the API returns it, with the status as read now. */
export function renderQuote(stored: StoredQuote, now: number): QuoteEnvelope {
  const quote: Quote = { ...stored.quote, status: effectiveStatus(stored.quote, now) };
  const out: QuoteEnvelope = { quote };
  if (stored.quotedSubscription) out.quoted_subscription = stored.quotedSubscription;
  if (stored.quotedCharge) out.quoted_charge = stored.quotedCharge;
  return out;
}
