// Bundles the integration suite and builds the extension; shared by the code-server and desktop runners.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../scripts/lib/code-server';

/** The compiled suite entry: exports `run(): Promise<void>` as the extension host expects. */
export const suiteOut = join(repoRoot, 'out/integration/suite/index.js');

export async function buildSuiteAndExtension(): Promise<void> {
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test/integration/suite/index.ts')],
    outfile: suiteOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    // Resolved at run time from the repo's node_modules: the host's API, and packages that do not bundle.
    external: ['vscode', 'mocha', 'chargebee', 'playwright-core', 'esbuild'],
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
}
