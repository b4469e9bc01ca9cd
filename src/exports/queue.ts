import { randomUUID } from 'node:crypto';
import type { ParamTree } from '../chargebee/catalog/types';
import type { Clock } from './jobs/clock';
import type { Event } from '../util/events';
import { Emitter } from '../util/events';
import type { ExportApi, ExportObject } from './jobs/export-api';
import { classify } from './jobs/export-api';
import type { ExportJob } from './jobs/job';
import type { DownloadLinks } from './jobs/links';
import type { JobStore } from './jobs/store';
import type { ExportTimingSettings } from './jobs/timing';
import { MIN_POLL_SECONDS, normalizeSettings, pollIntervalMs, retryDelayMs, UNFOCUSED_FACTOR, withRetryAfter } from './jobs/timing';

/** Where log lines go (the extension's LogOutputChannel fits). Messages never carry download links. */
export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ExportEngineDeps {
  readonly store: JobStore;
  readonly links: DownloadLinks;
  /** The API of a site, or undefined while the site has no key (its jobs wait). */
  readonly apiFor: (siteId: string) => ExportApi | undefined;
  /** Trigger path of an endpoint id, e.g. `exports.customers` -> `/exports/customers`. */
  readonly pathFor: (kind: string) => string | Promise<string>;
  readonly clock: Clock;
  readonly settings: () => Partial<ExportTimingSettings>;
  readonly log?: JobLog;
  readonly newId?: () => string;
  /** Whether the window has focus; unfocused, status checks slow down (see UNFOCUSED_FACTOR). */
  readonly focused?: () => boolean;
  /**
   * Test seam: every delay the engine chooses (poll interval, its 10 s minimum, backoff, capped server
   * waits) is multiplied by this, so real-clock tests run the same rules in seconds. Unset in production.
   */
  readonly timeScale?: number;
}

/** 429 on a trigger: the site's five slots are taken, possibly by someone else. Starts at 15 s. */
const LIMIT_FIRST_DELAY_MS = 15_000;

/**
 * The local queue in front of the server's five export slots. A job counts against its site's slots from
 * the moment its trigger is sent (status `running`) until it completes or fails. Nothing here owns a timer:
 * the poller calls `startDue` and `trigger` on its single chained timer.
 */
export class ExportQueue {
  private readonly finished = new Emitter<ExportJob>();
  /** Fired once per job when it completes or fails (including failures at trigger time). */
  readonly onDidFinish: Event<ExportJob> = this.finished.event;
  /** Per site: no trigger before this time (ms), after the server said its slots are full. */
  private readonly blockedUntil = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  /** When each job's trigger was last sent (ms, memory only): at most one attempt per minimum interval. */
  private readonly triggeredAt = new Map<string, number>();
  /** Per job: aborts its requests when the user stops it. */
  private readonly jobAborts = new Map<string, AbortController>();
  private readonly newId: () => string;

  constructor(private readonly deps: ExportEngineDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  settings(): ExportTimingSettings {
    return normalizeSettings(this.deps.settings());
  }

  /** An engine delay in real ms (see ExportEngineDeps.timeScale). */
  scaled(ms: number): number {
    return ms * (this.deps.timeScale ?? 1);
  }

  /** The configured minimum gap between two requests about one job (10 s, scaled). */
  minGapMs(): number {
    return this.scaled(MIN_POLL_SECONDS * 1000);
  }

  /** The gap before the next status check of a job running for `ageMs`, slower while the window is unfocused. */
  pollGapMs(ageMs: number): number {
    const factor = this.deps.focused?.() === false ? UNFOCUSED_FACTOR : 1;
    return this.scaled(pollIntervalMs(ageMs / (this.deps.timeScale ?? 1), this.settings().pollIntervalSeconds)) * factor;
  }

  isInFlight(jobId: string): boolean {
    return this.inFlight.has(jobId);
  }

  /** The earliest time the job's trigger may be sent again. */
  nextTriggerAllowedAt(jobId: string): number {
    const last = this.triggeredAt.get(jobId);
    return last === undefined ? 0 : last + this.minGapMs();
  }

  /** The job's own signal joined with `signal`: stopping the job aborts what it has in flight. */
  signalFor(jobId: string, signal: AbortSignal): AbortSignal {
    let own = this.jobAborts.get(jobId);
    if (!own) this.jobAborts.set(jobId, (own = new AbortController()));
    return AbortSignal.any([signal, own.signal]);
  }

  async enqueue(input: { siteId: string; kind: string; params: ParamTree }): Promise<ExportJob> {
    const job: ExportJob = { id: this.newId(), siteId: input.siteId, kind: input.kind, params: input.params, createdAt: this.deps.clock.now(), status: 'queued', attempts: 0 };
    await this.deps.store.add(job);
    this.deps.log?.info(`Export ${job.kind} queued for ${job.siteId} (job ${job.id}).`);
    return job;
  }

  /**
   * Stops a queued or running job: its requests in flight are aborted and it is never polled again.
   * Chargebee has no cancel for an export, so a started one runs to its end on the server (holding one of
   * the site's slots until then); only this extension stops waiting for it.
   */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.deps.store.get(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    this.jobAborts.get(jobId)?.abort();
    this.jobAborts.delete(jobId);
    await this.deps.store.update(jobId, { status: 'cancelled', finishedAt: this.deps.clock.now(), nextPollAt: undefined, waitingForKey: undefined });
    this.deps.log?.info(`Export job ${jobId} stopped${job.exportId ? `; export ${job.exportId} runs on at Chargebee` : ''}.`);
    return true;
  }

  /** The site's key changed: its jobs that waited for one go on. */
  async keyChanged(siteId: string): Promise<void> {
    for (const job of this.deps.store.list(siteId)) {
      if (job.waitingForKey) await this.deps.store.update(job.id, { waitingForKey: undefined, attempts: 0, nextPollAt: undefined });
    }
  }

  /** "Check now": the job's next request goes out as soon as the minimum gap allows. */
  async checkNow(jobId: string): Promise<void> {
    const job = this.deps.store.get(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    if (job.status === 'queued') this.blockedUntil.delete(job.siteId);
    await this.deps.store.update(jobId, { nextPollAt: undefined, waitingForKey: undefined });
  }

  /** When the site may next be asked to start an export (ms), if it is blocked after a limit error. */
  siteBlockedUntil(siteId: string): number {
    return this.blockedUntil.get(siteId) ?? 0;
  }

  /** Free slots of a site: the setting minus jobs that hold or may hold a server slot. */
  freeSlots(siteId: string): number {
    const running = this.deps.store.list(siteId).filter((job) => job.status === 'running').length;
    return Math.max(0, this.settings().maxConcurrent - running);
  }

  /** Queued jobs that could start now, oldest first, as many as there are free slots. */
  dueQueued(siteId: string, now: number): ExportJob[] {
    if (this.siteBlockedUntil(siteId) > now) return [];
    return this.deps.store
      .list(siteId)
      .filter((job) => job.status === 'queued' && !job.waitingForKey && (job.nextPollAt ?? 0) <= now && this.nextTriggerAllowedAt(job.id) <= now && !this.inFlight.has(job.id))
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, this.freeSlots(siteId));
  }

  /** Triggers the queued jobs of a site that fit its free slots, one after another (a 429 stops the rest). */
  async startDue(siteId: string, signal: AbortSignal): Promise<void> {
    for (const job of this.dueQueued(siteId, this.deps.clock.now())) {
      if (signal.aborted || this.siteBlockedUntil(siteId) > this.deps.clock.now()) return;
      await this.trigger(job.id, signal);
    }
  }

  /**
   * Sends (or re-sends) a job's trigger. The idempotency key is persisted with status `running` before
   * the request, so a retry after a dropped connection or a reload replays the first answer instead of
   * starting a second export.
   */
  async trigger(jobId: string, signal: AbortSignal): Promise<void> {
    const job = this.deps.store.get(jobId);
    const api = job && this.deps.apiFor(job.siteId);
    if (!job || !api || this.inFlight.has(jobId) || job.waitingForKey || (job.status !== 'queued' && job.status !== 'running')) return;
    const { clock, store } = this.deps;
    let path: string;
    try {
      path = await this.deps.pathFor(job.kind);
    } catch {
      // An unknown kind (a job saved by a newer version, a removed endpoint) would fail forever.
      await this.markFailed(jobId, `Unknown export kind ${job.kind}.`);
      return;
    }
    const key = job.triggerKey ?? this.newId();
    const inDoubt = job.triggerKey !== undefined && job.triggerInDoubt === true;
    this.inFlight.add(jobId);
    this.triggeredAt.set(jobId, clock.now());
    try {
      await store.update(jobId, { status: 'running', triggerKey: key, triggerInDoubt: true, startedAt: job.startedAt ?? clock.now(), nextPollAt: undefined });
      let exp: ExportObject;
      try {
        exp = await api.trigger(path, job.params, key, this.signalFor(jobId, signal));
      } catch (err) {
        await this.triggerFailed(jobId, err, inDoubt);
        return;
      }
      if (this.deps.store.get(jobId)?.status !== 'running') return; // stopped meanwhile
      this.deps.log?.info(`Export ${job.kind} started: ${exp.id} (job ${job.id}).`);
      await store.update(jobId, { exportId: exp.id, triggerInDoubt: undefined, attempts: 0, error: undefined, mimeType: exp.mime_type });
      await this.applyStatus(jobId, exp);
    } finally {
      this.inFlight.delete(jobId);
    }
  }

  /** Records what a trigger or retrieve said about the export. */
  async applyStatus(jobId: string, exp: ExportObject): Promise<void> {
    const job = this.deps.store.get(jobId);
    if (!job || job.status !== 'running') return;
    const now = this.deps.clock.now();
    if (exp.status === 'in_process') {
      // The focused gap is stored; the poller stretches it while the window is unfocused.
      const age = now - (job.startedAt ?? now);
      await this.deps.store.update(jobId, { attempts: 0, error: undefined, nextPollAt: now + this.scaled(pollIntervalMs(age / (this.deps.timeScale ?? 1), this.settings().pollIntervalSeconds)) });
      return;
    }
    if (exp.status === 'completed') {
      if (exp.download) this.deps.links.set(jobId, { url: exp.download.download_url, validTill: exp.download.valid_till });
      await this.deps.store.update(jobId, {
        status: 'completed', finishedAt: now, nextPollAt: undefined, attempts: 0, error: undefined,
        validTill: exp.download?.valid_till, mimeType: exp.download?.mime_type ?? exp.mime_type ?? job.mimeType,
      });
      this.deps.log?.info(`Export ${job.exportId ?? exp.id} completed.`);
    } else {
      await this.deps.store.update(jobId, { status: 'failed', finishedAt: now, nextPollAt: undefined, error: 'Chargebee reported that the export failed.' });
      this.deps.log?.warn(`Export ${job.exportId ?? exp.id} failed on the server.`);
    }
    this.fireFinished(jobId);
  }

  /** Ends a job as failed, keeping it in the list with the reason. */
  async markFailed(jobId: string, message: string): Promise<void> {
    this.jobAborts.delete(jobId);
    await this.deps.store.update(jobId, { status: 'failed', finishedAt: this.deps.clock.now(), nextPollAt: undefined, error: message });
    this.fireFinished(jobId);
  }

  /** `inDoubt`: an earlier attempt with the same key may have started the export. */
  private async triggerFailed(jobId: string, err: unknown, inDoubt: boolean): Promise<void> {
    const job = this.deps.store.get(jobId);
    if (!job || job.status !== 'running') return;
    const failure = classify(err);
    const now = this.deps.clock.now();
    const attempts = job.attempts + 1;
    switch (failure.cls) {
      case 'aborted':
        return;
      case 'limit': {
        const at = now + this.scaled(withRetryAfter(retryDelayMs(attempts, LIMIT_FIRST_DELAY_MS), failure.retryAfterMs));
        this.blockedUntil.set(job.siteId, at);
        this.deps.log?.warn(`Export ${job.kind} not started, the site's export slots are full; retrying in ${Math.round((at - now) / 1000)} s.`);
        if (inDoubt) {
          // This attempt was refused, but an earlier one may have started the export: same key, same slot.
          await this.deps.store.update(jobId, { attempts, nextPollAt: at, error: failure.short });
          return;
        }
        // Nothing was created under this key, so it is dropped (the server may have stored the refusal
        // under it) and the job waits in the queue again.
        await this.deps.store.update(jobId, { status: 'queued', triggerKey: undefined, triggerInDoubt: undefined, attempts, nextPollAt: at, error: failure.short });
        return;
      }
      case 'transient': {
        // Outcome unknown: keep the key and the slot, and re-send later; a replay returns the same export.
        const at = now + this.scaled(withRetryAfter(retryDelayMs(attempts), failure.retryAfterMs));
        this.deps.log?.warn(`Export ${job.kind} trigger failed (${failure.message}); retrying in ${Math.round((at - now) / 1000)} s.`);
        await this.deps.store.update(jobId, { attempts, nextPollAt: at, error: failure.short });
        return;
      }
      case 'auth':
        // The export may exist under this key (a lost answer before the 401): keep the key and the slot,
        // and go on with the same key once the site's key is fixed.
        this.deps.log?.warn(`Export ${job.kind} waits for a valid API key: ${failure.message}`);
        await this.deps.store.update(jobId, inDoubt
          ? { attempts, waitingForKey: true, error: failure.message }
          : { status: 'queued', triggerKey: undefined, triggerInDoubt: undefined, attempts, waitingForKey: true, error: failure.message });
        return;
      case 'rejected':
        this.deps.log?.warn(`Export ${job.kind} rejected: ${failure.message}`);
        await this.markFailed(jobId, failure.message);
        return;
    }
  }

  private fireFinished(jobId: string): void {
    const job = this.deps.store.get(jobId);
    if (job) this.finished.fire(job);
  }

  dispose(): void {
    this.finished.dispose();
  }
}
