/**
 * Retry timing: exponential backoff with full jitter (so clients that failed together do not retry
 * together), `Retry-After` parsing, and a sleep that a cancellation cuts short.
 */
import { abortedError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt began. */
  readonly maxTotalMs: number;
  /** Backoff ceiling of the first retry; doubles with each further retry. */
  readonly baseDelayMs: number;
  /** Backoff ceiling for any one wait. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, maxTotalMs: 60_000, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Full jitter: a uniform wait in [0, min(max, base * 2^(retry-1))]. `retry` counts from 1. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  // Delta-seconds; a fractional value (`1.5`) is seconds too, not an HTTP date.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise; rejects with an `aborted` ChargebeeError as soon as `signal` fires. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
