/**
 * Masks what must never reach a log, an error message, a toast, a tree row, a webview or a clipboard:
 * API keys (raw, in Basic auth headers, base64, URL-encoded), presigned download links (their query
 * strings and token-like path segments), in plain, JSON-escaped (`https:\/\/`) and URL-encoded
 * (`https%3A%2F%2F`) form, wherever they sit in a text, including text a server echoes back.
 * `redactSecrets` is the one pass every user-visible text goes through.
 */

export const MASK = '***';

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

// Very short strings would mask ordinary words; no real key is that short.
const MIN_SECRET_LENGTH = 4;

/**
 * Every API key a client was built with in this process, so text that names one is masked even where
 * the code printing it never held the key (an echo in an error body, a log line built elsewhere).
 */
const knownSecrets = new Set<string>();

const MIN_REMEMBERED_LENGTH = 12;

/**
 * Registers a secret (an API key in use) to be masked in every later `redactSecrets`. Real keys are
 * 30-odd characters; a shorter string (a test's placeholder key) would mask ordinary words everywhere.
 */
export function rememberSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= MIN_REMEMBERED_LENGTH) knownSecrets.add(secret);
}


// Chargebee key shapes (`test_…`, `live_…`, also inside `cb_live_…`); a backstop for keys never registered.
const KEY_PATTERN = /(?<![A-Za-z0-9])(test|live)_(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{8,}/g;
// The same keys base64-encoded, as in a Basic auth header: base64("test_") and base64("live_") start so.
const BASE64_KEY_PATTERN = /(?<![A-Za-z0-9+/])(?:dGVzdF|bGl2ZV)[A-Za-z0-9+/]{8,}={0,2}/g;
// Case-sensitive, and the credential must hold a digit or base64 padding, so "Basic information" stays.
const AUTH_SCHEME_PATTERN = /\b(Basic|Bearer)(\s+)(?=[A-Za-z._~-]*[0-9+/=])[A-Za-z0-9+/=._~-]{8,}/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>`]+/gi;
const JSON_ESCAPED_URL_PATTERN = /\bhttps?:\\\/\\\/[^\s"'<>`]+/gi;
// `https%3A%2F%2F…`, once or more encoded (`%253A`); `&` ends it, as it would end a query value.
const ENCODED_URL_PATTERN = /\bhttps?%(?:25)*3A[^\s"'<>`&]+/gi;
// Credential-bearing query parameters of presigned links (S3, GCS, Azure, CloudFront), outside a URL too.
const SIGNED_PARAM_PATTERN =
  /\b(X-Amz-(?:Signature|Credential|Security-Token)|X-Goog-(?:Signature|Credential)|AWSAccessKeyId|Signature|Key-Pair-Id|Policy|sig|token|access_token|api_key|apikey)=(?!\*\*\*)[^&\s"'<>`]+/gi;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/**
 * A path segment that looks like a token rather than a name: long, mixing letters and digits, and no
 * file extension. Presigned links of some stores carry their credential in the path.
 */
function tokenLike(segment: string): boolean {
  if (segment.length < 20 || /\.[A-Za-z0-9]{1,5}$/.test(segment)) return false;
  return /[A-Za-z]/.test(segment) && /[0-9]/.test(segment);
}

/**
 * The URL with user info removed, every query value masked (names kept, they help debugging) and
 * token-like path segments masked. Paths of the Chargebee API (`/api/v2/…`) hold resource ids the
 * user needs to see, so they are kept.
 */
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
  const path = parsed.pathname.startsWith('/api/')
    ? parsed.pathname
    : parsed.pathname
        .split('/')
        .map((segment) => (tokenLike(decodeSafely(segment)) ? MASK : segment))
        .join('/');
  return `${parsed.origin}${path}${query}`.replace(KEY_PATTERN, `$1_${MASK}`);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An encoded URL decoded until it reads as a URL (at most three layers), then redacted. */
function redactEncodedUrl(encoded: string): string {
  let text = encoded;
  for (let i = 0; i < 3 && /^https?%/i.test(text); i++) text = decodeSafely(text);
  return /^https?:\/\//i.test(text) ? redactUrl(text) : `${encoded.slice(0, encoded.indexOf('%'))}:${MASK}`;
}

/** A JSON string's URL (`https:\/\/h\/p?x=1`) redacted and put back in the same escaped form. */
function redactJsonEscapedUrl(escaped: string): string {
  return redactUrl(escaped.replace(/\\\//g, '/')).replace(/\//g, '\\/');
}

/**
 * `text` with every listed and every remembered secret masked, in the forms it travels in (raw,
 * URL-encoded, JSON-escaped, Basic auth base64), key-shaped tokens and auth headers masked, and the
 * credentials of any URL in it (plain, JSON-escaped or URL-encoded) masked.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of new Set([...secrets, ...knownSecrets])) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(`${secret}:`).toString('base64'),
      Buffer.from(secret).toString('base64'),
    ]);
    for (const form of forms) out = out.split(form).join(MASK);
  }
  return out
    .replace(JSON_ESCAPED_URL_PATTERN, redactJsonEscapedUrl)
    .replace(ENCODED_URL_PATTERN, redactEncodedUrl)
    .replace(URL_PATTERN, (url) => redactUrl(url))
    .replace(SIGNED_PARAM_PATTERN, `$1=${MASK}`)
    .replace(AUTH_SCHEME_PATTERN, `$1$2${MASK}`)
    .replace(KEY_PATTERN, `$1_${MASK}`)
    .replace(BASE64_KEY_PATTERN, MASK);
}

/** The text a person is shown for an error (toast, tree row, webview list): its message, redacted. */
export function userMessage(err: unknown): string {
  return redactSecrets(err instanceof Error ? err.message : String(err));
}

const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function redactedArgument(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value instanceof Error) {
    const clean = new Error(redactSecrets(value.message));
    clean.name = value.name;
    clean.stack = redactSecrets(value.stack ?? value.message);
    return clean;
  }
  if (typeof value === 'object' && value !== null) {
    try {
      return redactSecrets(JSON.stringify(value));
    } catch {
      return '[unprintable]';
    }
  }
  return value;
}

/**
 * `log` (a LogOutputChannel, or anything with its writing methods) with every written argument
 * redacted, so no line reaches the Output view unmasked, whoever built it.
 */
export function redactingLog<T extends object>(log: T): T {
  return new Proxy(log, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && LOG_METHODS.has(prop)) return (...args: unknown[]) => method.apply(target, args.map(redactedArgument));
      return method.bind(target);
    },
  });
}
