import type { Event } from '../../util/events';
import { Emitter } from '../../util/events';
import type { ExportJob } from './job';
import { isActive } from './job';

/** The part of `vscode.Memento` the store needs; tests pass a Map-backed fake. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Jobs grouped per site under one key; finished jobs beyond this many per site are pruned, oldest first. */
export const JOBS_KEY = 'chargebee.exports.jobs.v1';
const KEEP_FINISHED_PER_SITE = 200;

type Persisted = Record<string, ExportJob[]>;

/**
 * The persistent list of export jobs. Every mutation is written through at once (writes are chained, so
 * they land in order) and returns the write's promise, for the callers that must persist before acting,
 * such as storing an idempotency key before the trigger request.
 */
export class JobStore {
  private readonly jobs = new Map<string, ExportJob>();
  private writing: Promise<void> = Promise.resolve();
  private readonly changed = new Emitter<readonly ExportJob[]>();
  readonly onDidChange: Event<readonly ExportJob[]> = this.changed.event;
  private readonly writeFailed = new Emitter<Error>();
  /** A write of the list failed (the jobs stay in memory and the next write tries again); shown to the user. */
  readonly onDidFailWrite: Event<Error> = this.writeFailed.event;

  constructor(private readonly kv: KeyValueStore) {
    const saved = kv.get<Persisted>(JOBS_KEY) ?? {};
    for (const list of Object.values(saved)) {
      for (const job of list) if (isValidJob(job)) this.jobs.set(job.id, { ...job });
    }
  }

  get(id: string): ExportJob | undefined {
    const job = this.jobs.get(id);
    return job && copy(job);
  }

  /** Newest first. */
  list(siteId?: string): ExportJob[] {
    return [...this.jobs.values()]
      .filter((job) => siteId === undefined || job.siteId === siteId)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(copy);
  }

  sites(): string[] {
    return [...new Set([...this.jobs.values()].map((job) => job.siteId))];
  }

  add(job: ExportJob): Promise<void> {
    this.jobs.set(job.id, copy(job));
    this.prune(job.siteId);
    return this.commit();
  }

  /** Applies `patch` to a job; a no-op (resolved) if the job was removed meanwhile. */
  update(id: string, patch: Partial<Omit<ExportJob, 'id' | 'siteId' | 'kind' | 'params' | 'createdAt'>>): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return this.writing;
    Object.assign(job, patch);
    // `undefined` in a patch means "clear", and must not survive as a key in the JSON either.
    for (const key of Object.keys(patch) as (keyof ExportJob)[]) if (patch[key as keyof typeof patch] === undefined) delete job[key];
    return this.commit();
  }

  remove(id: string): Promise<void> {
    if (!this.jobs.delete(id)) return this.writing;
    return this.commit();
  }

  /** Resolves when every write so far has reached the key-value store. */
  flush(): Promise<void> {
    return this.writing;
  }

  dispose(): void {
    this.changed.dispose();
    this.writeFailed.dispose();
  }

  private prune(siteId: string): void {
    const finished = this.list(siteId).filter((job) => !isActive(job));
    for (const job of finished.slice(KEEP_FINISHED_PER_SITE)) this.jobs.delete(job.id);
  }

  private commit(): Promise<void> {
    const snapshot: Persisted = {};
    for (const job of this.jobs.values()) (snapshot[job.siteId] ??= []).push(copy(job));
    // A failed write must not break the chain for later writes; the next commit writes everything again.
    this.writing = this.writing.then(() => this.kv.update(JOBS_KEY, snapshot)).then(undefined, (err: unknown) => {
      this.writeFailed.fire(err instanceof Error ? err : new Error(String(err)));
    });
    this.changed.fire(this.list());
    return this.writing;
  }
}

function copy(job: ExportJob): ExportJob {
  return { ...job, ...(job.extractedFiles ? { extractedFiles: [...job.extractedFiles] } : {}) };
}

/** Drops entries that don't look like jobs (hand-edited or older state), rather than crashing on them. */
function isValidJob(value: unknown): value is ExportJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Partial<ExportJob>;
  return typeof job.id === 'string' && typeof job.siteId === 'string' && typeof job.kind === 'string'
    && typeof job.createdAt === 'number' && typeof job.status === 'string' && typeof job.params === 'object';
}
