/**
 * Creates and revises quotes from drafts, and renders them. A quote's stored status is what the
 * API last set; the status it reads as is derived on every read: an open or accepted quote whose
 * `valid_till` has passed on the sandbox clock reads as `closed` (lazy expiry).
 */
import type { Quote, QuoteStatus, StoredQuote } from './models';
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

function priced(ctx: DraftContext, draft: QuoteDraft) {
  return priceDocument(draft.lines, draft.coupons, draft.manual, draft.customer.id, () => ctx.store.newId('li_'));
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
  const stored: StoredQuote = { quote, catalog: draft.catalog };
  if (draft.quotedSubscription) stored.quotedSubscription = draft.quotedSubscription;
  if (draft.quotedCharge) stored.quotedCharge = draft.quotedCharge;
  ctx.store.quotes.set(quote.id, stored);
  return stored;
}

/** An edit re-prices the quote in place and bumps its version. */
export function reviseQuote(ctx: DraftContext, stored: StoredQuote, draft: QuoteDraft, nowMs: number): StoredQuote {
  const q = stored.quote;
  Object.assign(q, priced(ctx, draft), {
    currency_code: draft.currency,
    version: q.version + 1,
    updated_at: ctx.now,
    resource_version: nowMs,
  });
  if (draft.expiresAt !== undefined) q.valid_till = draft.expiresAt;
  applyOptional(q, draft);
  if (draft.quotedSubscription) stored.quotedSubscription = draft.quotedSubscription;
  if (draft.quotedCharge) stored.quotedCharge = draft.quotedCharge;
  return stored;
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
