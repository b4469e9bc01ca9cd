/**
 * `npm run bench`: the figures users feel, each against a reference measured in the same run, printed as
 * a table and written to bench/results.json with the machine they came from. It reports, it never fails
 * on a slow machine: the exit code is non-zero only when the bench itself breaks.
 *
 * `npm run bench:smoke` (`--smoke`): tiny sizes and no browser figures, well under a minute, to prove the
 * bench still runs. It writes to the temp folder, so bench/results.json keeps the real figures, and it
 * exits non-zero when a figure could not be measured (the bench is broken), never for a missed goal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../scripts/lib/code-server';
import { benchActivation } from './activation';
import { benchBundle } from './bundle';
import { benchDownload } from './download';
import { machine, MB, notMeasured, table, type Figure } from './figures';
import { benchPoller } from './poller';
import { benchQuotes } from './quotes';
import { benchUiLatency } from './ui-latency';
import { benchViewers } from './viewers';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    /** Only these figures, e.g. `--only 1,3`. */
    only: { type: 'string' },
    'download-mb': { type: 'string' },
    launches: { type: 'string' },
  },
  strict: true,
});

const smoke = values.smoke;
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;
const downloadBytes = Number(values['download-mb'] ?? (smoke ? 16 : 1024)) * MB;
const launches = Number(values.launches ?? 5);

type Step = { id: string; title: string; run: () => Promise<Figure[]> };

const skippedInSmoke = (id: string, title: string): Figure[] => [notMeasured(id, title, 'ms', SKIPPED)];
const SKIPPED = 'skipped in --smoke (browser figures take minutes; run npm run bench)';

const steps: Step[] = [
  { id: '1', title: 'bundle size', run: benchBundle },
  { id: '2', title: 'activation', run: () => (smoke ? Promise.resolve(skippedInSmoke('2', 'activation: activate() time and requests')) : benchActivation(launches)) },
  { id: '3', title: 'download', run: () => benchDownload(downloadBytes, smoke ? 1 : 3) },
  { id: '4', title: 'export poller', run: benchPoller },
  { id: '5', title: 'quotes paging', run: () => benchQuotes(smoke ? 'demo' : 'large', smoke ? 1 : 3) },
  { id: '6', title: 'UI latency', run: () => (smoke ? Promise.resolve(skippedInSmoke('6', 'UI: submit quote form until its row shows')) : benchUiLatency(3)) },
  { id: '7', title: 'viewers', run: () => (smoke ? Promise.resolve(skippedInSmoke('7', 'viewers: CSV table and PDF viewer in the browser')) : benchViewers(3)) },
];

async function main(): Promise<void> {
  const figures: Figure[] = [];
  for (const step of steps) {
    if (only && !only.has(step.id)) continue;
    const started = performance.now();
    process.stderr.write(`bench: ${step.id} ${step.title}...`);
    figures.push(...(await step.run()));
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const host = machine();
  console.log(`\n${host.cpuModel}, ${host.cores} cores, ${host.memoryGb} GB, Node ${host.node}, ${host.date}${smoke ? ' (smoke sizes)' : ''}\n`);
  console.log(table(figures));
  const dir = smoke ? tmpdir() : join(repoRoot, 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, smoke ? 'chargebee-bench-smoke.json' : only ? 'results.partial.json' : 'results.json');
  writeFileSync(file, `${JSON.stringify({ machine: host, smoke, figures }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
  // Missing prerequisites (no extension yet) are fine; a measurement that broke is not.
  const broken = figures.filter((f) => f.notMeasured?.startsWith('failed'));
  if (smoke && broken.length > 0) {
    console.error(`bench: ${broken.length} figure(s) could not be measured: ${broken.map((f) => f.id).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
