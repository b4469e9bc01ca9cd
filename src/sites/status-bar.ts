/** The active site in the status bar, `$(credit-card) acme · TEST`; a LIVE site gets the warning colour. */
import * as vscode from 'vscode';
import type { ActiveSite, SiteRecord } from './site';
import type { CommandId } from '../commands/ids';
import { CATALOG_NAMES } from './detect-catalog';

export type StatusBarSite = Pick<ActiveSite, 'label' | 'mode' | 'catalogVersion'> & Pick<SiteRecord, 'catalogDetectedAt'>;

/** The tooltip's catalog line: where the version came from, so a chosen one can be checked. */
export function catalogLine(site: Pick<StatusBarSite, 'catalogVersion' | 'catalogDetectedAt'>): string {
  const name = CATALOG_NAMES[site.catalogVersion];
  if (site.catalogDetectedAt === undefined) return `${name}, as chosen (the site did not say).`;
  return `${name}, as the site reported on ${new Date(site.catalogDetectedAt).toISOString().slice(0, 10)}.`;
}

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
    this.item.tooltip = `Chargebee site ${site.label} (${badge.toLowerCase()}).\n${catalogLine(site)}\nClick to switch sites.`;
    this.item.accessibilityInformation = { label: `Chargebee site ${site.label}, ${badge}. Switch site.` };
    this.item.backgroundColor = site.mode === 'live' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
