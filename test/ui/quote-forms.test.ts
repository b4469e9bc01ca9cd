/**
 * Quotes made through the forms, in the real workbench in Chromium, as a person would: a PC1
 * one-time-charges quote with an amount that is wrong at first (its message shows on the field, then
 * the corrected form goes through), found in the Quotes tree, accepted, converted and its PDF
 * downloaded through the palette; and a PC2 new-subscription quote through its form. A site's product
 * catalog is its own setting (asked when the site is added), so each catalog gets its own workbench
 * whose development site is set to it (CHARGEBEE_DEV_CATALOG).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningSandbox } from '../sandbox/index';
import { answerInput, openChargebeeView, palette, waitForTreeItem, webviewFrame } from './harness';
import { useWorkbench } from './use-workbench';

async function waitForForm(page: Page, field: string): Promise<FrameLocator> {
  const frame = webviewFrame(page);
  await frame.locator(`[data-testid="field-${field}"]`).waitFor({ timeout: 30_000 });
  return frame;
}

/** The quote number from "Quote #12 created · …" in the form's result line. */
async function createdQuoteId(frame: FrameLocator): Promise<string> {
  const result = frame.locator('[data-testid="submit-result"]');
  await result.filter({ hasText: /Quote #\S+ created/ }).waitFor({ timeout: 20_000 });
  const m = /Quote #(\S+) created/.exec(await result.innerText());
  assert.ok(m?.[1], 'the result names the quote');
  return m[1];
}

function customerIn(sb: RunningSandbox, currency: string): string {
  const c = [...sb.control.store.customers.values()].find((x) => x.preferred_currency_code === currency && !x.deleted);
  assert.ok(c, `a ${currency} customer in the demo seed`);
  return c.id;
}

/** A sandbox and a workbench whose development site uses `catalog`. */
const siteWithCatalog = (catalog: 1 | 2) => useWorkbench({ env: { CHARGEBEE_DEV_CATALOG: String(catalog) } });

describe('quote forms UI: Product Catalog 1.0 site', function () {
  this.timeout(240_000);
  const site = siteWithCatalog(1);

  it('creates a PC1 one-time quote (fixing an invalid amount), then accepts, converts and downloads its PDF', async () => {
    const sb = site.sb();
    const w = site.wb();
    const { page } = w;
    const customer = customerIn(sb, 'USD');

    await palette(page, 'Chargebee: New Quote: One-time Charges');
    const frame = await waitForForm(page, 'customer_id');
    await frame.locator('[data-testid="preview"]').filter({ hasText: 'create_for_onetime_charges' }).waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="site-badge"]').filter({ hasText: /test site/ }).waitFor();
    await frame.locator('[data-testid="field-customer_id"]').fill(customer);
    await frame.locator('[data-testid="add-row-charges"]').click();
    const amount = frame.locator('[data-testid="field-charges[amount][0]"]');
    await amount.fill('12.345');
    await frame.locator('[data-testid="field-charges[description][0]"]').fill('Consulting, UI test');
    await frame.locator('[data-testid="submit"]').click();
    // Three decimals in USD: refused on the field before anything is sent.
    const amountError = frame.locator('[data-testid="error-charges[amount][0]"]');
    await amountError.filter({ hasText: /decimals/ }).waitFor({ timeout: 10_000 });
    await w.screenshot('quote-forms-1-invalid-amount');
    const before = sb.control.store.quotes.size;
    assert.equal(sb.control.requests().filter((r) => r.method === 'POST' && r.path.includes('create_for_onetime_charges')).length, 0, 'nothing sent yet');

    await amount.fill('12.50');
    await amountError.waitFor({ state: 'hidden', timeout: 10_000 });
    await frame.locator('[data-testid="preview"]').filter({ hasText: 'charges[amount][0]=1250' }).waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="submit"]').click();
    const id = await createdQuoteId(frame);
    await w.screenshot('quote-forms-2-created');
    assert.equal(sb.control.store.quotes.size, before + 1);
    assert.equal(sb.control.store.quotes.get(id)?.quote.total, 1250);

    await openChargebeeView(page);
    await waitForTreeItem(page, new RegExp(`\\b${id}\\b`));
    await w.screenshot('quote-forms-3-in-tree');

    await palette(page, 'Chargebee: Accept Quote...');
    await answerInput(page, id, { prompt: /Quote to accept/ });
    await answerInput(page, 'accepted in the UI test', { prompt: /Mark quote/ });
    await waitFor(() => sb.control.store.quotes.get(id)?.quote.status === 'accepted', 'the quote is accepted');

    await palette(page, 'Chargebee: Convert Quote to Invoice...');
    await answerInput(page, id, { prompt: /Quote to convert/ });
    // Step 1 has no total yet (invoicing now makes it three steps, otherwise two).
    await answerInput(page, 'Invoice immediately', { prompt: /invoice \(1\)/ });
    await answerInput(page, '', { prompt: /\(2\/3\)/ });
    await answerInput(page, '', { prompt: /\(3\/3\)/ });
    await waitFor(() => sb.control.store.quotes.get(id)?.quote.status === 'invoiced', 'the quote is invoiced');
    await w.screenshot('quote-forms-4-converted');

    await palette(page, 'Chargebee: Download Quote PDF...');
    await answerInput(page, id, { prompt: /PDF of/ });
    await answerInput(page, 'Standard view as attachment', { prompt: /Consolidated view/ });
    const folder = join(w.server.state.dir, 'workspace', 'chargebee-quotes');
    const pdf = await waitFor(() => (existsSync(folder) ? readdirSync(folder).find((f) => f.includes(id) && f.endsWith('.pdf')) : undefined), 'the PDF in the workspace');
    assert.equal(readFileSync(join(folder, pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
    // Saved, then opened for the person in an editor tab.
    await page.locator('.tabs-container .tab').filter({ hasText: pdf }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await w.screenshot('quote-forms-5-pdf');
  });
});

describe('quote forms UI: Product Catalog 2.0 site', function () {
  this.timeout(240_000);
  const site = siteWithCatalog(2);

  it('creates a PC2 new-subscription quote through its form', async () => {
    const sb = site.sb();
    const w = site.wb();
    const { page } = w;
    const customer = customerIn(sb, 'EUR');
    await palette(page, 'Chargebee: New Quote: Subscription for a Customer');
    const frame = await waitForForm(page, '{customer_id}');
    await frame.locator('[data-testid="preview"]').filter({ hasText: 'create_subscription_quote_for_items' }).waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="field-{customer_id}"]').fill(customer);
    const rows = frame.locator('[data-testid="row-subscription_items-0"]');
    if (!(await rows.isVisible())) await frame.locator('[data-testid="add-row-subscription_items"]').click();
    await frame.locator('[data-testid="field-subscription_items[item_price_id][0]"]').fill('storage-starter-EUR-Monthly');
    await frame.locator('[data-testid="field-subscription_items[quantity][0]"]').fill('3');
    await frame.locator('[data-testid="submit"]').click();
    const id = await createdQuoteId(frame);
    await w.screenshot('quote-forms-6-pc2-created');
    assert.equal(sb.control.store.quotes.get(id)?.quote.total, 3 * 1100);
    assert.equal(sb.control.store.quotes.get(id)?.catalog, 2);
  });
});

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
