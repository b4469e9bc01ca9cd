import assert from 'node:assert/strict';
import {
  abortedError,
  ChargebeeError,
  errorFromResponse,
  formatDuration,
  isCancellation,
  networkError,
  paramLabel,
  timeoutError,
} from '../../src/chargebee/errors';

const site = 'acme-test.chargebee.com';

function apiBody(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

describe('ChargebeeError mapping', () => {
  it('maps a 400 with a param to a labelled message naming the param', () => {
    const err = errorFromResponse({
      status: 400,
      site,
      bodyText: apiBody({
        message: 'subscription[plan_id] : cannot be blank',
        type: 'invalid_request',
        api_error_code: 'param_wrong_value',
        param: 'subscription[plan_id]',
      }),
    });
    assert.ok(err instanceof ChargebeeError && err instanceof Error);
    assert.equal(err.kind, 'api');
    assert.equal(err.httpStatus, 400);
    assert.equal(err.type, 'invalid_request');
    assert.equal(err.apiErrorCode, 'param_wrong_value');
    assert.equal(err.param, 'subscription[plan_id]');
    assert.equal(err.message, 'Plan id: cannot be blank (subscription[plan_id])');
    assert.equal(err.apiMessage, 'subscription[plan_id] : cannot be blank');
    assert.equal(err.retryable, false);
  });

  it('strips a leaf-name echo too, and labels indexed and filter params by their field', () => {
    const err = errorFromResponse({
      status: 400,
      site,
      bodyText: apiBody({ message: 'quantity : should be greater than 0', api_error_code: 'param_wrong_value', param: 'addons[quantity][1]' }),
    });
    assert.equal(err.message, 'Quantity: should be greater than 0 (addons[quantity][1])');
    const unpunctuated = errorFromResponse({
      status: 400,
      site,
      bodyText: apiBody({ message: 'customer_id cannot be blank', api_error_code: 'param_wrong_value', param: 'customer_id' }),
    });
    assert.equal(unpunctuated.message, 'Customer id: cannot be blank (customer_id)');
    assert.equal(paramLabel('status[in]'), 'Status');
    assert.equal(paramLabel('customer[email][is]'), 'Email');
  });

  it('reads the legacy error_code / error_msg fields when the modern ones are missing', () => {
    const err = errorFromResponse({
      status: 404,
      site,
      bodyText: apiBody({ error_code: 'resource_not_found', error_msg: "Sorry, we couldn't find that resource", http_status_code: 404 }),
    });
    assert.equal(err.kind, 'api');
    assert.equal(err.apiErrorCode, 'resource_not_found');
    assert.equal(err.message, "Sorry, we couldn't find that resource.");
  });

  it('explains a 401 as a rejected key for the named site, without the API text', () => {
    const err = errorFromResponse({
      status: 401,
      site,
      bodyText: apiBody({ message: 'Sorry, authentication failed. Invalid api key', api_error_code: 'api_authentication_failed' }),
    });
    assert.equal(err.apiErrorCode, 'api_authentication_failed');
    assert.match(err.message, /^The API key was rejected by acme-test\.chargebee\.com\. Check the key/);
    assert.equal(err.retryable, false);
  });

  it('marks 429 and JSON 5xx retryable and keeps Retry-After', () => {
    const limited = errorFromResponse({
      status: 429,
      site,
      retryAfterMs: 2000,
      bodyText: apiBody({ message: 'Too many requests', type: 'operation_failed', api_error_code: 'api_request_limit_exceeded' }),
    });
    assert.equal(limited.retryable, true);
    assert.equal(limited.retryAfterMs, 2000);
    assert.match(limited.message, /HTTP 429/);
    const internal = errorFromResponse({ status: 500, site, bodyText: apiBody({ message: 'Boom', api_error_code: 'internal_error' }) });
    assert.equal(internal.retryable, true);
    assert.equal(internal.message, 'Chargebee could not complete the request (HTTP 500): Boom.');
  });

  it('maps non-JSON bodies the way the SDKs do', () => {
    const cases: [number, string, boolean, RegExp][] = [
      [503, 'internal_temporary_error', true, /^Chargebee is temporarily unavailable \(HTTP 503\)/],
      [504, 'gateway_timeout', true, /HTTP 504/],
      [502, 'internal_error', true, /unexpected response \(HTTP 502\)/],
      [400, 'internal_error', false, /unexpected response \(HTTP 400\)/],
    ];
    for (const [status, code, retryable, message] of cases) {
      const err = errorFromResponse({ status, site, bodyText: '<html><body>Service Unavailable</body></html>' });
      assert.equal(err.kind, 'non_json', String(status));
      assert.equal(err.httpStatus, status);
      assert.equal(err.apiErrorCode, code);
      assert.equal(err.retryable, retryable);
      assert.match(err.message, message);
    }
  });

  it('treats JSON without an api_error_code as non-JSON rather than inventing an API error', () => {
    const err = errorFromResponse({ status: 502, site, bodyText: '{"error":"bad gateway"}' });
    assert.equal(err.kind, 'non_json');
  });

  it('words timeouts with the limit in seconds', () => {
    const err = timeoutError(site, 30_000);
    assert.equal(err.kind, 'timeout');
    assert.equal(err.retryable, true);
    assert.match(err.message, /^Chargebee did not answer within 30 s/);
    assert.equal(formatDuration(1500), '1.5 s');
    assert.equal(formatDuration(200), '200 ms');
  });

  it('words network failures from the error code and never repeats the underlying message', () => {
    const cause = Object.assign(new Error('request to https://files.example/x.zip?X-Amz-Signature=abc failed'), { code: 'ECONNREFUSED' });
    const err = networkError(site, cause);
    assert.equal(err.kind, 'network');
    assert.equal(err.message, `Could not reach ${site}: the connection was refused (ECONNREFUSED).`);
    assert.doesNotMatch(err.message, /Signature|files\.example/);
    assert.match(networkError(site, new Error('socket hang up')).message, /^Could not reach/);
  });

  it('recognises cancellations, ours and fetch AbortErrors, and nothing else', () => {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    assert.equal(isCancellation(abortedError()), true);
    assert.equal(isCancellation(abort), true);
    assert.equal(isCancellation(timeoutError(site, 10)), false);
    assert.equal(isCancellation(new Error('x')), false);
    assert.equal(isCancellation('AbortError'), false);
  });
});
