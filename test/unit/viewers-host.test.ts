import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewerCsp, viewerPage } from '../../src/viewers/html';
import { MAX_COPY_CHARS, parseViewerMessage } from '../../src/viewers/protocol';
import { CSV_VIEW_TYPE, DEFAULT_CSV_MAX_MB, PDF_VIEW_TYPE, VIEWER_SCRIPTS, VIEWER_SETTINGS } from '../../src/viewers/view-types';

const root = join(__dirname, '../..');

interface Manifest {
  contributes: {
    customEditors: { viewType: string; priority: string; selector: { filenamePattern: string }[] }[];
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

describe('viewers: host side', () => {
  it('registers both viewers with priority "option", so they never take a file type from another extension', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
    const editors = manifest.contributes.customEditors;
    assert.deepEqual(editors.map((e) => [e.viewType, e.priority, e.selector[0]?.filenamePattern]), [
      [PDF_VIEW_TYPE, 'option', '*.pdf'],
      [CSV_VIEW_TYPE, 'option', '*.csv'],
    ]);
    const props = manifest.contributes.configuration.properties;
    assert.equal(props[VIEWER_SETTINGS.preferSystemPdfViewer]?.default, false);
    assert.equal(props[VIEWER_SETTINGS.csvMaxFileSizeMb]?.default, DEFAULT_CSV_MAX_MB);
  });

  it('builds each viewer script the page names', () => {
    for (const script of Object.values(VIEWER_SCRIPTS)) {
      assert.ok(readFileSync(join(root, 'src/viewers/ui', script.replace(/\.js$/, '.ts')), 'utf8').length > 0, script);
    }
  });

  it('has a strict CSP: scripts by nonce only, no eval, no inline styles, workers only from blobs', () => {
    const csp = viewerCsp('https://x.vscode-cdn.net', 'abc=');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc='"]);
    assert.deepEqual(directives.get('worker-src'), ['blob:']);
    assert.deepEqual(directives.get('connect-src'), ['https://x.vscode-cdn.net']);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp.replace('x.vscode-cdn.net', '')));
  });

  it('escapes what it puts in the page and refuses a nonce that is not base64', () => {
    const html = viewerPage({ cspSource: 'https://c', title: '<q>.pdf', scriptUri: 'https://c/a.js', styleUris: ['https://c/s.css'], data: { worker: 'https://c/w.js?a="b"' }, nonce: 'n0nce' });
    assert.match(html, /<title>&lt;q&gt;\.pdf<\/title>/);
    assert.match(html, /data-worker="https:\/\/c\/w\.js\?a=&quot;b&quot;"/);
    assert.match(html, /<script nonce="n0nce" src="https:\/\/c\/a\.js"><\/script>/);
    assert.throws(() => viewerPage({ cspSource: 'c', title: 't', scriptUri: 's', styleUris: [], nonce: '" onload="x' }));
  });

  it('takes only known messages from the webview', () => {
    assert.deepEqual(parseViewerMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseViewerMessage({ type: 'action', action: 'saveAs' }), { type: 'action', action: 'saveAs' });
    assert.equal(parseViewerMessage({ type: 'action', action: 'rm -rf' }), undefined);
    assert.deepEqual(parseViewerMessage({ type: 'copy', text: 'a,b', what: 'a cell' }), { type: 'copy', text: 'a,b', what: 'a cell' });
    assert.equal(parseViewerMessage({ type: 'copy', text: 5, what: 'x' }), undefined);
    assert.equal(parseViewerMessage({ type: 'copy', text: 'x'.repeat(MAX_COPY_CHARS + 1), what: 'x' }), undefined);
    assert.equal(parseViewerMessage(null), undefined);
    assert.equal(parseViewerMessage(['ready']), undefined);
    assert.equal(parseViewerMessage({ type: 'eval' }), undefined);
  });
});
