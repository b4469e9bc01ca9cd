/**
 * Figure 5: the Quotes list with `--seed large` (10,000 quotes). src/quotes has no tree model that runs
 * without `vscode` yet, so this measures the paging the tree is built on (ChargebeeClient.pages over
 * GET /quotes, every quote kept in memory) against node-fetch + JSON.parse of the same pages.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/code-server';
import { startSandbox } from '../sandbox/index';
import { runChild } from './child';
import { figure, goal, MB, median, notMeasured, type Figure } from './figures';
import type { QuotesChildResult } from './quotes-child';

/** The API's largest page; the tree's own page size is its engineer's choice. */
const PAGE_SIZE = 100;

export async function benchQuotes(seed: 'large' | 'demo', rounds: number): Promise<Figure[]> {
  const seeding = performance.now();
  const sb = await startSandbox({ seed });
  const seededMs = performance.now() - seeding;
  const via = existsSync(join(repoRoot, 'src/quotes/tree')) ? 'client paging (src/quotes/tree exists now: switch to its model)' : 'client paging (no vscode-free tree model yet)';
  try {
    const ours: QuotesChildResult[] = [];
    const raw: QuotesChildResult[] = [];
    for (let round = 0; round < rounds; round++) {
      sb.control.resetStats();
      ours.push(await runChild<QuotesChildResult>('quotes-child.ts', ['client', sb.url, sb.apiKey, String(PAGE_SIZE)]));
      sb.control.resetStats();
      raw.push(await runChild<QuotesChildResult>('quotes-child.ts', ['raw', sb.url, sb.apiKey, String(PAGE_SIZE)]));
    }
    const first = ours[0];
    // `large` seeds 10,000 quotes of which some are soft-deleted; a default list leaves those out.
    const count = first ? `${first.quotes} listed quotes (${sb.control.store.quotes.size} seeded) in ${first.pages} pages of ${PAGE_SIZE}` : '';
    if (first && raw[0] && first.quotes !== raw[0].quotes) throw new Error(`the client saw ${first.quotes} quotes, raw paging ${raw[0].quotes}`);
    return [
      figure({ id: '5a', name: 'quotes: requests to show the first page', unit: 'req', value: Math.max(...ours.map((r) => r.firstPageRequests)), reference: { label: 'raw fetch', value: Math.max(...raw.map((r) => r.firstPageRequests)) }, goal: goal('value', '<=', 1, '1'), notes: `via ${via}` }),
      figure({ id: '5b', name: 'quotes: time to load every page', unit: 'ms', value: median(ours.map((r) => r.allPagesMs)), reference: { label: 'raw fetch + JSON.parse', value: median(raw.map((r) => r.allPagesMs)) }, notes: `${count}; median of ${rounds}; sandbox seeded in ${Math.round(seededMs)} ms` }),
      figure({ id: '5c', name: 'quotes: RSS growth to load every page', unit: 'MB', value: Math.max(...ours.map((r) => r.rss.growthBytes)) / MB, reference: { label: 'raw fetch + JSON.parse', value: Math.max(...raw.map((r) => r.rss.growthBytes)) / MB }, goal: goal('value', '<=', 30, '<= 30 MB'), notes: `worst of ${rounds}` }),
    ];
  } catch (error) {
    const why = `failed: ${(error as Error).message}`;
    return [
      notMeasured('5a', 'quotes: requests to show the first page', 'req', why),
      notMeasured('5b', 'quotes: time to load every page', 'ms', why),
      notMeasured('5c', 'quotes: RSS growth to load every page', 'MB', why),
    ];
  } finally {
    await sb.close();
  }
}
