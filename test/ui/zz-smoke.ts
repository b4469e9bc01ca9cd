import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/chromium';
import { startCodeServer, workbenchUrl } from '../../scripts/lib/code-server';
(async () => {
  const server = await startCodeServer({ env: {}, logFile: '/tmp/smoke-cs.log' });
  const folder = join(server.state.dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => { if (/smoke|error|Error/i.test(m.text())) console.log('CONSOLE', m.text().slice(0, 300)); });
  await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: '/tmp/exports-smoke' }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await new Promise((r) => setTimeout(r, 12000));
  await page.screenshot({ path: '/tmp/smoke.png' });
  console.log(await page.locator('.activitybar .action-item').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))));
  await browser.close(); await server.close();
})();
