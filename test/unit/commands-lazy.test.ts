/** lazyFeature: commands registered at once, the feature's module loaded on the first run of one. */
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { CommandId } from '../../src/commands/ids';
import { lazyFeature } from '../../src/commands/lazy';
import type { CommandHandler, RegisterCommand } from '../../src/commands/register';

/** A command registry standing in for VS Code's: records what is registered and runs it by id. */
function registry() {
  const commands = new Map<string, CommandHandler>();
  const register: RegisterCommand = (id, handler) => {
    assert.ok(!commands.has(id), `${id} registered twice`);
    commands.set(id, handler);
    return { dispose: () => commands.delete(id) };
  };
  const run = async (id: string, ...args: unknown[]): Promise<unknown> => {
    const handler = commands.get(id);
    assert.ok(handler, `${id} is not registered`);
    return await handler(...args);
  };
  return { commands, register, run };
}

/** A feature as the real ones are written: registers its handlers, returns a Disposable. */
/** Made-up ids: the registry here is not VS Code's, and the map's ids would tie the test to the manifest. */
const asIds = (...names: string[]): CommandId[] => names as CommandId[];

function feature(ids: readonly CommandId[], log: string[]) {
  return (register: RegisterCommand): vscode.Disposable => {
    const ds = ids.map((id) => register(id, (...args: unknown[]) => `${id}(${args.join(',')})`));
    return {
      dispose: () => {
        log.push('feature disposed');
        for (const d of ds) d.dispose();
      },
    };
  };
}

describe('lazyFeature', () => {
  const ids = asIds('x.one', 'x.two');

  it('registers every id at once and loads the feature only when one first runs', async () => {
    const r = registry();
    let loads = 0;
    const lazy = lazyFeature(r.register, ids, (register) => {
      loads++;
      return Promise.resolve(feature(ids, [])(register));
    });
    assert.deepEqual([...r.commands.keys()], ids);
    assert.equal(loads, 0);
    assert.equal(lazy.started, false);
    assert.equal(await r.run('x.two', 'a', 1), 'x.two(a,1)');
    assert.equal(await r.run('x.one'), 'x.one()');
    assert.equal(await r.run('x.two', 'b'), 'x.two(b)');
    assert.equal(loads, 1);
    assert.equal(lazy.started, true);
  });

  it('loads once when two commands run before the first load has finished', async () => {
    const r = registry();
    let loads = 0;
    lazyFeature(r.register, ids, async (register) => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return feature(ids, [])(register);
    });
    assert.deepEqual(await Promise.all([r.run('x.one'), r.run('x.two')]), ['x.one()', 'x.two()']);
    assert.equal(loads, 1);
  });

  it('says so when the feature leaves an announced id without a handler', async () => {
    const r = registry();
    lazyFeature(r.register, ids, (register) => Promise.resolve(feature(asIds('x.one'), [])(register)));
    await assert.rejects(r.run('x.one'), /did not register x\.two/);
  });

  it('refuses a handler for an id it was not announced with', async () => {
    const r = registry();
    lazyFeature(r.register, ids, (register) => Promise.resolve(feature([...ids, ...asIds('x.three')], [])(register)));
    await assert.rejects(r.run('x.one'), /registered x\.three, which it was not announced with/);
  });

  it('tries the load again on the next run after a failed one', async () => {
    const r = registry();
    let loads = 0;
    lazyFeature(r.register, ids, (register) => {
      loads++;
      return loads === 1 ? Promise.reject(new Error('disk hiccup')) : Promise.resolve(feature(ids, [])(register));
    });
    await assert.rejects(r.run('x.one'), /disk hiccup/);
    assert.equal(await r.run('x.one'), 'x.one()');
    assert.equal(loads, 2);
  });

  it('disposes its commands, and the feature once it has loaded', async () => {
    const r = registry();
    const log: string[] = [];
    const lazy = lazyFeature(r.register, ids, (register) => Promise.resolve(feature(ids, log)(register)));
    await r.run('x.one');
    lazy.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(r.commands.size, 0);
    assert.deepEqual(log, ['feature disposed']);
  });

  it('disposes without loading a feature that never ran', async () => {
    const r = registry();
    let loads = 0;
    const lazy = lazyFeature(r.register, ids, (register) => {
      loads++;
      return Promise.resolve(feature(ids, [])(register));
    });
    lazy.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(r.commands.size, 0);
    assert.equal(loads, 0);
  });
});
