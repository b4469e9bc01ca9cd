/**
 * Quote -> the body of its edit endpoint, as a param tree for fromParamTree. The quote and its
 * quoted_subscription / quoted_charge hold the result of the create call, not the call itself, so
 * this maps back as far as the objects go and lists what it could not (see NOT_PREFILLED).
 *
 * Choices made here:
 * - Unit prices are pre-filled only when they differ from the catalog price (when that is known):
 *   sending a price back would turn a default price into an override, which sites may refuse.
 * - Start dates in the past and trial ends already over are left out: the quote started "now".
 * - Change quotes hold the whole resulting addon / item / coupon lists, so the edit sends them with
 *   `replace_*_list=true`: what the form shows is what the quote will have.
 */
import type { ParamTree, ParamValue } from '../../chargebee/catalog/types';
import { isRecord } from '../../util/guards';
import type { QuoteAddress, QuoteEnvelope } from '../detail/quote-model';
import type { QuoteKind } from './kinds';

type Rec = Readonly<Record<string, unknown>>;

export interface PrefillOptions {
  readonly kind: QuoteKind;
  /** Epoch seconds, for the start-date and trial-end rules. */
  readonly now: number;
  /** Catalog prices (minor units) by plan, addon or item price id, to tell overrides from defaults. */
  readonly catalogPrices?: ReadonlyMap<string, number>;
}

export interface Prefill {
  readonly tree: ParamTree;
  /** Path params of the edit endpoint. */
  readonly pathParams: Readonly<Record<string, string>>;
}

/** What the quote does not say back in a form the edit body takes; shown on the edit form. */
export const NOT_PREFILLED: Readonly<Record<QuoteKind, readonly string[]>> = {
  subscription: ['mandatory addons/items to remove', 'terms to charge', 'billing alignment', 'offline payment method', 'item tiers', 'manual discounts', 'entitlement overrides'],
  change: ['mandatory addons/items to remove', 'terms to charge', 'billing alignment', 'force term reset', 'reactivation', 'customer VAT details', 'item tiers', 'manual discounts', 'entitlement overrides'],
  onetime: ['tax provider fields', 'Avalara fields', 'item tiers', 'manual discounts'],
};

const ADDRESS_FIELDS = ['first_name', 'last_name', 'email', 'company', 'phone', 'line1', 'line2', 'line3', 'city', 'state_code', 'state', 'zip', 'country', 'validation_status'] as const;

function recs(v: unknown): Rec[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function scalar(v: unknown): ParamValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** Copies the named scalar keys that are present; `rename` maps source keys to body keys. */
function pick(source: Rec, keys: readonly string[], rename: Readonly<Record<string, string>> = {}): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const key of keys) {
    const v = scalar(source[key]);
    if (v !== undefined && v !== '') out[rename[key] ?? key] = v;
  }
  return out;
}

function compact(tree: Record<string, ParamValue>): ParamTree {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isRecord(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function address(a: QuoteAddress | undefined): ParamTree | undefined {
  if (!a) return undefined;
  const out = pick(a as Rec, ADDRESS_FIELDS);
  return Object.keys(out).length > 0 ? out : undefined;
}

function notesText(envelope: QuoteEnvelope): string | undefined {
  const texts = (envelope.quote.notes ?? []).map((n) => (typeof n === 'string' ? n : n.note)).filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

function couponIds(source: Rec | undefined): string[] | undefined {
  if (!source || !Array.isArray(source['coupons'])) return undefined;
  return recs(source['coupons']).map((c) => (typeof c['coupon_id'] === 'string' ? c['coupon_id'] : '')).filter((id) => id !== '');
}

/** The unit price when it overrides the catalog's, or when the catalog price is unknown. */
function overridePrice(id: unknown, price: unknown, opts: PrefillOptions): number | undefined {
  if (typeof price !== 'number') return undefined;
  const listed = typeof id === 'string' ? opts.catalogPrices?.get(id) : undefined;
  return listed !== undefined && listed === price ? undefined : price;
}

function future(v: unknown, now: number): number | undefined {
  return typeof v === 'number' && v > now ? v : undefined;
}

/**
 * Addon rows. The response names differ from the body's (see the SDK's QuotedSubscription.Addon and
 * QuotedCharge.Addon): a subscription addon says `remaining_billing_cycles` for the body's
 * `billing_cycles`; a one-time addon says `service_period` as the body does.
 */
function addonRows(list: unknown, opts: PrefillOptions, extra: readonly string[]): ParamTree[] {
  return recs(list).map((a) =>
    compact({
      ...pick(a, ['id', 'quantity', 'quantity_in_decimal', 'unit_price_in_decimal', ...extra], { remaining_billing_cycles: 'billing_cycles' }),
      unit_price: overridePrice(a['id'], a['unit_price'], opts),
      trial_end: future(a['trial_end'], opts.now),
    }),
  );
}

function eventAddonRows(list: unknown, opts: PrefillOptions): ParamTree[] {
  return recs(list).map((a) =>
    compact({
      ...pick(a, ['id', 'quantity', 'quantity_in_decimal', 'unit_price_in_decimal', 'service_period_in_days', 'on_event', 'charge_once', 'charge_on']),
      unit_price: overridePrice(a['id'], a['unit_price'], opts),
    }),
  );
}

function subscriptionItemRows(list: unknown, opts: PrefillOptions): ParamTree[] {
  return recs(list).map((i) =>
    compact({
      ...pick(i, ['item_price_id', 'quantity', 'quantity_in_decimal', 'unit_price_in_decimal', 'billing_cycles', 'service_period_days', 'charge_on_event', 'charge_once', 'charge_on_option', 'ramp_tier_id']),
      unit_price: overridePrice(i['item_price_id'], i['unit_price'], opts),
      trial_end: future(i['trial_end'], opts.now),
      start_date: future(i['start_date'], opts.now),
      end_date: future(i['end_date'], opts.now),
    }),
  );
}

function contractTerm(sub: Rec): ParamTree | undefined {
  const term = sub['quoted_contract_term'] ?? sub['contract_term'];
  if (!isRecord(term)) return undefined;
  const out = pick(term, ['action_at_term_end', 'cancellation_cutoff_period']);
  return Object.keys(out).length > 0 ? out : undefined;
}

function subscriptionPart(envelope: QuoteEnvelope, opts: PrefillOptions): Record<string, ParamValue> {
  const sub: Rec = isRecord(envelope.quoted_subscription) ? envelope.quoted_subscription : {};
  const trialEnd = sub['trial_end'] === 0 ? 0 : future(sub['trial_end'], opts.now);
  const subscription = compact({
    ...pick(sub, ['plan_id', 'plan_quantity', 'plan_quantity_in_decimal', 'plan_unit_price_in_decimal', 'setup_fee', 'contract_term_billing_cycle_on_renewal', 'auto_collection', 'free_period', 'free_period_unit']),
    po_number: scalar(sub['po_number']) ?? envelope.quote.po_number,
    plan_unit_price: overridePrice(sub['plan_id'], sub['plan_unit_price'], opts),
    start_date: future(sub['start_date'], opts.now),
    trial_end: trialEnd,
  });
  const change = opts.kind === 'change';
  const coupons = couponIds(sub);
  const out: Record<string, ParamValue> = {
    subscription,
    // The response has no billing_cycles: what is left of them is remaining_billing_cycles.
    billing_cycles: scalar(sub['remaining_billing_cycles']),
    contract_term: contractTerm(sub),
    coupon_ids: coupons,
  };
  if (Array.isArray(sub['subscription_items'])) {
    out['subscription_items'] = subscriptionItemRows(sub['subscription_items'], opts);
    if (change) out['replace_items_list'] = true;
  } else {
    out['addons'] = addonRows(sub['addons'], opts, ['remaining_billing_cycles']);
    out['event_based_addons'] = eventAddonRows(sub['event_based_addons'], opts);
    if (change && Array.isArray(sub['addons'])) out['replace_addon_list'] = true;
  }
  if (change) {
    if (coupons !== undefined) out['replace_coupon_list'] = true;
    out['change_option'] = scalar(sub['change_option']);
    out['changes_scheduled_at'] = future(sub['changes_scheduled_at'], opts.now);
  }
  return out;
}

function chargePart(envelope: QuoteEnvelope, opts: PrefillOptions): Record<string, ParamValue> {
  const charge: Rec = isRecord(envelope.quoted_charge) ? envelope.quoted_charge : {};
  return {
    po_number: envelope.quote.po_number,
    currency_code: envelope.quote.currency_code,
    charges: recs(charge['charges']).map((c) => compact(pick(c, ['amount', 'amount_in_decimal', 'description', 'service_period_in_days'], { service_period_in_days: 'service_period' }))),
    addons: addonRows(charge['addons'], opts, ['service_period']),
    item_prices: recs(charge['invoice_items']).map((i) =>
      compact({
        ...pick(i, ['item_price_id', 'quantity', 'quantity_in_decimal', 'unit_price_in_decimal', 'service_period_days']),
        unit_price: overridePrice(i['item_price_id'], i['unit_price'], opts),
      }),
    ),
    coupon_ids: couponIds(charge),
  };
}

/**
 * The edit body for `envelope`'s quote. Keys the edit endpoint lacks are harmless: fromParamTree only
 * reads what the form model has.
 */
export function prefillFromQuote(envelope: QuoteEnvelope, opts: PrefillOptions): Prefill {
  const q = envelope.quote;
  const common: Record<string, ParamValue> = {
    notes: notesText(envelope),
    expires_at: future(q.valid_till, opts.now),
    billing_address: address(q.billing_address),
    shipping_address: address(q.shipping_address),
  };
  const specific = opts.kind === 'onetime' ? chargePart(envelope, opts) : subscriptionPart(envelope, opts);
  return { tree: compact({ ...common, ...specific }), pathParams: { quote_id: q.id } };
}

/**
 * What the quote holds that the edit form could not pre-fill and so would drop on save, in words for
 * the note next to Submit; empty when the quote holds none of it.
 */
export function resetByEdit(envelope: QuoteEnvelope, kind: QuoteKind): string[] {
  const sub: Rec = isRecord(envelope.quoted_subscription) ? envelope.quoted_subscription : {};
  const charge: Rec = isRecord(envelope.quoted_charge) ? envelope.quoted_charge : {};
  const out: string[] = [];
  const source = kind === 'onetime' ? charge : sub;
  if (recs(source['item_tiers']).length > 0) out.push('item tiers');
  const manual = (envelope.quote.discounts ?? []).filter((d) => d.entity_type === 'document_level_discount' || d.entity_type === 'item_level_discount');
  if (manual.length > 0) out.push('manual discounts');
  if (kind === 'onetime' && recs(charge['charges']).some((c) => ['avalara_sale_type', 'avalara_transaction_type', 'avalara_service_type'].some((k) => c[k] !== undefined))) {
    out.push('Avalara fields of the charges');
  }
  if (kind !== 'onetime' && isRecord(envelope.quoted_ramp)) out.push('ramps');
  return out;
}

/** Every plan, addon and item price id the pre-fill might price, for one catalog lookup each. */
export function pricedIds(envelope: QuoteEnvelope): { plans: string[]; addons: string[]; itemPrices: string[] } {
  const sub: Rec = isRecord(envelope.quoted_subscription) ? envelope.quoted_subscription : {};
  const charge: Rec = isRecord(envelope.quoted_charge) ? envelope.quoted_charge : {};
  const ids = (list: unknown, key: string): string[] => recs(list).map((r) => r[key]).filter((v): v is string => typeof v === 'string' && v !== '');
  const unique = (xs: string[]): string[] => [...new Set(xs)];
  return {
    plans: unique(typeof sub['plan_id'] === 'string' ? [sub['plan_id']] : []),
    addons: unique([...ids(sub['addons'], 'id'), ...ids(sub['event_based_addons'], 'id'), ...ids(charge['addons'], 'id')]),
    itemPrices: unique([...ids(sub['subscription_items'], 'item_price_id'), ...ids(charge['invoice_items'], 'item_price_id')]),
  };
}
