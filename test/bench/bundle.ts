/**
 * Figure 1: the minified extension bundle against the official `chargebee` SDK bundled the same way.
 * Both are built here into a temp folder with the options of `scripts/build.mjs --production`, so the
 * bench never overwrites the dist/ another engineer may be running from.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../scripts/lib/code-server';
import { figure, goal, notMeasured, type Figure } from './figures';

const production: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'silent',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

const KB = 1024;

export async function benchBundle(): Promise<Figure[]> {
  const entry = join(repoRoot, 'src/extension.ts');
  const name = 'bundle: minified dist/extension.js';
  const sixth = goal('ratio', '<=', 1 / 6, '<= 1/6 of SDK');
  const dir = await mkdtemp(join(tmpdir(), 'cb-bench-bundle-'));
  try {
    // The SDK's whole public surface, as an extension importing it would ship it.
    const sdk = join(dir, 'chargebee-sdk.js');
    await esbuild.build({
      ...production,
      stdin: { contents: "module.exports = require('chargebee');", resolveDir: repoRoot, loader: 'js' },
      outfile: sdk,
    });
    const reference = { label: 'chargebee SDK, same esbuild options', value: (await stat(sdk)).size / KB };
    if (!existsSync(entry)) return [notMeasured('1', name, 'KB', 'src/extension.ts does not exist yet', sixth, reference)];
    const ours = join(dir, 'extension.js');
    await esbuild.build({ ...production, entryPoints: [entry], outfile: ours });
    return [figure({ id: '1', name, unit: 'KB', value: (await stat(ours)).size / KB, reference, goal: sixth })];
  } catch (error) {
    return [notMeasured('1', name, 'KB', `failed: ${(error as Error).message.split('\n')[0] ?? ''}`, sixth)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
