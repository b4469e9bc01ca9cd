/**
 * What each of the 18 export kinds puts in its zip: which records, which filter group applies to
 * them, which other groups reach joined records (a subscription's customer...), and the CSV columns.
 * Chargebee does not document file names, columns or most `operation_type` strings (docs/chargebee-api-notes.md#export-object):
 * the sandbox uses `<kind>.csv` with the record's main fields, and "<Title> Export".
 */
import { paramWrongValue } from './errors';
import { matchesFilters, matchOperator, recordReader, type FieldValue } from './filters';
import type { FormTree } from './form-parser';
import type { ExportFile, Invoice } from './models';
import type { Store } from './store';
import { int, isTree, str } from './tree-read';

type Rec = object;
type Reader = (rec: Rec) => FieldValue | FieldValue[];

interface KindDef {
  operationType: string;
  /** The filter group on the records themselves, e.g. `customer` for the customers export. */
  group: string;
  records(store: Store): Iterable<Rec>;
  /** Filter groups over related records. */
  joins?: Record<string, (rec: Rec, store: Store) => Rec | undefined>;
  /** Top-level filters (`currency_code[is]`, `item_id[in]`), read off each record. */
  top?: Record<string, Reader>;
  columns: readonly string[];
}

/**
 * Filter-shaped params that do not narrow the sandbox's records: every record is site-level, so
 * including site-level resources changes nothing. Plain params (report_by, export_type) are skipped
 * by shape.
 */
const NOT_FILTERS = new Set(['include_site_level_resources']);

const field = (name: string): Reader => (rec) => recordReader(rec)(name);
const none: Reader = () => undefined;
const asInvoice = (rec: Rec): Invoice => rec as Invoice;

const customerOf = (rec: Rec, store: Store): Rec | undefined => {
  const id = recordReader(rec)('customer_id');
  return typeof id === 'string' ? store.customers.get(id) : undefined;
};
const subscriptionOf = (rec: Rec, store: Store): Rec | undefined => {
  const id = recordReader(rec)('subscription_id');
  return typeof id === 'string' ? store.subscriptions.get(id) : undefined;
};
/** No sandbox customer has parents or owners, so relationship filters see empty fields. */
const noRelationship = (): Rec => ({});

const CUSTOMER_COLUMNS = ['id', 'first_name', 'last_name', 'email', 'company', 'phone', 'auto_collection', 'taxability', 'preferred_currency_code', 'created_at', 'updated_at'];
const INVOICE_COLUMNS = ['id', 'customer_id', 'subscription_id', 'status', 'currency_code', 'date', 'due_date', 'sub_total', 'total', 'amount_paid', 'amount_due', 'recurring', 'updated_at'];

const REVENUE_BASE: Omit<KindDef, 'operationType'> = {
  group: 'invoice',
  records: (s) => s.invoices.values(),
  joins: { subscription: subscriptionOf, customer: customerOf, relationship: noRelationship },
  top: {
    payment_owner: field('customer_id'),
    item_id: none,
    item_price_id: (rec) => asInvoice(rec).line_items.map((li) => li.entity_id),
    cancel_reason_code: none,
    business_entity_id: none,
  },
  columns: ['report_key', 'invoice_id', 'customer_id', 'subscription_id', 'currency_code', 'month', 'amount'],
};

export const EXPORT_KINDS: Readonly<Record<string, KindDef>> = {
  revenue_recognition: { ...REVENUE_BASE, operationType: 'Revenue Recognition Report' },
  deferred_revenue: { ...REVENUE_BASE, operationType: 'Deferred Revenue Report' },
  plans: { operationType: 'Plans Export', group: 'plan', records: (s) => s.plans.values(), top: { currency_code: field('currency_code') }, columns: ['id', 'name', 'invoice_name', 'price', 'currency_code', 'period', 'period_unit', 'pricing_model', 'status', 'updated_at'] },
  addons: { operationType: 'Addons Export', group: 'addon', records: (s) => s.addons.values(), top: { currency_code: field('currency_code') }, columns: ['id', 'name', 'charge_type', 'price', 'currency_code', 'period', 'period_unit', 'pricing_model', 'status', 'updated_at'] },
  coupons: { operationType: 'Coupons Export', group: 'coupon', records: (s) => s.coupons.values(), top: { currency_code: field('currency_code'), applicable_item_price_ids: none }, columns: ['id', 'name', 'discount_type', 'discount_percentage', 'discount_amount', 'currency_code', 'duration_type', 'status', 'apply_on', 'created_at'] },
  customers: { operationType: 'Customers Export', group: 'customer', records: (s) => s.customers.values(), joins: { relationship: noRelationship }, top: { business_entity_id: none }, columns: CUSTOMER_COLUMNS },
  subscriptions: {
    operationType: 'Subscriptions Export',
    group: 'subscription',
    records: (s) => s.subscriptions.values(),
    top: {
      item_id: (rec) => ((rec as { subscription_items?: { item_price_id: string }[] }).subscription_items ?? []).map((si) => si.item_price_id.replace(/-(USD|EUR|JPY)(-\w+)?$/, '')),
      item_price_id: (rec) => ((rec as { subscription_items?: { item_price_id: string }[] }).subscription_items ?? []).map((si) => si.item_price_id),
      cancel_reason_code: field('cancel_reason'),
    },
    columns: ['id', 'customer_id', 'plan_id', 'plan_quantity', 'status', 'currency_code', 'current_term_start', 'current_term_end', 'mrr', 'created_at', 'cancelled_at'],
  },
  invoices: { operationType: 'Invoices Export', group: 'invoice', records: (s) => s.invoices.values(), top: { payment_owner: field('customer_id') }, columns: INVOICE_COLUMNS },
  credit_notes: { operationType: 'Credit Notes Export', group: 'credit_note', records: (s) => s.creditNotes.values(), columns: ['id', 'customer_id', 'subscription_id', 'reference_invoice_id', 'type', 'reason_code', 'status', 'date', 'total', 'amount_allocated', 'amount_refunded', 'amount_available', 'currency_code'] },
  transactions: { operationType: 'Transactions Export', group: 'transaction', records: (s) => s.transactions.values(), columns: ['id', 'customer_id', 'subscription_id', 'payment_method', 'gateway', 'type', 'date', 'amount', 'currency_code', 'status', 'id_at_gateway'] },
  orders: { operationType: 'Orders Export', group: 'order', records: (s) => s.orders.values(), top: { total: field('total') }, columns: ['id', 'customer_id', 'subscription_id', 'invoice_id', 'status', 'order_date', 'shipping_date', 'total', 'amount_paid', 'currency_code'] },
  item_families: { operationType: 'Item Families Export', group: 'item_family', records: (s) => s.itemFamilies.values(), top: { business_entity_id: none }, columns: ['id', 'name', 'description', 'status', 'updated_at'] },
  items: { operationType: 'Items Export', group: 'item', records: (s) => s.items.values(), top: { business_entity_id: none }, columns: ['id', 'name', 'item_family_id', 'type', 'status', 'item_applicability', 'enabled_for_checkout', 'enabled_in_portal', 'metered', 'updated_at'] },
  item_prices: {
    operationType: 'Item Prices Export',
    group: 'item_price',
    records: (s) => s.itemPrices.values(),
    top: { item_family_id: field('item_family_id'), item_type: field('item_type'), currency_code: field('currency_code'), business_entity_id: none },
    columns: ['id', 'name', 'item_id', 'item_family_id', 'item_type', 'pricing_model', 'price', 'currency_code', 'period', 'period_unit', 'status', 'updated_at'],
  },
  attached_items: { operationType: 'Attached Items Export', group: 'attached_item', records: (s) => s.attachedItems.values(), top: { item_type: field('item_type') }, columns: ['id', 'parent_item_id', 'item_id', 'type', 'item_type', 'charge_on_event', 'quantity', 'updated_at'] },
  differential_prices: { operationType: 'Differential Prices Export', group: 'differential_price', records: (s) => s.differentialPrices.values(), top: { item_id: field('item_id') }, columns: ['id', 'item_price_id', 'parent_item_id', 'item_id', 'price', 'currency_code', 'status'] },
  price_variants: { operationType: 'Price Variants Export', group: 'price_variant', records: (s) => s.priceVariants.values(), top: { business_entity_id: none }, columns: ['id', 'name', 'external_name', 'status', 'created_at', 'updated_at'] },
  ramps: { operationType: 'Ramps Export', group: 'ramp', records: (s) => s.ramps.values(), columns: ['id', 'subscription_id', 'status', 'effective_from', 'description', 'updated_at'] },
};

function matchesTop(reader: Reader, rec: Rec, ops: FormTree, param: string): boolean {
  const value = reader(rec);
  const values = Array.isArray(value) ? value : [value];
  return Object.entries(ops).every(([op, v]) => (values.length === 0 ? [undefined] : values).some((one) => matchOperator(one, op, v, `${param}[${op}]`)));
}

/** The records of this export that pass every filter in the trigger's body. */
function selectRecords(def: KindDef, kind: string, store: Store, body: FormTree): Rec[] {
  const out: Rec[] = [];
  for (const rec of def.records(store)) {
    let keep = true;
    for (const [key, value] of Object.entries(body)) {
      if (NOT_FILTERS.has(key) || !isTree(value)) continue;
      if (key === def.group) keep = matchesFilters(recordReader(rec), value, key);
      else if (def.joins?.[key]) keep = matchesFilters(recordReader(def.joins[key](rec, store) ?? {}), value, key);
      else if (def.top?.[key]) keep = matchesTop(def.top[key], rec, value, key);
      else throw paramWrongValue(key, `is not a filter of the ${kind} export`);
      if (!keep) break;
    }
    if (keep) out.push(rec);
  }
  return out;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** Revenue reports: each selected invoice's total spread evenly over the months of the period. */
function revenueRows(invoices: readonly Invoice[], body: FormTree): Record<string, unknown>[] {
  const fromMonth = int(body, 'report_from_month', 'report_from_month') ?? 1;
  const fromYear = int(body, 'report_from_year', 'report_from_year') ?? 1970;
  const toMonth = int(body, 'report_to_month', 'report_to_month') ?? 12;
  const toYear = int(body, 'report_to_year', 'report_to_year') ?? 1970;
  const months: string[] = [];
  for (let y = fromYear, m = fromMonth; y < toYear || (y === toYear && m <= toMonth); m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 1200) break;
  }
  if (months.length === 0) throw paramWrongValue('report_to_month', 'the report period ends before it starts');
  const reportBy = str(body, 'report_by') ?? 'invoice';
  const currency = str(body, 'currency_code');
  const rows: Record<string, unknown>[] = [];
  for (const inv of invoices) {
    if (currency !== undefined && inv.currency_code !== currency) continue;
    const share = Math.floor(inv.total / months.length);
    months.forEach((month, i) => {
      const key = reportBy === 'customer' ? inv.customer_id : reportBy === 'subscription' ? (inv.subscription_id ?? '') : reportBy === 'product' ? (inv.line_items[0]?.entity_id ?? '') : inv.id;
      rows.push({ report_key: key, invoice_id: inv.id, customer_id: inv.customer_id, subscription_id: inv.subscription_id, currency_code: inv.currency_code, month, amount: i === months.length - 1 ? inv.total - share * (months.length - 1) : share });
    });
  }
  return rows;
}

/** The CSV files of one export, built from the sandbox's data at trigger time. */
export function buildExportFiles(kind: string, store: Store, body: FormTree): ExportFile[] {
  const def = EXPORT_KINDS[kind];
  if (!def) throw paramWrongValue('kind', `unknown export ${kind}`);
  const records = selectRecords(def, kind, store, body);
  const rows = def.group === 'invoice' && def.columns.includes('report_key') ? revenueRows(records as Invoice[], body) : (records as Record<string, unknown>[]);
  return [{ name: `${kind}.csv`, csv: toCsv(def.columns, rows) }];
}
