/**
 * The sites core on Node: the store keeps keys only in secret storage, the active site falls back
 * when removed, ids are readable and unique, typed locations parse, the dev site needs both variables
 * and an empty store, clients are rebuilt when headers or keys change, and a wrong key is told apart
 * from an unreachable site by the one check request (against the sandbox over a real socket).
 */
import assert from 'node:assert/strict';
import { RequestHeaderStore } from '../../src/request-headers/store';
import { ExportApis } from '../../src/exports/jobs/site-apis';
import { SiteClients } from '../../src/sites/clients';
import { addDevSite } from '../../src/sites/dev-site';
import { checkKey, locationProblem, parseLocation } from '../../src/sites/location';
import { siteMode } from '../../src/sites/mode';
import { secretKeyFor, siteIdFor, type SiteRecord } from '../../src/sites/site';
import { SiteStore, type Secrets, type StateMemento } from '../../src/sites/store';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

class MemoryState implements StateMemento {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }
}

class MemorySecrets implements Secrets {
  readonly data = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.data.delete(key);
    return Promise.resolve();
  }
}

function record(id: string, baseUrl = 'http://127.0.0.1:9/api/v2'): SiteRecord {
  return { id, label: id, baseUrl, catalogVersion: 2, currency: 'USD', multiDecimal: false, createdAt: 1 };
}

describe('core: site store', () => {
  it('keeps the key in secrets only, and forgets it with the site', async () => {
    const state = new MemoryState();
    const secrets = new MemorySecrets();
    const store = new SiteStore(state, secrets);
    const key = 'unit-key-value-123';
    await store.add(record('a'), key);
    assert.equal(await store.apiKey('a'), key);
    assert.ok(!JSON.stringify([...state.data.entries()]).includes(key), 'globalState never holds the key');
    assert.equal(secrets.data.get(secretKeyFor('a')), key);
    await store.remove('a');
    assert.equal(secrets.data.size, 0, 'removing the site deletes its secret');
    assert.equal(store.list().length, 0);
  });

  it('makes a new site active, and falls back to another when the active one goes', async () => {
    const store = new SiteStore(new MemoryState(), new MemorySecrets());
    const changes: string[] = [];
    store.onDidChange((c) => changes.push(c.kind));
    await store.add(record('a'), 'k1');
    await store.add(record('b'), 'k2');
    assert.equal(store.active()?.id, 'b');
    await store.remove('b');
    assert.equal(store.active()?.id, 'a');
    await assert.rejects(store.add(record('a'), 'k3'), /already exists/);
    assert.deepEqual(changes, ['added', 'active', 'added', 'active', 'removed', 'active']);
  });

  it('names sites readably and uniquely', () => {
    assert.equal(siteIdFor({ siteName: 'acme-test', baseUrl: 'https://acme-test.chargebee.com/api/v2' }, new Set()), 'acme-test');
    assert.equal(siteIdFor({ baseUrl: 'http://127.0.0.1:8750/api/v2' }, new Set()), '127.0.0.1-8750');
    assert.equal(siteIdFor({ baseUrl: 'http://127.0.0.1:8750/api/v2' }, new Set(['127.0.0.1-8750', '127.0.0.1-8750-2'])), '127.0.0.1-8750-3');
  });

  it('parses a typed site name or base URL', () => {
    assert.deepEqual(parseLocation('acme-test'), { siteName: 'acme-test', baseUrl: 'https://acme-test.chargebee.com/api/v2' });
    assert.deepEqual(parseLocation('http://127.0.0.1:8750'), { baseUrl: 'http://127.0.0.1:8750/api/v2' });
    assert.deepEqual(parseLocation('https://acme.chargebee.com/api/v2/'), { siteName: 'acme', baseUrl: 'https://acme.chargebee.com/api/v2' });
    assert.ok(locationProblem('http://example.com/api/v2'), 'plain http off this machine is refused');
    assert.ok(locationProblem('Acme Site'), 'a site name with spaces is refused');
    assert.equal(locationProblem('acme-test'), undefined);
  });

  it('tells test from live sites', () => {
    assert.equal(siteMode(record('x', 'http://127.0.0.1:1/api/v2'), undefined), 'test');
    assert.equal(siteMode({ ...record('y', 'https://acme.chargebee.com/api/v2'), siteName: 'acme' }, 'some-key'), 'live');
    assert.equal(siteMode({ ...record('z', 'https://acme-test.chargebee.com/api/v2'), siteName: 'acme-test' }, 'some-key'), 'test');
  });

  it('adds the dev site from the environment only when no site exists', async () => {
    const store = new SiteStore(new MemoryState(), new MemorySecrets());
    assert.equal(await addDevSite(store, { CHARGEBEE_DEV_BASE_URL: 'http://127.0.0.1:8750/api/v2' }), undefined, 'a URL without a key adds nothing');
    const id = await addDevSite(store, { CHARGEBEE_DEV_BASE_URL: 'http://127.0.0.1:8750/api/v2', CHARGEBEE_DEV_API_KEY: 'dev-key', CHARGEBEE_DEV_CATALOG: '1', CHARGEBEE_DEV_LABEL: 'Demo' });
    assert.equal(id, '127.0.0.1-8750');
    assert.equal(store.active()?.label, 'Demo');
    assert.equal(store.active()?.catalogVersion, 1);
    assert.equal(await store.apiKey('127.0.0.1-8750'), 'dev-key');
    assert.equal(await addDevSite(store, { CHARGEBEE_DEV_BASE_URL: 'http://127.0.0.1:9999', CHARGEBEE_DEV_API_KEY: 'other' }), undefined, 'not added twice');
  });
});

describe('core: site clients and the key check (sandbox)', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ port: 0, seed: 'empty' });
  });
  after(async () => sb.close());

  it('caches one client per site and rebuilds it when headers or the key change', async () => {
    const state = new MemoryState();
    const store = new SiteStore(state, new MemorySecrets());
    const headers = new RequestHeaderStore(state);
    const pokes: string[] = [];
    const clients = new SiteClients({ store, headers, timeoutMs: () => 5000, logFor: () => ({ debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }) });
    const exportApis = new ExportApis(clients);
    exportApis.onDidChange((siteId) => pokes.push(siteId));
    const site = record('sb', sb.url);
    await store.add(site, sb.apiKey);
    const first = await clients.clientFor(site);
    assert.ok(first);
    assert.equal(await clients.clientFor(site), first, 'cached');
    assert.ok(exportApis.apiFor('sb'), 'the export API exists once the key was read');
    assert.equal((await exportApis.apiFor('sb')?.retrieve('missing').catch((e: unknown) => e)) instanceof Error, true, 'the export API talks to the site');
    await headers.set('sb', { originDevice: 'unit' });
    const second = await clients.clientFor(site);
    assert.notEqual(second, first, 'rebuilt after a header change');
    await second?.request({ method: 'GET', path: '/customers', params: { limit: 1 } });
    const seen = sb.control.requests().at(-1);
    assert.equal(seen?.headers['chargebee-request-origin-device'], 'unit', 'the new client sends the header');
    await store.setApiKey('sb', 'another');
    assert.notEqual(await clients.clientFor(site), second, 'rebuilt after a key change');
    assert.ok(pokes.filter((id) => id === 'sb').length >= 2, 'the export jobs hear about new APIs');
    await store.remove('sb');
    assert.equal(exportApis.apiFor('sb'), undefined, "a removed site's export API is dropped");
    exportApis.dispose();
    clients.dispose();
  });

  it('tells a wrong key from an unreachable site', async () => {
    assert.deepEqual(await checkKey(sb.url, sb.apiKey), { ok: true });
    const wrong = await checkKey(sb.url, 'wrong-key');
    assert.equal(wrong.ok, false);
    assert.equal(!wrong.ok && wrong.unauthorized, true);
    assert.match(!wrong.ok ? wrong.message : '', /did not accept this API key/);
    const closed = await checkKey('http://127.0.0.1:9/api/v2', sb.apiKey, 2000);
    assert.equal(!closed.ok && closed.unauthorized, false, 'a refused connection is not a key problem');
  });
});
