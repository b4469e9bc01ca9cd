/** The active site in the status bar, `$(credit-card) acme · TEST`; a LIVE site gets the warning colour. */
import * as vscode from 'vscode';
import type { ActiveSite } from './site';
import type { CommandId } from '../commands/ids';

export type StatusBarSite = Pick<ActiveSite, 'label' | 'mode'>;

export class SiteStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(clickCommand: CommandId) {
    this.item = vscode.window.createStatusBarItem('chargebee.site', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Chargebee Site';
    this.item.command = clickCommand;
  }

  show(site: StatusBarSite | undefined): void {
    if (!site) {
      this.item.hide();
      return;
    }
    const badge = site.mode === 'live' ? 'LIVE' : 'TEST';
    this.item.text = `$(credit-card) ${site.label} · ${badge}`;
    this.item.tooltip = `Chargebee site ${site.label} (${badge.toLowerCase()}). Click to switch sites.`;
    this.item.accessibilityInformation = { label: `Chargebee site ${site.label}, ${badge}. Switch site.` };
    this.item.backgroundColor = site.mode === 'live' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
