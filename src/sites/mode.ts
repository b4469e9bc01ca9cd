/** TEST or LIVE for a site, by the rules of isTestSite (site name, key prefix, loopback URL). */
import { isTestSite } from '../chargebee/site-url';
import type { SiteRecord } from './site';

export type SiteMode = 'test' | 'live';

export function siteMode(site: SiteRecord, apiKey: string | undefined): SiteMode {
  return isTestSite({ siteName: site.siteName, baseUrl: site.baseUrl, ...(apiKey !== undefined ? { apiKey } : {}) }) ? 'test' : 'live';
}
