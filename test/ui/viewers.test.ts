/**
 * The PDF viewer and the CSV table in the browser workbench (code-server + Chromium): a quote PDF
 * downloaded from the sandbox opens in the viewer with page 1 painted (pixels checked) and its text
 * selectable by mouse; a customers export opens as a table that sorts and filters; a corrupt PDF and a
 * malformed CSV say what is wrong; screenshots in light and dark themes at a narrow width.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { answerInput, palette, screenshotIfFailed, startWorkbench, type Workbench } from './harness';
import { CSV_TABLE_NAME, inkedPixels, longQuotePdf, openWith, PDF_VIEWER_NAME, revealColumn, setTheme, viewerFrame, workspaceDir } from './viewers-helpers';

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => {
    const cell = m[1] ?? '';
    return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
  });
}

/** The text of column `col` in the rows painted now, top to bottom. */
async function columnTexts(frame: FrameLocator, col: number): Promise<string[]> {
  return frame.locator(`.grid-body .grid-cell[data-col="${col}"]`).evaluateAll((cells) =>
    cells
      .map((c) => ({ top: Number((c.parentElement as HTMLElement).style.top.replace('px', '')), text: c.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((c) => c.text),
  );
}

/** A BOM, quoted commas and quotes, an embedded newline, a short row and a quote left open. */
const BROKEN_CSV = `\uFEFF${['id,name,amount', '1,Ann,10.00', '2,"Bob ""B"", Jr",20.50', '3,Cy', '4,"Dee\nline two",5', '5,Eve,"7'].join('\r\n')}\r\n`;

/** What the page's CSP blocked, if anything (see src/viewers/ui/host.ts). */
async function cspViolations(frame: FrameLocator): Promise<string> {
  return frame.locator('body').evaluate((b) => (b.dataset.cspViolations === undefined ? '' : `${b.dataset.cspViolations}: ${b.dataset.cspLast ?? ''}`));
}

async function closeEditors(page: Page): Promise<void> {
  await palette(page, 'View: Close All Editors');
}

describe('viewers UI: PDF viewer and CSV table', function () {
  this.timeout(240_000);
  let sb: RunningSandbox;
  let wb: Workbench | undefined;

  before(async () => {
    sb = await startSandbox({ port: 0, exportSeconds: 2 });
    wb = await startWorkbench({ sandbox: { url: sb.url, apiKey: sb.apiKey } });
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb);
  });

  after(async () => {
    await wb?.close();
    await sb?.close();
  });

  it('opens a downloaded quote PDF in the viewer: page 1 painted, its text selectable and found', async () => {
    const w = wb;
    assert.ok(w);
    const { page } = w;
    const quote = [...sb.control.store.quotes.values()].find((q) => q.quote.deleted !== true)?.quote;
    assert.ok(quote, 'the demo seed has a quote');
    await palette(page, 'Chargebee: Download Quote PDF...');
    await answerInput(page, quote.id, { prompt: /PDF of/ });
    await answerInput(page, 'Standard view as attachment', { prompt: /Consolidated view/ });

    const frame = viewerFrame(page);
    const page1 = frame.locator('[data-testid="page-1"][data-rendered="true"]');
    await page1.waitFor({ timeout: 60_000 });
    assert.ok((await inkedPixels(frame, '[data-testid="page-1"] canvas')) > 500, 'page 1 has ink on it');
    await frame.locator('[data-testid="page-1"][data-text="true"]').waitFor({ timeout: 15_000 });
    const title = frame.locator('[data-testid="page-1"] .textLayer span').filter({ hasText: `Quote #${quote.id}` }).first();
    await title.waitFor({ timeout: 10_000 });

    // Select the title with the mouse, as a person would, and read the selection back.
    const box = await title.boundingBox();
    assert.ok(box, 'the title has a box');
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const selected = await frame.locator('body').evaluate(() => window.getSelection()?.toString() ?? '');
    assert.match(selected, /Quote #/, `the mouse selected the title's text (got "${selected}")`);

    await frame.locator('[data-testid="find"]').fill(quote.id);
    await frame.locator('[data-testid="find-count"]').filter({ hasText: /^1 of \d+$/ }).waitFor({ timeout: 10_000 });
    assert.ok((await frame.locator('.textLayer .highlight.selected').count()) === 1, 'the match is highlighted');
    assert.equal(await frame.locator('[data-testid="page-count"]').innerText(), 'of 1');
    assert.equal(await cspViolations(frame), '', 'PDF.js ran without anything the CSP blocks (no eval, no remote code)');

    // Zoom: fit page shows the whole page; + makes it larger and draws it again.
    const pane = await frame.locator('[data-testid="pages"]').boundingBox();
    await frame.locator('[data-testid="zoom"]').selectOption('fitPage');
    const fitted = await frame.locator('[data-testid="page-1"]').boundingBox();
    assert.ok(pane && fitted && fitted.height <= pane.height, `fit page: the page (${fitted?.height} px) fits the pane (${pane?.height} px)`);
    await frame.locator('[data-testid="zoom-in"]').click();
    const zoomed = await frame.locator('[data-testid="page-1"]').boundingBox();
    assert.ok(zoomed && zoomed.width > fitted.width * 1.05, `zoom in: wider (${fitted.width} -> ${zoomed?.width} px)`);
    await frame.locator('[data-testid="page-1"][data-rendered="true"] canvas').waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="zoom"]').selectOption('fitWidth');
    await w.screenshot('viewers-1-quote-pdf');
    await closeEditors(page);
  });

  it('shows a clear message for a corrupt PDF, never a blank page', async () => {
    const w = wb;
    assert.ok(w);
    writeFileSync(join(workspaceDir(w), 'broken.pdf'), '%PDF-1.7\nthis is not really a PDF\n');
    await openWith(w.page, 'broken.pdf', PDF_VIEWER_NAME);
    const message = viewerFrame(w.page).locator('[data-testid="viewer-message"]');
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.innerText(), /broken\.pdf is not a readable PDF/);
    await closeEditors(w.page);
  });

  it('opens a customers export as a table that sorts by a column and filters', async () => {
    const w = wb;
    assert.ok(w);
    const { page } = w;
    await palette(page, 'Chargebee: New Export...');
    await answerInput(page, 'Customers', { prompt: /What to export/ });
    const form = viewerFrame(page);
    await form.locator('[data-testid="submit"]').waitFor({ timeout: 30_000 });
    await form.locator('[data-testid="submit"]').click();
    // The user works elsewhere meanwhile: the Explorer has the focus when the export's table opens.
    await palette(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list').first().focus();

    const frame = viewerFrame(page);
    await frame.locator('[data-testid="grid"]').waitFor({ timeout: 90_000 });
    const focusInWorkbench = await page.evaluate(() => document.activeElement?.closest('.explorer-folders-view') !== null && document.activeElement?.closest('.explorer-folders-view') !== undefined);
    assert.equal(focusInWorkbench, true, 'opening the table in the background left the focus in the Explorer');
    const csv = [...sb.control.store.exports.values()][0]?.files[0]?.csv ?? '';
    const [headerLine = '', ...lines] = csv.trim().split(/\r?\n/);
    const header = csvCells(headerLine);
    const rows = lines.map(csvCells);
    assert.ok(rows.length > 3, 'the export has rows');
    const count = frame.locator('[data-testid="row-count"]');
    await count.filter({ hasText: `${rows.length} of ${rows.length} rows` }).waitFor({ timeout: 15_000 });
    const id = header.indexOf('id');
    assert.deepEqual(await columnTexts(frame, id), rows.map((r) => r[id]).slice(0, (await columnTexts(frame, id)).length), 'rows in file order');

    // created_at holds epoch seconds: it sorts as numbers, ascending then descending.
    const created = header.indexOf('created_at');
    assert.ok(created >= 0);
    const numbers = rows.map((r) => Number(r[created]));
    await revealColumn(frame, created);
    await frame.locator(`[data-testid="sort-${created}"]`).click();
    await frame.locator(`.grid-colheader[data-col="${created}"][aria-sort="ascending"]`).waitFor({ timeout: 10_000 });
    const ascending = (await columnTexts(frame, created)).map(Number);
    assert.equal(ascending[0], Math.min(...numbers));
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
    await frame.locator(`[data-testid="sort-${created}"]`).click();
    await frame.locator(`.grid-colheader[data-col="${created}"][aria-sort="descending"]`).waitFor({ timeout: 10_000 });
    assert.equal(Number((await columnTexts(frame, created))[0]), Math.max(...numbers));

    // Filter on one customer's email: only that row is left, and the count says so.
    const email = header.indexOf('email');
    await revealColumn(frame, email);
    const target = rows[2]?.[email] ?? '';
    assert.ok(target !== '');
    await frame.locator('[data-testid="filter"]').fill(target);
    const matching = rows.filter((r) => r.some((c) => c.toLowerCase().includes(target.toLowerCase()))).length;
    await count.filter({ hasText: `${matching} of ${rows.length} rows` }).waitFor({ timeout: 10_000 });
    const shown = await columnTexts(frame, email);
    assert.equal(shown.length, matching, 'only the matching rows are painted');
    assert.ok(shown.every((text) => text.toLowerCase() === target.toLowerCase() || rows.some((r) => r[email] === text)), 'painted rows are rows of the file');
    assert.ok(shown.includes(target), "the customer's row is among them");

    // Keyboard: arrows move the active cell; Ctrl+F goes to the filter box.
    await frame.locator('[data-testid="filter"]').fill('');
    await count.filter({ hasText: `${rows.length} of ${rows.length} rows` }).waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="grid"]').evaluate((s) => {
      s.scrollLeft = 0;
    });
    await frame.locator('.grid-body .grid-cell[data-col="0"]').first().click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await frame.locator('.grid-cell.active').getAttribute('data-col'), '1');
    await page.keyboard.press('PageDown');
    const paged = Number(await frame.locator('.grid-cell.active').evaluate((c) => (c.parentElement as HTMLElement).dataset.row));
    assert.ok(paged > 1, `PageDown moved the active cell a page down (to view row ${paged})`);
    await page.keyboard.press('Control+Home');
    assert.equal(await frame.locator('.grid-cell.active').getAttribute('id'), 'cell-0-0');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+c');
    await page.locator('.statusbar').filter({ hasText: 'Copied 1 × 2 cells as TSV' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+f');
    assert.equal(await frame.locator('[data-testid="filter"]').evaluate((e) => e === document.activeElement), true);

    // Column widths can be dragged.
    const firstHeader = frame.locator('.grid-colheader[data-col="1"]');
    const before = (await firstHeader.boundingBox())?.width ?? 0;
    const handle = await firstHeader.locator('.resize').boundingBox();
    assert.ok(handle);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    const after = (await firstHeader.boundingBox())?.width ?? 0;
    assert.ok(Math.abs(after - before - 80) <= 2, `the column is 80 px wider (${before} -> ${after})`);
    assert.equal(await cspViolations(frame), '');
    await w.screenshot('viewers-2-customers-table');
  });

  it('says where a CSV is malformed and still shows its rows', async () => {
    const w = wb;
    assert.ok(w);
    writeFileSync(join(workspaceDir(w), 'broken.csv'), BROKEN_CSV);
    await closeEditors(w.page);
    await openWith(w.page, 'broken.csv', CSV_TABLE_NAME);
    const frame = viewerFrame(w.page);
    const problems = frame.locator('[data-testid="problems"]');
    await problems.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await problems.innerText();
    assert.match(text, /malformed/);
    assert.match(text, /row 3 has 2 fields, the header has 3/);
    assert.match(text, /row 5: Quoted field unterminated/);
    assert.equal(await frame.locator('.grid-colheader').first().innerText(), 'id', 'the BOM is not part of the first column name');
    assert.equal(await frame.locator('.grid-body .grid-cell[data-col="1"]').nth(1).innerText(), 'Bob "B", Jr');
    await frame.locator('[data-testid="row-count"]').filter({ hasText: '5 of 5 rows' }).waitFor({ timeout: 10_000 });

    // "Go to Row 3" makes the first malformed row the active cell; "Open as Text" shows the raw file.
    await frame.locator('[data-testid="go-to-problem"]').click();
    assert.equal(await frame.locator('.grid-cell.active').evaluate((c) => (c.parentElement as HTMLElement).dataset.row), '2');
    await frame.locator('[data-testid="open-as-text"]').click();
    await w.page.locator('.monaco-editor .view-lines').filter({ hasText: 'id,name,amount' }).first().waitFor({ timeout: 15_000 });
  });

  it('looks right in light and dark themes at a narrow width', async () => {
    const w = wb;
    assert.ok(w);
    const { page } = w;
    await page.setViewportSize({ width: 720, height: 800 });
    writeFileSync(join(workspaceDir(w), 'quote-3-pages.pdf'), (await longQuotePdf(sb, 110)).bytes);
    writeFileSync(join(workspaceDir(w), 'broken.csv'), BROKEN_CSV);
    for (const theme of ['Light Modern', 'Dark Modern'] as const) {
      await setTheme(w, theme);
      await closeEditors(page);
      await openWith(page, 'broken.csv', CSV_TABLE_NAME);
      const frame = viewerFrame(page);
      await frame.locator('[data-testid="grid"]').waitFor({ timeout: 30_000 });
      const bg = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
      const dark = theme.includes('Dark');
      const [r = 0, g = 0, b = 0] = (bg.match(/\d+/g) ?? []).map(Number);
      assert.equal(r + g + b < 384, dark, `the table's background (${bg}) follows the ${theme} theme`);
      await w.screenshot(`viewers-3-table-${dark ? 'dark' : 'light'}-narrow`);
      await closeEditors(page);
      await openWith(page, 'quote-3-pages.pdf', PDF_VIEWER_NAME);
      const pdf = viewerFrame(page);
      await pdf.locator('[data-testid="page-1"][data-rendered="true"]').waitFor({ timeout: 30_000 });
      assert.equal(await pdf.locator('[data-testid="page-count"]').innerText(), 'of 3');
      const surround = await pdf.locator('[data-testid="pages"]').evaluate((e) => getComputedStyle(e).backgroundColor);
      const [sr = 0, sg = 0, sb2 = 0] = (surround.match(/\d+/g) ?? []).map(Number);
      assert.equal(sr + sg + sb2 < 384, dark, `the PDF's surround (${surround}) follows the ${theme} theme`);
      // The page fits the narrow editor's width (fit width is the default).
      const pageBox = await pdf.locator('[data-testid="page-1"]').boundingBox();
      const paneBox = await pdf.locator('[data-testid="pages"]').boundingBox();
      assert.ok(pageBox && paneBox && pageBox.width <= paneBox.width && pageBox.width > paneBox.width * 0.8, 'page 1 fits the width');
      assert.ok(pageBox.y >= paneBox.y, 'page 1 is shown from its top');
      // Page navigation: the next page's top comes to the top of the pane.
      await pdf.locator('[data-testid="next-page"]').click();
      await pdf.locator('[data-testid="page-input"]').and(pdf.locator('input')).evaluate((i: HTMLInputElement) => i.value).then((v) => assert.equal(v, '2'));
      const page2 = await pdf.locator('[data-testid="page-2"]').boundingBox();
      assert.ok(page2 && Math.abs(page2.y - paneBox.y) < 20, 'page 2 is scrolled to the top');
      await pdf.locator('[data-testid="page-2"][data-rendered="true"]').waitFor({ timeout: 15_000 });
      await pdf.locator('[data-testid="prev-page"]').click();
      await w.screenshot(`viewers-4-pdf-${dark ? 'dark' : 'light'}-narrow`);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});
