/**
 * "Add Site": where the site is (a site name or a base URL), a label, the product catalog, the API
 * key (password box), then one cheap authenticated request so a wrong key is caught now, with a
 * clear message and another try, rather than at the first quote. Every prompt goes through the
 * injected UserInput.
 */
import * as vscode from 'vscode';
import { CancelledError } from '../commands/register';
import type { UserInput } from '../commands/user-input';
import { checkKey, defaultLabel, locationProblem, parseLocation, type SiteAnswers, type SiteLocation } from './location';

/** The interactive steps; throws CancelledError when the user presses Escape. */
export async function askSite(ui: UserInput): Promise<SiteAnswers> {
  const total = 4;
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
  const catalog = await ui.showQuickPick(
    [
      { label: 'Product Catalog 2.0', description: 'items and item prices', catalogVersion: 2 as const },
      { label: 'Product Catalog 1.0', description: 'plans and addons', catalogVersion: 1 as const },
    ],
    { title: title(3), placeHolder: 'Which product catalog does this site use?', ignoreFocusOut: true },
  );
  if (!catalog) throw new CancelledError();
  const apiKey = await askApiKey(ui, title(4), label.trim());
  return { ...location, label: label.trim(), catalogVersion: catalog.catalogVersion, apiKey };
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
