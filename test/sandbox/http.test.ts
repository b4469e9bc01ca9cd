import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, type RunningSandbox } from './index';
import { basic, call, listAt, objectAt } from './helpers';

/** Every error body carries the current and the legacy fields, consistent with the HTTP status. */
function assertErrorBody(body: Record<string, unknown> | undefined, status: number, code: string): Record<string, unknown> {
  assert.ok(body, 'a JSON error body');
  assert.equal(body.http_status_code, status);
  assert.equal(body.api_error_code, code);
  assert.equal(body.error_code, code);
  assert.equal(typeof body.message, 'string');
  assert.equal(body.error_msg, body.message);
  return body;
}

describe('sandbox HTTP conventions', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ port: 0 });
  });
  after(() => sb.close());
  afterEach(() => sb.control.clearFaults());

  describe('auth', () => {
    it('answers 401 api_authentication_failed without a type for a wrong, missing or password-carrying key', async () => {
      for (const reply of [
        await call(sb, 'GET', '/quotes', '', { key: 'wrong_key' }),
        await call(sb, 'GET', '/quotes', '', { key: null }),
        await call(sb, 'GET', '/quotes', '', { key: null, headers: { authorization: `Basic ${Buffer.from(`${sb.apiKey}:secret`).toString('base64')}` } }),
        await call(sb, 'GET', '/quotes', '', { key: null, headers: { authorization: `Bearer ${sb.apiKey}` } }),
      ]) {
        assert.equal(reply.status, 401);
        const body = assertErrorBody(reply.json, 401, 'api_authentication_failed');
        assert.equal('type' in body, false);
      }
    });

    it('accepts the key with an empty password and any Host header', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: sb.port, path: '/api/v2/quotes?limit=1', headers: { host: 'acme-test.chargebee.com', authorization: basic(sb.apiKey) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 200);
    });
  });

  describe('errors for bad input', () => {
    it('answers unknown routes with a Chargebee 404 and wrong methods with 405', async () => {
      const missing = await call(sb, 'GET', '/no_such_resource');
      assert.equal(missing.status, 404);
      assertErrorBody(missing.json, 404, 'resource_not_found');
      const outside = await fetch(`${sb.origin}/elsewhere`);
      assert.equal(outside.status, 404);
      const wrongMethod = await call(sb, 'POST', '/quotes');
      assert.equal(wrongMethod.status, 405);
      assert.equal(assertErrorBody(wrongMethod.json, 405, 'http_method_not_supported').type, 'invalid_request');
      const put = await call(sb, 'PUT', '/quotes/1');
      assert.equal(put.status, 405);
    });

    it('answers malformed encoding with 400 and keeps serving', async () => {
      const reply = await call(sb, 'POST', '/quotes/create_for_onetime_charges', 'customer_id=%E0%A4%A&charges[amount][0]=100');
      assert.equal(reply.status, 400);
      assert.equal(reply.json?.type, 'invalid_request');
      const broken = await call(sb, 'GET', '/quotes', 'status[in]=%5B%22open');
      assert.equal(broken.status, 400);
      assert.equal(broken.json?.param, 'status[in]');
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200);
    });

    it('answers bodies over 1 MB with 413', async () => {
      const reply = await call(sb, 'POST', '/quotes/create_for_onetime_charges', `notes=${'x'.repeat(1024 * 1024 + 10)}`);
      assert.equal(reply.status, 413);
      assert.equal(reply.json?.http_status_code, 413);
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200);
    });

    it('names the param of the first violated rule: unknown operator, enum, limit bounds, offset', async () => {
      const op = await call(sb, 'GET', '/quotes', 'status[starts_with]=op');
      assert.equal(op.status, 400);
      assert.equal(assertErrorBody(op.json, 400, 'param_wrong_value').param, 'status[starts_with]');
      const enumBad = await call(sb, 'GET', '/quotes', 'status[is]=pending');
      assert.equal(enumBad.json?.param, 'status[is]');
      for (const limit of ['0', '101', 'ten']) {
        const reply = await call(sb, 'GET', '/quotes', `limit=${limit}`);
        assert.equal(reply.status, 400, limit);
        assert.equal(reply.json?.param, 'limit');
      }
      const offset = await call(sb, 'GET', '/quotes', 'offset=garbage');
      assert.equal(offset.json?.param, 'offset');
      const unknown = await call(sb, 'GET', '/quotes', 'colour[is]=red');
      assert.equal(unknown.json?.param, 'colour');
    });
  });

  describe('paging', () => {
    it('walks every quote once through opaque next_offset tokens', async () => {
      const all = listAt((await call(sb, 'GET', '/quotes', 'limit=100')).json, 'list').map((e) => objectAt(e, 'quote').id);
      assert.ok(all.length >= 20, `demo data has quotes (${all.length})`);
      const seen: unknown[] = [];
      let offset: string | undefined;
      let pages = 0;
      do {
        const reply = await call(sb, 'GET', '/quotes', `limit=7${offset !== undefined ? `&offset=${encodeURIComponent(offset)}` : ''}`);
        const list = listAt(reply.json, 'list');
        assert.ok(list.length <= 7);
        seen.push(...list.map((e) => objectAt(e, 'quote').id));
        offset = reply.json?.next_offset as string | undefined;
        pages++;
      } while (offset !== undefined && pages < 50);
      assert.deepEqual(seen, all);
      assert.equal(pages, Math.ceil(all.length / 7));
    });

    it('defaults to 10 per page and omits next_offset on the last page', async () => {
      const first = await call(sb, 'GET', '/quotes');
      assert.equal(listAt(first.json, 'list').length, 10);
      assert.equal(typeof first.json?.next_offset, 'string');
      const everything = await call(sb, 'GET', '/quotes', 'limit=100');
      assert.equal('next_offset' in (everything.json ?? {}), false);
    });
  });

  describe('idempotency', () => {
    const body = 'customer_id=CUST&charges[amount][0]=1500&charges[description][0]=Setup';
    let customerId: string;
    before(() => {
      customerId = [...sb.control.store.customers.keys()][0] ?? '';
    });

    it('replays the stored response with chargebee-idempotency-replayed and creates nothing new', async () => {
      const headers = { 'chargebee-idempotency-key': 'key-replay-1' };
      const params = body.replace('CUST', customerId);
      const first = await call(sb, 'POST', '/quotes/create_for_onetime_charges', params, { headers });
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('chargebee-idempotency-replayed'), null);
      const count = sb.control.store.quotes.size;
      const again = await call(sb, 'POST', '/quotes/create_for_onetime_charges', params, { headers });
      assert.equal(again.headers.get('chargebee-idempotency-replayed'), 'true');
      assert.equal(again.text, first.text);
      assert.equal(sb.control.store.quotes.size, count);
    });

    it('answers the same key with a different payload with 422', async () => {
      const headers = { 'chargebee-idempotency-key': 'key-conflict-1' };
      assert.equal((await call(sb, 'POST', '/quotes/create_for_onetime_charges', body.replace('CUST', customerId), { headers })).status, 200);
      const other = await call(sb, 'POST', '/quotes/create_for_onetime_charges', body.replace('CUST', customerId).replace('1500', '1600'), { headers });
      assert.equal(other.status, 422);
      assertErrorBody(other.json, 422, 'unable_to_process_request');
    });

    it('does not store failures, so a failed call can be retried under the same key', async () => {
      const headers = { 'chargebee-idempotency-key': 'key-retry-1' };
      sb.control.addFaults([{ type: 'status', status: 500, path: '/create_for_onetime_charges' }]);
      assert.equal((await call(sb, 'POST', '/quotes/create_for_onetime_charges', body.replace('CUST', customerId), { headers })).status, 500);
      const retry = await call(sb, 'POST', '/quotes/create_for_onetime_charges', body.replace('CUST', customerId), { headers });
      assert.equal(retry.status, 200);
      assert.equal(retry.headers.get('chargebee-idempotency-replayed'), null);
    });

    it('forgets keys after 30 minutes of sandbox time', async () => {
      const headers = { 'chargebee-idempotency-key': 'key-window-1' };
      const params = body.replace('CUST', customerId);
      await call(sb, 'POST', '/quotes/create_for_onetime_charges', params, { headers });
      sb.control.advanceClock(31 * 60);
      const later = await call(sb, 'POST', '/quotes/create_for_onetime_charges', params, { headers });
      assert.equal(later.status, 200);
      assert.equal(later.headers.get('chargebee-idempotency-replayed'), null);
    });
  });

  describe('faults and control', () => {
    it('injects 429 with and without Retry-After, for the next N matching requests only', async () => {
      sb.control.addFaults([{ type: 'status', status: 429, retryAfter: 7, count: 2, path: '/quotes' }]);
      for (let i = 0; i < 2; i++) {
        const r = await call(sb, 'GET', '/quotes', 'limit=1');
        assert.equal(r.status, 429);
        assert.equal(r.headers.get('retry-after'), '7');
        assert.equal(r.json?.type, 'operation_failed');
        assert.equal(r.json?.api_error_code, 'api_request_limit_exceeded');
      }
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200);
      sb.control.addFaults([{ type: 'status', status: 429 }]);
      const bare = await call(sb, 'GET', '/customers', 'limit=1');
      assert.equal(bare.status, 429);
      assert.equal(bare.headers.get('retry-after'), null);
    });

    it('injects a 503 with an HTML body, a delay and a dropped connection', async () => {
      sb.control.addFaults([{ type: 'status', status: 503, html: true }]);
      const html = await call(sb, 'GET', '/quotes', 'limit=1');
      assert.equal(html.status, 503);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(html.json, undefined);

      sb.control.addFaults([{ type: 'delay', ms: 300, path: '/customers' }]);
      const started = Date.now();
      assert.equal((await call(sb, 'GET', '/customers', 'limit=1')).status, 200);
      assert.ok(Date.now() - started >= 280, 'the delay was applied');

      sb.control.addFaults([{ type: 'drop', method: 'GET' }]);
      await assert.rejects(call(sb, 'GET', '/quotes', 'limit=1'));
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200);
    });

    it('serves the HTTP control API: faults, clock, stats, requests with chargebee-* headers, reset', async () => {
      const post = (op: string, body: unknown) => fetch(`${sb.origin}/__sandbox/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const before = ((await (await fetch(`${sb.origin}/__sandbox/clock`)).json()) as { now: number }).now;
      const moved = ((await (await post('clock', { advanceSeconds: 3600 })).json()) as { now: number }).now;
      assert.ok(moved - before >= 3600 && moved - before < 3610);

      assert.equal((await post('stats/reset', {})).status, 200);
      await call(sb, 'GET', '/quotes', 'limit=1', { headers: { 'chargebee-request-origin-ip': '203.0.113.9', 'chargebee-event-email': 'all-disabled', 'x-other': 'no' } });
      await call(sb, 'GET', '/quotes/1');
      const stats = (await (await fetch(`${sb.origin}/__sandbox/stats`)).json()) as { total: number; routes: Record<string, number> };
      assert.equal(stats.total, 2);
      assert.equal(stats.routes['GET /quotes'], 1);
      assert.equal(stats.routes['GET /quotes/{quote_id}'], 1);
      const log = (await (await fetch(`${sb.origin}/__sandbox/requests`)).json()) as { path: string; headers: Record<string, string> }[];
      const entry = log.find((r) => r.headers['chargebee-request-origin-ip'] !== undefined);
      assert.deepEqual(entry?.headers, { 'chargebee-request-origin-ip': '203.0.113.9', 'chargebee-event-email': 'all-disabled' });

      assert.equal((await post('faults', { faults: [{ type: 'status', status: 502, count: 1 }] })).status, 200);
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 502);
      assert.equal((await post('faults', { faults: [{ type: 'teapot' }] })).status, 400);
      await post('faults', { faults: [{ type: 'status', status: 500, count: 5 }] });
      assert.equal((await fetch(`${sb.origin}/__sandbox/faults`, { method: 'DELETE' })).status, 200);
      assert.equal((await call(sb, 'GET', '/quotes', 'limit=1')).status, 200);

      await call(sb, 'POST', '/quotes/1/delete');
      assert.equal((await post('reset', {})).status, 200);
      assert.equal((await call(sb, 'GET', '/quotes/1')).status, 200, 'reset reseeded the data');
      assert.equal(sb.control.stats().total, 1);
    });

    it('keeps the control API off when not enabled', async () => {
      const closed = await startSandbox({ port: 0, control: false, seed: 'empty' });
      try {
        assert.equal((await fetch(`${closed.origin}/__sandbox/clock`)).status, 404);
      } finally {
        await closed.close();
      }
    });
  });
});
