/**
 * A stand-in `vscode` module for unit tests that must load a module importing it only for types or
 * function bodies (the central command map reaches feature files that import `vscode`). Anything
 * touched is a harmless callable, constructible stub; nothing here behaves like VS Code.
 */
import Module from 'node:module';

type Anything = ((...args: unknown[]) => unknown) & { readonly [key: string]: unknown };

function stub(): Anything {
  const target = function stubFn(): void {
    // Callable and constructible on purpose.
  } as unknown as Anything;
  return new Proxy(target, {
    get: (_target, key) => (key === 'prototype' ? Object.prototype : key === Symbol.toPrimitive ? () => '' : stub()),
    apply: () => stub(),
    construct: () => stub(),
  });
}

const STUB_ID = '\0vscode-stub';
let installed = false;

/** Makes `require('vscode')` answer with the stub from now on (idempotent). */
export function installVscodeStub(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const original = mod._resolveFilename.bind(Module);
  mod._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'vscode' ? STUB_ID : original(request, ...rest));
  const fake = new Module(STUB_ID);
  fake.exports = stub();
  fake.loaded = true;
  mod._cache[STUB_ID] = fake;
}
