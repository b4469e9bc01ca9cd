/**
 * Client behaviour that needs exact control of the server's answer (the sandbox's fault API covers
 * the common cases in client.test.ts): request headers, HTTP-date Retry-After, budgets, stalled
 * bodies, odd success bodies, redirects and downloads.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { ChargebeeClientOptions } from '../../src/chargebee/client';
import { isCancellation } from '../../src/chargebee/errors';
import { fakeClock } from '../support/fake-clock';
import type { FakeClock } from '../support/fake-clock';
import { drop, html, json, recordingLog, rejection, startScriptedServer } from './client-fixtures';
import type { RecordingLog, ScriptedServer } from './client-fixtures';

const apiKey = 'sandbox-key-for-local-tests';

describe('ChargebeeClient (scripted server)', () => {
  let server: ScriptedServer;
  let clock: FakeClock;
  let log: RecordingLog;

  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    clock = fakeClock();
    log = recordingLog();
  });

  function client(options: Partial<ChargebeeClientOptions> = {}): ChargebeeClient {
    return new ChargebeeClient({
      baseUrl: server.origin,
      apiKey,
      log,
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
      retry: { baseDelayMs: 100 },
      ...options,
    });
  }


  it('sends a GET with Basic auth (not overridable), JSON accept, site headers and the query, and no idempotency key', async () => {
    server.script(json(200, { list: [], next_offset: 'n1' }, { 'x-extra': 'yes' }));
    const res = await client({ headers: { 'chargebee-event-email': 'all-disabled', AUTHORIZATION: 'Basic bogus' }, userAgent: 'ua-test' }).request<{ next_offset: string }>({
      method: 'GET',
      path: '/quotes',
      params: { limit: 2, status: { in: ['open'] } },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.next_offset, 'n1');
    assert.equal(res.headers['x-extra'], 'yes');
    assert.equal(res.replayed, false);
    const [req] = server.received;
    assert.ok(req);
    assert.equal(req.url, '/api/v2/quotes?limit=2&status%5Bin%5D=%5B%22open%22%5D');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`);
    assert.equal(req.headers.accept, 'application/json');
    assert.equal(req.headers['user-agent'], 'ua-test');
    assert.equal(req.headers['chargebee-event-email'], 'all-disabled');
    assert.equal(req.headers['chargebee-idempotency-key'], undefined);
    assert.deepEqual(log.lines, ['info GET /quotes 200 0 ms']);
  });

  it('sends a POST as a UTF-8 form with a fresh UUID idempotency key, or the one given', async () => {
    server.script(json(200, { quote: { id: 'q1' } }));
    await client().request({ method: 'POST', path: '/quotes/q1/extend_expiry_date', params: { valid_till: 1800000000 } });
    await client().request({ method: 'POST', path: '/quotes/q1/extend_expiry_date', params: { valid_till: 1800000000 } });
    await client().request({ method: 'POST', path: '/x', idempotencyKey: 'given-key' });
    const [first, second, third] = server.received;
    assert.ok(first && second && third);
    assert.equal(first.headers['content-type'], 'application/x-www-form-urlencoded; charset=utf-8');
    assert.equal(first.body, 'valid_till=1800000000');
    const keyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    assert.match(String(first.headers['chargebee-idempotency-key']), keyPattern);
    assert.notEqual(first.headers['chargebee-idempotency-key'], second.headers['chargebee-idempotency-key']);
    assert.equal(third.headers['chargebee-idempotency-key'], 'given-key');
  });

  it('retries an HTML 503 with full-jitter backoff, the same key and X-CB-Retry-Attempt', async () => {
    server.script(html(503), html(503), json(200, { ok: true }, { 'chargebee-idempotency-replayed': 'true' }));
    const res = await client().request<{ ok: boolean }>({ method: 'POST', path: '/quotes/q1/convert' });
    assert.equal(res.body.ok, true);
    assert.equal(res.replayed, true);
    // random() = 0.5: half of 100 ms, then half of 200 ms.
    assert.deepEqual(clock.sleeps, [50, 100]);
    const keys = new Set(server.received.map((r) => r.headers['chargebee-idempotency-key']));
    assert.equal(keys.size, 1);
    assert.deepEqual(server.received.map((r) => r.headers['x-cb-retry-attempt']), [undefined, '1', '2']);
    assert.match(log.lines.at(-1) ?? '', /^info POST \/quotes\/q1\/convert 200 0 ms \(attempt 3\)$/);
    assert.match(log.lines[0] ?? '', /^debug POST \/quotes\/q1\/convert idempotency key [0-9a-f-]{36}$/);
    assert.match(log.lines[1] ?? '', /^warn POST \/quotes\/q1\/convert 503 0 ms, retrying in 50 ms$/);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    server.script(
      (_req, res) => {
        const at = new Date(clock.now() + 3000).toUTCString();
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': at });
        res.end(JSON.stringify({ message: 'slow down', api_error_code: 'api_request_limit_exceeded' }));
      },
      json(200, {}),
    );
    await client().request({ method: 'GET', path: '/quotes' });
    assert.equal(server.received.length, 2);
    // toUTCString drops milliseconds, so the wait is within a second of 3 s.
    assert.ok(clock.sleeps.length === 1 && (clock.sleeps[0] ?? 0) > 2000 && (clock.sleeps[0] ?? 0) <= 3000, String(clock.sleeps));
  });

  it('fails with the 429 at once when Retry-After is beyond the time budget', async () => {
    server.script(json(429, { message: 'slow down', api_error_code: 'api_request_limit_exceeded' }, { 'retry-after': '120' }));
    const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.httpStatus, 429);
    assert.equal(err.retryAfterMs, 120_000);
    assert.equal(server.received.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('stops after maxAttempts and reports the last error', async () => {
    server.script(html(502));
    const err = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 10 } }).request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.kind, 'non_json');
    assert.equal(err.httpStatus, 502);
    assert.equal(server.received.length, 3);
    assert.match(log.lines.at(-1) ?? '', /^error GET \/quotes 502 0 ms \(attempt 3\)/);
  });

  it('stops when the next wait would pass the total time budget', async () => {
    server.script(html(503));
    // Waits of 500, 1000, 2000 ms against a 1.6 s budget: the third is not taken.
    const c = client({ random: () => 0.999999, retry: { maxAttempts: 10, baseDelayMs: 500, maxTotalMs: 1600 } });
    await rejection(c.request({ method: 'GET', path: '/quotes' }));
    assert.equal(server.received.length, 3);
    assert.deepEqual(clock.sleeps, [499, 999]);
  });

  it('does not retry a 400 or a 401, and never retries past a non-retryable error', async () => {
    server.script(json(401, { message: 'bad key', api_error_code: 'api_authentication_failed' }));
    const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.httpStatus, 401);
    assert.match(err.message, /^The API key was rejected by 127\.0\.0\.1:\d+/);
    assert.equal(server.received.length, 1);
  });

  it('reads an empty success body as {} and rejects a non-JSON success body without retrying', async () => {
    server.script((_req, res) => void res.writeHead(204).end());
    assert.deepEqual((await client().request({ method: 'POST', path: '/x' })).body, {});
    server.script((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>portal</html>'));
    const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.kind, 'non_json');
    assert.equal(server.received.length, 1);
  });

  it('does not follow redirects, so the key is never sent elsewhere', async () => {
    server.script((_req, res) => void res.writeHead(302, { location: 'http://127.0.0.2:1/steal' }).end());
    const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.httpStatus, 302);
    assert.equal(server.received.length, 1);
  });

  it('times out an attempt whose body stalls, and retries it', async () => {
    server.script(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
      },
      json(200, { done: true }),
    );
    const res = await client({ timeoutMs: 150 }).request<{ done: boolean }>({ method: 'GET', path: '/quotes' });
    assert.equal(res.body.done, true);
    assert.match(log.lines[0] ?? '', /^warn GET \/quotes timeout/);
  });

  it('reports a dropped connection as a network error once attempts run out', async () => {
    server.script(drop);
    const err = await rejection(client({ retry: { maxAttempts: 2 } }).request({ method: 'GET', path: '/quotes' }));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /^Could not reach 127\.0\.0\.1:\d+: /);
    assert.equal(server.received.length, 2);
  });

  it('is cancelled by an AbortSignal before it starts and during a backoff', async () => {
    const before = new AbortController();
    before.abort();
    server.script(html(503));
    const early = await rejection(client().request({ method: 'GET', path: '/quotes', signal: before.signal }));
    assert.equal(early.kind, 'aborted');
    assert.equal(server.received.length, 0);

    const during = new AbortController();
    clock = fakeClock(() => during.abort());
    const late = await rejection(client().request({ method: 'GET', path: '/quotes', signal: during.signal }));
    assert.ok(isCancellation(late));
    assert.equal(server.received.length, 1);
  });

  it('calls catalog endpoints by id with their method and encoded path params', async () => {
    server.script(json(200, { quote: { id: 'Q 1+2' } }));
    await client().call('quotes.retrieve', { pathParams: { quote_id: 'Q 1+2' } });
    await client().call('quotes.extend_expiry_date', { pathParams: { quote_id: 'Q-7' }, params: { valid_till: 1800000000 } });
    assert.deepEqual(
      server.received.map((r) => `${r.method} ${r.url} ${r.body}`),
      ['GET /api/v2/quotes/Q%201%2B2 ', 'POST /api/v2/quotes/Q-7/extend_expiry_date valid_till=1800000000'],
    );
    await assert.rejects(client().call('quotes.retrieve'), /quote_id is missing/);
    // @ts-expect-error a wrong id fails to compile; at run time it is refused before any request
    await assert.rejects(client().call('quotes.no_such_endpoint'), /Unknown Chargebee endpoint/);
  });

  it('pages until next_offset is gone, and stops at maxPages', async () => {
    let served = 0;
    server.script((req, res) => {
      served++;
      const offset = new URL(req.url ?? '', 'http://x').searchParams.get('offset');
      const page = offset === null ? 0 : Number(offset);
      const body = page < 2 ? { list: [{ n: page }], next_offset: String(page + 1) } : { list: [{ n: page }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const all = await client().listAll<{ n: number }>('/quotes', { limit: 1 });
    assert.deepEqual(all.map((e) => e.n), [0, 1, 2]);
    assert.equal(served, 3);
    const firstTwo = await client().listAll<{ n: number }>('/quotes', { limit: 1 }, { maxPages: 2 });
    assert.deepEqual(firstTwo.map((e) => e.n), [0, 1]);
  });

  it('stops paging when the server repeats an offset', async () => {
    server.script(json(200, { list: [{ n: 1 }], next_offset: 'same' }));
    const all = await client().listAll('/quotes');
    assert.equal(all.length, 2);
    assert.equal(server.received.length, 2);
  });

  describe('download', () => {
    it('sends the key to the site origin only, and streams the body', async () => {
      server.script((_req, res) => void res.writeHead(200, { 'content-type': 'application/zip' }).end('PK-bytes'));
      const same = await client().download(`${server.origin}/api/v2/quotes/q1/pdf-file?sig=abc`);
      assert.equal(await same.text(), 'PK-bytes');
      assert.ok(server.received[0]?.headers.authorization?.startsWith('Basic '));

      // The same server under another loopback name is another origin, as a presigned host would be.
      const foreign = client({ baseUrl: server.origin.replace('127.0.0.1', 'localhost') });
      await (await foreign.download(`${server.origin}/bucket/file.zip?X-Amz-Signature=secret-sig`)).text();
      assert.equal(server.received[1]?.headers.authorization, undefined);
      assert.ok(log.lines.every((l) => !l.includes('secret-sig') && !l.includes('sig=abc')), log.lines.join('\n'));
      assert.match(log.lines.at(-1) ?? '', /file\.zip\?X-Amz-Signature=\*\*\* 200/);
    });

    it('is not cut off by the timeout once streaming, but is by cancellation', async () => {
      server.script((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/zip' });
        res.write('first-chunk');
        setTimeout(() => res.end('-last'), 400);
      });
      const whole = await client({ timeoutMs: 200 }).download(`${server.origin}/api/v2/file`);
      assert.equal(await whole.text(), 'first-chunk-last');

      server.script((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/zip' });
        res.write('first-chunk');
      });
      const controller = new AbortController();
      const stalled = await client().download(`${server.origin}/api/v2/file`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(stalled.text(), (err: unknown) => isCancellation(err));
    });

    it('explains an expired presigned link', async () => {
      server.script((_req, res) => void res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>'));
      const foreign = client({ baseUrl: 'https://acme-test.chargebee.com' });
      const err = await rejection(foreign.download(`${server.origin}/bucket/file.zip?X-Amz-Signature=s`));
      assert.equal(err.apiErrorCode, 'download_link_expired');
      assert.match(err.message, /expired/);
      assert.equal(server.received.length, 1);
    });

    it('refuses plain http to a host that is not loopback', async () => {
      await assert.rejects(client().download('http://files.example/x.zip'), /plain http/);
    });
  });

  it('never writes the key, raw or as Basic auth, into the log, even when a server echoes it', async () => {
    const basic = Buffer.from(`${apiKey}:`).toString('base64');
    server.script(json(400, { message: `bad value ${apiKey} / ${basic}`, api_error_code: 'invalid_request' }));
    await rejection(client().request({ method: 'GET', path: '/quotes', params: { q: apiKey } }));
    assert.equal(log.lines.length, 1);
    assert.ok(!log.lines[0]?.includes(apiKey) && !log.lines[0]?.includes(basic), log.lines[0]);
  });
});
