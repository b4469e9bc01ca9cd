/**
 * Figure 6: in Chromium against code-server, submit a one-time-charges quote form and time until the new
 * quote's row is visible in the Quotes tree. Reference: from the same click until the sandbox holds the
 * new quote, i.e. the part of the wait that is the server's. Runs only once the pieces it drives exist
 * (extension entry, the form command, a quotes view in package.json); otherwise it says what is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes?: Contributes };
  const command = manifest.contributes?.commands?.find((c) => c.command === NEW_ONE_TIME_QUOTE);
  if (!command) missing.push(`the ${NEW_ONE_TIME_QUOTE} command in package.json`);
  const views = Object.values(manifest.contributes?.views ?? {}).flat();
  if (!views.some((v) => /quote/i.test(v.id))) missing.push('a Quotes view in package.json');
  if (!existsSync(join(repoRoot, 'dist/webview/forms.js'))) missing.push('dist/webview/forms.js (npm run build)');
  return command ? { missing, title: command.category ? `${command.category}: ${command.title}` : command.title } : { missing };
}

export async function benchUiLatency(rounds: number): Promise<Figure[]> {
  const pre = prerequisites();
  if (pre.missing.length > 0 || !pre.title) return [notMeasured('6', name, 'ms', `needs ${pre.missing.join(', ')}`, oneSecond)];
  const sb = await startSandbox({ seed: 'demo' });
  let wb: Workbench | undefined;
  try {
    wb = await startWorkbench({ sandbox: sb });
    const { page } = wb;
    await openChargebeeView(page);
    const customer = [...sb.control.store.customers.keys()][0];
    if (customer === undefined) throw new Error('the demo seed has no customer');
    const toRow: number[] = [];
    const toServer: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await palette(page, pre.title);
      const form = webviewFrame(page);
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
      await waitForTreeItem(page, new RegExp(`${created}|${label}`), 30_000);
      toRow.push(Date.now() - clicked);
    }
    return [figure({ id: '6', name, unit: 'ms', value: median(toRow), reference: { label: 'click until the sandbox has it', value: median(toServer) }, goal: oneSecond, notes: `median of ${rounds}` })];
  } catch (error) {
    if (wb) await wb.screenshot('bench-ui-latency').catch(() => undefined);
    return [notMeasured('6', name, 'ms', `failed: ${(error as Error).message.split('\n')[0] ?? ''} (screenshot test-results/screenshots/bench-ui-latency.png)`, oneSecond)];
  } finally {
    await wb?.close();
    await sb.close();
  }
}
