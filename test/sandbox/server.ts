/**
 * The request pipeline: control API, request log and faults, the 1 MB body cap, downloads, then for
 * `/api/v2`: auth, routing (404/405), parsing (400 on malformed encoding), idempotency, catalog
 * validation, the handler. Any failure becomes a Chargebee-shaped JSON error; an unexpected
 * exception is a 500, never a crash.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkAuth } from './auth';
import { isBenchFile, serveBenchFile } from './bench-file';
import { BodyTooLarge, ClientGone, readBody } from './body';
import { SandboxClock } from './clock';
import { FaultQueue, faultProblem, StatsRecorder, type Fault, type RecordedRequest, type Stats } from './control';
import { serveDownload } from './downloads';
import { ApiError, configurationIncompatible, internalError, invalidRequest, paramWrongValue, requestLimit } from './errors';
import { FormError, parseForm, wireParam, type ParsedForm } from './form-parser';
import { IdempotencyStore, MAX_KEY_LENGTH, requestHash } from './idempotency';
import { Router, type RouteMatch } from './router';
import { allRoutes } from './routes';
import { seedStore } from './seed';
import type { SandboxOptions, SandboxState } from './state';
import type { Store } from './store';
import { validateRequest } from './validation';

const API_PREFIX = '/api/v2';
const CONTROL_PREFIX = '/__sandbox/';

/** The same operations as the HTTP control API, for tests that run the sandbox in-process. */
export interface SandboxControl {
  addFaults(faults: readonly Fault[]): void;
  clearFaults(): void;
  /** Moves the sandbox clock forward; returns the new time (epoch seconds). */
  advanceClock(seconds: number): number;
  now(): number;
  stats(): Stats;
  resetStats(): void;
  requests(): RecordedRequest[];
  /** Reseeds the data and clears idempotency keys, faults and stats. */
  reset(): void;
  /** The live data, for assertions. */
  readonly store: Store;
}

/** One answer, built before anything is written, so an after-commit fault can drop, replace or hold it. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

function errorReply(err: ApiError, indexMap?: ReadonlyMap<string, string[]>): Reply {
  const body = err.body();
  // Handlers see compacted rows; name the param with the index the client actually sent.
  if (body.param !== undefined && indexMap) body.param = wireParam(body.param, indexMap);
  return jsonReply(err.status, body, err.headers);
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, jsonReply(status, body));
}

/**
 * Waits `ms`, or less if the client hangs up: the timer is cleared then, so an abandoned request
 * holds nothing. Resolves whether the client is still there.
 */
function hold(ms: number, gone: AbortSignal): Promise<boolean> {
  if (gone.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      gone.removeEventListener('abort', done);
      resolve(!gone.aborted);
    };
    const timer = setTimeout(done, ms);
    gone.addEventListener('abort', done);
  });
}

export class Sandbox implements SandboxControl {
  readonly state: SandboxState;
  readonly server: Server;
  private readonly faults = new FaultQueue();
  private readonly idempotency: IdempotencyStore;
  private readonly router = new Router(allRoutes);

  constructor(
    options: SandboxOptions,
    private readonly controlEnabled: boolean,
  ) {
    const clock = new SandboxClock();
    this.state = { store: seedStore(options.seed, clock.now(), options.catalog), clock, options, stats: new StatsRecorder() };
    this.idempotency = new IdempotencyStore(clock);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('sandbox: unexpected error', err);
        if (!res.headersSent && !res.destroyed) send(res, errorReply(internalError()));
        else res.destroy();
      });
    });
  }

  // ---- SandboxControl ----

  get store(): Store {
    return this.state.store;
  }

  /** Throws on a malformed fault, as the HTTP control API answers 400. */
  addFaults(faults: readonly Fault[]): void {
    for (const f of faults) {
      const problem = faultProblem(f);
      if (problem !== undefined) throw new Error(`sandbox fault ${JSON.stringify(f)}: ${problem}`);
    }
    this.faults.add(faults);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  advanceClock(seconds: number): number {
    this.state.clock.advance(seconds);
    return this.state.clock.now();
  }

  now(): number {
    return this.state.clock.now();
  }

  stats(): Stats {
    return this.state.stats.snapshot();
  }

  resetStats(): void {
    this.state.stats.reset();
  }

  requests(): RecordedRequest[] {
    return this.state.stats.requests();
  }

  reset(): void {
    this.state.store = seedStore(this.state.options.seed, this.state.clock.now(), this.state.options.catalog);
    this.idempotency.clear();
    this.faults.clear();
    this.state.stats.reset();
  }

  // ---- pipeline ----

  /**
   * The origin of URLs this sandbox hands out (downloads), from its own listening address, never
   * from the request's Host header, which any client can set. Set by startSandbox once listening.
   */
  origin = '';

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      if (this.controlEnabled && isBenchFile(method, url.pathname.slice(CONTROL_PREFIX.length))) return serveBenchFile(url, res);
      if (this.controlEnabled) return this.handleControl(method, url.pathname.slice(CONTROL_PREFIX.length), req, res);
      send(res, errorReply(new ApiError(404, 'resource_not_found', "Sorry, we couldn't find that resource", 'invalid_request')));
      return;
    }
    this.recordRequest(method, url, req);
    // Aborted when the client hangs up before the answer is out, so a held request is let go.
    const hangUp = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) hangUp.abort();
    });
    const fault = this.faults.take(method, url.pathname);
    const before = fault && fault.phase !== 'after' ? fault : undefined;
    const after = fault?.phase === 'after' ? fault : undefined;
    if (before?.type === 'drop') {
      req.socket.destroy();
      return;
    }
    // A delay before holds the request unprocessed; a client that gives up meanwhile changed nothing.
    if (before?.type === 'delay' && !(await hold(before.ms, hangUp.signal))) return;
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof ClientGone || hangUp.signal.aborted) return;
      if (!(err instanceof BodyTooLarge)) throw err;
      send(res, errorReply(new ApiError(413, 'invalid_request', 'Sorry, the request body is larger than 1 MB', 'invalid_request')));
      return;
    }
    // The body is read first so a faulted POST does not leave the client writing into a closed socket.
    if (before?.type === 'status') {
      send(res, this.faultReply(before));
      return;
    }
    const reply = await this.process(method, url, raw, req);
    if (after?.type === 'drop') {
      req.socket.destroy();
      return;
    }
    if (after?.type === 'status') {
      send(res, this.faultReply(after));
      return;
    }
    // Held after the work is done: the client's timeout fires on a request that did succeed.
    if (after?.type === 'delay' && !(await hold(after.ms, hangUp.signal))) return;
    if (hangUp.signal.aborted) return;
    send(res, reply);
  }

  /** Everything after the body is read: downloads, then the API. Commits whatever the request does. */
  private async process(method: string, url: URL, raw: string, req: IncomingMessage): Promise<Reply> {
    if (url.pathname.startsWith('/downloads/')) {
      const file = await serveDownload(this.state, url.pathname, url.searchParams.get('token'));
      return { status: file.status, headers: file.headers, body: file.body };
    }
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) {
      return errorReply(new ApiError(404, 'resource_not_found', "Sorry, we couldn't find that resource", 'invalid_request'));
    }
    return this.handleApi(method, url, raw, req);
  }

  private handleApi(method: string, url: URL, raw: string, req: IncomingMessage): Reply {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    let match: RouteMatch | undefined;
    let routeError: ApiError | undefined;
    try {
      match = this.router.match(method, path);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      routeError = err;
    }
    this.state.stats.countRoute(match ? `${method} ${match.route.pattern}` : `${method} (unmatched)`);
    let parsed: ParsedForm | undefined;
    try {
      // Auth comes first, as on Chargebee: a bad key never learns which paths exist.
      checkAuth(req.headers, this.state.options.apiKey);
      if (routeError || !match) throw routeError ?? invalidRequest('Unknown route');
      requireCatalog(match.route.catalog, this.state.options.catalog);
      const query = parseForm(url.search.slice(1));
      parsed = method === 'POST' ? parseForm(raw) : query;
      const idemKey = method === 'POST' ? headerValue(req.headers['chargebee-idempotency-key']) : undefined;
      // The payload hash covers the body only: POST parameters never travel in the query.
      const hash = requestHash(method, path, raw);
      if (idemKey !== undefined) {
        if (idemKey.length > MAX_KEY_LENGTH) throw invalidRequest(`chargebee-idempotency-key cannot be longer than ${MAX_KEY_LENGTH} characters`);
        const seen = this.idempotency.lookup(idemKey, hash);
        if (seen.kind === 'conflict') {
          throw new ApiError(422, 'unable_to_process_request', 'The idempotency key was already used with a different request', 'invalid_request');
        }
        if (seen.kind === 'replay') {
          return { status: seen.status, headers: { 'content-type': 'application/json;charset=utf-8', 'chargebee-idempotency-replayed': 'true' }, body: seen.body };
        }
      }
      // Validation runs after the idempotency lookup: a replay answers what the first call answered.
      validateRequest(method, path, parsed.tree, this.state.options.catalog);
      // One timestamp for the whole request, so every record it touches agrees on `now`.
      const now = this.state.clock.now();
      const result = match.route.handler({
        method, path, pathParams: match.pathParams, query: query.tree, body: method === 'POST' ? parsed.tree : {}, headers: req.headers,
        state: this.state, now, nowMs: this.state.clock.nowMs(), origin: this.originFor(req),
      });
      const status = result.status ?? 200;
      const text = JSON.stringify(result.body);
      if (idemKey !== undefined) this.idempotency.remember(idemKey, hash, status, text);
      return { status, headers: { 'content-type': 'application/json;charset=utf-8' }, body: text };
    } catch (err) {
      if (err instanceof FormError) return errorReply(err.param !== undefined ? paramWrongValue(err.param, err.message) : invalidRequest(err.message));
      if (err instanceof ApiError) return errorReply(err, parsed?.indexMap);
      console.error('sandbox: handler failed', err);
      return errorReply(internalError());
    }
  }

  /** The configured origin; before startSandbox sets it, the address this socket reached. */
  private originFor(req: IncomingMessage): string {
    return this.origin !== '' ? this.origin : `http://127.0.0.1:${req.socket.localPort ?? 80}`;
  }

  /** Injected failures look like Chargebee's own: JSON errors, or the gateway's HTML page when asked. */
  private faultReply(fault: Extract<Fault, { type: 'status' }>): Reply {
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
    if (fault.html) {
      const html = `<html><head><title>${fault.status} Service Temporarily Unavailable</title></head><body><h1>${fault.status} Service Temporarily Unavailable</h1></body></html>`;
      return { status: fault.status, headers: { 'content-type': 'text/html', ...headers }, body: html };
    }
    const err =
      fault.status === 429
        ? requestLimit('Sorry, access has been blocked temporarily due to request count exceeding acceptable limits. Please try after some time.', headers)
        : fault.status === 503
          ? new ApiError(503, 'internal_temporary_error', 'Sorry, the server is temporarily unable to handle the request. Please retry after some time.', 'operation_failed', undefined, headers)
          : new ApiError(fault.status, 'internal_error', 'Sorry, something went wrong when trying to process the request.', 'operation_failed', undefined, headers);
    return errorReply(err);
  }

  private recordRequest(method: string, url: URL, req: IncomingMessage): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith('chargebee-') && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.state.stats.record({ method, path: url.pathname, query: url.search.slice(1), headers, at: this.state.clock.now() });
  }

  private async handleControl(method: string, op: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let input: Record<string, unknown> = {};
    try {
      const raw = await readBody(req);
      if (raw.trim() !== '') input = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, { error: 'the control API takes a JSON object' });
      return;
    }
    const route = `${method} ${op}`;
    switch (route) {
      case 'POST faults': {
        const faults = input.faults;
        const problem = Array.isArray(faults) ? faults.map(faultProblem).find((p) => p !== undefined) : 'faults must be a list of {type:"status"|"delay"|"drop", ...}';
        if (problem !== undefined) {
          sendJson(res, 400, { error: problem });
          return;
        }
        this.addFaults(faults as Fault[]);
        sendJson(res, 200, { ok: true });
        return;
      }
      case 'DELETE faults':
        this.clearFaults();
        sendJson(res, 200, { ok: true });
        return;
      case 'POST clock': {
        const seconds = input.advanceSeconds;
        if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
          sendJson(res, 400, { error: 'advanceSeconds must be a non-negative number' });
          return;
        }
        sendJson(res, 200, { now: this.advanceClock(seconds) });
        return;
      }
      case 'GET clock':
        sendJson(res, 200, { now: this.now() });
        return;
      case 'GET stats':
        sendJson(res, 200, this.stats());
        return;
      case 'POST stats/reset':
        this.resetStats();
        sendJson(res, 200, { ok: true });
        return;
      case 'GET requests':
        sendJson(res, 200, this.requests());
        return;
      case 'POST reset':
        this.reset();
        sendJson(res, 200, { ok: true });
        return;
      default:
        sendJson(res, 404, { error: `unknown control call ${route}` });
    }
  }
}

/** A route of one product catalog on a site of the other: Chargebee's configuration_incompatible. */
function requireCatalog(route: 1 | 2 | undefined, site: 1 | 2 | undefined): void {
  if (route === undefined || site === undefined || route === site) return;
  throw configurationIncompatible(`This API is available only on product catalog ${route}.0 sites; this site uses product catalog ${site}.0`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

