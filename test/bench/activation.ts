/**
 * Figure 2: activate() wall time in the real extension host (code-server 1.100.3 in headless Chromium),
 * and the requests the sandbox sees while the extension activates with a site registered.
 *
 * How it is measured, so it does not depend on the extension logging anything: the bench lays out a copy
 * of the extension in a temp folder (the production bundle, the repo's package.json with `main` pointed at
 * a small wrapper and `onStartupFinished` added, so activation needs no click and the Chargebee view is
 * never shown). The wrapper times `require()` of the bundle and `await activate()` with performance.now()
 * and appends the result to a file the bench polls. A trivial hello extension, wrapped the same way, is the
 * reference. Every launch is a fresh code-server: a closed tab leaves its extension host running for the
 * reconnection grace time, and an old host's timers would pollute the next launch's request count.
 */
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { codeServerState, repoRoot, startCodeServer, workbenchUrl } from '../../scripts/lib/code-server';
import { extensionBuildOptions } from '../../scripts/lib/extension-build.mjs';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { figure, goal, median, notMeasured, type Figure } from './figures';

const RESULT_FILE = 'bench-activation.jsonl';
/** After activate() resolves, how long late requests (a timer, an un-awaited fetch) still count. */
const SETTLE_MS = 2000;

interface ActivationSample {
  requireMs: number;
  activateMs: number;
  /** CPU time of the extension host process (all its threads) over the same spans: less swayed by a busy machine. */
  requireCpuMs: number;
  activateCpuMs: number;
  error?: string;
}

interface Launch extends ActivationSample {
  requests: number;
  /** What the extension itself logged ("activated in N ms"), when it does. */
  selfReportedMs?: number;
}

// Plain CommonJS: it runs in the extension host as the extension's `main`.
const wrapper = `'use strict';
const { performance } = require('node:perf_hooks');
const fs = require('node:fs');
const path = require('node:path');
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const c0 = process.cpuUsage();
const t0 = performance.now();
const real = require('./dist/extension.js');
const requireMs = performance.now() - t0;
const requireCpuMs = cpuMs(c0);
exports.activate = async function (context) {
  const c1 = process.cpuUsage();
  const start = performance.now();
  let api;
  let error;
  try {
    api = await real.activate(context);
  } catch (e) {
    error = String((e && e.stack) || e);
  }
  const activateMs = performance.now() - start;
  const activateCpuMs = cpuMs(c1);
  fs.appendFileSync(path.join(__dirname, '${RESULT_FILE}'), JSON.stringify({ requireMs, activateMs, requireCpuMs, activateCpuMs, error }) + '\\n');
  if (error) throw new Error(error);
  return api;
};
exports.deactivate = function () {
  return typeof real.deactivate === 'function' ? real.deactivate() : undefined;
};
`;

const hello = `'use strict';
const vscode = require('vscode');
exports.activate = function (context) {
  context.subscriptions.push(vscode.commands.registerCommand('benchHello.hello', () => vscode.window.showInformationMessage('Hello')));
};
`;

type Manifest = Record<string, unknown> & { activationEvents?: string[] };

async function layOut(dir: string, manifest: Manifest, bundle: (outfile: string) => Promise<void>): Promise<void> {
  await mkdir(join(dir, 'dist'), { recursive: true });
  await bundle(join(dir, 'dist/extension.js'));
  const events = new Set([...(manifest.activationEvents ?? []), 'onStartupFinished']);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, main: './bench-activate.js', activationEvents: [...events] }, null, 2));
  await writeFile(join(dir, 'bench-activate.js'), wrapper);
}

/** The extension as users get it: production bundle, the repo's manifest, its media and webview bundles. */
async function layOutChargebee(dir: string, entry: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  await layOut(dir, manifest, async (outfile) => {
    await esbuild.build({ ...extensionBuildOptions({ production: true, outfile, entry }), logLevel: 'silent' });
  });
  for (const shared of ['media', 'dist/webview', 'l10n', 'package.nls.json']) {
    if (existsSync(join(repoRoot, shared))) symlinkSync(join(repoRoot, shared), join(dir, shared));
  }
}

async function layOutHello(dir: string): Promise<void> {
  const manifest: Manifest = {
    name: 'bench-hello', publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.100.0' },
    activationEvents: [], contributes: { commands: [{ command: 'benchHello.hello', title: 'Bench: Hello' }] },
  };
  await layOut(dir, manifest, (outfile) => writeFile(outfile, hello));
}

function readSamples(dir: string): ActivationSample[] {
  const file = join(dir, RESULT_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ActivationSample);
}

/** The extension's own "activated in N ms" line, from its LogOutputChannel file under the server's logs. */
function selfReported(stateDir: string): number | undefined {
  const walk = (dir: string, depth: number): number | undefined => {
    if (depth > 8 || !existsSync(dir)) return undefined;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        const found = walk(path, depth + 1);
        if (found !== undefined) return found;
      } else if (name.endsWith('.log') && /chargebee/i.test(name)) {
        const match = /activated in ([\d.]+) ?ms/i.exec(readFileSync(path, 'utf8'));
        if (match) return Number(match[1]);
      }
    }
    return undefined;
  };
  return walk(join(stateDir, 'user-data/logs'), 0);
}

async function launchOnce(browser: Browser, sb: RunningSandbox, extDir: string): Promise<Launch> {
  const before = readSamples(extDir).length;
  const state = codeServerState();
  const server = await startCodeServer({ state, env: { CHARGEBEE_DEV_BASE_URL: sb.url, CHARGEBEE_DEV_API_KEY: sb.apiKey } });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    sb.control.resetStats();
    const folder = join(state.dir, 'workspace');
    await mkdir(folder, { recursive: true });
    const page = await context.newPage();
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: extDir }));
    const deadline = Date.now() + 90_000;
    let sample: ActivationSample | undefined;
    while (!sample && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      sample = readSamples(extDir)[before];
    }
    if (!sample) throw new Error(`the extension did not activate within 90 s\n${server.tail()}`);
    if (sample.error) throw new Error(`activate() threw: ${sample.error.split('\n')[0] ?? ''}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const reported = selfReported(state.dir);
    return { ...sample, requests: sb.control.stats().total, ...(reported !== undefined ? { selfReportedMs: reported } : {}) };
  } finally {
    await context.close();
    await server.close();
    await rm(state.dir, { recursive: true, force: true });
  }
}

const msGoal = goal('value', '<=', 15, '<= 15 ms');
const zeroGoal = goal('value', '<=', 0, '0');
const names = {
  total: 'activation: module load + activate()',
  requests: 'activation: requests while activating',
  load: 'activation: module load (require)',
  activate: 'activation: activate() alone',
};

/** `entry` is replaceable so the bench's machinery can be checked with a stand-in extension. */
export async function benchActivation(launches: number, entry = join(repoRoot, 'src/extension.ts')): Promise<Figure[]> {
  const skip = (why: string): Figure[] => [
    notMeasured('2a', names.total, 'ms', why, msGoal),
    notMeasured('2b', names.requests, 'req', why, zeroGoal),
    notMeasured('2c', names.load, 'ms', why),
    notMeasured('2d', names.activate, 'ms', why),
  ];
  if (!existsSync(entry)) return skip('src/extension.ts does not exist yet');
  if (!existsSync(join(repoRoot, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js'))) return skip('code-server is not installed (bash scripts/install-code-server.sh)');
  const root = await mkdtemp(join(tmpdir(), 'cb-bench-activation-'));
  const sb = await startSandbox({ seed: 'demo' });
  let browser: Browser | undefined;
  try {
    const ours = join(root, 'chargebee');
    const ref = join(root, 'hello');
    await layOutChargebee(ours, entry);
    await layOutHello(ref);
    browser = await launchChromium();
    const a: Launch[] = [];
    const b: Launch[] = [];
    // Alternating, so a slow spell on the shared machine hits both sides alike.
    for (let i = 0; i < launches; i++) {
      b.push(await launchOnce(browser, sb, ref));
      a.push(await launchOnce(browser, sb, ours));
    }
    const self = a.map((l) => l.selfReportedMs).filter((v): v is number => v !== undefined);
    const selfNote = self.length > 0 ? `the extension's own log: activate() median ${median(self).toFixed(1)} ms` : 'the extension logs no "activated in N ms" line';
    const hello = { label: 'hello extension' };
    const part = (pick: (l: Launch) => number) => ({ ours: median(a.map(pick)), ref: median(b.map(pick)) });
    const total = part((l) => l.requireMs + l.activateMs);
    const load = part((l) => l.requireMs);
    const act = part((l) => l.activateMs);
    const cpu = (pick: (l: Launch) => number) => `${part(pick).ours.toFixed(1)} ms (hello ${part(pick).ref.toFixed(1)} ms)`;
    const cpuNote = `; CPU time, medians: together ${cpu((l) => l.requireCpuMs + l.activateCpuMs)}, load ${cpu((l) => l.requireCpuMs)}, activate() ${cpu((l) => l.activateCpuMs)}`;
    return [
      figure({ id: '2a', name: names.total, unit: 'ms', value: total.ours, reference: { ...hello, value: total.ref }, goal: msGoal, notes: `median of ${launches} fresh code-server launches of (require() + activate()) per launch; module load and activate() alone are 2c, 2d${cpuNote}` }),
      figure({ id: '2b', name: names.requests, unit: 'req', value: Math.max(...a.map((l) => l.requests)), reference: { ...hello, value: Math.max(...b.map((l) => l.requests)) }, goal: zeroGoal, notes: `most in any launch, counted by the sandbox registered as the dev site, up to ${SETTLE_MS / 1000} s after activate()` }),
      figure({ id: '2c', name: names.load, unit: 'ms', value: load.ours, reference: { ...hello, value: load.ref }, notes: 'median; require() of the production bundle, timed by the wrapper' }),
      figure({ id: '2d', name: names.activate, unit: 'ms', value: act.ours, reference: { ...hello, value: act.ref }, notes: `median; ${selfNote}` }),
    ];
  } catch (error) {
    return skip(`failed: ${(error as Error).message.split('\n')[0] ?? ''}`);
  } finally {
    await browser?.close();
    await sb.close();
    await rm(root, { recursive: true, force: true });
  }
}
