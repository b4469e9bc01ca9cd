/**
 * Helpers of the viewers' UI tests and bench: opening a workspace file with one of the viewers, the
 * viewer's frame, the theme, and a quote PDF of a chosen length made by the sandbox's own renderer.
 */
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { renderQuotePdf } from '../sandbox/pdf';
import type { RunningSandbox } from '../sandbox/index';
import { answerInput, palette, type Workbench } from './harness';

export const PDF_VIEWER_NAME = 'PDF Viewer (Chargebee)';
export const CSV_TABLE_NAME = 'CSV Table (Chargebee)';

export function workspaceDir(wb: Workbench): string {
  return join(wb.server.state.dir, 'workspace');
}

/** Clicks the file in the Explorer, then "Reopen Editor With..." the viewer: as a user picks a non-default editor. */
export async function openWith(page: Page, file: string, editor: string): Promise<number> {
  await palette(page, 'View: Show Explorer');
  // The Explorer re-sorts its rows while it picks up files the test just wrote, so a click can land on
  // the row that moved into place: click again until the file's own tab shows.
  const tab = page.locator('.tabs-container .tab').filter({ hasText: file }).first();
  for (let attempt = 1; ; attempt++) {
    await page.locator('.explorer-folders-view').getByRole('treeitem', { name: file, exact: true }).first().click({ timeout: 15_000 });
    try {
      await tab.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await palette(page, 'View: Reopen Editor With...');
  return chooseEditor(page, editor);
}

/** Picks `editor` in the open "Reopen Editor With" list; returns the time (Date.now()) of the Enter. */
export async function chooseEditor(page: Page, editor: string): Promise<number> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').fill(editor);
  await widget.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: editor }).waitFor({ timeout: 15_000 });
  const at = Date.now();
  await widget.locator('input').press('Enter');
  return at;
}

/**
 * The viewer in the active editor. Viewers keep their webviews when hidden (retainContextWhenHidden),
 * so other tabs' frames exist too: only the visible one is the active editor's.
 */
export function viewerFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/** Switches the colour theme from the palette, as a user does, and waits until the workbench wears it. */
export async function setTheme(wb: Workbench, theme: 'Light Modern' | 'Dark Modern'): Promise<void> {
  // Keys typed in a webview stay there: the palette's F1 must reach the workbench.
  await wb.page.locator('.part.sidebar .composite.title').first().click();
  // Ctrl+K Ctrl+T: the theme picker (its palette entry shares words with too many others to come first).
  await wb.page.keyboard.press('Control+K');
  await wb.page.keyboard.press('Control+T');
  await answerInput(wb.page, theme, { prompt: /color theme/i });
  const light = theme.startsWith('Light');
  await wb.page.waitForFunction((wantLight) => document.querySelector('.monaco-workbench')?.classList.contains(wantLight ? 'vs' : 'vs-dark') === true, light, { timeout: 15_000 });
}

/** A quote PDF with `lineItems` rows (about 45 a page), rendered by the sandbox from one of its quotes. */
export async function longQuotePdf(sb: RunningSandbox, lineItems: number): Promise<{ bytes: Uint8Array; quoteId: string }> {
  const stored = [...sb.control.store.quotes.values()][0];
  if (!stored) throw new Error('the sandbox has no quote');
  const base = stored.quote;
  const item = base.line_items[0];
  if (!item) throw new Error(`quote ${base.id} has no line items`);
  const items = Array.from({ length: lineItems }, (_, i) => ({ ...item, id: `li_${i}`, description: `Line ${i + 1}: ${item.description}` }));
  const quote = { ...base, line_items: items };
  const bytes = await renderQuotePdf(quote, sb.control.store.customers.get(base.customer_id), base.status);
  return { bytes, quoteId: base.id };
}

/** How many of the canvas's pixels are not (near) white: a painted page has text and lines on it. */
export async function inkedPixels(frame: FrameLocator, selector: string): Promise<number> {
  return frame.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) inked++;
    return inked;
  });
}

/** Scrolls the table sideways until column `col` is painted (columns are virtualised too). */
export async function revealColumn(frame: FrameLocator, col: number): Promise<void> {
  for (let i = 0; i < 40 && (await frame.locator(`[data-testid="sort-${col}"]`).count()) === 0; i++) {
    await frame.locator('[data-testid="grid"]').evaluate((s) => {
      s.scrollLeft += 250;
    });
    await new Promise((r) => setTimeout(r, 50));
  }
}

