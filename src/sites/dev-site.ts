/**
 * `npm start` and the UI tests hand the extension a sandbox site through the environment
 * (CHARGEBEE_DEV_BASE_URL, CHARGEBEE_DEV_API_KEY, optional CHARGEBEE_DEV_CATALOG and
 * CHARGEBEE_DEV_LABEL). It is registered only when no site exists, and without any network request.
 */
import type { ProductCatalog } from '../chargebee/catalog/types';
import { defaultLabel, parseLocation } from './location';
import { siteIdFor, type SiteRecord } from './site';
import type { SiteStore } from './store';

export interface DevSiteEnv {
  readonly CHARGEBEE_DEV_BASE_URL?: string;
  readonly CHARGEBEE_DEV_API_KEY?: string;
  readonly CHARGEBEE_DEV_CATALOG?: string;
  readonly CHARGEBEE_DEV_LABEL?: string;
}

/** Resolves with the added site's id, or undefined when nothing was added. */
export async function addDevSite(store: SiteStore, env: DevSiteEnv, now = Date.now()): Promise<string | undefined> {
  const url = env.CHARGEBEE_DEV_BASE_URL?.trim();
  const key = env.CHARGEBEE_DEV_API_KEY?.trim();
  if (!url || !key || store.list().length > 0) return undefined;
  const location = parseLocation(url);
  const catalogVersion: ProductCatalog = env.CHARGEBEE_DEV_CATALOG?.trim() === '1' ? 1 : 2;
  const record: SiteRecord = {
    id: siteIdFor(location, new Set()),
    label: env.CHARGEBEE_DEV_LABEL?.trim() || defaultLabel(location),
    ...(location.siteName !== undefined ? { siteName: location.siteName } : {}),
    baseUrl: location.baseUrl,
    catalogVersion,
    currency: 'USD',
    multiDecimal: false,
    createdAt: now,
  };
  await store.add(record, key);
  return record.id;
}
