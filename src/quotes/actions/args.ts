/**
 * What a quote command is called with. The first argument names the quote (a tree node, a quote object,
 * or an id; nothing means "ask with the picker"); the optional second one pre-answers prompts, for
 * scripts, keybindings and the extension-host tests. Both come from outside (any extension can run a
 * command), so both are checked here before use.
 */
import { isRecord } from '../../util/guards';
import type { QuoteObject } from '../detail/quote-model';
import type { PdfOptions } from './api';

export interface QuoteRef {
  readonly id: string;
  /** The quote as the caller last saw it, when it had one; used for the state check before asking. */
  readonly quote?: QuoteObject;
}

export interface QuoteCommandArgs {
  /** update_status / delete comment; '' means none. */
  readonly comment?: string;
  /** extend: YYYY-MM-DD. */
  readonly validTill?: string;
  /** convert: the flags, and invoice_date as YYYY-MM-DD. */
  readonly invoiceImmediately?: boolean;
  readonly invoiceDate?: string;
  readonly createPendingInvoices?: boolean;
  readonly firstInvoicePending?: boolean;
  /** delete: skip the modal confirmation (the site write guard still applies). */
  readonly confirmed?: boolean;
  /** pdf: the request options, and whether to open the saved file. */
  readonly pdf?: PdfOptions;
  readonly openAfterDownload?: boolean;
}

function asQuote(value: unknown): QuoteObject | undefined {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && typeof value.status === 'string' ? (value as unknown as QuoteObject) : undefined;
}

/** A quote reference from a tree node (`{ quote }`), a quote, `{ quoteId }` or an id string. */
export function quoteRefFrom(arg: unknown): QuoteRef | undefined {
  if (typeof arg === 'string') return arg.trim() === '' ? undefined : { id: arg.trim() };
  if (!isRecord(arg)) return undefined;
  const nested = asQuote(arg.quote);
  if (nested) return { id: nested.id, quote: nested };
  const direct = asQuote(arg);
  if (direct) return { id: direct.id, quote: direct };
  if (typeof arg.quoteId === 'string' && arg.quoteId !== '') return { id: arg.quoteId };
  return undefined;
}

/**
 * A reference that names another site than the active one is refused rather than run on the wrong
 * site (a detail page or tree row can outlive a site switch); undefined when it may go on.
 */
export function otherSiteProblem(arg: unknown, activeSiteId: string): string | undefined {
  const siteId = isRecord(arg) ? arg.siteId : undefined;
  return typeof siteId === 'string' && siteId !== activeSiteId ? 'That quote belongs to another site than the active one; switch to its site first.' : undefined;
}

const BOOLEAN_KEYS = ['invoiceImmediately', 'createPendingInvoices', 'firstInvoicePending', 'confirmed', 'openAfterDownload'] as const;
const STRING_KEYS = ['comment', 'validTill', 'invoiceDate'] as const;

/** The second argument, keeping only correctly typed keys; anything else is ignored, not trusted. */
export function commandArgsFrom(arg: unknown): QuoteCommandArgs {
  if (!isRecord(arg)) return {};
  const out: Record<string, unknown> = {};
  for (const key of BOOLEAN_KEYS) if (typeof arg[key] === 'boolean') out[key] = arg[key];
  for (const key of STRING_KEYS) if (typeof arg[key] === 'string') out[key] = arg[key];
  const pdf = arg.pdf;
  if (isRecord(pdf) && (pdf.disposition === 'inline' || pdf.disposition === 'attachment') && typeof pdf.consolidated === 'boolean') {
    out.pdf = { disposition: pdf.disposition, consolidated: pdf.consolidated };
  }
  return out;
}
