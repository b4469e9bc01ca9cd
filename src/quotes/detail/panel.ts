/**
 * One webview panel per (site, quote id): opening a quote that is already shown reveals its panel, and
 * an action on the quote from anywhere re-renders it. The page is rendered here (render.ts) and only
 * sends validated button messages back.
 */
import * as vscode from 'vscode';
import type { ActiveSite } from '../../sites/site';
import { createNonce, escapeHtml as escapeText } from '../../webview/html';
import { allowedActions } from '../state-rules';
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
  site: DetailSite;
  envelope: QuoteEnvelope;
  lineGroups?: LineGroupsState;
  /** Bumped on every (re)load, so only the newest answer paints. */
  loads: number;
  disposed?: boolean;
}

import { QUOTE_DETAIL_VIEW_TYPE } from '../../webview/view-types';

export { QUOTE_DETAIL_VIEW_TYPE };

export class QuoteDetailPanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();

  constructor(private readonly options: QuoteDetailOptions) {}

  private static key(siteId: string, quoteId: string): string {
    return `${siteId}\u0000${quoteId}`;
  }

  /** Shows the quote, creating its panel (or adopting one VS Code restored) or revealing and refreshing the existing one. */
  show(site: DetailSite, envelope: QuoteEnvelope, restored?: vscode.WebviewPanel): void {
    const key = QuoteDetailPanels.key(site.id, envelope.quote.id);
    const existing = this.open.get(key);
    if (existing) {
      existing.site = site;
      existing.envelope = envelope;
      this.render(existing);
      this.loadGroups(existing);
      existing.panel.reveal();
      return;
    }
    const options = {
      enableScripts: true,
      enableCommandUris: false,
      // The page loads its stylesheet and script from media/ only.
      localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'media')],
    };
    if (existing === undefined && restored) restored.webview.options = options;
    const panel = restored ?? vscode.window.createWebviewPanel(QUOTE_DETAIL_VIEW_TYPE, `Quote ${envelope.quote.id}`, vscode.ViewColumn.Active, options);
    const entry: OpenPanel = { panel, site, envelope, loads: 0 };
    this.open.set(key, entry);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseDetailMessage(raw);
      if (!message) {
        this.options.log?.warn('Quote detail: ignored an unexpected message from the page.');
        return;
      }
      // Only buttons the page was rendered with count: a stale page can't ask for a hidden action.
      if (!this.actionsFor(entry).includes(message.action)) return;
      this.options.onAction(entry.site, entry.envelope, message.action);
    });
    panel.onDidDispose(() => {
      entry.disposed = true;
      this.open.delete(key);
    });
    this.render(entry);
    this.loadGroups(entry);
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
    this.render(entry);
    this.loadGroups(entry);
  }

  private actionsFor(entry: OpenPanel): DetailAction[] {
    const allowed = allowedActions(entry.envelope.quote, this.options.now()).filter((a) => a !== 'edit' || this.options.canEdit === true);
    // A deleted quote can no longer be retrieved: only its id is still of use.
    if (entry.envelope.quote.deleted === true) return ['copyId'];
    const view: ViewAction[] = ['refresh', 'showJson', 'copyId', ...(entry.site.hasConsole ? (['openConsole'] as const) : [])];
    return [...allowed, ...view];
  }

  private mediaUri(entry: OpenPanel, file: string): string {
    return entry.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'media', file)).toString();
  }

  private render(entry: OpenPanel): void {
    const q = entry.envelope.quote;
    entry.panel.title = `Quote ${q.id}${q.deleted === true ? ' (deleted)' : ''}`;
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
