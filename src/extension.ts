/**
 * The composition root: builds the services in dependency order and owns every Disposable. Activation
 * makes no network request; the one background job it starts is resuming the polling of export jobs
 * that were already running, which needs each site's key read from SecretStorage first.
 *
 * It returns nothing in normal use: `exports` are readable by every installed extension, and the
 * services reach every site's API key and the live-site confirmation. Only in ExtensionMode.Test (an
 * extension-host test run: `--extensionTestsPath`) does it return the services (src/api.ts), with a
 * user-input seam the tests script; command results reach callers only then, too.
 */
import * as vscode from 'vscode';
import type { ChargebeeTestApi } from './api';
import { EXPORT_FORM_COMMANDS, QUOTE_ACTION_COMMANDS, QUOTE_FORM_COMMANDS, QUOTE_TREE_COMMANDS, SITE_COMMANDS, SUBSCRIPTION_COMMANDS } from './commands/ids';
import { lazyFeature } from './commands/lazy';
import { commandRegistrar } from './commands/register';
import { ReplaceableUserInput, windowUserInput } from './commands/user-input';
import { registerExportJobs } from './exports/commands';
import { ExportApis } from './exports/jobs/site-apis';
import { EXPORT_JOBS_VIEW } from './exports/tree/provider';
import { createLog } from './log';
import { trackConsoleContext } from './quotes/actions/console-context';
import { registerQuoteTreeCommands } from './quotes/tree/commands';
import { QuotesTree } from './quotes/tree/provider';
import { registerSiteCommands } from './sites/commands';
import { addDevSite } from './sites/dev-site';
import { registerRequestHeaderCommands } from './request-headers/register';
import { RequestHeaderStore } from './request-headers/store';
import { Sites } from './sites/service';
import { registerViewers } from './viewers/register';
import { revealDownloadedFile } from './downloads/open';
import { LazyFormRestorers } from './webview/restore-registry';
import { QUOTE_DETAIL_VIEW_TYPE } from './webview/view-types';

export function activate(context: vscode.ExtensionContext): ChargebeeTestApi | undefined {
  const started = performance.now();
  const log = createLog();
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  own(log);
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const registerCommand = commandRegistrar(log, { returnResults: testMode });
  // The one user-input seam: the window's prompts, replaceable by a test's script only in Test mode.
  const testInput = testMode ? new ReplaceableUserInput() : undefined;
  const ui = testInput ?? windowUserInput;
  // Forms and detail panels come back after a reload. The serializers are registered now (VS Code asks
  // for them at start-up); the features they need load only when a panel is restored.
  const formFeatures: { load(): Promise<unknown> }[] = [];
  const restorers = own(new LazyFormRestorers({ extensionUri: context.extensionUri, log, loadFeatures: () => Promise.all(formFeatures.map((f) => f.load())) }));

  const requestHeaders = new RequestHeaderStore(context.globalState);
  const sites = own(new Sites({ state: context.globalState, secrets: context.secrets, headers: requestHeaders, log, switchCommand: SITE_COMMANDS.switchSite, ui }));
  const activeSite = () => sites.activeSite();
  context.subscriptions.push(...registerSiteCommands({ sites, registerCommand, log, ui }));

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
  // A removed site's quote panels close and its cached customer names go.
  const removedSite = own(new vscode.EventEmitter<string>());
  own(
    sites.onDidChange((change) => {
      if (change.kind !== 'removed') return;
      quotesTree.siteRemoved(change.siteId);
      removedSite.fire(change.siteId);
    }),
  );
  context.subscriptions.push(...registerQuoteTreeCommands({ tree: quotesTree, registerCommand, ui, activeSite, openCommand: QUOTE_ACTION_COMMANDS.open }));
  // Feature code (forms, webviews, quote actions) loads on the first run of one of its commands.
  own(trackConsoleContext(activeSite, sites.onDidChangeActiveSite));
  const quoteActions = own(
    lazyFeature(registerCommand, Object.values(QUOTE_ACTION_COMMANDS), async (register) =>
      (await import('./quotes/actions/register')).registerQuoteActions({
        extensionUri: context.extensionUri,
        log,
        globalStorageUri: context.globalStorageUri,
        activeSite,
        tree: quotesTree,
        registerCommand: register,
        ui,
        editCommand: QUOTE_FORM_COMMANDS.edit,
        siteLabel: (siteId) => sites.store.get(siteId)?.label,
        onDidRemoveSite: removedSite.event,
      }),
    ),
  );
  own(vscode.window.registerWebviewPanelSerializer(QUOTE_DETAIL_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => (await quoteActions.load()).restorePanel(panel, state) }));
  const quoteForms = own(
    lazyFeature(registerCommand, Object.values(QUOTE_FORM_COMMANDS), async (register) =>
      (await import('./quotes/forms/register')).registerQuoteForms({ extensionUri: context.extensionUri, log, activeSite, tree: quotesTree, registerCommand: register, ui, openQuoteCommand: QUOTE_ACTION_COMMANDS.open, restorers }),
    ),
  );

  const exportApis = own(new ExportApis(sites.clients));
  const exportJobs = own(
    registerExportJobs({
      state: context.workspaceState,
      globalStorageUri: context.globalStorageUri,
      log,
      apiFor: (siteId) => exportApis.apiFor(siteId),
      registerCommand,
      ui,
      sites: { label: (siteId) => sites.store.get(siteId)?.label, onDidChange: (listener) => sites.store.onDidChange(listener) },
    }),
  );
  // A site's key arriving (or changing) lets its waiting export jobs go on at once.
  own(exportApis.onDidChange((siteId) => void exportJobs.poller.keyChanged(siteId)));
  const exportForm = own(
    lazyFeature(registerCommand, Object.values(EXPORT_FORM_COMMANDS), async (register) =>
      (await import('./exports/form/register')).registerExportForm({
        extensionUri: context.extensionUri,
        state: context.globalState,
        log,
        activeSite,
        enqueue: async (input) => exportJobs.queue.enqueue(input),
        jobsView: EXPORT_JOBS_VIEW,
        registerCommand: register,
        ui,
        restorers,
      }),
    ),
  );
  const subscriptionCommands = own(
    lazyFeature(registerCommand, Object.values(SUBSCRIPTION_COMMANDS), async (register) =>
      (await import('./subscriptions/register')).registerSubscriptionCommands({ extensionUri: context.extensionUri, log, headers: requestHeaders, registerCommand: register, ui, activeSite, restorers }),
    ),
  );
  formFeatures.push(quoteForms, exportForm, subscriptionCommands);
  own(
    registerRequestHeaderCommands({
      headers: requestHeaders,
      registerCommand,
      ui,
      activeSite: async () => {
        const site = await activeSite();
        return site && { id: site.id, label: `${site.label} (${site.mode})` };
      },
    }),
  );
  own(registerViewers({ extensionUri: context.extensionUri, log, reveal: revealDownloadedFile }));

  const ready = startUp(sites, exportJobs.store.list().length > 0, log);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return testInput ? { log, sites, requestHeaders, quotesTree, exportJobs, userInput: testInput, ready } : undefined;
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
