/**
 * SiteStore: the site records and the active site in globalState, each site's API key in
 * SecretStorage. No `vscode` import (narrow interfaces of Memento and SecretStorage), so unit tests
 * run it on Node with in-memory fakes.
 */
import type { SiteRecord } from './site';
import { ACTIVE_SITE_STATE_KEY, parseSiteRecord, secretKeyFor, SECRET_KEY_PREFIX, SITES_STATE_KEY } from './site';

export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface Secrets {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
  /** SecretStorage.onDidChange: another window changed a key. */
  readonly onDidChange?: (listener: (e: { readonly key: string }) => unknown) => { dispose(): unknown };
}

export type SiteChange =
  | { readonly kind: 'added' | 'updated' | 'removed' | 'key'; readonly siteId: string }
  | { readonly kind: 'active'; readonly siteId: string | undefined };

type Listener = (change: SiteChange) => void;

export class SiteStore {
  private readonly listeners = new Set<Listener>();
  private readonly secretSub: { dispose(): unknown } | undefined;

  constructor(
    private readonly state: StateMemento,
    private readonly secrets: Secrets,
  ) {
    this.secretSub = secrets.onDidChange?.((e) => {
      if (e.key.startsWith(SECRET_KEY_PREFIX)) this.fire({ kind: 'key', siteId: e.key.slice(SECRET_KEY_PREFIX.length) });
    });
  }

  list(): SiteRecord[] {
    const raw = this.state.get<unknown>(SITES_STATE_KEY);
    if (!Array.isArray(raw)) return [];
    return raw.map(parseSiteRecord).filter((s): s is SiteRecord => s !== undefined);
  }

  get(id: string): SiteRecord | undefined {
    return this.list().find((s) => s.id === id);
  }

  /** The active site; falls back to the first one when the stored id is gone. */
  active(): SiteRecord | undefined {
    const id = this.state.get<string>(ACTIVE_SITE_STATE_KEY);
    const sites = this.list();
    return sites.find((s) => s.id === id) ?? sites[0];
  }

  async setActive(id: string | undefined): Promise<void> {
    if (id !== undefined && !this.get(id)) throw new Error(`There is no site with id ${id}.`);
    await this.state.update(ACTIVE_SITE_STATE_KEY, id);
    this.fire({ kind: 'active', siteId: id });
  }

  /** Stores the key first: a record without its key would be a site that cannot work. */
  async add(site: SiteRecord, apiKey: string, makeActive = true): Promise<void> {
    if (this.get(site.id)) throw new Error(`A site with id ${site.id} already exists.`);
    await this.secrets.store(secretKeyFor(site.id), apiKey);
    await this.state.update(SITES_STATE_KEY, [...this.list(), site]);
    this.fire({ kind: 'added', siteId: site.id });
    if (makeActive) await this.setActive(site.id);
  }

  async update(id: string, change: Partial<Omit<SiteRecord, 'id' | 'createdAt'>>): Promise<SiteRecord> {
    const current = this.get(id);
    if (!current) throw new Error(`There is no site with id ${id}.`);
    const next: SiteRecord = { ...current, ...change };
    await this.state.update(SITES_STATE_KEY, this.list().map((s) => (s.id === id ? next : s)));
    this.fire({ kind: 'updated', siteId: id });
    return next;
  }

  /** Replaces a record whole, so an optional field can be dropped (update merges). */
  async replace(site: SiteRecord): Promise<void> {
    const current = this.get(site.id);
    if (!current) throw new Error(`There is no site with id ${site.id}.`);
    await this.state.update(SITES_STATE_KEY, this.list().map((s) => (s.id === site.id ? { ...site, createdAt: current.createdAt } : s)));
    this.fire({ kind: 'updated', siteId: site.id });
  }

  async remove(id: string): Promise<void> {
    const wasActive = this.active()?.id === id;
    await this.state.update(SITES_STATE_KEY, this.list().filter((s) => s.id !== id));
    await this.secrets.delete(secretKeyFor(id));
    this.fire({ kind: 'removed', siteId: id });
    if (wasActive) await this.setActive(this.list()[0]?.id);
  }

  apiKey(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretKeyFor(id));
  }

  async setApiKey(id: string, apiKey: string): Promise<void> {
    await this.secrets.store(secretKeyFor(id), apiKey);
    this.fire({ kind: 'key', siteId: id });
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.secretSub?.dispose();
    this.listeners.clear();
  }

  private fire(change: SiteChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}
