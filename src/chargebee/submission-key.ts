/**
 * One idempotency key per logical submission of a write (a quote form, an import). The key is held
 * while the outcome is unknown (no answer, a timeout, a cancel, 429, 5xx, anything that is not a
 * Chargebee answer), so the next submit is answered by Chargebee as a replay instead of writing twice.
 * It is held even when the values change meanwhile: the earlier request may have gone through, and
 * Chargebee then refuses the changed request under the same key with 422 (the key-conflict rule),
 * which the caller tells the person instead of silently writing a second time. A definite answer
 * (success, a refusal, or that conflict) ends the submission: the next submit gets a fresh key.
 * The client's own retries of one call reuse its key too (see client.ts).
 */
import { randomUUID } from 'node:crypto';
import { ChargebeeError } from './errors';

export type KeyOutcome = 'done' | 'refused' | 'unknown' | 'key_conflict';

/** What a failed call means for the key. */
export function outcomeOf(err: unknown): Exclude<KeyOutcome, 'done'> {
  if (!(err instanceof ChargebeeError)) return 'unknown';
  if (err.kind !== 'api' || err.httpStatus === 0 || err.retryable || err.httpStatus >= 500 || err.httpStatus === 429) return 'unknown';
  if (isKeyConflict(err)) return 'key_conflict';
  return 'refused';
}

/** 422 for a key used before with another request: the earlier submit most likely went through. */
export function isKeyConflict(err: unknown): boolean {
  return err instanceof ChargebeeError && err.httpStatus === 422 && err.apiErrorCode === 'unable_to_process_request' && /idempotency/i.test(err.apiMessage ?? err.message);
}

export class SubmissionKey {
  private key: string | undefined;
  /** Submits that used the current key, for the log and the tests. */
  private uses = 0;

  constructor(private readonly newKey: () => string = randomUUID) {}

  /** The key for this submit: the held one, or a new one when none is held. */
  next(): string {
    if (this.key === undefined) {
      this.key = this.newKey();
      this.uses = 0;
    }
    this.uses++;
    return this.key;
  }

  /** The key now held (undefined after a definite answer). */
  get held(): string | undefined {
    return this.key;
  }

  get attempts(): number {
    return this.uses;
  }

  settle(outcome: KeyOutcome): void {
    // A conflict is reported to the person; submitting again after that is a deliberate new write.
    if (outcome !== 'unknown') this.key = undefined;
  }

  /** settle() for a failed call; answers the outcome so the caller can word a key conflict. */
  failed(err: unknown): Exclude<KeyOutcome, 'done'> {
    const outcome = outcomeOf(err);
    this.settle(outcome);
    return outcome;
  }
}
