/** Poll and retry timing. All results in ms. */

/** The documented minimum gap between two retrieves of one export (docs/chargebee-api-notes.md#export-10s-rule). */
export const MIN_POLL_SECONDS = 10;
/** Long-running jobs are polled no more often than this, unless the user set a longer interval. */
export const MAX_POLL_SECONDS = 60;
export const MAX_CONCURRENT = 5;

export interface ExportTimingSettings {
  /** `chargebee.exports.maxConcurrent`, clamped to 1..5. */
  readonly maxConcurrent: number;
  /** `chargebee.exports.pollIntervalSeconds`, at least 10. */
  readonly pollIntervalSeconds: number;
}

export function normalizeSettings(raw: Partial<ExportTimingSettings>): ExportTimingSettings {
  const max = Number.isFinite(raw.maxConcurrent) ? Math.floor(raw.maxConcurrent ?? MAX_CONCURRENT) : MAX_CONCURRENT;
  const poll = Number.isFinite(raw.pollIntervalSeconds) ? (raw.pollIntervalSeconds ?? MIN_POLL_SECONDS) : MIN_POLL_SECONDS;
  return { maxConcurrent: Math.min(MAX_CONCURRENT, Math.max(1, max)), pollIntervalSeconds: Math.max(MIN_POLL_SECONDS, poll) };
}

/**
 * The gap before the next retrieve of a job running for `ageMs`: the base interval for the first
 * ~40 s, then a quarter of the job's age, reaching 60 s after four minutes.
 */
export function pollIntervalMs(ageMs: number, baseSeconds: number): number {
  const base = Math.max(MIN_POLL_SECONDS, baseSeconds) * 1000;
  const cap = Math.max(base, MAX_POLL_SECONDS * 1000);
  return Math.min(cap, Math.max(base, Math.round(ageMs / 4)));
}

/** After `attempts` consecutive failures: 10 s, 20 s, 40 s ... capped at 5 minutes. */
export function retryDelayMs(attempts: number, firstMs = 10_000, capMs = 300_000): number {
  return Math.min(capMs, firstMs * 2 ** Math.max(0, attempts - 1));
}

/** A server-requested wait wins when it is longer than ours. */
export function withRetryAfter(delayMs: number, retryAfterMs: number | undefined): number {
  return retryAfterMs !== undefined && retryAfterMs > delayMs ? retryAfterMs : delayMs;
}

/** The longest server-given wait the engine honours; a longer Retry-After is capped, not obeyed. */
export const MAX_SERVER_WAIT_MS = 60 * 60 * 1000;
/** Node's timers fire at once beyond this (a 32-bit signed ms count). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A server-given wait made safe: finite, non-negative, at most an hour. */
export function boundedServerWait(ms: number | undefined): number | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return ms === undefined ? undefined : MAX_SERVER_WAIT_MS;
  return Math.min(MAX_SERVER_WAIT_MS, Math.max(0, ms));
}

/** While the window is unfocused, status checks go at half the rate (the user isn't watching). */
export const UNFOCUSED_FACTOR = 2;
