/**
 * Figure 5: the Quotes list with `--seed large` (10,000 quotes), through the tree's own vscode-free model
 * (src/quotes/tree/model.ts and paged-list.ts, flat, fed as provider.ts feeds it) against node-fetch +
 * JSON.parse of the same pages keeping every whole quote. Memory twice: the peak while loading (parse
 * garbage included) and what is still held after a full collection (what the tree retains).
 */
import { startSandbox } from '../sandbox/index';
import { runChild } from './child';
import { figure, goal, MB, median, notMeasured, type Figure } from './figures';
import type { QuotesChildResult } from './quotes-child';

/** The API's largest page, and the largest `chargebee.quotes.pageSize` allows (the default is 50). */
const PAGE_SIZE = 100;

export async function benchQuotes(seed: 'large' | 'demo', rounds: number): Promise<Figure[]> {
  const seeding = performance.now();
  const sb = await startSandbox({ seed });
  const seededMs = performance.now() - seeding;
  try {
    const ours: QuotesChildResult[] = [];
    const raw: QuotesChildResult[] = [];
    for (let round = 0; round < rounds; round++) {
      sb.control.resetStats();
      ours.push(await runChild<QuotesChildResult>('quotes-child.ts', ['tree', sb.url, sb.apiKey, String(PAGE_SIZE)]));
      sb.control.resetStats();
      raw.push(await runChild<QuotesChildResult>('quotes-child.ts', ['raw', sb.url, sb.apiKey, String(PAGE_SIZE)]));
    }
    const first = ours[0];
    // `large` seeds 10,000 quotes of which some are soft-deleted; a default list leaves those out.
    const count = first ? `${first.quotes} listed quotes (${sb.control.store.quotes.size} seeded) in ${first.pages} pages of ${PAGE_SIZE}` : '';
    if (first && raw[0] && first.quotes !== raw[0].quotes) throw new Error(`the tree holds ${first.quotes} quotes, raw paging ${raw[0].quotes}`);
    const retained = (r: QuotesChildResult): number => (r.rss.afterGc?.rssBytes ?? NaN) / MB;
    const heap = (rs: readonly QuotesChildResult[]): string => `${(Math.max(...rs.map((r) => r.rss.afterGc?.heapBytes ?? NaN)) / MB).toFixed(1)} MB`;
    const thirty = goal('value', '<=', 30, '<= 30 MB');
    return [
      figure({ id: '5a', name: 'quotes: requests to show the first page', unit: 'req', value: Math.max(...ours.map((r) => r.firstPageRequests)), reference: { label: 'raw fetch', value: Math.max(...raw.map((r) => r.firstPageRequests)) }, goal: goal('value', '<=', 1, '1'), notes: 'QuoteTreeModel (flat) first loadMore(), counted by the sandbox' }),
      figure({ id: '5b', name: 'quotes: time to load every page', unit: 'ms', value: median(ours.map((r) => r.allPagesMs)), reference: { label: 'raw fetch + JSON.parse', value: median(raw.map((r) => r.allPagesMs)) }, notes: `${count}; median of ${rounds}; sandbox seeded in ${Math.round(seededMs)} ms` }),
      figure({ id: '5c', name: 'quotes: peak RSS growth to load every page', unit: 'MB', value: Math.max(...ours.map((r) => r.rss.growthBytes)) / MB, reference: { label: 'raw fetch + JSON.parse, whole quotes', value: Math.max(...raw.map((r) => r.rss.growthBytes)) / MB }, goal: thirty, notes: `worst of ${rounds}; kernel VmHWM and 20 ms samples; includes JSON parse garbage not yet collected` }),
      figure({ id: '5d', name: 'quotes: RSS growth retained after a GC', unit: 'MB', value: Math.max(...ours.map(retained)), reference: { label: 'raw fetch + JSON.parse, whole quotes', value: Math.max(...raw.map(retained)) }, goal: thirty, notes: `worst of ${rounds}; after 2 full collections (--expose-gc); V8 heap still used: ${heap(ours)} (whole quotes: ${heap(raw)})` }),
    ];
  } catch (error) {
    const why = `failed: ${(error as Error).message}`;
    return [
      notMeasured('5a', 'quotes: requests to show the first page', 'req', why),
      notMeasured('5b', 'quotes: time to load every page', 'ms', why),
      notMeasured('5c', 'quotes: peak RSS growth to load every page', 'MB', why),
      notMeasured('5d', 'quotes: RSS growth retained after a GC', 'MB', why),
    ];
  } finally {
    await sb.close();
  }
}
