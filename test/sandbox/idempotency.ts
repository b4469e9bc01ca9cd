/**
 * `chargebee-idempotency-key` handling. A key remembers the response of the first call and the
 * hash of its request (method, path, parameters in any order); the same key with the same request
 * within 30 minutes of sandbox time replays that response with `chargebee-idempotency-replayed:
 * true`, and with a different request answers 422 unable_to_process_request.
 *
 * Decision (docs/chargebee-api-notes.md#idempotency leaves it open): only 2xx responses are stored. A call that failed did not
 * happen, so a client may retry it with the same key and get a fresh attempt; that is what a retry
 * loop reusing one key per logical call needs. Keys are scoped to the site, across endpoints: the
 * same key on another endpoint is a different payload, hence 422.
 */
import { createHash } from 'node:crypto';
import type { SandboxClock } from './clock';

export const IDEMPOTENCY_WINDOW_SECONDS = 30 * 60;
export const MAX_KEY_LENGTH = 100;

interface Entry {
  hash: string;
  status: number;
  body: string;
  storedAt: number;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'replay'; status: number; body: string } | { kind: 'conflict' };

export function requestHash(method: string, path: string, rawParams: string): string {
  const params = rawParams.split('&').filter((p) => p !== '').sort().join('&');
  return createHash('sha256').update(`${method} ${path}\n${params}`).digest('hex');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: SandboxClock) {}

  lookup(key: string, hash: string): IdempotencyLookup {
    const entry = this.entries.get(key);
    if (!entry) return { kind: 'new' };
    if (this.clock.now() - entry.storedAt > IDEMPOTENCY_WINDOW_SECONDS) {
      this.entries.delete(key);
      return { kind: 'new' };
    }
    return entry.hash === hash ? { kind: 'replay', status: entry.status, body: entry.body } : { kind: 'conflict' };
  }

  remember(key: string, hash: string, status: number, body: string): void {
    if (status < 200 || status > 299) return;
    this.entries.set(key, { hash, status, body, storedAt: this.clock.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}
