/**
 * A new user's import of unbilled charges, through the real workbench in Chromium: a site-wide request
 * header set with "Edit Request Headers...", then "Import Unbilled Charges..." from the palette, the subscription typed into the picker, two charge rows and one
 * discount linked to the second row filled in the form, an origin IP in the request headers section,
 * "Import", and the created charges in the result table. The sandbox is asked afterwards what it
 * stored and which headers it received. Screenshots go to test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { answerInput, palette, webviewFrame } from './harness';
import { useWorkbench } from './use-workbench';

const field = (frame: FrameLocator, path: string) => frame.locator(`[data-testid="field-${path}"]`);

describe('unbilled charges UI: a two-row import with one linked discount', function () {
  this.timeout(180_000);
  const ui = useWorkbench();
  let subscriptionId: string;

  before(() => {
    const active = [...ui.sb().control.store.subscriptions.values()].find((s) => s.status === 'active' && s.currency_code === 'USD' && !s.deleted);
    assert.ok(active, 'the demo seed has an active USD subscription');
    subscriptionId = active.id;
  });

  it('fills the form, imports, and shows the created charges', async () => {
    const sb = ui.sb();
    const w = ui.wb();
    const { page } = w;
    const t = `ui${Date.now().toString(36)}`;

    // A site setting first: every request of this site then says which device it came from.
    await palette(page, 'Chargebee: Edit Request Headers...');
    await answerInput(page, 'chargebee-request-origin-device', { prompt: /Request headers for/ });
    await answerInput(page, 'Chromium UI test', { prompt: /chargebee-request-origin-device/ });
    await page.locator('.quick-input-widget').filter({ hasText: 'Chromium UI test' }).waitFor({ timeout: 10_000 });
    await w.screenshot('unbilled-0-site-request-headers');
    await page.keyboard.press('Escape');

    await palette(page, 'Chargebee: Import Unbilled Charges...');
    await answerInput(page, subscriptionId, { prompt: /subscription/i });
    const frame = webviewFrame(page);
    await field(frame, 'unbilled_charges[date_from][0]').waitFor({ timeout: 30_000 });

    // Row 1: an adhoc overage charge.
    await field(frame, 'unbilled_charges[id][0]').fill(`${t}-overage`);
    await field(frame, 'unbilled_charges[date_from][0]').fill('2024-03-01');
    await field(frame, 'unbilled_charges[date_to][0]').fill('2024-03-31');
    await field(frame, 'unbilled_charges[entity_type][0]').selectOption('adhoc');
    await field(frame, 'unbilled_charges[description][0]').fill('API overage');
    await field(frame, 'unbilled_charges[amount][0]').fill('25.00');

    // Row 2: support hours, unit amount x quantity.
    await frame.locator('[data-testid="add-row-unbilled_charges"]').click();
    await field(frame, 'unbilled_charges[id][1]').fill(`${t}-support`);
    await field(frame, 'unbilled_charges[date_from][1]').fill('2024-03-01');
    await field(frame, 'unbilled_charges[date_to][1]').fill('2024-03-31');
    await field(frame, 'unbilled_charges[entity_type][1]').selectOption('adhoc');
    await field(frame, 'unbilled_charges[description][1]').fill('Support hours');
    await field(frame, 'unbilled_charges[unit_amount][1]').fill('40.00');
    await field(frame, 'unbilled_charges[quantity][1]').fill('2');

    // One discount, linked to row 2 through the charge-id picker.
    await frame.locator('[data-testid="add-row-discounts"]').click();
    const link = field(frame, 'discounts[unbilled_charge_id][0]');
    await link.fill(`${t}-s`);
    const option = frame.locator(`[data-testid="picker-list-discounts[unbilled_charge_id][0]"] [data-id="${t}-support"]`);
    await option.waitFor({ timeout: 10_000 });
    await option.dispatchEvent('mousedown');
    await field(frame, 'discounts[entity_type][0]').selectOption('item_level_discount');
    await field(frame, 'discounts[amount][0]').fill('10.00');

    // A per-form request header: shown in the curl before anything is sent.
    await field(frame, 'request_headers[request_origin_ip]').fill('203.0.113.9');
    await frame.locator('[data-testid="preview"]').filter({ hasText: `discounts[unbilled_charge_id][0]=${t}-support` }).waitFor({ timeout: 10_000 });
    const curl = frame.locator('[data-testid="preview-curl"]');
    await curl.filter({ hasText: 'chargebee-request-origin-ip: 203.0.113.9' }).waitFor({ timeout: 10_000 });
    await curl.filter({ hasText: 'chargebee-request-origin-device: Chromium UI test' }).waitFor({ timeout: 10_000 });
    await w.screenshot('unbilled-1-form-two-rows-linked-discount');

    await frame.locator('[data-testid="submit"]').click();
    const table = frame.locator('[data-testid="result-table"]');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? '', new RegExp(`${t}-overage[\\s\\S]*25\\.00 USD`));
    assert.match(rows[1] ?? '', new RegExp(`${t}-support[\\s\\S]*80\\.00 USD[\\s\\S]*10\\.00 USD`));
    await table.scrollIntoViewIfNeeded();
    await w.screenshot('unbilled-2-result-table');

    const stored = [...sb.control.store.unbilledCharges.values()].filter((c) => c.id.startsWith(t));
    assert.deepEqual(stored.map((c) => [c.id, c.subscription_id, c.amount, c.discount_amount]).sort(), [
      [`${t}-overage`, subscriptionId, 2500, 0],
      [`${t}-support`, subscriptionId, 8000, 1000],
    ]);
    const post = sb.control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/import_unbilled_charges')).at(-1);
    assert.equal(post?.headers['chargebee-request-origin-ip'], '203.0.113.9');
    assert.equal(post?.headers['chargebee-request-origin-device'], 'Chromium UI test');
  });
});
