/**
 * The export engine as activate() builds it (store, queue, poller) over a Map-backed key-value store
 * and the shared fake clock, plus a small scripted export API for the pure-logic unit tests. The
 * server's rules (five slots, the 10 s rule, the job state machine) are proved against the sandbox in
 * test/api/poller-sandbox.test.ts, not re-implemented here.
 */
import { ChargebeeError } from '../../src/chargebee/errors';
import type { ParamTree } from '../../src/chargebee/catalog/types';
import type { Clock } from '../../src/exports/jobs/clock';
import type { FakeClock } from './fake-clock';
import type { DownloadResponse, ExportApi, ExportObject } from '../../src/exports/jobs/export-api';
import { DownloadLinks } from '../../src/exports/jobs/links';
import type { KeyValueStore } from '../../src/exports/jobs/store';
import { JobStore } from '../../src/exports/jobs/store';
import type { ExportTimingSettings } from '../../src/exports/jobs/timing';
import { ExportPoller } from '../../src/exports/poller';
import type { ExportEngineDeps } from '../../src/exports/queue';
import { ExportQueue } from '../../src/exports/queue';

export class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, string>();

  get<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    // Stored as JSON, as a Memento does, so nothing non-serialisable survives by accident.
    this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

/** An HTTP error, a connection failing before the request is processed, or after (the answer is lost). */
export type Fault =
  | { readonly status: 401 | 429 | 500 | 503; readonly code?: string; readonly retryAfterMs?: number }
  | { readonly network: 'before' | 'after' };

interface ServerExport {
  readonly id: string;
  readonly path: string;
  readonly startedAt: number;
  status: ExportObject['status'];
  readonly retrieves: number[];
}

function networkFailure(): ChargebeeError {
  return new ChargebeeError({ kind: 'network', message: 'Could not reach the site: the connection was reset.', httpStatus: 0, apiErrorCode: 'econnreset', retryable: true });
}

/**
 * A scripted export API over the fake clock, for the poller's own logic: every call is recorded with its
 * time and key, faults are scripted per call, an export completes `completeAfterMs` after its trigger, and
 * a re-sent key answers its first export (so scripted lost answers stay consistent). No slot limit, no
 * failing filters: those are the server's rules, tested against the sandbox.
 */
export class FakeExportServer implements ExportApi {
  readonly exports = new Map<string, ServerExport>();
  readonly keys = new Map<string, string>();
  /** Faults consumed one per call, by calls whose kind matches. */
  readonly faults: { readonly on: 'trigger' | 'retrieve' | 'any'; readonly fault: Fault }[] = [];
  readonly calls: { readonly kind: 'trigger' | 'retrieve' | 'download'; readonly at: number; readonly key?: string }[] = [];
  /** Hook run at the start of a trigger, e.g. to check what was persisted before it. */
  onTrigger?: (key: string) => void;
  private seq = 0;

  constructor(private readonly clock: Clock, public completeAfterMs = 30_000, private readonly file?: Buffer) {}

  trigger(path: string, _params: ParamTree, idempotencyKey: string): Promise<ExportObject> {
    this.calls.push({ kind: 'trigger', at: this.clock.now(), key: idempotencyKey });
    this.onTrigger?.(idempotencyKey);
    const lost = this.fault('trigger');
    const replay = this.keys.get(idempotencyKey);
    if (replay) return this.answer(this.view(this.exports.get(replay)!), lost);
    const id = `ex_${++this.seq}`;
    this.exports.set(id, { id, path, startedAt: this.clock.now(), status: 'in_process', retrieves: [] });
    this.keys.set(idempotencyKey, id);
    return this.answer(this.view(this.exports.get(id)!), lost);
  }

  retrieve(exportId: string): Promise<ExportObject> {
    this.calls.push({ kind: 'retrieve', at: this.clock.now() });
    const exp = this.exports.get(exportId);
    exp?.retrieves.push(this.clock.now());
    const lost = this.fault('retrieve');
    if (!exp) throw new ChargebeeError({ kind: 'api', message: 'not found', httpStatus: 404, apiErrorCode: 'resource_not_found', retryable: false });
    this.tick();
    return this.answer(this.view(exp), lost);
  }

  /** Set to make the next download throw an error quoting the URL, as node-fetch's do. */
  failDownload = false;

  download(url: string): Promise<DownloadResponse> {
    this.calls.push({ kind: 'download', at: this.clock.now() });
    if (this.failDownload) return Promise.reject(new Error(`request to ${url} failed, reason: socket hang up`));
    const expired = Number(new URL(url).searchParams.get('till')) * 1000 <= this.clock.now();
    const body = this.file ?? Buffer.from('id,email\n1,a@example.com\n');
    return Promise.resolve({
      ok: !expired,
      status: expired ? 403 : 200,
      headers: { get: (name: string) => (name === 'content-length' ? String(body.length) : null) },
      body: (async function* () {
        yield await Promise.resolve(body.subarray(0, 10));
        yield body.subarray(10);
      })(),
    });
  }

  /** Smallest gap between two retrieves of any one export, in ms (Infinity with fewer than two). */
  minRetrieveGapMs(): number {
    let min = Infinity;
    for (const exp of this.exports.values()) {
      for (let i = 1; i < exp.retrieves.length; i++) min = Math.min(min, exp.retrieves[i] - exp.retrieves[i - 1]);
    }
    return min;
  }

  private tick(): void {
    for (const exp of this.exports.values()) {
      if (exp.status === 'in_process' && this.clock.now() - exp.startedAt >= this.completeAfterMs) exp.status = 'completed';
    }
  }

  /** Throws a fault due before processing; returns true when the answer is to be lost after it. */
  private fault(kind: 'trigger' | 'retrieve'): boolean {
    const index = this.faults.findIndex((f) => f.on === kind || f.on === 'any');
    if (index < 0) return false;
    const fault = this.faults.splice(index, 1)[0].fault;
    if ('network' in fault) {
      if (fault.network === 'after') return true;
      throw networkFailure();
    }
    throw new ChargebeeError({
      kind: 'api', message: `HTTP ${fault.status}`, httpStatus: fault.status,
      apiErrorCode: fault.code ?? (fault.status === 429 ? 'api_request_limit_exceeded' : fault.status === 401 ? 'api_authentication_failed' : 'internal_temporary_error'),
      retryable: fault.status !== 401, retryAfterMs: fault.retryAfterMs,
    });
  }

  private answer(exp: ExportObject, lost: boolean): Promise<ExportObject> {
    return lost ? Promise.reject(networkFailure()) : Promise.resolve(exp);
  }

  private view(exp: ServerExport): ExportObject {
    this.tick();
    // Each retrieve issues a fresh link, valid 4 h from now.
    const till = Math.floor(this.clock.now() / 1000) + 4 * 3600;
    return {
      id: exp.id,
      status: exp.status,
      mime_type: 'zip',
      ...(exp.status === 'completed' ? { download: { download_url: `https://files.example.test/${exp.id}.zip?sig=secret&till=${till}`, valid_till: till } } : {}),
    };
  }
}

export interface Engine {
  readonly store: JobStore;
  readonly queue: ExportQueue;
  readonly poller: ExportPoller;
  readonly deps: ExportEngineDeps;
  readonly logs: string[];
  /** Moves the clock, letting the poller finish each tick it starts. */
  advance(ms: number, sync?: (deltaMs: number) => Promise<void>): Promise<void>;
  dispose(): void;
}

/** Store, queue and poller over `kv`, as activate() builds them; a second call simulates a reload. */
export function engine(
  kv: KeyValueStore, clock: FakeClock, api: ExportApi | (() => ExportApi | undefined), settings: Partial<ExportTimingSettings> = {},
  extra: Pick<ExportEngineDeps, 'focused' | 'timeScale'> = {},
): Engine {
  const store = new JobStore(kv);
  const logs: string[] = [];
  const deps: ExportEngineDeps = {
    store,
    links: new DownloadLinks(),
    apiFor: typeof api === 'function' ? api : () => api,
    pathFor: (kind) => `/exports/${kind.replace(/^exports\./, '')}`,
    clock,
    settings: () => settings,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...extra,
  };
  const queue = new ExportQueue(deps);
  const poller = new ExportPoller(deps, queue);
  poller.start();
  return {
    store, queue, poller, deps, logs,
    advance: (ms, sync) => clock.advance(ms, { settle: () => poller.settled(), sync }),
    dispose: () => {
      poller.dispose();
      queue.dispose();
    },
  };
}
