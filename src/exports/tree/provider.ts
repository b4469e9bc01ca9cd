import * as vscode from 'vscode';
import type { Clock } from '../jobs/clock';
import type { ExportJob } from '../jobs/job';
import type { JobStore } from '../jobs/store';
import { presentJob } from './presentation';

/** The view id of the "Export Jobs" tree (package.json `contributes.views`). */
export const EXPORT_JOBS_VIEW = 'chargebee.exportJobs';

/**
 * The "Export Jobs" tree: every job of every site, newest first. A flat list backed by the store, so it
 * never loads and `getChildren` can't fail; it refreshes on every store change, which also moves the
 * elapsed time of running jobs on at each poll.
 */
export class ExportJobsTreeProvider implements vscode.TreeDataProvider<ExportJob>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: JobStore, private readonly clock: Clock, private readonly openCommand?: string) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(job: ExportJob): vscode.TreeItem {
    const view = presentJob(job, this.clock.now());
    const item = new vscode.TreeItem(view.label, vscode.TreeItemCollapsibleState.None);
    item.id = job.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
    if (job.localFile && this.openCommand) item.command = { command: this.openCommand, title: 'Open', arguments: [job] };
    return item;
  }

  getChildren(element?: ExportJob): ExportJob[] {
    // Jobs are leaves; an empty root shows the view's welcome content.
    return element ? [] : this.store.list();
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
