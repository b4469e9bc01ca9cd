/**
 * One ChargebeeClient per site, built on first use from the site record, its key in SecretStorage and
 * its request headers, and dropped whenever any of those (or the timeout setting) changes. The export
 * jobs need a synchronous `apiFor(siteId)`, so their per-site API is kept here too, built as soon as a
 * site's key is read. No `vscode` import.
 */
import { ChargebeeClient, type ChargebeeLogger } from '../chargebee/client';
import type { ExportApi } from '../exports/jobs/export-api';
import { exportApi, exportClient } from '../exports/jobs/export-api';
import { buildRequestHeaders } from '../request-headers/settings';
import type { RequestHeaderStore } from '../request-headers/store';
import type { SiteRecord } from './site';
import type { SiteStore } from './store';

export interface SiteClientsOptions {
  readonly store: SiteStore;
  readonly headers: RequestHeaderStore;
  /** Read at every build, so a settings change applies to the next client. */
  readonly timeoutMs: () => number;
  readonly logFor: (site: SiteRecord) => ChargebeeLogger;
}

interface Built {
  readonly client: ChargebeeClient;
  readonly apiKey: string;
}

export class SiteClients {
  /** Promises, so two callers asking at once share one SecretStorage read. */
  private readonly cache = new Map<string, Promise<Built | undefined>>();
  private readonly exportApis = new Map<string, ExportApi>();
  private readonly exportListeners = new Set<() => void>();
  private readonly subs: { dispose(): void }[];

  constructor(private readonly options: SiteClientsOptions) {
    this.subs = [
      options.store.onDidChange((change) => {
        if (change.kind !== 'active') this.invalidate(change.siteId);
      }),
      options.headers.onDidChange((siteId) => this.invalidate(siteId)),
    ];
  }

  /** The site's client, or undefined when its key is missing from SecretStorage. */
  async clientFor(site: SiteRecord): Promise<ChargebeeClient | undefined> {
    return (await this.built(site))?.client;
  }

  /** The key, for the TEST badge rule (`test_` prefix); never logged or shown. */
  async apiKeyFor(site: SiteRecord): Promise<string | undefined> {
    return (await this.built(site))?.apiKey;
  }

  headersFor(siteId: string): Record<string, string> {
    return buildRequestHeaders(this.options.headers.forSite(siteId));
  }

  exportApiFor(siteId: string): ExportApi | undefined {
    return this.exportApis.get(siteId);
  }

  /** Reads every site's key (local, no network) so persisted export jobs can resume. */
  async loadAll(): Promise<void> {
    await Promise.all(this.options.store.list().map(async (site) => this.built(site)));
  }

  onDidChangeExportApis(listener: () => void): { dispose(): void } {
    this.exportListeners.add(listener);
    return { dispose: () => this.exportListeners.delete(listener) };
  }

  /** Drops one site's client (or all); the next use rebuilds it with the current key and headers. */
  invalidate(siteId?: string): void {
    const ids = siteId === undefined ? [...this.cache.keys()] : [siteId];
    for (const id of ids) {
      this.cache.delete(id);
      this.exportApis.delete(id);
    }
    // Jobs of a site that still exists get their API back at once; a removed site's jobs wait.
    const rebuild = ids.map((id) => this.options.store.get(id)).filter((s): s is SiteRecord => s !== undefined);
    if (rebuild.length > 0) void Promise.all(rebuild.map(async (s) => this.built(s))).catch(() => undefined);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.cache.clear();
    this.exportApis.clear();
    this.exportListeners.clear();
  }

  private built(site: SiteRecord): Promise<Built | undefined> {
    let entry = this.cache.get(site.id);
    if (!entry) {
      entry = this.build(site);
      this.cache.set(site.id, entry);
      // A failed read is not cached: the next call tries again.
      entry.catch(() => this.cache.delete(site.id));
    }
    return entry;
  }

  private async build(site: SiteRecord): Promise<Built | undefined> {
    const apiKey = await this.options.store.apiKey(site.id);
    if (apiKey === undefined || apiKey === '') return undefined;
    const common = {
      baseUrl: site.baseUrl,
      apiKey,
      headers: this.headersFor(site.id),
      timeoutMs: this.options.timeoutMs(),
      log: this.options.logFor(site),
    };
    const client = new ChargebeeClient(common);
    // The export jobs retry on their own schedule, so their client makes one attempt per call.
    this.exportApis.set(site.id, exportApi(exportClient(common)));
    for (const l of [...this.exportListeners]) l();
    return { client, apiKey };
  }
}
