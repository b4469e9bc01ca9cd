/**
 * What the export form needs to know about a site. activate() adapts the sites service to it, and
 * tests build one for the sandbox.
 */
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { SiteInfo } from '../../webview/protocol';

export interface ExportFormSite {
  /** The id jobs and presets are kept under (ExportJob.siteId). */
  readonly id: string;
  /** For the form's badge: name, currency, multi-decimal, test or live. */
  readonly info: SiteInfo;
  /** Undefined when unknown: then no kind is treated as the other catalog's. */
  readonly catalogVersion?: ProductCatalog;
  /** API base for the preview and the curl, e.g. `https://acme-test.chargebee.com/api/v2`. */
  readonly baseUrl: string;
  /** Extra headers the client sends, shown in the curl. */
  readonly headers?: Readonly<Record<string, string>>;
}
