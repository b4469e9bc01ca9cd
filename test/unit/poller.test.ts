import { strict as assert } from 'node:assert';
import type { ExportJob } from '../../src/exports/jobs/job';
import { JOBS_KEY } from '../../src/exports/jobs/store';
import type { Engine } from '../support/export-engine';
import { engine, FakeExportServer, MemoryKv } from '../support/export-engine';
import { FakeClock } from '../support/fake-clock';

const SEC = 1000;
const MIN = 60 * SEC;

function enqueue(e: Engine, n: number, params = {}): Promise<ExportJob[]> {
  return Promise.all(Array.from({ length: n }, () => e.queue.enqueue({ siteId: 'acme-test', kind: 'exports.customers', params })));
}

describe('export poller and queue (scripted export API, fake clock)', () => {
  let clock: FakeClock;
  let kv: MemoryKv;
  let server: FakeExportServer;
  let e: Engine;

  beforeEach(() => {
    clock = new FakeClock();
    kv = new MemoryKv();
    server = new FakeExportServer(clock);
    e = engine(kv, clock, server);
  });
  afterEach(() => e.dispose());

  it('arms no timer and sends nothing while idle', async () => {
    assert.equal(clock.pending(), 0);
    await e.advance(6 * 3600 * SEC);
    assert.equal(server.calls.length, 0);
    assert.equal(e.poller.nextWakeAt(), undefined);
  });

  it('polls a job no sooner than 10 s apart, backs off towards 60 s, and goes idle when done', async () => {
    server.completeAfterMs = 10 * MIN;
    const [job] = await enqueue(e, 1);
    await e.advance(12 * MIN);
    const exp = [...server.exports.values()][0];
    const gaps = exp.retrieves.slice(1).map((at, i) => at - exp.retrieves[i]);
    assert.ok(gaps.length >= 10, `only ${gaps.length} retrieves`);
    assert.ok(Math.min(...gaps) >= 10 * SEC, `gap ${Math.min(...gaps)}`);
    assert.ok(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1]), `gaps shrink: ${gaps.join(',')}`);
    assert.equal(gaps[gaps.length - 1], 60 * SEC);
    assert.equal(e.store.get(job.id)?.status, 'completed');
    assert.equal(clock.pending(), 0, 'a timer is left armed after the last job ended');
    const before = server.calls.length;
    await e.advance(60 * MIN);
    assert.equal(server.calls.length, before);
  });

  it('honours a lower maxConcurrent and clamps it to 5', async () => {
    e.dispose();
    e = engine(kv, clock, server, { maxConcurrent: 2 });
    await enqueue(e, 4);
    await e.advance(0);
    assert.equal(server.exports.size, 2);
    e.dispose();
    e = engine(new MemoryKv(), clock, new FakeExportServer(clock), { maxConcurrent: 50 });
    assert.equal(e.queue.settings().maxConcurrent, 5);
    assert.equal(e.queue.settings().pollIntervalSeconds, 10);
  });

  it('persists the idempotency key before the trigger is sent', async () => {
    const seen: string[] = [];
    server.onTrigger = (key) => {
      const saved = kv.get<Record<string, ExportJob[]>>(JOBS_KEY)?.['acme-test']?.[0];
      seen.push(saved?.status === 'running' && saved.triggerKey === key ? 'persisted' : 'missing');
    };
    await enqueue(e, 1);
    await e.advance(0);
    assert.deepEqual(seen, ['persisted']);
  });

  it('re-sends a trigger whose answer was lost with the same key, starting one export', async () => {
    server.faults.push({ on: 'trigger', fault: { network: 'after' } }, { on: 'trigger', fault: { status: 503 } });
    const [job] = await enqueue(e, 1);
    await e.advance(0);
    assert.equal(e.store.get(job.id)!.status, 'running');
    assert.equal(e.store.get(job.id)!.exportId, undefined);
    await e.advance(2 * MIN);
    const triggers = server.calls.filter((c) => c.kind === 'trigger');
    assert.equal(triggers.length, 3);
    assert.equal(new Set(triggers.map((t) => t.key)).size, 1, 'the key changed between retries');
    assert.equal(server.exports.size, 1);
    assert.equal(e.store.get(job.id)!.exportId, [...server.exports.keys()][0]);
  });

  it('keeps the key through a 429 that follows a lost answer, so no second export starts', async () => {
    server.faults.push({ on: 'trigger', fault: { network: 'after' } }, { on: 'trigger', fault: { status: 429 } });
    const [job] = await enqueue(e, 1);
    await e.advance(5 * MIN);
    const keys = server.calls.filter((c) => c.kind === 'trigger').map((c) => c.key);
    assert.equal(keys.length, 3);
    assert.equal(new Set(keys).size, 1);
    assert.equal(server.exports.size, 1);
    assert.equal(e.store.get(job.id)!.status, 'completed');
  });

  it('puts a job refused with 429 back in the queue with a new key, and starts it later', async () => {
    server.faults.push({ on: 'trigger', fault: { status: 429 } });
    const [job] = await enqueue(e, 1);
    await e.advance(0);
    const after = e.store.get(job.id)!;
    assert.equal(after.status, 'queued');
    assert.equal(after.triggerKey, undefined);
    assert.ok(after.nextPollAt! - clock.now() >= 15 * SEC);
    await e.advance(10 * MIN);
    const triggers = server.calls.filter((c) => c.kind === 'trigger');
    assert.equal(triggers.length, 2);
    assert.notEqual(triggers[0].key, triggers[1].key);
    assert.equal(e.store.get(job.id)!.status, 'completed');
  });

  it('obeys Retry-After on a retrieve', async () => {
    server.completeAfterMs = 10 * MIN;
    server.faults.push({ on: 'retrieve', fault: { status: 503, retryAfterMs: 150 * SEC } });
    await enqueue(e, 1);
    await e.advance(5 * MIN);
    const [first, second] = [...server.exports.values()][0].retrieves;
    assert.ok(second - first >= 150 * SEC, `second retrieve after ${(second - first) / SEC} s`);
  });

  it('fails a job of an unknown kind instead of retrying it forever', async () => {
    e.dispose();
    e = engine(kv, clock, server);
    (e.deps as { pathFor: (kind: string) => string }).pathFor = (kind) => {
      throw new Error(`no ${kind}`);
    };
    const [job] = await enqueue(e, 1);
    await e.advance(0);
    assert.equal(e.store.get(job.id)?.status, 'failed');
    assert.equal(server.calls.length, 0);
    assert.equal(clock.pending(), 0);
  });

  it('stops queued and running jobs: a stopped job is never triggered or polled again', async () => {
    server.completeAfterMs = 10 * MIN;
    const jobs = await enqueue(e, 6);
    await e.advance(0);
    assert.equal(await e.queue.cancel(jobs[5].id), true);
    assert.equal(e.store.get(jobs[5].id)!.status, 'cancelled');
    const running = e.store.list().find((job) => job.status === 'running')!;
    assert.equal(await e.queue.cancel(running.id), true);
    const retrievesBefore = server.calls.filter((c) => c.kind === 'retrieve').length;
    await e.advance(5 * MIN);
    assert.equal(server.exports.size, 5, 'a cancelled job was started');
    const stoppedExport = e.store.get(running.id)!.exportId!;
    assert.equal(server.exports.get(stoppedExport)!.retrieves.length, 0, 'a stopped job was polled');
    assert.ok(server.calls.filter((c) => c.kind === 'retrieve').length > retrievesBefore, 'the others went on');
    assert.equal(await e.queue.cancel(running.id), false, 'a finished job cannot be stopped again');
  });

  it('waits without a timer while the site has no key, and starts when poked', async () => {
    e.dispose();
    const site: { api?: FakeExportServer } = {};
    e = engine(kv, clock, () => site.api);
    await enqueue(e, 1);
    assert.equal(clock.pending(), 0);
    await e.advance(10 * MIN);
    site.api = server;
    e.poller.poke();
    await e.advance(0);
    assert.equal(server.exports.size, 1);
  });
});
