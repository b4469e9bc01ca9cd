/**
 * The product catalog is read from the site, in the real extension host: adding a site on a sandbox
 * started for one catalog never asks for it; a site that cannot say is asked, told why; a form whose
 * endpoint answers configuration_incompatible says the catalog changed and offers to detect it again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChargebeeTestApi } from '../../../src/api';
import { QUOTE_FORM_COMMANDS, SITE_COMMANDS } from '../../../src/commands/ids';
import { ChargebeeClient } from '../../../src/chargebee/client';
import { emptyValues } from '../../../src/forms/values';
import type { OpenedQuoteForm } from '../../../src/quotes/forms/register';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { CATALOG_LABEL, extensionApi, removeSite } from './quote-site';
import { useScript, withAnswers } from './test-user-input';

describe('product catalog detection in the extension host', function () {
  this.timeout(60_000);
  let api: ChargebeeTestApi;
  const sandboxes: RunningSandbox[] = [];
  const added: string[] = [];

  const sandbox = async (catalog: 1 | 2): Promise<RunningSandbox> => {
    const sb = await startSandbox({ port: 0, catalog });
    sandboxes.push(sb);
    return sb;
  };

  /** Adds the site with only the three scripted answers; returns its id and what was asked. */
  const addWithoutCatalogAnswer = async (sb: RunningSandbox, label: string): Promise<{ id: string; asked: string[] }> => {
    const { ui, release } = useScript(api);
    try {
      ui.input(sb.url).input(label).input(sb.apiKey);
      const id = await vscode.commands.executeCommand<unknown>(SITE_COMMANDS.addSite);
      ui.assertDone();
      assert.equal(typeof id, 'string', 'Add Site answered with the new id');
      added.push(id as string);
      return { id: id as string, asked: ui.asked.map((p) => `${p.kind}: ${p.text}`) };
    } finally {
      release();
    }
  };

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of added) if (api.sites.store.get(id)) await removeSite(api, id);
    for (const sb of sandboxes) await sb.close();
  });

  it('never asks for the version on a sandbox started with --catalog 2, and records it as detected', async () => {
    const sb = await sandbox(2);
    const before = Date.now();
    const { id, asked } = await addWithoutCatalogAnswer(sb, 'pc2 site');
    assert.equal(asked.length, 3, asked.join('\n'));
    assert.ok(asked.every((a) => !/catalog/i.test(a)), `no prompt mentions the catalog:\n${asked.join('\n')}`);
    const record = api.sites.store.get(id);
    assert.equal(record?.catalogVersion, 2);
    assert.ok((record?.catalogDetectedAt ?? 0) >= before, 'the record says the site reported it');
    const stats = sb.control.stats().routes;
    assert.equal(stats['GET /configurations'], 1, 'one configurations read');
  });

  it('detects 1.0 on a sandbox started with --catalog 1', async () => {
    const sb = await sandbox(1);
    const { id } = await addWithoutCatalogAnswer(sb, 'pc1 site');
    assert.equal(api.sites.store.get(id)?.catalogVersion, 1);
  });

  it('falls back to a PC2-only list when /configurations fails, and asks only when that fails too', async () => {
    const sb = await sandbox(1);
    sb.control.addFaults([{ type: 'status', status: 500, path: '/configurations' }]);
    const probed = await addWithoutCatalogAnswer(sb, 'pc1 probed');
    assert.equal(api.sites.store.get(probed.id)?.catalogVersion, 1, 'item_families answered configuration_incompatible: 1.0');

    sb.control.addFaults([
      { type: 'status', status: 500, path: '/configurations' },
      { type: 'status', status: 500, path: '/item_families' },
    ]);
    const id = await withAnswers(
      api,
      (ui) => ui.input(sb.url).input('pc1 asked').input(sb.apiKey).pick(CATALOG_LABEL[1]),
      () => vscode.commands.executeCommand<unknown>(SITE_COMMANDS.addSite),
    );
    assert.equal(typeof id, 'string');
    added.push(id as string);
    const record = api.sites.store.get(id as string);
    assert.equal(record?.catalogVersion, 1);
    assert.equal(record?.catalogDetectedAt, undefined, 'a chosen catalog is not recorded as detected');
  });

  it('says the catalog changed when a form meets configuration_incompatible, and detects it again on request', async () => {
    const sb = await sandbox(2);
    const { id } = await addWithoutCatalogAnswer(sb, 'moved site');
    // As if the site had been on 1.0 when it was added.
    await api.sites.store.update(id, { catalogVersion: 1, catalogDetectedAt: 0 });
    const form = await withAnswers(api, () => undefined, () => vscode.commands.executeCommand<OpenedQuoteForm | undefined>(QUOTE_FORM_COMMANDS.newOneTime));
    assert.ok(form);
    assert.equal(form.controller.spec.id, 'quotes.create_for_onetime_charges', 'a PC1 form');

    const direct = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
    const customers = await direct.call<{ list: { customer: { id: string } }[] }>('customers.list', { params: { limit: 1 } });
    const customerId = customers.body.list[0]?.customer.id;
    assert.ok(customerId);
    const { ui, release } = useScript(api);
    try {
      ui.warning('Detect Again');
      const values = { ...emptyValues(), fields: { customer_id: customerId }, rows: { charges: [{ amount: '10.00', description: 'Moved' }] } };
      await assert.rejects(form.controller.submitValues(values), /product catalog changed/);
      // The offer is a notification; its answer runs the detect command.
      for (let i = 0; i < 100 && api.sites.store.get(id)?.catalogVersion !== 2; i++) await new Promise((r) => setTimeout(r, 50));
      ui.assertDone();
      assert.match(ui.asked[0]?.text ?? '', /product catalog/);
    } finally {
      release();
    }
    assert.equal(api.sites.store.get(id)?.catalogVersion, 2, 'detected again: 2.0');
    assert.ok((api.sites.store.get(id)?.catalogDetectedAt ?? 0) > 0);
  });
});
