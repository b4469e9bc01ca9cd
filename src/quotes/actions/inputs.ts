/**
 * Validation and request building for the action prompts. Pure (no vscode), so every rule the input
 * boxes enforce is unit-tested here; the prompts only show these messages.
 */
import type { ParamTree } from '../../chargebee/catalog/types';
import { parseDay as parseDayText } from '../../forms/dates';

/** update_status and delete both cap `comment` at 300 characters (docs/chargebee-api-notes.md#quote-actions). */
export const MAX_COMMENT = 300;

const DAY = 86_400;

export function commentProblem(text: string): string | undefined {
  return text.length > MAX_COMMENT ? `At most ${MAX_COMMENT} characters (${text.length} now).` : undefined;
}

export type SecondsParse = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly message: string };

/** The one day parser (forms/dates.ts), worded for an input box. */
function parseDay(text: string): SecondsParse {
  const parsed = parseDayText(text);
  if (parsed.ok) return parsed;
  return { ok: false, message: parsed.message.startsWith('must') ? 'Enter a date as YYYY-MM-DD.' : `That ${parsed.message}.` };
}

/** UTC midnight of the day `seconds` falls in. */
function dayStart(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}

/**
 * The new valid_till: the end (23:59:59 UTC) of the typed day, so "valid till the 30th" includes the
 * 30th wherever the customer is. The end of the day has to be in the future, so today is accepted.
 */
export function parseExpiryDate(text: string, nowSeconds: number): SecondsParse {
  const day = parseDay(text);
  if (!day.ok) return day;
  const endOfDay = day.seconds + DAY - 1;
  if (endOfDay <= nowSeconds) return { ok: false, message: 'The new expiry date must be today or later.' };
  return { ok: true, seconds: endOfDay };
}

/**
 * One calendar month before the UTC day of `nowSeconds` (31 March -> 28/29 February: the month end
 * clamps), which is how far back Chargebee lets an invoice be dated (docs/chargebee-api-notes.md#quote-actions).
 */
export function oneMonthBack(nowSeconds: number): number {
  const now = new Date(dayStart(nowSeconds) * 1000);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay)) / 1000;
}

/**
 * invoice_date: optional (empty means "now"), a past day, at most one calendar month back. Sent as UTC
 * midnight of that day, which is in the past even for today.
 */
export function parseInvoiceDate(text: string, nowSeconds: number): SecondsParse | undefined {
  if (text.trim() === '') return undefined;
  const day = parseDay(text);
  if (!day.ok) return day;
  if (day.seconds > dayStart(nowSeconds)) return { ok: false, message: 'The invoice date cannot be in the future.' };
  if (day.seconds < oneMonthBack(nowSeconds)) return { ok: false, message: 'The invoice date can be at most one month back.' };
  return day;
}

/** Answers to the convert prompts; `undefined` leaves a flag to the site's setting. */
export interface ConvertChoices {
  readonly invoiceImmediately?: boolean;
  /** UTC seconds; only with invoiceImmediately. */
  readonly invoiceDate?: number;
  readonly createPendingInvoices?: boolean;
  readonly firstInvoicePending?: boolean;
}

export type ConvertBuild = { readonly ok: true; readonly params: ParamTree } | { readonly ok: false; readonly message: string };

/** The convert body; refuses invoice_date without invoice_immediately=true, as the API would (docs/chargebee-api-notes.md#quote-actions). */
export function buildConvertParams(choices: ConvertChoices): ConvertBuild {
  if (choices.invoiceDate !== undefined && choices.invoiceImmediately !== true) {
    return { ok: false, message: 'An invoice date needs "invoice immediately".' };
  }
  const params: Record<string, boolean | number> = {};
  if (choices.invoiceImmediately !== undefined) params.invoice_immediately = choices.invoiceImmediately;
  if (choices.invoiceDate !== undefined) params.invoice_date = choices.invoiceDate;
  if (choices.createPendingInvoices !== undefined) params.create_pending_invoices = choices.createPendingInvoices;
  if (choices.firstInvoicePending !== undefined) params.first_invoice_pending = choices.firstInvoicePending;
  return { ok: true, params };
}

/** `YYYY-MM-DD` of a UTC day, for prompt placeholders. */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
