/**
 * Ids are path segments: `.`, `..`, empty or slash-holding ids are refused before any request is
 * built, whether the path comes from a catalog template or is built by hand.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient, fillPath, segmentProblem } from '../../src/chargebee/client';
import { json, startScriptedServer } from './client-fixtures';
import type { ScriptedServer } from './client-fixtures';

describe('ChargebeeClient path segments', () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(() => server.close());

  const client = (): ChargebeeClient => new ChargebeeClient({ baseUrl: server.origin, apiKey: 'sandbox-key-for-segment-tests', retry: { maxAttempts: 1 } });

  for (const id of ['..', '.', '', 'a/b', '../customers', 'a\\b']) {
    it(`refuses the id ${JSON.stringify(id)} without sending anything`, async () => {
      server.script(json(200, { quote: { id: 'never' } }));
      await assert.rejects(client().call('quotes.retrieve', { pathParams: { quote_id: id } }), /cannot be sent to Chargebee/);
      await assert.rejects(client().call('quotes.convert', { pathParams: { quote_id: id } }), /cannot be sent to Chargebee/);
      assert.deepEqual(server.received, []);
    });
  }

  it('applies the same rule to hand-built paths, decoded (`%2e%2e` is `..`)', async () => {
    server.script(json(200, {}));
    for (const path of ['/exports/..', '/exports/%2e%2e', '/exports/%2E', '/exports/', '/exports//x', `/exports/${encodeURIComponent('a/b')}`]) {
      await assert.rejects(client().request({ method: 'GET', path }), /cannot be sent to Chargebee/, path);
    }
    assert.deepEqual(server.received, []);
  });

  it('still sends ordinary ids, encoded', async () => {
    server.script(json(200, { quote: {} }));
    await client().call('quotes.retrieve', { pathParams: { quote_id: 'Q 1+2.x' } });
    await client().request({ method: 'GET', path: `/exports/${encodeURIComponent('e_1..2')}` });
    assert.deepEqual(server.received.map((r) => r.url), ['/api/v2/quotes/Q%201%2B2.x', '/api/v2/exports/e_1..2']);
    assert.equal(fillPath('/quotes/{quote_id}', { quote_id: '...' }), '/quotes/...');
    assert.equal(segmentProblem('Q-1'), undefined);
  });
});
