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
import { normalizeSettings, pollIntervalMs, retryDelayMs, withRetryAfter } from './jobs/timing';

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
  private readonly newId: () => string;

  constructor(private readonly deps: ExportEngineDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  settings(): ExportTimingSettings {
    return normalizeSettings(this.deps.settings());
  }

  async enqueue(input: { siteId: string; kind: string; params: ParamTree }): Promise<ExportJob> {
    const job: ExportJob = { id: this.newId(), siteId: input.siteId, kind: input.kind, params: input.params, createdAt: this.deps.clock.now(), status: 'queued', attempts: 0 };
    await this.deps.store.add(job);
    this.deps.log?.info(`Export ${job.kind} queued for ${job.siteId} (job ${job.id}).`);
    return job;
  }

  /** Only queued jobs can be cancelled: a started export runs to its end on the server regardless. */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.deps.store.get(jobId);
    if (!job || job.status !== 'queued' || this.inFlight.has(jobId)) return false;
    await this.deps.store.update(jobId, { status: 'cancelled', finishedAt: this.deps.clock.now(), nextPollAt: undefined });
    return true;
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
      .filter((job) => job.status === 'queued' && (job.nextPollAt ?? 0) <= now && !this.inFlight.has(job.id))
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
    if (!job || !api || this.inFlight.has(jobId)) return;
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
    try {
      await store.update(jobId, { status: 'running', triggerKey: key, triggerInDoubt: true, startedAt: job.startedAt ?? clock.now(), nextPollAt: undefined });
      let exp: ExportObject;
      try {
        exp = await api.trigger(path, job.params, key, signal);
      } catch (err) {
        await this.triggerFailed(jobId, err, inDoubt);
        return;
      }
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
    if (!job) return;
    const now = this.deps.clock.now();
    if (exp.status === 'in_process') {
      const age = now - (job.startedAt ?? now);
      await this.deps.store.update(jobId, { attempts: 0, error: undefined, nextPollAt: now + pollIntervalMs(age, this.settings().pollIntervalSeconds) });
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
    await this.deps.store.update(jobId, { status: 'failed', finishedAt: this.deps.clock.now(), nextPollAt: undefined, error: message });
    this.fireFinished(jobId);
  }

  /** `inDoubt`: an earlier attempt with the same key may have started the export. */
  private async triggerFailed(jobId: string, err: unknown, inDoubt: boolean): Promise<void> {
    const job = this.deps.store.get(jobId);
    if (!job) return;
    const failure = classify(err);
    const now = this.deps.clock.now();
    const attempts = job.attempts + 1;
    switch (failure.cls) {
      case 'aborted':
        return;
      case 'limit': {
        const at = now + withRetryAfter(retryDelayMs(attempts, LIMIT_FIRST_DELAY_MS), failure.retryAfterMs);
        this.blockedUntil.set(job.siteId, at);
        this.deps.log?.warn(`Export ${job.kind} not started, the site's export slots are full; retrying in ${Math.round((at - now) / 1000)} s.`);
        if (inDoubt) {
          // This attempt was refused, but an earlier one may have started the export: same key, same slot.
          await this.deps.store.update(jobId, { attempts, nextPollAt: at, error: failure.message });
          return;
        }
        // Nothing was created under this key, so it is dropped (the server may have stored the refusal
        // under it) and the job waits in the queue again.
        await this.deps.store.update(jobId, { status: 'queued', triggerKey: undefined, triggerInDoubt: undefined, attempts, nextPollAt: at, error: failure.message });
        return;
      }
      case 'transient': {
        // Outcome unknown: keep the key and the slot, and re-send later; a replay returns the same export.
        const at = now + withRetryAfter(retryDelayMs(attempts), failure.retryAfterMs);
        this.deps.log?.warn(`Export ${job.kind} trigger failed (${failure.message}); retrying in ${Math.round((at - now) / 1000)} s.`);
        await this.deps.store.update(jobId, { attempts, nextPollAt: at, error: failure.message });
        return;
      }
      case 'auth':
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
