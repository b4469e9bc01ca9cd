/**
 * The one HTML page every webview of the extension uses. It holds no user data at all: the page is a
 * fixed shell whose script asks for its content with `ready` and gets it by postMessage, so nothing a
 * user or the API typed can ever be parsed as HTML here. No vscode import, so it is unit-testable.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of the bundled script, as a string. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  /** Defaults to a fresh random nonce; tests pass one to check it is used. */
  readonly nonce?: string;
}

/** 128 random bits, base64: unguessable per page load, as CSP nonces must be. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function renderWebviewHtml(opts: WebviewHtmlOptions): string {
  const nonce = opts.nonce ?? createNonce();
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('a CSP nonce must be base64');
  const csp = contentSecurityPolicy(opts.cspSource, nonce);
  const styles = opts.styleUris.map((uri) => `  <link rel="stylesheet" href="${attr(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>Chargebee</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
  <script nonce="${nonce}" src="${attr(opts.scriptUri)}"></script>
</body>
</html>`;
}

/** URIs come from asWebviewUri, but escaping them costs nothing and keeps the page a fixed shape. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
