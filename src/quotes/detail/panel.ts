/**
 * One webview panel per (site, quote id): opening a quote that is already shown reveals its panel, and
 * an action on the quote from anywhere re-renders it. The page is rendered here (render.ts) and only
 * sends validated button messages back.
 *
 * Preview, as VS Code's preview editors: a quote opened from the tree shows in the one preview panel,
 * which the next such quote replaces, until it is pinned (its Pin button, any action on the quote, or
 * a second open of the same quote in quick succession, the tree's double-click). A webview title has
 * no italics, so the title says "(preview)". `workbench.editor.enablePreview: false` pins every panel.
 */
import * as vscode from 'vscode';
import type { ActiveSite } from '../../sites/site';
import { createNonce, escapeHtml as escapeText } from '../../webview/html';
import { allowedActions, QUOTE_ACTIONS } from '../state-rules';
import type { DetailAction, ViewAction } from './messages';
import { parseDetailMessage } from './messages';
import type { QuoteEnvelope } from './quote-model';
import type { LineGroupsState } from './line-groups';
import { renderQuoteDetail } from './render';

/** `hasConsole`: the Chargebee console can show this site's quotes (real sites only). */
export type DetailSite = Pick<ActiveSite, 'id' | 'label'> & { readonly hasConsole: boolean };

export interface QuoteDetailOptions {
  /** Where media/quote-detail.css and .js are loaded from. */
  readonly extensionUri: vscode.Uri;
  /** A button was pressed on a quote's page. */
  onAction(site: DetailSite, envelope: QuoteEnvelope, action: DetailAction): void;
  /** Epoch seconds, for the lazy-expiry rule. */
  now(): number;
  /** Offer "Edit…" (the forms own the edit command); off until one is registered. */
  readonly canEdit?: boolean;
  readonly log?: vscode.LogOutputChannel;
  /** The quote's line groups (billing cycles), loaded after the page first shows; none means not shown. */
  readonly loadLineGroups?: (site: DetailSite, quoteId: string) => Promise<LineGroupsState>;
}

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  key: string;
  site: DetailSite;
  envelope: QuoteEnvelope;
  lineGroups?: LineGroupsState;
  /** Bumped on every (re)load, so only the newest answer paints. */
  loads: number;
  disposed?: boolean;
  preview: boolean;
  /** Who the quote is for, when known (the header names them). */
  customerName?: string;
  /** When it was last shown as a preview, for the double-click rule. */
  shownAt: number;
}

export interface ShowOptions {
  /** Open as the preview panel (a click in the tree); otherwise the panel is pinned. */
  readonly preview?: boolean;
  readonly customerName?: string;
  /** A panel VS Code brought back after a reload, to adopt instead of creating one. */
  readonly restored?: vscode.WebviewPanel;
}

import { QUOTE_DETAIL_VIEW_TYPE } from '../../webview/view-types';

export { QUOTE_DETAIL_VIEW_TYPE };

/** Two opens of the same quote within this time are a double-click: the preview is pinned. */
export const DOUBLE_CLICK_MS = 500;

export class QuoteDetailPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private previewEntry: OpenPanel | undefined;

  constructor(private readonly options: QuoteDetailOptions) {}

  private static key(siteId: string, quoteId: string): string {
    return `${siteId}\u0000${quoteId}`;
  }

  /** Shows the quote, creating its panel (or adopting one VS Code restored) or revealing and refreshing the existing one. */
  show(site: DetailSite, envelope: QuoteEnvelope, options: ShowOptions = {}): void {
    const key = QuoteDetailPanels.key(site.id, envelope.quote.id);
    const now = Date.now();
    const preview = options.preview === true && vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true);
    const existing = this.open.get(key);
    if (existing) {
      if (existing.preview && (!preview || now - existing.shownAt <= DOUBLE_CLICK_MS)) this.unpreview(existing);
      if (existing.preview) existing.shownAt = now;
      this.fill(existing, site, envelope, options);
      existing.panel.reveal();
      return;
    }
    const reuse = preview ? this.previewEntry : undefined;
    if (reuse) {
      this.open.delete(reuse.key);
      reuse.key = key;
      reuse.shownAt = now;
      this.open.set(key, reuse);
      delete reuse.customerName;
      delete reuse.lineGroups;
      this.fill(reuse, site, envelope, options);
      reuse.panel.reveal();
      return;
    }
    const webviewOptions = {
      enableScripts: true,
      enableCommandUris: false,
      // The page loads its stylesheet and script from media/ only.
      localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'media')],
    };
    if (options.restored) options.restored.webview.options = webviewOptions;
    const panel = options.restored ?? vscode.window.createWebviewPanel(QUOTE_DETAIL_VIEW_TYPE, `Quote ${envelope.quote.id}`, vscode.ViewColumn.Active, webviewOptions);
    const entry: OpenPanel = { panel, key, site, envelope, preview, shownAt: now, loads: 0 };
    this.open.set(key, entry);
    if (preview) this.previewEntry = entry;
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseDetailMessage(raw);
      if (!message) {
        this.options.log?.warn('Quote detail: ignored an unexpected message from the page.');
        return;
      }
      // Only buttons the page was rendered with count: a stale page can't ask for a hidden action.
      if (!this.actionsFor(entry).includes(message.action)) return;
      // Working with the quote keeps it, as an edit pins a preview editor; looking at it does not.
      if (entry.preview && (message.action === 'pin' || (QUOTE_ACTIONS as readonly string[]).includes(message.action))) this.unpreview(entry);
      if (message.action === 'pin') {
        this.render(entry);
        return;
      }
      this.options.onAction(entry.site, entry.envelope, message.action);
    });
    panel.onDidDispose(() => {
      entry.disposed = true;
      this.open.delete(entry.key);
      if (this.previewEntry === entry) this.previewEntry = undefined;
    });
    this.fill(entry, site, envelope, options);
  }

  /** Closes the panels of a removed site: their quotes cannot be reached any more. */
  closeSite(siteId: string): void {
    for (const entry of [...this.open.values()]) if (entry.site.id === siteId) entry.panel.dispose();
  }

  /** Whether the quote's panel is the preview (tests and the Pin command). */
  isPreview(siteId: string, quoteId: string): boolean {
    return this.open.get(QuoteDetailPanels.key(siteId, quoteId))?.preview === true;
  }

  private fill(entry: OpenPanel, site: DetailSite, envelope: QuoteEnvelope, options: ShowOptions): void {
    entry.site = site;
    entry.envelope = envelope;
    if (options.customerName !== undefined) entry.customerName = options.customerName;
    this.render(entry);
    this.loadGroups(entry);
  }

  private unpreview(entry: OpenPanel): void {
    entry.preview = false;
    if (this.previewEntry === entry) this.previewEntry = undefined;
    this.render(entry);
  }

  /** Line groups change with the quote's lines: read again on every show and update. */
  private loadGroups(entry: OpenPanel): void {
    const load = this.options.loadLineGroups;
    if (!load || entry.envelope.quote.deleted === true) return;
    const ticket = ++entry.loads;
    void load(entry.site, entry.envelope.quote.id).then((state) => {
      if (entry.disposed === true || ticket !== entry.loads) return;
      entry.lineGroups = state;
      this.render(entry);
    });
  }

  /** Re-renders the quote's panel if it is open (after an action or a refresh elsewhere). */
  update(siteId: string, envelope: QuoteEnvelope): void {
    const entry = this.open.get(QuoteDetailPanels.key(siteId, envelope.quote.id));
    if (!entry) return;
    entry.envelope = envelope;
    // A change made elsewhere to the previewed quote pins it, as an edit does.
    if (entry.preview) this.unpreview(entry);
    else this.render(entry);
    this.loadGroups(entry);
  }

  private actionsFor(entry: OpenPanel): DetailAction[] {
    const allowed = allowedActions(entry.envelope.quote, this.options.now()).filter((a) => a !== 'edit' || this.options.canEdit === true);
    // A deleted quote can no longer be retrieved: only its id is still of use.
    if (entry.envelope.quote.deleted === true) return ['copyId'];
    const view: ViewAction[] = ['refresh', 'showJson', 'copyId', ...(entry.site.hasConsole ? (['openConsole'] as const) : []), ...(entry.preview ? (['pin'] as const) : [])];
    return [...allowed, ...view];
  }

  private mediaUri(entry: OpenPanel, file: string): string {
    return entry.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'media', file)).toString();
  }

  private render(entry: OpenPanel): void {
    const q = entry.envelope.quote;
    entry.panel.title = `Quote ${q.id}${entry.customerName !== undefined ? ` · ${entry.customerName}` : ''}${q.deleted === true ? ' (deleted)' : ''}${entry.preview ? ' (preview)' : ''}`;
    entry.panel.webview.html = renderQuoteDetail(entry.envelope, {
      nonce: createNonce(),
      cspSource: entry.panel.webview.cspSource,
      styleUri: this.mediaUri(entry, 'quote-detail.css'),
      scriptUri: this.mediaUri(entry, 'quote-detail.js'),
      locale: vscode.env.language,
      actions: this.actionsFor(entry),
      siteLabel: entry.site.label,
      siteId: entry.site.id,
      ...(entry.lineGroups ? { lineGroups: entry.lineGroups } : {}),
      ...(entry.customerName !== undefined ? { customerName: entry.customerName } : {}),
    });
  }

  /** The ids a restored panel's state holds, if it is one of ours. */
  static restoredIds(state: unknown): { siteId: string; quoteId: string } | undefined {
    if (typeof state !== 'object' || state === null) return undefined;
    const s = state as Record<string, unknown>;
    return typeof s['siteId'] === 'string' && typeof s['quoteId'] === 'string' && s['quoteId'] !== '' ? { siteId: s['siteId'], quoteId: s['quoteId'] } : undefined;
  }

  /** A restored panel that cannot show its quote says why (no script, no data). */
  static showGone(panel: vscode.WebviewPanel, reason: string): void {
    panel.webview.options = { enableScripts: false, localResourceRoots: [] };
    panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"><title>Quote</title></head>
<body><main><h1 data-testid="restore-problem">This quote could not be shown again</h1><p>${escapeText(reason)}</p></main></body></html>`;
  }

  dispose(): void {
    for (const entry of [...this.open.values()]) entry.panel.dispose();
    this.open.clear();
  }
}
