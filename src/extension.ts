/**
 * The composition root: builds the services in dependency order and owns every Disposable. Activation
 * makes no network request; the one background job it starts is resuming the polling of export jobs
 * that were already running, which needs each site's key read from SecretStorage first.
 */
import type * as vscode from 'vscode';
import type { ChargebeeExtensionApi } from './api';
import { QUOTE_TREE_COMMANDS, SITE_COMMANDS } from './commands/ids';
import { commandRegistrar } from './commands/register';
import { registerExportJobs } from './exports/commands';
import { registerExportForm } from './exports/form/register';
import { EXPORT_JOBS_VIEW } from './exports/tree/provider';
import { createLog } from './log';
import { QUOTE_ACTION_COMMANDS } from './quotes/actions/command-ids';
import { registerQuoteActions } from './quotes/actions/register';
import { QUOTE_FORM_COMMANDS } from './quotes/forms/command-ids';
import { registerQuoteForms } from './quotes/forms/register';
import { registerQuoteTreeCommands } from './quotes/tree/commands';
import { QuotesTree } from './quotes/tree/provider';
import { registerSiteCommands } from './sites/commands';
import { addDevSite } from './sites/dev-site';
import { RequestHeaderStore } from './sites/request-headers-store';
import { Sites } from './sites/service';
import { registerSubscriptionCommands } from './subscriptions/register';
import { FormRestorers } from './webview/form-restore';

export function activate(context: vscode.ExtensionContext): ChargebeeExtensionApi {
  const started = performance.now();
  const log = createLog();
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  own(log);
  const registerCommand = commandRegistrar(log);
  // Before the features: they register how their forms come back after a reload.
  const restorers = own(new FormRestorers(context.extensionUri, log));

  const requestHeaders = new RequestHeaderStore(context.globalState);
  const sites = own(new Sites({ state: context.globalState, secrets: context.secrets, headers: requestHeaders, log, switchCommand: SITE_COMMANDS.switchSite }));
  const activeSite = () => sites.activeSite();
  context.subscriptions.push(...registerSiteCommands(sites, registerCommand, log));

  const quotesTree = own(
    new QuotesTree({
      sites,
      state: context.globalState,
      log,
      openCommand: QUOTE_ACTION_COMMANDS.open,
      loadMoreCommand: QUOTE_TREE_COMMANDS.loadMore,
      retryCommand: QUOTE_TREE_COMMANDS.retry,
      changeKeyCommand: SITE_COMMANDS.changeApiKey,
    }),
  );
  context.subscriptions.push(...registerQuoteTreeCommands({ tree: quotesTree, registerCommand, activeSite, openCommand: QUOTE_ACTION_COMMANDS.open }));
  const quoteActions = own(
    registerQuoteActions({
      log,
      globalStorageUri: context.globalStorageUri,
      activeSite,
      tree: quotesTree,
      registerCommand,
      onDidChangeActiveSite: sites.onDidChangeActiveSite,
      editCommand: QUOTE_FORM_COMMANDS.edit,
    }),
  );
  own(registerQuoteForms({ extensionUri: context.extensionUri, log, activeSite, tree: quotesTree, registerCommand, openQuoteCommand: QUOTE_ACTION_COMMANDS.open, restorers }));

  const exportJobs = own(
    registerExportJobs({
      state: context.workspaceState,
      globalStorageUri: context.globalStorageUri,
      log,
      apiFor: (siteId) => sites.clients.exportApiFor(siteId),
      registerCommand,
    }),
  );
  // A site's key arriving (or changing) lets its waiting export jobs go on at once.
  const pokeExports = sites.clients.onDidChangeExportApis(() => exportJobs.poller.poke());
  own({ dispose: () => pokeExports.dispose() });
  const exportForms = own(
    registerExportForm({
      extensionUri: context.extensionUri,
      state: context.globalState,
      log,
      activeSite,
      enqueue: async (input) => exportJobs.queue.enqueue(input),
      jobsView: EXPORT_JOBS_VIEW,
      registerCommand,
      restorers,
    }),
  );
  own(registerSubscriptionCommands({ extensionUri: context.extensionUri, log, headers: requestHeaders, registerCommand, activeSite, restorers }));

  const ready = startUp(sites, exportJobs.store.list().length > 0, log);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { log, sites, requestHeaders, quotesTree, quoteActions, exportJobs, exportForms, ready };
}

/** After wiring, off the activation path: local storage reads only. */
async function startUp(sites: Sites, hasJobs: boolean, log: vscode.LogOutputChannel): Promise<void> {
  try {
    const dev = await addDevSite(sites.store, process.env);
    if (dev !== undefined) log.info(`Added the development site ${dev} from CHARGEBEE_DEV_BASE_URL`);
    await sites.updateUi();
    // Persisted export jobs resume as soon as their site's API exists.
    if (hasJobs) await sites.clients.loadAll();
  } catch (err) {
    log.error(`Start-up: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it.
}
