/**
 * registerSubscriptionCommands: "Import Unbilled Charges...", "Unbilled Charges of a Subscription..."
 * and "Invoice Unbilled Charges Now..." (subscription picked first, or given as the argument: an id,
 * `{ id }` or `{ subscription: { id } }`). activate() calls it once and owns the returned Disposable. "Edit Request Headers..." lives in src/request-headers/register.ts.
 */
import * as vscode from 'vscode';
import { ChargebeeError } from '../chargebee/errors';
import { NO_SITE_MESSAGE } from '../sites/site';
import { FormPanel } from '../webview/form-panel';
import { SUBSCRIPTION_COMMANDS } from '../commands/ids';
import { siteOfRestored, type RestoredForm } from '../webview/form-restore';
import type { FormRestoreRef } from '../webview/protocol';
import type { SubscriptionCommandDeps, SubscriptionDeps, UnbilledSite } from './deps';
import { subscriptionIdOf } from './args';
import { pickSubscription } from './subscription-pick';
import { createUnbilledFormController } from './unbilled-controller';
import type { UnbilledFormController } from './unbilled-controller';
import type { SubscriptionResponse } from '../chargebee/responses';
import { DisposableStore } from '../util/disposables';
import { UnbilledManager, type UnbilledSession } from './unbilled-manage';

/** What the import command resolves with (tests and other commands may use it). */
export interface OpenedImportForm {
  readonly panel: FormPanel;
  readonly controller: UnbilledFormController;
}

export function registerSubscriptionCommands(deps: SubscriptionCommandDeps): vscode.Disposable {
  const c = SUBSCRIPTION_COMMANDS;
  const manager = new UnbilledManager(deps.ui, undefined, deps.log);
  const disposables = DisposableStore.of(
    deps.registerCommand(c.importUnbilledCharges, async (arg) => openImportForm(deps, arg)),
    deps.registerCommand(c.showUnbilledCharges, async (arg) => withSubscription(deps, arg, 'Unbilled charges', async (site, id) => manager.run(site, id))),
    deps.registerCommand(c.invoiceUnbilledCharges, async (arg) => withSubscription(deps, arg, 'Invoice unbilled charges now', async (site, id) => manager.invoiceOnly(site, id))),
  );
  if (deps.restorers) disposables.add(deps.restorers.register(RESTORE_KIND, async (args) => restoreImportForm(deps, args)));
  return disposables;
}

/** Restore kind of the import form (src/webview/form-restore.ts). */
const RESTORE_KIND = 'subscriptions.importUnbilledCharges';

function importController(deps: SubscriptionDeps, site: UnbilledSite, picked: PickedSubscription): UnbilledFormController {
  return createUnbilledFormController({
    site,
    subscriptionId: picked.id,
    ...(picked.currency !== undefined ? { currency: picked.currency } : {}),
    siteHeaders: () => deps.headers.forSite(site.id),
    onImported: (count) => offerUnbilledList(picked.id, count),
  });
}

/** The import form again after a reload, when its site is still the active one. */
async function restoreImportForm(deps: SubscriptionDeps, args: FormRestoreRef['args']): Promise<RestoredForm> {
  const site = await siteOfRestored(() => deps.activeSite(), args['siteId']);
  if ('problem' in site) return site;
  const subscriptionId = args['subscriptionId'];
  if (typeof subscriptionId !== 'string') return { problem: 'The saved form names no subscription.' };
  const currency = args['currency'];
  const controller = importController(deps, site, { id: subscriptionId, ...(typeof currency === 'string' ? { currency } : {}) });
  return { controller, key: importKey(site, subscriptionId), adopted: (panel) => controller.attachValues(() => panel.session.currentValues) };
}

function importKey(site: UnbilledSite, subscriptionId: string): string {
  return `subscriptions.importUnbilledCharges:${site.id}:${subscriptionId}`;

}

async function withSubscription(
  deps: SubscriptionDeps,
  arg: unknown,
  title: string,
  work: (site: UnbilledSite, subscriptionId: string) => Promise<UnbilledSession>,
): Promise<UnbilledSession | undefined> {
  const site = await deps.activeSite();
  if (!site) {
    void vscode.window.showWarningMessage(NO_SITE_MESSAGE);
    return undefined;
  }
  const id = subscriptionIdOf(arg) ?? (await pickSubscription(site.client, `${title} (${site.info.name})`));
  return id === undefined ? undefined : work(site, id);
}

/** After an import, the way on: the subscription's pending charges, to invoice now or tidy up. */
function offerUnbilledList(subscriptionId: string, count: number): void {
  const show = 'Show Unbilled Charges';
  void Promise.resolve(vscode.window.showInformationMessage(`Imported ${count} unbilled ${count === 1 ? 'charge' : 'charges'} into ${subscriptionId}.`, show)).then(async (answer) => {
    if (answer === show) await vscode.commands.executeCommand(SUBSCRIPTION_COMMANDS.showUnbilledCharges, subscriptionId);
  });
}

export async function openImportForm(deps: SubscriptionDeps, arg: unknown): Promise<OpenedImportForm | undefined> {
  const site = await deps.activeSite();
  if (!site) {
    void vscode.window.showWarningMessage(NO_SITE_MESSAGE);
    return undefined;
  }
  const given = subscriptionIdOf(arg);
  const id = given ?? (await pickSubscription(site.client, `Import unbilled charges (${site.info.name})`));
  if (id === undefined) return undefined;
  const picked = await describeSubscription(site, id);
  const controller = importController(deps, site, picked);
  const restore = { kind: RESTORE_KIND, args: { siteId: site.id, subscriptionId: picked.id, ...(picked.currency !== undefined ? { currency: picked.currency } : {}) } };
  const panel = FormPanel.show({ extensionUri: deps.extensionUri, controller, key: importKey(site, picked.id), restore, log: deps.log });
  controller.attachValues(() => panel.session.currentValues);
  return { panel, controller };
}

interface PickedSubscription {
  readonly id: string;
  readonly currency?: string;
}

/** Retrieves the chosen subscription, for its currency; a missing one is said plainly before any form opens. */
async function describeSubscription(site: UnbilledSite, subscriptionId: string): Promise<PickedSubscription> {
  try {
    const res = await site.client.call<SubscriptionResponse>('subscriptions.retrieve', { pathParams: { subscription_id: subscriptionId } });
    const currency = res.body.subscription?.currency_code;
    return typeof currency === 'string' && currency !== '' ? { id: subscriptionId, currency } : { id: subscriptionId };
  } catch (err) {
    if (err instanceof ChargebeeError && err.httpStatus === 404) throw new Error(`Subscription ${subscriptionId} was not found on ${site.info.name}.`);
    throw err;
  }
}
