/**
 * The sites service: the store, the per-site clients, the status bar, the `chargebee.hasSite` context
 * key and the write guard, behind one `activeSite()` whose answer satisfies every feature's site type
 * (quotes, forms, exports, unbilled charges).
 */
import * as vscode from 'vscode';
import { clientLogger } from '../log';
import { SiteClients } from './clients';
import { siteMode } from './mode';
import type { RequestHeaderStore } from '../request-headers/store';
import { HAS_SITE_CONTEXT, type ActiveSite, type SiteRecord } from './site';
import { SiteStatusBar } from './status-bar';
import type { SiteChange } from './store';
import { SiteStore } from './store';
import { confirmWrite } from './write-guard';
import type { CommandId } from '../commands/ids';
import type { UserInput } from '../commands/user-input';
import { DisposableStore } from '../util/disposables';

export type { ActiveSite } from './site';

export interface SitesOptions {
  readonly state: vscode.Memento;
  readonly secrets: vscode.SecretStorage;
  readonly headers: RequestHeaderStore;
  readonly log: vscode.LogOutputChannel;
  /** What a click on the status bar item runs. */
  readonly switchCommand: CommandId;
  /** Asks the live-site confirmation of the write guard. */
  readonly ui: UserInput;
}

const TIMEOUT_SETTING = 'chargebee.requestTimeoutSeconds';
const DOWNLOAD_IDLE_SETTING = 'chargebee.downloads.idleTimeoutSeconds';

export class Sites implements vscode.Disposable {
  readonly store: SiteStore;
  readonly clients: SiteClients;
  private readonly statusBar: SiteStatusBar;
  private readonly activeChanged = new vscode.EventEmitter<SiteRecord | undefined>();
  /** The active site changed, or the active site's record or key did. */
  readonly onDidChangeActiveSite = this.activeChanged.event;
  private readonly changed = new vscode.EventEmitter<SiteChange>();
  readonly onDidChange = this.changed.event;
  private readonly disposables = new DisposableStore();
  private uiVersion = 0;

  constructor(private readonly options: SitesOptions) {
    this.store = new SiteStore(options.state, options.secrets);
    this.clients = new SiteClients({
      store: this.store,
      headers: options.headers,
      timeoutMs: () => Math.max(1, vscode.workspace.getConfiguration().get<number>(TIMEOUT_SETTING, 30)) * 1000,
      downloadIdleTimeoutMs: () => Math.max(1, vscode.workspace.getConfiguration().get<number>(DOWNLOAD_IDLE_SETTING, 60)) * 1000,
      logFor: (site) => clientLogger(options.log, site.id),
    });
    this.statusBar = new SiteStatusBar(options.switchCommand);
    const storeSub = this.store.onDidChange((change) => this.onStoreChange(change));
    this.disposables.addAll(
      this.statusBar,
      this.activeChanged,
      this.changed,
      { dispose: () => storeSub.dispose() },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(TIMEOUT_SETTING) || e.affectsConfiguration(DOWNLOAD_IDLE_SETTING)) this.clients.invalidate();
      }),
    );
  }

  /** Sets the context key and the status bar from the stored state; reads the key (local) for the badge. */
  async updateUi(): Promise<void> {
    const version = ++this.uiVersion;
    const site = this.store.active();
    await vscode.commands.executeCommand('setContext', HAS_SITE_CONTEXT, site !== undefined);
    const mode = site ? siteMode(site, await this.clients.apiKeyFor(site).catch(() => undefined)) : undefined;
    // A later change may have finished first; only the newest update paints.
    if (version !== this.uiVersion) return;
    this.statusBar.show(site && mode ? { label: site.label, mode, catalogVersion: site.catalogVersion, ...(site.catalogDetectedAt !== undefined ? { catalogDetectedAt: site.catalogDetectedAt } : {}) } : undefined);
  }

  /** The stored record of the active site, synchronously (no key read). */
  activeRecord(): SiteRecord | undefined {
    return this.store.active();
  }

  async activeSite(): Promise<ActiveSite | undefined> {
    const record = this.store.active();
    return record ? this.ready(record) : undefined;
  }

  /** A record with its client; undefined when its key is missing (the change-key command fixes that). */
  async ready(record: SiteRecord): Promise<ActiveSite | undefined> {
    const [client, apiKey] = await Promise.all([this.clients.clientFor(record), this.clients.apiKeyFor(record)]);
    if (!client) {
      this.options.log.warn(`Site ${record.label} (${record.id}) has no API key in SecretStorage.`);
      return undefined;
    }
    const mode = siteMode(record, apiKey);
    const guarded = { label: record.label, mode };
    return {
      id: record.id,
      label: record.label,
      ...(record.siteName !== undefined ? { siteName: record.siteName } : {}),
      baseUrl: record.baseUrl,
      catalogVersion: record.catalogVersion,
      mode,
      info: { name: record.label, currency: record.currency, multiDecimal: record.multiDecimal, mode },
      headers: this.clients.headersFor(record.id),
      client,
      confirmWrite: async (action) => confirmWrite(guarded, action, this.options.ui),
    };
  }

  dispose(): void {
    this.disposables.dispose();
    this.clients.dispose();
    this.store.dispose();
  }

  private onStoreChange(change: SiteChange): void {
    this.changed.fire(change);
    const activeId = this.store.active()?.id;
    if (change.kind === 'active' || change.siteId === activeId || change.kind === 'removed' || change.kind === 'added') {
      this.activeChanged.fire(this.store.active());
    }
    void this.updateUi().catch((err: unknown) => this.options.log.warn(`Status bar update failed: ${String(err)}`));
  }
}
