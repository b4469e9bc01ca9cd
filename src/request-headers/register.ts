/**
 * "Chargebee: Edit Request Headers..." for the active site. activate() calls it once and owns the
 * returned Disposable; the settings it stores are what the sites' clients and the forms send.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import type { RegisterCommand } from '../commands/register';
import type { UserInput } from '../commands/user-input';
import { NO_SITE_MESSAGE } from '../sites/site';
import { editRequestHeaders, type HeaderSite } from './edit-command';
import type { RequestHeaderStore } from './store';

export interface RequestHeaderCommandDeps {
  readonly headers: RequestHeaderStore;
  readonly registerCommand: RegisterCommand;
  readonly ui: UserInput;
  /** The active site, or undefined when none is set up (the handler says so). */
  activeSite(): Promise<HeaderSite | undefined>;
}

export function registerRequestHeaderCommands(deps: RequestHeaderCommandDeps): vscode.Disposable {
  return deps.registerCommand(COMMANDS.requestHeaders.edit, async () => {
    const site = await deps.activeSite();
    if (!site) {
      void vscode.window.showWarningMessage(NO_SITE_MESSAGE);
      return undefined;
    }
    return editRequestHeaders(deps.headers, site, deps.ui);
  });
}
