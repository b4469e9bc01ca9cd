// Runs an extension test suite inside the real extension host of a code-server workbench, driven by
// headless Chromium, and resolves with the exit code the workbench reports through codeAutomationExit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { startCodeServer, workbenchUrl } from '../../scripts/lib/code-server';

export interface SuiteRun {
  extensionDevelopmentPath: string;
  /** Compiled suite entry exporting `run(): Promise<void>`. */
  extensionTestsPath: string;
  /** Environment of the extension host (inherits ours); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Where code-server's own output goes. */
  serverLog?: string;
  /** Receives each line the workbench and the extension host log. */
  onLog?: (line: string) => void;
}

export async function runSuiteInWorkbench(run: SuiteRun): Promise<number> {
  const log = run.onLog ?? ((line: string) => console.log(line));
  const server = await startCodeServer({ env: run.env ?? {}, logFile: run.serverLog });
  const folder = join(server.state.dir, 'workspace');
  mkdirSync(folder, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const exitCode = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => {
        log(`integration: no result after ${(run.timeoutMs ?? 300_000) / 1000} s`);
        resolve(1);
      }, run.timeoutMs ?? 300_000);
      // Both bindings must exist before the workbench loads: it looks them up once, at start.
      void exposeBindings(page, log, (code) => {
        clearTimeout(timer);
        resolve(code);
      }).then(() =>
        page.goto(workbenchUrl(server, { folder, ...run })).catch((error: Error) => {
          log(`integration: could not open the workbench: ${error.message}`);
          clearTimeout(timer);
          resolve(1);
        }),
      );
    });
    return exitCode;
  } catch (error) {
    log(`integration: ${(error as Error).message}\n${server.tail()}`);
    return 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Workbench chatter printed on every run that says nothing about the suite. */
const workbenchNoise =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|\[Service Worker\] registered|ChatSessionStore: Migrating|Updating additional builtin extensions cache)/;

async function exposeBindings(page: Page, log: (line: string) => void, exit: (code: number) => void): Promise<void> {
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
    // The extension host forwards console calls with their format string still unapplied.
    const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
    for (const line of text.split('\n')) {
      if (!workbenchNoise.test(line)) log(level === 'info' ? line : `[${level}] ${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(Number(code)));
}
