/**
 * Export jobs inside the real extension host against an in-process sandbox: a finished export opens its
 * CSV beside the user's editor without taking focus and its job records rows and size; a running job can
 * be stopped, after which it is never checked again.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPORT_JOB_COMMANDS } from '../../../src/commands/ids';
import type { ExportJob } from '../../../src/exports/jobs/job';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import type { SandboxSite } from './quote-site';
import { addSandboxSite, sleep, until } from './quote-site';

describe('export jobs in the extension host', function () {
  this.timeout(90_000);
  let sb: RunningSandbox;
  let site: SandboxSite;

  before(async () => {
    sb = await startSandbox({ port: 0, exportSeconds: 2 });
    site = await addSandboxSite(sb, { label: 'Jobs sandbox' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const job of site.api.exportJobs.store.list(site.siteId)) await site.api.exportJobs.store.remove(job.id);
    await site?.release();
    await sb?.close();
  });

  const enqueue = (): Promise<ExportJob> => site.api.exportJobs.queue.enqueue({ siteId: site.siteId, kind: 'exports.customers', params: { export_type: 'data' } });

  it('opens a finished export beside the editor the user types in, keeps the focus there, and records rows and size', async () => {
    const mine = await vscode.workspace.openTextDocument({ content: 'my notes', language: 'plaintext' });
    await vscode.window.showTextDocument(mine);
    const job = await enqueue();
    const exportId = await until('the trigger', () => site.api.exportJobs.store.get(job.id)?.exportId, 10_000);
    sb.control.advanceClock(5);
    const done = await until('the download', () => {
      const j = site.api.exportJobs.store.get(job.id);
      return j?.rows !== undefined ? j : undefined;
    }, 30_000);
    await until('the CSV tab', () => (vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.endsWith('.csv')) ? true : undefined), 10_000);
    assert.equal(vscode.window.activeTextEditor?.document, mine, 'the finished export took the active editor from the user');
    const csv = sb.control.store.exports.get(exportId)?.files[0]?.csv ?? '';
    const dataRows = csv.split(/\r?\n/).slice(1).filter((line) => line !== '').length;
    assert.equal(done.rows, dataRows, 'the job counts the CSV data rows');
    assert.ok((done.bytes ?? 0) > 0, 'the job records the zip size');
  });

  it('stops a running job: it is cancelled and never checked again', async () => {
    const job = await enqueue();
    const exportId = await until('the trigger', () => site.api.exportJobs.store.get(job.id)?.exportId, 10_000);
    await vscode.commands.executeCommand(EXPORT_JOB_COMMANDS.cancel, site.api.exportJobs.store.get(job.id));
    assert.equal(site.api.exportJobs.store.get(job.id)?.status, 'cancelled');
    // Past the 10 s at which the first status check would have gone out.
    await sleep(12_000);
    assert.equal(sb.control.stats().exports[exportId]?.retrieves ?? 0, 0, 'a stopped job was checked');
  });
});
