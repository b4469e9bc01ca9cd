import * as vscode from 'vscode';
import type { Clock } from './jobs/clock';
import type { JobStore } from './jobs/store';
import { activitySummary } from './jobs/summary';
import type { JobNames } from './tree/presentation';
import { EXPORT_JOBS_VIEW } from './tree/provider';

/** "$(sync~spin) 2 exports running, 1 queued", a tooltip line per job, a click focuses the tree; hidden when idle. */
export class ExportStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chargebee.exports.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: JobStore, private readonly clock: Clock, private readonly names: JobNames = {}) {
    this.item.name = 'Chargebee Exports';
    this.item.command = `${EXPORT_JOBS_VIEW}.focus`;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const summary = activitySummary(this.store.list(), this.clock.now(), this.names);
    if (summary.text === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = summary.text;
    // Plain text, not Markdown: a screen reader reads it as written, with no escapes or bullets.
    this.item.tooltip = [...summary.tooltipLines, '', 'Click to show the Export Jobs.'].join('\n');
    this.item.accessibilityInformation = { label: `Chargebee exports: ${summary.spoken}. Show the Export Jobs.` };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
