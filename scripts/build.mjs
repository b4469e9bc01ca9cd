// Bundles the extension (Node, CommonJS, `vscode` external) and each webview's browser code.
// `--production` minifies and drops sourcemaps (what `npm run package` ships); `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extensionBuildOptions } from './lib/extension-build.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outIndex = process.argv.indexOf('--outdir');
// `--outdir DIR` builds elsewhere (packaging stages a copy, so a running dev build in dist/ is untouched).
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

const uiDir = 'src/webview/ui';
const webviewEntries = existsSync(uiDir)
  ? readdirSync(uiDir).filter((f) => f.endsWith('.entry.ts')).map((f) => join(uiDir, f))
  : [];

// The viewers (PDF, CSV table) have their own browser code; their bundles go next to the forms'.
const viewersUiDir = 'src/viewers/ui';
if (existsSync(viewersUiDir)) {
  webviewEntries.push(...readdirSync(viewersUiDir).filter((f) => f.endsWith('.entry.ts')).map((f) => join(viewersUiDir, f)));
}

const builds = [
  extensionBuildOptions({ production, outfile: join(outDir, 'extension.js') }),
];
if (webviewEntries.length > 0) {
  builds.push({
    ...common,
    entryPoints: webviewEntries,
    outdir: join(outDir, 'webview'),
    entryNames: '[name]',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`esbuild: built ${builds.length} bundle(s)${production ? ' (production)' : ''}`);
}
