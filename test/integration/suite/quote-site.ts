/**
 * Points the running extension at an in-process sandbox for one test file and gives back the undo.
 * PROVISIONAL (written by the quote-actions engineer before the extension core landed; three suites
 * import it): it assumes the core's site commands take scripted arguments, as the team's other commands
 * do: `chargebee.sites.add` with `{ baseUrl, apiKey, label }` adds the site, makes it active and
 * resolves with its id; `chargebee.sites.remove` with `{ id }` removes it without asking. Adapt this
 * one file to the core's real API.
 */
import * as vscode from 'vscode';
import type { RunningSandbox } from '../../sandbox/index';

export const ADD_SITE_COMMAND = 'chargebee.sites.add';
export const REMOVE_SITE_COMMAND = 'chargebee.sites.remove';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'chargebee-tools.chargebee-quotes-exports';

export async function useSandboxSite(sb: RunningSandbox): Promise<() => Promise<void>> {
  // getCommands lists only what is registered, so the extension has to be running first.
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  const known = await vscode.commands.getCommands(true);
  if (!known.includes(ADD_SITE_COMMAND)) throw new Error(`${ADD_SITE_COMMAND} is not registered: the extension core has no scripted site setup yet.`);
  const id = await vscode.commands.executeCommand<unknown>(ADD_SITE_COMMAND, { baseUrl: sb.url, apiKey: sb.apiKey, label: `sandbox ${sb.port}` });
  if (typeof id !== 'string') throw new Error(`${ADD_SITE_COMMAND} did not answer with the new site's id.`);
  return async () => {
    await vscode.commands.executeCommand(REMOVE_SITE_COMMAND, { id });
  };
}
