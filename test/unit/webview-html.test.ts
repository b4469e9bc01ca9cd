import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderWebviewHtml } from '../../src/webview/html';

const opts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/forms.entry.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css'],
};

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return (m[1] ?? '').replace(/&#39;|&apos;/g, "'");
}

describe('webview html', () => {
  it('carries a strict CSP: nothing by default, scripts only by nonce, styles and images from the webview', () => {
    const html = renderWebviewHtml({ ...opts, nonce: 'abc123' });
    const csp = cspOf(html);
    assert.equal(csp, contentSecurityPolicy(opts.cspSource, 'abc123'));
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc123'"]);
    assert.deepEqual(directives.get('style-src'), [opts.cspSource]);
    assert.deepEqual(directives.get('img-src'), [opts.cspSource, 'data:']);
    assert.deepEqual(directives.get('font-src'), [opts.cspSource]);
    // Neither falls back to default-src: without them a form could post to, or a <base> rebase links onto, any origin.
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp));
  });

  it('puts the nonce on every script, and every script is external', () => {
    const html = renderWebviewHtml({ ...opts, nonce: 'n0nce' });
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attrs = '', body = ''] of scripts) {
      assert.match(attrs, /\snonce="n0nce"/);
      assert.match(attrs, /\ssrc="[^"]+forms\.entry\.js"/);
      assert.equal(body.trim(), '');
    }
  });

  it('has no inline handlers, inline styles or inline style blocks', () => {
    const html = renderWebviewHtml(opts);
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no on* attributes');
    assert.ok(!/\sstyle\s*=/i.test(html), 'no style attributes');
    assert.ok(!/<style/i.test(html), 'no style elements');
    assert.ok(!/javascript:/i.test(html));
  });

  it('holds no data but the resource URIs: the same options give the same page apart from the nonce', () => {
    const a = renderWebviewHtml({ ...opts, nonce: 'AAAA' });
    const b = renderWebviewHtml({ ...opts, nonce: 'BBBB' });
    assert.equal(a.replace(/AAAA/g, 'N'), b.replace(/BBBB/g, 'N'));
    // The page text is fixed: strip tags, URIs and the nonce, and only the shell's own words remain.
    const text = a.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    assert.equal(text, 'Chargebee Loading…');
  });

  it('escapes URIs into attributes and refuses a nonce that could break out of one', () => {
    const html = renderWebviewHtml({ ...opts, scriptUri: 'https://x/"><img src=x onerror=alert(1)>', nonce: 'abc' });
    assert.ok(!html.includes('"><img'));
    assert.ok(!/<img/.test(html));
    assert.throws(() => renderWebviewHtml({ ...opts, nonce: '"><script>' }));
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
    const first = /nonce="([^"]+)"/.exec(renderWebviewHtml(opts))?.[1];
    const second = /nonce="([^"]+)"/.exec(renderWebviewHtml(opts))?.[1];
    assert.ok(first && second && first !== second);
  });
});
