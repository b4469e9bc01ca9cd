/**
 * A site as stored in globalState. The API key is deliberately not a field: it lives only in
 * SecretStorage under `chargebee.apiKey.<siteId>`.
 */
import type { ProductCatalog } from '../chargebee/catalog/types';
import type { ChargebeeClient } from '../chargebee/client';
import type { SiteMode } from './mode';

/** What a command that needs a site says when there is none (as a Notice or a warning). */
export const NO_SITE_MESSAGE = 'No Chargebee site is set up yet. Add one first ("Chargebee: Add Site...").';

export interface SiteRecord {
  /** Stable and readable (`acme-test`, `127.0.0.1-8750`): export jobs and messages show it. */
  readonly id: string;
  readonly label: string;
  /** Set for real Chargebee sites; undefined for explicit base URLs (sandbox, proxies). */
  readonly siteName?: string;
  readonly baseUrl: string;
  readonly catalogVersion: ProductCatalog;
  /** Epoch ms when the site itself reported its catalog (GET /configurations); absent when the user chose it. */
  readonly catalogDetectedAt?: number;
  /** The site's default currency, for money fields until a customer's is known. */
  readonly currency: string;
  readonly multiDecimal: boolean;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** A site as forms and titles show it: name, currency, multi-decimal pricing, test or live. */
export interface SiteInfo {
  readonly name: string;
  /** The currency money fields are typed in unless the form has its own `currency_code`. */
  readonly currency: string;
  readonly multiDecimal: boolean;
  readonly mode: SiteMode;
}

/**
 * A site ready for requests: what the sites service's `activeSite()` resolves with. It is the one site
 * type: each feature narrows it with `Pick<ActiveSite, ...>` to what it uses, so tests build small ones.
 */
export interface ActiveSite {
  /** Stable and readable: keys panels, export jobs, presets and the per-site request headers. */
  readonly id: string;
  /** For titles and messages. */
  readonly label: string;
  /** The Chargebee site name for real sites; undefined for base-URL sites (sandbox, proxies). */
  readonly siteName?: string;
  /** API base, e.g. `https://acme-test.chargebee.com/api/v2`; also for previews and "Copy as curl". */
  readonly baseUrl: string;
  /** Which product catalog the site's items use. */
  readonly catalogVersion: ProductCatalog;
  readonly mode: SiteMode;
  readonly info: SiteInfo;
  /** The site's request headers (chargebee-event-email etc.), sent by its client and shown in curls. */
  readonly headers: Readonly<Record<string, string>>;
  readonly client: ChargebeeClient;
  /** The site write guard: on a live site, asks before `action`; resolves true to go ahead. */
  confirmWrite(action: string): Promise<boolean>;
}

export const SECRET_KEY_PREFIX = 'chargebee.apiKey.';
export const SITES_STATE_KEY = 'chargebee.sites';
export const ACTIVE_SITE_STATE_KEY = 'chargebee.activeSite';
/** Context key the views' welcome content and menus test. */
export const HAS_SITE_CONTEXT = 'chargebee.hasSite';

export function secretKeyFor(siteId: string): string {
  return `${SECRET_KEY_PREFIX}${siteId}`;
}

/** Reads one stored record defensively: globalState may hold what an older version wrote. */
export function parseSiteRecord(raw: unknown): SiteRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r['id'] !== 'string' || typeof r['baseUrl'] !== 'string') return undefined;
  const label = typeof r['label'] === 'string' && r['label'] !== '' ? r['label'] : r['id'];
  return {
    id: r['id'],
    label,
    ...(typeof r['siteName'] === 'string' && r['siteName'] !== '' ? { siteName: r['siteName'] } : {}),
    baseUrl: r['baseUrl'],
    catalogVersion: r['catalogVersion'] === 1 ? 1 : 2,
    ...(typeof r['catalogDetectedAt'] === 'number' ? { catalogDetectedAt: r['catalogDetectedAt'] } : {}),
    currency: typeof r['currency'] === 'string' && /^[A-Z]{3}$/.test(r['currency']) ? r['currency'] : 'USD',
    multiDecimal: r['multiDecimal'] === true,
    createdAt: typeof r['createdAt'] === 'number' ? r['createdAt'] : 0,
  };
}

/** `acme-test` for a site name, `127.0.0.1-8750` for a base URL; made unique against `taken`. */
export function siteIdFor(ref: { readonly siteName?: string; readonly baseUrl: string }, taken: ReadonlySet<string>): string {
  let base = ref.siteName;
  if (base === undefined) {
    try {
      const url = new URL(ref.baseUrl);
      base = `${url.hostname}${url.port === '' ? '' : `-${url.port}`}`.replace(/[^A-Za-z0-9.-]+/g, '-');
    } catch {
      base = 'site';
    }
  }
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
