/**
 * "Which quote?" for palette commands: a QuickPick over the active site's quotes, newest first, limited
 * to the statuses that allow the action, paged with a "Load more" entry, and searchable by id or
 * customer: typing filters what is loaded and also asks the API (`id[starts_with]`,
 * `customer_id[starts_with]`) so quotes not loaded yet can be found.
 */
import * as vscode from 'vscode';
import type { ParamTree } from '../chargebee/catalog/types';
import { settleOnce } from '../util/settle-once';
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

interface QuoteItem extends vscode.QuickPickItem {
  readonly quote?: QuoteObject;
  readonly loadMore?: true;
}

interface ListBody {
  readonly list?: readonly unknown[];
  readonly next_offset?: unknown;
}

const SEARCH_DELAY_MS = 300;

const STATUS_ICONS: Readonly<Record<string, string>> = {
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

async function listPage(client: QuoteClient, params: ParamTree, signal: AbortSignal): Promise<{ quotes: QuoteObject[]; next?: string }> {
  const res = await client.call<ListBody>('quotes.list', { params, signal });
  const quotes = (res.body.list ?? []).map(quoteOf).filter((q): q is QuoteObject => q !== undefined);
  const next = typeof res.body.next_offset === 'string' && res.body.next_offset !== '' ? res.body.next_offset : undefined;
  return next === undefined ? { quotes } : { quotes, next };
}

/** Resolves to the chosen quote, or undefined when the user dismisses the picker. */
export async function pickQuote(client: QuoteClient, options: QuotePickerOptions): Promise<QuoteObject | undefined> {
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 50));
  const base: ParamTree = {
    limit: pageSize,
    sort_by: { desc: 'date' },
    ...(options.statuses !== undefined ? { status: { in: [...options.statuses] } } : {}),
  };
  const accept = options.accept ?? ((): boolean => true);
  const picker = vscode.window.createQuickPick<QuoteItem>();
  picker.title = options.title;
  picker.placeholder = 'Type a quote id or customer id';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const controller = new AbortController();
  const loaded = new Map<string, QuoteObject>();
  let nextOffset: string | undefined;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;

  const refreshItems = (): void => {
    const items: QuoteItem[] = [...loaded.values()].map((q) => quotePickItem(q, options.locale));
    if (nextOffset !== undefined) items.push({ label: '$(ellipsis) Load more…', alwaysShow: true, loadMore: true });
    if (items.length === 0 && !picker.busy) items.push({ label: 'No quotes allow this action', alwaysShow: true });
    // Keep the user's place: replacing items would otherwise jump to the top after "Load more".
    const active = picker.activeItems[0]?.quote?.id;
    picker.items = items;
    const again = items.find((i) => i.quote?.id === active);
    if (again) picker.activeItems = [again];
  };

  const add = (quotes: readonly QuoteObject[]): void => {
    for (const q of quotes) if (accept(q)) loaded.set(q.id, q);
  };

  const load = async (params: ParamTree, isNextPage: boolean): Promise<void> => {
    picker.busy = true;
    try {
      const page = await listPage(client, params, controller.signal);
      add(page.quotes);
      if (isNextPage) nextOffset = page.next;
    } catch (err) {
      if (!controller.signal.aborted) picker.placeholder = `Could not load quotes: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      picker.busy = false;
      if (!controller.signal.aborted) refreshItems();
    }
  };

  const search = (value: string): void => {
    if (searchTimer !== undefined) clearTimeout(searchTimer);
    const term = value.trim();
    if (term === '') return;
    const seq = ++searchSeq;
    searchTimer = setTimeout(() => {
      if (seq !== searchSeq) return;
      const limit = Math.min(pageSize, 20);
      const byId: ParamTree = { ...base, limit, id: { starts_with: term } };
      const byCustomer: ParamTree = { ...base, limit, customer_id: { starts_with: term } };
      void load(byId, false).then(() => load(byCustomer, false));
    }, SEARCH_DELAY_MS);
  };

  return new Promise<QuoteObject | undefined>((resolve) => {
    const finish = settleOnce(resolve, () => picker.hide());
    picker.onDidChangeValue(search);
    picker.onDidAccept(() => {
      const item = picker.selectedItems[0];
      if (item?.loadMore === true && nextOffset !== undefined) {
        void load({ ...base, offset: nextOffset }, true);
        return;
      }
      if (item?.quote) finish(item.quote);
    });
    picker.onDidHide(() => {
      controller.abort();
      if (searchTimer !== undefined) clearTimeout(searchTimer);
      picker.dispose();
      finish(undefined);
    });
    picker.show();
    // load() marks the picker busy before its first await, so the empty state does not flash.
    void load(base, true);
    refreshItems();
  });
}
