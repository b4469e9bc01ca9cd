/**
 * The quote actions inside the real extension host, against an in-process sandbox: each command runs
 * through the real registration, write guard and client, with its prompts answered by a TestUserInput
 * script (commands take only the quote as argument), and each result is checked by retrieving the
 * quote from the sandbox afterwards.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { ChargebeeClient } from '../../../src/chargebee/client';
import { QUOTE_ACTION_COMMANDS as C } from '../../../src/commands/ids';
import type { QuoteObject } from '../../../src/quotes/detail/quote-model';
import { quoteOf } from '../../../src/quotes/detail/quote-model';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { extensionApi, useSandboxSite } from './quote-site';
import { ESCAPE, useScript, withAnswers, type TestUserInput } from './test-user-input';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The detail tab of a quote: "Quote 27 · Umbrella Labs", maybe "(preview)". */
function tabOf(tab: vscode.Tab, quoteId: string): boolean {
  return tab.label === `Quote ${quoteId}` || tab.label.startsWith(`Quote ${quoteId} `);
}

/** Tabs and documents appear asynchronously: poll rather than read once. */
async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('quote actions in the extension host', function () {
  this.timeout(20_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let releaseSite: (() => Promise<void>) | undefined;
  /** Runs a command with its prompts answered by `script`; fails on any prompt not scripted. */
  const run = async <T>(script: (ui: TestUserInput) => void, command: string, ...args: unknown[]): Promise<T> =>
    withAnswers(await extensionApi(), script, () => vscode.commands.executeCommand<T>(command, ...args));

  const retrieve = async (id: string): Promise<QuoteObject> => {
    const res = await client.call<unknown>('quotes.retrieve', { pathParams: { quote_id: id } });
    const quote = quoteOf(res.body);
    assert.ok(quote, `quote ${id} retrievable`);
    return quote;
  };
  /** The n-th quote in `status`, newest first; distinct indexes keep the tests off each other's quotes. */
  const quoteIn = async (status: string, index = 0): Promise<QuoteObject> => {
    const res = await client.call<{ list: unknown[] }>('quotes.list', { params: { limit: 100, status: { is: status }, sort_by: { desc: 'date' } } });
    const quote = res.body.list.map(quoteOf)[index];
    assert.ok(quote, `the demo seed has ${index + 1} ${status} quotes`);
    return quote;
  };

  before(async () => {
    sb = await startSandbox({ port: 0 });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    releaseSite = await useSandboxSite(sb);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await releaseSite?.();
    await sb.close();
  });

  it('accepts an open quote (tree-node argument, comment scripted)', async () => {
    const quote = await quoteIn('open', 0);
    await run((ui) => ui.input('accepted in a test'), C.accept, { quote });
    assert.equal((await retrieve(quote.id)).status, 'accepted');
    const post = sb.control.requests().find((r) => r.method === 'POST' && r.path.endsWith(`/quotes/${quote.id}/update_status`));
    assert.match(post?.headers['chargebee-idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
  });

  it('declines and closes open quotes (id arguments)', async () => {
    const [a, b] = [await quoteIn('open', 1), await quoteIn('open', 2)];
    await run((ui) => ui.input(''), C.decline, a.id);
    await run((ui) => ui.input('no longer needed'), C.close, b.id);
    assert.equal((await retrieve(a.id)).status, 'declined');
    assert.equal((await retrieve(b.id)).status, 'closed');
  });

  it('asks with the quote picker from the palette: the newest open quote, then an empty comment', async () => {
    const newest = await quoteIn('open', 0);
    const listed = (): number => sb.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/quotes')).length;
    const listsBefore = listed();
    const running = vscode.commands.executeCommand(C.accept);
    // The picker loads its first page, then the comment box follows: accept each when it is up.
    await until('the picker\'s list request', () => (listed() > listsBefore ? true : undefined));
    await sleep(400);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    assert.equal((await retrieve(newest.id)).status, 'accepted');
  });

  it('stays silent and sends nothing when the picker is cancelled', async () => {
    const posts = (): number => sb.control.requests().filter((r) => r.method === 'POST').length;
    const before = posts();
    const running = vscode.commands.executeCommand(C.decline);
    await sleep(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined);
    assert.equal(posts(), before);
  });

  it('refuses an action the status does not allow, without calling the API', async () => {
    const declined = await quoteIn('declined', 0);
    const before = sb.control.requests().filter((r) => r.method === 'POST').length;
    await run(() => undefined, C.accept, declined.id);
    assert.equal(sb.control.requests().filter((r) => r.method === 'POST').length, before);
    assert.equal((await retrieve(declined.id)).status, 'declined');
  });

  it('converts an accepted quote to an invoice', async () => {
    const quote = await quoteIn('accepted', 0);
    // Invoice immediately, dated now, no extra flags.
    await run((ui) => ui.pick('Invoice immediately').input('').pick(), C.convert, { quote });
    const after = await retrieve(quote.id);
    assert.equal(after.status, 'invoiced');
    assert.ok(after.invoice_id !== undefined && after.invoice_id !== '', 'the invoice id is set');
  });

  it('converts with Back between the steps and honest step counts', async () => {
    const quote = await quoteIn('accepted', 1);
    const { ui, release } = useScript(await extensionApi());
    // Not invoicing now is two steps (1, 2/2); Back from 2/2 returns to step 1, invoicing now is three.
    ui.pick('Do not invoice now').back().pick('Invoice immediately').input('').back().input('').pick();
    try {
      await vscode.commands.executeCommand(C.convert, { quote });
      ui.assertDone();
    } finally {
      release();
    }
    assert.deepEqual(ui.asked.map((a) => `${a.kind} ${a.step ?? '-'}`), ['pick 1', 'pick 2/2', 'pick 1', 'input 2/3', 'pick 3/3', 'input 2/3', 'pick 3/3']);
    assert.equal((await retrieve(quote.id)).status, 'invoiced');
  });

  it('extends the expiry to the end of the chosen UTC day', async () => {
    const quote = await quoteIn('open', 3);
    const day = new Date((sb.control.now() + 60 * 86_400) * 1000).toISOString().slice(0, 10);
    await run((ui) => ui.input(day), C.extend, { quote });
    assert.equal((await retrieve(quote.id)).valid_till, Date.parse(`${day}T23:59:59Z`) / 1000);
  });

  it('deletes a quote (confirmation scripted)', async () => {
    const quote = await quoteIn('open', 4);
    await run((ui) => ui.input('duplicate').warning('Delete Quote'), C.delete, { quote });
    await assert.rejects(retrieve(quote.id), (err: Error & { httpStatus?: number }) => err.httpStatus === 404);
  });

  it('ignores arguments that would pre-answer: delete still asks for the comment and the confirmation', async () => {
    const quote = await quoteIn('open', 5);
    const api = await extensionApi();
    await withAnswers(
      api,
      (ui) => ui.input('').warning(ESCAPE),
      () => vscode.commands.executeCommand(C.delete, { quote }, { comment: 'skip', confirmed: true }),
    );
    const after = await retrieve(quote.id);
    assert.equal(after.deleted ?? false, false, 'Escape at the confirmation kept the quote, whatever the arguments said');
  });

  it('downloads the PDF as quote-<id>-<date>.pdf', async () => {
    const quote = await quoteIn('open', 0);
    const file = await run<string | undefined>((ui) => ui.pick('$(cloud-download) Standard view as attachment'), C.pdf, { quote });
    assert.ok(typeof file === 'string', 'the command answers with the saved file');
    assert.match(file, new RegExp(`quote-${quote.id}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('opens the downloaded PDF in VS Code where the UI runs in a browser', async function () {
    // code-server is the Web UI; on a desktop run the system viewer gets the file instead (unit-tested).
    if (vscode.env.uiKind !== vscode.UIKind.Web) this.skip();
    const quote = await quoteIn('open', 0);
    const file = await run<string | undefined>((ui) => ui.pick('$(file-pdf) Consolidated view'), C.pdf, { quote });
    assert.ok(typeof file === 'string');
    const name = file.split(/[\\/]/).pop() ?? '';
    assert.match(name, /-consolidated-/);
    await until('the PDF tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === name));
  });

  it('opens the detail view once per quote and shows the raw JSON read-only', async () => {
    const quote = await quoteIn('open', 0);
    await vscode.commands.executeCommand(C.open, { quote });
    await vscode.commands.executeCommand(C.open, quote.id);
    const quoteTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => tabOf(t, quote.id));
    const tab = await until('the detail tab', () => quoteTabs()[0]);
    assert.match(tab.label, /^Quote \S+ · \S/, 'the title names the customer');
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    assert.equal(quoteTabs().length, 1, 'one panel per quote: the second open revealed the first');

    await vscode.commands.executeCommand(C.showJson, { quote });
    const doc = await until('the JSON document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'chargebee-quote' && d.uri.path.endsWith(`quote-${quote.id}.json`)),
    );
    assert.equal(doc.languageId, 'json');
    assert.equal((JSON.parse(doc.getText()) as { quote: { id: string } }).quote.id, quote.id);
  });

  it('reuses one preview panel for quotes opened from the tree, until one is opened to keep', async () => {
    const [a, b] = [await quoteIn('open', 1), await quoteIn('open', 2)];
    const tabs = (id: string): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => tabOf(t, id));
    await vscode.commands.executeCommand(C.open, { quoteId: a.id, siteId: undefined, preview: true });
    const first = await until('the preview tab', () => tabs(a.id)[0]);
    assert.match(first.label, /\(preview\)$/);
    await new Promise((r) => setTimeout(r, 600));
    await vscode.commands.executeCommand(C.open, { quoteId: b.id, preview: true });
    await until('the preview showing the second quote', () => tabs(b.id)[0]);
    await until('the first quote replaced', () => (tabs(a.id).length === 0 ? true : undefined));
    await vscode.commands.executeCommand(C.open, b.id);
    await until('the second quote kept', () => (tabs(b.id)[0]?.label.endsWith('(preview)') === false ? true : undefined));
    await vscode.commands.executeCommand(C.open, { quoteId: a.id, preview: true });
    await until('a new preview beside the kept panel', () => tabs(a.id)[0]);
    assert.equal(tabs(b.id).length, 1, 'the kept panel stays');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
