import assert from 'node:assert/strict';
import { MASK, redactSecrets, redactUrl } from '../../src/chargebee/redact';

// Built at run time so no key-shaped literal sits in the source.
const key = ['test', 'Ab12Cd34Ef56'].join('_');

describe('redaction', () => {
  it('masks every query value of a URL and drops user info, keeping names and path', () => {
    const url = 'https://user:pw@bucket.example/exports/Customers.zip?X-Amz-Signature=deadbeef&X-Amz-Expires=14400#frag';
    const redacted = redactUrl(url);
    assert.equal(redacted, `https://bucket.example/exports/Customers.zip?X-Amz-Signature=${MASK}&X-Amz-Expires=${MASK}`);
    assert.equal(redactUrl('http://127.0.0.1:1/api/v2/quotes'), 'http://127.0.0.1:1/api/v2/quotes');
    assert.equal(redactUrl('nonsense'), '[unparseable URL]');
  });

  it('masks a secret raw, URL-encoded and as Basic auth, plus key-shaped tokens and URL queries', () => {
    const secret = 'pa ss/word';
    const basic = Buffer.from(`${secret}:`).toString('base64');
    const text = `k=${secret} e=${encodeURIComponent(secret)} h=Basic ${basic} other=${key} at https://x.example/f?sig=1.`;
    const out = redactSecrets(text, [secret]);
    assert.doesNotMatch(out, /pa ss|pa%20ss|Ab12Cd34/);
    assert.ok(!out.includes(basic));
    assert.match(out, /sig=\*\*\*/);
    assert.equal(out.split(MASK).length - 1, 5);
  });

  it('leaves text without secrets alone and ignores tiny secrets', () => {
    assert.equal(redactSecrets('GET /quotes 200 12 ms', ['ab', undefined]), 'GET /quotes 200 12 ms');
  });
});
