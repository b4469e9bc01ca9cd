/**
 * The export engine against the sandbox over real sockets, on a fake clock that moves the sandbox
 * clock with it, so "10 s between retrieves" is measured by the server's own stats.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ChargebeeClient } from '../../src/chargebee/client';
import { downloadExport } from '../../src/exports/jobs/download-job';
import { exportApi, exportClient } from '../../src/exports/jobs/export-api';
import type { ExportJob } from '../../src/exports/jobs/job';
import { JOBS_KEY } from '../../src/exports/jobs/store';
import type { RunningSandbox } from '../sandbox/index';
import { startSandbox } from '../sandbox/index';
import type { Engine } from '../support/export-engine';
import { engine, MemoryKv } from '../support/export-engine';
import { FakeClock } from '../support/fake-clock';

const SEC = 1000;
const MIN = 60 * SEC;

describe('export poller against the sandbox', () => {
  let sb: RunningSandbox;
  let clock: FakeClock;
  let kv: MemoryKv;
  let client: ChargebeeClient;
  let e: Engine;

  const sync = (deltaMs: number): Promise<void> => {
    sb.control.advanceClock(deltaMs / 1000);
    return Promise.resolve();
  };
  const advance = (ms: number): Promise<void> => e.advance(ms, sync);
  const start = (): Engine => engine(kv, clock, exportApi(client), {});
  const enqueue = (n: number, kind = 'exports.customers'): Promise<ExportJob[]> =>
    Promise.all(Array.from({ length: n }, () => e.queue.enqueue({ siteId: sb.site, kind, params: {} })));
  const statuses = (jobs: readonly ExportJob[]): (string | undefined)[] => jobs.map((j) => e.store.get(j.id)?.status);
  const minInterval = (): number => Math.min(...Object.values(sb.control.stats().exports).map((s) => s.minIntervalSeconds ?? Infinity));

  before(async () => {
    sb = await startSandbox({ exportSeconds: 120 });
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.control.reset();
    clock = new FakeClock(sb.control.now() * 1000);
    kv = new MemoryKv();
    client = exportClient({ baseUrl: sb.url, apiKey: sb.apiKey, timeoutMs: 2000 });
    e = start();
  });
  afterEach(() => e.dispose());

  it('never retrieves one export twice within 10 s, and sends nothing while idle', async () => {
    await advance(30 * MIN);
    assert.equal(sb.control.stats().total, 0, 'requests while no job existed');
    const jobs = await enqueue(2);
    await advance(5 * MIN);
    assert.deepEqual(statuses(jobs), ['completed', 'completed']);
    const stats = sb.control.stats();
    for (const s of Object.values(stats.exports)) assert.ok(s.retrieves >= 4, `only ${s.retrieves} retrieves`);
    assert.ok(minInterval() >= 10, `min interval ${minInterval()} s`);
    const total = stats.total;
    await advance(6 * 60 * MIN);
    assert.equal(sb.control.stats().total, total, 'requests while idle');
    assert.equal(clock.pending(), 0);
  });

  it('resumes after a simulated reload from the same state', async () => {
    const jobs = await enqueue(3);
    await advance(35 * SEC);
    await e.store.flush();
    e.dispose();
    const before = sb.control.stats().total;
    await advance(3 * SEC);
    assert.equal(sb.control.stats().total, before, 'the disposed poller kept polling');
    e = start();
    await advance(4 * MIN);
    assert.deepEqual(statuses(jobs), ['completed', 'completed', 'completed']);
    assert.equal(sb.control.store.exports.size, 3, 'the reload started exports again');
    assert.ok(minInterval() >= 10, `min interval ${minInterval()} s across the reload`);
  });

  it('queues the 6th job and starts it when a slot frees, without provoking a 429', async () => {
    const jobs = await enqueue(6);
    await advance(0);
    assert.deepEqual(statuses(jobs).filter((s) => s === 'running').length, 5);
    assert.equal(e.store.get(jobs[5].id)?.status, 'queued');
    assert.equal(sb.control.store.exports.size, 5);
    await advance(2 * MIN + 15 * SEC);
    assert.equal(sb.control.store.exports.size, 6);
    await advance(3 * MIN);
    assert.deepEqual(statuses(jobs), Array(6).fill('completed'));
    assert.equal(sb.control.stats().routes['POST /exports/customers'], 6, 'a trigger was sent into full slots');
  });

  it('waits in the queue when the site is busy with exports started elsewhere (429)', async () => {
    for (let i = 0; i < 5; i++) await client.request({ method: 'POST', path: '/exports/invoices', params: {} });
    const [job] = await enqueue(1);
    await advance(0);
    assert.equal(e.store.get(job.id)?.status, 'queued');
    assert.match(e.store.get(job.id)?.error ?? '', /429|limit/i);
    await advance(10 * MIN);
    assert.equal(e.store.get(job.id)?.status, 'completed');
    assert.equal(sb.control.store.exports.size, 6);
  });

  it('loses no job in 429 and 503 storms and dropped connections, and starts no duplicate', async () => {
    sb.control.addFaults([
      { type: 'drop', count: 3, path: '/exports/customers' },
      { type: 'status', status: 503, count: 3, path: '/exports' },
      { type: 'status', status: 429, retryAfter: 20, count: 3, path: '/exports' },
      { type: 'status', status: 503, html: true, count: 2 },
      { type: 'drop', count: 3, method: 'GET' },
      // Answered after the client gave up: the export exists, the job must find it by replaying its key.
      { type: 'delay', ms: 2500, count: 1, path: '/exports/customers' },
      { type: 'status', status: 503, retryAfter: 30, count: 4, method: 'GET' },
    ]);
    const jobs = await enqueue(8);
    await advance(40 * MIN);
    assert.deepEqual(statuses(jobs), Array(8).fill('completed'));
    assert.equal(sb.control.store.exports.size, 8, 'a retried trigger started a second export');
    const failures = e.logs.filter((line) => /retrying in|next try in/.test(line)).length;
    assert.ok(failures >= 19, `only ${failures} failed calls: the faults were not all hit`);
    assert.ok(minInterval() >= 10, `min interval ${minInterval()} s`);
    assert.equal(clock.pending(), 0);
  });

  it('after a reload mid-trigger, replays the stored key instead of starting a second export', async () => {
    const first = await exportApi(client).trigger('/exports/customers', {}, 'key-1');
    const job: ExportJob = { id: 'j1', siteId: sb.site, kind: 'exports.customers', params: {}, createdAt: clock.now(), status: 'running', triggerKey: 'key-1', triggerInDoubt: true, attempts: 0 };
    await kv.update(JOBS_KEY, { [sb.site]: [job] });
    e.dispose();
    e = start();
    await advance(0);
    assert.equal(sb.control.store.exports.size, 1, 'the replayed trigger started a second export');
    assert.equal(e.store.get('j1')?.exportId, first.id);
  });

  it('reports completion and failure once each, and fails a job whose export is gone', async () => {
    const finished: string[] = [];
    e.poller.onDidFinish((job) => finished.push(`${job.id}:${job.status}`));
    const [ok] = await enqueue(1);
    // The sandbox fails an export whose filter value is `__fail__`.
    const bad = await e.queue.enqueue({ siteId: sb.site, kind: 'exports.customers', params: { customer: { email: { is: '__fail__' } } } });
    await advance(3 * MIN);
    assert.deepEqual(finished.sort(), [`${bad.id}:failed`, `${ok.id}:completed`].sort());
    const [lost] = await enqueue(1);
    await advance(0);
    assert.ok(e.store.get(lost.id)?.exportId, 'the export started');
    // A reseed forgets every export: the next retrieve gets 404.
    sb.control.reset();
    await advance(30 * SEC);
    assert.equal(e.store.get(lost.id)?.status, 'failed');
    assert.ok(finished.includes(`${lost.id}:failed`));
  });

  it('downloads a finished export and extracts its CSV files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cb-export-'));
    try {
      const [job] = await enqueue(1);
      await advance(3 * MIN);
      const result = await downloadExport(e.deps, { jobId: job.id, folder: dir, extract: true });
      assert.ok(result.extracted.length >= 1);
      assert.ok(result.extracted.every((f) => f.startsWith(dir) && f.endsWith('.csv')));
      const csv = await readFile(result.extracted[0], 'utf8');
      assert.ok(csv.split('\n').length > 2, 'the customers CSV has no rows');
      assert.match(path.basename(result.file), /^customers-[A-Za-z0-9_-]+-\d{4}-\d\d-\d\d-\d{4}\.zip$/);
      // Past valid_till the file is no longer offered; the message says what to do and hides the link.
      await advance(5 * 60 * MIN);
      e.deps.links.delete(job.id);
      await assert.rejects(downloadExport(e.deps, { jobId: job.id, folder: dir, extract: true }), (err: Error) => {
        assert.match(err.message, /Run it again/);
        assert.doesNotMatch(err.message, /token=/);
        return true;
      });
      assert.doesNotMatch(e.logs.join('\n') + JSON.stringify([...kv.data.values()]), /token=/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
