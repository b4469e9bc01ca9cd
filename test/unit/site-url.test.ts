import assert from 'node:assert/strict';
import {
  baseUrlForSite,
  baseUrlProblem,
  consoleUrlFor,
  isLoopbackHost,
  isTestSite,
  normaliseBaseUrl,
  resolveBaseUrl,
  siteNameFromBaseUrl,
  siteNameProblem,
} from '../../src/chargebee/site-url';

describe('site URLs', () => {
  it('derives the API base from a site name', () => {
    assert.equal(baseUrlForSite('acme-test'), 'https://acme-test.chargebee.com/api/v2');
    assert.equal(resolveBaseUrl({ siteName: 'acme2' }), 'https://acme2.chargebee.com/api/v2');
  });

  it('rejects site names that are not lowercase DNS labels', () => {
    for (const bad of ['', 'Acme', 'acme.chargebee.com', '-acme', 'acme-', 'ac me', 'acme_test']) {
      assert.notEqual(siteNameProblem(bad), undefined, bad);
      assert.throws(() => baseUrlForSite(bad));
    }
    assert.match(siteNameProblem('acme.chargebee.com') ?? '', /only the site name/);
    assert.equal(siteNameProblem('a'), undefined);
  });

  it('normalises explicit base URLs: trailing slashes, bare origins, an /api/v2 prefix kept', () => {
    assert.equal(normaliseBaseUrl('https://acme.chargebee.com/api/v2/'), 'https://acme.chargebee.com/api/v2');
    assert.equal(normaliseBaseUrl('https://acme.chargebee.com//'), 'https://acme.chargebee.com/api/v2');
    assert.equal(normaliseBaseUrl(' http://127.0.0.1:8750 '), 'http://127.0.0.1:8750/api/v2');
    assert.equal(normaliseBaseUrl('https://proxy.example/cb/api/v2'), 'https://proxy.example/cb/api/v2');
    assert.equal(resolveBaseUrl({ siteName: 'ignored', baseUrl: 'http://localhost:1/' }), 'http://localhost:1/api/v2');
  });

  it('allows plain http only on loopback', () => {
    assert.equal(normaliseBaseUrl('http://[::1]:9/api/v2'), 'http://[::1]:9/api/v2');
    assert.equal(normaliseBaseUrl('http://127.8.9.10:9'), 'http://127.8.9.10:9/api/v2');
    assert.match(baseUrlProblem('http://acme.chargebee.com/api/v2') ?? '', /https/);
    assert.match(baseUrlProblem('http://10.0.0.1/api/v2') ?? '', /https/);
    assert.match(baseUrlProblem('ftp://127.0.0.1/api/v2') ?? '', /https/);
  });

  it('refuses other paths, query strings, credentials and non-URLs', () => {
    assert.match(baseUrlProblem('https://acme.chargebee.com/api/v1') ?? '', /\/api\/v2/);
    assert.match(baseUrlProblem('https://acme.chargebee.com/api/v2?x=1') ?? '', /query/);
    assert.match(baseUrlProblem('https://user:pw@acme.chargebee.com/api/v2') ?? '', /password/);
    assert.notEqual(baseUrlProblem('acme.chargebee.com'), undefined);
    assert.throws(() => normaliseBaseUrl('not a url'));
  });

  it('recognises loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.255.254', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['128.0.0.1', '127.0.0.1.nip.io', '10.0.0.1', 'localhost.example', '[::2]']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('calls a site test on any one signal: -test name, test_ key, loopback URL', () => {
    assert.equal(isTestSite({ siteName: 'acme-test' }), true);
    assert.equal(isTestSite({ siteName: 'acme', apiKey: 'test_abc' }), true);
    assert.equal(isTestSite({ baseUrl: 'http://127.0.0.1:8750/api/v2' }), true);
    assert.equal(isTestSite({ baseUrl: 'https://acme-test.chargebee.com/api/v2' }), true);
    assert.equal(isTestSite({ siteName: 'acme', apiKey: 'live_abc' }), false);
    assert.equal(isTestSite({ siteName: 'test-acme' }), false);
    assert.equal(isTestSite({ baseUrl: 'https://proxy.example/api/v2' }), false);
  });

  it('opens the web app of real sites only', () => {
    assert.equal(consoleUrlFor('acme-test'), 'https://acme-test.chargebee.com');
    assert.equal(consoleUrlFor({ baseUrl: 'https://acme.chargebee.com/api/v2' }), 'https://acme.chargebee.com');
    assert.equal(consoleUrlFor({ siteName: 'local', baseUrl: 'http://127.0.0.1:8750/api/v2' }), undefined);
    assert.equal(consoleUrlFor('Not Valid'), undefined);
    assert.equal(siteNameFromBaseUrl('https://evil.example/acme.chargebee.com'), undefined);
  });
});
