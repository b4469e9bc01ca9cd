// `npm test`: every tier in order, each printing its own pass/fail count, then one summary whose last
// line is `N passed, M failed`. Static checks count as one test each. Long output goes to
// test-results/<tier>.log; the tail is printed when a tier fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureNodeModules } from './lib/ensure-deps.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
ensureNodeModules(root);
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`

/** Runs a command, teeing output to the tier's log; resolves to { code, output }. */
function run(name, command, args, env = {}) {
  return new Promise((resolve) => {
    const log = createWriteStream(join(results, `${name}.log`));
    let output = '';
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk) => {
      const text = chunk.toString();
      output += text;
      log.write(text);
      if (process.env.TEST_VERBOSE) process.stdout.write(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => log.end(() => resolve({ code: code ?? 1, output })));
  });
}

const tail = (text, lines = 60) => text.split('\n').slice(-lines).join('\n');

/** Counts from a JSON file the tier wrote (mocha's counting reporter or the workbench runner). */
function readCounts(file) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: Number(counts.passed) || 0, failed: Number(counts.failed) || 0 };
  } catch {
    return undefined;
  }
}

/** Mocha's spec reporter summary: "12 passing", "1 failing". */
function mochaCounts(output) {
  const passed = /(\d+) passing/.exec(output);
  const failed = /(\d+) failing/.exec(output);
  if (!passed && !failed) return undefined;
  return { passed: passed ? Number(passed[1]) : 0, failed: failed ? Number(failed[1]) : 0 };
}

const tiers = [
  { name: 'typecheck', check: true, steps: [
    ['npx', ['tsc', '--noEmit', '-p', '.']],
    ['npx', ['tsc', '--noEmit', '-p', 'src/webview/ui']],
    ['npx', ['tsc', '--noEmit', '-p', 'src/viewers/ui']],
    ['npx', ['tsc', '--noEmit', '-p', 'test']],
  ] },
  { name: 'lint', check: true, steps: [['npx', ['eslint', '.']]] },
  { name: 'build', check: true, steps: [['node', ['scripts/build.mjs']]] },
  // unit: pure logic, no sockets. api: the client and features over real sockets (the sandbox, a scripted
  // server), the sandbox's own tests and the official SDK against it. `npx mocha` alone runs both.
  { name: 'unit', steps: [mochaTier(['test/unit/**/*.test.ts'])], counts: 'file' },
  { name: 'api', steps: [mochaTier(['test/api/**/*.test.ts', 'test/sandbox/**/*.test.ts', 'test/contract/**/*.test.ts'])], counts: 'file' },
  { name: 'package', steps: [['npx', ['tsx', 'test/package/run.ts']]], counts: 'file' },
  { name: 'integration', steps: [['npx', ['tsx', 'test/integration/run.ts']]], counts: 'file' },
  { name: 'ui', steps: [['npx', ['mocha', '--no-config', '-n', 'import=tsx', '--extension', 'ts', '--timeout', '240000',
    '--reporter', 'scripts/lib/counting-reporter.cjs', ...uiSpecs()]]], counts: 'file' },
];

/** Mocha over `specs` only, with .mocharc.json's other options (its spec list would be added to ours). */
function mochaTier(specs) {
  return ['npx', ['mocha', '--no-config', '-n', 'import=tsx', '--extension', 'ts', '--timeout', '20000',
    '--reporter', 'scripts/lib/counting-reporter.cjs', ...specs]];
}

function uiSpecs() {
  const dir = join(root, 'test/ui');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/ui/${f}`) : [];
}

async function ensureCodeServer() {
  const bin = join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
  if (existsSync(bin)) return;
  console.log('code-server is missing: installing it (scripts/install-code-server.sh)');
  const { code, output } = await run('install-code-server', 'bash', ['scripts/install-code-server.sh']);
  if (code !== 0) {
    console.log(tail(output));
    throw new Error('could not install code-server');
  }
}

const summary = [];
let failedAny = false;
const started = Date.now();
for (const tier of tiers) {
  if (only.length > 0 && !only.includes(tier.name)) continue;
  if (['package', 'integration', 'ui'].includes(tier.name)) await ensureCodeServer();
  const t0 = Date.now();
  let counts = { passed: 0, failed: 0 };
  let lastOutput = '';
  let code = 0;
  for (const [command, args] of tier.steps) {
    const countsFile = join(tmpdir(), `cb-counts-${tier.name}-${process.pid}.json`);
    rmSync(countsFile, { force: true });
    const res = await run(tier.name, command, args, { TEST_COUNTS_FILE: countsFile });
    lastOutput += res.output;
    code = res.code;
    if (tier.check) {
      counts[res.code === 0 ? 'passed' : 'failed'] += 1;
    } else {
      const found = (tier.counts === 'file' ? readCounts(countsFile) : undefined) ?? mochaCounts(res.output);
      if (found) {
        counts.passed += found.passed;
        counts.failed += found.failed;
      }
      // A runner that crashed before counting anything still failed.
      if (res.code !== 0 && (!found || found.failed === 0)) counts.failed += 1;
    }
    rmSync(countsFile, { force: true });
    if (res.code !== 0 && tier.check) break;
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = counts.failed === 0 && code === 0;
  if (!ok) failedAny = true;
  console.log(`${tier.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
  if (!ok) console.log(`--- last lines of test-results/${tier.name}.log ---\n${tail(lastOutput)}\n---`);
  summary.push({ tier: tier.name, ...counts, seconds });
}

const total = summary.reduce((acc, s) => ({ passed: acc.passed + s.passed, failed: acc.failed + s.failed }), { passed: 0, failed: 0 });
console.log('\ntier         passed  failed  seconds');
for (const s of summary) console.log(`${s.tier.padEnd(12)} ${String(s.passed).padStart(6)}  ${String(s.failed).padStart(6)}  ${s.seconds.padStart(7)}`);
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(failedAny ? 1 : 0);
