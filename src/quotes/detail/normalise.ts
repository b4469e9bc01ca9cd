/**
 * A quote as the renderer may trust it: every field of QuoteObject checked against its declared type,
 * whatever the API (or a proxy, or a future API version) sent. A number where text was expected is
 * printed, numeric text where a number was expected is read, and anything else is dropped as absent,
 * so the page shows what it can instead of throwing.
 */
import { isRecord } from '../../util/guards';
import type { QuoteAddress, QuoteDiscount, QuoteLineItem, QuoteNote, QuoteObject, QuoteTax } from './quote-model';

type Reader<T> = (value: unknown) => T | undefined;

const str: Reader<string> = (v) => {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return undefined;
};

const num: Reader<number> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return undefined;
};

const bool: Reader<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);

/** `{ field: reader }` for every field of T; a field the reader rejects is left out. */
type Shape<T> = { readonly [K in keyof T]-?: Reader<NonNullable<T[K]>> };

function record<T>(shape: Shape<T>): Reader<T> {
  return (value) => {
    if (!isRecord(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries<Reader<unknown>>(shape)) {
      const v = read(value[key]);
      if (v !== undefined) out[key] = v;
    }
    return out as T;
  };
}

/** The entries the reader accepts; a non-array is an empty list. */
function list<T>(read: Reader<T>): Reader<readonly T[]> {
  return (value) => (Array.isArray(value) ? value.map(read).filter((v): v is T => v !== undefined) : undefined);
}

const address = record<QuoteAddress>({
  first_name: str, last_name: str, email: str, company: str, phone: str, line1: str, line2: str, line3: str,
  city: str, state_code: str, state: str, country: str, zip: str,
});

const lineItem = record<QuoteLineItem>({
  id: str, description: str, entity_type: str, entity_id: str, quantity: num, quantity_in_decimal: str,
  unit_amount: num, unit_amount_in_decimal: str, amount: num, discount_amount: num, item_level_discount_amount: num,
  tax_amount: num, tax_rate: num, date_from: num, date_to: num,
});

const discount = record<QuoteDiscount>({ amount: num, description: str, entity_type: str, entity_id: str, line_item_id: str });
const tax = record<QuoteTax>({ name: str, amount: num, description: str });
const noteRecord = record<QuoteNote>({ note: str });
const note: Reader<QuoteNote | string> = (v) => (typeof v === 'string' ? v : noteRecord(v));

const quoteFields = record<Omit<QuoteObject, 'id' | 'status'>>({
  name: str, po_number: str, customer_id: str, subscription_id: str, invoice_id: str, operation_type: str,
  price_type: str, currency_code: str, date: num, valid_till: num, updated_at: num, sub_total: num, total: num,
  credits_applied: num, amount_paid: num, amount_due: num, total_payable: num, charge_on_acceptance: num,
  vat_number: str, version: num, deleted: bool,
  notes: list(note), line_items: list(lineItem), discounts: list(discount), taxes: list(tax),
  billing_address: address, shipping_address: address,
});

/** The quote with every field of the declared type or absent; id and status fall back to '' and 'unknown'. */
export function normaliseQuote(raw: unknown): QuoteObject {
  const fields = quoteFields(raw) ?? {};
  const source = isRecord(raw) ? raw : {};
  return { ...fields, id: str(source.id) ?? '', status: str(source.status) ?? 'unknown' };
}

/** The same readers, for the other answers the detail page shows (line groups). */
export const readers = { str, num, record, list, lineItem, discount, tax };
