import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { request } from 'node:http';
import { startSandbox, type RunningSandbox } from './index';
import { basic, call, objectAt } from './helpers';

const CREATE = '/quotes/create_for_onetime_charges';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches for timers of exactly `ms` (a fault's hold) and tells how many are still armed: created
 * and neither fired nor cleared. Precise where a global timer count is not (client pools keep their own).
 */
function watchTimers(ms: number): { armed(): number; stop(): void } {
  const live = new Set<number>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type === 'Timeout' && (resource as { _idleTimeout?: number })._idleTimeout === ms) live.add(id);
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return { armed: () => live.size, stop: () => hook.disable() };
}

/** Whether no watched timer is left armed within two seconds (the server notices a hang-up on a later tick). */
async function released(watch: { armed(): number }): Promise<boolean> {
  for (let i = 0; i < 20 && watch.armed() > 0; i++) await pause(100);
  return watch.armed() === 0;
}

/** A POST whose client gives up after `ms`, on its own socket (no pool keeps it alive). */
function abandonedPost(sb: RunningSandbox, path: string, body: string, headers: Record<string, string>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${sb.url}${path}`, {
      method: 'POST', agent: false,
      headers: { ...headers, authorization: basic(sb.apiKey), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', () => assert.fail('no answer was expected before the client gave up'));
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.end(body);
    setTimeout(() => req.destroy(), ms);
  });
}

describe('sandbox faults after commit, abandoned requests and hostile input', function () {
  this.timeout(20_000);
  let sb: RunningSandbox;
  let customerId: string;
  let body: string;
  before(async () => {
    sb = await startSandbox({ port: 0 });
    customerId = [...sb.control.store.customers.keys()][0] ?? '';
    body = `customer_id=${customerId}&charges[amount][0]=1500&charges[description][0]=Setup`;
  });
  after(() => sb.close());
  afterEach(() => sb.control.clearFaults());

  const quoteCount = (): number => sb.control.store.quotes.size;

  describe('phase "after": the work is done, the answer is lost', () => {
    it('drops the connection after committing; the retry under the same key replays, no duplicate', async () => {
      const headers = { 'chargebee-idempotency-key': 'after-drop-1' };
      const before = quoteCount();
      sb.control.addFaults([{ type: 'drop', phase: 'after', path: CREATE }]);
      await assert.rejects(call(sb, 'POST', CREATE, body, { headers }));
      assert.equal(quoteCount(), before + 1, 'the quote was created although the answer never came');
      const retry = await call(sb, 'POST', CREATE, body, { headers });
      assert.equal(retry.status, 200);
      assert.equal(retry.headers.get('chargebee-idempotency-replayed'), 'true');
      assert.equal(quoteCount(), before + 1);
    });

    it('answers 503 (with Retry-After) after committing', async () => {
      const headers = { 'chargebee-idempotency-key': 'after-503-1' };
      const before = quoteCount();
      sb.control.addFaults([{ type: 'status', status: 503, retryAfter: 2, phase: 'after', path: CREATE }]);
      const lost = await call(sb, 'POST', CREATE, body, { headers });
      assert.equal(lost.status, 503);
      assert.equal(lost.headers.get('retry-after'), '2');
      assert.equal(quoteCount(), before + 1);
      const retry = await call(sb, 'POST', CREATE, body, { headers });
      assert.equal(retry.headers.get('chargebee-idempotency-replayed'), 'true');
      assert.equal(quoteCount(), before + 1);
    });

    it('holds the answer past the client timeout after committing, and lets go when the client hangs up', async () => {
      const headers = { 'chargebee-idempotency-key': 'after-delay-1' };
      const before = quoteCount();
      const watch = watchTimers(60_123);
      sb.control.addFaults([{ type: 'delay', ms: 60_123, phase: 'after', path: CREATE }]);
      await abandonedPost(sb, CREATE, body, headers, 300);
      assert.equal(watch.armed(), 1, 'the answer was being held');
      assert.equal(quoteCount(), before + 1, 'committed before the hold');
      assert.ok(await released(watch), 'the 60 s hold was cleared when the client left');
      watch.stop();
      const retry = await call(sb, 'POST', CREATE, body, { headers });
      assert.equal(retry.headers.get('chargebee-idempotency-replayed'), 'true');
    });

    it('serves a held answer once the hold ends, when the client waits', async () => {
      sb.control.addFaults([{ type: 'delay', ms: 200, phase: 'after', path: '/customers' }]);
      const started = Date.now();
      assert.equal((await call(sb, 'GET', '/customers', 'limit=1')).status, 200);
      assert.ok(Date.now() - started >= 180);
    });
  });

  describe('phase "before" (the default): nothing is processed', () => {
    it('does not process a delayed request whose client gave up, and clears its timer', async () => {
      const before = quoteCount();
      const watch = watchTimers(60_321);
      sb.control.addFaults([{ type: 'delay', ms: 60_321, path: CREATE }]);
      await abandonedPost(sb, CREATE, body, {}, 300);
      assert.equal(watch.armed(), 1, 'the request was being held');
      assert.ok(await released(watch), 'the hold was cleared');
      watch.stop();
      assert.equal(quoteCount(), before, 'the abandoned request created nothing');
    });

    it('lets go of a request whose body never finishes', async () => {
      const before = quoteCount();
      await new Promise<void>((resolve) => {
        const req = request(`${sb.url}${CREATE}`, {
          method: 'POST',
          headers: { authorization: basic(sb.apiKey), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1000' },
        });
        req.on('error', () => resolve());
        req.write(body.slice(0, 10));
        setTimeout(() => req.destroy(), 100);
      });
      await pause(100);
      assert.equal(quoteCount(), before);
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200, 'the sandbox still serves');
    });
  });

  describe('fault validation', () => {
    const postFaults = (faults: unknown): Promise<Response> =>
      fetch(`${sb.origin}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults }) });

    it('refuses a malformed fault with 400 and queues none of the batch', async () => {
      for (const bad of [
        { type: 'status', status: 429, retryAfter: '5\r\nset-cookie: x=1' },
        { type: 'status', status: 429, retryAfter: -1 },
        { type: 'status', status: 418 },
        { type: 'teapot' },
        { type: 'drop', ms: 5 },
        { type: 'delay', ms: 1_000_000_000 },
        { type: 'delay' },
        { type: 'status', status: 503, count: 0 },
        { type: 'drop', phase: 'during' },
        { type: 'drop', method: 'PATCH' },
        { type: 'status', status: 503, html: 'yes' },
      ]) {
        const reply = await postFaults([{ type: 'drop', path: '/never' }, bad]);
        assert.equal(reply.status, 400, JSON.stringify(bad));
        assert.match(((await reply.json()) as { error: string }).error, /\w/);
        assert.throws(() => sb.control.addFaults([bad as never]), /sandbox fault/);
      }
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200, 'nothing was queued');
    });

    it('passes an HTTP-date or fractional Retry-After through as given', async () => {
      const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
      assert.equal((await postFaults([{ type: 'status', status: 429, retryAfter: date }, { type: 'status', status: 503, retryAfter: 1.5 }])).status, 200);
      assert.equal((await call(sb, 'GET', '/quotes')).headers.get('retry-after'), date);
      assert.equal((await call(sb, 'GET', '/quotes')).headers.get('retry-after'), '1.5');
    });
  });

  describe('hostile input', () => {
    it('answers 400, not 500, to parameters nested thousands deep, in a query or a body', async () => {
      const deep = `a${'[b]'.repeat(5000)}=1`;
      for (const reply of [await call(sb, 'GET', '/quotes', deep), await call(sb, 'POST', CREATE, `${body}&${deep}`)]) {
        assert.equal(reply.status, 400, reply.text.slice(0, 200));
        assert.equal(reply.json?.type, 'invalid_request');
        assert.ok(reply.text.length < 1000, 'the error does not echo the whole key');
      }
    });

    it('builds download URLs on its own origin, whatever the Host header says', async () => {
      const id = [...sb.control.store.quotes.keys()][0] ?? '';
      const reply = await new Promise<string>((resolve, reject) => {
        const req = request(`${sb.url}/quotes/${id}/pdf`, {
          method: 'POST',
          headers: { host: 'evil.example:666', authorization: basic(sb.apiKey), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
        }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      const url = String(objectAt(JSON.parse(reply), 'download').download_url);
      assert.ok(url.startsWith(`${sb.origin}/downloads/`), url);
    });

    it('uses the configured origin when one is given', async () => {
      const proxied = await startSandbox({ port: 0, origin: 'https://sandbox.example.test:8443' });
      try {
        const id = [...proxied.control.store.quotes.keys()][0] ?? '';
        const pdf = await call(proxied, 'POST', `/quotes/${id}/pdf`);
        assert.match(String(objectAt(pdf.json, 'download').download_url), /^https:\/\/sandbox\.example\.test:8443\/downloads\//);
      } finally {
        await proxied.close();
      }
      await assert.rejects(startSandbox({ port: 0, seed: 'empty', origin: 'http://host/path' }), /origin/);
    });
  });
});
