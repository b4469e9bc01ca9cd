// `npm run package`: a production build (minified, no sourcemaps) packed into a VSIX with vsce 3.9.1
// (the newest that runs on Node 20). esbuild bundles every dependency, hence --no-dependencies.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const out = process.argv[2] ?? 'chargebee-quotes-exports.vsix';
rmSync('dist', { recursive: true, force: true });
execFileSync('node', ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
  stdio: 'inherit',
});
console.log(`packaged ${out}`);
