/**
 * The first thing a person does (issue 3, UI tier): with no site set up, open the Chargebee view and see
 * the welcome content, run "Add Site" from the palette and answer the real input boxes (the sandbox's
 * base URL, a label, first a wrong API key that is refused with a clear message and asked again, then
 * the right one; never the product catalog, which the site reports), and see the sandbox's quotes in the
 * Quotes tree and the site in the status bar, marked TEST, its tooltip naming the detected catalog. The expected quotes are read from the sandbox over HTTP, not from the extension.
 */
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../sandbox/index';
import { answerInput, openChargebeeView, palette, siteStatus, waitForTreeItem, type Workbench } from './harness';
import { useWorkbench } from './use-workbench';

interface QuoteList {
  list: { quote: { id: string; status: string } }[];
}

const LABEL = 'UI sandbox';
/** Not the sandbox's key, and nothing like a real one. */
const WRONG_KEY = 'not-the-sandbox-key';

const basicAuth = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** The open quotes as the API lists them, newest first (the tree's order in its first group). */
async function openQuoteIds(sandbox: RunningSandbox): Promise<string[]> {
  const response = await fetch(`${sandbox.url}/quotes?limit=100&status[is]=open&sort_by[desc]=date`, {
    headers: { authorization: basicAuth(sandbox.apiKey) },
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as QuoteList;
  return body.list.map((entry) => entry.quote.id);
}

/** How many key checks (one cheap GET /customers each) the extension made while adding the site. */
function keyChecks(sandbox: RunningSandbox): number {
  // The Quotes tree's name lookups (`id[in]`) are customer lists too, but no key check.
  return sandbox.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/customers') && !r.query.includes('id%5Bin%5D')).length;
}

describe('UI: add a site', function () {
  this.timeout(180_000);
  // No dev site: CHARGEBEE_DEV_* are removed and the extension starts with no site at all.
  // A site of one catalog, as real sites are: the extension must read which from the site.
  const ui = useWorkbench({ devSite: false, sandbox: { catalog: 2 } });

  it('adds the sandbox through the input boxes, refusing a wrong key first, and lists its quotes', async () => {
    const sandbox = ui.sb();
    const workbench = ui.wb();
    const { page } = workbench;
    const openIds = await openQuoteIds(sandbox);
    assert.ok(openIds.length >= 3, 'the demo seed has open quotes');

    await openChargebeeView(page);
    // The welcome view explains what is missing and offers to add a site while none exists.
    await page.getByText('No Chargebee site is set up yet').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Add Site' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await siteStatus(page).count(), 0, 'no site in the status bar yet');
    await workbench.screenshot('add-site-1-welcome');

    await palette(page, 'Chargebee: Add Site...');
    await answerInput(page, sandbox.url, { prompt: /Add Chargebee Site \(1\/3\)[\s\S]*base URL/ });
    await answerInput(page, LABEL, { prompt: /Add Chargebee Site \(2\/3\)/ });
    await workbench.screenshot('add-site-2-label-answered');
    await answerInput(page, WRONG_KEY, { prompt: /Add Chargebee Site \(3\/3\)[\s\S]*API key of UI sandbox/ });

    // The key is checked against the site: refused, with why, and asked for again in a password box.
    const refused = /did not accept this API key \(HTTP 401\)[\s\S]*API key of UI sandbox/;
    await whenAsked(page, refused, async () => {
      assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password', 'the key is typed into a password box');
      await workbench.screenshot('add-site-3-wrong-key-refused');
    });
    await answerInput(page, sandbox.apiKey, { prompt: refused });

    // The sandbox's newest open quotes appear in the tree's first (expanded) group, which counts them all.
    for (const id of openIds.slice(0, 3)) {
      const row = await waitForTreeItem(page, new RegExp(`^Quote ${id},`), 60_000);
      assert.match((await row.textContent()) ?? '', new RegExp(`#${id}\\b`));
    }
    const openGroup = await waitForTreeItem(page, /^Open\b/);
    assert.equal((await openGroup.locator('.label-description').innerText()).trim(), String(openIds.length));
    // By now both checks are done. The sandbox records requests without their keys: two checks, the refused one and the accepted one.
    assert.equal(keyChecks(sandbox), 2, 'one key check per key typed');
    // The status bar names the new site, marked TEST (a loopback base URL).
    await siteStatus(page).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await siteStatus(page).innerText(), new RegExp(`${LABEL} · TEST`));
    await page.getByText('No Chargebee site is set up yet').first().waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(sandbox.control.requests().filter((r) => r.path.endsWith('/configurations')).length, 1, 'the catalog was read from the site once');
    await workbench.screenshot('add-site-4-quotes-and-status-bar');
    await siteStatus(page).hover();
    await page.getByText(/Product Catalog 2\.0, as the site reported on \d{4}-\d{2}-\d{2}/).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('add-site-5-status-tooltip');
  });
});

/** Waits until the open box shows `prompt`, then runs `look` (assertions, a screenshot) on it. */
async function whenAsked(page: Workbench['page'], prompt: RegExp, look: () => Promise<void>): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const deadline = Date.now() + 30_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await widget.innerText().catch(() => '');
    if ((await widget.isVisible()) && prompt.test(seen)) return look();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the key was never asked for again with ${String(prompt)}; the box showed: ${seen}`);
}
