/**
 * Figures 7a-7d: the viewers in Chromium against code-server, production build. A CSV of 100,000 rows
 * x 40 columns (csv-fixture.ts): time from choosing "CSV Table" until its first rows are painted, the
 * table's JS heap once the whole file is read, and sorting by a numeric column; a 3-page quote PDF
 * rendered by the sandbox: time until page 1 is painted. Times come from the page's own marks
 * (performance.timeOrigin + mark, the same clock as Date.now() here), so no polling delay is counted.
 * References, same run: for the opening times, the part that is VS Code's (until the viewer's script
 * runs); for memory, the file's size; for the sort, the same index sort in Node.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { columnKeys } from '../../src/viewers/csv/column-types';
import { startSandbox } from '../sandbox/index';
import { palette, startWorkbench, type Workbench } from '../ui/harness';
import { CSV_TABLE_NAME, longQuotePdf, openWith, PDF_VIEWER_NAME, revealColumn, viewerFrame, workspaceDir } from '../ui/viewers-helpers';
import { CSV_SORT_COLUMN, csvFixture } from './csv-fixture';
import { figure, goal, MB, median, notMeasured, type Figure } from './figures';
import { layOutExtension } from './ui-latency';

const NAMES = {
  csvOpen: 'CSV table: 100,000 x 40 open until first rows painted',
  csvMemory: 'CSV table: JS heap with 100,000 x 40 loaded',
  csvSort: 'CSV table: sort 100,000 rows by a numeric column',
  pdfOpen: 'PDF viewer: 3-page quote open until page 1 painted',
};

/** The content frame of the visible webview (a Frame, for evaluate and CDP). */
async function contentFrame(page: Page): Promise<Frame> {
  const outer = await (await page.locator('iframe.webview.ready:visible').elementHandle({ timeout: 60_000 }))?.contentFrame();
  const inner = await (await outer?.waitForSelector('#active-frame', { timeout: 60_000 }))?.contentFrame();
  if (!inner) throw new Error('no webview content frame');
  return inner;
}

async function waitMark(frame: Frame, name: string): Promise<number> {
  await frame.waitForSelector(`body[data-${name}-at]`, { timeout: 120_000, state: 'attached' });
  return frame.evaluate((n) => performance.timeOrigin + Number(document.body.dataset[`${n}At`]), name);
}

/** The used JS heap after a full GC, of the process the frame runs in. */
async function heapUsed(page: Page, frame: Frame): Promise<{ bytes: number; ownProcess: boolean }> {
  let session;
  let ownProcess = true;
  try {
    session = await page.context().newCDPSession(frame);
  } catch {
    // Same-origin frames share the workbench's process and heap: measured there, as a difference.
    ownProcess = false;
    session = await page.context().newCDPSession(page);
  }
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return { bytes: usage.usedSize, ownProcess };
}

async function closeEditors(page: Page): Promise<void> {
  await palette(page, 'View: Close All Editors');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

export async function benchViewers(rounds: number, csvRows = 100_000): Promise<Figure[]> {
  const goals = {
    csvOpen: goal('value', '<=', 1000, '<= 1000 ms'),
    csvMemory: goal('value', '<=', 150, '<= 150 MB'),
    csvSort: goal('value', '<=', 500, '<= 500 ms'),
    pdfOpen: goal('value', '<=', 500, '<= 500 ms'),
  };
  const sb = await startSandbox({ seed: 'demo' });
  const extensionPath = await mkdtemp(join(tmpdir(), 'cb-bench-viewers-'));
  let wb: Workbench | undefined;
  const figures: Figure[] = [];
  try {
    await layOutExtension(extensionPath);
    wb = await startWorkbench({ extensionPath });
    const { page } = wb;
    const folder = workspaceDir(wb);
    const csv = csvFixture(csvRows);
    writeFileSync(join(folder, 'bench.csv'), csv);
    const pdf = await longQuotePdf(sb, 110);
    writeFileSync(join(folder, 'bench-quote.pdf'), pdf.bytes);

    // PDF first: the smaller file, and the CSV's heap is then measured from a settled workbench.
    const pdfTotals: number[] = [];
    const pdfVsCode: number[] = [];
    const pdfLoaded: number[] = [];
    const pdfWorker: number[] = [];
    const pdfOpened: number[] = [];
    let pages = '';
    for (let round = 0; round < rounds; round++) {
      const chosen = await openWith(page, 'bench-quote.pdf', PDF_VIEWER_NAME);
      const frame = await contentFrame(page);
      const painted = await waitMark(frame, 'painted');
      const ready = await waitMark(frame, 'ready');
      pdfLoaded.push((await waitMark(frame, 'loaded')) - ready);
      pdfWorker.push((await waitMark(frame, 'worker')) - ready);
      pdfOpened.push((await waitMark(frame, 'opened')) - ready);
      pdfTotals.push(painted - chosen);
      pdfVsCode.push(ready - chosen);
      pages = await viewerFrame(page).locator('[data-testid="page-count"]').innerText();
      if (round === 0) await wb?.screenshot('bench-viewers-pdf');
      await closeEditors(page);
    }
    figures.push(figure({ id: '7d', name: NAMES.pdfOpen, unit: 'ms', value: median(pdfTotals), reference: { label: "VS Code's part: until the viewer's script runs", value: median(pdfVsCode) }, goal: goals.pdfOpen, notes: `median of ${rounds}; ${(pdf.bytes.length / 1024).toFixed(0)} KB, ${pages.replace('of ', '')} pages (must be 3); after the script runs: the file's bytes arrive at +${Math.round(median(pdfLoaded))} ms, the worker is started at +${Math.round(median(pdfWorker))} ms, PDF.js has parsed the document at +${Math.round(median(pdfOpened))} ms` }));

    const before = await heapUsed(page, page.mainFrame());
    const csvTotals: number[] = [];
    const csvVsCode: number[] = [];
    const csvLoaded: number[] = [];
    let memory = NaN;
    let ownProcess = false;
    const sorts: number[] = [];
    for (let round = 0; round < Math.max(1, Math.min(rounds, 2)); round++) {
      const chosen = await openWith(page, 'bench.csv', CSV_TABLE_NAME);
      const frame = await contentFrame(page);
      const painted = await waitMark(frame, 'painted');
      const ready = await waitMark(frame, 'ready');
      csvLoaded.push((await waitMark(frame, 'loaded')) - ready);
      csvTotals.push(painted - chosen);
      csvVsCode.push(ready - chosen);
      await waitMark(frame, 'parsed');
      if (round === 0) {
        const after = await heapUsed(page, frame);
        ownProcess = after.ownProcess;
        memory = (after.ownProcess ? after.bytes : after.bytes - before.bytes) / MB;
      }
      const table = viewerFrame(page);
      await revealColumn(table, CSV_SORT_COLUMN);
      for (let i = 0; i < 2; i++) {
        await frame.evaluate(() => delete document.body.dataset.sortMs);
        await table.locator(`[data-testid="sort-${CSV_SORT_COLUMN}"]`).click();
        await frame.waitForSelector('body[data-sort-ms]', { state: 'attached', timeout: 30_000 });
        sorts.push(Number(await frame.evaluate(() => document.body.dataset.sortMs)));
      }
      await closeEditors(page);
    }
    figures.push(figure({ id: '7a', name: NAMES.csvOpen, unit: 'ms', value: median(csvTotals), reference: { label: "VS Code's part: until the table's script runs", value: median(csvVsCode) }, goal: goals.csvOpen, notes: `median of ${csvTotals.length}; ${(csv.length / MB).toFixed(1)} MB file; of which its first bytes reaching the page ${Math.round(median(csvLoaded))} ms` }));
    figures.push(figure({ id: '7b', name: NAMES.csvMemory, unit: 'MB', value: Math.round(memory * 10) / 10, reference: { label: 'the file on disk', value: Math.round((csv.length / MB) * 10) / 10 }, goal: goals.csvMemory, notes: ownProcess ? "the webview process's heap after GC" : "workbench heap after GC with the table open, minus before (the webview shares the workbench's process)" }));

    // Reference: the same work in Node (keys parsed, index array sorted), on the same data.
    const rows = csv.trim().split('\r\n').slice(1).map((line) => line.split(','));
    const refStarted = performance.now();
    const keys = columnKeys(rows, CSV_SORT_COLUMN, 'number');
    const order = Uint32Array.from(rows.keys()).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
    const refMs = performance.now() - refStarted;
    if (order.length !== csvRows) throw new Error('reference sort lost rows');
    figures.push(figure({ id: '7c', name: NAMES.csvSort, unit: 'ms', value: median(sorts), reference: { label: 'the same index sort in Node', value: Math.round(refMs) }, goal: goals.csvSort, notes: `median of ${sorts.length} (ascending, then descending); click until the sorted rows are drawn` }));
    return figures;
  } catch (error) {
    if (wb) await wb.screenshot('bench-viewers').catch(() => undefined);
    const why = `failed: ${(error as Error).message.split('\n')[0] ?? ''} (screenshot test-results/screenshots/bench-viewers.png)`;
    const have = new Set(figures.map((f) => f.id));
    const missing = [
      ['7a', NAMES.csvOpen, 'ms', goals.csvOpen],
      ['7b', NAMES.csvMemory, 'MB', goals.csvMemory],
      ['7c', NAMES.csvSort, 'ms', goals.csvSort],
      ['7d', NAMES.pdfOpen, 'ms', goals.pdfOpen],
    ] as const;
    return [...figures, ...missing.filter(([id]) => !have.has(id)).map(([id, name, unit, g]) => notMeasured(id, name, unit, why, g))];
  } finally {
    await wb?.close();
    await sb.close();
    await rm(extensionPath, { recursive: true, force: true });
  }
}
