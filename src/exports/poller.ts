import type { ExportEngineDeps, ExportQueue } from './queue';
import type { Event } from '../util/events';
import { classify } from './jobs/export-api';
import type { ExportJob } from './jobs/job';
import { MAX_TIMER_MS, pollIntervalMs, retryDelayMs, UNFOCUSED_FACTOR, withRetryAfter } from './jobs/timing';

/**
 * The one timer behind every export of every site: a chained `setTimeout` armed for the earliest moment
 * something is due (a retrieve, a retried trigger, a queued job whose backoff ends), and not armed at all
 * while nothing runs or waits. A retrieve is never sent sooner than the poll interval after the previous
 * one, measured from when that one was sent and persisted, so a reload resumes without polling early.
 * A job with a request in flight, or waiting for a key, is never due: the end of its request (a store
 * change) re-arms the timer. No job is woken twice within the minimum interval, whatever its state says.
 */
export class ExportPoller {
  private timer: unknown;
  private timerDueAt: number | undefined;
  private readonly retrieving = new Set<string>();
  /** Timers armed so far; real-clock tests read it to prove there is no busy loop. */
  armed = 0;
  private ticking: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly subscription: { dispose(): void };
  private disposed = false;
  readonly onDidFinish: Event<ExportJob>;

  constructor(private readonly deps: ExportEngineDeps, private readonly queue: ExportQueue) {
    this.onDidFinish = queue.onDidFinish;
    // Any change (a new job, a cancel, a finish) may move the next due time; re-arming is cheap.
    this.subscription = deps.store.onDidChange(() => {
      if (!this.ticking) this.schedule();
    });
  }

  /** Resumes from the persisted jobs (after activation or a reload). */
  start(): void {
    this.schedule();
  }

  /** Re-arms the timer after something outside the store changed, e.g. a site got its key back. */
  poke(): void {
    if (!this.ticking) this.schedule();
  }

  /** Resolves when the tick in progress, if any, is done. Tests await it after moving the clock. */
  async settled(): Promise<void> {
    while (this.ticking) await this.ticking;
  }

  /** When the timer will fire (ms), or undefined when idle. */
  nextWakeAt(): number | undefined {
    return this.timerDueAt;
  }

  /** The earliest time (ms) any job needs attention, or undefined when nothing is active. */
  nextDueAt(): number | undefined {
    let due: number | undefined;
    for (const siteId of this.deps.store.sites()) {
      // A site without a key would make its jobs due forever, spinning the timer; `poke` re-arms on sign-in.
      if (!this.deps.apiFor(siteId)) continue;
      for (const job of this.deps.store.list(siteId)) {
        const at = this.dueAt(job);
        if (at !== undefined && (due === undefined || at < due)) due = at;
      }
    }
    return due;
  }

  private dueAt(job: ExportJob): number | undefined {
    if (job.waitingForKey || this.queue.isInFlight(job.id) || this.retrieving.has(job.id)) return undefined;
    const triggerFloor = this.queue.nextTriggerAllowedAt(job.id);
    if (job.status === 'queued') {
      // A queued job waits for a slot; a slot frees through a store change, which re-arms the timer.
      if (this.queue.freeSlots(job.siteId) === 0) return undefined;
      return Math.max(job.nextPollAt ?? 0, this.queue.siteBlockedUntil(job.siteId), triggerFloor);
    }
    if (job.status !== 'running') return undefined;
    if (job.exportId === undefined) return Math.max(job.nextPollAt ?? 0, triggerFloor);
    const last = job.lastPolledAt ?? job.startedAt ?? 0;
    const earliest = last + this.queue.scaled(this.queue.settings().pollIntervalSeconds * 1000);
    const planned = job.nextPollAt ?? earliest;
    // Unfocused, the planned gap since the last check is stretched (a retry's server-given wait is kept).
    const stretched = job.error === undefined && this.deps.focused?.() === false ? last + (planned - last) * UNFOCUSED_FACTOR : planned;
    return Math.max(stretched, earliest);
  }

  private schedule(): void {
    if (this.disposed) return;
    const due = this.nextDueAt();
    if (due === this.timerDueAt && this.timer !== undefined) return;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = due;
    if (due === undefined) return;
    // Beyond 2^31-1 ms Node fires at once; waits are capped well below, this is the last guard.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, due - this.deps.clock.now()));
    this.armed++;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = undefined;
      // Assigned before the tick's first line runs, so its store writes don't re-arm the timer mid-tick.
      this.ticking = Promise.resolve().then(() => this.tick()).finally(() => {
        this.ticking = undefined;
        this.schedule();
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const signal = this.abort.signal;
    const work: Promise<void>[] = [];
    for (const siteId of this.deps.store.sites()) {
      if (!this.deps.apiFor(siteId)) continue;
      for (const job of this.deps.store.list(siteId)) {
        if (job.status !== 'running') continue;
        const at = this.dueAt(job);
        if (at === undefined || at > now) continue;
        work.push(job.exportId === undefined ? this.queue.trigger(job.id, signal) : this.retrieve(job, signal));
      }
    }
    await settleAll(work, this.deps);
    // Retrieves may have freed slots; start queued jobs after them, site by site.
    await settleAll(this.deps.store.sites().map((siteId) => this.queue.startDue(siteId, signal)), this.deps);
  }

  private async retrieve(job: ExportJob, signal: AbortSignal): Promise<void> {
    const api = this.deps.apiFor(job.siteId);
    if (!api || job.exportId === undefined) return;
    const { store, clock } = this.deps;
    this.retrieving.add(job.id);
    try {
      // Persisted before sending: the server counts the gap from this request, and so must a reload.
      await store.update(job.id, { lastPolledAt: clock.now() });
      const exp = await api.retrieve(job.exportId, this.queue.signalFor(job.id, signal));
      await this.queue.applyStatus(job.id, exp);
    } catch (err) {
      const failure = classify(err);
      if (failure.cls === 'aborted' || store.get(job.id)?.status !== 'running') return;
      const now = clock.now();
      if (failure.cls === 'auth') {
        this.deps.log?.warn(`Export ${job.exportId} waits for a valid API key: ${failure.message}`);
        await store.update(job.id, { waitingForKey: true, error: failure.message });
        return;
      }
      if (failure.cls === 'rejected') {
        // 404 and the like: the export is gone; the job ends but stays in the list with the reason.
        this.deps.log?.warn(`Export ${job.exportId} could not be retrieved: ${failure.message}`);
        await this.queue.markFailed(job.id, failure.message);
        return;
      }
      // Network, 5xx, 429: the export still runs on the server, so keep asking, slower.
      const attempts = job.attempts + 1;
      const normal = pollIntervalMs((now - (job.startedAt ?? now)) / (this.deps.timeScale ?? 1), this.queue.settings().pollIntervalSeconds);
      const delay = this.queue.scaled(withRetryAfter(Math.max(normal, retryDelayMs(attempts)), failure.retryAfterMs));
      this.deps.log?.warn(`Export ${job.exportId} status check failed (${failure.message}); next try in ${Math.round(delay / 1000)} s.`);
      await store.update(job.id, { attempts, nextPollAt: now + delay, error: failure.short });
    } finally {
      this.retrieving.delete(job.id);
    }
  }

  /** The site's key changed: jobs that waited for one go on at once. */
  async keyChanged(siteId: string): Promise<void> {
    await this.queue.keyChanged(siteId);
    this.poke();
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = undefined;
    this.subscription.dispose();
  }
}

/** Runs all, logs what threw unexpectedly: one job's bug must not stop the others or the timer chain. */
async function settleAll(work: Promise<void>[], deps: ExportEngineDeps): Promise<void> {
  for (const result of await Promise.allSettled(work)) {
    if (result.status === 'rejected') deps.log?.warn(`Export job error: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
  }
}
