/**
 * The QuickPicks and confirmations of the export form commands, resolving undefined when dismissed.
 * Plain picks and confirmations go through the injected UserInput; the preset picker needs row
 * buttons, so it is a `createQuickPick` of its own.
 */
import * as vscode from 'vscode';
import type { UserInput } from '../../commands/user-input';
import type { ExportEndpointSpec } from '../../chargebee/catalog/exports';
import type { ProductCatalog } from '../../chargebee/catalog/types';
import { encodeParams } from '../../chargebee/form-encoding';
import { settleOnce } from '../../util/settle-once';
import type { ExportPreset } from '../presets/store';
import { kindPickRows } from './kind-picker';
import { exportSpec } from './model';

interface KindItem extends vscode.QuickPickItem {
  readonly spec?: ExportEndpointSpec;
  readonly otherCatalog?: boolean;
}

/** The kind picker; a kind of the other catalog version asks once more before it is taken. */
export async function pickExportKind(ui: UserInput, siteLabel: string, siteCatalog: ProductCatalog | undefined): Promise<ExportEndpointSpec | undefined> {
  const items: KindItem[] = kindPickRows(siteCatalog).map((row) =>
    row.kind === 'separator'
      ? { label: row.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: row.label, ...(row.description !== undefined ? { description: row.description } : {}), detail: row.detail, spec: row.spec, otherCatalog: row.otherCatalog },
  );
  const pick = await ui.showQuickPick(items, { title: `New Export on ${siteLabel}`, placeHolder: 'What to export', matchOnDescription: true, matchOnDetail: true });
  if (!pick?.spec) return undefined;
  if (pick.otherCatalog && !(await confirmOtherCatalog(ui, pick.spec, siteCatalog))) return undefined;
  return pick.spec;
}

/** UNCONFIRMED whether Chargebee rejects a kind of the other catalog version, so the user may still try. */
export async function confirmOtherCatalog(ui: UserInput, spec: ExportEndpointSpec, siteCatalog: ProductCatalog | undefined): Promise<boolean> {
  const anyway = 'Open Anyway';
  const pick = await ui.showWarningMessage(
    `${spec.title} exists only in Product Catalog ${spec.catalog ?? '?'}.0, and this site uses ${siteCatalog ?? '?'}.0. Chargebee will most likely refuse the export.`,
    { modal: true },
    anyway,
  );
  return pick === anyway;
}

export type PresetChoice = { readonly action: 'run' | 'edit' | 'delete'; readonly preset: ExportPreset };

const EDIT_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Open in the form' };
const DELETE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete preset' };

interface PresetItem extends vscode.QuickPickItem {
  readonly preset: ExportPreset;
}

/** Presets of a site; Enter chooses `action`, the row buttons edit or delete. */
export function pickPreset(ui: UserInput, presets: readonly ExportPreset[], title: string, action: 'run' | 'delete'): Promise<PresetChoice | undefined> {
  // Through the seam: its own QuickPick (row buttons for Edit and Delete), scriptable in tests.
  const qp = ui.createQuickPick<PresetItem>();
  qp.title = title;
  qp.placeholder = presets.length === 0 ? 'No presets on this site yet: save one from a New Export form' : 'Preset';
  qp.matchOnDescription = true;
  qp.items = presets.map((preset) => ({
    label: preset.name,
    description: exportSpec(preset.kind)?.title ?? preset.kind,
    detail: summarize(preset),
    preset,
    buttons: action === 'run' ? [EDIT_BUTTON, DELETE_BUTTON] : [],
  }));
  return new Promise((resolve) => {
    const finish = settleOnce<PresetChoice | undefined>(resolve, () => qp.hide());
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      finish(item ? { action, preset: item.preset } : undefined);
    });
    qp.onDidTriggerItemButton((e) => finish({ action: e.button === EDIT_BUTTON ? 'edit' : 'delete', preset: e.item.preset }));
    qp.onDidHide(() => {
      finish(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** The preset's wire params in one line, so two presets of one kind can be told apart. */
export function summarize(preset: ExportPreset): string {
  const pairs = encodeParams(preset.params).map(([k, v]) => `${k}=${v}`);
  const text = pairs.length === 0 ? 'no filters' : pairs.join('  ');
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export async function confirm(ui: UserInput, message: string, action: string): Promise<boolean> {
  return (await ui.showWarningMessage(message, { modal: true }, action)) === action;
}
