/**
 * detectCatalog over a real socket: the sandbox's GET /configurations for each way it can be started,
 * the PC2-only probe when that read fails, and no guess when the site cannot tell or refuses the key.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import { detectCatalog } from '../../src/sites/detect-catalog';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

describe('product catalog detection against the sandbox', function () {
  this.timeout(10_000);
  const running: RunningSandbox[] = [];
  const client = (sb: RunningSandbox, apiKey = sb.apiKey): ChargebeeClient =>
    new ChargebeeClient({ baseUrl: sb.url, apiKey, retry: { maxAttempts: 1 }, timeoutMs: 2_000 });
  const start = async (catalog?: 1 | 2): Promise<RunningSandbox> => {
    const sb = await startSandbox({ port: 0, ...(catalog !== undefined ? { catalog } : {}) });
    running.push(sb);
    return sb;
  };
  after(async () => {
    for (const sb of running) await sb.close();
  });

  it('reads v1 and v2 from /configurations, and 2.0 for a site serving both (compat)', async () => {
    for (const [catalog, expected] of [[1, 1], [2, 2], [undefined, 2]] as const) {
      const sb = await start(catalog);
      assert.deepEqual(await detectCatalog(client(sb)), { ok: true, catalogVersion: expected, source: 'configurations' }, `--catalog ${String(catalog)}`);
      assert.equal(sb.control.stats().routes['GET /item_families'] ?? 0, 0, 'no probe when the configuration answers');
    }
  });

  it('probes item families when /configurations fails: configuration_incompatible is 1.0, a list is 2.0', async () => {
    for (const catalog of [1, 2] as const) {
      const sb = await start(catalog);
      sb.control.addFaults([{ type: 'status', status: 503, path: '/configurations' }]);
      assert.deepEqual(await detectCatalog(client(sb)), { ok: true, catalogVersion: catalog, source: 'probe' });
    }
  });

  it('gives up, with both reasons, when neither call answers, and does not probe past a refused key', async () => {
    const sb = await start(1);
    sb.control.addFaults([{ type: 'status', status: 500, path: '/configurations' }, { type: 'status', status: 500, path: '/item_families' }]);
    const failed = await detectCatalog(client(sb));
    assert.equal(failed.ok, false);
    assert.match(failed.ok ? '' : failed.message, /500[\s\S]*;[\s\S]*500/);

    sb.control.resetStats();
    const refused = await detectCatalog(client(sb, 'not-the-key'));
    assert.equal(refused.ok, false);
    assert.equal(sb.control.stats().routes['GET /item_families'] ?? 0, 0, 'a 401 is not probed further');
  });
});
