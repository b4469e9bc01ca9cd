/**
 * The site commands: add, switch, rename, remove, change key. An argument may name the site to act on
 * (`'id'`, `{ id }`, `{ siteId }`); none answers a prompt or skips a confirmation, and no key is ever
 * taken from an argument. Every question goes through the injected UserInput.
 */
import * as vscode from 'vscode';
import { SITE_COMMANDS } from '../commands/ids';
import { CancelledError, Notice, type RegisterCommand } from '../commands/register';
import type { UserInput } from '../commands/user-input';
import { askApiKey, askCatalog, askSite, siteCatalog, verifiedKey } from './add-site';
import { CATALOG_NAMES } from './detect-catalog';
import type { SiteAnswers } from './location';
import type { Sites } from './service';
import { NO_SITE_MESSAGE, siteIdFor, type SiteRecord } from './site';

export interface SiteCommandDeps {
  readonly sites: Sites;
  readonly registerCommand: RegisterCommand;
  readonly log: vscode.LogOutputChannel;
  readonly ui: UserInput;
}

export function registerSiteCommands({ sites, registerCommand, log, ui }: SiteCommandDeps): vscode.Disposable[] {
  const c = SITE_COMMANDS;
  return [
    registerCommand(c.addSite, async () => addSite(sites, log, ui)),
    registerCommand(c.switchSite, async (arg) => switchSite(sites, ui, arg)),
    registerCommand(c.renameSite, async (arg) => renameSite(sites, ui, arg)),
    registerCommand(c.removeSite, async (arg) => removeSite(sites, log, ui, arg)),
    registerCommand(c.changeApiKey, async (arg) => changeApiKey(sites, log, ui, arg)),
    registerCommand(c.detectCatalog, async (arg) => redetectCatalog(sites, log, ui, arg)),
    registerCommand(c.showLog, () => log.show()),
  ];
}

/** Resolves with the new site's id. */
async function addSite(sites: Sites, log: vscode.LogOutputChannel, ui: UserInput): Promise<string> {
  const asked = await askSite(ui);
  const apiKey = await verifiedKey(ui, asked, asked.label, asked.apiKey);
  const catalog = await siteCatalog(ui, asked, asked.label, apiKey);
  const answers: SiteAnswers = {
    ...asked,
    apiKey,
    catalogVersion: catalog.catalogVersion,
    ...(catalog.detected ? { catalogDetectedAt: Date.now() } : {}),
  };
  const record = newRecord(sites, answers);
  await sites.store.add(record, answers.apiKey);
  log.info(`Added site ${record.id} (${record.baseUrl}, catalog ${record.catalogVersion}.0, ${catalog.detected ? 'detected' : 'chosen'})`);
  void vscode.window.showInformationMessage(`Chargebee site ${record.label} added and selected.`);
  return record.id;
}

export function newRecord(sites: Sites, answers: SiteAnswers): SiteRecord {
  const taken = new Set(sites.store.list().map((s) => s.id));
  return {
    id: siteIdFor(answers, taken),
    label: answers.label,
    ...(answers.siteName !== undefined ? { siteName: answers.siteName } : {}),
    baseUrl: answers.baseUrl,
    catalogVersion: answers.catalogVersion,
    ...(answers.catalogDetectedAt !== undefined ? { catalogDetectedAt: answers.catalogDetectedAt } : {}),
    currency: answers.currency ?? 'USD',
    multiDecimal: answers.multiDecimal ?? false,
    createdAt: Date.now(),
  };
}

/** A site from an argument (`'id'`, `{ id }`, `{ siteId }`), or one picked from the list. */
async function siteFrom(sites: Sites, ui: UserInput, arg: unknown, placeHolder: string): Promise<SiteRecord> {
  const id = typeof arg === 'string' ? arg : idOf(arg);
  const all = sites.store.list();
  if (all.length === 0) throw new Notice(NO_SITE_MESSAGE);
  if (id !== undefined) {
    const site = sites.store.get(id);
    if (!site) throw new Notice(`There is no Chargebee site with id ${id}.`);
    return site;
  }
  const activeId = sites.store.active()?.id;
  const picked = await ui.showQuickPick(
    all.map((site) => ({
      label: site.label,
      description: site.id === activeId ? 'active' : undefined,
      detail: `${site.baseUrl} · ${CATALOG_NAMES[site.catalogVersion]}`,
      site,
    })),
    { placeHolder },
  );
  if (!picked) throw new CancelledError();
  return picked.site;
}

function idOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const r = arg as Record<string, unknown>;
  const id = r['id'] ?? r['siteId'];
  return typeof id === 'string' ? id : undefined;
}

async function switchSite(sites: Sites, ui: UserInput, arg: unknown): Promise<string | undefined> {
  if (sites.store.list().length === 0) {
    await vscode.commands.executeCommand(SITE_COMMANDS.addSite);
    return sites.store.active()?.id;
  }
  const site = await siteFrom(sites, ui, arg, 'Switch to which Chargebee site?');
  await sites.store.setActive(site.id);
  return site.id;
}

async function renameSite(sites: Sites, ui: UserInput, arg: unknown): Promise<string | undefined> {
  const site = await siteFrom(sites, ui, arg, 'Rename which Chargebee site?');
  const label = await ui.showInputBox({
    title: `Rename ${site.label}`,
    value: site.label,
    validateInput: (t) => (t.trim() === '' ? 'Enter a label.' : undefined),
  });
  if (label === undefined) throw new CancelledError();
  if (label.trim() === '') throw new Notice('A site needs a label.');
  await sites.store.update(site.id, { label: label.trim() });
  return label.trim();
}

/** Always a modal confirmation, whichever way the site was named. */
async function removeSite(sites: Sites, log: vscode.LogOutputChannel, ui: UserInput, arg: unknown): Promise<boolean> {
  const site = await siteFrom(sites, ui, arg, 'Remove which Chargebee site?');
  const remove = 'Remove Site';
  // "Keep Site" first: the dialog's first button is its default, and the default is never the removal.
  const answer = await ui.showWarningMessage(
    `Remove the Chargebee site ${site.label}?`,
    { modal: true, detail: 'Its API key is deleted from secret storage. Chargebee itself is not changed.' },
    'Keep Site',
    remove,
  );
  if (answer !== remove) return false;
  await sites.store.remove(site.id);
  log.info(`Removed site ${site.label} (${site.id})`);
  return true;
}

/** A new key may belong to a site that has moved to another catalog since: read it again. */
async function changeApiKey(sites: Sites, log: vscode.LogOutputChannel, ui: UserInput, arg: unknown): Promise<void> {
  const site = await siteFrom(sites, ui, arg, 'Change the API key of which Chargebee site?');
  const typed = await askApiKey(ui, `New API key for ${site.label}`, site.label);
  const key = await verifiedKey(ui, site, site.label, typed);
  await sites.store.setApiKey(site.id, key);
  const catalog = await siteCatalog(ui, site, site.label, key).catch((err: unknown) => {
    if (err instanceof CancelledError) return undefined;
    throw err;
  });
  const changed = catalog !== undefined && catalog.catalogVersion !== site.catalogVersion;
  if (catalog) await storeCatalog(sites, log, site, catalog.catalogVersion, catalog.detected);
  void vscode.window.showInformationMessage(
    `The API key of ${site.label} was replaced.${changed ? ` The site now uses ${CATALOG_NAMES[catalog.catalogVersion]}.` : ''}`,
  );
}

/**
 * Reads the site's catalog again (after a form was told `configuration_incompatible`, or on demand);
 * resolves with the catalog now stored.
 */
async function redetectCatalog(sites: Sites, log: vscode.LogOutputChannel, ui: UserInput, arg: unknown): Promise<number> {
  const site = await siteFrom(sites, ui, arg, 'Detect the product catalog of which Chargebee site?');
  const key = await sites.store.apiKey(site.id);
  const catalog = key !== undefined
    ? await siteCatalog(ui, site, site.label, key)
    : { catalogVersion: await askCatalog(ui, `${site.label} has no API key stored. Which product catalog does it use?`), detected: false };
  await storeCatalog(sites, log, site, catalog.catalogVersion, catalog.detected);
  void vscode.window.showInformationMessage(
    site.catalogVersion === catalog.catalogVersion
      ? `${site.label} uses ${CATALOG_NAMES[catalog.catalogVersion]}, as before.`
      : `${site.label} now uses ${CATALOG_NAMES[catalog.catalogVersion]} (was ${CATALOG_NAMES[site.catalogVersion]}): new quote forms use its endpoints.`,
  );
  return catalog.catalogVersion;
}

async function storeCatalog(sites: Sites, log: vscode.LogOutputChannel, site: SiteRecord, catalogVersion: 1 | 2, detected: boolean): Promise<void> {
  const { catalogDetectedAt: _old, ...rest } = site;
  const next = detected ? { ...rest, catalogVersion, catalogDetectedAt: Date.now() } : { ...rest, catalogVersion };
  await sites.store.replace(next);
  if (catalogVersion !== site.catalogVersion) log.info(`Site ${site.id}: product catalog ${site.catalogVersion}.0 -> ${catalogVersion}.0 (${detected ? 'detected' : 'chosen'})`);
}
