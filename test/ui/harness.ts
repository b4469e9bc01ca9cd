// Helpers for UI tests: a real VS Code workbench (code-server) with the extension loaded from this repo,
// driven through headless Debian Chromium the way a person would use it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { repoRoot, startCodeServer, workbenchUrl, type CodeServer } from '../../scripts/lib/code-server';

export const screenshotDir = join(repoRoot, 'test-results/screenshots');

/** What the harness needs of a running sandbox (see test/sandbox/index.ts). */
export interface SandboxEndpoint {
  url: string;
  apiKey: string;
}

export interface WorkbenchOptions {
  /** Extra environment for the extension host; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /**
   * Pre-registers this sandbox as the site (CHARGEBEE_DEV_BASE_URL/API_KEY). Without it those variables are
   * removed, so the extension starts with no site at all.
   */
  sandbox?: SandboxEndpoint;
  /** The extension under test; this repo (built by the caller) unless given. */
  extensionPath?: string;
}

export interface Workbench {
  page: Page;
  server: CodeServer;
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Entry of the extension's view container in the activity bar. */
export const activityBarEntry = '.activitybar .action-item:has(.action-label[aria-label^="Chargebee"])';

/** Builds this repo's extension when its bundles are missing (`npm test` builds first; a lone UI run may not). */
function ensureBuilt(): void {
  if (existsSync(join(repoRoot, 'dist/extension.js')) && existsSync(join(repoRoot, 'dist/webview/forms.entry.js'))) return;
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  if (options.extensionPath === undefined) ensureBuilt();
  const devSite = {
    CHARGEBEE_DEV_BASE_URL: options.sandbox?.url,
    CHARGEBEE_DEV_API_KEY: options.sandbox?.apiKey,
  };
  const server = await startCodeServer({ env: { ...devSite, ...options.env } });
  let browser: Browser | undefined;
  try {
    const folder = join(server.state.dir, 'workspace');
    mkdirSync(folder, { recursive: true });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: options.extensionPath ?? repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The container appears once the extension's contributions are registered.
    await page.locator(activityBarEntry).waitFor({ timeout: 60_000 });
    // The container shows before activation ends; the dev site is registered just after it. A command run
    // earlier would find no site, so with a sandbox wait until the status bar names the site.
    if (options.sandbox) await siteStatus(page).waitFor({ state: 'visible', timeout: 60_000 });
    const opened = browser;
    return {
      page,
      server,
      screenshot: async (name) => {
        mkdirSync(screenshotDir, { recursive: true });
        const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path });
        return path;
      },
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** The active site's status bar entry (SiteStatusBar): "<label> · TEST" or "· LIVE". */
export const siteStatus = (page: Page): Locator => page.locator('.statusbar-item [aria-label^="Chargebee site"]');

/** Opens the Chargebee container in the activity bar (no-op if it is already showing). */
export async function openChargebeeView(page: Page): Promise<void> {
  const entry = page.locator(activityBarEntry);
  if ((await entry.getAttribute('aria-expanded')) !== 'true') await entry.click();
}

const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

/**
 * Runs a command from the palette by its full title, e.g. "Chargebee: Add Site...". The palette closes
 * when something else takes focus (a tree refresh, a notification, a webview), so a palette that
 * vanishes before Enter is opened again, up to three times.
 */
export async function palette(page: Page, title: string): Promise<void> {
  const input = quickInput(page).locator('input');
  // Enter picks the first row: wait until that row is the command asked for, not a stale filter result.
  const first = quickInput(page).locator('.monaco-list-row').first().filter({ hasText: title });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await first.waitFor({ timeout: 10_000 });
      await input.press('Enter', { timeout: 5_000 });
      return;
    } catch (error) {
      lastError = error;
      // Logged so a run shows how often this happens (it hides focus thieves, which are worth knowing of).
      process.stderr.write(`palette: "${title}" attempt ${attempt + 1} failed, retrying: ${String(error).split('\n')[0]}\n`);
      await page.keyboard.press('Escape');
    }
  }
  throw lastError;
}

export interface AnswerOptions {
  /** Waits until the prompt, title or placeholder matches, so answers never go to the previous box. */
  prompt?: RegExp;
  timeoutMs?: number;
}

/**
 * Answers the open input box or quick pick (typing filters a pick; Enter takes the first match) and waits
 * until the box has accepted it. In a pick whose rows load from the API, Enter is held back until the
 * first row shows the typed text, or it would land on an empty or stale list.
 */
export async function answerInput(page: Page, text: string, options: AnswerOptions = {}): Promise<void> {
  const widget = quickInput(page);
  const input = widget.locator('input');
  const timeout = options.timeoutMs ?? 15_000;
  await input.waitFor({ state: 'visible', timeout });
  if (options.prompt) await waitForPrompt(widget, options.prompt, timeout);
  const title = await widget.locator('.quick-input-title').innerText().catch(() => '');
  await input.fill(text);
  if (text !== '' && (await isQuickPick(widget))) {
    await widget.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: text }).waitFor({ timeout });
  }
  await input.press('Enter');
  // Accepted when the box closes or moves on to the next question: its value or its title changes (an
  // empty answer keeps the value empty, so the title tells the steps of one flow apart).
  await page.waitForFunction(
    ([typed, before]) => {
      const box = document.querySelector<HTMLElement>('.quick-input-widget');
      const field = box?.querySelector('input');
      const heading = box?.querySelector<HTMLElement>('.quick-input-title')?.innerText ?? '';
      return !box || box.style.display === 'none' || !field || field.value !== typed || heading !== before;
    },
    [text, title] as const,
    { timeout },
  );
}

/** A quick pick shows its list (even while still empty); an input box hides it. */
async function isQuickPick(widget: Locator): Promise<boolean> {
  return widget
    .locator('.quick-input-list')
    .evaluate((list) => getComputedStyle(list).display !== 'none')
    .catch(() => false);
}

async function waitForPrompt(widget: Locator, prompt: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    const placeholder = (await widget.locator('input').getAttribute('placeholder').catch(() => null)) ?? '';
    seen = `${await widget.innerText().catch(() => '')}\n${placeholder}`;
    if (prompt.test(seen)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`input box never asked for ${String(prompt)}; it showed: ${seen.trim()}`);
}

/** Waits (polling) for a tree row whose accessible name matches, e.g. a quote in the Quotes view. */
export async function waitForTreeItem(page: Page, name: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const item = page.getByRole('treeitem', { name }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  return item;
}

/** The content frame of the active webview panel. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * For an afterEach hook: a failed test leaves a screenshot of the page as it was then
 * (test-results/screenshots/failed-<test>.png), which usually says why at a glance.
 */
export async function screenshotIfFailed(test: Mocha.Test | undefined, wb: Workbench | undefined): Promise<void> {
  if (!wb || test?.state !== 'failed') return;
  await wb.screenshot(`failed-${test.fullTitle()}`.slice(0, 120)).catch(() => undefined);
}
