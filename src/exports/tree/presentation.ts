import type { ExportJob, JobStatus } from '../jobs/job';
import { displayStatus, kindLabel } from '../jobs/job';
import { describeFacts } from '../jobs/file-facts';
import { filterSummary } from '../jobs/filter-summary';
import { formatElapsed } from '../jobs/summary';

/** Everything the tree shows for a job, computed without `vscode` so it is unit-tested on Node. */
export interface JobPresentation {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  /** Codicon id and theme color id. */
  readonly icon: { readonly id: string; readonly color?: string };
  /** `exportJob` plus space-separated flags; menus match them with `viewItem =~ /\bflag\b/`. */
  readonly contextValue: string;
}

/** Names the presentation needs: the kind's title (`Customers`) and the site's label. */
export interface JobNames {
  readonly kindTitle?: (kind: string) => string | undefined;
  readonly siteLabel?: (siteId: string) => string | undefined;
}

const ICONS: Readonly<Record<JobStatus, { id: string; color?: string }>> = {
  queued: { id: 'clock' },
  running: { id: 'sync~spin' },
  completed: { id: 'pass', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  expired: { id: 'history', color: 'disabledForeground' },
  cancelled: { id: 'circle-slash' },
};

/** Flags of a job's context value: which actions its menu offers. */
export function jobFlags(job: ExportJob, nowMs: number): string[] {
  const status = displayStatus(job, nowMs);
  const flags = [`status-${status}`];
  if (job.localFile) flags.push('hasFile');
  if (job.status === 'completed') flags.push('downloadable');
  if (job.status === 'queued' || job.status === 'running') flags.push('cancellable');
  if (job.status === 'running' && (job.error !== undefined || job.waitingForKey)) flags.push('checkable');
  if (job.exportId) flags.push('hasExportId');
  if (job.status !== 'queued' && job.status !== 'running') flags.push('removable', 'rerunnable');
  return flags;
}

export function jobTitle(job: ExportJob, names: JobNames = {}): string {
  return names.kindTitle?.(job.kind) ?? kindLabel(job.kind);
}

export function siteName(siteId: string, names: JobNames = {}): string {
  return names.siteLabel?.(siteId) ?? siteId;
}

/** What a job is doing, in a few words: `retrying in 40 s: HTTP 503`, `12,345 rows · 2.4 MB`. */
export function jobState(job: ExportJob, nowMs: number): string {
  const status = displayStatus(job, nowMs);
  if (job.waitingForKey) return 'waiting for a valid API key';
  if (status === 'running' || status === 'queued') {
    if (job.error !== undefined && job.nextPollAt !== undefined) {
      const wait = job.nextPollAt - nowMs;
      return `${wait > 0 ? `retrying in ${formatElapsed(wait)}` : 'retrying now'}: ${job.error}`;
    }
    return status === 'running' ? `running ${formatElapsed(nowMs - (job.startedAt ?? job.createdAt))}` : 'queued';
  }
  if (status === 'completed') {
    const facts = describeFacts(job);
    return facts || (job.localFile ? 'downloaded' : 'ready');
  }
  return status;
}

export function presentJob(job: ExportJob, nowMs: number, names: JobNames = {}): JobPresentation {
  const status = displayStatus(job, nowMs);
  const created = new Date(job.createdAt);
  const when = created.toISOString().slice(0, 16).replace('T', ' ');
  const filters = filterSummary(job.params);
  const lines = [
    `${jobTitle(job, names)} export on ${siteName(job.siteId, names)}`,
    `Filters: ${filters}`,
    `Status: ${jobState(job, nowMs)}`,
    `Created: ${when} UTC`,
    ...(job.exportId ? [`Export id: ${job.exportId}`] : []),
    ...(job.validTill !== undefined ? [`Download link valid till: ${new Date(job.validTill * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`] : []),
    ...(job.localFile ? [`File: ${job.localFile}`] : []),
    ...(job.error ? [`${status === 'failed' ? 'Error' : 'Last problem'}: ${job.error}`] : []),
    ...(status === 'running' ? ['Stopping it stops checking and downloading here; Chargebee has no cancel for an export, so it runs to its end there.'] : []),
  ];
  return {
    label: jobTitle(job, names),
    description: `${jobState(job, nowMs)} · ${filters} · ${when.slice(5)}`,
    tooltip: lines.join('\n'),
    icon: job.waitingForKey ? { id: 'key', color: 'list.warningForeground' } : job.error !== undefined && (status === 'running' || status === 'queued') ? { id: 'warning', color: 'list.warningForeground' } : ICONS[status],
    contextValue: ['exportJob', ...jobFlags(job, nowMs)].join(' '),
  };
}
