import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../jobs/clock';
import type { ExportJob } from '../jobs/job';
import { isActive } from '../jobs/job';
import type { JobStore } from '../jobs/store';
import type { JobNames } from './presentation';
import { presentJob, siteName } from './presentation';

/** The view id of the "Export Jobs" tree (package.json `contributes.views`). */
export const EXPORT_JOBS_VIEW = 'chargebee.exportJobs';

/** A site's heading; its children are the site's jobs. */
export interface SiteNode {
  readonly nodeType: 'site';
  readonly siteId: string;
}

/** One of a zip's CSVs, under its job. */
export interface FileNode {
  readonly nodeType: 'file';
  readonly job: ExportJob;
  readonly file: string;
}

export type ExportJobsNode = SiteNode | ExportJob | FileNode;

export interface ExportJobsTreeOptions extends JobNames {
  /** Opens a file (the argument is a `FileNode` or a job). */
  readonly openCommand?: string;
  /** Loads the kinds' titles before the first rows (the catalog loads on first use, not at start-up). */
  readonly loadKindTitles?: () => Promise<unknown>;
}

/**
 * The "Export Jobs" tree: a heading per site (named by its label), under it the site's jobs, newest first,
 * and under a job whose zip held several files those files. Backed by the store, so it never loads and
 * `getChildren` can't fail; it refreshes on every store change, which also moves elapsed times on.
 */
export class ExportJobsTreeProvider implements vscode.TreeDataProvider<ExportJobsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private titlesLoaded = false;

  constructor(private readonly store: JobStore, private readonly clock: Clock, private readonly options: ExportJobsTreeOptions = {}) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  /** Site labels changed (rename, removal). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  private names(): JobNames {
    return { siteLabel: this.options.siteLabel, kindTitle: this.options.kindTitle };
  }

  getTreeItem(node: ExportJobsNode): vscode.TreeItem {
    if ('nodeType' in node && node.nodeType === 'site') {
      const jobs = this.store.list(node.siteId);
      const active = jobs.filter(isActive).length;
      const item = new vscode.TreeItem(siteName(node.siteId, this.names()), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `site:${node.siteId}`;
      item.description = `${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}${active > 0 ? `, ${active} active` : ''}`;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'exportSite';
      return item;
    }
    if ('nodeType' in node && node.nodeType === 'file') {
      const item = new vscode.TreeItem(path.basename(node.file), vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.job.id}:${node.file}`;
      item.resourceUri = vscode.Uri.file(node.file);
      item.tooltip = node.file;
      item.contextValue = 'exportFile';
      item.iconPath = vscode.ThemeIcon.File;
      if (this.options.openCommand) item.command = { command: this.options.openCommand, title: 'Open', arguments: [node] };
      return item;
    }
    const job = node;
    const view = presentJob(job, this.clock.now(), this.names());
    const files = job.extractedFiles ?? [];
    const item = new vscode.TreeItem(view.label, files.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = job.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
    if (job.localFile && this.options.openCommand) item.command = { command: this.options.openCommand, title: 'Open', arguments: [job] };
    return item;
  }

  async getChildren(node?: ExportJobsNode): Promise<ExportJobsNode[]> {
    if (!this.titlesLoaded && this.options.loadKindTitles) {
      // Without titles the rows fall back to the kind's id; the tree never fails over them.
      await this.options.loadKindTitles().catch(() => undefined);
      this.titlesLoaded = true;
    }
    // An empty root shows the view's welcome content.
    if (!node) return this.store.sites().map((siteId): SiteNode => ({ nodeType: 'site', siteId }));
    if ('nodeType' in node && node.nodeType === 'site') return this.store.list(node.siteId);
    if ('nodeType' in node) return [];
    const files = node.extractedFiles ?? [];
    return files.length > 1 ? files.map((file): FileNode => ({ nodeType: 'file', job: node, file })) : [];
  }

  getParent(node: ExportJobsNode): ExportJobsNode | undefined {
    if ('nodeType' in node) return node.nodeType === 'file' ? this.store.get(node.job.id) : undefined;
    return { nodeType: 'site', siteId: node.siteId };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** `exports.customers` -> `Customers`, from the catalog, loaded once on first use (not at start-up). */
export class KindTitles {
  private titles: ReadonlyMap<string, string> | undefined;
  private loading: Promise<void> | undefined;

  load(): Promise<void> {
    this.loading ??= import('../../chargebee/catalog/exports').then(({ exportEndpoints }) => {
      this.titles = new Map(exportEndpoints.map((spec) => [spec.id, spec.title]));
    });
    return this.loading;
  }

  get(kind: string): string | undefined {
    return this.titles?.get(kind);
  }
}
