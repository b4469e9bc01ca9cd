/**
 * The viewers inside the real extension host: a CSV opens in the table (a custom editor tab) and,
 * over the size limit, as text; downloads open CSVs and PDFs in the viewers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openDownloadedFiles } from '../../../src/downloads/open';
import { openCsvInViewer } from '../../../src/viewers/open';
import { CSV_VIEW_TYPE, PDF_VIEW_TYPE, VIEWER_SETTINGS } from '../../../src/viewers/view-types';
import { extensionApi } from './quote-site';

function activeInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('viewers', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'cb-viewers-'));
  const small = join(dir, 'small.csv');
  const big = join(dir, 'big.csv');
  const pdf = join(dir, 'q.pdf');
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration();

  before(async () => {
    await extensionApi();
    writeFileSync(small, 'id,name\r\n1,Ann\r\n');
    writeFileSync(big, `id,text\r\n${Array.from({ length: 30_000 }, (_, i) => `${i},${'x'.repeat(60)}`).join('\r\n')}\r\n`);
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
  });

  afterEach(async () => {
    await config().update(VIEWER_SETTINGS.csvMaxFileSizeMb, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a CSV in the table, and one over the size limit as text', async () => {
    assert.equal(await openCsvInViewer(vscode.Uri.file(small)), 'table');
    await until(() => activeInput() instanceof vscode.TabInputCustom, 'the table tab');
    assert.equal((activeInput() as vscode.TabInputCustom).viewType, CSV_VIEW_TYPE);

    await config().update(VIEWER_SETTINGS.csvMaxFileSizeMb, 1, vscode.ConfigurationTarget.Global);
    assert.equal(await openCsvInViewer(vscode.Uri.file(big)), 'text');
    await until(() => activeInput() instanceof vscode.TabInputText && (activeInput() as vscode.TabInputText).uri.fsPath === big, 'the text tab');
    await config().update(VIEWER_SETTINGS.csvMaxFileSizeMb, 5, vscode.ConfigurationTarget.Global);
    assert.equal(await openCsvInViewer(vscode.Uri.file(big)), 'table', 'a larger limit lets the same file into the table');
  });

  it('opens downloaded CSVs and PDFs in the viewers (the UI test checks the focus stays put)', async () => {
    await openDownloadedFiles([small, pdf]);
    const inputs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.input));
    const custom = inputs.filter((i): i is vscode.TabInputCustom => i instanceof vscode.TabInputCustom);
    assert.deepEqual(custom.map((i) => [i.viewType, i.uri.fsPath]).sort(), [[CSV_VIEW_TYPE, small], [PDF_VIEW_TYPE, pdf]].sort());
  });
});
