import type { ExportJob } from './job';
import { kindLabel } from './job';

/** Names for the lines: kind titles and site labels (see tree/presentation.ts JobNames). */
interface Names {
  readonly kindTitle?: (kind: string) => string | undefined;
  readonly siteLabel?: (siteId: string) => string | undefined;
}

/** `45 s`, `3 min 20 s`, `1 h 5 min`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface ActivitySummary {
  readonly running: number;
  readonly queued: number;
  /** Undefined when idle: the status bar item hides. */
  readonly text?: string;
  /** The text without icons, for the accessibility label: `2 exports running, 1 queued`. */
  readonly spoken: string;
  readonly tooltipLines: string[];
}

/** The status bar's text and one tooltip line per active job, e.g. `$(sync~spin) 2 exports running, 1 queued`. */
export function activitySummary(jobs: readonly ExportJob[], nowMs: number, names: Names = {}): ActivitySummary {
  const active = jobs.filter((job) => job.status === 'running' || job.status === 'queued');
  const running = active.filter((job) => job.status === 'running').length;
  const queued = active.length - running;
  const text =
    running > 0 ? `$(sync~spin) ${plural(running, 'export')} running${queued > 0 ? `, ${queued} queued` : ''}`
      : queued > 0 ? `$(clock) ${plural(queued, 'export')} queued`
        : undefined;
  const spoken = text?.replace(/\$\([^)]*\)\s*/g, '') ?? 'idle';
  return { running, queued, text, spoken, tooltipLines: active.map((job) => jobLine(job, nowMs, names)) };
}

/** `customers on acme-test: running 1 min 20 s`, `invoices on acme-test: queued, retry in 30 s`. */
export function jobLine(job: ExportJob, nowMs: number, names: Names = {}): string {
  const head = `${names.kindTitle?.(job.kind) ?? kindLabel(job.kind)} on ${names.siteLabel?.(job.siteId) ?? job.siteId}`;
  if (job.waitingForKey) return `${head}: waiting for a valid API key`;
  if (job.status === 'running') {
    const retry = job.error !== undefined && job.nextPollAt !== undefined ? `, retrying in ${formatElapsed(job.nextPollAt - nowMs)}: ${job.error}` : '';
    return `${head}: running ${formatElapsed(nowMs - (job.startedAt ?? job.createdAt))}${retry}`;
  }
  if (job.status === 'queued') {
    const wait = job.nextPollAt !== undefined && job.nextPollAt > nowMs ? `, retry in ${formatElapsed(job.nextPollAt - nowMs)}` : ', waiting for a free slot';
    return `${head}: queued${wait}`;
  }
  return `${head}: ${job.status}`;
}
