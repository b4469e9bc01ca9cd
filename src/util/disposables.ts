/**
 * Lifetimes without hand loops: a DisposableStore owns what is added to it and disposes it in the
 * order added, once; anything added after disposal is disposed at once, so a late subscription never leaks.
 * Structural `{ dispose(): void }`, so it holds vscode Disposables and plain listeners alike and needs
 * no `vscode` import.
 */

export interface DisposableLike {
  dispose(): void;
}

export class DisposableStore implements DisposableLike {
  private readonly items: DisposableLike[] = [];
  private disposed = false;

  /** A store that already holds `items`. */
  static of(...items: DisposableLike[]): DisposableStore {
    const store = new DisposableStore();
    for (const item of items) store.add(item);
    return store;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  addAll(...items: DisposableLike[]): void {
    for (const item of items) this.add(item);
  }

  /** Disposes everything in the order added; one failing item does not keep the rest alive. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0)) {
      try {
        item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed.');
  }
}
