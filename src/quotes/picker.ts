/**
 * "Which quote?" for palette commands: the one paged Quick Pick (src/pickers/paged-pick.ts) over the
 * active site's quotes, newest first, limited to the statuses that allow the action, with "Load more",
 * and searched on the server by id or customer id (`id[starts_with]`, then `customer_id[starts_with]`)
 * so quotes not loaded yet can be found.
 */
import type * as vscode from 'vscode';
import type { CLASSIC_QUOTE_STATUSES } from '../chargebee/catalog/enum-values';
import type { PickerItem } from '../pickers/page';
import { quoteList } from '../pickers/quotes';
import { pickPaged } from '../pickers/quick-pick';
import type { StagedList } from '../pickers/staged-list';
import type { QuoteClient } from './actions/api';
import { formatMoney } from './detail/format';
import type { QuoteObject } from './detail/quote-model';
import { quoteOf } from './detail/quote-model';

export interface QuotePickerOptions {
  readonly title: string;
  /** Only these statuses are listed; undefined lists all. */
  readonly statuses?: readonly string[];
  /** Further filtering on the client (e.g. the lazy-expiry rule). */
  readonly accept?: (quote: QuoteObject) => boolean;
  readonly pageSize?: number;
  readonly locale: string;
}

const STATUS_ICONS: Readonly<Partial<Record<string, string>>> & Readonly<Record<(typeof CLASSIC_QUOTE_STATUSES)[number], string>> = {
  open: 'circle-large-outline',
  accepted: 'pass',
  declined: 'circle-slash',
  invoiced: 'file-text',
  closed: 'lock',
};

export function quotePickItem(quote: QuoteObject, locale: string): vscode.QuickPickItem & { readonly quote: QuoteObject } {
  const icon = STATUS_ICONS[quote.status] ?? 'circle-outline';
  return {
    label: `$(${icon}) ${quote.id}`,
    description: [quote.customer_id, formatMoney(quote.total, quote.currency_code, { locale })].filter((p) => p !== undefined && p !== '').join(' · '),
    detail: [quote.status, quote.name].filter((p) => p !== undefined && p !== '').join(' · '),
    quote,
  };
}

type QuoteEntry = PickerItem & { readonly quote: QuoteObject };

/** The quotes list for `text`, narrowed to `statuses` on the server and by `accept` here. */
function quoteEntries(text: string, options: QuotePickerOptions): StagedList<QuoteEntry> {
  const list = quoteList(text);
  const accept = options.accept ?? ((): boolean => true);
  return {
    ...list,
    base: { ...list.base, ...(options.statuses !== undefined ? { status: { in: [...options.statuses] } } : {}) },
    toItem: (_entry, envelope) => {
      const quote = quoteOf(envelope);
      if (!quote || !accept(quote)) return undefined;
      const row = quotePickItem(quote, options.locale);
      return { id: quote.id, label: row.label, ...(row.description !== undefined ? { description: row.description } : {}), quote };
    },
  };
}

/** Resolves to the chosen quote, or undefined when the user dismisses the picker. */
export async function pickQuote(client: QuoteClient, options: QuotePickerOptions): Promise<QuoteObject | undefined> {
  const picked = await pickPaged(client, {
    title: options.title,
    placeholder: 'Type a quote id or customer id',
    list: (text) => quoteEntries(text, options),
    row: (entry) => quotePickItem(entry.quote, options.locale),
    pageSize: options.pageSize ?? 50,
    noun: 'quotes',
    emptyLabel: options.statuses === undefined ? 'No quotes found' : 'No quotes allow this action',
  });
  return picked && 'item' in picked ? picked.item.quote : undefined;
}
