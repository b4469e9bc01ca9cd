import type { ExportJob, JobStatus } from '../jobs/job';
import { displayStatus, kindLabel } from '../jobs/job';
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
  if (job.status === 'queued') flags.push('cancellable');
  if (job.exportId) flags.push('hasExportId');
  if (job.status !== 'queued' && job.status !== 'running') flags.push('removable', 'rerunnable');
  return flags;
}

export function presentJob(job: ExportJob, nowMs: number): JobPresentation {
  const status = displayStatus(job, nowMs);
  const created = new Date(job.createdAt);
  const when = created.toISOString().slice(0, 16).replace('T', ' ');
  const detail =
    status === 'running' ? `running ${formatElapsed(nowMs - (job.startedAt ?? job.createdAt))}`
      : status === 'queued' ? 'queued'
        : status === 'completed' && job.localFile ? 'downloaded'
          : status;
  const lines = [
    `${kindLabel(job.kind)} export on ${job.siteId}`,
    `Status: ${status}`,
    `Created: ${when} UTC`,
    ...(job.exportId ? [`Export id: ${job.exportId}`] : []),
    ...(job.validTill !== undefined ? [`Download link valid till: ${new Date(job.validTill * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`] : []),
    ...(job.localFile ? [`File: ${job.localFile}`] : []),
    ...(job.error ? [`${status === 'failed' ? 'Error' : 'Last problem'}: ${job.error}`] : []),
  ];
  return {
    label: kindLabel(job.kind),
    description: `${detail} · ${when.slice(5)}`,
    tooltip: lines.join('\n'),
    icon: ICONS[status],
    contextValue: ['exportJob', ...jobFlags(job, nowMs)].join(' '),
  };
}
