/**
 * The Quotes tree and detail view in the real workbench in Chromium: rows name their customers (from
 * the billing address or one lookup per page) with amount and day; hovering a row shows its inline
 * actions; a click opens the quote in the one preview panel, the next click replaces it; the detail
 * header names the customer and its line items fit a narrow editor. Screenshots in both themes.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openChargebeeView, palette, waitForTreeItem, webviewFrame } from './harness';
import { useWorkbench } from './use-workbench';

/** Who a stored quote is for, as the tree should say it. */
function expectedName(q: { billing_address?: { company?: string; first_name?: string; last_name?: string }; customer_id?: string }, customers: Map<string, { company?: string; first_name?: string; last_name?: string }>): string {
  const a = q.billing_address ?? customers.get(q.customer_id ?? '');
  const name = a?.company?.trim() || [a?.first_name, a?.last_name].filter((p) => p !== undefined && p !== '').join(' ');
  return name !== '' ? name : (q.customer_id ?? '');
}

const rows = (page: Page) => page.locator('.pane:has(.pane-header[aria-label^="Quotes"]) .monaco-list-row');

describe('Quotes tree and detail UI', function () {
  this.timeout(240_000);
  const site = useWorkbench();

  it('names customers in rows, shows inline actions on hover, previews quotes in one panel that fits a narrow editor', async () => {
    const sb = site.sb();
    const w = site.wb();
    const { page } = w;
    await openChargebeeView(page);
    const store = sb.control.store;
    const open = [...store.quotes.values()].map((s) => s.quote).filter((q) => q.status === 'open' && q.deleted !== true && q.valid_till > storeNow(sb));
    assert.ok(open.length >= 2, 'the demo seed has open quotes');
    const customers = new Map([...store.customers.values()].map((c) => [c.id, c]));
    const withoutAddress = open.find((q) => q.billing_address === undefined);
    assert.ok(withoutAddress, 'an open quote without a billing address');

    // The Open group is expanded by default; its rows name the customer, even without an address.
    const name = expectedName(withoutAddress, customers);
    const row = await waitForTreeItem(page, new RegExp(`^Quote ${withoutAddress.id}, ${escapeRe(name)}, `));
    assert.match((await row.innerText()).replace(/\s+/g, ' '), new RegExp(`#${withoutAddress.id} ${escapeRe(name)}`), 'the label names the customer');
    const description = await row.locator('.label-description').first().textContent();
    assert.match(description ?? '', /\d · [A-Z][a-z]{2} \d{1,2}, \d{4}/, `amount and day in the description: "${description ?? ''}"`);
    const groups = await rows(page).allInnerTexts();
    assert.ok(!groups.some((t) => /^Other\s*0$/m.test(t.trim())), 'no empty Other group');

    // Hover: the row's inline actions.
    await row.hover();
    for (const action of ['Open Quote', 'Accept Quote', 'Download Quote PDF']) {
      await row.locator(`.actions .action-label[aria-label^="${action}"]`).waitFor({ state: 'visible', timeout: 10_000 });
    }
    await w.screenshot('quotes-tree-hover-dark');

    // A click previews; a click on another quote replaces the preview.
    await row.click();
    const tab = page.locator('.tabs-container .tab');
    await tab.filter({ hasText: `Quote ${withoutAddress.id}` }).filter({ hasText: '(preview)' }).waitFor({ timeout: 30_000 });
    const frame = webviewFrame(page);
    await frame.locator('.customer strong').filter({ hasText: name }).waitFor({ timeout: 20_000 });
    const other = open.find((q) => q.id !== withoutAddress.id);
    assert.ok(other);
    const otherRow = await waitForTreeItem(page, new RegExp(`^Quote ${other.id}, `));
    await otherRow.click();
    await tab.filter({ hasText: `Quote ${other.id}` }).filter({ hasText: '(preview)' }).waitFor({ timeout: 30_000 });
    assert.equal(await tab.filter({ hasText: /^Quote /}).count(), 1, 'one preview panel, reused');
    await webviewFrame(page).locator('.customer strong').filter({ hasText: expectedName(other, customers) }).waitFor({ timeout: 20_000 });

    // Keep Open pins it: the title loses "(preview)".
    await webviewFrame(page).locator('button[data-action="pin"]').click();
    await tab.filter({ hasText: `Quote ${other.id}` }).filter({ hasNotText: '(preview)' }).waitFor({ timeout: 10_000 });

    // Narrow: the line items stack, nothing scrolls sideways.
    await page.setViewportSize({ width: 540, height: 900 });
    await palette(page, 'View: Toggle Primary Side Bar Visibility');
    const detail = webviewFrame(page);
    await detail.locator('#h-items').waitFor();
    const overflow = await detail.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
    assert.ok(overflow <= 1, `no sideways scroll at a narrow width (overflow ${overflow}px)`);
    const stacked = await detail.locator('#h-items + .table-scroll td[data-label]').first().evaluate((td) => getComputedStyle(td).display);
    assert.equal(stacked, 'flex', 'line items stack as cards');
    await w.screenshot('quote-detail-narrow-dark');
    await palette(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.waitForTimeout(1000);
    await w.screenshot('quote-detail-narrow-light');
    await palette(page, 'View: Toggle Primary Side Bar Visibility');
    await page.waitForTimeout(500);
    await w.screenshot('quotes-tree-narrow-light');
    await palette(page, 'Preferences: Toggle between Light/Dark Themes');
  });
});

function storeNow(sb: ReturnType<ReturnType<typeof useWorkbench>['sb']>): number {
  return sb.control.now();
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
