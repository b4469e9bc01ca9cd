/**
 * Quotes, the 20 of docs/chargebee-api-notes.md#quote-endpoints: list, retrieve, the twelve PC1/PC2 create and edit calls,
 * quote_line_groups, convert, update_status, extend_expiry_date, delete and pdf.
 */
import { randomBytes } from 'node:crypto';
import { invalidRequest, notFound, paramWrongValue } from '../errors';
import { matchesFilters, recordReader } from '../filters';
import type { FormTree } from '../form-parser';
import type { QuoteLineGroup, QuoteOperation, StoredQuote } from '../models';
import { LIST_PARAMS, paginate, readPageRequest } from '../paging';
import { convertQuote, extendExpiry, requireStatus, softDelete, updateStatus } from '../quote-actions';
import { createQuote, renderQuote, reviseQuote } from '../quote-builder';
import {
  draftPc1CreateSubscription, draftPc1OneTime, draftPc1UpdateSubscription, draftPc2Charges, draftPc2CreateSubscription, draftPc2UpdateSubscription,
  type DraftContext, type QuoteDraft,
} from '../quote-drafts';
import type { RequestContext, Route } from '../router';
import { int, obj, required, str } from '../tree-read';

/** Quote PDF URLs live 60 minutes (the spec's W1 source; the seed sample shows ~60 s). */
export const QUOTE_PDF_URL_SECONDS = 60 * 60;

function draftContext(ctx: RequestContext): DraftContext {
  return { store: ctx.state.store, now: ctx.now };
}

/** A live (not deleted) quote from the path, or 404. */
function quoteOf(ctx: RequestContext): StoredQuote {
  const id = ctx.pathParams.quote_id ?? '';
  const stored = ctx.state.store.quotes.get(id);
  if (!stored || stored.quote.deleted) throw notFound();
  return stored;
}

/** Filters apply to the quote as read now, so `status[is]=closed` finds quotes that expired lazily. */
function listQuotes(ctx: RequestContext) {
  const page = readPageRequest(ctx.query);
  const includeDeleted = ctx.query.include_deleted === 'true';
  const sortBy = obj(ctx.query, 'sort_by');
  const desc = str(sortBy, 'desc') === 'date';
  const filters: FormTree = {};
  for (const [k, v] of Object.entries(ctx.query)) if (!LIST_PARAMS.has(k)) filters[k] = v;
  const rendered = [...ctx.state.store.quotes.values()]
    .filter((q) => includeDeleted || !q.quote.deleted)
    .map((q) => renderQuote(q, ctx.now))
    .filter((e) => matchesFilters(recordReader(e.quote), filters));
  const result = paginate(rendered, page, (e) => ({ sort: e.quote.date, id: e.quote.id }), desc);
  return { body: { list: result.items, ...(result.nextOffset !== undefined ? { next_offset: result.nextOffset } : {}) } };
}

type Kind = { catalog: 1 | 2; operation: QuoteOperation };

/** Edits must target a quote of their own kind. */
function checkKind(stored: StoredQuote, kind: Kind, action: string): void {
  if (stored.catalog !== kind.catalog || stored.quote.operation_type !== kind.operation) {
    throw invalidRequest(`Quote ${stored.quote.id} is a product catalog ${stored.catalog}.0 ${stored.quote.operation_type} quote; ${action} does not apply to it`);
  }
}

/**
 * The endpoints whose SDK input types take custom fields (`[key: \`cf_${string}\`]`): the PC2
 * subscription quotes. Elsewhere a `cf_*` key is 400 (test/contract checks this list against the SDK).
 */
export const CUSTOM_FIELD_ACTIONS: ReadonlySet<string> = new Set([
  'create_subscription_quote_for_items', 'edit_create_subscription_quote_for_items',
  'update_subscription_quote_for_items', 'edit_update_subscription_quote_for_items',
]);

/** What every create and edit body adds to its draft: terms charged in advance and custom fields. */
function withCommon(ctx: RequestContext, draft: QuoteDraft): QuoteDraft {
  const action = ctx.path.split('/').at(-1) ?? '';
  const customFields: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.body)) {
    if (!key.startsWith('cf_')) continue;
    if (!CUSTOM_FIELD_ACTIONS.has(action)) throw paramWrongValue(key, `custom fields are not accepted by ${action}`);
    if (typeof value !== 'string') throw paramWrongValue(key, 'must be a single value');
    customFields[key] = value;
  }
  const terms = int(ctx.body, 'terms_to_charge', 'terms_to_charge');
  return { ...draft, ...(terms !== undefined ? { terms } : {}), customFields };
}

/** A create endpoint: parse the body into a draft, price it, store it as an open quote. */
function createRoute(pattern: string, draft: (ctx: RequestContext, dc: DraftContext) => QuoteDraft): Route {
  return {
    method: 'POST',
    pattern,
    handler: (ctx) => ({ body: renderQuote(createQuote(draftContext(ctx), withCommon(ctx, draft(ctx, draftContext(ctx))), ctx.nowMs), ctx.now) }),
  };
}

/** An edit endpoint: same body as its create, applied to an open quote of the same kind. */
function editRoute(action: string, kind: Kind, draft: (ctx: RequestContext, dc: DraftContext, stored: StoredQuote) => QuoteDraft): Route {
  return {
    method: 'POST',
    pattern: `/quotes/{quote_id}/${action}`,
    handler: (ctx) => {
      const stored = quoteOf(ctx);
      checkKind(stored, kind, action);
      requireStatus(stored, ctx.now, ['open'], action);
      const dc = draftContext(ctx);
      return { body: renderQuote(reviseQuote(dc, stored, withCommon(ctx, draft(ctx, dc, stored)), ctx.nowMs), ctx.now) };
    },
  };
}

function quoteLineGroups(ctx: RequestContext) {
  const stored = quoteOf(ctx);
  const page = readPageRequest(ctx.query);
  const q = stored.quote;
  // A single-term quote is one charge event: creation for new subscriptions.
  const groups: QuoteLineGroup[] = stored.lineGroups ?? [{
    version: q.version,
    id: `qlg_${q.id}_1`,
    sub_total: q.sub_total,
    total: q.total,
    credits_applied: q.credits_applied,
    amount_paid: q.amount_paid,
    amount_due: q.amount_due,
    charge_event: q.operation_type === 'create_subscription_for_customer' ? 'subscription_creation' : q.operation_type === 'change_subscription' ? 'subscription_change' : 'immediate',
    billing_cycle_number: 1,
    line_items: q.line_items,
    line_item_discounts: q.line_item_discounts,
    line_item_taxes: q.line_item_taxes,
    discounts: q.discounts,
    taxes: q.taxes,
    object: 'quote_line_group',
  }];
  // Groups keep their billing order; the cursor's sort value is the cycle number.
  const result = paginate(groups, page, (g) => ({ sort: g.billing_cycle_number, id: g.id }));
  return { body: { list: result.items.map((g) => ({ quote_line_group: g })), ...(result.nextOffset !== undefined ? { next_offset: result.nextOffset } : {}) } };
}

/** The URL points back at this sandbox, on its own origin (never the request's Host header). */
function pdf(ctx: RequestContext) {
  const stored = quoteOf(ctx);
  const disposition = str(ctx.body, 'disposition_type') === 'inline' ? 'inline' : 'attachment';
  const token = randomBytes(16).toString('hex');
  const validTill = ctx.now + QUOTE_PDF_URL_SECONDS;
  ctx.state.store.downloads.set(token, { kind: 'quote_pdf', quoteId: stored.quote.id, validTill, disposition });
  const url = `${ctx.origin}/downloads/${encodeURIComponent(ctx.state.options.site)}/quotes/${encodeURIComponent(stored.quote.id)}.pdf?token=${token}&expires=${validTill}`;
  return { body: { download: { download_url: url, valid_till: validTill, mime_type: 'application/pdf', object: 'download' } } };
}

const PC1_SUB: Kind = { catalog: 1, operation: 'create_subscription_for_customer' };
const PC1_CHANGE: Kind = { catalog: 1, operation: 'change_subscription' };
const PC1_ONETIME: Kind = { catalog: 1, operation: 'onetime_invoice' };
const PC2_SUB: Kind = { catalog: 2, operation: 'create_subscription_for_customer' };
const PC2_CHANGE: Kind = { catalog: 2, operation: 'change_subscription' };
const PC2_ONETIME: Kind = { catalog: 2, operation: 'onetime_invoice' };

export const quoteRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/quotes', handler: listQuotes },
  { method: 'GET', pattern: '/quotes/{quote_id}', handler: (ctx) => ({ body: renderQuote(quoteOf(ctx), ctx.now) }) },

  createRoute('/customers/{customer_id}/create_subscription_quote', (ctx, dc) => draftPc1CreateSubscription(dc, ctx.pathParams.customer_id ?? '', ctx.body)),
  editRoute('edit_create_subscription_quote', PC1_SUB, (ctx, dc, s) => draftPc1CreateSubscription(dc, s.quote.customer_id, ctx.body, s.quotedSubscription?.id)),
  createRoute('/quotes/update_subscription_quote', (ctx, dc) => draftPc1UpdateSubscription(dc, ctx.body)),
  editRoute('edit_update_subscription_quote', PC1_CHANGE, (ctx, dc, s) => draftPc1UpdateSubscription(dc, ctx.body, s.quote.subscription_id)),
  createRoute('/quotes/create_for_onetime_charges', (ctx, dc) => draftPc1OneTime(dc, ctx.body)),
  editRoute('edit_one_time_quote', PC1_ONETIME, (ctx, dc, s) => draftPc1OneTime(dc, ctx.body, s.quote.customer_id)),

  createRoute('/customers/{customer_id}/create_subscription_quote_for_items', (ctx, dc) => draftPc2CreateSubscription(dc, ctx.pathParams.customer_id ?? '', ctx.body)),
  editRoute('edit_create_subscription_quote_for_items', PC2_SUB, (ctx, dc, s) => draftPc2CreateSubscription(dc, s.quote.customer_id, ctx.body, s.quotedSubscription?.id)),
  createRoute('/quotes/update_subscription_quote_for_items', (ctx, dc) => draftPc2UpdateSubscription(dc, ctx.body)),
  editRoute('edit_update_subscription_quote_for_items', PC2_CHANGE, (ctx, dc, s) => draftPc2UpdateSubscription(dc, ctx.body, s.quote.subscription_id)),
  createRoute('/quotes/create_for_charge_items_and_charges', (ctx, dc) => draftPc2Charges(dc, ctx.body)),
  editRoute('edit_for_charge_items_and_charges', PC2_ONETIME, (ctx, dc, s) => draftPc2Charges(dc, ctx.body, s.quote.customer_id)),

  { method: 'GET', pattern: '/quotes/{quote_id}/quote_line_groups', handler: quoteLineGroups },
  { method: 'POST', pattern: '/quotes/{quote_id}/convert', handler: (ctx) => ({ body: convertQuote(draftContext(ctx), quoteOf(ctx), ctx.body, ctx.nowMs) }) },
  {
    method: 'POST',
    pattern: '/quotes/{quote_id}/update_status',
    handler: (ctx) => {
      const stored = quoteOf(ctx);
      updateStatus(draftContext(ctx), stored, required(str(ctx.body, 'status'), 'status'), ctx.nowMs);
      return { body: renderQuote(stored, ctx.now) };
    },
  },
  {
    method: 'POST',
    pattern: '/quotes/{quote_id}/extend_expiry_date',
    handler: (ctx) => {
      const stored = quoteOf(ctx);
      extendExpiry(draftContext(ctx), stored, required(int(ctx.body, 'valid_till', 'valid_till'), 'valid_till'), ctx.nowMs);
      return { body: renderQuote(stored, ctx.now) };
    },
  },
  {
    method: 'POST',
    pattern: '/quotes/{quote_id}/delete',
    handler: (ctx) => {
      const stored = quoteOf(ctx);
      softDelete(draftContext(ctx), stored, ctx.nowMs);
      return { body: renderQuote(stored, ctx.now) };
    },
  },
  { method: 'POST', pattern: '/quotes/{quote_id}/pdf', handler: pdf },
];
