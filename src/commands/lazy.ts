/**
 * Features whose code loads on first use. activate() registers a feature's command ids at once (VS Code
 * needs them registered to run them), but the feature's module is imported only when one of them first
 * runs: esbuild keeps a module reached only through `import()` in a lazy initialiser of the one bundle,
 * so neither its top level nor its imports run at start-up.
 *
 * The feature registers its commands as always, through the `RegisterCommand` it is given; here that
 * one records the handlers instead of registering them, and the stand-ins registered at activation
 * call them. A feature that does not register every id it was announced with is a bug, said loudly.
 */
import type * as vscode from 'vscode';
import type { CommandId } from './ids';
import type { CommandHandler, RegisterCommand } from './register';

export interface LazyFeature<T> extends vscode.Disposable {
  /** Loads the feature (once) and resolves with what its register function returned. */
  load(): Promise<T>;
  /** Whether load() has been called (for tests and the start-up figure). */
  readonly started: boolean;
}

/**
 * Registers `ids` now through `registerCommand`; on the first run of any of them, `load(register)`
 * imports the feature and calls its register function with `register`, which keeps the handlers.
 * A failed load is retried on the next run rather than remembered.
 */
export function lazyFeature<T extends vscode.Disposable>(
  registerCommand: RegisterCommand,
  ids: readonly CommandId[],
  load: (register: RegisterCommand) => Promise<T>,
): LazyFeature<T> {
  const handlers = new Map<CommandId, CommandHandler>();
  const record: RegisterCommand = (id, handler) => {
    if (!ids.includes(id)) throw new Error(`The lazily loaded feature registered ${id}, which it was not announced with.`);
    handlers.set(id, handler);
    return { dispose: () => handlers.delete(id) };
  };
  let loading: Promise<T> | undefined;
  const ensure = (): Promise<T> => {
    loading ??= load(record).then(
      (feature) => {
        const missing = ids.filter((id) => !handlers.has(id));
        if (missing.length > 0) throw new Error(`The lazily loaded feature did not register ${missing.join(', ')}.`);
        return feature;
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  const standIns = ids.map((id) =>
    registerCommand(id, async (...args: unknown[]) => {
      await ensure();
      const handler = handlers.get(id);
      if (!handler) throw new Error(`${id} has no handler.`);
      return handler(...args);
    }),
  );
  return {
    load: ensure,
    get started() {
      return loading !== undefined;
    },
    dispose: () => {
      for (const d of standIns) d.dispose();
      void loading?.then(
        (feature) => {
          feature.dispose();
        },
        () => undefined,
      );
    },
  };
}
