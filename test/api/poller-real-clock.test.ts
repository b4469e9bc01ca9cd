/**
 * The export queue and poller on the real clock against the sandbox over sockets: what a fake clock cannot
 * show (a busy loop, a timer storm), counted as timer arms and requests. Every engine delay is scaled down
 * through `timeScale`, so the 10 s minimum between two requests about one job becomes SCALE × 10 s, and the
 * assertions are made against that configured minimum.
 */
import { strict as assert } from 'node:assert';
import type { ChargebeeClient } from '../../src/chargebee/client';
import { systemClock } from '../../src/exports/jobs/clock';
import type { ExportApi } from '../../src/exports/jobs/export-api';
import { exportApi, exportClient } from '../../src/exports/jobs/export-api';
import type { ExportJob } from '../../src/exports/jobs/job';
import { DownloadLinks } from '../../src/exports/jobs/links';
import { JobStore } from '../../src/exports/jobs/store';
import { MIN_POLL_SECONDS } from '../../src/exports/jobs/timing';
import { ExportPoller } from '../../src/exports/poller';
import type { ExportEngineDeps } from '../../src/exports/queue';
import { ExportQueue } from '../../src/exports/queue';
import type { RunningSandbox } from '../sandbox/index';
import { startSandbox } from '../sandbox/index';
import { MemoryKv } from '../support/export-engine';

const SCALE = 0.02;
/** The configured minimum between two retrieves of one export: 10 s scaled, i.e. 200 ms. */
const MIN_GAP_MS = MIN_POLL_SECONDS * 1000 * SCALE;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface RealEngine {
  readonly store: JobStore;
  readonly queue: ExportQueue;
  readonly poller: ExportPoller;
  dispose(): void;
}

/** Counts what the engine sends: per export id, the times its retrieves were sent. */
class CountingApi implements ExportApi {
  readonly retrieveTimes = new Map<string, number[]>();
  triggers = 0;
  constructor(private readonly inner: ExportApi) {}
  trigger(...args: Parameters<ExportApi['trigger']>): ReturnType<ExportApi['trigger']> {
    this.triggers++;
    return this.inner.trigger(...args);
  }
  retrieve(exportId: string, signal?: AbortSignal): ReturnType<ExportApi['retrieve']> {
    const times = this.retrieveTimes.get(exportId) ?? [];
    times.push(Date.now());
    this.retrieveTimes.set(exportId, times);
    return this.inner.retrieve(exportId, signal);
  }
  download(url: string, signal?: AbortSignal): ReturnType<ExportApi['download']> {
    return this.inner.download(url, signal);
  }
  get retrieves(): number {
    return [...this.retrieveTimes.values()].reduce((n, t) => n + t.length, 0);
  }
  minGapMs(): number {
    let min = Infinity;
    for (const times of this.retrieveTimes.values()) for (let i = 1; i < times.length; i++) min = Math.min(min, times[i] - times[i - 1]);
    return min;
  }
}

function realEngine(kv: MemoryKv, api: ExportApi, settings: { maxConcurrent?: number } = {}): RealEngine {
  const store = new JobStore(kv);
  const deps: ExportEngineDeps = {
    store,
    links: new DownloadLinks(),
    apiFor: () => api,
    pathFor: (kind) => `/exports/${kind.replace(/^exports\./, '')}`,
    clock: systemClock,
    settings: () => settings,
    timeScale: SCALE,
  };
  const queue = new ExportQueue(deps);
  const poller = new ExportPoller(deps, queue);
  poller.start();
  return { store, queue, poller, dispose: () => { poller.dispose(); queue.dispose(); store.dispose(); } };
}

describe('export poller on the real clock (sandbox, scaled intervals)', function () {
  this.timeout(120_000);
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  let api: CountingApi;
  let kv: MemoryKv;
  let e: RealEngine;

  before(async () => {
    sb = await startSandbox({ exportSeconds: 3 });
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.control.reset();
    kv = new MemoryKv();
    client = exportClient({ baseUrl: sb.url, apiKey: sb.apiKey, timeoutMs: 1500 });
    api = new CountingApi(exportApi(client));
  });
  afterEach(() => e?.dispose());

  const enqueue = (n: number): Promise<ExportJob[]> =>
    Promise.all(Array.from({ length: n }, () => e.queue.enqueue({ siteId: sb.site, kind: 'exports.customers', params: {} })));

  /** Runs `ms` of real time and reports the timer arms and requests sent in it (faulted ones included). */
  async function window(ms: number): Promise<{ arms: number; requests: number }> {
    const arms = e.poller.armed;
    const requests = api.triggers + api.retrieves;
    await sleep(ms);
    return { arms: e.poller.armed - arms, requests: api.triggers + api.retrieves - requests };
  }

  it('idle: no timer, no request', async () => {
    e = realEngine(kv, api);
    const w = await window(2000);
    console.log(`      idle 2 s: ${w.arms} timer arms, ${w.requests} requests`);
    assert.deepEqual(w, { arms: 0, requests: 0 });
  });

  it('in-flight trigger: after a reload mid-trigger, the re-sent trigger hangs while another job is polled, one timer', async () => {
    // Job B runs on the server; job A was mid-trigger when the window reloaded (key persisted, no answer).
    e = realEngine(kv, api);
    const [b] = await enqueue(1);
    while (e.store.get(b.id)?.exportId === undefined) await sleep(20);
    await e.store.flush();
    e.dispose();
    const saved = new JobStore(kv);
    const now = Date.now();
    await saved.add({ id: 'job-a', siteId: sb.site, kind: 'exports.customers', params: {}, createdAt: now, status: 'running', triggerKey: 'key-a', triggerInDoubt: true, startedAt: now, attempts: 0 });
    saved.dispose();
    await sleep(MIN_GAP_MS); // B is due at once after the reload, in the same tick as A's re-send
    // A's re-send is held past the client's timeout; B's status checks go on meanwhile.
    sb.control.addFaults([{ type: 'delay', ms: 2500, count: 1, path: '/exports/customers', method: 'POST' }]);
    const triggersBefore = api.triggers;
    e = realEngine(kv, api);
    const w = await window(1400);
    console.log(`      in-flight trigger 1.4 s (after a reload, +1 job polled): ${w.arms} timer arms, ${w.requests} requests, ${api.triggers - triggersBefore} triggers`);
    assert.equal(api.triggers - triggersBefore, 1, 'the hung trigger was re-sent while in flight');
    // A re-plan (a store change moving a due time) may re-arm once more per request; a busy loop arms hundreds.
    assert.ok(w.arms <= 2 * w.requests + 2, `${w.arms} timer arms for ${w.requests} requests`);
  });

  it('retrying: a job whose checks get 503s is woken once per backoff step, no more', async () => {
    e = realEngine(kv, api);
    const [job] = await enqueue(1);
    while (e.store.get(job.id)?.exportId === undefined) await sleep(20);
    sb.control.addFaults([{ type: 'status', status: 503, count: 100, path: '/exports/', method: 'GET' }]);
    const w = await window(3000);
    console.log(`      retrying 3 s: ${w.arms} timer arms, ${w.requests} requests (${e.store.get(job.id)?.error ?? ''})`);
    // Backoff 200, 400, 800, 1600 ms (10 s · 2^n scaled): at most 5 checks in 3 s.
    assert.ok(w.requests >= 2 && w.requests <= 5, `${w.requests} requests`);
    // A re-plan (a store change moving a due time) may re-arm once more per request; a busy loop arms hundreds.
    assert.ok(w.arms <= 2 * w.requests + 2, `${w.arms} timer arms for ${w.requests} requests`);
    assert.equal(e.store.get(job.id)?.error, 'HTTP 503');
    assert.ok(api.minGapMs() >= MIN_GAP_MS, `retrieves ${api.minGapMs()} ms apart`);
  });

  it('queued: jobs waiting for a slot cost no wake-ups of their own', async () => {
    e = realEngine(kv, api, { maxConcurrent: 1 });
    await enqueue(4);
    const w = await window(2000);
    console.log(`      queued 2 s (1 running, 3 queued): ${w.arms} timer arms, ${w.requests} requests`);
    // One trigger, then retrieves every 200 ms of the one running job: about 10.
    assert.equal(api.triggers, 1);
    assert.ok(w.requests <= 2000 / MIN_GAP_MS + 2, `${w.requests} requests`);
    // A re-plan (a store change moving a due time) may re-arm once more per request; a busy loop arms hundreds.
    assert.ok(w.arms <= 2 * w.requests + 2, `${w.arms} timer arms for ${w.requests} requests`);
  });

  it('soak: 12 jobs through storms of 429/503/drops/after-commit faults and a reload end completed, none lost or duplicated', async () => {
    e = realEngine(kv, api);
    const jobs = await enqueue(12);
    const storm = (): void => sb.control.addFaults([
      { type: 'status', status: 429, count: 3, path: '/exports/customers', retryAfter: 1 },
      { type: 'drop', phase: 'after', count: 2, path: '/exports/customers' },
      { type: 'status', status: 503, phase: 'after', count: 2, path: '/exports/customers', retryAfter: '0.5' },
      { type: 'delay', ms: 2000, phase: 'after', count: 1, path: '/exports/customers' },
      { type: 'status', status: 503, count: 4, path: '/exports/', method: 'GET' },
      { type: 'drop', count: 3, path: '/exports/', method: 'GET' },
      // A long server wait (30 s, 600 ms scaled); the 1 h cap of a huge one is proved on the fake clock.
      { type: 'status', status: 429, count: 2, path: '/exports/', method: 'GET', retryAfter: 30 },
    ]);
    storm();
    const started = Date.now();
    let arms = 0;
    let reloaded = false;
    const done = (): boolean => jobs.every((job) => ['completed', 'failed'].includes(e.store.get(job.id)?.status ?? 'lost'));
    while (!done() && Date.now() - started < 90_000) {
      await sleep(100);
      if (!reloaded && Date.now() - started > 3000) {
        // Reload midway: the window goes, the persisted jobs come back in a new engine.
        reloaded = true;
        await e.store.flush();
        arms += e.poller.armed;
        e.dispose();
        await sleep(300);
        e = realEngine(kv, api);
        storm();
      }
    }
    arms += e.poller.armed;
    const elapsed = Date.now() - started;
    const statuses = jobs.map((job) => e.store.get(job.id)?.status ?? 'lost');
    const exportIds = jobs.map((job) => e.store.get(job.id)?.exportId);
    const created = sb.control.store.exports.size;
    const requests = api.triggers + api.retrieves;
    const served = sb.control.stats().total;
    const serverMin = Math.min(...Object.values(sb.control.stats().exports).map((s) => s.minIntervalSeconds ?? Infinity));
    console.log(`      soak: ${elapsed} ms, ${statuses.filter((s) => s === 'completed').length} completed / ${statuses.filter((s) => s === 'failed').length} failed / ${statuses.filter((s) => s === 'lost').length} lost of 12; `
      + `${created} exports created, ${requests} requests sent (${api.triggers} triggers, ${api.retrieves} retrieves; ${served} reached the routes), ${arms} timer arms; `
      + `min gap between two retrieves of one export: ${api.minGapMs()} ms sent, ${Math.round(serverMin * 1000)} ms at the server (configured minimum ${MIN_GAP_MS} ms)`);
    assert.ok(statuses.every((s) => s === 'completed' || s === 'failed'), `statuses ${statuses.join(', ')}`);
    assert.ok(statuses.filter((s) => s === 'completed').length >= 10, 'most jobs completed');
    assert.equal(new Set(exportIds.filter(Boolean)).size, exportIds.filter(Boolean).length, 'two jobs share an export');
    assert.equal(created, exportIds.filter(Boolean).length, 'the server made exports no job owns (duplicates)');
    assert.ok(api.minGapMs() >= MIN_GAP_MS, `two retrieves ${api.minGapMs()} ms apart`);
    // Every arm is for a request or a wake that led to one; a busy loop would show thousands.
    assert.ok(arms <= 2 * requests + 20, `${arms} timer arms for ${requests} requests`);
  });
});
