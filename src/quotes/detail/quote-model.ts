/**
 * The parts of the API's quote object the extension reads (docs/chargebee-api-notes.md#quote-object). Every field the API may leave
 * out is optional; the renderer treats anything else it meets as absent rather than trusting shapes.
 */
import { isRecord } from '../../util/guards';

export interface QuoteAddress {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly company?: string;
  readonly phone?: string;
  readonly line1?: string;
  readonly line2?: string;
  readonly line3?: string;
  readonly city?: string;
  readonly state_code?: string;
  readonly state?: string;
  readonly country?: string;
  readonly zip?: string;
}

export interface QuoteLineItem {
  readonly id?: string;
  readonly description?: string;
  readonly entity_type?: string;
  readonly entity_id?: string;
  readonly quantity?: number;
  readonly quantity_in_decimal?: string;
  readonly unit_amount?: number;
  readonly unit_amount_in_decimal?: string;
  readonly amount?: number;
  readonly discount_amount?: number;
  readonly item_level_discount_amount?: number;
  readonly tax_amount?: number;
  readonly tax_rate?: number;
  readonly date_from?: number;
  readonly date_to?: number;
}

export interface QuoteDiscount {
  readonly amount?: number;
  readonly description?: string;
  readonly entity_type?: string;
  readonly entity_id?: string;
  readonly line_item_id?: string;
}

export interface QuoteTax {
  readonly name?: string;
  readonly amount?: number;
  readonly description?: string;
}

export interface QuoteNote {
  readonly note?: string;
}

export interface QuoteObject {
  readonly id: string;
  readonly status: string;
  readonly name?: string;
  readonly po_number?: string;
  readonly customer_id?: string;
  readonly subscription_id?: string;
  readonly invoice_id?: string;
  readonly operation_type?: string;
  readonly price_type?: string;
  readonly currency_code?: string;
  readonly date?: number;
  readonly valid_till?: number;
  readonly updated_at?: number;
  readonly sub_total?: number;
  readonly total?: number;
  readonly credits_applied?: number;
  readonly amount_paid?: number;
  readonly amount_due?: number;
  readonly total_payable?: number;
  readonly charge_on_acceptance?: number;
  readonly vat_number?: string;
  readonly version?: number;
  readonly deleted?: boolean;
  readonly notes?: readonly (QuoteNote | string)[];
  readonly line_items?: readonly QuoteLineItem[];
  readonly discounts?: readonly QuoteDiscount[];
  readonly taxes?: readonly QuoteTax[];
  readonly billing_address?: QuoteAddress;
  readonly shipping_address?: QuoteAddress;
}

/** What retrieve, update_status, extend_expiry_date and delete answer (docs/chargebee-api-notes.md#quote-endpoints). */
export interface QuoteEnvelope {
  readonly quote: QuoteObject;
  readonly quoted_subscription?: Readonly<Record<string, unknown>>;
  readonly quoted_charge?: Readonly<Record<string, unknown>>;
  readonly quoted_ramp?: Readonly<Record<string, unknown>>;
}

export interface InvoiceSummary {
  readonly id: string;
  readonly status?: string;
  readonly total?: number;
  readonly amount_due?: number;
  readonly currency_code?: string;
}

/** convert's answer: the quote, now invoiced, and what it produced (docs/chargebee-api-notes.md#quote-actions). */
export interface ConvertEnvelope extends QuoteEnvelope {
  readonly customer?: Readonly<Record<string, unknown>>;
  readonly subscription?: Readonly<Record<string, unknown>> & { readonly id?: string };
  readonly invoice?: InvoiceSummary;
  readonly credit_note?: Readonly<Record<string, unknown>>;
}

/** The envelope's quote when the answer has one with a string id and status; undefined otherwise. */
export function quoteOf(body: unknown): QuoteObject | undefined {
  if (!isRecord(body)) return undefined;
  const quote = body.quote;
  if (!isRecord(quote) || typeof quote.id !== 'string' || typeof quote.status !== 'string') return undefined;
  return quote as unknown as QuoteObject;
}

/** Throws a readable error when an answer holds no quote, so callers can keep the happy path typed. */
export function requireQuoteEnvelope(body: unknown): QuoteEnvelope {
  const quote = quoteOf(body);
  if (quote === undefined) throw new Error('Chargebee answered without a quote object.');
  return { ...(body as QuoteEnvelope), quote };
}
