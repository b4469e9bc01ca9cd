/**
 * Where a site's API lives, and whether it is a test site. A site is either a Chargebee site name
 * (`acme-test` -> `https://acme-test.chargebee.com/api/v2`) or an explicit base URL, which exists for
 * the sandbox and for proxies; plain http is allowed only on loopback so a key never crosses a network
 * in the clear.
 */

/** How a site is identified; exactly one of `siteName` / `baseUrl` is normally set. */
export interface SiteRef {
  readonly siteName?: string;
  readonly baseUrl?: string;
}

export const API_PATH = '/api/v2';
const CHARGEBEE_HOST_SUFFIX = '.chargebee.com';

// Chargebee site names are DNS labels: lowercase letters, digits and inner hyphens, at most 63 chars.
const SITE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `name` is not a usable site name, or undefined when it is. Suits an input box's validateInput. */
export function siteNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Enter the site name, e.g. acme-test for acme-test.chargebee.com.';
  if (name.includes('.')) return 'Enter only the site name (acme-test), not the whole host name.';
  if (!SITE_NAME.test(name)) {
    return 'A site name holds lowercase letters, digits and hyphens, and neither starts nor ends with a hyphen.';
  }
  return undefined;
}

export function isValidSiteName(name: string): boolean {
  return siteNameProblem(name) === undefined;
}

/** `https://{site}.chargebee.com/api/v2`; throws on an invalid site name. */
export function baseUrlForSite(siteName: string): string {
  const problem = siteNameProblem(siteName);
  if (problem !== undefined) throw new Error(problem);
  return `https://${siteName}${CHARGEBEE_HOST_SUFFIX}${API_PATH}`;
}

/** 127.0.0.0/8, `localhost` and `[::1]` (URL host forms, so IPv6 keeps its brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

type Normalised = { ok: true; url: string } | { ok: false; problem: string };

function normalise(raw: string): Normalised {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'Enter a full URL, e.g. https://acme-test.chargebee.com/api/v2.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: 'The base URL must start with https://.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, problem: 'Plain http is allowed only on this machine (127.0.0.1, localhost, [::1]); use https.' };
  }
  // Credentials in the URL would end up in logs and settings; the key belongs in SecretStorage.
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'Leave the user name and password out of the URL; the API key is asked for separately.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, problem: 'The base URL cannot have a query string or a #fragment.' };
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = API_PATH;
  if (!path.endsWith(API_PATH)) {
    return { ok: false, problem: `The base URL must end with ${API_PATH} (or be an origin only, such as http://127.0.0.1:8750).` };
  }
  return { ok: true, url: `${url.origin}${path}` };
}

/** Why `raw` is not a usable base URL, or undefined when it is. */
export function baseUrlProblem(raw: string): string | undefined {
  const result = normalise(raw);
  return result.ok ? undefined : result.problem;
}

/**
 * The canonical form of an explicit base URL: no trailing slash, `/api/v2` appended to a bare origin.
 * Throws with a readable message when the URL is not acceptable.
 */
export function normaliseBaseUrl(raw: string): string {
  const result = normalise(raw);
  if (!result.ok) throw new Error(result.problem);
  return result.url;
}

/** The API base of a site: its explicit base URL when set, else the one derived from its name. */
export function resolveBaseUrl(site: SiteRef): string {
  if (site.baseUrl !== undefined && site.baseUrl !== '') return normaliseBaseUrl(site.baseUrl);
  if (site.siteName !== undefined) return baseUrlForSite(site.siteName);
  throw new Error('A site needs a site name or a base URL.');
}

/** The Chargebee site name behind a `https://{site}.chargebee.com` URL, if it is one. */
export function siteNameFromBaseUrl(baseUrl: string): string | undefined {
  let host: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:') return undefined;
    host = url.hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (!host.endsWith(CHARGEBEE_HOST_SUFFIX)) return undefined;
  const name = host.slice(0, -CHARGEBEE_HOST_SUFFIX.length);
  return isValidSiteName(name) ? name : undefined;
}

/**
 * Test sites get a TEST badge and skip the live-site write confirmation, so any one signal is enough:
 * a `-test` site name (also inside a chargebee.com base URL), a `test_` key, or a loopback base URL.
 */
export function isTestSite(site: SiteRef & { readonly apiKey?: string }): boolean {
  if (site.apiKey?.startsWith('test_') === true) return true;
  if (site.siteName?.endsWith('-test') === true) return true;
  if (site.baseUrl !== undefined && site.baseUrl !== '') {
    try {
      if (isLoopbackHost(new URL(site.baseUrl).hostname)) return true;
    } catch {
      // An unparseable URL is not evidence of a test site.
    }
    if (siteNameFromBaseUrl(site.baseUrl)?.endsWith('-test') === true) return true;
  }
  return false;
}

/**
 * The Chargebee web app of a real site (`https://{site}.chargebee.com`), or undefined for a sandbox or
 * proxy base URL, which has no web app to open.
 */
export function consoleUrlFor(site: SiteRef | string): string | undefined {
  const ref: SiteRef = typeof site === 'string' ? { siteName: site } : site;
  const name =
    ref.siteName !== undefined && ref.siteName !== '' && (ref.baseUrl === undefined || ref.baseUrl === '')
      ? ref.siteName
      : ref.baseUrl !== undefined
        ? siteNameFromBaseUrl(ref.baseUrl)
        : undefined;
  if (name === undefined || !isValidSiteName(name)) return undefined;
  return `https://${name}${CHARGEBEE_HOST_SUFFIX}`;
}

/** A short name for a site in messages: the host (with port) of its base URL. */
export function siteLabel(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the Chargebee site';
  }
}
