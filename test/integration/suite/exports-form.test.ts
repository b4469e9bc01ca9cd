/**
 * "New Export" inside the real extension host, against an in-process sandbox that finishes exports
 * after 2 s: the customers form opened by command, a preset saved and re-run, and a submit with two
 * filters through the form's session and controller, followed until the poller (10 s minimum between
 * retrieves) sees it complete and the CSV lands in the workspace.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { safeNamePart } from '../../../src/downloads/file-names';
import { EXPORT_FORM_COMMANDS as C } from '../../../src/commands/ids';
import type { OpenExportForm } from '../../../src/exports/form/register';
import type { ExportJob } from '../../../src/exports/jobs/job';
import type { FormValues } from '../../../src/forms/values';
import { emptyValues } from '../../../src/forms/values';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { extensionApi, until, useSandboxSite } from './quote-site';
import { withAnswers } from './test-user-input';

const twoFilters: FormValues = {
  ...emptyValues(),
  fields: { export_type: 'data' },
  filters: [
    { group: 'customer', field: 'auto_collection', op: 'is', values: ['on'] },
    { group: 'customer', field: 'created_at', op: 'after', values: ['2015-01-01'] },
  ],
};

describe('new export form in the extension host', function () {
  this.timeout(60_000);
  let sb: RunningSandbox;
  let releaseSite: (() => Promise<void>) | undefined;

  before(async () => {
    sb = await startSandbox({ port: 0, exportSeconds: 2 });
    releaseSite = await useSandboxSite(sb);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await releaseSite?.();
    await sb?.close();
  });

  const openCustomers = async (): Promise<OpenExportForm> => {
    const open = await withAnswers(await extensionApi(), (ui) => ui.pick('Customers'), () => vscode.commands.executeCommand<OpenExportForm | undefined>(C.newExport));
    assert.ok(open, 'the command opened the customers form');
    assert.equal(open.controller.definition.model.spec.id, 'exports.customers');
    return open;
  };

  it('saves a preset from the form, lists it, and re-runs it from the palette command', async () => {
    const open = await openCustomers();
    const presets = open.controller.presets;
    assert.ok(presets, 'the export form offers presets');
    const name = `EU customers ${Date.now()}`;
    await presets.save(name, twoFilters);
    assert.ok(presets.list().includes(name), 'the saved preset is listed in the form');
    const loaded = await presets.load(name);
    assert.equal(loaded?.filters.length, 2);

    const before = sb.control.store.exports.size;
    // The preset picker (its own QuickPick, with row buttons) goes through the user-input seam: Enter on the preset runs it.
    const job = await withAnswers(await extensionApi(), (ui) => ui.pick(name), () => vscode.commands.executeCommand<ExportJob | undefined>(C.runPreset));
    assert.ok(job && job.kind === 'exports.customers', 'running the preset queued a customers job');
    // "after 2015-01-01" is after that whole UTC day.
    assert.deepEqual(job.params, { export_type: 'data', customer: { auto_collection: { is: 'on' }, created_at: { after: Date.UTC(2015, 0, 2) / 1000 - 1 } } });
    await until('the preset trigger', () => (sb.control.store.exports.size > before ? true : undefined), 10_000);
    open.panel.dispose();
  });

  it('submits two filters through the form, and the job runs to a downloaded CSV', async () => {
    const open = await openCustomers();
    const before = new Set(sb.control.store.exports.keys());
    await open.panel.session.handle({ type: 'submit', values: twoFilters });
    const job = open.controller.lastJob;
    assert.ok(job, 'the submit queued a job');
    assert.equal(job.siteId, open.site.id);
    assert.deepEqual(Object.keys(job.params['customer'] as object).sort(), ['auto_collection', 'created_at']);

    // The queue triggers it at once (a free slot), and the sandbox keeps it in_process for 2 s.
    const exportId = await until('the trigger', () => [...sb.control.store.exports.keys()].find((id) => !before.has(id)), 10_000);
    const files = sb.control.store.exports.get(exportId)?.files ?? [];
    assert.ok(files.length > 0 && files.every((f) => f.csv.split('\n').slice(1).every((row) => row === '' || row.includes(',on,'))), 'the sandbox applied the filter');
    sb.control.advanceClock(5);

    // The poller retrieves no sooner than 10 s after the trigger; then the zip downloads and is extracted
    // into a folder named from kind and (the file-safe form of) the export id.
    await until('a retrieve of the export', () => ((sb.control.stats().exports[exportId]?.retrieves ?? 0) > 0 ? true : undefined), 25_000);
    const csv = await until(
      'the downloaded CSV',
      async () => (await vscode.workspace.findFiles('**/*.csv', '**/node_modules/**')).find((uri) => uri.fsPath.includes(safeNamePart(exportId))),
      20_000,
    );
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(csv));
    assert.match(text.split(/\r?\n/)[0] ?? '', /auto_collection/);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.endsWith('.csv')), true, 'the CSV opened in an editor');
  });
});
