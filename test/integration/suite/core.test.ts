/**
 * The extension core inside the real extension host: activation, every command of package.json
 * registered, both views resolving, a sandbox site's key kept only in SecretStorage, and the Quotes
 * tree paging newest first with "Load more" and filtering by status, against an in-process sandbox.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChargebeeTestApi } from '../../../src/api';
import { ChargebeeClient } from '../../../src/chargebee/client';
import { QUOTE_TREE_COMMANDS, SITE_COMMANDS } from '../../../src/commands/ids';
import type { QuoteNode, QuoteTreeNode } from '../../../src/quotes/tree/nodes';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { addSandboxSite, EXTENSION_ID, extensionApi, runAddSite, type SandboxSite } from './quote-site';
import { ESCAPE, useScript, withAnswers } from './test-user-input';

interface ListedQuote {
  quote: { id: string; status: string; date: number; deleted?: boolean };
}

const isQuote = (n: QuoteTreeNode): n is QuoteNode => n.kind === 'quote';

/** The root's children once every list has settled (the first call answers "Loading…" and starts it). */
async function settledRoot(api: ChargebeeTestApi): Promise<QuoteTreeNode[]> {
  await api.quotesTree.getChildren();
  await api.quotesTree.whenIdle();
  return api.quotesTree.getChildren();
}

describe('extension core', function () {
  this.timeout(60_000);
  let api: ChargebeeTestApi;
  let sb: RunningSandbox;
  let site: SandboxSite | undefined;
  // Unique per run, and nothing like a real key, so a search for it cannot match by accident.
  const apiKey = `core-suite-key-${process.pid}-${Date.now()}`;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chargebee.quotes');

  before(async () => {
    api = await extensionApi();
    sb = await startSandbox({ port: 0, apiKey });
    await config().update('groupBy', 'none', vscode.ConfigurationTarget.Global);
    await config().update('pageSize', 5, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('groupBy', undefined, vscode.ConfigurationTarget.Global);
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await site?.release();
    await sb?.close();
  });

  it('activates and, in Test mode only, returns its services', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'the extension is active');
    assert.ok(api.sites && api.quotesTree && api.exportJobs && api.userInput, 'the test API names the sites, the Quotes tree, the export jobs and the user-input seam');
  });

  it('registers every command that package.json contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = ((ext?.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 20, 'package.json contributes the commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every contributed command has a handler');
  });

  it('refuses a wrong API key when adding a site, and stores nothing', async () => {
    const before = api.sites.store.list().length;
    // The 401 asks for the key again; Escape there gives up.
    const id = await runAddSite(api, { baseUrl: sb.url, label: 'wrong key', apiKeys: ['not-the-key', ESCAPE] });
    assert.equal(id, undefined, 'the command did not answer with a site id');
    assert.equal(api.sites.store.list().length, before, 'no site record was added');
  });

  it('keeps an added site key in SecretStorage and nowhere in settings or site records', async () => {
    site = await addSandboxSite(sb, { label: 'core sandbox' });
    assert.equal(api.sites.store.active()?.id, site.siteId, 'the new site is active');
    assert.equal(await api.sites.store.apiKey(site.siteId), apiKey, 'the key is in SecretStorage');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('chargebee'));
    assert.ok(!settings.includes(apiKey), 'the key is not in the chargebee settings');
    const records = JSON.stringify(api.sites.store.list());
    assert.ok(records.includes(sb.url), 'the site records hold the base URL');
    assert.ok(!records.includes(apiKey), 'the key is not in the site records (globalState)');
  });

  it('ignores arguments that would pre-answer Add Site: it still asks where the site is', async () => {
    const before = api.sites.store.list().length;
    const { ui, release } = useScript(api);
    try {
      ui.input(ESCAPE);
      const id = await vscode.commands.executeCommand<unknown>(SITE_COMMANDS.addSite, { baseUrl: sb.url, apiKey, label: 'scripted', verify: false });
      ui.assertDone();
      assert.equal(id, undefined, 'Escape at the first prompt cancels');
      assert.deepEqual(ui.asked.map((p) => p.kind), ['input'], 'the first prompt was shown, not skipped by the arguments');
    } finally {
      release();
    }
    assert.equal(api.sites.store.list().length, before, 'nothing was added from the arguments');
  });

  it('resolves both views', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.chargebee');
    await vscode.commands.executeCommand('chargebee.exportJobs.focus');
    await vscode.commands.executeCommand('chargebee.quotes.focus');
    const root = await settledRoot(api);
    assert.ok(root.length > 0, 'the Quotes view has children for the sandbox site');
    assert.ok(Array.isArray(api.exportJobs.store.list()), 'the export jobs store answers');
  });

  it('lists quotes newest first in pages, with Load more', async () => {
    api.quotesTree.refresh();
    const first = await settledRoot(api);
    const rows = first.filter(isQuote);
    assert.equal(rows.length, 5, 'one page of chargebee.quotes.pageSize rows');
    const more = first.at(-1);
    assert.equal(more?.kind, 'loadMore', 'the page ends in a Load more node');

    await vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.loadMore, more);
    const second = (await api.quotesTree.getChildren()).filter(isQuote);
    assert.equal(second.length, 10, 'Load more added the next page');
    assert.equal(new Set(second.map((n) => n.quote.id)).size, 10, 'no row twice');
    const dates = second.map((n) => n.quote.date ?? 0);
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first');

    // What the API answers for the same ten, in one request.
    const client = new ChargebeeClient({ baseUrl: sb.url, apiKey });
    const direct = await client.request<{ list: ListedQuote[] }>({ method: 'GET', path: '/quotes', params: { limit: 10, sort_by: { desc: 'date' } } });
    assert.deepEqual(second.map((n) => n.quote.id), direct.body.list.map((e) => e.quote.id));
  });

  it('filters by status, shows the filter in the view description, and clears it', async () => {
    const client = new ChargebeeClient({ baseUrl: sb.url, apiKey });
    const all = await client.listAll<ListedQuote>('/quotes', { limit: 100 });
    const accepted = all.filter((e) => e.quote.status === 'accepted').map((e) => e.quote.id);
    assert.ok(accepted.length > 0, 'the demo data has accepted quotes');

    // Statuses (multi-select), customer (any), date range (any).
    await withAnswers(api, (ui) => ui.pick('Accepted').pick('$(globe) All customers').input(''), () => vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.filter));
    let nodes = await settledRoot(api);
    // Page through to the end so the count can be compared.
    for (let guard = 0; nodes.at(-1)?.kind === 'loadMore' && guard < 20; guard++) {
      await vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.loadMore, nodes.at(-1));
      nodes = await api.quotesTree.getChildren();
    }
    const rows = nodes.filter(isQuote);
    assert.ok(rows.every((n) => n.quote.status === 'accepted'), 'only accepted quotes are listed');
    assert.deepEqual(rows.map((n) => n.quote.id).sort(), [...accepted].sort(), 'every accepted quote is listed');
    assert.match(api.quotesTree.view.description ?? '', /accepted/, 'the view description names the filter');

    await vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.clearFilter);
    const cleared = (await settledRoot(api)).filter(isQuote);
    assert.ok(cleared.some((n) => n.quote.status !== 'accepted'), 'other statuses are back');
    assert.doesNotMatch(api.quotesTree.view.description ?? '', /accepted/);
  });

  it('names the customers of a page with at most two requests, and Back in the filter keeps earlier answers', async () => {
    await config().update('pageSize', 50, vscode.ConfigurationTarget.Global);
    try {
      sb.control.resetStats();
      api.quotesTree.refresh();
      const rows = (await settledRoot(api)).filter(isQuote);
      const stats = sb.control.stats();
      assert.ok(rows.length > 10);
      assert.ok(rows.every((n) => n.quote.customer_name !== undefined), 'every row names its customer');
      assert.equal(stats.routes['GET /quotes'], 1);
      assert.ok((stats.routes['GET /customers'] ?? 0) <= 1, 'at most one customer lookup for the page');
      assert.ok(stats.total <= 2, `requests per tree page with names: ${stats.total}`);
    } finally {
      await config().update('pageSize', 5, vscode.ConfigurationTarget.Global);
    }
    const { ui, release } = useScript(api);
    ui.pick('Open').back().pick('Open', 'Accepted').pick('$(globe) All customers').input('');
    try {
      await vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.filter);
      ui.assertDone();
    } finally {
      release();
    }
    assert.deepEqual(ui.asked.map((a) => `${a.kind} ${a.step ?? '-'}`), ['pick 1/3', 'pick 2/3', 'pick 1/3', 'pick 2/3', 'input 3/3']);
    await vscode.commands.executeCommand(QUOTE_TREE_COMMANDS.clearFilter);
  });

  it('groups by status when asked, each group loading its own quotes', async () => {
    await config().update('groupBy', 'status', vscode.ConfigurationTarget.Global);
    try {
      const groups = await api.quotesTree.getChildren();
      const statuses = groups.flatMap((g) => (g.kind === 'group' ? [g.status] : []));
      assert.ok(statuses.includes('open') && statuses.includes('accepted'), 'status groups are shown');
      const open = groups.find((g) => g.kind === 'group' && g.status === 'open');
      assert.ok(open);
      await api.quotesTree.getChildren(open);
      await api.quotesTree.whenIdle();
      const rows = (await api.quotesTree.getChildren(open)).filter(isQuote);
      assert.ok(rows.length > 0 && rows.every((n) => n.quote.status === 'open'), 'the Open group lists open quotes only');
    } finally {
      await config().update('groupBy', 'none', vscode.ConfigurationTarget.Global);
    }
  });

  it('updates a row in place when a quote changes elsewhere', async () => {
    const rows = (await settledRoot(api)).filter(isQuote);
    const target = rows[0];
    assert.ok(target && site);
    api.quotesTree.quoteChanged(site.siteId, { ...target.quote, total: 4242 });
    const after = (await api.quotesTree.getChildren()).filter(isQuote);
    assert.equal(after.length, rows.length, 'no row was added');
    assert.equal(after.find((n) => n.quote.id === target.quote.id)?.quote.total, 4242);
    api.quotesTree.quoteDeleted(site.siteId, target.quote.id);
    const gone = (await api.quotesTree.getChildren()).filter(isQuote);
    assert.ok(!gone.some((n) => n.quote.id === target.quote.id), 'a deleted quote leaves the list');
  });
});
