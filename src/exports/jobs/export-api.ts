import type { ParamTree } from '../../chargebee/catalog/types';
import type { ChargebeeClientOptions } from '../../chargebee/client';
import { ChargebeeClient } from '../../chargebee/client';
import { ChargebeeError } from '../../chargebee/errors';
import type { ExportObject, ExportResponse } from '../../chargebee/responses';
import { formatElapsed } from './summary';
import { boundedServerWait, MAX_SERVER_WAIT_MS } from './timing';

export type { ExportObject } from '../../chargebee/responses';

/** The parts of a fetch Response a download reads (node-fetch's Response fits). */
export interface DownloadResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: AsyncIterable<Uint8Array | string> | null;
}

/** The slice of `ChargebeeClient` the export jobs use, so tests and the composition root can pass either. */
export interface ExportClient {
  request<T>(req: {
    method: 'GET' | 'POST';
    path: string;
    params?: ParamTree;
    idempotencyKey?: string;
    signal?: AbortSignal;
  }): Promise<{ body: T }>;
  download(url: string, opts: { signal?: AbortSignal }): Promise<DownloadResponse>;
}

/** The three calls a job makes. One instance per site. */
export interface ExportApi {
  trigger(path: string, params: ParamTree, idempotencyKey: string, signal?: AbortSignal): Promise<ExportObject>;
  retrieve(exportId: string, signal?: AbortSignal): Promise<ExportObject>;
  download(url: string, signal?: AbortSignal): Promise<DownloadResponse>;
}

export function exportApi(client: ExportClient): ExportApi {
  return {
    async trigger(path, params, idempotencyKey, signal) {
      const res = await client.request<ExportResponse>({ method: 'POST', path, params, idempotencyKey, signal });
      return checked(res.body);
    },
    async retrieve(exportId, signal) {
      const res = await client.request<ExportResponse>({ method: 'GET', path: `/exports/${encodeURIComponent(exportId)}`, signal });
      return checked(res.body);
    },
    download: (url, signal) => client.download(url, { signal }),
  };
}

function checked(body: ExportResponse | undefined): ExportObject {
  const exp = body?.export;
  if (!exp || typeof exp.id !== 'string' || !['in_process', 'completed', 'failed'].includes(exp.status)) {
    throw new Error('Chargebee answered without a valid export object.');
  }
  return exp;
}

/**
 * How a failed call affects a job:
 * - `limit`: the server refused to start (429), nothing was created; back to the queue with backoff.
 * - `transient`: outcome unknown or temporary (network, timeout, 5xx, lock); retry later, same key.
 * - `auth`: the site's key was rejected; keep the job and retry slowly, the user may fix the key.
 * - `rejected`: the server will answer the same again (400, 404, 422); the job fails.
 * - `aborted`: we cancelled it (reload, dispose); the job stays as it is.
 */
export type FailureClass = 'limit' | 'transient' | 'auth' | 'rejected' | 'aborted';

export interface Failure {
  readonly cls: FailureClass;
  readonly message: string;
  /** The server's wait, capped (see boundedServerWait). */
  readonly retryAfterMs?: number;
  /** A short cause for a tree row: `HTTP 503`, `connection failed`, plus what the server asked for. */
  readonly short: string;
}

export function classify(err: unknown): Failure {
  if (err instanceof ChargebeeError) {
    const base = { message: err.message, retryAfterMs: boundedServerWait(err.retryAfterMs), short: shortCause(err) };
    if (err.kind === 'aborted') return { ...base, cls: 'aborted' };
    if (err.httpStatus === 429) return { ...base, cls: err.apiErrorCode === 'api_request_limit_exceeded' ? 'limit' : 'transient' };
    if (err.httpStatus === 401 || err.httpStatus === 403) return { ...base, cls: 'auth' };
    if (err.retryable || err.kind === 'network' || err.kind === 'timeout') return { ...base, cls: 'transient' };
    return { ...base, cls: 'rejected' };
  }
  if (err instanceof Error && err.name === 'AbortError') return { cls: 'aborted', message: 'Cancelled.', short: 'cancelled' };
  // Anything else (a malformed body, a bug) is retried: dropping a job on an unknown error loses it.
  const message = err instanceof Error ? err.message : String(err);
  return { cls: 'transient', message, short: message };
}

/** `HTTP 429, Chargebee asked to wait 24 h (capped at 1 h)`: the real wait, not a guess. */
function shortCause(err: ChargebeeError): string {
  const cause = err.httpStatus > 0 ? `HTTP ${err.httpStatus}` : err.kind === 'timeout' ? 'no answer in time' : err.kind === 'network' ? 'connection failed' : err.kind;
  const asked = err.retryAfterMs;
  if (asked === undefined) return cause;
  const capped = asked > MAX_SERVER_WAIT_MS || !Number.isFinite(asked) ? ` (capped at ${formatElapsed(MAX_SERVER_WAIT_MS)})` : '';
  return `${cause}, Chargebee asked to wait ${Number.isFinite(asked) ? formatElapsed(asked) : 'indefinitely'}${capped}`;
}

/**
 * A client for the export engine: single-attempt requests, because the queue and the poller do their own
 * retrying on their own timer (keeping the idempotency key and the 10 s retrieve gap), and a client-side
 * retry of a retrieve would break that gap.
 */
export function exportClient(options: Omit<ChargebeeClientOptions, 'retry'>): ChargebeeClient {
  return new ChargebeeClient({ ...options, retry: { maxAttempts: 1 } });
}

/** The trigger path of an export endpoint id, from the catalog (loaded on first use, not at start-up). */
export async function catalogPath(kind: string): Promise<string> {
  const spec = (await import('../../chargebee/catalog')).findEndpointById(kind);
  if (!spec) throw new Error(`Unknown export kind: ${kind}`);
  return spec.path;
}
