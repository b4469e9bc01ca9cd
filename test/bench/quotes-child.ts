/**
 * Child process of figure 5: loads every page of the Quotes list and keeps what the tree keeps. Mode
 * `tree` is the extension's own model (QuoteTreeModel, flat, its PagedQuoteList loading page after page)
 * fed the way src/quotes/tree/provider.ts feeds it: ChargebeeClient.call('quotes.list') mapped through
 * quoteRow. Mode `raw` is the reference: node-fetch + JSON.parse by hand, every whole quote kept.
 * Prints one JSON line.
 */
import fetch from 'node-fetch';
import type { ParamTree } from '../../src/chargebee/catalog/types';
import { ChargebeeClient } from '../../src/chargebee/client';
import { QuoteTreeModel } from '../../src/quotes/tree/model';
import type { RowPage } from '../../src/quotes/tree/paged-list';
import { quoteRow, type QuoteRow } from '../../src/quotes/tree/row';
import { measureRss, type RssGrowth } from './rss';

export interface QuotesChildResult {
  quotes: number;
  pages: number;
  /** Sandbox requests counted once the first page was in hand. */
  firstPageRequests: number;
  firstPageMs: number;
  allPagesMs: number;
  rss: RssGrowth;
}

interface ListBody {
  list?: unknown[];
  next_offset?: unknown;
}

async function sandboxTotal(origin: string): Promise<number> {
  // The control API is not counted in the sandbox's stats, so asking does not disturb them.
  const res = await fetch(`${origin}/__sandbox/stats`);
  return ((await res.json()) as { total: number }).total;
}

/** What the provider's `fetch` does, minus the active-site check (there is one client here). */
function treeFetch(client: ChargebeeClient): (params: ParamTree, signal: AbortSignal) => Promise<RowPage> {
  return async (params, signal) => {
    const res = await client.call<ListBody>('quotes.list', { params, signal });
    const rows = (res.body.list ?? []).map(quoteRow).filter((r): r is QuoteRow => r !== undefined);
    const next = typeof res.body.next_offset === 'string' && res.body.next_offset !== '' ? res.body.next_offset : undefined;
    return next === undefined ? { rows } : { rows, nextOffset: next };
  };
}

interface Loader {
  /** Loads the next page; false once there is none. */
  next(): Promise<boolean>;
  count(): number;
  pages(): number;
}

function treeLoader(baseUrl: string, apiKey: string, limit: number): Loader & { model: QuoteTreeModel } {
  const client = new ChargebeeClient({ baseUrl, apiKey });
  let pages = 0;
  const model = new QuoteTreeModel({ siteId: 'bench', filter: {}, groupBy: 'none', fetch: treeFetch(client), pageSize: () => limit, onChange: () => undefined });
  const list = model.flat;
  if (!list) throw new Error('a flat model has a flat list');
  return {
    model,
    async next() {
      if (list.loaded && !list.hasMore) return false;
      await list.loadMore();
      if (list.error !== undefined) throw new Error(list.error);
      pages++;
      return list.hasMore;
    },
    count: () => list.rows.length,
    pages: () => pages,
  };
}

function rawLoader(baseUrl: string, apiKey: string, limit: number): Loader & { kept: unknown[] } {
  const auth = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  const kept: unknown[] = [];
  let offset: string | undefined;
  let pages = 0;
  return {
    kept,
    async next() {
      const query = new URLSearchParams({ limit: String(limit), 'sort_by[desc]': 'date', ...(offset !== undefined ? { offset } : {}) });
      const res = await fetch(`${baseUrl}/quotes?${query.toString()}`, { headers: { authorization: auth } });
      if (!res.ok) throw new Error(`GET /quotes answered ${res.status}`);
      const body = JSON.parse(await res.text()) as ListBody;
      for (const entry of body.list ?? []) kept.push((entry as { quote: unknown }).quote);
      pages++;
      offset = typeof body.next_offset === 'string' ? body.next_offset : undefined;
      return offset !== undefined;
    },
    count: () => kept.length,
    pages: () => pages,
  };
}

async function main(): Promise<void> {
  const [mode, baseUrl, apiKey, limitText] = process.argv.slice(2);
  if ((mode !== 'tree' && mode !== 'raw') || !baseUrl || !apiKey) throw new Error('usage: quotes-child tree|raw BASE_URL API_KEY LIMIT');
  const limit = Number(limitText ?? '100');
  const origin = new URL(baseUrl).origin;
  const before = await sandboxTotal(origin);
  let firstPageMs = 0;
  let firstPageRequests = 0;
  // Built inside the measured work, and kept referenced after it, so what it holds counts as retained.
  let loader: Loader | undefined;
  const { result: allPagesMs, rss } = await measureRss(async () => {
    const started = performance.now();
    loader = mode === 'tree' ? treeLoader(baseUrl, apiKey, limit) : rawLoader(baseUrl, apiKey, limit);
    let more = await loader.next();
    firstPageMs = performance.now() - started;
    firstPageRequests = (await sandboxTotal(origin)) - before;
    const resumed = performance.now();
    while (more) more = await loader.next();
    // The stats request is not part of loading.
    return firstPageMs + (performance.now() - resumed);
  });
  if (!loader) throw new Error('nothing was loaded');
  const out: QuotesChildResult = { quotes: loader.count(), pages: loader.pages(), firstPageRequests, firstPageMs, allPagesMs, rss };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
