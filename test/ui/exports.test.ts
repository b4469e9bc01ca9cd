/**
 * A new user's export, through the real workbench in Chromium: "New Export..." from the palette, the
 * customers kind, two filter rows built in the form, "Start Export", the status bar showing the export
 * running and then going idle, and the CSV opening in an editor tab. The sandbox finishes exports after
 * 2 s; the extension's first retrieve waits the poller's 10 s minimum, so the journey takes ~15 s.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { answerInput, palette, webviewFrame } from './harness';
import { useWorkbench } from './use-workbench';

/** The status bar entry of the export jobs (ExportStatusBar), matched by its text. */
const exportStatus = (page: Page) => page.locator('.statusbar-item').filter({ hasText: /exports? (running|queued)/ });

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => {
    const cell = m[1] ?? '';
    return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
  });
}

async function waitForForm(page: Page): Promise<FrameLocator> {
  const frame = webviewFrame(page);
  await frame.locator('[data-testid="add-filter"]').waitFor({ timeout: 30_000 });
  return frame;
}

/** Adds a filter row and fills it: field by `group|name`, operator, one value. */
async function addFilter(frame: FrameLocator, row: number, field: string, op: string, value: { select?: string; fill?: string }): Promise<void> {
  await frame.locator('[data-testid="add-filter"]').click();
  const path = `filter:${row}`;
  await frame.locator(`[data-testid="field-${path}:field"]`).selectOption(field);
  await frame.locator(`[data-testid="field-${path}:op"]`).selectOption(op);
  const editor = frame.locator(`[data-testid="field-${path}:value"]`);
  if (value.select !== undefined) await editor.selectOption(value.select);
  if (value.fill !== undefined) await editor.fill(value.fill);
}

describe('exports UI: new customers export with two filters', function () {
  this.timeout(180_000);
  const ui = useWorkbench({ sandbox: { exportSeconds: 2 } });

  it('builds the export in the form, sees it run in the status bar, and gets the CSV in an editor', async () => {
    const sb = ui.sb();
    const w = ui.wb();
    const { page } = w;

    await palette(page, 'Chargebee: New Export...');
    await answerInput(page, 'Customers', { prompt: /What to export/ });
    const frame = await waitForForm(page);

    await addFilter(frame, 0, 'customer|auto_collection', 'is', { select: 'on' });
    await addFilter(frame, 1, 'customer|created_at', 'after', { fill: '2015-01-01' });
    // The live preview shows both filters as they will be sent (the date as UTC seconds).
    const preview = frame.locator('[data-testid="preview"]');
    await preview.filter({ hasText: 'customer[auto_collection][is]=on' }).waitFor({ timeout: 10_000 });
    // "after 2015-01-01" is after that whole day (UTC): after its last second.
    await preview.filter({ hasText: `customer[created_at][after]=${Date.UTC(2015, 0, 2) / 1000 - 1}` }).waitFor({ timeout: 10_000 });
    await w.screenshot('exports-1-form-with-two-filters');

    await frame.locator('[data-testid="submit"]').click();
    await exportStatus(page).first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await exportStatus(page).first().innerText(), /1 export (running|queued)/);
    await w.screenshot('exports-2-status-bar-running');

    // The sandbox built the file from exactly these filters: only customers with auto collection on.
    const jobs = [...sb.control.store.exports.values()];
    assert.equal(jobs.length, 1, 'one export was triggered');
    const csv = jobs[0]?.files[0]?.csv ?? '';
    const [header = '', ...rows] = csv.trim().split(/\r?\n/);
    const column = csvCells(header).indexOf('auto_collection');
    assert.ok(column >= 0 && rows.length > 0, 'the customers CSV has rows and an auto_collection column');
    assert.ok(rows.every((row) => csvCells(row)[column] === 'on'), 'every exported customer has auto collection on');

    // Done: the item hides when nothing runs, and the CSV opens in an editor tab.
    await exportStatus(page).first().waitFor({ state: 'hidden', timeout: 45_000 });
    const csvTab = page.locator('.tabs-container .tab').filter({ hasText: /\.csv/ });
    await csvTab.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await csvTab.first().innerText(), /customers.*\.csv/i);
    await w.screenshot('exports-3-csv-open');

    // The notification says kind, site, rows and size, with Open and Reveal; it took no focus.
    const toast = page.locator('.notification-toast').filter({ hasText: /Customers export on .* is ready: \d[\d,]* rows? · [\d.]+ (B|KB|MB)/ });
    await toast.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(await toast.first().locator('.monaco-button', { hasText: 'Open' }).count() > 0, 'the notification offers Open');
    assert.ok(await toast.first().locator('.monaco-button', { hasText: 'Reveal' }).count() > 0, 'the notification offers Reveal');

    // The Export Jobs tree: a heading per site, the job titled by its kind, with rows, size and filters.
    await palette(page, 'Chargebee: Focus on Export Jobs View');
    const row = page.locator('.monaco-list-row').filter({ hasText: /^Customers/ }).filter({ hasText: /rows · .*auto_collection is on/ });
    await row.first().waitFor({ state: 'visible', timeout: 15_000 });
    const siteRow = page.locator('.monaco-list-row[aria-level="1"]').filter({ hasText: /jobs?/ });
    assert.ok(await siteRow.count() > 0, 'the jobs are grouped under their site');
    const dark = async (): Promise<boolean> => page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') ?? false);
    await w.screenshot(`exports-4-jobs-tree-${(await dark()) ? 'dark' : 'light'}`);
    const wasDark = await dark();
    await palette(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.waitForFunction((was) => (document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') ?? false) !== was, wasDark, { timeout: 10_000 });
    await page.setViewportSize({ width: 720, height: 700 });
    await row.first().waitFor({ state: 'visible', timeout: 10_000 });
    await w.screenshot(`exports-5-jobs-tree-${wasDark ? 'light' : 'dark'}-narrow`);
  });
});
