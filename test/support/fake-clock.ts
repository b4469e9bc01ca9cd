/**
 * The one fake clock of the test suites. It serves both kinds of time the code injects:
 * - `Clock` (src/exports/jobs/clock.ts): timers that fire in time order as a test moves time with
 *   `advance`, each firing awaitable, so the poller's rules are proved without waiting;
 * - the client's `now` / `sleep` (src/chargebee/client.ts): a sleep returns at once, records the wait in
 *   `sleeps` and moves time by it, so backoff and Retry-After cost nothing but stay observable.
 * `now` and `sleep` are bound, so they can be passed on as plain functions.
 */
import { abortedError } from '../../src/chargebee/errors';
import type { Clock } from '../../src/exports/jobs/clock';

export interface AdvanceHooks {
  /** Awaited after each timer fires (e.g. the poller's `settled`). */
  readonly settle?: () => Promise<void>;
  /** Awaited before time moves by `deltaMs` (e.g. moving the sandbox clock too). */
  readonly sync?: (deltaMs: number) => Promise<void>;
}

export const FAKE_EPOCH_MS = 1_700_000_000_000;

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  /** Every wait `sleep` was asked for, in order. */
  readonly sleeps: number[] = [];

  /** `onSleep` lets a test act during a wait, e.g. cancel the request that is backing off. */
  constructor(start = FAKE_EPOCH_MS, private readonly onSleep?: (ms: number) => void) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers armed and not yet fired. */
  pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in time order, each followed by `settle`. */
  async advance(ms: number, hooks: AdvanceHooks = {}): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      const [id, timer] = next;
      if (timer.at > this.t) await this.moveTo(timer.at, hooks);
      this.timers.delete(id);
      timer.callback();
      await hooks.settle?.();
    }
    await this.moveTo(target, hooks);
  }

  /** A wait that returns at once and moves time by `ms` (no timers fire: nothing else runs meanwhile). */
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    this.onSleep?.(ms);
    // Yield once, as a real timer would, so an abort raised in onSleep is seen.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted === true) throw abortedError();
    this.t += ms;
  };

  private async moveTo(at: number, hooks: AdvanceHooks): Promise<void> {
    if (at <= this.t) return;
    await hooks.sync?.(at - this.t);
    this.t = at;
  }
}

/** A fake clock for the client tests; `onSleep` runs at each wait. */
export function fakeClock(onSleep?: (ms: number) => void): FakeClock {
  return new FakeClock(FAKE_EPOCH_MS, onSleep);
}
