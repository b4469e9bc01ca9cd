/**
 * The Quotes view: a TreeDataProvider over a QuoteTreeModel of the active site. `getChildren` never
 * throws and never waits on the network: a list that has not loaded yet answers with a "Loading…"
 * node, starts its one request, and the view is told to ask again when it settles. Rows update in
 * place when a quote changes anywhere in the extension (`quoteChanged`, `quoteDeleted`).
 */
import * as vscode from 'vscode';
import type { ChargebeeClient } from '../../chargebee/client';
import type { QuoteObject } from '../detail/quote-model';
import { quoteContextValue } from '../state-rules';
import { describeFilter, isEmptyFilter, parseFilter, type QuoteFilter } from './filter';
import { CustomerNames } from './customer-names';
import { failureMessage, failureReason, untilText } from './failure';
import { OTHER_GROUP, QuoteTreeModel, type GroupBy, type QuoteGroup } from './model';
import { NODE_CONTEXT, type NoKeyNode, type QuoteNode, type QuoteTreeNode, type StateNode, type StateNodeKind } from './nodes';
import type { PagedQuoteList } from './paged-list';
import { presentRow, statusIcon, statusLabel } from './presentation';
import { quoteRow, withCustomerName, type QuoteRow } from './row';
import type { CommandId } from '../../commands/ids';
import { DisposableStore } from '../../util/disposables';
import type { ListResponse } from '../../chargebee/responses';
import type { RetryWait } from '../../chargebee/client';

export const QUOTES_VIEW = 'chargebee.quotes';
const FILTERS_STATE_KEY = 'chargebee.quotes.filters';

/** The part of the sites service the tree uses. */
export interface QuoteTreeSites {
  activeSite(): Promise<{ readonly id: string; readonly label: string; readonly client: Pick<ChargebeeClient, 'call'> } | undefined>;
  activeRecord(): { readonly id: string; readonly label: string } | undefined;
  readonly onDidChangeActiveSite: vscode.Event<unknown>;
}

export interface QuotesTreeOptions {
  readonly sites: QuoteTreeSites;
  /** globalState: the filter per site. */
  readonly state: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  /** What clicking a row runs, with `{ quoteId, siteId }`. */
  readonly openCommand: CommandId;
  readonly loadMoreCommand: CommandId;
  readonly retryCommand: CommandId;
  readonly changeKeyCommand: CommandId;
  readonly now?: () => number;
}

type ListBody = ListResponse<unknown>;

export class QuotesTree implements vscode.TreeDataProvider<QuoteTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<QuoteTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<QuoteTreeNode>;
  private model: QuoteTreeModel | undefined;
  /** The last model thrown away by refresh(): the next one reuses its group objects (see QuoteGroup). */
  private replaced: QuoteTreeModel | undefined;
  private readonly quoteNodes = new WeakMap<PagedQuoteList, Map<string, QuoteNode>>();
  private readonly stateNodes = new WeakMap<PagedQuoteList, Map<StateNodeKind, StateNode>>();
  private readonly disposables = new DisposableStore();
  /** Per site, for as long as the extension runs: a refresh or a filter change asks no name twice. */
  private readonly names = new Map<string, CustomerNames>();

  constructor(private readonly options: QuotesTreeOptions) {
    this.view = vscode.window.createTreeView(QUOTES_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.addAll(
      this.view,
      this.changed,
      options.sites.onDidChangeActiveSite(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('chargebee.quotes')) this.refresh();
      }),
    );
    this.updateChrome();
  }

  // ---- what the rest of the extension calls ----

  /** Drops every loaded page and asks the view again. */
  refresh(): void {
    this.model?.dispose();
    this.replaced = this.model ?? this.replaced;
    this.model = undefined;
    this.updateChrome();
    this.changed.fire(undefined);
  }

  filterFor(siteId: string): QuoteFilter {
    const all = this.options.state.get<Record<string, unknown>>(FILTERS_STATE_KEY) ?? {};
    return parseFilter(all[siteId]);
  }

  async setFilter(siteId: string, filter: QuoteFilter): Promise<void> {
    const all = { ...(this.options.state.get<Record<string, unknown>>(FILTERS_STATE_KEY) ?? {}) };
    if (isEmptyFilter(filter)) delete all[siteId];
    else all[siteId] = filter;
    await this.options.state.update(FILTERS_STATE_KEY, all);
    this.refresh();
  }

  groupBy(): GroupBy {
    return vscode.workspace.getConfiguration('chargebee.quotes').get<string>('groupBy', 'status') === 'none' ? 'none' : 'status';
  }

  quoteChanged(siteId: string, quote: QuoteObject | QuoteRow): void {
    const parsed = quoteRow(quote);
    if (!parsed || this.model?.siteId !== siteId) return;
    const row = parsed.customer_id === undefined ? parsed : withCustomerName(parsed, this.namesOf(siteId).cached(parsed.customer_id));
    if (row.deleted === true) {
      this.quoteDeleted(siteId, row.id);
      return;
    }
    this.fireLists(this.model.quoteChanged(row));
  }

  quoteDeleted(siteId: string, quoteId: string): void {
    if (this.model?.siteId !== siteId) return;
    this.fireLists(this.model.quoteRemoved(quoteId));
  }

  /** Selects a quote's row, loading first pages where needed. */
  async reveal(siteId: string, quoteId: string): Promise<void> {
    await this.revealRow(siteId, quoteId);
  }

  /** As reveal; resolves false when the quote is not in the tree (another site, filtered out, deeper pages). */
  async revealRow(siteId: string, quoteId: string): Promise<boolean> {
    const model = await this.ensureModel();
    if (!model || model.siteId !== siteId) return false;
    let found = model.find(quoteId);
    if (!found) {
      await Promise.all(model.lists().map(async (list) => (list.loaded ? list.idle() : list.loadMore())));
      found = model.find(quoteId);
    }
    if (!found) return false;
    // Selected, not focused: Go to Quote opens the quote next, and the editor keeps the focus.
    await this.view.reveal(this.quoteNode(model.siteId, found.list, found.row), { select: true, focus: false, expand: true });
    return true;
  }

  /** Forgets a removed site's cached names. */
  siteRemoved(siteId: string): void {
    this.names.delete(siteId);
  }

  /** Settles when no list has a request in flight (tests, and reveal). */
  async whenIdle(): Promise<void> {
    const lists = this.model?.lists() ?? [];
    await Promise.all(lists.map(async (l) => l.idle()));
  }

  /** "Load more" and "Retry": the list's next (or failed) page. */
  async loadMore(node: unknown): Promise<void> {
    const list = listOf(node) ?? this.model?.flat;
    if (list) await list.retryNow();
  }

  // ---- TreeDataProvider ----

  async getChildren(element?: QuoteTreeNode): Promise<QuoteTreeNode[]> {
    try {
      if (element === undefined) return await this.rootChildren();
      if (element.kind === 'group') {
        // The view may ask a group it holds while the model is being rebuilt: rebuilding swaps in its new list.
        if (element.list.disposed) await this.ensureModel();
        return this.listChildren(element.list);
      }
      return [];
    } catch (err) {
      this.options.log.error(`Quotes view: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  getParent(element: QuoteTreeNode): QuoteTreeNode | undefined {
    if (element.kind === 'group' || element.kind === 'noKey') return undefined;
    return this.model?.groupOf(element.list);
  }

  getTreeItem(element: QuoteTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group':
        return this.groupItem(element);
      case 'quote':
        return this.quoteItem(element);
      case 'noKey':
        return this.noKeyItem(element);
      case 'loadMore':
      case 'loading':
      case 'waiting':
      case 'error':
      case 'empty':
        return this.stateItem(element);
    }
  }

  dispose(): void {
    this.model?.dispose();
    this.disposables.dispose();
  }

  // ---- internals ----

  private async rootChildren(): Promise<QuoteTreeNode[]> {
    const record = this.options.sites.activeRecord();
    if (!record) return [];
    const model = await this.ensureModel();
    if (!model) {
      const node: NoKeyNode = { kind: 'noKey', siteId: record.id, label: record.label };
      return [node];
    }
    return model.flat ? this.listChildren(model.flat) : model.groups.filter((g) => !isEmptyOther(g));
  }

  private namesOf(siteId: string): CustomerNames {
    let names = this.names.get(siteId);
    if (!names) {
      names = new CustomerNames();
      this.names.set(siteId, names);
    }
    return names;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async ensureModel(): Promise<QuoteTreeModel | undefined> {
    const record = this.options.sites.activeRecord();
    if (!record) return undefined;
    if (this.model?.siteId === record.id) return this.model;
    const site = await this.options.sites.activeSite();
    if (!site || site.id !== record.id) return undefined;
    // Another call may have built it while the key was being read.
    if (this.model?.siteId === site.id) return this.model;
    const previous = this.model ?? this.replaced;
    this.model?.dispose();
    const siteId = site.id;
    const model: QuoteTreeModel = new QuoteTreeModel({
      siteId: site.id,
      filter: this.filterFor(site.id),
      groupBy: this.groupBy(),
      pageSize: () => vscode.workspace.getConfiguration('chargebee.quotes').get<number>('pageSize', 50),
      fetch: async (params, signal, onWait) => {
        // Asked per page: the client is rebuilt when the key or the request headers change.
        const current = await this.options.sites.activeSite();
        if (!current || current.id !== siteId) throw new Error('The active site changed; refresh the view.');
        const onRetry = (wait: RetryWait): void => onWait({ reason: failureReason(wait.error), until: this.now() + wait.delayMs });
        let res: { readonly body: ListBody };
        try {
          res = await current.client.call<ListBody>('quotes.list', { params, signal, onRetry });
        } catch (err) {
          if (signal.aborted) throw err;
          throw new Error(failureMessage(err, this.now(), vscode.env.language));
        }
        const parsed = (res.body.list ?? []).map(quoteRow).filter((r): r is QuoteRow => r !== undefined);
        // At most one more request per page: the customers its billing addresses do not name.
        const rows = await this.namesOf(siteId).name(current.client, parsed, signal);
        const next = typeof res.body.next_offset === 'string' && res.body.next_offset !== '' ? res.body.next_offset : undefined;
        return next === undefined ? { rows } : { rows, nextOffset: next };
      },
      onChange: (list) => {
        if (this.model === model) this.fireLists([list]);
      },
      ...(previous ? { previous } : {}),
    });
    this.model = model;
    this.replaced = undefined;
    this.updateChrome();
    return model;
  }

  private listChildren(list: PagedQuoteList): QuoteTreeNode[] {
    const siteId = this.model?.siteId ?? '';
    if (!list.loaded && !list.loading && list.error === undefined) void list.loadMore();
    const wait = list.waiting;
    const waiting = wait ? this.stateNode(list, 'waiting', `${wait.reason}: retrying at ${untilText(wait.until, this.now(), vscode.env.language)}`) : undefined;
    if (!list.loaded) {
      return list.error !== undefined ? [this.stateNode(list, 'error', list.error)] : [waiting ?? this.stateNode(list, 'loading', 'Loading quotes…')];
    }
    const nodes: QuoteTreeNode[] = list.rows.map((row) => this.quoteNode(siteId, list, row));
    if (waiting) nodes.push(waiting);
    else if (list.loading) nodes.push(this.stateNode(list, 'loading', 'Loading more…'));
    else if (list.error !== undefined) nodes.push(this.stateNode(list, 'error', list.error));
    else if (list.hasMore) nodes.push(this.stateNode(list, 'loadMore', 'Load more'));
    if (nodes.length === 0) nodes.push(this.stateNode(list, 'empty', this.emptyMessage()));
    return nodes;
  }

  private emptyMessage(): string {
    const filter = this.model?.filter;
    return filter && !isEmptyFilter(filter) ? 'No quotes match the filter' : 'No quotes';
  }

  /** Node objects are kept per list so the view (and reveal) see the same element for the same row. */
  private quoteNode(siteId: string, list: PagedQuoteList, row: QuoteRow): QuoteNode {
    let byId = this.quoteNodes.get(list);
    if (!byId) {
      byId = new Map();
      this.quoteNodes.set(list, byId);
    }
    let node = byId.get(row.id);
    if (!node) {
      node = { kind: 'quote', siteId, list, quote: row };
      byId.set(row.id, node);
    }
    node.quote = row;
    return node;
  }

  private stateNode(list: PagedQuoteList, kind: StateNodeKind, message: string): StateNode {
    let byKind = this.stateNodes.get(list);
    if (!byKind) {
      byKind = new Map();
      this.stateNodes.set(list, byKind);
    }
    let node = byKind.get(kind);
    if (!node) {
      node = { kind, list, message };
      byKind.set(kind, node);
    }
    node.message = message;
    return node;
  }

  private fireLists(lists: readonly PagedQuoteList[]): void {
    const model = this.model;
    if (!model) return;
    for (const list of lists) {
      // Forget nodes of rows that left, so the maps do not grow with every status change.
      const byId = this.quoteNodes.get(list);
      if (byId) for (const id of byId.keys()) if (!list.find(id)) byId.delete(id);
      const group = model.groupOf(list);
      // An "Other" group found empty leaves the root (and comes back with a row): the root is asked again.
      this.changed.fire(group?.status === OTHER_GROUP ? undefined : group);
    }
    if (lists.length > 0) this.updateChrome();
  }

  /** The view's description (site and filter) and the context keys its title buttons depend on. */
  private updateChrome(): void {
    const record = this.options.sites.activeRecord();
    const filter = record ? this.filterFor(record.id) : {};
    const summary = describeFilter(filter);
    this.view.description = record ? [record.label, summary].filter((p) => p !== '').join(' · ') : undefined;
    void vscode.commands.executeCommand('setContext', 'chargebee.quotes.filtered', !isEmptyFilter(filter));
    void vscode.commands.executeCommand('setContext', 'chargebee.quotes.grouped', this.groupBy() === 'status');
  }

  private groupItem(group: QuoteGroup): vscode.TreeItem {
    const item = new vscode.TreeItem(statusLabel(group.status), group.status === 'open' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    // From the element, not the current model: an id that changes mid-refresh changes the node's handle.
    item.id = `${group.siteId}/${group.list.key}`;
    const list = group.list;
    // The list API gives no total: "50 of more" says how many are here and that Load more has others.
    item.description = list.loaded ? (list.hasMore ? `${list.rows.length} of more` : `${list.rows.length}`) : '';
    if (list.loaded) {
      const tooltip = list.hasMore ? `${list.rows.length} loaded; more on Chargebee (Load more at the end of the group)` : `${list.rows.length} quotes`;
      item.tooltip = tooltip;
      // A string tooltip would otherwise become the row's accessible name, dropping the group's own.
      item.accessibilityInformation = { label: `${statusLabel(group.status)}, ${tooltip}` };
    }
    const icon = statusIcon(group.status);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color !== undefined ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = NODE_CONTEXT.group;
    return item;
  }

  private quoteItem(node: QuoteNode): vscode.TreeItem {
    const row = node.quote;
    const view = presentRow(row, { locale: vscode.env.language, grouped: this.model?.groupBy === 'status' });
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.siteId}/${node.list.key}/${row.id}`;
    item.description = view.description;
    item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color !== undefined ? new vscode.ThemeColor(view.icon.color) : undefined);
    item.tooltip = new vscode.MarkdownString(view.tooltip.join('  \n'));
    item.accessibilityInformation = { label: view.accessibleLabel };
    item.contextValue = quoteContextValue(row, Math.floor((this.options.now?.() ?? Date.now()) / 1000));
    item.command = { command: this.options.openCommand, title: 'Open Quote', arguments: [{ quoteId: row.id, siteId: node.siteId, preview: true }] };
    return item;
  }

  private stateItem(node: StateNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.model?.siteId ?? ''}/${node.list.key}/~${node.kind}`;
    item.contextValue = NODE_CONTEXT[node.kind];
    switch (node.kind) {
      case 'loadMore':
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: this.options.loadMoreCommand, title: 'Load More', arguments: [node] };
        break;
      case 'loading':
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        break;
      case 'waiting':
        item.description = 'Retry now';
        item.tooltip = `${node.message}\nClick to try again now.`;
        item.iconPath = new vscode.ThemeIcon('watch', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.command = { command: this.options.retryCommand, title: 'Retry', arguments: [node] };
        break;
      case 'error':
        item.label = `Could not load quotes: ${node.message}`;
        item.description = 'Retry';
        item.tooltip = `${node.message}\nClick to try again.`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.command = { command: this.options.retryCommand, title: 'Retry', arguments: [node] };
        break;
      case 'empty':
        item.iconPath = new vscode.ThemeIcon('info');
        break;
    }
    return item;
  }

  private noKeyItem(node: NoKeyNode): vscode.TreeItem {
    const item = new vscode.TreeItem(`${node.label} has no API key`, vscode.TreeItemCollapsibleState.None);
    item.description = 'Set the API key';
    item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.contextValue = NODE_CONTEXT.noKey;
    item.command = { command: this.options.changeKeyCommand, title: 'Change API Key', arguments: [{ id: node.siteId }] };
    return item;
  }
}

function isEmptyOther(group: QuoteGroup): boolean {
  const list = group.list;
  return group.status === OTHER_GROUP && list.loaded && !list.loading && list.error === undefined && list.rows.length === 0 && !list.hasMore;
}

function listOf(node: unknown): PagedQuoteList | undefined {
  if (typeof node !== 'object' || node === null || !('list' in node)) return undefined;
  const list = (node as { list?: unknown }).list;
  return typeof list === 'object' && list !== null && 'loadMore' in list ? (list as PagedQuoteList) : undefined;
}
