/**
 * The client against the sandbox over real sockets: success paths, API errors, and every failure
 * the sandbox's fault API can stage. Waits go through a fake clock, so retries cost no real time;
 * only the timeout tests wait (a few hundred ms).
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import type { ChargebeeClientOptions } from '../../src/chargebee/client';
import { isCancellation } from '../../src/chargebee/errors';
import { startSandbox } from '../sandbox';
import type { RunningSandbox } from '../sandbox';
import { fakeClock } from '../support/fake-clock';
import type { FakeClock } from '../support/fake-clock';
import { recordingLog, rejection, startLossyProxy } from './client-fixtures';
import type { LossyProxy, RecordingLog } from './client-fixtures';

interface QuoteEntry {
  readonly quote: { readonly id: string; readonly status: string };
}
interface QuoteList {
  readonly list: QuoteEntry[];
  readonly next_offset?: string;
}
interface ExportBody {
  readonly export: { readonly id: string; readonly status: string };
}


describe('ChargebeeClient against the sandbox', () => {
  let sandbox: RunningSandbox;
  let clock: FakeClock;
  let log: RecordingLog;

  before(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.control.reset();
    clock = fakeClock();
    log = recordingLog();
  });

  function client(options: Partial<ChargebeeClientOptions> = {}): ChargebeeClient {
    return new ChargebeeClient({
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      log,
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
      retry: { baseDelayMs: 20 },
      ...options,
    });
  }

  /** The API requests the sandbox received (faulted ones included), oldest first. */
  function received(path: string): ReturnType<RunningSandbox['control']['requests']> {
    return sandbox.control.requests().filter((r) => r.path === `/api/v2${path}`);
  }

  describe('success', () => {
    it('lists and retrieves quotes through catalog ids', async () => {
      const page = await client().call<QuoteList>('quotes.list', { params: { limit: 3 } });
      assert.equal(page.status, 200);
      assert.equal(page.body.list.length, 3);
      assert.equal(typeof page.body.next_offset, 'string');
      const first = page.body.list[0]?.quote;
      assert.ok(first);
      const one = await client().call<QuoteEntry>('quotes.retrieve', { pathParams: { quote_id: first.id } });
      assert.deepEqual(one.body.quote, first);
      assert.deepEqual(log.lines, ['info GET /quotes 200 0 ms', `info GET /quotes/${first.id} 200 0 ms`]);
    });

    it('creates with a POST that carries a UUID idempotency key and the per-site headers', async () => {
      const res = await client({ headers: { 'chargebee-event-email': 'all-disabled' } }).call<ExportBody>('exports.customers');
      assert.equal(res.body.export.status, 'in_process');
      assert.equal(res.replayed, false);
      assert.equal(sandbox.control.store.exports.size, 1);
      const [req] = received('/exports/customers');
      assert.match(req?.headers['chargebee-idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(req?.headers['chargebee-event-email'], 'all-disabled');
    });

    it('pages through every quote with limit, matching one big page', async () => {
      const whole = await client().request<QuoteList>({ method: 'GET', path: '/quotes', params: { limit: 100 } });
      const expected = whole.body.list.map((e) => e.quote.id);
      assert.ok(expected.length > 5, 'the demo seed should have more than one page of quotes');
      sandbox.control.resetStats();

      const pages: { ids: string[]; next?: string }[] = [];
      for await (const page of client().pages<QuoteEntry>('/quotes', { limit: 5 })) {
        pages.push({ ids: page.list.map((e) => e.quote.id), next: page.nextOffset });
      }
      assert.deepEqual(pages.flatMap((p) => p.ids), expected);
      assert.equal(pages.length, Math.ceil(expected.length / 5));
      assert.ok(pages.slice(0, -1).every((p) => p.next !== undefined));
      assert.equal(pages.at(-1)?.next, undefined);
      assert.equal(sandbox.control.stats().routes['GET /quotes'], pages.length);
    });
  });

  describe('API errors', () => {
    it('maps a wrong key to a 401 ChargebeeError, not retried', async () => {
      const err = await rejection(client({ apiKey: 'not-the-sandbox-key' }).request({ method: 'GET', path: '/quotes' }));
      assert.equal(err.kind, 'api');
      assert.equal(err.httpStatus, 401);
      assert.equal(err.apiErrorCode, 'api_authentication_failed');
      assert.match(err.message, new RegExp(`^The API key was rejected by 127\\.0\\.0\\.1:${sandbox.port}\\.`));
      assert.doesNotMatch(err.message, /not-the-sandbox-key/);
      assert.equal(received('/quotes').length, 1);
    });

    it('maps a 400 with param to a message naming the field and the param', async () => {
      const err = await rejection(client().call('quotes.create_for_onetime_charges', { params: { currency_code: 'USD' } }));
      assert.equal(err.httpStatus, 400);
      assert.equal(err.type, 'invalid_request');
      assert.equal(err.param, 'customer_id');
      assert.match(err.message, /^Customer id: .+ \(customer_id\)$/);
      assert.equal(received('/quotes/create_for_onetime_charges').length, 1);
    });
  });

  describe('retries', () => {
    it('retries an HTML 503 until it succeeds', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 503, html: true, count: 2 }]);
      const res = await client().request<QuoteList>({ method: 'GET', path: '/quotes', params: { limit: 1 } });
      assert.equal(res.body.list.length, 1);
      assert.equal(received('/quotes').length, 3);
      assert.deepEqual(clock.sleeps, [10, 20]);
    });

    it('reports an HTML 503 that outlasts the attempts as non_json', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 503, html: true, count: 10 }]);
      const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
      assert.equal(err.kind, 'non_json');
      assert.equal(err.apiErrorCode, 'internal_temporary_error');
      assert.match(err.message, /^Chargebee is temporarily unavailable \(HTTP 503\)/);
      assert.equal(received('/quotes').length, 4);
    });

    it('waits exactly Retry-After on a 429 that carries it', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 429, retryAfter: 2, count: 1 }]);
      await client().request({ method: 'GET', path: '/quotes' });
      assert.deepEqual(clock.sleeps, [2000]);
      assert.equal(received('/quotes').length, 2);
    });

    it('backs off on a 429 without Retry-After', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 429, count: 2 }]);
      await client().request({ method: 'GET', path: '/quotes' });
      assert.deepEqual(clock.sleeps, [10, 20]);
    });

    it('fails with the 429 when Retry-After is longer than the time budget', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 429, retryAfter: 90, count: 1 }]);
      const err = await rejection(client().request({ method: 'GET', path: '/quotes' }));
      assert.equal(err.httpStatus, 429);
      assert.equal(err.apiErrorCode, 'api_request_limit_exceeded');
      assert.deepEqual(clock.sleeps, []);
    });

    it('retries a dropped connection, and reports a network error when every attempt drops', async () => {
      sandbox.control.addFaults([{ type: 'drop', count: 1 }]);
      const ok = await client().request<QuoteList>({ method: 'GET', path: '/quotes', params: { limit: 1 } });
      assert.equal(ok.body.list.length, 1);
      assert.equal(received('/quotes').length, 2);

      sandbox.control.addFaults([{ type: 'drop', count: 10 }]);
      const err = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 20 } }).request({ method: 'GET', path: '/quotes' }));
      assert.equal(err.kind, 'network');
      assert.match(err.message, /^Could not reach 127\.0\.0\.1:\d+: /);
    });

    it('times out a slow answer, and retries it', async () => {
      sandbox.control.addFaults([{ type: 'delay', ms: 400, count: 1 }]);
      const err = await rejection(client({ timeoutMs: 100, retry: { maxAttempts: 1 } }).request({ method: 'GET', path: '/quotes' }));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /^Chargebee did not answer within 100 ms/);

      sandbox.control.addFaults([{ type: 'delay', ms: 400, count: 1 }]);
      const res = await client({ timeoutMs: 100 }).request<QuoteList>({ method: 'GET', path: '/quotes', params: { limit: 2 } });
      assert.equal(res.body.list.length, 2);
    });
  });

  describe('cancellation', () => {
    it('stops during a backoff wait without another attempt', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 503, count: 5 }]);
      const controller = new AbortController();
      clock = fakeClock(() => controller.abort());
      const err = await rejection(client().request({ method: 'GET', path: '/quotes', signal: controller.signal }));
      assert.ok(isCancellation(err));
      assert.equal(received('/quotes').length, 1);
    });

    it('stops a request in flight', async () => {
      sandbox.control.addFaults([{ type: 'delay', ms: 800, count: 1 }]);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      const err = await rejection(client().request({ method: 'GET', path: '/quotes', signal: controller.signal }));
      assert.equal(err.kind, 'aborted');
      assert.ok(Date.now() - started < 500);
    });
  });

  describe('idempotency', () => {
    it('sends one key on every attempt of a logical POST, and a new key for the next one', async () => {
      sandbox.control.addFaults([{ type: 'status', status: 503, count: 2, path: '/exports/customers' }]);
      await client().call('exports.customers');
      await client().call('exports.customers');
      const keys = received('/exports/customers').map((r) => r.headers['chargebee-idempotency-key']);
      assert.equal(keys.length, 4);
      assert.equal(new Set(keys.slice(0, 3)).size, 1);
      assert.notEqual(keys[3], keys[0]);
    });

    it('gets the stored answer as a replay when the first response was lost after the work was done', async () => {
      const proxy: LossyProxy = await startLossyProxy(sandbox.origin);
      try {
        proxy.loseResponses(1, 'POST');
        const res = await client({ baseUrl: proxy.origin }).call<ExportBody>('exports.customers');
        assert.equal(res.replayed, true);
        assert.equal(sandbox.control.store.exports.size, 1);
        assert.ok(sandbox.control.store.exports.has(res.body.export.id));
        assert.equal(received('/exports/customers').length, 2);
      } finally {
        await proxy.close();
      }
    });

    it('replays a repeated key and refuses the key with another payload', async () => {
      const first = await client().call<ExportBody>('exports.customers', { idempotencyKey: 'fixed-key-1' });
      const again = await client().call<ExportBody>('exports.customers', { idempotencyKey: 'fixed-key-1' });
      assert.equal(first.replayed, false);
      assert.equal(again.replayed, true);
      assert.equal(again.body.export.id, first.body.export.id);
      const err = await rejection(
        client().call('exports.customers', { idempotencyKey: 'fixed-key-1', params: { customer: { id: { is: 'x' } } } }),
      );
      assert.equal(err.httpStatus, 422);
      assert.equal(err.apiErrorCode, 'unable_to_process_request');
      assert.equal(sandbox.control.store.exports.size, 1);
    });
  });
});
