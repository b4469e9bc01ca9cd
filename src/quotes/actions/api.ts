/**
 * Typed calls for the quote actions, over the catalog ids. The client gives each POST its own
 * idempotency key (reused by its retries), so a retried convert cannot create two invoices.
 */
import type { QuoteStatus } from '../../chargebee/catalog/enum-values';
import type { ParamTree } from '../../chargebee/catalog/types';
import type { ChargebeeClient } from '../../chargebee/client';
import { requireQuoteEnvelope, type ConvertEnvelope, type QuoteEnvelope } from '../detail/quote-model';
import type { DownloadResponse } from '../../chargebee/responses';

/** The part of ChargebeeClient the quote actions use; tests pass a fake or a client on the sandbox. */
export type QuoteClient = Pick<ChargebeeClient, 'call' | 'download' | 'pages'>;

/** update_status targets this extension offers (proposed and voided are CPQ-only). */
export type StatusChange = Extract<QuoteStatus, 'accepted' | 'declined' | 'closed'>;

export interface PdfOptions {
  readonly disposition: 'inline' | 'attachment';
  readonly consolidated: boolean;
}

export interface PdfLink {
  readonly downloadUrl: string;
  /** Epoch seconds; Chargebee's links live about a minute or an hour (docs/chargebee-api-notes.md#quote-pdf-expiry, unconfirmed). */
  readonly validTill?: number;
}

function path(quoteId: string): { pathParams: { quote_id: string } } {
  return { pathParams: { quote_id: quoteId } };
}

export async function retrieveQuote(client: QuoteClient, quoteId: string, signal?: AbortSignal): Promise<QuoteEnvelope> {
  const res = await client.call<unknown>('quotes.retrieve', { ...path(quoteId), signal });
  return requireQuoteEnvelope(res.body);
}

export async function updateQuoteStatus(client: QuoteClient, quoteId: string, status: StatusChange, comment: string | undefined): Promise<QuoteEnvelope> {
  const params: ParamTree = comment === undefined || comment === '' ? { status } : { status, comment };
  const res = await client.call<unknown>('quotes.update_status', { ...path(quoteId), params });
  return requireQuoteEnvelope(res.body);
}

export async function convertQuote(client: QuoteClient, quoteId: string, params: ParamTree): Promise<ConvertEnvelope> {
  const res = await client.call<unknown>('quotes.convert', { ...path(quoteId), params });
  return requireQuoteEnvelope(res.body);
}

export async function extendQuoteExpiry(client: QuoteClient, quoteId: string, validTill: number): Promise<QuoteEnvelope> {
  const res = await client.call<unknown>('quotes.extend_expiry_date', { ...path(quoteId), params: { valid_till: validTill } });
  return requireQuoteEnvelope(res.body);
}

export async function deleteQuote(client: QuoteClient, quoteId: string, comment: string | undefined): Promise<QuoteEnvelope> {
  const params: ParamTree = comment === undefined || comment === '' ? {} : { comment };
  const res = await client.call<unknown>('quotes.delete', { ...path(quoteId), params });
  return requireQuoteEnvelope(res.body);
}

/** POST /quotes/{id}/pdf: a fresh, short-lived download link. Not a write, so no write guard. */
export async function requestQuotePdf(client: QuoteClient, quoteId: string, options: PdfOptions): Promise<PdfLink> {
  const res = await client.call<DownloadResponse>('quotes.pdf', {
    ...path(quoteId),
    params: { disposition_type: options.disposition, consolidated_view: options.consolidated },
  });
  const download = res.body.download;
  if (typeof download?.download_url !== 'string' || download.download_url === '') throw new Error('Chargebee answered without a PDF download link.');
  return typeof download.valid_till === 'number' ? { downloadUrl: download.download_url, validTill: download.valid_till } : { downloadUrl: download.download_url };
}
