/**
 * The three kinds of quote a person asks for, and which endpoint serves each in each product
 * catalog, for creating and for editing. The catalog version is the site's setting; an edit follows
 * the quote's own catalog (told by its quoted objects) when that disagrees, since the API only edits
 * a quote through the endpoint family that made it.
 */
import type { EndpointId } from '../../chargebee/catalog';
import type { ProductCatalog } from '../../chargebee/catalog/types';
import { isRecord } from '../../util/guards';
import type { QuoteEnvelope } from '../detail/quote-model';

export const QUOTE_KINDS = ['subscription', 'change', 'onetime'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];
export type FormMode = 'create' | 'edit';

export const KIND_LABELS: Readonly<Record<QuoteKind, string>> = {
  subscription: 'Subscription for a Customer',
  change: 'Change a Subscription',
  onetime: 'One-time Charges',
};

export const KIND_DETAILS: Readonly<Record<QuoteKind, string>> = {
  subscription: 'A new subscription for an existing customer',
  change: "Changes to an existing subscription's plan, items, addons or coupons",
  onetime: 'One-time charges, addons or charge items, invoiced once',
};

const ENDPOINTS: Readonly<Record<QuoteKind, Readonly<Record<ProductCatalog, Readonly<Record<FormMode, EndpointId>>>>>> = {
  subscription: {
    1: { create: 'quotes.create_subscription_quote', edit: 'quotes.edit_create_subscription_quote' },
    2: { create: 'quotes.create_subscription_quote_for_items', edit: 'quotes.edit_create_subscription_quote_for_items' },
  },
  change: {
    1: { create: 'quotes.update_subscription_quote', edit: 'quotes.edit_update_subscription_quote' },
    2: { create: 'quotes.update_subscription_quote_for_items', edit: 'quotes.edit_update_subscription_quote_for_items' },
  },
  onetime: {
    1: { create: 'quotes.create_for_onetime_charges', edit: 'quotes.edit_one_time_quote' },
    2: { create: 'quotes.create_for_charge_items_and_charges', edit: 'quotes.edit_for_charge_items_and_charges' },
  },
};

export function endpointIdFor(kind: QuoteKind, catalog: ProductCatalog, mode: FormMode): EndpointId {
  return ENDPOINTS[kind][catalog][mode];
}

/** The quote's `operation_type` as a kind; undefined for kinds these forms do not edit. */
export function kindOfOperation(operationType: string | undefined): QuoteKind | undefined {
  switch (operationType) {
    case 'create_subscription_for_customer':
      return 'subscription';
    case 'change_subscription':
      return 'change';
    case 'onetime_invoice':
      return 'onetime';
    default:
      return undefined;
  }
}

function nonEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/**
 * Which catalog made the quote: item-based quoted objects mean 2.0, plan or addon ones 1.0. A quote of
 * only ad-hoc charges says neither, and then the site's setting decides (undefined when it has none).
 */
export function catalogOfQuote<C extends ProductCatalog | undefined>(envelope: QuoteEnvelope, siteCatalog: C): ProductCatalog | C {
  const sub = envelope.quoted_subscription;
  if (isRecord(sub)) {
    if (nonEmptyList(sub['subscription_items'])) return 2;
    if (typeof sub['plan_id'] === 'string' && sub['plan_id'] !== '') return 1;
  }
  const charge = envelope.quoted_charge;
  if (isRecord(charge)) {
    if (nonEmptyList(charge['invoice_items'])) return 2;
    if (nonEmptyList(charge['addons'])) return 1;
  }
  const lines = envelope.quote.line_items ?? [];
  if (lines.some((l) => l.entity_type?.endsWith('_item_price') === true)) return 2;
  if (lines.some((l) => l.entity_type === 'plan' || l.entity_type === 'addon' || l.entity_type === 'plan_setup')) return 1;
  return siteCatalog;
}

/** The edit endpoint for a quote, or a reason it has none. */
export function editEndpointFor(envelope: QuoteEnvelope, siteCatalog: ProductCatalog): { ok: true; kind: QuoteKind; catalog: ProductCatalog; endpointId: EndpointId } | { ok: false; message: string } {
  // The quote's own catalog wins over the site's: the API edits a quote only through its own family.
  const kind = kindOfOperation(envelope.quote.operation_type);
  if (kind === undefined) {
    return { ok: false, message: `Quote ${envelope.quote.id} is a ${envelope.quote.operation_type ?? 'quote of an unknown kind'}; only subscription, subscription-change and one-time quotes can be edited here.` };
  }
  const catalog = catalogOfQuote(envelope, siteCatalog);
  return { ok: true, kind, catalog, endpointId: endpointIdFor(kind, catalog, 'edit') };
}
