/**
 * The Chargebee HTTP client: Basic auth, form-encoded bodies, idempotency keys on every POST, retries
 * with backoff that honour `Retry-After` within a time budget, per-attempt timeouts, cancellation,
 * paging, and downloads of presigned links. No `vscode` import: the extension, the tests and scripts
 * share it.
 */
import { randomUUID } from 'node:crypto';
import type * as NodeFetchModule from 'node-fetch';
import type { Response } from 'node-fetch';
import type { Readable } from 'node:stream';
import type { EndpointId } from './catalog';
import type { ParamTree } from './catalog/types';
import { bodyFraming, checkedBody, DEFAULT_IDLE_TIMEOUT_MS, downloadRefused, downloadUrlProblem, isRedirectStatus, redirectTarget } from './download-body';
import { abortedError, ChargebeeError, errorFromResponse, isRetryableStatus, networkError, timeoutError } from './errors';
import { toFormBody, toQueryString } from './form-encoding';
import { redactSecrets, redactUrl, rememberSecret } from './redact';
import type { ListResponse } from './responses';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, sleep as realSleep } from './retry';
import type { RetryPolicy, Sleep } from './retry';
import { normaliseBaseUrl, siteLabel } from './site-url';

/** node-fetch loads with the first request rather than with the extension (it is a third of start-up). */
let nodeFetch: Promise<typeof NodeFetchModule> | undefined;
const loadFetch = (): Promise<typeof NodeFetchModule> => (nodeFetch ??= import('node-fetch'));

export interface ChargebeeLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ChargebeeClientOptions {
  /** API base, e.g. from `resolveBaseUrl`; normalised again here. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Per-site request headers, e.g. `chargebee-event-email: all-disabled`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per attempt; default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly log?: ChargebeeLogger;
  readonly userAgent?: string;
  /** A download body that sends no byte for this long fails; default 60 s. */
  readonly downloadIdleTimeoutMs?: number;
  /** Injectable for tests, so backoff and Retry-After waits cost no real time. */
  readonly sleep?: Sleep;
  readonly now?: () => number;
  readonly random?: () => number;
}

export type HttpMethod = 'GET' | 'POST';

export interface RequestOptions {
  readonly method: HttpMethod;
  /** Below the base URL, e.g. `/quotes` or `/quotes/Q-1/convert`. */
  readonly path: string;
  /** Query (GET) or body (POST). */
  readonly params?: ParamTree;
  /** Defaults to a fresh UUID per logical request; its retries reuse it. Ignored for GET. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Told before each wait between attempts, so a view can say why it is still waiting and until when. */
  readonly onRetry?: (wait: RetryWait) => void;
}

export interface RetryWait {
  readonly delayMs: number;
  /** What the failed attempt got (a 429, a 503, a network error). */
  readonly error: ChargebeeError;
}

export interface CallOptions extends Omit<RequestOptions, 'method' | 'path'> {
  /** Values for the `{name}` placeholders of the endpoint's path. */
  readonly pathParams?: Readonly<Record<string, string>>;
}

export interface ChargebeeResponse<T> {
  readonly body: T;
  readonly status: number;
  /** Chargebee answered from its idempotency store (`chargebee-idempotency-replayed: true`). */
  readonly replayed: boolean;
  /** Response headers, names lowercased. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface Page<T> {
  readonly list: T[];
  readonly nextOffset?: string;
}

export interface PageOptions {
  readonly signal?: AbortSignal;
  /** Stop after this many pages even when more exist. */
  readonly maxPages?: number;
}

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  /** Until the response headers arrive; the body is timed by `idleTimeoutMs` instead. */
  readonly timeoutMs?: number;
  /** The body fails after this long without a byte; default the client's `downloadIdleTimeoutMs`. */
  readonly idleTimeoutMs?: number;
}

/** One hop of a download: a redirect's next URL, or the final answer. */
type Hop = { readonly next: string } | { readonly res: Response };

type ListBody<T> = ListResponse<T>;

/** What one attempt produced: the value to return, and the status for the log line. */
interface AttemptResult<R> {
  readonly value: R;
  readonly status: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/**
 * Why `value` cannot be one path segment, or undefined when it can. `.` and `..` would walk the path
 * (an id `..` made `GET /quotes/..` reach `GET /`), an empty one drops a level, and `/` or `\` would
 * split it wherever a proxy decodes `%2F`. Chargebee ids never hold any of these.
 */
export function segmentProblem(value: string): string | undefined {
  if (value === '') return 'it is empty';
  if (value === '.' || value === '..') return `"${value}" is not an id`;
  if (/[/\\]/.test(value)) return 'an id cannot contain "/" or "\\"';
  return undefined;
}

function assertSegment(value: string, what: string): void {
  const problem = segmentProblem(value);
  if (problem !== undefined) throw new Error(`The ${what} ${JSON.stringify(value)} cannot be sent to Chargebee: ${problem}.`);
}

/** Replaces `{name}` placeholders with URL-encoded values; a missing or non-segment value is refused. */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Path parameter ${name} is missing for ${template}.`);
    assertSegment(value, name.replace(/_/g, ' '));
    return encodeURIComponent(value);
  });
}

/** The same rule for paths built by hand (`/exports/${id}`): every segment, decoded, must be one. */
function assertPath(path: string): void {
  for (const raw of path.split('?')[0]?.split('/').slice(1) ?? []) {
    let segment = raw;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // A malformed escape is sent literally; it cannot walk the path.
    }
    assertSegment(segment, 'path segment');
  }
}

function lowerCased(...sources: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      // An empty value from a later source unsets the header: a form can switch off a site's event flag.
      if (value === '') delete out[name.toLowerCase()];
      else out[name.toLowerCase()] = value;
    }
  }
  return out;
}

/** `res` with its body held to its framing and the idle limit; the same status and headers. */
async function checkedResponse(res: Response, idleTimeoutMs: number): Promise<Response> {
  const framing = bodyFraming(res.headers);
  if (res.body === null) return res;
  const { Response: NodeResponse } = await loadFetch();
  // node-fetch's body is a Node Readable (a PassThrough); its typings say only NodeJS.ReadableStream.
  return new NodeResponse(checkedBody(res.body as Readable, { ...framing, idleTimeoutMs }), { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** A function, not an inline check, because TypeScript's narrowing would not survive the awaits between uses. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

export class ChargebeeClient {
  readonly baseUrl: string;
  /** Host (and port) of the site, used in messages. */
  readonly site: string;
  private readonly origin: string;
  private readonly authorization: string;
  private readonly apiKey: string;
  private readonly siteHeaders: Readonly<Record<string, string>>;
  private readonly timeoutMs: number;
  private readonly downloadIdleTimeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly log?: ChargebeeLogger;
  private readonly userAgent: string;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: ChargebeeClientOptions) {
    if (options.apiKey === '') throw new Error('An API key is needed to talk to Chargebee.');
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.origin = new URL(this.baseUrl).origin;
    this.site = siteLabel(this.baseUrl);
    this.apiKey = options.apiKey;
    // From now on every redacted text masks this key, whoever prints it.
    rememberSecret(options.apiKey);
    this.authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
    this.siteHeaders = options.headers ?? {};
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.downloadIdleTimeoutMs = options.downloadIdleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.log;
    this.userAgent = options.userAgent ?? 'chargebee-vscode';
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** One logical request, retried as the policy allows; resolves with the parsed JSON body. */
  async request<T>(req: RequestOptions): Promise<ChargebeeResponse<T>> {
    assertPath(req.path);
    const params = req.params ?? {};
    const query = req.method === 'GET' ? toQueryString(params) : '';
    const url = `${this.baseUrl}${req.path}${query === '' ? '' : `?${query}`}`;
    const body = req.method === 'POST' ? toFormBody(params) : undefined;
    // One key per logical request: a retry after a lost response must be answered as a replay.
    const idempotencyKey = req.method === 'POST' ? (req.idempotencyKey ?? randomUUID()) : undefined;
    // Lowercased, so a caller's `authorization` or `content-type` replaces ours instead of doubling it.
    const headers = lowerCased(this.siteHeaders, req.headers ?? {}, {
      authorization: this.authorization,
      accept: 'application/json',
      'user-agent': this.userAgent,
    });
    if (body !== undefined) headers['content-type'] = FORM_CONTENT_TYPE;
    if (idempotencyKey !== undefined) headers['chargebee-idempotency-key'] = idempotencyKey;
    const label = `${req.method} ${req.path}`;
    if (idempotencyKey !== undefined) this.log?.debug(`${label} idempotency key ${idempotencyKey}`);

    return this.withRetries(label, req.signal, req.onRetry, async (attempt) => {
      const attemptHeaders = attempt > 1 ? { ...headers, 'x-cb-retry-attempt': String(attempt - 1) } : headers;
      return this.fetchWithTimeout(url, { method: req.method, headers: attemptHeaders, body }, req.signal, req.timeoutMs ?? this.timeoutMs, async (res) => {
        const text = await res.text();
        const responseHeaders = Object.fromEntries(res.headers.entries());
        if (!res.ok) {
          throw errorFromResponse({ status: res.status, bodyText: text, site: this.site, retryAfterMs: this.retryAfter(res) });
        }
        const value: ChargebeeResponse<T> = {
          body: this.parseSuccess<T>(res.status, text),
          status: res.status,
          replayed: responseHeaders['chargebee-idempotency-replayed'] === 'true',
          headers: responseHeaders,
        };
        return { status: res.status, value };
      });
    });
  }

  /** A catalog endpoint by id, e.g. `call('quotes.retrieve', { pathParams: { quote_id: 'Q-1' } })`. */
  async call<T>(endpointId: EndpointId, options: CallOptions = {}): Promise<ChargebeeResponse<T>> {
    // The catalog's tables are built on first use, not when the extension loads.
    const { getEndpoint } = await import('./catalog');
    const spec = getEndpoint(endpointId);
    const { pathParams, ...rest } = options;
    return this.request<T>({ ...rest, method: spec.method, path: fillPath(spec.path, pathParams ?? {}) });
  }

  /** The pages of a list endpoint, following `next_offset` until the API stops sending one. */
  async *pages<T>(path: string, params: ParamTree = {}, options: PageOptions = {}): AsyncGenerator<Page<T>, void, undefined> {
    let offset: string | undefined;
    for (let page = 1; options.maxPages === undefined || page <= options.maxPages; page++) {
      const res = await this.request<ListBody<T>>({
        method: 'GET',
        path,
        params: offset === undefined ? params : { ...params, offset },
        signal: options.signal,
      });
      const next = typeof res.body.next_offset === 'string' && res.body.next_offset !== '' ? res.body.next_offset : undefined;
      const list = [...(res.body.list ?? [])];
      yield next === undefined ? { list } : { list, nextOffset: next };
      // A server repeating an offset would otherwise loop forever.
      if (next === undefined || next === offset) return;
      offset = next;
    }
  }

  /** Every entry of every page (bounded by `maxPages`); for lists known to be small. */
  async listAll<T>(path: string, params: ParamTree = {}, options: PageOptions = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages<T>(path, params, options)) all.push(...page.list);
    return all;
  }

  /**
   * Streams a download link (export file, quote PDF). Presigned links carry their own credential, so
   * the API key is sent only to the site's own origin, hop by hop. Redirects are followed here, each
   * hop held to the first URL's https rule. The body fails (so no file is kept) when it ends short of
   * its Content-Length, breaks off, or stays idle; see download-body.ts. Throws a ChargebeeError for
   * non-2xx answers and refused links.
   */
  async download(url: string, options: DownloadOptions = {}): Promise<Response> {
    const problem = downloadUrlProblem(url);
    if (problem !== undefined) throw downloadRefused(problem);
    const idleTimeoutMs = options.idleTimeoutMs ?? this.downloadIdleTimeoutMs;
    return this.withRetries(`GET ${redactUrl(url)}`, options.signal, undefined, async () => {
      let current = url;
      for (let hops = 0; ; hops++) {
        const hop = current;
        const sameOrigin = new URL(hop).origin === this.origin;
        const headers: Record<string, string> = { 'user-agent': this.userAgent };
        if (sameOrigin) headers.authorization = this.authorization;
        const step = await this.fetchWithTimeout<Hop>(hop, { method: 'GET', headers }, options.signal, options.timeoutMs ?? this.timeoutMs, async (res) => {
          if (isRedirectStatus(res.status)) {
            res.body?.resume();
            return { status: res.status, value: { next: redirectTarget(hop, res.headers.get('location'), hops) } };
          }
          if (!res.ok) throw await this.downloadError(res, sameOrigin);
          return { status: res.status, value: { res: await checkedResponse(res, idleTimeoutMs) } };
        }, true);
        if ('res' in step.value) return { status: step.status, value: step.value.res };
        current = step.value.next;
      }
    });
  }

  private async downloadError(res: Response, sameOrigin: boolean): Promise<ChargebeeError> {
    const text = await res.text().catch(() => '');
    if (sameOrigin) return errorFromResponse({ status: res.status, bodyText: text, site: this.site, retryAfterMs: this.retryAfter(res) });
    // Storage services answer an expired presigned link with 403 (or 404/410) and an XML body.
    const expired = res.status === 403 || res.status === 404 || res.status === 410;
    return new ChargebeeError({
      kind: 'non_json',
      message: expired
        ? `The download link has expired or is no longer valid (HTTP ${res.status}). Fetch the file again to get a fresh link.`
        : `The download failed (HTTP ${res.status}).`,
      httpStatus: res.status,
      apiErrorCode: expired ? 'download_link_expired' : 'download_failed',
      retryable: isRetryableStatus(res.status),
      retryAfterMs: this.retryAfter(res),
    });
  }

  private retryAfter(res: Response): number | undefined {
    return parseRetryAfter(res.headers.get('retry-after'), this.now());
  }

  private parseSuccess<T>(status: number, text: string): T {
    // 204 and empty 200s count as `{}`, as in the SDK.
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw errorFromResponse({ status, bodyText: text, site: this.site });
    }
  }

  /**
   * One attempt: fetch plus `handle` under a timeout that also covers reading the body, unless
   * `streaming`, where the timer stops once headers arrive and only cancellation ends the stream.
   */
  private async fetchWithTimeout<R>(
    url: string,
    init: { method: HttpMethod; headers: Record<string, string>; body?: string },
    signal: AbortSignal | undefined,
    timeoutMs: number,
    handle: (res: Response) => Promise<AttemptResult<R>>,
    streaming = false,
  ): Promise<AttemptResult<R>> {
    if (isAborted(signal)) throw abortedError();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => signal?.removeEventListener('abort', onAbort);
    let streamingBody = false;
    try {
      const { default: fetch } = await loadFetch();
      const res = await fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
      if (streaming) clearTimeout(timer);
      const result = await handle(res);
      if (streaming && res.body !== null) {
        // The caller reads the stream later; cancellation must reach it until it ends.
        streamingBody = true;
        res.body.once('close', detach);
      }
      return result;
    } catch (err) {
      if (err instanceof ChargebeeError) throw err;
      if (isAborted(signal)) throw abortedError();
      if (timedOut) throw timeoutError(this.site, timeoutMs);
      throw networkError(this.site, err);
    } finally {
      clearTimeout(timer);
      if (!streamingBody) detach();
    }
  }

  /** Runs attempts until one succeeds or the error, the attempt count or the time budget says stop. */
  private async withRetries<R>(label: string, signal: AbortSignal | undefined, onRetry: ((wait: RetryWait) => void) | undefined, attemptOnce: (attempt: number) => Promise<AttemptResult<R>>): Promise<R> {
    const started = this.now();
    for (let attempt = 1; ; attempt++) {
      const attemptStarted = this.now();
      const suffix = (): string => `${this.now() - attemptStarted} ms${attempt > 1 ? ` (attempt ${attempt})` : ''}`;
      try {
        const result = await attemptOnce(attempt);
        this.log?.info(`${label} ${result.status} ${suffix()}`);
        return result.value;
      } catch (caught) {
        const err = caught instanceof ChargebeeError ? caught : networkError(this.site, caught);
        const outcome = err.httpStatus > 0 ? String(err.httpStatus) : err.kind;
        if (err.kind === 'aborted') {
          this.log?.info(`${label} cancelled ${suffix()}`);
          throw err;
        }
        const delay = this.retryDelay(err, attempt, started);
        if (delay === undefined) {
          const logLine = `${label} ${outcome} ${suffix()}: ${redactSecrets(err.apiMessage ?? err.message, [this.apiKey])}`;
          if (err.retryable) this.log?.error(logLine);
          else this.log?.warn(logLine);
          throw err;
        }
        this.log?.warn(`${label} ${outcome} ${suffix()}, retrying in ${delay} ms`);
        onRetry?.({ delayMs: delay, error: err });
        await this.sleep(delay, signal);
      }
    }
  }

  /** How long to wait before the next attempt, or undefined to give up with the error at hand. */
  private retryDelay(err: ChargebeeError, attempt: number, started: number): number | undefined {
    if (!err.retryable || attempt >= this.policy.maxAttempts) return undefined;
    const remaining = this.policy.maxTotalMs - (this.now() - started);
    // A Retry-After beyond the budget means the caller would wait longer than promised: fail now.
    const delay = err.retryAfterMs ?? backoffDelay(attempt, this.policy, this.random);
    return delay > remaining ? undefined : delay;
  }
}
