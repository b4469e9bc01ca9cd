/**
 * The one setup of the UI suites, as mocha hooks: before the suite a sandbox, then code-server with this
 * extension and a Chromium page on it; after each failed test a screenshot; after the suite both closed
 * (the browser and code-server first, so nothing talks to a closed sandbox). Call it inside `describe`.
 */
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../sandbox/index';
import { screenshotIfFailed, startWorkbench, type Workbench } from './harness';

export interface WorkbenchSuiteOptions {
  /** How the sandbox starts; `port: 0` (a free port) unless given. */
  readonly sandbox?: StartSandboxOptions;
  /**
   * Pre-register the sandbox as the extension's development site (default true). False starts the
   * extension with no site at all, for suites that add one through the UI.
   */
  readonly devSite?: boolean;
  /** Extra environment for the extension host; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
}

export interface WorkbenchSuite {
  /** The suite's sandbox; fails the test when `before` did not get that far. */
  sb(): RunningSandbox;
  /** The suite's workbench; fails the test when `before` did not get that far. */
  wb(): Workbench;
}

export function useWorkbench(options: WorkbenchSuiteOptions = {}): WorkbenchSuite {
  let sb: RunningSandbox | undefined;
  let wb: Workbench | undefined;
  before(async () => {
    sb = await startSandbox({ port: 0, ...options.sandbox });
    const devSite = options.devSite ?? true;
    wb = await startWorkbench({ ...(devSite ? { sandbox: { url: sb.url, apiKey: sb.apiKey } } : {}), ...(options.env ? { env: options.env } : {}) });
  });
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb);
  });
  after(async () => {
    await wb?.close();
    await sb?.close();
  });
  const started = <T>(value: T | undefined): T => {
    assert.ok(value, 'started in before()');
    return value;
  };
  return { sb: () => started(sb), wb: () => started(wb) };
}
