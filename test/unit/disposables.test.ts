import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../src/util/disposables';

describe('DisposableStore', () => {
  it('disposes in the order added, once, and at once for anything added later', () => {
    const seen: string[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => seen.push('a') });
    store.add({ dispose: () => seen.push('b') });
    store.dispose();
    store.dispose();
    assert.deepEqual(seen, ['a', 'b']);
    store.add({ dispose: () => seen.push('late') });
    assert.deepEqual(seen, ['a', 'b', 'late']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes the rest when one throws, then rethrows', () => {
    const seen: string[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => seen.push('first') });
    store.add({
      dispose: () => {
        throw new Error('boom');
      },
    });
    assert.throws(() => store.dispose(), /boom/);
    assert.deepEqual(seen, ['first']);
  });
});
