/**
 * Figure 6: in Chromium against code-server, submit a one-time-charges quote form and time until the new
 * quote's row is visible in the Quotes tree (its "Open" group is expanded by default, so the row shows
 * without a click). Reference: from the same click until the sandbox holds the new quote, i.e. the part
 * of the wait that is the server's. The extension is a production build (scripts/build.mjs --production
 * --outdir) laid out in a temp folder, as users get it, so the dev build in dist/ is neither needed nor
 * touched. Form hooks: the data-testids documented at the top of src/webview/ui/forms.entry.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/code-server';
import { startSandbox } from '../sandbox/index';
import { openChargebeeView, palette, startWorkbench, waitForTreeItem, webviewFrame, type Workbench } from '../ui/harness';
import { figure, goal, median, notMeasured, type Figure } from './figures';

const NEW_ONE_TIME_QUOTE = 'chargebee.quotes.newOneTimeQuote';
const name = 'UI: submit quote form until its row shows';
const oneSecond = goal('value', '<=', 1000, '<= 1000 ms');

interface Contributes {
  commands?: { command: string; title: string; category?: string }[];
  views?: Record<string, { id: string }[]>;
}

/** What is missing before the flow can run, or the palette title of the form command. */
function prerequisites(): { missing: string[]; title?: string } {
  const missing: string[] = [];
  if (!existsSync(join(repoRoot, 'src/extension.ts'))) missing.push('src/extension.ts');
  if (!existsSync(join(repoRoot, 'src/webview/ui/forms.entry.ts'))) missing.push('src/webview/ui/forms.entry.ts');
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes?: Contributes };
  const command = manifest.contributes?.commands?.find((c) => c.command === NEW_ONE_TIME_QUOTE);
  if (!command) missing.push(`the ${NEW_ONE_TIME_QUOTE} command in package.json`);
  const views = Object.values(manifest.contributes?.views ?? {}).flat();
  if (!views.some((v) => /quote/i.test(v.id))) missing.push('a Quotes view in package.json');
  return command ? { missing, title: command.category ? `${command.category}: ${command.title}` : command.title } : { missing };
}

/** The production build with the repo's manifest and media, in `dir`. */
export async function layOutExtension(dir: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--production', '--outdir', join(dir, 'dist')], { cwd: repoRoot });
  await copyFile(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  for (const shared of ['media', 'l10n', 'package.nls.json']) {
    if (existsSync(join(repoRoot, shared))) symlinkSync(join(repoRoot, shared), join(dir, shared));
  }
}

async function closeEditors(page: Page): Promise<void> {
  await palette(page, 'View: Close All Editors');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
}

export async function benchUiLatency(rounds: number): Promise<Figure[]> {
  const pre = prerequisites();
  if (pre.missing.length > 0 || !pre.title) return [notMeasured('6', name, 'ms', `needs ${pre.missing.join(', ')}`, oneSecond)];
  const sb = await startSandbox({ seed: 'demo' });
  const extensionPath = await mkdtemp(join(tmpdir(), 'cb-bench-ui-'));
  let wb: Workbench | undefined;
  try {
    await layOutExtension(extensionPath);
    wb = await startWorkbench({ sandbox: sb, extensionPath });
    const { page } = wb;
    await openChargebeeView(page);
    // The Open group's first page must be in before a new row can join it (rows are named "Quote <id>, ...").
    // Seen once in four runs: the group expanded but never showed its rows; a refresh is then noted, not hidden.
    let refreshed = false;
    try {
      await waitForTreeItem(page, /^Quote \S+,/, 15_000);
    } catch {
      refreshed = true;
      await palette(page, 'Chargebee: Refresh Quotes');
      await waitForTreeItem(page, /^Quote \S+,/, 15_000);
    }
    const customer = [...sb.control.store.customers.values()].find((c) => c.preferred_currency_code === 'USD' && !c.deleted)?.id;
    if (customer === undefined) throw new Error('the demo seed has no USD customer');
    const toRow: number[] = [];
    const toServer: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await palette(page, pre.title);
      const form = webviewFrame(page);
      await form.locator('[data-testid="field-customer_id"]').waitFor({ timeout: 30_000 });
      const label = `Bench quote ${Date.now()}`;
      await form.locator('[data-testid="field-customer_id"]').fill(customer);
      const nameField = form.locator('[data-testid="field-name"]');
      if ((await nameField.count()) > 0) await nameField.fill(label);
      await form.locator('[data-testid="add-row-charges"]').click();
      await form.locator('[data-testid="field-charges[amount][0]"]').fill('1000');
      await form.locator('[data-testid="field-charges[description][0]"]').fill('Bench charge');
      const known = new Set(sb.control.store.quotes.keys());
      const clicked = Date.now();
      await form.locator('[data-testid="submit"]').click();
      let created: string | undefined;
      while (created === undefined && Date.now() - clicked < 30_000) {
        created = [...sb.control.store.quotes.keys()].find((id) => !known.has(id));
        if (created === undefined) await new Promise((r) => setTimeout(r, 5));
      }
      if (created === undefined) throw new Error('the sandbox received no new quote within 30 s');
      toServer.push(Date.now() - clicked);
      await waitForTreeItem(page, new RegExp(`^Quote ${created},`), 30_000);
      toRow.push(Date.now() - clicked);
      // One form panel at a time, so the next round's webview frame is unambiguous.
      await closeEditors(page);
    }
    return [figure({ id: '6', name, unit: 'ms', value: median(toRow), reference: { label: 'click until the sandbox has it', value: median(toServer) }, goal: oneSecond, notes: `median of ${rounds}; production build; Open group expanded, as by default${refreshed ? '; NOTE: the tree showed no rows until Refresh Quotes was run' : ''}` })];
  } catch (error) {
    if (wb) await wb.screenshot('bench-ui-latency').catch(() => undefined);
    return [notMeasured('6', name, 'ms', `failed: ${(error as Error).message.split('\n')[0] ?? ''} (screenshot test-results/screenshots/bench-ui-latency.png)`, oneSecond)];
  } finally {
    await wb?.close();
    await sb.close();
    await rm(extensionPath, { recursive: true, force: true });
  }
}
