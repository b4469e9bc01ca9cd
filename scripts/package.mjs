// `npm run package [out.vsix]`: a production build (minified, no sourcemaps) packed into a VSIX with vsce
// 3.9.1 (the newest that runs on Node 20). It stages a copy of what ships, so the dev build in dist/ (and
// anything running from it) is left alone; esbuild bundles every dependency, hence --no-dependencies.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = resolve(process.argv[2] ?? 'chargebee-quotes-exports.vsix');
const stage = mkdtempSync(join(tmpdir(), 'cb-package-'));
try {
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media']) {
    cpSync(join(root, file), join(stage, file), { recursive: true });
  }
  execFileSync('node', [join(root, 'scripts/build.mjs'), '--production', '--outdir', join(stage, 'dist')], { cwd: root, stdio: 'inherit' });
  execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', out], {
    cwd: stage,
    stdio: 'inherit',
  });
  console.log(`packaged ${out}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
