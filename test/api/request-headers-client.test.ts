/**
 * A per-form override that switches off an event flag the site has on really stops the header going out:
 * the site's client always adds its headers, so the override reaches the wire as an empty value that the
 * client drops (and "Copy as curl" leaves out). Checked on what the sandbox received.
 */
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import { toCurl } from '../../src/chargebee/form-encoding';
import { buildRequestHeaders } from '../../src/request-headers/settings';
import { startSandbox, type RunningSandbox } from '../sandbox';

describe('request headers: a form switching off a site flag', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ port: 0 });
  });
  after(async () => sb.close());

  const site = { eventEmail: true, eventWebhook: true };

  it('sends the site flags by default and drops the one the form switched off', async () => {
    const client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, headers: buildRequestHeaders(site) });
    await client.request({ method: 'GET', path: '/customers', params: { limit: 1 } });
    await client.request({ method: 'GET', path: '/quotes', params: { limit: 1 }, headers: buildRequestHeaders(site, { eventEmail: false }) });
    const seen = sb.control.requests().filter((r) => r.path.endsWith('/customers') || r.path.endsWith('/quotes'));
    const byPath = (suffix: string) => seen.find((r) => r.path.endsWith(suffix))?.headers ?? {};
    assert.equal(byPath('/customers')['chargebee-event-email'], 'all-disabled');
    assert.equal(byPath('/quotes')['chargebee-event-email'], undefined, 'switched off by the form');
    assert.equal(byPath('/quotes')['chargebee-event-webhook'], 'all-disabled', 'the other site flag still goes');
  });

  it('leaves a switched-off header out of the curl', () => {
    const curl = toCurl({ method: 'POST', url: `${sb.url}/quotes`, pairs: [], headers: buildRequestHeaders(site, { eventEmail: false }) });
    assert.doesNotMatch(curl, /chargebee-event-email/);
    assert.match(curl, /chargebee-event-webhook: all-disabled/);
  });
});
