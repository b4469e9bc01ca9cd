/**
 * Readers of the API's quote answers. The types are chargebee/responses.ts (docs/chargebee-api-notes.md#quote-object):
 * every field the API may leave out is optional; the renderer treats anything else it meets as absent.
 */
import type { QuoteEnvelope, QuoteObject } from '../../chargebee/responses';
import { isRecord } from '../../util/guards';

export type { QuoteAddress, QuoteLineItem, QuoteDiscount, QuoteTax, QuoteNote, QuoteObject, QuoteEnvelope, InvoiceSummary, ConvertEnvelope } from '../../chargebee/responses';

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
