/**
 * What the extension's bundle runs when VS Code loads it: built with the production options, every module
 * marked so it records when its top level runs, then required with a stand-in `vscode`. Feature code
 * (forms, webviews, quote actions, the catalog's tables, node-fetch, the zip reader) must wait for first
 * use; bench figure 2 measures the time this saves.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { extensionBuildOptions } from '../../scripts/lib/extension-build.mjs';

const root = path.resolve(__dirname, '../..');
const MARK = '__cbEvaluated';

/** Prepends `globalThis.__cbEvaluated.push(<path>)` to every module of src/ and node_modules/. */
const marker: esbuild.Plugin = {
  name: 'mark-evaluation',
  setup(build) {
    build.onLoad({ filter: /\.(ts|m?js|cjs)$/ }, async (args) => {
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      if (!/^(src|node_modules)\//.test(rel)) return undefined;
      const contents = await readFile(args.path, 'utf8');
      const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
      // After the directives: a 'use strict' pushed below the first statement would stop applying.
      return { contents: `globalThis.${MARK}?.push(${JSON.stringify(rel)});\n${contents}`, loader };
    });
  },
};

/** A `vscode` whose every member is a constructible no-op, enough for module top levels. */
function stubVscode(): unknown {
  const fn: unknown = new Proxy(function () {}, {
    get: (_t, key) => (key === 'prototype' ? {} : fn),
    apply: () => fn,
    construct: () => ({}),
  });
  return Object.create(new Proxy({}, { get: (_t, key) => (key === '__esModule' ? undefined : fn) }));
}

async function modulesRunAtLoad(): Promise<string[]> {
  const built = await esbuild.build({
    ...extensionBuildOptions({ production: true, outfile: path.join(root, 'out/start-up-test/extension.js'), entry: path.join(root, 'src/extension.ts') }),
    minify: false,
    write: false,
    logLevel: 'silent',
    plugins: [...(extensionBuildOptions({ production: true, outfile: 'x' }).plugins ?? []), marker],
  });
  const code = built.outputFiles.find((f) => f.path.endsWith('extension.js'))?.text;
  assert.ok(code, 'no bundle');
  const evaluated: string[] = [];
  const g = globalThis as Record<string, unknown>;
  g[MARK] = evaluated;
  const vscode = stubVscode();
  const mod = new Module(path.join(root, 'dist/extension.js'));
  mod.filename = path.join(root, 'dist/extension.js');
  mod.paths = [];
  const realRequire = Module.createRequire(mod.filename);
  // As Node's CommonJS loader runs a module: one function of these five parameters.
  const wrapper = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: mod.filename }) as (...args: unknown[]) => void;
  try {
    wrapper(mod.exports, (id: string): unknown => (id === 'vscode' ? vscode : (realRequire(id) as unknown)), mod, mod.filename, path.dirname(mod.filename));
  } finally {
    delete g[MARK];
  }
  return evaluated;
}

describe('start-up: modules the bundle runs when it is loaded', function () {
  this.timeout(60_000);
  let evaluated: string[];
  before(async () => {
    evaluated = await modulesRunAtLoad();
  });

  it('runs the composition root and the core it wires at once', () => {
    for (const core of ['src/extension.ts', 'src/sites/service.ts', 'src/quotes/tree/provider.ts', 'src/exports/commands.ts']) {
      assert.ok(evaluated.includes(core), `${core} should load at start-up (the marker works)`);
    }
  });

  it('leaves forms, webviews, quote actions, the catalog tables, node-fetch and the zip reader for first use', () => {
    const deferred = [
      // Command-id maps load at once: the stand-in commands are registered under those ids.
      /^src\/quotes\/forms\/(?!command-ids\.ts$)/,
      /^src\/quotes\/actions\/register\.ts$/,
      /^src\/quotes\/detail\/(render|panel|json-document)\.ts$/,
      /^src\/exports\/form\/(?!command-ids\.ts$)/,
      /^src\/subscriptions\/(?!command-ids\.ts$)/,
      // The panel serializers' registry and view types are eager: VS Code asks for serializers at start-up.
      /^src\/webview\/(?!view-types\.ts$|restore-registry\.ts$)/,
      /^src\/forms\/(model|convert|validate-form|filters)\.ts$/,
      /^src\/chargebee\/catalog\/(index|quotes|exports|quote-params|export-filters|subscriptions|reference)\.ts$/,
      /^src\/chargebee\/validate\.ts$/,
      /^src\/downloads\/unzip\.ts$/,
      /^node_modules\/node-fetch\//,
      /^node_modules\/yauzl\//,
    ];
    const early = evaluated.filter((m) => deferred.some((re) => re.test(m)));
    assert.deepEqual(early, [], `loaded at start-up: ${early.join(', ')}`);
  });

  it('ships none of the polyfills of what Node 20 has', () => {
    const polyfills = evaluated.filter((m) => /node_modules\/(web-streams-polyfill|fetch-blob|node-domexception)\//.test(m));
    assert.deepEqual(polyfills, []);
  });
});
