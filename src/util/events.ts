/** A minimal typed event emitter with the `vscode.Event` shape, so core code stays free of `vscode`. */
export type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => { dispose(): void };

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      // One failing listener must not stop the others or the poller that fired.
      try {
        listener(value);
      } catch {
        /* listeners report their own errors */
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
