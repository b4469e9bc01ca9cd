/**
 * The viewers' page shell and CSP. Stricter than it looks: scripts only by nonce, no eval (PDF.js runs
 * with isEvalSupported false), and the one extra the viewers need is a worker built from a blob of a
 * bundled script (fetched from the extension, hence connect-src for the webview's own origin). No vscode
 * import, so it is unit-testable.
 */
import { createNonce, escapeHtml } from '../webview/html';

export interface ViewerPageOptions {
  readonly cspSource: string;
  readonly title: string;
  readonly scriptUri: string;
  /** A small script run first (the PDF viewer's worker start). */
  readonly bootScriptUri?: string;
  readonly styleUris: readonly string[];
  /** Data attributes for the script (e.g. the worker's URI), set on <body>. */
  readonly data?: Readonly<Record<string, string>>;
  readonly nonce?: string;
}

export function viewerCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

export function viewerPage(opts: ViewerPageOptions): string {
  const nonce = opts.nonce ?? createNonce();
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('a CSP nonce must be base64');
  const styles = opts.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  const data = Object.entries(opts.data ?? {})
    .map(([key, value]) => ` data-${key.replace(/[^a-z-]/g, '')}="${escapeHtml(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(viewerCsp(opts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(opts.title)}</title>
${styles}
</head>
<body${data}>
<main id="app" aria-busy="true"><p class="viewer-status" role="status">Loading…</p></main>
${opts.bootScriptUri === undefined ? '' : `<script nonce="${nonce}" src="${escapeHtml(opts.bootScriptUri)}"></script>\n`}<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>`;
}
