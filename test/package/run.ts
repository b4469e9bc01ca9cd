// Package tier: builds the VSIX the way `npm run package` does, fails on any file users don't need, and
// installs it into a fresh code-server with --install-extension. Prints and records pass/fail counts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { codeServerCli, codeServerState, repoRoot } from '../../scripts/lib/code-server';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
const vsix = join(mkdtempSync(join(tmpdir(), 'cb-vsix-')), 'extension.vsix');

/** What a VSIX may hold: vsce's own metadata plus the files users need. */
const allowed: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/webview\/[\w.-]+\.js$/,
  /^extension\/media\/[\w./-]+$/,
];

function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const checks: Array<[string, () => Promise<void> | void]> = [
  ['packages a VSIX with vsce', () => {
    execFileSync('node', ['scripts/package.mjs', vsix], { cwd: repoRoot, stdio: 'pipe' });
  }],
  ['holds only dist, media, package.json, README, LICENSE and CHANGELOG', async () => {
    const names = (await listZip(vsix)).filter((n) => !n.endsWith('/'));
    const extra = names.filter((n) => !allowed.some((re) => re.test(n)));
    assert.deepEqual(extra, [], `unexpected files in the VSIX: ${extra.join(', ')}`);
    for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/media/icon.png']) {
      assert.ok(names.includes(needed), `${needed} missing from the VSIX`);
    }
    assert.ok(!names.some((n) => n.endsWith('.map')), 'sourcemaps must not ship');
  }],
  ['installs into code-server with --install-extension', () => {
    const state = codeServerState();
    const install = codeServerCli(state, ['--install-extension', vsix]);
    assert.equal(install.status, 0, install.output);
    const list = codeServerCli(state, ['--list-extensions', '--show-versions']);
    const id = `${manifest.publisher}.${manifest.name}@${manifest.version}`.toLowerCase();
    assert.ok(list.output.toLowerCase().includes(id), `${id} not listed: ${list.output}`);
  }],
];

async function main(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${String((error as Error).message).split('\n').join('\n    ')}`);
    }
  }
  if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify({ passed, failed }));
  console.log(`package: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
