/**
 * "Chargebee: Edit Request Headers...": a quick pick of the seven settings with their current values
 * for the active site; picking one asks for its value (a choice for the event flags, an input box
 * with validation for the rest) and comes back to the list until the user presses Escape. Every
 * prompt goes through the injected UserInput; no argument stores settings without them.
 */
import type { ActiveSite } from '../sites/site';
import * as vscode from 'vscode';
import type { UserInput } from '../commands/user-input';
import type { RequestHeaderKey, RequestHeaderSettings } from './settings';
import { ALL_DISABLED, buildRequestHeaders, describeSetting, HEADER, HEADER_HELP, headerProblem, isFlagKey, REQUEST_HEADER_KEYS } from './settings';
import type { RequestHeaderStore } from './store';

/** `label` is for titles, e.g. `acme-test (test)`. */
export type HeaderSite = Pick<ActiveSite, 'id' | 'label'>;

interface SettingItem extends vscode.QuickPickItem {
  readonly key?: RequestHeaderKey;
  readonly clear?: true;
}

/** Runs the editor for `site`; resolves with the stored settings, changed or not. */
export async function editRequestHeaders(store: RequestHeaderStore, site: HeaderSite, ui: UserInput): Promise<RequestHeaderSettings> {
  for (;;) {
    const current = store.forSite(site.id);
    const picked = await pickSetting(ui, site, current);
    if (!picked) return current;
    if (picked.clear) {
      await store.set(site.id, {});
      continue;
    }
    if (!picked.key) continue;
    const value = await askValue(ui, picked.key, current);
    if (value === undefined) continue;
    await store.set(site.id, { ...current, [picked.key]: value });
  }
}

async function pickSetting(ui: UserInput, site: HeaderSite, current: RequestHeaderSettings): Promise<SettingItem | undefined> {
  const sent = Object.entries(buildRequestHeaders(current)).map(([k, v]) => `${k}: ${v}`);
  const items: SettingItem[] = REQUEST_HEADER_KEYS.map((key) => ({
    key,
    label: HEADER[key],
    description: describeSetting(key, current),
    detail: HEADER_HELP[key],
  }));
  if (sent.length > 0) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(clear-all) Clear all request headers', clear: true });
  return ui.showQuickPick(items, {
    title: `Request headers for ${site.label}`,
    placeHolder: sent.length > 0 ? `Sent with every request: ${sent.join(', ')}` : 'No request headers are sent. Pick one to set it.',
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
}

/** The new value, or undefined when the user backed out. A flag answers true/false, text '' clears. */
async function askValue(ui: UserInput, key: RequestHeaderKey, current: RequestHeaderSettings): Promise<string | boolean | undefined> {
  if (isFlagKey(key)) {
    const choice = await ui.showQuickPick(
      [
        { label: ALL_DISABLED, description: 'send the header', on: true },
        { label: 'Not sent', description: 'leave the default behaviour', on: false },
      ],
      { title: HEADER[key], placeHolder: HEADER_HELP[key] },
    );
    return choice?.on;
  }
  const value = current[key];
  return ui.showInputBox({
    title: HEADER[key],
    prompt: `${HEADER_HELP[key]} Leave empty to stop sending it.`,
    value: typeof value === 'string' ? value : '',
    ignoreFocusOut: true,
    validateInput: (text) => headerProblem(key, text),
  }).then((text) => (text === undefined ? undefined : text.trim()));
}
