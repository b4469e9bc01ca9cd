/**
 * "Add Site": where the site is (a site name or a base URL), a label, the API key (password box),
 * then one cheap authenticated request so a wrong key is caught now, with a clear message and another
 * try, rather than at the first quote. The product catalog is read from the site (detect-catalog.ts);
 * only when the site cannot tell is the user asked. Every prompt goes through the injected UserInput.
 */
import * as vscode from 'vscode';
import type { ProductCatalog } from '../chargebee/catalog/types';
import { CancelledError } from '../commands/register';
import type { UserInput } from '../commands/user-input';
import { CATALOG_NAMES, detectCatalog } from './detect-catalog';
import { checkKey, defaultLabel, locationProblem, parseLocation, probeClient, type SiteAnswers, type SiteLocation } from './location';

/** What the prompts gather; the catalog comes from the site afterwards. */
export type AskedSite = Omit<SiteAnswers, 'catalogVersion'>;

/** The interactive steps; throws CancelledError when the user presses Escape. */
export async function askSite(ui: UserInput): Promise<AskedSite> {
  const total = 3;
  const title = (n: number): string => `Add Chargebee Site (${n}/${total})`;
  const where = await ui.showInputBox({
    title: title(1),
    prompt: 'Site name (acme-test for acme-test.chargebee.com), or an API base URL such as http://127.0.0.1:8750/api/v2 for a sandbox',
    placeHolder: 'acme-test or http://127.0.0.1:8750/api/v2',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? undefined : locationProblem(text)),
  });
  if (where === undefined || where.trim() === '') throw new CancelledError();
  const location = parseLocation(where);
  const label = await ui.showInputBox({
    title: title(2),
    prompt: 'Label shown in the status bar and in titles',
    value: defaultLabel(location),
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'Enter a label.' : undefined),
  });
  if (label === undefined) throw new CancelledError();
  const apiKey = await askApiKey(ui, title(3), label.trim());
  return { ...location, label: label.trim(), apiKey };
}

export interface SiteCatalog {
  readonly catalogVersion: ProductCatalog;
  /** True when the site said so; false when the user chose after detection failed. */
  readonly detected: boolean;
}

/**
 * The site's catalog as the site reports it; when it cannot be read (an unverified key, an
 * unreachable site, an API without the call), the user is asked, told why.
 */
export async function siteCatalog(ui: UserInput, location: SiteLocation, label: string, apiKey: string): Promise<SiteCatalog> {
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading the product catalog of ${label}…` },
    async () => detectCatalog(probeClient(location.baseUrl, apiKey)),
  );
  if (found.ok) return { catalogVersion: found.catalogVersion, detected: true };
  return { catalogVersion: await askCatalog(ui, `Could not read the product catalog of ${label} (${found.message}). Which one does it use?`), detected: false };
}

export async function askCatalog(ui: UserInput, placeHolder: string): Promise<ProductCatalog> {
  const picked = await ui.showQuickPick(
    [
      { label: CATALOG_NAMES[2], description: 'items and item prices', catalogVersion: 2 as const },
      { label: CATALOG_NAMES[1], description: 'plans and addons', catalogVersion: 1 as const },
    ],
    { title: 'Chargebee: Product Catalog', placeHolder, ignoreFocusOut: true },
  );
  if (!picked) throw new CancelledError();
  return picked.catalogVersion;
}

export async function askApiKey(ui: UserInput, title: string, siteLabelText: string, problem?: string): Promise<string> {
  const key = await ui.showInputBox({
    title,
    prompt: `${problem !== undefined ? `${problem} ` : ''}API key of ${siteLabelText} (Settings > Configure Chargebee > API Keys). It is kept in VS Code's secret storage.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'Enter the API key.' : /\s/.test(text.trim()) ? 'An API key has no spaces.' : undefined),
  });
  if (key === undefined) throw new CancelledError();
  return key.trim();
}

/**
 * Checks the key and asks again after a 401 until it works or the user gives up. A site that cannot
 * be reached may still be added (the key is unverified), on request.
 */
export async function verifiedKey(ui: UserInput, location: SiteLocation, label: string, apiKey: string): Promise<string> {
  let key = apiKey;
  for (;;) {
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the API key with ${label}…` },
      async () => checkKey(location.baseUrl, key),
    );
    if (check.ok) return key;
    if (check.unauthorized) {
      key = await askApiKey(ui, `Add Chargebee Site: API key for ${label}`, label, check.message);
      continue;
    }
    const retry = 'Try Again';
    const anyway = 'Add Anyway';
    const choice = await ui.showWarningMessage(`Could not check the key: ${check.message}`, { modal: true }, retry, anyway);
    if (choice === anyway) return key;
    if (choice !== retry) throw new CancelledError();
  }
}
