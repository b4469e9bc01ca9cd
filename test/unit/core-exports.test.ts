/**
 * What other extensions can reach through `getExtension(...).exports`: activate() runs against a
 * stand-in `vscode` (every API a no-op, except the few values compared or constructed) with an
 * in-memory SecretStorage holding a key, and the returned value's whole object graph is walked for
 * anything that leads to the key: the SecretStorage, a function, or the sites' services. In normal use
 * (Production and Development) it must be empty; in Test mode the same walk finds the services, which
 * shows the walk can fail.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

const ExtensionMode = { Production: 1, Development: 2, Test: 3 } as const;

class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** Any property, call or `new` answers another no-op; `then` is absent so nothing awaits forever. */
function inert(): unknown {
  const target = function () {
    /* no-op */
  };
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      return inert();
    },
    set: () => true,
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

/** Every `vscode.X` the sources name (module interop copies own keys, so each must exist up front). */
function usedNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    for (const m of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(/\bvscode\.([A-Za-z]+)/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** The handlers activate() registers, by command id (the latest activation's). */
const registered = new Map<string, (...args: unknown[]) => unknown>();
const commands = new Proxy({}, {
  get: (_t, key) =>
    key === 'registerCommand'
      ? (id: string, handler: (...args: unknown[]) => unknown) => {
          registered.set(id, handler);
          return { dispose: () => undefined };
        }
      : typeof key === 'symbol' || key === 'then'
        ? undefined
        : inert(),
});

const real: Record<string, unknown> = {
  ExtensionMode,
  commands,
  EventEmitter,
  Disposable: class Disposable {
    constructor(private readonly fn: () => void) {}
    static from(...items: { dispose(): unknown }[]): Disposable {
      return new Disposable(() => {
        for (const d of items) d.dispose();
      });
    }
    dispose(): void {
      this.fn();
    }
  },
};
const fakeVscode: Record<string, unknown> = Object.fromEntries([...usedNames(join(__dirname, '../../src'))].map((name) => [name, real[name] ?? inert()]));

class MemoryMemento {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.data.has(key) ? this.data.get(key) : fallback) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  setKeysForSync(): void {
    /* no-op */
  }
}

class MemorySecrets {
  private readonly data = new Map<string, string>();
  private readonly changed = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.data.delete(key);
    return Promise.resolve();
  }
}

type Activate = (context: unknown) => unknown;

/**
 * Loads src/extension.ts with `vscode` resolved to the stand-in. The stand-in stays in place until
 * `restore()` (the suite's end): lazily loaded features import `vscode` on their first command.
 */
function loadActivate(): { activate: Activate; restore(): void } {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'vscode' ? fakeVscode : original.call(this, request, parent, isMain);
  };
  const restore = (): void => {
    loader._load = original;
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { activate: (require('../../src/extension') as { activate: Activate }).activate, restore };
  } catch (err) {
    restore();
    throw err;
  }
}

/** The language's own prototypes: reaching them reaches nothing of ours. */
const BUILT_IN = new Set<unknown>([Object.prototype, Function.prototype, Array.prototype, Promise.prototype, Map.prototype, Set.prototype]);

/** Every path from `root` to one of our functions (a method to call), the SecretStorage, or any of `forbidden`. */
function reachable(root: unknown, forbidden: readonly object[]): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || BUILT_IN.has(value)) return;
    seen.add(value);
    if (forbidden.includes(value)) found.push(`${path} (forbidden object)`);
    else if (typeof value === 'function') found.push(`${path} (function)`);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // A getter is reached as the function it is (reported), without running it.
      const next: unknown = descriptor === undefined ? undefined : 'value' in descriptor ? descriptor.value : (descriptor as { get?: unknown }).get;
      walk(next, `${path}.${String(key)}`);
    }
    walk(Object.getPrototypeOf(value), `${path}.__proto__`);
  };
  walk(root, 'exports');
  return found;
}

describe('activate() exports', () => {
  const loaded = loadActivate();
  const activate = loaded.activate;
  after(() => loaded.restore());
  const run = (mode: number): { exports: unknown; secrets: MemorySecrets; context: { subscriptions: { dispose(): unknown }[] } } => {
    const secrets = new MemorySecrets();
    void secrets.store('chargebee.apiKey.acme-test', 'test_secret_key');
    const context = {
      extensionMode: mode,
      subscriptions: [] as { dispose(): unknown }[],
      globalState: new MemoryMemento(),
      workspaceState: new MemoryMemento(),
      secrets,
      extensionUri: inert(),
      globalStorageUri: inert(),
    };
    return { exports: activate(context), secrets, context };
  };

  for (const [name, mode] of [
    ['Production', ExtensionMode.Production],
    ['Development', ExtensionMode.Development],
  ] as const) {
    it(`hold nothing that reaches a key or a guard in ${name} mode`, () => {
      const { exports, secrets, context } = run(mode);
      assert.ok(context.subscriptions.length > 10, 'activate() ran to the end and registered its services');
      assert.deepEqual(reachable(exports, [secrets, context]), [], 'no function, SecretStorage or context is reachable from the exports');
    });
  }

  it('pass command results back to callers only in Test mode', async () => {
    // With no site, "Delete Export Preset" resolves false without asking anything.
    run(ExtensionMode.Production);
    assert.equal(await registered.get('chargebee.exports.deletePreset')?.(), undefined, 'a caller gets nothing back in normal use');
    run(ExtensionMode.Test);
    assert.equal(await registered.get('chargebee.exports.deletePreset')?.(), false, 'the tests get the handler\'s value');
  });

  it('hold the services, key-reaching, only in Test mode (so the walk above can fail)', () => {
    const { exports, secrets, context } = run(ExtensionMode.Test);
    const paths = reachable(exports, [secrets, context]);
    assert.ok(paths.length > 0, 'the walk finds the services');
    assert.ok(paths.some((p) => p.startsWith('exports.sites') && p.endsWith('(forbidden object)')), 'the SecretStorage is reachable through the sites service');
  });
});
