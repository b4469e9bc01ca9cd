/**
 * The one HTML page every form webview uses, and the CSP, nonce and escaping every webview page is
 * built with (the quote detail page renders on the host, but from these same parts). The form page
 * holds no user data at all: a fixed shell whose script asks for its content with `ready` and gets it
 * by postMessage. No vscode import, so it is unit-testable.
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

/** A nonce lands inside attributes and the CSP, so anything but base64 is refused outright. */
function assertNonce(nonce: string): void {
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('a CSP nonce must be base64');
}

export interface CspOptions {
  /** Allow `<style nonce>` blocks (the host-rendered detail page); form pages load only stylesheets. */
  readonly nonceStyles?: boolean;
}

export function contentSecurityPolicy(cspSource: string, nonce: string, options: CspOptions = {}): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}${options.nonceStyles === true ? ` 'nonce-${nonce}'` : ''}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    // Neither falls back to default-src, so both are closed explicitly: no form posts anywhere, no <base> rebases URLs.
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface WebviewPage {
  readonly cspSource: string;
  readonly nonce: string;
  readonly csp?: CspOptions;
  readonly lang: string;
  readonly title: string;
  /** Trusted markup after the title (stylesheets, a nonce'd style block). */
  readonly head: string;
  /** Trusted markup of the body; anything from a user or the API must already be escaped. */
  readonly body: string;
}

/** Every webview document: the nonce is checked and the CSP meta comes first, before anything it governs. */
export function webviewPage(page: WebviewPage): string {
  assertNonce(page.nonce);
  const csp = contentSecurityPolicy(page.cspSource, page.nonce, page.csp);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>`;
}

export function renderWebviewHtml(opts: WebviewHtmlOptions): string {
  const nonce = opts.nonce ?? createNonce();
  // URIs come from asWebviewUri, but escaping them costs nothing and keeps the page a fixed shape.
  const styles = opts.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return webviewPage({
    cspSource: opts.cspSource,
    nonce,
    lang: 'en',
    title: 'Chargebee',
    head: styles,
    body: `<main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>`,
  });
}

/** HTML escaping for text and attribute values: the five characters that can end a text or attribute context. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
