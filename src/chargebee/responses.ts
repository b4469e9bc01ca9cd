/**
 * The answers of the Chargebee calls this extension makes, typed once and named after the official
 * SDK's types (`Quote`, `Customer`, `Subscription`, `Export`, and the list responses' `list` +
 * `next_offset`). Only the fields the code reads; bodies are untrusted, so what the API may leave
 * out is optional and the readers check types before use (see quotes/detail/quote-model.ts).
 */

// ---- lists ----

/** A list call's answer: `{ list: [{ <entity>: {...}, ... }], next_offset }`; next_offset is a string when more pages exist. */
export interface ListResponse<E = Readonly<Record<string, unknown>>> {
  readonly list?: readonly E[];
  readonly next_offset?: unknown;
}

// ---- customers and subscriptions (SDK `Customer`, `Subscription`) ----

export interface CustomerResponse {
  readonly customer?: { readonly id?: unknown; readonly preferred_currency_code?: unknown };
}

export interface SubscriptionResponse {
  readonly subscription?: { readonly id?: unknown; readonly currency_code?: unknown };
}

// ---- exports (SDK `Export`) ----

/** The export object (https://apidocs.chargebee.com/docs/api/exports); `download` only when completed. */
export interface ExportObject {
  readonly id: string;
  readonly status: 'in_process' | 'completed' | 'failed';
  readonly mime_type?: string;
  readonly operation_type?: string;
  readonly created_at?: number;
  readonly download?: { readonly download_url: string; readonly valid_till: number; readonly mime_type?: string };
}

export interface ExportResponse {
  readonly export?: ExportObject;
}

// ---- quotes (SDK `Quote`): the parts the extension reads ----

/** quotes.pdf's answer (SDK `Download`): a presigned link, never logged or shown. */
export interface DownloadResponse {
  readonly download?: { readonly download_url?: unknown; readonly valid_till?: unknown };
}

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

// ---- site configuration (SDK `Configuration`) ----

/** `GET /configurations`: one entry per site; `product_catalog_version` is `v1` or `v2`. */
export interface ConfigurationListResponse {
  readonly configurations?: readonly { readonly domain?: unknown; readonly product_catalog_version?: unknown }[];
}

// ---- quote line groups (SDK `QuoteLineGroup`) ----

/** One charge event of a quote (GET /quotes/{id}/quote_line_groups): a multi-term quote has one per billing cycle. */
export interface QuoteLineGroup {
  readonly id?: string;
  readonly charge_event?: string;
  readonly billing_cycle_number?: number;
  readonly sub_total?: number;
  readonly total?: number;
  readonly credits_applied?: number;
  readonly amount_paid?: number;
  readonly amount_due?: number;
  readonly line_items?: readonly QuoteLineItem[];
  readonly discounts?: readonly QuoteDiscount[];
  readonly taxes?: readonly QuoteTax[];
}
