/**
 * Deterministic site data. `demo`: 25 customers, 15 subscriptions, ~30 quotes in every status and
 * both product catalogs, invoices, credit notes, transactions and orders, in USD, EUR and JPY.
 * `empty`: the product catalog only (plans, items, coupons), no customers or documents.
 * `large`: 100,000 customers and 10,000 quotes, for benchmarks. Quotes are created through the
 * same draft functions the API uses, so seeded and created quotes are priced alike.
 */
import type { FormTree } from './form-parser';
import type { Customer, QuoteStatus, Subscription } from './models';
import { Prng } from './prng';
import { convertQuote, softDelete } from './quote-actions';
import { createQuote } from './quote-builder';
import {
  draftPc1CreateSubscription, draftPc1OneTime, draftPc1UpdateSubscription, draftPc2Charges, draftPc2CreateSubscription, draftPc2UpdateSubscription,
  termEnd, type DraftContext, type QuoteDraft,
} from './quote-drafts';
import { CURRENCIES, seedCatalog, type SeedCurrency } from './seed-catalog';
import type { SeedKind } from './state';
import { Store } from './store';

const DAY = 86400;
const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Emma', 'Lucas', 'Sofia', 'Elias', 'Hana', 'Kenji', 'Lea', 'Jonas', 'Yuki', 'Oliver', 'Clara', 'Mateo', 'Aiko', 'Felix', 'Nora', 'Ravi', 'Ines', 'Tom', 'Greta', 'Omar', 'Julia'];
const LAST = ['Smith', 'Müller', 'Tanaka', 'Garcia', 'Schmidt', 'Sato', 'Johnson', 'Rossi', 'Dubois', 'Nakamura', 'Brown', 'Fischer', 'Kim', 'Silva', 'Weber', 'Ito', 'Martin', 'Novak', 'Lopez', 'Suzuki'];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Labs', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Tyrell Systems', 'Soylent Foods', 'Cyberdyne', 'Vandelay Industries', 'Aperture Science', 'Nakatomi Trading', 'Blue Sun', 'Monarch Solutions'];
const COUNTRY: Readonly<Record<SeedCurrency, { country: string; city: string }>> = {
  USD: { country: 'US', city: 'Walnut' },
  EUR: { country: 'DE', city: 'Berlin' },
  JPY: { country: 'JP', city: 'Tokyo' },
};

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');
}

function makeCustomer(rng: Prng, index: number, now: number): Customer {
  const first = FIRST[index % FIRST.length] ?? 'Sam';
  const last = rng.pick(LAST);
  const company = rng.pick(COMPANIES);
  const currency = rng.next() < 0.55 ? 'USD' : rng.next() < 0.6 ? 'EUR' : 'JPY';
  const created = now - rng.int(30, 700) * DAY - rng.int(0, DAY);
  const place = COUNTRY[currency];
  return {
    id: rng.id(),
    first_name: first,
    last_name: last,
    email: `${slug(first)}.${slug(last)}${index >= FIRST.length ? index : ''}@${slug(company)}.example`,
    company,
    phone: `+1-555-${String(1000 + (index % 9000)).padStart(4, '0')}`,
    auto_collection: rng.chance(0.7) ? 'on' : 'off',
    net_term_days: 0,
    allow_direct_debit: false,
    taxability: rng.chance(0.9) ? 'taxable' : 'exempt',
    preferred_currency_code: currency,
    channel: 'web',
    auto_close_invoices: true,
    billing_address: { first_name: first, last_name: last, company, line1: `${rng.int(1, 999)} Main Street`, city: place.city, country: place.country, validation_status: 'not_validated', object: 'billing_address' },
    card_status: rng.chance(0.6) ? 'valid' : 'no_card',
    pii_cleared: 'active',
    promotional_credits: 0,
    refundable_credits: 0,
    excess_payments: 0,
    unbilled_charges: 0,
    created_at: created,
    updated_at: created,
    resource_version: created * 1000,
    deleted: false,
    object: 'customer',
  };
}

/** PC1 subscriptions carry plan_id/addons, PC2 ones subscription_items; the quote drafts tell them apart by that. */
function makeSubscription(store: Store, rng: Prng, customer: Customer, pc: 1 | 2, now: number): Subscription {
  const currency = customer.preferred_currency_code as SeedCurrency;
  const created = customer.created_at + rng.int(1, 20) * DAY;
  const status = rng.pick(['active', 'active', 'active', 'in_trial', 'non_renewing', 'cancelled', 'future'] as const);
  const start = status === 'future' ? now + rng.int(5, 40) * DAY : created;
  const sub: Subscription = {
    id: rng.id(),
    customer_id: customer.id,
    currency_code: currency,
    status,
    billing_period: 1,
    billing_period_unit: 'month',
    has_scheduled_changes: false,
    auto_close_invoices: true,
    channel: 'web',
    mrr: 0,
    due_invoices_count: 0,
    created_at: created,
    updated_at: created,
    resource_version: created * 1000,
    deleted: false,
    object: 'subscription',
    started_at: start,
  };
  const termStart = status === 'future' ? start : now - rng.int(0, 29) * DAY;
  sub.current_term_start = termStart;
  sub.current_term_end = termEnd(termStart, 1, 'month');
  if (status !== 'cancelled') sub.next_billing_at = sub.current_term_end;
  if (status === 'active' || status === 'non_renewing') sub.activated_at = start;
  if (status === 'cancelled') Object.assign(sub, { cancelled_at: now - rng.int(1, 60) * DAY, cancel_reason: 'not_paid' });
  const suffix = currency.toLowerCase();
  if (pc === 1) {
    const plan = store.plans.get(`${rng.pick(['basic', 'pro'])}-${suffix}`);
    const quantity = rng.int(1, 5);
    Object.assign(sub, { plan_id: plan?.id, plan_quantity: quantity, plan_unit_price: plan?.price ?? 0, plan_amount: quantity * (plan?.price ?? 0), addons: [] });
    sub.mrr = sub.plan_amount ?? 0;
  } else {
    const price = store.itemPrices.get(`${rng.pick(['storage-starter', 'storage-business'])}-${currency}-Monthly`);
    const quantity = rng.int(1, 10);
    sub.subscription_items = price ? [{ item_price_id: price.id, item_type: 'plan', quantity, unit_price: price.price, amount: quantity * price.price, object: 'subscription_item' }] : [];
    sub.mrr = sub.subscription_items.reduce((s, i) => s + i.amount, 0);
  }
  store.subscriptions.set(sub.id, sub);
  return sub;
}

type Recipe = (c: Customer, sub: Subscription | undefined, rng: Prng) => { catalog: 1 | 2; draft: (ctx: DraftContext) => QuoteDraft } | undefined;

/** Quote bodies as a client would send them, one per quote kind. */
const RECIPES: readonly Recipe[] = [
  (c, _s, rng) => {
    const cur = c.preferred_currency_code.toLowerCase();
    const body: FormTree = { subscription: { plan_id: `${rng.pick(['basic', 'pro', 'enterprise-annual'])}-${cur}`, plan_quantity: String(rng.int(1, 10)) } };
    if (rng.chance(0.5)) body.addons = [{ id: `extra-seat-${cur}`, quantity: String(rng.int(1, 5)) }];
    if (rng.chance(0.4)) body.coupon_ids = [rng.pick(['WELCOME10', 'LOYAL20'])];
    return { catalog: 1, draft: (ctx) => draftPc1CreateSubscription(ctx, c.id, body) };
  },
  (_c, s, rng) => {
    if (!s?.plan_id || s.status === 'cancelled') return undefined;
    const cur = s.currency_code.toLowerCase();
    const body: FormTree = { subscription: { id: s.id, plan_quantity: String((s.plan_quantity ?? 1) + rng.int(1, 3)) }, addons: [{ id: `priority-support-${cur}` }] };
    return { catalog: 1, draft: (ctx) => draftPc1UpdateSubscription(ctx, body) };
  },
  (c, _s, rng) => {
    const cur = c.preferred_currency_code;
    const body: FormTree = { addons: [{ id: `day-pass-${cur.toLowerCase()}`, quantity: String(rng.int(1, 4)) }], charges: [{ amount: String(rng.int(5, 50) * (cur === 'JPY' ? 100 : 100)), description: 'Consulting hours' }], currency_code: cur, customer_id: c.id };
    if (rng.chance(0.4)) body.coupon_ids = [cur === 'USD' ? 'SAVE5-USD' : cur === 'EUR' ? 'SAVE5-EUR' : 'YEN500'];
    return { catalog: 1, draft: (ctx) => draftPc1OneTime(ctx, body) };
  },
  (c, _s, rng) => {
    const cur = c.preferred_currency_code;
    const body: FormTree = { subscription_items: [{ item_price_id: `${rng.pick(['storage-starter', 'storage-business'])}-${cur}-Monthly`, quantity: String(rng.int(1, 20)) }] };
    if (rng.chance(0.5)) (body.subscription_items as FormTree[]).push({ item_price_id: `extra-terabyte-${cur}-Monthly`, quantity: String(rng.int(1, 5)) });
    if (rng.chance(0.5)) body.discounts = [{ apply_on: 'invoice_amount', duration_type: 'one_time', percentage: String(rng.pick([5, 10, 15])) }];
    return { catalog: 2, draft: (ctx) => draftPc2CreateSubscription(ctx, c.id, body) };
  },
  (_c, s, rng) => {
    if (!s?.subscription_items || s.status === 'cancelled') return undefined;
    const body: FormTree = { subscription: { id: s.id }, subscription_items: [{ item_price_id: `dashboards-${s.currency_code}-Monthly`, quantity: String(rng.int(1, 6)) }] };
    return { catalog: 2, draft: (ctx) => draftPc2UpdateSubscription(ctx, body) };
  },
  (c, _s, rng) => {
    const cur = c.preferred_currency_code;
    const body: FormTree = { customer_id: c.id, item_prices: [{ item_price_id: `${rng.pick(['data-migration', 'training-day'])}-${cur}` }], currency_code: cur };
    if (rng.chance(0.5)) body.charges = [{ amount: String(rng.int(10, 90) * 100), description: 'Travel expenses' }];
    return { catalog: 2, draft: (ctx) => draftPc2Charges(ctx, body) };
  },
];

/** Status mix of the demo quotes; `expired` stays open but with a past valid_till. */
const STATUS_MIX: readonly (QuoteStatus | 'expired' | 'deleted')[] = ['open', 'open', 'open', 'accepted', 'declined', 'invoiced', 'closed', 'expired', 'open', 'accepted', 'deleted', 'open'];

function seedQuotes(store: Store, rng: Prng, now: number, count: number, catalog: 1 | 2 | undefined, customers: readonly Customer[]): void {
  // Change quotes need a subscription of the customer; recipes that do not fit a customer are skipped.
  const subsByCustomer = new Map<string, Subscription>();
  for (const s of store.subscriptions.values()) subsByCustomer.set(s.customer_id, s);
  const recipes = RECIPES.filter((_r, i) => catalog === undefined || (i < 3 ? 1 : 2) === catalog);
  let made = 0;
  for (let attempt = 0; made < count && attempt < count * 4; attempt++) {
    const customer = customers[attempt % customers.length];
    if (!customer) break;
    const recipe = recipes[attempt % recipes.length];
    const plan = recipe?.(customer, subsByCustomer.get(customer.id), rng);
    if (!plan) continue;
    // Spread quote dates over the last 60 days, oldest first, so numbers grow with dates.
    const date = now - Math.round(((count - made) / count) * 60 * DAY) + rng.int(0, 3600);
    const ctx: DraftContext = { store, now: date };
    const draft = plan.draft(ctx);
    const stored = createQuote(ctx, draft, date * 1000);
    const status = STATUS_MIX[made % STATUS_MIX.length] ?? 'open';
    if (status === 'invoiced') convertQuote(ctx, stored, {}, date * 1000);
    else if (status === 'expired') stored.quote.valid_till = Math.min(now - DAY, date + 7 * DAY);
    else if (status === 'deleted') softDelete(ctx, stored, date * 1000);
    else if (status !== 'open') stored.quote.status = status;
    // Keep not-expired quotes valid well past now, so demo data does not age out during a session.
    if (status === 'open' || status === 'accepted') stored.quote.valid_till = Math.max(stored.quote.valid_till, now + 30 * DAY);
    // Every third quote has no billing address (Chargebee leaves it out when the quote was made
    // without one), so the Quotes tree's customer lookup has work to do.
    if (made % 3 === 2) delete stored.quote.billing_address;
    made++;
  }
}

/** Invoices, transactions, credit notes and orders: only exports read them, so they stay simple. */
function seedBilling(store: Store, rng: Prng, now: number, customers: readonly Customer[]): void {
  const invoices = [...store.invoices.values()];
  for (let i = 0; i < 20; i++) {
    const c = customers[(i * 7) % customers.length];
    if (!c) break;
    const sub = [...store.subscriptions.values()].find((s) => s.customer_id === c.id);
    const date = now - rng.int(1, 180) * DAY;
    const total = rng.int(5, 500) * 100;
    const status = rng.pick(['paid', 'paid', 'payment_due', 'not_paid', 'voided'] as const);
    const id = store.nextInvoiceId();
    const invoice = {
      id, customer_id: c.id, recurring: sub !== undefined, status, price_type: 'tax_exclusive' as const, date, due_date: date + 30 * DAY,
      currency_code: c.preferred_currency_code, sub_total: total, total, credits_applied: 0, amount_paid: status === 'paid' ? total : 0,
      amount_due: status === 'paid' || status === 'voided' ? 0 : total, tax: 0, amount_adjusted: 0, write_off_amount: 0, channel: 'web' as const,
      first_invoice: false, line_items: [], discounts: [], line_item_discounts: [], taxes: [], line_item_taxes: [], updated_at: date,
      resource_version: date * 1000, deleted: false, object: 'invoice' as const,
      ...(sub ? { subscription_id: sub.id } : {}), ...(status === 'paid' ? { paid_at: date + DAY } : {}),
    };
    store.invoices.set(id, invoice);
    invoices.push(invoice);
  }
  invoices.forEach((inv, i) => {
    if (inv.amount_paid > 0) {
      const id = store.newId('txn_');
      store.transactions.set(id, {
        id, customer_id: inv.customer_id, gateway_account_id: 'gw_sandbox', id_at_gateway: `ch_${rng.id(12)}`, payment_method: rng.pick(['card', 'card', 'bank_transfer']),
        gateway: 'chargebee', type: 'payment', date: inv.paid_at ?? inv.date, amount: inv.amount_paid, amount_capturable: 0, currency_code: inv.currency_code,
        status: 'success', updated_at: inv.date, object: 'transaction', ...(inv.subscription_id !== undefined ? { subscription_id: inv.subscription_id } : {}),
      });
    }
    if (i % 5 === 0 && inv.total > 0) {
      const id = `CN-${i + 1}`;
      const total = Math.floor(inv.total / 4);
      store.creditNotes.set(id, {
        id, customer_id: inv.customer_id, reference_invoice_id: inv.id, type: i % 2 === 0 ? 'adjustment' : 'refundable', reason_code: 'product_unsatisfactory',
        create_reason_code: 'Product Unsatisfactory', status: i % 2 === 0 ? 'adjusted' : 'refunded', date: inv.date + DAY, total, amount_allocated: i % 2 === 0 ? total : 0,
        amount_refunded: i % 2 === 0 ? 0 : total, amount_available: 0, currency_code: inv.currency_code, price_type: 'tax_exclusive', channel: 'web', updated_at: inv.date + DAY,
        object: 'credit_note', ...(inv.subscription_id !== undefined ? { subscription_id: inv.subscription_id } : {}),
      });
    }
    if (i % 4 === 1) {
      const id = `ORD-${i + 1}`;
      store.orders.set(id, {
        id, customer_id: inv.customer_id, invoice_id: inv.id, status: rng.pick(['new', 'processing', 'shipped', 'delivered']), price_type: 'tax_exclusive', order_date: inv.date,
        total: inv.total, amount_paid: inv.amount_paid, refundable_credits: 0, refundable_credits_issued: 0, currency_code: inv.currency_code, is_resent: false,
        updated_at: inv.date, object: 'order', ...(inv.subscription_id !== undefined ? { subscription_id: inv.subscription_id } : {}),
      });
    }
  });
}

function seedPc2Extras(store: Store, now: number): void {
  const at = now - 300 * DAY;
  const attach = (id: string, parent: string, item: string, type: 'recommended' | 'mandatory' | 'optional', itemType: 'addon' | 'charge', event?: string): void => {
    store.attachedItems.set(id, { id, parent_item_id: parent, item_id: item, type, item_type: itemType, quantity: 1, status: 'active', created_at: at, updated_at: at, object: 'attached_item', ...(event !== undefined ? { charge_on_event: event } : {}) });
  };
  attach('att_storage_tb', 'storage-business', 'extra-terabyte', 'recommended', 'addon');
  attach('att_storage_migration', 'storage-business', 'data-migration', 'optional', 'charge', 'subscription_creation');
  attach('att_analytics_training', 'analytics-team', 'training-day', 'mandatory', 'charge', 'subscription_activation');
  for (const currency of CURRENCIES) {
    const id = `dp_tb_${currency.toLowerCase()}`;
    store.differentialPrices.set(id, { id, item_price_id: `extra-terabyte-${currency}-Monthly`, parent_item_id: 'storage-business', item_id: 'extra-terabyte', price: currency === 'JPY' ? 1000 : 800, currency_code: currency, status: 'active', updated_at: at, object: 'differential_price' });
  }
  for (const [id, name, status] of [['pv_partner', 'Partner pricing', 'active'], ['pv_edu', 'Education', 'active'], ['pv_legacy', 'Legacy 2022', 'archived']] as const) {
    store.priceVariants.set(id, { id, name, external_name: name, status, created_at: at, updated_at: at, object: 'price_variant' });
  }
  let n = 0;
  for (const sub of store.subscriptions.values()) {
    if (!sub.subscription_items || n >= 3) continue;
    n++;
    const id = `ramp_${n}`;
    store.ramps.set(id, { id, subscription_id: sub.id, status: n === 1 ? 'scheduled' : n === 2 ? 'succeeded' : 'draft', effective_from: now + (n - 2) * 30 * DAY, description: 'Seat ramp', created_at: now - 10 * DAY, updated_at: now - 10 * DAY, object: 'ramp' });
  }
}

export function seedStore(kind: SeedKind, now: number, catalog: 1 | 2 | undefined): Store {
  const store = new Store();
  // A fixed seed per kind: same data on every start, across machines.
  const rng = new Prng(kind === 'large' ? 7 : 42);
  seedCatalog(store, now);
  if (kind === 'empty') return store;
  const customerCount = kind === 'large' ? 100_000 : 25;
  const customers: Customer[] = [];
  for (let i = 0; i < customerCount; i++) {
    const c = makeCustomer(rng, i, now);
    customers.push(c);
    store.customers.set(c.id, c);
  }
  const subCount = kind === 'large' ? 2000 : 15;
  for (let i = 0; i < subCount; i++) {
    const customer = customers[i];
    if (!customer) break;
    const pc: 1 | 2 = catalog ?? (i % 5 < 3 ? 1 : 2);
    makeSubscription(store, rng, customer, pc, now);
  }
  seedQuotes(store, rng, now, kind === 'large' ? 10_000 : 30, catalog, kind === 'large' ? customers.slice(0, 5000) : customers);
  seedBilling(store, rng, now, customers);
  seedPc2Extras(store, now);
  return store;
}
