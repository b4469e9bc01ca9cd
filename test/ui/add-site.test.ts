/**
 * The first thing a person does: with no site set up, open the Chargebee view, run "Add Site" from the
 * palette, answer the real input boxes with the sandbox's base URL and key, and see the sandbox's quotes
 * in the Quotes tree. The expected quote is read from the sandbox over HTTP, not from the extension.
 */
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { answerInput, openChargebeeView, palette, startWorkbench, waitForTreeItem, type Workbench } from './harness';

interface QuoteList {
  list: { quote: { id: string; status: string } }[];
}

/** An open quote as the API lists it: open quotes sit in the tree's first (expanded) group. */
async function anOpenQuoteId(sandbox: RunningSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/quotes?limit=5&status[is]=open`, {
    headers: { authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}` },
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as QuoteList;
  const quote = body.list[0]?.quote;
  assert.ok(quote, 'the demo seed has no open quote');
  return quote.id;
}

describe('UI: add a site', function () {
  this.timeout(180_000);
  let sandbox: RunningSandbox;
  let workbench: Workbench | undefined;

  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'demo' });
    // No CHARGEBEE_DEV_* variables: the extension starts with no site at all.
    workbench = await startWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`add-site-failed-${this.currentTest.title}`);
  });

  after(async () => {
    await workbench?.close();
    await sandbox?.close();
  });

  it('adds the sandbox through the input boxes and lists its quotes', async () => {
    assert.ok(workbench);
    const { page } = workbench;
    const quoteId = await anOpenQuoteId(sandbox);
    await openChargebeeView(page);
    // The welcome view offers to add a site while none exists.
    await page.getByRole('button', { name: 'Add Site' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('add-site-1-welcome');

    await palette(page, 'Chargebee: Add Site...');
    await answerInput(page, sandbox.url, { prompt: /base URL/ });
    await answerInput(page, 'UI sandbox', { prompt: /Label/ });
    await answerInput(page, 'Product Catalog 2.0', { prompt: /Which product catalog/ });
    await answerInput(page, sandbox.apiKey, { prompt: /API key of UI sandbox/ });

    const row = await waitForTreeItem(page, new RegExp(`^Quote ${quoteId},`), 60_000);
    assert.match((await row.textContent()) ?? '', new RegExp(`#${quoteId}`));
    // The status bar names the new site, marked TEST (a loopback base URL).
    await page.locator('.statusbar-item', { hasText: /UI sandbox.*TEST/ }).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('add-site-2-quotes');
  });
});
