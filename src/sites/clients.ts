/**
 * One ChargebeeClient per site, built on first use from the site record, its key in SecretStorage and
 * its request headers, and dropped whenever any of those (or the timeout setting) changes. Features
 * that keep their own per-site objects (the export jobs' single-attempt API) build them from
 * `onDidChangeConnection`, so this module knows no feature. No `vscode` import.
 */
import { ChargebeeClient, type ChargebeeClientOptions, type ChargebeeLogger } from '../chargebee/client';
import { buildRequestHeaders } from '../request-headers/settings';
import { DisposableStore } from '../util/disposables';
import { Emitter, type Event } from '../util/events';
import type { RequestHeaderStore } from '../request-headers/store';
import type { SiteRecord } from './site';
import type { SiteStore } from './store';

export interface SiteClientsOptions {
  readonly store: SiteStore;
  readonly headers: RequestHeaderStore;
  /** Read at every build, so a settings change applies to the next client. */
  readonly timeoutMs: () => number;
  /** How long a download body may send nothing; read at every build too. */
  readonly downloadIdleTimeoutMs?: () => number;
  readonly logFor: (site: SiteRecord) => ChargebeeLogger;
}

/**
 * A site's connection was built (`options`: what its client was made from, key included, for features
 * that need their own client of the same site) or dropped (`options` absent: rebuild on next use).
 */
export interface SiteConnectionChange {
  readonly siteId: string;
  readonly options?: ChargebeeClientOptions;
}

interface Built {
  readonly client: ChargebeeClient;
  readonly apiKey: string;
}

export class SiteClients {
  /** Promises, so two callers asking at once share one SecretStorage read. */
  private readonly cache = new Map<string, Promise<Built | undefined>>();
  private readonly subs = new DisposableStore();
  private readonly connectionChanged = this.subs.add(new Emitter<SiteConnectionChange>());
  /** Fired after every build and every drop of a site's client. */
  readonly onDidChangeConnection: Event<SiteConnectionChange> = this.connectionChanged.event;

  constructor(private readonly options: SiteClientsOptions) {
    this.subs.add(
      options.store.onDidChange((change) => {
        if (change.kind !== 'active') this.invalidate(change.siteId);
      }),
    );
    this.subs.add(options.headers.onDidChange((siteId) => this.invalidate(siteId)));
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

  /** Reads every site's key (local, no network), so every site's connection is announced (export jobs resume). */
  async loadAll(): Promise<void> {
    await Promise.all(this.options.store.list().map(async (site) => this.built(site)));
  }

  /** Drops one site's client (or all); the next use rebuilds it with the current key and headers. */
  invalidate(siteId?: string): void {
    const ids = siteId === undefined ? [...this.cache.keys()] : [siteId];
    for (const id of ids) {
      this.cache.delete(id);
      this.connectionChanged.fire({ siteId: id });
    }
    // A site that still exists is rebuilt at once, so features holding per-site objects (export jobs) get them back.
    const rebuild = ids.map((id) => this.options.store.get(id)).filter((s): s is SiteRecord => s !== undefined);
    if (rebuild.length > 0) void Promise.all(rebuild.map(async (s) => this.built(s))).catch(() => undefined);
  }

  dispose(): void {
    this.subs.dispose();
    this.cache.clear();
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
    const options: ChargebeeClientOptions = {
      baseUrl: site.baseUrl,
      apiKey,
      headers: this.headersFor(site.id),
      timeoutMs: this.options.timeoutMs(),
      downloadIdleTimeoutMs: this.options.downloadIdleTimeoutMs?.(),
      log: this.options.logFor(site),
    };
    const client = new ChargebeeClient(options);
    this.connectionChanged.fire({ siteId: site.id, options });
    return { client, apiKey };
  }
}
