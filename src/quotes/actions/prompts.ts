/**
 * The quick inputs behind the actions. Each returns undefined when the user cancels (Escape), and the
 * caller then stops without a message. Validation text comes from inputs.ts. Every prompt goes through
 * the injected UserInput (src/commands/user-input.ts).
 */
import type * as vscode from 'vscode';
import { BACK, type UserInput } from '../../commands/user-input';
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

/**
 * Two or three steps: how to invoice, the invoice date (only when invoicing now), the flags. The count
 * is left open on step 1 (it depends on the answer), then shown as 2/2 or 2/3. Back returns to the
 * previous step with its answer kept.
 */
export async function askConvertChoices(ui: UserInput, quote: QuoteObject, nowSeconds: number): Promise<ConvertChoices | undefined> {
  const title = `Convert quote ${quote.id} to an invoice`;
  let immediately: Tri | typeof SITE_DEFAULT | undefined;
  let dateText: string | undefined;
  let step = 1;
  for (;;) {
    const invoiceNow = immediately === true;
    const total = invoiceNow ? 3 : 2;
    if (step === 1) {
      const current = immediately;
      const items: Choice<Tri | typeof SITE_DEFAULT>[] = [
        { label: 'Use the site setting', description: 'invoice_immediately left out', value: SITE_DEFAULT },
        { label: 'Invoice immediately', description: 'invoice_immediately=true', value: true },
        { label: 'Do not invoice now', description: 'invoice_immediately=false: charges stay unbilled', value: false },
      ];
      const picked = await ui.showQuickPick(
        current === undefined ? items : [...items].sort((a, b) => Number(b.value === current) - Number(a.value === current)),
        { title, ignoreFocusOut: true, step: { step: 1 } },
      );
      if (picked === undefined || picked === BACK) return undefined;
      immediately = picked.value;
      step = immediately === true ? 2 : 3;
      continue;
    }
    if (step === 2) {
      const earliest = isoDay(oneMonthBack(nowSeconds));
      const text = await ui.showInputBox({
        title,
        step: { step: 2, totalSteps: 3 },
        prompt: `Backdate the invoice (YYYY-MM-DD, ${earliest} to today), or leave empty to date it now.`,
        placeHolder: isoDay(nowSeconds),
        value: dateText ?? '',
        validateInput: (value) => {
          const parsed = parseInvoiceDate(value, nowSeconds);
          return parsed === undefined || parsed.ok ? undefined : parsed.message;
        },
        ignoreFocusOut: true,
      });
      if (text === undefined) return undefined;
      if (text === BACK) {
        step = 1;
        continue;
      }
      dateText = text;
      step = 3;
      continue;
    }
    const flags = await ui.showQuickPick(
      [
        { label: 'Create pending invoices', description: 'create_pending_invoices', picked: false, key: 'pending' as const },
        { label: 'First invoice pending', description: 'first_invoice_pending', picked: false, key: 'first' as const },
      ],
      { title, placeHolder: 'Select options, then press Enter (none is fine)', canPickMany: true, ignoreFocusOut: true, step: { step: total, totalSteps: total } },
    );
    if (flags === undefined) return undefined;
    if (flags === BACK) {
      step = invoiceNow ? 2 : 1;
      continue;
    }
    const invoiceImmediately = immediately === SITE_DEFAULT ? undefined : immediately;
    const parsed = invoiceNow && dateText !== undefined ? parseInvoiceDate(dateText, nowSeconds) : undefined;
    const invoiceDate = parsed?.ok === true ? parsed.seconds : undefined;
    const keys = new Set(flags.map((f) => f.key));
    return {
      ...(invoiceImmediately !== undefined ? { invoiceImmediately } : {}),
      ...(invoiceDate !== undefined ? { invoiceDate } : {}),
      ...(keys.has('pending') ? { createPendingInvoices: true } : {}),
      ...(keys.has('first') ? { firstInvoicePending: true } : {}),
    };
  }
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

/**
 * A modal "are you sure"; true only when the user chose Delete. Cancel is the modal's own button and
 * Escape's answer; "Keep Quote" is listed first, so Enter on the dialog's first button keeps the quote.
 */
export async function confirmDelete(ui: UserInput, quote: QuoteObject, siteLabel: string): Promise<boolean> {
  const del = 'Delete Quote';
  const keep = 'Keep Quote';
  const answer = await ui.showWarningMessage(
    `Delete quote ${quote.id} on ${siteLabel}?`,
    { modal: true, detail: `The quote (${quote.status}${quote.customer_id !== undefined ? `, customer ${quote.customer_id}` : ''}) is removed from Chargebee. This cannot be undone here.` },
    keep,
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
