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
import { extensionBuildOptions } from '../../scripts/lib/extension-build.mjs';
import { figure, goal, notMeasured, type Figure } from './figures';

/** Exactly what `build.mjs --production` does with the extension (Node built-ins in for node-fetch's polyfills). */
const production = (outfile: string, entry?: string): esbuild.BuildOptions => ({
  ...extensionBuildOptions({ production: true, outfile, ...(entry !== undefined ? { entry } : {}) }),
  logLevel: 'silent',
});

const KB = 1024;

/** Output bytes per package (node_modules/<name>) or per top folder of src/, largest first. */
function largestParts(meta: esbuild.Metafile, count: number): string {
  // One entry point, one output file (its key is relative to the working folder).
  const output = Object.values(meta.outputs)[0];
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
    const folder = /^src\/([^/]+)\//.exec(input)?.[1];
    const key = pkg ?? (folder !== undefined ? `src/${folder}` : input);
    parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${k} ${(v / KB).toFixed(1)} KB`).join(', ');
}

export async function benchBundle(): Promise<Figure[]> {
  const entry = join(repoRoot, 'src/extension.ts');
  const name = 'bundle: minified dist/extension.js';
  const maxKb = goal('value', '<=', 200, '<= 200 KB');
  const dir = await mkdtemp(join(tmpdir(), 'cb-bench-bundle-'));
  try {
    // The SDK's whole public surface, as an extension importing it would ship it.
    const sdk = join(dir, 'chargebee-sdk.js');
    // The SDK's own options, minus the extension's entry point and plugins (it needs no shims).
    const { entryPoints: _entry, plugins: _plugins, ...sdkOptions } = production(sdk);
    await esbuild.build({
      ...sdkOptions,
      stdin: { contents: "module.exports = require('chargebee');", resolveDir: repoRoot, loader: 'js' },
    });
    const reference = { label: 'chargebee SDK, same esbuild options', value: (await stat(sdk)).size / KB };
    if (!existsSync(entry)) return [notMeasured('1', name, 'KB', 'src/extension.ts does not exist yet', maxKb, reference)];
    const ours = join(dir, 'extension.js');
    const built = await esbuild.build({ ...production(ours, entry), metafile: true });
    const notes = `largest parts: ${largestParts(built.metafile, 8)}`;
    return [figure({ id: '1', name, unit: 'KB', value: (await stat(ours)).size / KB, reference, goal: maxKb, notes })];
  } catch (error) {
    return [notMeasured('1', name, 'KB', `failed: ${(error as Error).message.split('\n')[0] ?? ''}`, maxKb)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
