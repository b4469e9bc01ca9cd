/**
 * The site commands: add, switch, rename, remove, change key. Each accepts a scripted argument so the
 * extension-host tests (and automation) can run it without prompts.
 */
import * as vscode from 'vscode';
import { SITE_COMMANDS } from '../commands/ids';
import { CancelledError, Notice, type RegisterCommand } from '../commands/register';
import { askApiKey, askSite, verifiedKey } from './add-site';
import { addSiteArgsOf, defaultLabel, parseLocation, type SiteAnswers } from './location';
import type { Sites } from './service';
import { NO_SITE_MESSAGE, siteIdFor, type SiteRecord } from './site';

export function registerSiteCommands(sites: Sites, registerCommand: RegisterCommand, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const c = SITE_COMMANDS;
  return [
    registerCommand(c.addSite, async (arg) => addSite(sites, log, arg)),
    registerCommand(c.switchSite, async (arg) => switchSite(sites, arg)),
    registerCommand(c.renameSite, async (arg, second) => renameSite(sites, arg, second)),
    registerCommand(c.removeSite, async (arg) => removeSite(sites, log, arg)),
    registerCommand(c.changeApiKey, async (arg) => changeApiKey(sites, arg)),
    registerCommand(c.showLog, () => log.show()),
  ];
}

/** Resolves with the new site's id. */
async function addSite(sites: Sites, log: vscode.LogOutputChannel, arg: unknown): Promise<string> {
  const scripted = addSiteArgsOf(arg);
  let answers: SiteAnswers;
  if (scripted) {
    const location = parseLocation(scripted.baseUrl ?? scripted.siteName ?? '');
    const label = scripted.label ?? defaultLabel(location);
    const apiKey = scripted.verify === false ? scripted.apiKey : await verifiedKey(location, label, scripted.apiKey, false);
    answers = {
      ...location,
      label,
      catalogVersion: scripted.catalogVersion ?? 2,
      apiKey,
      ...(scripted.currency !== undefined ? { currency: scripted.currency } : {}),
      ...(scripted.multiDecimal !== undefined ? { multiDecimal: scripted.multiDecimal } : {}),
    };
  } else {
    const asked = await askSite();
    answers = { ...asked, apiKey: await verifiedKey(asked, asked.label, asked.apiKey, true) };
  }
  const record = newRecord(sites, answers);
  await sites.store.add(record, answers.apiKey);
  log.info(`Added site ${record.id} (${record.baseUrl}, catalog ${record.catalogVersion}.0)`);
  if (!scripted) void vscode.window.showInformationMessage(`Chargebee site ${record.label} added and selected.`);
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
    currency: answers.currency ?? 'USD',
    multiDecimal: answers.multiDecimal ?? false,
    createdAt: Date.now(),
  };
}

/** A site from an argument (`'id'`, `{ id }`, `{ siteId }`), or one picked from the list. */
async function siteFrom(sites: Sites, arg: unknown, placeHolder: string): Promise<SiteRecord> {
  const id = typeof arg === 'string' ? arg : idOf(arg);
  const all = sites.store.list();
  if (all.length === 0) throw new Notice(NO_SITE_MESSAGE);
  if (id !== undefined) {
    const site = sites.store.get(id);
    if (!site) throw new Notice(`There is no Chargebee site with id ${id}.`);
    return site;
  }
  const activeId = sites.store.active()?.id;
  const picked = await vscode.window.showQuickPick(
    all.map((site) => ({
      label: site.label,
      description: site.id === activeId ? 'active' : undefined,
      detail: site.baseUrl,
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

async function switchSite(sites: Sites, arg: unknown): Promise<string | undefined> {
  if (sites.store.list().length === 0) {
    await vscode.commands.executeCommand(SITE_COMMANDS.addSite);
    return sites.store.active()?.id;
  }
  const site = await siteFrom(sites, arg, 'Switch to which Chargebee site?');
  await sites.store.setActive(site.id);
  return site.id;
}

async function renameSite(sites: Sites, arg: unknown, second: unknown): Promise<string | undefined> {
  const site = await siteFrom(sites, arg, 'Rename which Chargebee site?');
  const scripted = typeof second === 'string' ? second : typeof arg === 'object' && arg !== null ? (arg as { label?: unknown }).label : undefined;
  const label =
    typeof scripted === 'string'
      ? scripted
      : await vscode.window.showInputBox({
          title: `Rename ${site.label}`,
          value: site.label,
          validateInput: (t) => (t.trim() === '' ? 'Enter a label.' : undefined),
        });
  if (label === undefined) throw new CancelledError();
  if (label.trim() === '') throw new Notice('A site needs a label.');
  await sites.store.update(site.id, { label: label.trim() });
  return label.trim();
}

/** `{ id }` as the argument removes without asking (tests); otherwise a modal confirmation. */
async function removeSite(sites: Sites, log: vscode.LogOutputChannel, arg: unknown): Promise<boolean> {
  const scripted = idOf(arg) !== undefined || typeof arg === 'string';
  const site = await siteFrom(sites, arg, 'Remove which Chargebee site?');
  if (!scripted) {
    const remove = 'Remove Site';
    const answer = await vscode.window.showWarningMessage(
      `Remove the Chargebee site ${site.label}?`,
      { modal: true, detail: 'Its API key is deleted from secret storage. Chargebee itself is not changed.' },
      remove,
    );
    if (answer !== remove) return false;
  }
  await sites.store.remove(site.id);
  log.info(`Removed site ${site.id}`);
  return true;
}

async function changeApiKey(sites: Sites, arg: unknown): Promise<void> {
  const site = await siteFrom(sites, arg, 'Change the API key of which Chargebee site?');
  const given = typeof arg === 'object' && arg !== null ? (arg as { apiKey?: unknown }).apiKey : undefined;
  const typed = typeof given === 'string' && given !== '' ? given : await askApiKey(`New API key for ${site.label}`, site.label);
  const key = await verifiedKey(site, site.label, typed, typeof given !== 'string');
  await sites.store.setApiKey(site.id, key);
  if (typeof given !== 'string') void vscode.window.showInformationMessage(`The API key of ${site.label} was replaced.`);
}
