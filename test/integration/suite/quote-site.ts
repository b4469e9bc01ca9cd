/**
 * Helpers the extension-host suites share: the running extension's API, and a sandbox set up as the
 * active site through the real `chargebee.addSite` command (scripted arguments, so no prompts; it
 * still makes its one authenticated check against the sandbox). The release removes the site again,
 * key and all, so suites do not see each other's sites.
 */
import * as vscode from 'vscode';
import type { ChargebeeExtensionApi } from '../../../src/api';
import { SITE_COMMANDS } from '../../../src/commands/ids';
import type { RunningSandbox } from '../../sandbox/index';

export const ADD_SITE_COMMAND = SITE_COMMANDS.addSite;
export const REMOVE_SITE_COMMAND = SITE_COMMANDS.removeSite;

/** publisher.name from package.json. */
export const EXTENSION_ID = 'chargebee-tools.chargebee-quotes-exports';

/** Activates the extension (if needed) and returns what activate() returned. */
export async function extensionApi(): Promise<ChargebeeExtensionApi> {
  const ext = vscode.extensions.getExtension<ChargebeeExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host.`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export interface SandboxSite {
  readonly siteId: string;
  readonly api: ChargebeeExtensionApi;
  readonly release: () => Promise<void>;
}

export async function addSandboxSite(sb: RunningSandbox, options: { readonly label?: string; readonly catalogVersion?: 1 | 2 } = {}): Promise<SandboxSite> {
  const api = await extensionApi();
  const siteId = await vscode.commands.executeCommand<unknown>(ADD_SITE_COMMAND, {
    baseUrl: sb.url,
    apiKey: sb.apiKey,
    label: options.label ?? `sandbox ${sb.port}`,
    ...(options.catalogVersion !== undefined ? { catalogVersion: options.catalogVersion } : {}),
  });
  if (typeof siteId !== 'string') throw new Error(`${ADD_SITE_COMMAND} did not answer with the new site's id.`);
  return {
    siteId,
    api,
    release: async () => {
      await vscode.commands.executeCommand(REMOVE_SITE_COMMAND, { id: siteId });
    },
  };
}

/**
 * The sandbox as the active site; resolves with the undo. The demo sandbox serves both catalogs, and
 * a one-time quote of plain charges carries nothing that tells its catalog, so the site's setting
 * decides how it is edited: PC1 here unless the sandbox was started for one catalog.
 */
export async function useSandboxSite(sb: RunningSandbox, catalogVersion: 1 | 2 = 1): Promise<() => Promise<void>> {
  const site = await addSandboxSite(sb, { catalogVersion });
  return site.release;
}
