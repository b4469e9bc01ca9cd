/**
 * The quick inputs behind the actions. Each returns undefined when the user cancels (Escape), and the
 * caller then stops without a message. Validation text comes from inputs.ts. Every prompt goes through
 * the injected UserInput (src/commands/user-input.ts).
 */
import type * as vscode from 'vscode';
import type { UserInput } from '../../commands/user-input';
import type { QuoteObject } from '../detail/quote-model';
import type { PdfOptions } from './api';
import type { ConvertChoices } from './inputs';
import { commentProblem, isoDay, MAX_COMMENT, oneMonthBack, parseExpiryDate, parseInvoiceDate } from './inputs';

/** An optional comment; '' (Enter on an empty box) means none, undefined means cancelled. */
export async function askComment(ui: UserInput, title: string, prompt: string): Promise<string | undefined> {
  return ui.showInputBox({
    title,
    prompt,
    placeHolder: `Optional, at most ${MAX_COMMENT} characters; internal only`,
    validateInput: commentProblem,
    ignoreFocusOut: true,
  });
}

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

async function pickOne<T>(ui: UserInput, title: string, items: readonly Choice<T>[]): Promise<T | undefined> {
  const picked = await ui.showQuickPick(items, { title, ignoreFocusOut: true });
  return picked?.value;
}

type Tri = boolean | undefined;
/** Distinguishes "cancelled" from "leave to the site setting" (which is `undefined` as a value). */
const SITE_DEFAULT = 'site-default' as const;

export async function askConvertChoices(ui: UserInput, quote: QuoteObject, nowSeconds: number): Promise<ConvertChoices | undefined> {
  const title = (step: number): string => `Convert quote ${quote.id} to an invoice (${step}/3)`;
  const immediately = await pickOne<Tri | typeof SITE_DEFAULT>(ui, title(1), [
    { label: 'Use the site setting', description: 'invoice_immediately left out', value: SITE_DEFAULT },
    { label: 'Invoice immediately', description: 'invoice_immediately=true', value: true },
    { label: 'Do not invoice now', description: 'invoice_immediately=false: charges stay unbilled', value: false },
  ]);
  if (immediately === undefined) return undefined;
  const invoiceImmediately = immediately === SITE_DEFAULT ? undefined : immediately;

  let invoiceDate: number | undefined;
  if (invoiceImmediately === true) {
    const earliest = isoDay(oneMonthBack(nowSeconds));
    const text = await ui.showInputBox({
      title: title(2),
      prompt: `Backdate the invoice (YYYY-MM-DD, ${earliest} to today), or leave empty to date it now.`,
      placeHolder: isoDay(nowSeconds),
      validateInput: (value) => {
        const parsed = parseInvoiceDate(value, nowSeconds);
        return parsed === undefined || parsed.ok ? undefined : parsed.message;
      },
      ignoreFocusOut: true,
    });
    if (text === undefined) return undefined;
    const parsed = parseInvoiceDate(text, nowSeconds);
    invoiceDate = parsed?.ok === true ? parsed.seconds : undefined;
  }

  const flags = await ui.showQuickPick(
    [
      { label: 'Create pending invoices', description: 'create_pending_invoices', picked: false, key: 'pending' as const },
      { label: 'First invoice pending', description: 'first_invoice_pending', picked: false, key: 'first' as const },
    ],
    { title: title(3), placeHolder: 'Select options, then press Enter (none is fine)', canPickMany: true, ignoreFocusOut: true },
  );
  if (flags === undefined) return undefined;
  const keys = new Set(flags.map((f) => f.key));
  return {
    ...(invoiceImmediately !== undefined ? { invoiceImmediately } : {}),
    ...(invoiceDate !== undefined ? { invoiceDate } : {}),
    ...(keys.has('pending') ? { createPendingInvoices: true } : {}),
    ...(keys.has('first') ? { firstInvoicePending: true } : {}),
  };
}

const DAY = 86_400;

/** The new valid_till in UTC seconds (end of the chosen day), or undefined when cancelled. */
export async function askExpiry(ui: UserInput, quote: QuoteObject, nowSeconds: number): Promise<number | undefined> {
  // Suggest a month past whichever is later, today or the current expiry.
  const suggestion = isoDay(Math.max(nowSeconds, quote.valid_till ?? 0) + 30 * DAY);
  const current = quote.valid_till === undefined ? '' : ` (now ${isoDay(quote.valid_till)})`;
  const text = await ui.showInputBox({
    title: `Extend quote ${quote.id}`,
    prompt: `New expiry date${current}, YYYY-MM-DD; valid until the end of that day, UTC.`,
    value: suggestion,
    validateInput: (value) => {
      const parsed = parseExpiryDate(value, nowSeconds);
      return parsed.ok ? undefined : parsed.message;
    },
    ignoreFocusOut: true,
  });
  if (text === undefined) return undefined;
  const parsed = parseExpiryDate(text, nowSeconds);
  return parsed.ok ? parsed.seconds : undefined;
}

/** A modal "are you sure"; true only when the user chose Delete. */
export async function confirmDelete(ui: UserInput, quote: QuoteObject, siteLabel: string): Promise<boolean> {
  const del = 'Delete';
  const answer = await ui.showWarningMessage(
    `Delete quote ${quote.id} on ${siteLabel}?`,
    { modal: true, detail: `The quote (${quote.status}${quote.customer_id !== undefined ? `, customer ${quote.customer_id}` : ''}) is removed from Chargebee. This cannot be undone here.` },
    del,
  );
  return answer === del;
}

export async function askPdfOptions(ui: UserInput, quote: QuoteObject): Promise<PdfOptions | undefined> {
  return pickOne<PdfOptions>(ui, `Quote ${quote.id} PDF`, [
    { label: '$(file-pdf) Standard view', description: 'inline', value: { disposition: 'inline', consolidated: false } },
    { label: '$(file-pdf) Consolidated view', description: 'inline · one view across all charge events', value: { disposition: 'inline', consolidated: true } },
    { label: '$(cloud-download) Standard view as attachment', description: 'attachment', value: { disposition: 'attachment', consolidated: false } },
    { label: '$(cloud-download) Consolidated view as attachment', description: 'attachment · consolidated', value: { disposition: 'attachment', consolidated: true } },
  ]);
}
