import * as vscode from 'vscode';
import type { Clock } from './jobs/clock';
import type { JobStore } from './jobs/store';
import { activitySummary } from './jobs/summary';
import { EXPORT_JOBS_VIEW } from './tree/provider';

/** "$(sync~spin) 2 exports running, 1 queued", a tooltip line per job, a click focuses the tree; hidden when idle. */
export class ExportStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chargebee.exports.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: JobStore, private readonly clock: Clock) {
    this.item.name = 'Chargebee Exports';
    this.item.command = `${EXPORT_JOBS_VIEW}.focus`;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const summary = activitySummary(this.store.list(), this.clock.now());
    if (summary.text === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = summary.text;
    const tooltip = new vscode.MarkdownString(summary.tooltipLines.map((line) => `- ${escape(line)}`).join('\n'));
    tooltip.appendMarkdown('\n\nClick to show the Export Jobs.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** Site ids and kinds are plain, but Markdown must not interpret anything in them. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
