/**
 * One idempotency key per logical submission. Pressing Import again with the same request after an
 * answer that never arrived (network error, timeout, 5xx, 429, cancel) reuses the key, so Chargebee
 * replays the first import instead of running it twice; a changed request, or one after a definite
 * answer (success or a 4xx), gets a fresh key.
 */
import { randomUUID } from 'node:crypto';
import { ChargebeeError } from '../chargebee/errors';

export class SubmissionKeys {
  private pending: { readonly fingerprint: string; readonly key: string } | undefined;

  constructor(private readonly newKey: () => string = randomUUID) {}

  /** The key for a request with this fingerprint (its method, path, body pairs and headers). */
  keyFor(fingerprint: string): string {
    if (this.pending?.fingerprint === fingerprint) return this.pending.key;
    this.pending = { fingerprint, key: this.newKey() };
    return this.pending.key;
  }

  /** Call after the attempt: an answer the server surely gave ends the submission. */
  settled(outcome: { ok: true } | { ok: false; error: unknown }): void {
    if (outcome.ok || !unanswered(outcome.error)) this.pending = undefined;
  }
}

/** True when the server may or may not have acted: the same request must be sent under the same key. */
function unanswered(err: unknown): boolean {
  if (!(err instanceof ChargebeeError)) return false;
  return err.kind !== 'api' || err.retryable;
}
