/**
 * The Chargebee web console exists only for real sites (`{site}.chargebee.com`); a base-URL site (the
 * sandbox, a proxy) has none, so there is no link to offer. The site part is the client's rule.
 */
import { consoleUrlFor } from '../../chargebee/site-url';

export function consoleQuoteUrl(siteName: string | undefined, quoteId: string): string | undefined {
  const base = siteName === undefined ? undefined : consoleUrlFor(siteName);
  return base === undefined ? undefined : `${base}/d/quotes/${encodeURIComponent(quoteId)}`;
}

export function hasConsole(siteName: string | undefined): boolean {
  return siteName !== undefined && consoleUrlFor(siteName) !== undefined;
}
