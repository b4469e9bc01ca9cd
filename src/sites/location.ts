/**
 * Where a site is and what "Add Site" was told, without `vscode`: parsing a typed site name or base
 * URL, and the one cheap authenticated request that checks a key.
 */
import type { ProductCatalog } from '../chargebee/catalog/types';
import { ChargebeeClient } from '../chargebee/client';
import { ChargebeeError } from '../chargebee/errors';
import { baseUrlForSite, baseUrlProblem, normaliseBaseUrl, siteLabel, siteNameFromBaseUrl, siteNameProblem } from '../chargebee/site-url';

/** Where a site is, as typed: a site name or an explicit base URL (normalised). */
export interface SiteLocation {
  readonly siteName?: string;
  readonly baseUrl: string;
}

export interface SiteAnswers extends SiteLocation {
  readonly label: string;
  readonly catalogVersion: ProductCatalog;
  /** Epoch ms when the site reported its catalog; absent when the user chose it. */
  readonly catalogDetectedAt?: number;
  readonly apiKey: string;
  readonly currency?: string;
  readonly multiDecimal?: boolean;
}

/** A typed answer that looks like a URL is a base URL; anything else is a site name. */
export function locationProblem(text: string): string | undefined {
  const t = text.trim();
  return t.includes('://') ? baseUrlProblem(t) : siteNameProblem(t);
}

export function parseLocation(text: string): SiteLocation {
  const t = text.trim();
  if (!t.includes('://')) return { siteName: t, baseUrl: baseUrlForSite(t) };
  const baseUrl = normaliseBaseUrl(t);
  // A pasted https://acme.chargebee.com/api/v2 is a real site: keep its name for the console link.
  const siteName = siteNameFromBaseUrl(baseUrl);
  return siteName !== undefined ? { siteName, baseUrl } : { baseUrl };
}

export function defaultLabel(location: SiteLocation): string {
  return location.siteName ?? siteLabel(location.baseUrl);
}

export type KeyCheck = { readonly ok: true } | { readonly ok: false; readonly unauthorized: boolean; readonly message: string };

/** A client for the checks made while a site is set up: one attempt each, a short timeout. */
export function probeClient(baseUrl: string, apiKey: string, timeoutMs = 15_000): ChargebeeClient {
  return new ChargebeeClient({ baseUrl, apiKey, timeoutMs, retry: { maxAttempts: 1 } });
}

/** One cheap authenticated request: `GET /customers?limit=1`, one attempt, a short timeout. */
export async function checkKey(baseUrl: string, apiKey: string, timeoutMs = 15_000): Promise<KeyCheck> {
  const client = probeClient(baseUrl, apiKey, timeoutMs);
  try {
    await client.request({ method: 'GET', path: '/customers', params: { limit: 1 } });
    return { ok: true };
  } catch (err) {
    if (err instanceof ChargebeeError && (err.httpStatus === 401 || err.httpStatus === 403)) {
      return { ok: false, unauthorized: true, message: `${siteLabel(baseUrl)} did not accept this API key (HTTP ${err.httpStatus}). Check that it is a full-access key of this site.` };
    }
    return { ok: false, unauthorized: false, message: err instanceof Error ? err.message : String(err) };
  }
}
