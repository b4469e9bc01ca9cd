/**
 * Why the Quotes tree is waiting or has stopped, in words: "Chargebee is limiting requests (HTTP 429):
 * retrying at 14:02:31", not a spinner for the whole of a Retry-After.
 */
import { ChargebeeError, formatDuration } from '../../chargebee/errors';

/** The cause of a failed attempt, without the wait. */
export function failureReason(err: unknown): string {
  if (!(err instanceof ChargebeeError)) return err instanceof Error ? err.message : String(err);
  if (err.httpStatus === 429) return 'Chargebee is limiting requests (HTTP 429)';
  if (err.kind === 'network') return 'Chargebee cannot be reached (offline?)';
  if (err.kind === 'timeout') return 'Chargebee did not answer in time';
  if (err.httpStatus >= 500) return `Chargebee answered HTTP ${err.httpStatus}`;
  return err.message;
}

/** `14:02:31 (in 30 s)` in the user's locale. */
export function untilText(untilMs: number, nowMs: number, locale: string): string {
  let clock: string;
  try {
    clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(untilMs));
  } catch {
    clock = new Date(untilMs).toISOString().slice(11, 19);
  }
  return `${clock} (in ${formatDuration(Math.max(0, untilMs - nowMs))})`;
}

/** The message of a page that failed for good: the cause, and when a server-given wait ends. */
export function failureMessage(err: unknown, nowMs: number, locale: string): string {
  const reason = failureReason(err);
  const after = err instanceof ChargebeeError ? err.retryAfterMs : undefined;
  return after !== undefined && after > 0 ? `${reason}; try again after ${untilText(nowMs + after, nowMs, locale)}` : reason;
}
