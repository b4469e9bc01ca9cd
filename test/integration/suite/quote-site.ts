/**
 * Helpers the extension-host suites share: the running extension's Test-mode API, and a sandbox set
 * up as the active site through the real `chargebee.addSite` command, its prompts answered by a
 * TestUserInput script (it still makes its one authenticated check against the sandbox). The release
 * removes the site again (confirming the modal), key and all, so suites do not see each other's sites.
 */
import * as vscode from 'vscode';
import type { ChargebeeTestApi } from '../../../src/api';
import { SITE_COMMANDS } from '../../../src/commands/ids';
import type { RunningSandbox } from '../../sandbox/index';
import { withAnswers } from './test-user-input';

export const ADD_SITE_COMMAND = SITE_COMMANDS.addSite;
export const REMOVE_SITE_COMMAND = SITE_COMMANDS.removeSite;

/** publisher.name from package.json. */
export const EXTENSION_ID = 'chargebee-tools.chargebee-quotes-exports';

/** Activates the extension (if needed) and returns what activate() returned in Test mode. */
export async function extensionApi(): Promise<ChargebeeTestApi> {
  const ext = vscode.extensions.getExtension<ChargebeeTestApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host.`);
  const api = await ext.activate();
  if (!api) throw new Error(`${EXTENSION_ID} returned no test API: the extension host is not in ExtensionMode.Test.`);
  await api.ready;
  return api;
}

export const CATALOG_LABEL = { 1: 'Product Catalog 1.0', 2: 'Product Catalog 2.0' } as const;

/**
 * Runs "Add Site" with every prompt answered; resolves with what the command resolved with. The
 * catalog is read from the site, so no answer is scripted for it: a question about it fails the script.
 */
export async function runAddSite(api: ChargebeeTestApi, answers: { readonly baseUrl: string; readonly label: string; readonly apiKeys: readonly (string | symbol)[] }): Promise<unknown> {
  return withAnswers(
    api,
    (ui) => {
      ui.input(answers.baseUrl).input(answers.label);
      for (const key of answers.apiKeys) ui.input(key as string);
    },
    () => vscode.commands.executeCommand<unknown>(ADD_SITE_COMMAND),
  );
}

export async function removeSite(api: ChargebeeTestApi, siteId: string): Promise<void> {
  await withAnswers(api, (ui) => ui.warning('Remove Site'), () => vscode.commands.executeCommand(REMOVE_SITE_COMMAND, { id: siteId }));
}

export interface SandboxSite {
  readonly siteId: string;
  readonly api: ChargebeeTestApi;
  readonly release: () => Promise<void>;
}

export async function addSandboxSite(sb: RunningSandbox, options: { readonly label?: string; readonly catalogVersion?: 1 | 2 } = {}): Promise<SandboxSite> {
  const api = await extensionApi();
  const siteId = await runAddSite(api, { baseUrl: sb.url, label: options.label ?? `sandbox ${sb.port}`, apiKeys: [sb.apiKey] });
  if (typeof siteId !== 'string') throw new Error(`${ADD_SITE_COMMAND} did not answer with the new site's id.`);
  // The demo sandbox serves both catalogs and reports 2.0; a suite that needs 1.0 there sets it.
  if (options.catalogVersion !== undefined && api.sites.store.get(siteId)?.catalogVersion !== options.catalogVersion) {
    await api.sites.store.update(siteId, { catalogVersion: options.catalogVersion });
  }
  return {
    siteId,
    api,
    release: async () => removeSite(api, siteId),
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

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 250 ms until it yields a value, or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}
