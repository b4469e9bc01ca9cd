/**
 * Masks what must never reach a log, an error message or a clipboard: API keys (raw, in Basic auth
 * headers, URL-encoded) and the query strings of URLs, which for presigned download links are the
 * credential itself.
 */

export const MASK = '***';

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

// Chargebee key shapes; a backstop for keys that reach text without being listed as secrets.
const KEY_PATTERN = /\b(test|live)_[A-Za-z0-9]{8,}/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>`]+/g;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** The URL with user info removed and every query value masked (names kept, they help debugging). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const names = [...parsed.searchParams.keys()];
  const query = names.length === 0 ? '' : `?${names.map((n) => `${encodeURIComponent(n)}=${MASK}`).join('&')}`;
  return `${parsed.origin}${parsed.pathname}${query}`;
}

/**
 * `text` with every listed secret masked, in the forms it travels in (raw, URL-encoded, Basic auth
 * base64), key-shaped tokens masked, and the query values of any URL in it masked.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would mask ordinary words; no real key is that short.
    if (secret === undefined || secret.length < 4) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      Buffer.from(`${secret}:`).toString('base64'),
      Buffer.from(secret).toString('base64'),
    ]);
    for (const form of forms) out = out.split(form).join(MASK);
  }
  return out.replace(KEY_PATTERN, `$1_${MASK}`).replace(URL_PATTERN, (url) => redactUrl(url));
}
