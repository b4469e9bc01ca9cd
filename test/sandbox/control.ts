/**
 * What tests steer and observe: injected faults, request statistics (per route, and per export
 * job the retrieves and the smallest interval between two of them on the sandbox clock, so a test
 * can prove a client keeps the documented 10 s polling gap), and a log of recent requests with
 * their `chargebee-*` headers.
 */
export type Fault =
  | { type: 'status'; status: 429 | 500 | 502 | 503; retryAfter?: number; html?: boolean; count?: number; path?: string; method?: string }
  | { type: 'delay'; ms: number; count?: number; path?: string; method?: string }
  | { type: 'drop'; count?: number; path?: string; method?: string };

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
