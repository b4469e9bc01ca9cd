/**
 * Child process of figure 3: downloads `url` through the extension's own path (downloadExport ->
 * ChargebeeClient.download -> streamToFile) for a completed export job whose in-memory link points at
 * the URL, and prints one JSON line: bytes, seconds, RSS growth. A process of its own, so its RSS is
 * the download's and nothing else's. Mode `node` does the same with a bare http.get, as a diagnostic.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { downloadExport } from '../../src/exports/jobs/download-job';
import { exportApi, exportClient } from '../../src/exports/jobs/export-api';
import { DownloadLinks } from '../../src/exports/jobs/links';
import { JobStore } from '../../src/exports/jobs/store';
import { systemClock } from '../../src/exports/jobs/clock';
import type { ExportEngineDeps } from '../../src/exports/queue';
import { MemoryKv } from '../support/export-engine';
import { measureRss, type RssGrowth } from './rss';

export interface DownloadChildResult {
  bytes: number;
  seconds: number;
  /** CPU time of this process during the download: user (the code's own work) and system (the kernel's). */
  userSeconds: number;
  systemSeconds: number;
  rss: RssGrowth;
}

/** Wall and CPU time of `work`: CPU time is what a loaded shared machine disturbs least. */
async function timed(work: () => Promise<unknown>): Promise<{ seconds: number; userSeconds: number; systemSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, userSeconds: used.user / 1e6, systemSeconds: used.system / 1e6 };
}

/** The floor any Node download meets here: http.get piped straight to a file, no fetch, no counting. */
async function plainNode(url: string, folder: string): Promise<void> {
  const file = join(folder, 'plain.bin');
  const { result, rss } = await measureRss(() =>
    timed(async () => {
      const res = await new Promise<IncomingMessage>((resolve, reject) => get(url, resolve).once('error', reject));
      await pipeline(res, createWriteStream(file));
    }),
  );
  const { size } = await stat(file);
  await rm(file, { force: true });
  const out: DownloadChildResult = { bytes: size, ...result, rss };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function main(): Promise<void> {
  const [mode, baseUrl, apiKey, url, folder] = process.argv.slice(2);
  if (!baseUrl || !apiKey || !url || !folder) throw new Error('usage: download-child extension|node BASE_URL API_KEY URL FOLDER');
  if (mode === 'node') return plainNode(url, folder);
  const store = new JobStore(new MemoryKv());
  const links = new DownloadLinks();
  const api = exportApi(exportClient({ baseUrl, apiKey }));
  const deps: ExportEngineDeps = { store, links, apiFor: () => api, pathFor: (kind) => `/exports/${kind}`, clock: systemClock, settings: () => ({}) };
  const now = Date.now();
  await store.add({ id: 'bench', siteId: 'bench', kind: 'exports.customers', params: {}, createdAt: now, status: 'completed', exportId: 'bench', attempts: 0, finishedAt: now, mimeType: 'zip' });
  links.set('bench', { url, validTill: Math.floor(now / 1000) + 3600 });
  // A 1-byte warm-up through the same path, so loading node-fetch and friends is not counted.
  const warm = await mkdtemp(join(folder, 'warm-'));
  links.set('warm', { url: url.replace(/bytes=\d+/, 'bytes=1'), validTill: Math.floor(now / 1000) + 3600 });
  await store.add({ id: 'warm', siteId: 'bench', kind: 'exports.customers', params: {}, createdAt: now, status: 'completed', exportId: 'warm', attempts: 0, finishedAt: now, mimeType: 'zip' });
  await downloadExport(deps, { jobId: 'warm', folder: warm, extract: false });
  await rm(warm, { recursive: true, force: true });

  let file = '';
  // Progress is asked for, as the extension's notification does, so its cost is counted.
  let reports = 0;
  const { result, rss } = await measureRss(() =>
    timed(async () => {
      file = (await downloadExport(deps, { jobId: 'bench', folder, extract: false, onProgress: () => reports++ })).file;
    }),
  );
  const { size } = await stat(file);
  await rm(file, { force: true });
  if (reports === 0) throw new Error('the download reported no progress');
  const out: DownloadChildResult = { bytes: size, ...result, rss };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
