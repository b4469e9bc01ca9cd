/**
 * The screens issue 15 added, in Chromium, each looked at in the dark and light themes and at a narrow
 * width (screenshots in test-results/screenshots/): a multi-cycle quote's billing cycles on its detail
 * page, a subscription's unbilled charges in the Quick Pick (invoice now, or a charge to delete), and
 * the custom field rows of a PC2 subscription quote form, their cf_* params in the request preview.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answerInput, palette, webviewFrame } from './harness';
import { useWorkbench } from './use-workbench';

const basicAuth = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** The theme picker by its default chord (Ctrl+K Ctrl+T), answered like any quick input. */
async function setTheme(page: Page, theme: 'Light Modern' | 'Dark Modern'): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await answerInput(page, theme, { prompt: /color theme/i });
  await page.waitForTimeout(500);
}

describe('UI: billing cycles, unbilled charges, custom fields', function () {
  this.timeout(240_000);
  const ui = useWorkbench({ env: { CHARGEBEE_DEV_CATALOG: '2' } });

  const post = async (path: string, form: Record<string, string>): Promise<Record<string, unknown>> => {
    const sb = ui.sb();
    const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { authorization: basicAuth(sb.apiKey), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Record<string, unknown>;
  };

  it("shows every billing cycle of a multi-cycle quote on its detail page", async () => {
    const sb = ui.sb();
    const w = ui.wb();
    const { page } = w;
    const customer = [...sb.control.store.customers.values()].find((c) => c.preferred_currency_code === 'USD' && !c.deleted);
    assert.ok(customer);
    const created = await post(`/customers/${customer.id}/create_subscription_quote`, { 'subscription[plan_id]': 'pro-usd', terms_to_charge: '3', 'coupon_ids[0]': 'WELCOME10' });
    const id = String((created.quote as { id: string }).id);

    await palette(page, 'Chargebee: Go to Quote...');
    await answerInput(page, id, { prompt: /quote/i });
    const frame = webviewFrame(page);
    const section = frame.locator('section.line-groups');
    await section.waitFor({ timeout: 30_000 });
    assert.match(await section.locator('h2').innerText(), /Billing cycles \(3\)/);
    assert.equal(await section.locator('article.line-group').count(), 3);
    assert.match(await section.locator('article.line-group h3').first().innerText(), /Billing cycle 1 · Subscription creation/);
    await section.scrollIntoViewIfNeeded();
    await w.screenshot('p2-billing-cycles-light');
    await setTheme(page, 'Dark Modern');
    await section.scrollIntoViewIfNeeded();
    await w.screenshot('p2-billing-cycles-dark');
    await page.setViewportSize({ width: 700, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await w.screenshot('p2-billing-cycles-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it("lists a subscription's unbilled charges with Invoice now on top", async () => {
    const sb = ui.sb();
    const w = ui.wb();
    const { page } = w;
    const sub = [...sb.control.store.subscriptions.values()].find((s) => s.status === 'active' && s.currency_code === 'USD' && !s.deleted);
    assert.ok(sub);
    await post(`/subscriptions/${sub.id}/import_unbilled_charges`, {
      'unbilled_charges[date_from][0]': '1709251200', 'unbilled_charges[date_to][0]': '1711843200', 'unbilled_charges[entity_type][0]': 'adhoc', 'unbilled_charges[description][0]': 'API overage', 'unbilled_charges[amount][0]': '2500',
      'unbilled_charges[date_from][1]': '1709251200', 'unbilled_charges[date_to][1]': '1711843200', 'unbilled_charges[entity_type][1]': 'adhoc', 'unbilled_charges[description][1]': 'Support hours', 'unbilled_charges[amount][1]': '8000',
    });
    await palette(page, 'Chargebee: Unbilled Charges of a Subscription...');
    await answerInput(page, sub.id, { prompt: /subscription/i });
    const box = page.locator('.quick-input-widget');
    await box.filter({ hasText: 'Invoice all 2 now' }).waitFor({ timeout: 30_000 });
    assert.match(await box.innerText(), /105\.00 USD/);
    assert.match(await box.innerText(), /Support hours/);
    await w.screenshot('p2-unbilled-list-dark');
    await page.setViewportSize({ width: 700, height: 900 });
    await w.screenshot('p2-unbilled-list-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.keyboard.press('Escape');
  });

  it('offers custom field rows on a PC2 subscription quote form and previews them as cf_*', async () => {
    const w = ui.wb();
    const { page } = w;
    await palette(page, 'Chargebee: New Quote: Subscription for a Customer');
    const frame = webviewFrame(page);
    // Custom fields are an advanced part of the form: a closed section until opened.
    const section = frame.locator('details.collapsed-section').filter({ hasText: 'Custom fields' });
    await section.waitFor({ timeout: 30_000 });
    await section.locator('summary').first().click();
    const add = frame.locator('[data-testid="add-row-custom_fields"]');
    await add.waitFor({ timeout: 10_000 });
    await add.click();
    await frame.locator('[data-testid="field-custom_fields[name][0]"]').fill('region');
    await frame.locator('[data-testid="field-custom_fields[value][0]"]').fill('EU');
    await frame.locator('[data-testid="preview"]').filter({ hasText: 'cf_region=EU' }).waitFor({ timeout: 10_000 });
    await frame.locator('[data-testid="field-custom_fields[name][0]"]').scrollIntoViewIfNeeded();
    await w.screenshot('p2-custom-fields-dark');
    await setTheme(page, 'Light Modern');
    await frame.locator('[data-testid="field-custom_fields[name][0]"]').scrollIntoViewIfNeeded();
    await w.screenshot('p2-custom-fields-light');
    await page.setViewportSize({ width: 700, height: 900 });
    await frame.locator('[data-testid="field-custom_fields[name][0]"]').scrollIntoViewIfNeeded();
    await w.screenshot('p2-custom-fields-narrow');
  });
});
