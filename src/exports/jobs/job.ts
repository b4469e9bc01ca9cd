import type { ParamTree } from '../../chargebee/catalog/types';

/**
 * One export as the extension tracks it. `running` means "may hold one of the site's five server slots":
 * it is set before the trigger request goes out, so a reload mid-trigger resumes by re-sending the same
 * idempotency key instead of starting a second export.
 */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'expired' | 'cancelled';

export interface ExportJob {
  /** Local id (uuid); the server's id is `exportId`, known once the trigger answered. */
  readonly id: string;
  readonly siteId: string;
  /** Catalog endpoint id, e.g. `exports.customers`. */
  readonly kind: string;
  readonly params: ParamTree;
  /** Epoch ms (local clock), as are all the times below except `validTill`. */
  readonly createdAt: number;
  status: JobStatus;
  exportId?: string;
  /** Sent as `chargebee-idempotency-key`; persisted before the trigger request. */
  triggerKey?: string;
  /**
   * An attempt with `triggerKey` went out without a definite answer (lost response, 5xx, reload), so an
   * export may exist under it: the key must be reused, even after a later 429, or it could start a second.
   */
  triggerInDoubt?: boolean;
  startedAt?: number;
  /** When the last retrieve was sent (not answered), so a reload never polls sooner than allowed. */
  lastPolledAt?: number;
  /** Next retrieve (running) or next trigger attempt (queued after a limit error or a network error). */
  nextPollAt?: number;
  /** Consecutive failed attempts (trigger or retrieve); reset by any answer that moves the job on. */
  attempts: number;
  finishedAt?: number;
  /** Server `download.valid_till`, epoch seconds on the server's clock. */
  validTill?: number;
  /** `zip` or `pdf`, from the export object. */
  mimeType?: string;
  /** The downloaded file (zip or pdf). */
  localFile?: string;
  /** Files extracted from the zip (absolute paths). */
  extractedFiles?: string[];
  /** Last error, shown in the tree; terminal for `failed`, informational while retrying. */
  error?: string;
  /**
   * The site rejected its key (401/403): the job keeps its place, key and export, and is not retried until
   * the site's key changes; then it goes on where it stopped.
   */
  waitingForKey?: boolean;
  /** Data rows of the downloaded CSVs (header rows not counted), when known. */
  rows?: number;
  /** Size of the downloaded file (zip or pdf) in bytes. */
  bytes?: number;
}

export const ACTIVE_STATUSES: ReadonlySet<JobStatus> = new Set(['queued', 'running']);

export function isActive(job: ExportJob): boolean {
  return ACTIVE_STATUSES.has(job.status);
}

/**
 * What to show: a completed job whose link has lapsed and that was never downloaded is `expired`.
 * Computed, not stored, so no timer is needed to flip it.
 */
export function displayStatus(job: ExportJob, nowMs: number): JobStatus {
  if (job.status === 'completed' && !job.localFile && job.validTill !== undefined && job.validTill * 1000 <= nowMs) {
    return 'expired';
  }
  return job.status;
}

/** `exports.customers` -> `customers`. */
export function kindLabel(kind: string): string {
  return kind.startsWith('exports.') ? kind.slice('exports.'.length) : kind;
}
