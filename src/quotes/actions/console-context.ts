/**
 * The context key behind "Open in Chargebee" (package.json menus): on while the active site is a real
 * Chargebee site. Kept apart from the quote actions so it is right from start-up while their code loads
 * only when one first runs.
 */
import * as vscode from 'vscode';
import { hasConsole } from './console-url';

export const HAS_CONSOLE_CONTEXT = 'chargebee.quotes.siteHasConsole';

export function trackConsoleContext(activeSite: () => Promise<{ readonly siteName?: string } | undefined>, onDidChangeActiveSite: vscode.Event<unknown>): vscode.Disposable {
  const update = async (): Promise<void> => {
    const site = await activeSite().catch(() => undefined);
    await vscode.commands.executeCommand('setContext', HAS_CONSOLE_CONTEXT, hasConsole(site?.siteName));
  };
  const quietly = (): void => void update().catch(() => undefined);
  quietly();
  return onDidChangeActiveSite(quietly);
}
