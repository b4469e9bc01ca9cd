/**
 * Child process of figure 5: loads every page of `GET /quotes` and keeps the quotes, as the Quotes tree
 * holds its children. Mode `client` pages through ChargebeeClient.pages (what the tree uses); mode `raw`
 * is the reference, node-fetch + JSON.parse by hand. Prints one JSON line.
 */
import fetch from 'node-fetch';
import { ChargebeeClient } from '../../src/chargebee/client';
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
  list?: { quote: Record<string, unknown> }[];
  next_offset?: string;
}

async function sandboxTotal(origin: string): Promise<number> {
  // The control API is not counted in the sandbox's stats, so asking does not disturb them.
  const res = await fetch(`${origin}/__sandbox/stats`);
  return ((await res.json()) as { total: number }).total;
}

async function* rawPages(baseUrl: string, apiKey: string, limit: number): AsyncGenerator<ListBody> {
  const auth = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  let offset: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(offset !== undefined ? { offset } : {}) });
    const res = await fetch(`${baseUrl}/quotes?${query.toString()}`, { headers: { authorization: auth } });
    if (!res.ok) throw new Error(`GET /quotes answered ${res.status}`);
    const body = JSON.parse(await res.text()) as ListBody;
    yield body;
    offset = body.next_offset;
  } while (offset !== undefined);
}

async function main(): Promise<void> {
  const [mode, baseUrl, apiKey, limitText] = process.argv.slice(2);
  if ((mode !== 'client' && mode !== 'raw') || !baseUrl || !apiKey) throw new Error('usage: quotes-child client|raw BASE_URL API_KEY LIMIT');
  const limit = Number(limitText ?? '100');
  const origin = new URL(baseUrl).origin;
  const client = new ChargebeeClient({ baseUrl, apiKey });
  const before = await sandboxTotal(origin);
  const kept: Record<string, unknown>[] = [];
  let pages = 0;
  let firstPageMs = 0;
  let firstPageRequests = 0;
  const { result: allPagesMs, rss } = await measureRss(async () => {
    const started = performance.now();
    const source = mode === 'client' ? client.pages<{ quote: Record<string, unknown> }>('/quotes', { limit }) : rawPages(baseUrl, apiKey, limit);
    for await (const page of source) {
      pages++;
      for (const entry of page.list ?? []) kept.push(entry.quote);
      if (pages === 1) {
        firstPageMs = performance.now() - started;
        firstPageRequests = (await sandboxTotal(origin)) - before;
      }
    }
    return performance.now() - started;
  });
  const out: QuotesChildResult = { quotes: kept.length, pages, firstPageRequests, firstPageMs, allPagesMs, rss };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
