/** The poller's rules added for issue 11: no busy loop, bounded waits, stop, a bad key, slower unfocused. */
import { strict as assert } from 'node:assert';
import { parseRetryAfter } from '../../src/chargebee/retry';
import type { ExportJob } from '../../src/exports/jobs/job';
import { JobStore } from '../../src/exports/jobs/store';
import type { Engine } from '../support/export-engine';
import { engine, FakeExportServer, MemoryKv } from '../support/export-engine';
import { FakeClock } from '../support/fake-clock';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

function enqueue(e: Engine, n: number): Promise<ExportJob[]> {
  return Promise.all(Array.from({ length: n }, () => e.queue.enqueue({ siteId: 'acme-test', kind: 'exports.customers', params: {} })));
}

describe('export poller rules (fake clock)', () => {
  let clock: FakeClock;
  let kv: MemoryKv;
  let server: FakeExportServer;
  let e: Engine;

  beforeEach(() => {
    clock = new FakeClock();
    kv = new MemoryKv();
    server = new FakeExportServer(clock, 5 * MIN);
    e = engine(kv, clock, server);
  });
  afterEach(() => e.dispose());

  it('arms one timer, not one per store change, while a trigger hangs in flight', async () => {
    let release: (() => void) | undefined;
    const hung = { ...server, trigger: () => new Promise<never>((_, reject) => { release = () => reject(new Error('gone')); }) };
    e.dispose();
    e = engine(kv, clock, hung as unknown as FakeExportServer);
    await enqueue(e, 1);
    const armedBefore = e.poller.armed;
    // The tick awaits the hung trigger; any store write meanwhile must not re-arm the timer.
    await clock.advance(0);
    for (let i = 0; i < 20; i++) await e.store.update(e.store.list()[0].id, {});
    assert.ok(e.poller.armed - armedBefore <= 1, `armed ${e.poller.armed - armedBefore} timers`);
    assert.equal(e.poller.nextWakeAt(), undefined, 'nothing else is due, so no timer');
    release?.();
    await e.poller.settled();
  });

  it('caps a huge Retry-After at 1 h and says what Chargebee asked for', async () => {
    const [job] = await enqueue(e, 1);
    await e.advance(0);
    server.faults.push({ on: 'retrieve', fault: { status: 503, retryAfterMs: 3_000_000 * SEC } });
    await e.advance(10 * SEC);
    const after = e.store.get(job.id)!;
    assert.match(after.error ?? '', /HTTP 503, Chargebee asked to wait 833 h 20 min \(capped at 1 h\)/);
    const wait = e.poller.nextWakeAt()! - clock.now();
    assert.ok(wait > 0 && wait <= HOUR, `next wake in ${wait} ms`);
    await e.advance(HOUR + SEC);
    assert.ok(server.calls.filter((c) => c.kind === 'retrieve').length >= 2, 'polled again within the hour');
  });

  it('parses a fractional Retry-After as seconds', () => {
    assert.equal(parseRetryAfter('1.5', 0), 1500);
    assert.equal(parseRetryAfter('0.25', 0), 250);
    assert.equal(parseRetryAfter('120', 0), 120_000);
  });

  it('keeps a job waiting for a key after a 401 on a re-sent trigger, then resumes it with the same key', async () => {
    server.faults.push({ on: 'trigger', fault: { network: 'after' } }, { on: 'trigger', fault: { status: 401 } });
    const [job] = await enqueue(e, 1);
    await e.advance(0); // lost answer
    await e.advance(10 * SEC); // re-send: 401
    const waiting = e.store.get(job.id)!;
    assert.equal(waiting.status, 'running');
    assert.equal(waiting.waitingForKey, true);
    assert.equal(e.poller.nextWakeAt(), undefined, 'no timer while only a keyless job waits');
    await e.advance(HOUR);
    assert.equal(server.calls.length, 2, 'nothing sent while waiting for a key');
    await e.poller.keyChanged('acme-test');
    await e.advance(6 * MIN);
    assert.equal(e.store.get(job.id)!.status, 'completed');
    assert.equal(server.exports.size, 1, 'the export made under the first attempt was reused');
    assert.equal(new Set(server.calls.filter((c) => c.kind === 'trigger').map((c) => c.key)).size, 1);
  });

  it('says "HTTP 503" on a job whose checks fail, and "Check now" polls at the next allowed moment', async () => {
    const [job] = await enqueue(e, 1);
    await e.advance(0);
    server.faults.push({ on: 'retrieve', fault: { status: 503 } }, { on: 'retrieve', fault: { status: 503 } });
    await e.advance(10 * SEC);
    await e.advance(20 * SEC);
    const failing = e.store.get(job.id)!;
    assert.equal(failing.error, 'HTTP 503');
    assert.ok(failing.nextPollAt! > clock.now());
    const before = server.calls.length;
    await e.queue.checkNow(job.id);
    await e.advance(5 * SEC);
    assert.equal(server.calls.length, before + 1, 'checked once, within the 10 s rule');
    assert.ok(server.minRetrieveGapMs() >= 10 * SEC);
  });

  it('polls at half the rate while the window is unfocused, never below 10 s', async () => {
    let focused = false;
    e.dispose();
    e = engine(kv, clock, server, {}, { focused: () => focused });
    await enqueue(e, 1);
    await e.advance(2 * MIN);
    const gaps = [...server.exports.values()][0].retrieves.map((t, i, all) => (i === 0 ? 0 : t - all[i - 1])).slice(1);
    assert.ok(gaps.length > 0 && gaps.every((gap) => gap >= 20 * SEC), `gaps ${gaps.join(', ')}`);
    focused = true;
    e.poller.poke();
    const count = server.calls.length;
    await e.advance(60 * SEC);
    assert.ok(server.calls.length - count >= 2, 'faster again once focused');
    assert.ok(server.minRetrieveGapMs() >= 10 * SEC);
  });

  it('reports a failed write of the job store instead of swallowing it', async () => {
    const failing = { get: () => undefined, update: () => Promise.reject(new Error('disk full')) };
    const store = new JobStore(failing);
    const errors: string[] = [];
    store.onDidFailWrite((err) => errors.push(err.message));
    await store.add({ id: 'j1', siteId: 's', kind: 'exports.customers', params: {}, createdAt: 1, status: 'queued', attempts: 0 });
    assert.deepEqual(errors, ['disk full']);
    store.dispose();
  });
});
