/**
 * Per-site request header settings in globalState, under one key mapping site id -> settings. Kept
 * apart from the site records so the sites module only needs `forSite(id)` when it builds a client.
 */
import { isRecord } from '../util/guards';
import type { RequestHeaderSettings } from './settings';
import { parseSettings, REQUEST_HEADER_KEYS } from './settings';

/** The part of vscode.Memento used here; tests pass a Map-backed fake. */
export interface SettingsMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const REQUEST_HEADERS_STATE_KEY = 'chargebee.requestHeaders';

type Listener = (siteId: string) => void;

export class RequestHeaderStore {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly memento: SettingsMemento) {}

  forSite(siteId: string): RequestHeaderSettings {
    return parseSettings(this.all()[siteId]);
  }

  /** Replaces a site's settings; blank values are not stored, and an empty result removes the entry. */
  async set(siteId: string, settings: RequestHeaderSettings): Promise<void> {
    const all = { ...this.all() };
    const kept = parseSettings(settings);
    const meaningful = REQUEST_HEADER_KEYS.some((k) => kept[k] !== undefined && kept[k] !== false);
    if (meaningful) all[siteId] = kept;
    else delete all[siteId];
    await this.memento.update(REQUEST_HEADERS_STATE_KEY, all);
    for (const l of this.listeners) l(siteId);
  }

  /** Called with the site id after every change (the sites module rebuilds that site's client). */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private all(): Record<string, unknown> {
    const raw = this.memento.get<unknown>(REQUEST_HEADERS_STATE_KEY);
    return isRecord(raw) ? raw : {};
  }
}
