/**
 * One idempotency key per logical submission of a form. The key lives until the quote is created, so
 * a submit retried after a network error or a timeout (the quote may or may not exist) is answered
 * by Chargebee as a replay instead of creating a second quote. A definite refusal (a 4xx the API
 * answered) created nothing, so the next submit, usually with corrected values, gets a fresh key.
 */
import { randomUUID } from 'node:crypto';
import { ChargebeeError } from '../../chargebee/errors';

export type Outcome = 'created' | 'refused' | 'unknown' | 'key_conflict';

/** What a failed call means for the key. */
export function outcomeOf(err: unknown): Exclude<Outcome, 'created'> {
  if (!(err instanceof ChargebeeError)) return 'unknown';
  if (err.kind !== 'api' || err.httpStatus === 0 || err.httpStatus >= 500 || err.httpStatus === 429) return 'unknown';
  // The key was used before with another body: the earlier submit most likely went through.
  if (err.httpStatus === 422 && err.apiErrorCode === 'unable_to_process_request' && /idempotency/i.test(err.apiMessage ?? err.message)) return 'key_conflict';
  return 'refused';
}

export class SubmissionKey {
  private key: string | undefined;
  /** Submits that used the current key, for the log and the test hook. */
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

  /** The key now held (undefined after a success or a refusal). */
  get held(): string | undefined {
    return this.key;
  }

  get attempts(): number {
    return this.uses;
  }

  settle(outcome: Outcome): void {
    // A conflict is reported to the person; submitting again after that is a deliberate new quote.
    if (outcome !== 'unknown') this.key = undefined;
  }
}
