// The esbuild options of the extension bundle, shared by scripts/build.mjs and the bench so both measure
// the same thing. node-fetch v3 imports userland copies of what Node 20 already has (fetch-blob, which
// falls back to web-streams-polyfill, and node-domexception); they resolve to the built-ins instead.
import { fileURLToPath } from 'node:url';

const shim = (name) => fileURLToPath(new URL(`../build-shims/${name}`, import.meta.url));

/** Import path (exact) -> the file that replaces it. */
export const nodeBuiltinShims = {
  'fetch-blob': shim('blob.mjs'),
  'fetch-blob/file.js': shim('blob.mjs'),
  'fetch-blob/from.js': shim('blob.mjs'),
  'node-domexception': shim('dom-exception.mjs'),
};

/** @type {import('esbuild').Plugin} */
export const nodeBuiltinsPlugin = {
  name: 'node-builtins',
  setup(build) {
    const names = Object.keys(nodeBuiltinShims).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: nodeBuiltinShims[args.path] }));
  },
};

/** Options for src/extension.ts -> `outfile` (Node, CommonJS, `vscode` external). */
export function extensionBuildOptions({ production, outfile, entry = 'src/extension.ts' }) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [nodeBuiltinsPlugin],
  };
}
