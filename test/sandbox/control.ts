/**
 * What tests steer and observe: injected faults, request statistics (per route, and per export
 * job the retrieves and the smallest interval between two of them on the sandbox clock, so a test
 * can prove a client keeps the documented 10 s polling gap), and a log of recent requests with
 * their `chargebee-*` headers.
 */

/**
 * When a fault strikes. `before` (the default): the request is never processed, as when a
 * gateway fails. `after`: the request is processed and committed (data written, idempotency key
 * stored), then the answer is lost (`drop`), replaced (`status`) or held (`delay`), as when a
 * connection breaks on the way back: the case a retry under the same idempotency key exists for.
 */
export type FaultPhase = 'before' | 'after';

interface FaultMatch {
  count?: number;
  /** Substring of the request path. */
  path?: string;
  method?: string;
  phase?: FaultPhase;
}

export type Fault =
  | ({ type: 'status'; status: 429 | 500 | 502 | 503; retryAfter?: number | string; html?: boolean } & FaultMatch)
  | ({ type: 'delay'; ms: number } & FaultMatch)
  | ({ type: 'drop' } & FaultMatch);

/** Longest delay a fault may ask for (10 min): longer than any client timeout, well inside Node's timer limit. */
export const MAX_FAULT_DELAY_MS = 600_000;
const STATUSES: readonly number[] = [429, 500, 502, 503];
const FIELDS: Record<Fault['type'], readonly string[]> = {
  status: ['status', 'retryAfter', 'html'],
  delay: ['ms'],
  drop: [],
};
const MATCH_FIELDS = ['type', 'count', 'path', 'method', 'phase'];

/**
 * Checks one fault as received by the control API; returns what is wrong with it, or undefined.
 * Strict on purpose: a typo in a test's fault must fail loudly, and nothing may reach a header raw
 * (`retryAfter` with a CR/LF would split the response).
 */
export function faultProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a fault is an object';
  const f = value as Record<string, unknown>;
  if (f.type !== 'status' && f.type !== 'delay' && f.type !== 'drop') return 'type must be "status", "delay" or "drop"';
  const allowed = new Set([...MATCH_FIELDS, ...FIELDS[f.type]]);
  const unknown = Object.keys(f).filter((k) => !allowed.has(k));
  if (unknown.length > 0) return `unknown field${unknown.length > 1 ? 's' : ''} for a ${f.type} fault: ${unknown.join(', ')}`;
  if (f.count !== undefined && !(Number.isInteger(f.count) && (f.count as number) >= 1)) return 'count must be a whole number of at least 1';
  if (f.path !== undefined && (typeof f.path !== 'string' || f.path === '')) return 'path must be a non-empty string';
  if (f.method !== undefined && !(typeof f.method === 'string' && ['GET', 'POST'].includes(f.method.toUpperCase()))) return 'method must be GET or POST';
  if (f.phase !== undefined && f.phase !== 'before' && f.phase !== 'after') return 'phase must be "before" or "after"';
  if (f.type === 'status') {
    if (typeof f.status !== 'number' || !STATUSES.includes(f.status)) return `status must be one of ${STATUSES.join(', ')}`;
    if (f.html !== undefined && typeof f.html !== 'boolean') return 'html must be true or false';
    const ra = f.retryAfter;
    if (ra !== undefined) {
      const okNumber = typeof ra === 'number' && Number.isFinite(ra) && ra >= 0;
      // Printable ASCII only: seconds or an HTTP date, never a header break.
      const okText = typeof ra === 'string' && /^[\x20-\x7e]{1,64}$/.test(ra) && ra.trim() !== '';
      if (!okNumber && !okText) return 'retryAfter must be non-negative seconds or an HTTP date (printable text, no line breaks)';
    }
  }
  if (f.type === 'delay' && !(typeof f.ms === 'number' && Number.isFinite(f.ms) && f.ms >= 0 && f.ms <= MAX_FAULT_DELAY_MS)) {
    return `ms must be a number from 0 to ${MAX_FAULT_DELAY_MS}`;
  }
  return undefined;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** Sandbox time, epoch seconds. */
  at: number;
}

export interface ExportStats {
  retrieves: number;
  minIntervalSeconds: number | null;
}

export interface Stats {
  total: number;
  routes: Record<string, number>;
  exports: Record<string, ExportStats>;
}

const LOG_SIZE = 200;

export class FaultQueue {
  private faults: { fault: Fault; left: number }[] = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) this.faults.push({ fault, left: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first queued fault matching this request, consuming one of its counts. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.faults.find((f) => (f.fault.path === undefined || path.includes(f.fault.path)) && (f.fault.method === undefined || f.fault.method.toUpperCase() === method));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.faults = this.faults.filter((f) => f !== entry);
    return entry.fault;
  }
}

export class StatsRecorder {
  private total = 0;
  private routes = new Map<string, number>();
  private exports = new Map<string, { retrieves: number; last: number; min: number | null }>();
  private log: RecordedRequest[] = [];

  countRoute(route: string): void {
    this.total += 1;
    this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
  }

  countExportRetrieve(id: string, at: number): void {
    const entry = this.exports.get(id);
    if (!entry) {
      this.exports.set(id, { retrieves: 1, last: at, min: null });
      return;
    }
    const interval = Math.round((at - entry.last) * 1000) / 1000;
    entry.min = entry.min === null ? interval : Math.min(entry.min, interval);
    entry.retrieves += 1;
    entry.last = at;
  }

  record(request: RecordedRequest): void {
    this.log.push(request);
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
  }

  requests(): RecordedRequest[] {
    return [...this.log];
  }

  snapshot(): Stats {
    const exports: Record<string, ExportStats> = {};
    for (const [id, e] of this.exports) exports[id] = { retrieves: e.retrieves, minIntervalSeconds: e.min };
    return { total: this.total, routes: Object.fromEntries(this.routes), exports };
  }

  reset(): void {
    this.total = 0;
    this.routes = new Map();
    this.exports = new Map();
    this.log = [];
  }
}
