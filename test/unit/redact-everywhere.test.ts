/**
 * Nothing shown or logged holds a secret: the one redaction pass catches presigned links however
 * they are written (plain, JSON-escaped, URL-encoded, credentials in the path or in bare
 * parameters), keys in any form (raw, `cb_live_`, Basic auth, base64, remembered keys of any
 * shape), and the places text reaches a person use it: errors, the log channel, webview error lists.
 */
import assert from 'node:assert/strict';
import { int, str } from '../../src/chargebee/catalog/builders';
import type { EndpointSpec } from '../../src/chargebee/catalog/types';
import { ChargebeeClient } from '../../src/chargebee/client';
import { errorFromResponse } from '../../src/chargebee/errors';
import { MASK, redactingLog, redactSecrets, redactUrl, userMessage } from '../../src/chargebee/redact';
import { buildFormModel } from '../../src/forms/model';
import { emptyValues } from '../../src/forms/values';
import { buildRequestFor } from '../../src/webview/build-request';
import type { FormController } from '../../src/webview/form-controller';
import { FormSession } from '../../src/webview/form-session';
import type { HostToWebview } from '../../src/webview/protocol';

// Built at run time so no key-shaped literal sits in the source.
const liveKey = ['live', 'Xy12Zw34Ab56Cd78'].join('_');
const testKey = ['test', '9QmN4kLp2RsT7vWx'].join('_');
const SIG = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CRED = 'AKIAIOSFODNN7EXAMPLE';
const presigned = `https://bucket.s3.amazonaws.com/exports/Customers.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${CRED}%2F20260101&X-Amz-Signature=${SIG}`;

function assertClean(text: string, ...secrets: string[]): void {
  for (const secret of [SIG, CRED, ...secrets]) assert.ok(!text.includes(secret), `${JSON.stringify(secret)} in ${text}`);
}

describe('redaction everywhere', () => {
  it('masks a presigned link written plain, JSON-escaped or URL-encoded (once or twice)', () => {
    const json = JSON.stringify({ download: { download_url: presigned } }).replace(/\//g, '\\/');
    assert.ok(json.includes('https:\\/\\/'));
    const once = encodeURIComponent(presigned);
    const twice = encodeURIComponent(once);
    for (const text of [`at ${presigned}.`, json, `next=${once}`, `next=${twice}`, `"${presigned.replace(/&/g, '\\u0026')}"`]) {
      const out = redactSecrets(text);
      assertClean(out);
      assert.match(out, /bucket\.s3\.amazonaws\.com/, 'the host stays, it helps');
    }
    assert.match(redactSecrets(json), /https:\\\/\\\/bucket\.s3\.amazonaws\.com\\\/exports\\\/Customers\.zip\?/);
  });

  it('masks credentials in URL paths and bare presigned parameters, keeping file names and API ids', () => {
    const pathToken = 'https://files.example/dl/9f8e7d6c5b4a39281706aBcD/report.zip';
    assert.equal(redactUrl(pathToken), `https://files.example/dl/${MASK}/report.zip`);
    const api = 'https://acme-test.chargebee.com/api/v2/exports/export_16BjgYSxK9bD3AbC7';
    assert.equal(redactUrl(api), api);
    const bare = redactSecrets(`X-Amz-Signature=${SIG}&X-Amz-Credential=${CRED} Signature=${SIG} token=${SIG} sig=${SIG}`);
    assertClean(bare);
    assert.match(bare, /X-Amz-Signature=\*\*\*/);
  });

  it('masks keys of any form: test_/live_, inside cb_live_, Basic and Bearer headers, base64', () => {
    const basic = Buffer.from(`${liveKey}:`).toString('base64');
    const text = [
      `key ${testKey}`,
      `key cb_${liveKey}`,
      `Authorization: Basic ${basic}`,
      `authorization=Bearer abc.def-123456`,
      `b64 ${Buffer.from(testKey).toString('base64')}`,
      `https://${testKey}:@acme-test.chargebee.com/api/v2/quotes`,
    ].join('\n');
    const out = redactSecrets(text);
    assertClean(out, testKey, liveKey, basic, 'abc.def-123456', Buffer.from(testKey).toString('base64'), '9QmN4kLp2RsT7vWx', 'Xy12Zw34Ab56Cd78');
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['GET /quotes/Q-123 200 12 ms', 'Basic information about test_environment', 'quote Q-1 saved to /tmp/quote-Q-1-2026-01-01.pdf', 'https://acme-test.chargebee.com/d/quotes/Q-1']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('masks a key of any shape once a client has been built with it, wherever it is echoed', () => {
    const odd = 'sandbox-odd-shaped-key-42';
    assert.equal(redactSecrets(`echo ${odd}`), `echo ${odd}`);
    void new ChargebeeClient({ baseUrl: 'https://acme-test.chargebee.com', apiKey: odd });
    for (const form of [odd, encodeURIComponent(odd), Buffer.from(`${odd}:`).toString('base64')]) assertClean(redactSecrets(`echo ${form}`), odd, form);
  });

  it('redacts what a server echoes into an API error, in its message and its apiMessage', () => {
    const body = JSON.stringify({ message: `bad link ${presigned} for ${liveKey}`, api_error_code: 'invalid_request', type: 'invalid_request' });
    const err = errorFromResponse({ status: 400, bodyText: body, site: 'acme-test.chargebee.com' });
    assertClean(err.message, liveKey);
    assertClean(err.apiMessage ?? '', liveKey);
    const withParam = errorFromResponse({ status: 400, bodyText: JSON.stringify({ message: `x ${liveKey}`, param: 'id', api_error_code: 'invalid_request' }), site: 's' });
    assertClean(withParam.message, liveKey);
  });

  it('gives a person an error message without the link node-fetch puts in it', () => {
    const err = new Error(`Invalid response body while trying to fetch ${presigned}: aborted`);
    assertClean(userMessage(err));
    assertClean(userMessage(`failed ${presigned}`));
  });

  it('redacts every line written to the log channel, leaving the rest of the channel as it is', () => {
    const lines: string[] = [];
    const channel = {
      name: 'Chargebee',
      logLevel: 2,
      info: (m: string, ...args: unknown[]) => void lines.push(`info ${m} ${args.map(String).join(' ')}`),
      error: (e: string | Error, ...args: unknown[]) => void lines.push(`error ${typeof e === 'string' ? e : `${e.message} | ${e.stack ?? ''}`} ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`),
      appendLine: (m: string) => void lines.push(`line ${m}`),
      show(this: { name: string }) {
        lines.push(`show ${this.name}`);
      },
    };
    const log = redactingLog(channel);
    log.info(`saved from ${presigned}`, { url: presigned });
    log.error(new Error(`fetch ${presigned} failed`), presigned);
    log.error(`key ${liveKey}`);
    log.appendLine(`Basic ${Buffer.from(`${liveKey}:`).toString('base64')}`);
    log.show();
    assert.equal(log.name, 'Chargebee');
    assert.equal(log.logLevel, 2);
    assert.equal(lines.length, 5);
    for (const line of lines) assertClean(line, liveKey);
    assert.equal(lines.at(-1), 'show Chargebee');
  });

  it('shows a webview form a redacted error, on submit and in picker results', async () => {
    const spec: EndpointSpec = {
      id: 'test.thing',
      method: 'POST',
      path: '/things',
      title: 'Thing',
      pathParams: [],
      params: [str('description', 50, { required: true }), int('count', { min: 1 })],
      response: 'quote',
    };
    const model = buildFormModel(spec, { catalogVersion: 2, multiDecimal: false });
    const posted: HostToWebview[] = [];
    const failure = new Error(`Invalid response body while trying to fetch ${presigned}: aborted (${liveKey})`);
    const controller: FormController = {
      definition: { model, site: { name: 'acme-test', currency: 'USD', multiDecimal: false, mode: 'test' } },
      onPickerQuery: () => Promise.reject(failure),
      onSubmit: () => Promise.reject(failure),
      buildRequest: (submission) => buildRequestFor(spec, submission, { baseUrl: 'https://acme-test.example/api/v2' }),
    };
    const session = new FormSession(controller, { post: (m) => posted.push(m), copyText: () => Promise.resolve(), close: () => undefined, warn: () => undefined }, 'form-r');
    await session.handle({ type: 'pickerQuery', requestId: 1, kind: 'customer', text: '' });
    await session.handle({ type: 'submit', values: { ...emptyValues(), fields: { description: 'x' } } });
    const texts = posted.filter((m) => m.type === 'pickerResults' || m.type === 'submitResult').map((m) => JSON.stringify(m));
    assert.equal(texts.length, 2, JSON.stringify(posted));
    for (const text of texts) assertClean(text, liveKey);
  });
});
