/**
 * Forms that come back after "Developer: Reload Window" or a restart. Each form panel hands its
 * webview a restore reference (which feature, which form, on which site); the webview keeps it in its
 * state with the values typed so far. On reload VS Code gives that state to the panel serializer,
 * which asks the feature that registered the reference's kind to build the form again; the webview
 * then restores the typed values into it. A form that cannot come back (its site was removed or is
 * not the active one any more) says so in its panel and shows what was typed, so nothing is lost.
 */
import type * as vscode from 'vscode';
import type { FormValues } from '../forms/values';
import type { FormController } from './form-controller';
import { FormPanel } from './form-panel';
import type { FormRestoreRef } from './protocol';
import { savedStateOf } from './restore-state';

export type RestoredForm =
  | {
      readonly controller: FormController;
      /** The panel key, as the feature's own open would give it (one panel per key). */
      readonly key?: string;
      /** Runs with the panel once it exists (e.g. wiring the controller to the panel's values). */
      readonly adopted?: (panel: FormPanel) => void;
    }
  | { readonly problem: string };

/** A feature's way back to one kind of form: `args` as the feature put them in the reference. */
export type FormRestorer = (args: FormRestoreRef['args']) => Promise<RestoredForm>;

export interface FormRestoreRegistry {
  register(kind: string, restorer: FormRestorer): vscode.Disposable;
}

/** The active site when a restored form was for it; otherwise why the form cannot come back (one wording for every form). */
export async function siteOfRestored<S extends { readonly id: string }>(activeSite: () => Promise<S | undefined>, siteId: unknown): Promise<S | { problem: string }> {
  const site = await activeSite();
  if (site && site.id === siteId) return site;
  const id = typeof siteId === 'string' ? siteId : 'unknown';
  return { problem: site ? `It was for the site ${id}, which is not the active site now. Switch to it and open the form again.` : `It was for the site ${id}, which is no longer set up.` };
}

export interface RestoreFormOptions {
  readonly extensionUri: vscode.Uri;
  readonly log: { warn(message: string): void };
  /** The restorer a feature registered for a kind of form (restore-registry.ts holds them). */
  restorerFor(kind: string): FormRestorer | undefined;
}

/** Brings one form panel back from the state its webview saved: rebuilt by its feature, or said gone. */
export async function restoreFormPanel(panel: vscode.WebviewPanel, state: unknown, options: RestoreFormOptions): Promise<void> {
  const saved = savedStateOf(state);
  if (!saved) {
    showGone(panel, 'This form cannot be restored', 'It was opened by an older version of the extension, or before anything was typed. Open it again from its command.');
    return;
  }
  const restorer = options.restorerFor(saved.restore.kind);
  let restored: RestoredForm;
  try {
    restored = restorer ? await restorer(saved.restore.args) : { problem: 'This kind of form is no longer offered.' };
  } catch (err) {
    restored = { problem: err instanceof Error ? err.message : String(err) };
  }
  if ('problem' in restored) {
    options.log.warn(`Form ${saved.formId} was not restored: ${restored.problem}`);
    showGone(panel, 'This form could not be restored', restored.problem, saved.values);
    return;
  }
  const opened = FormPanel.show({
    extensionUri: options.extensionUri,
    controller: restored.controller,
    ...(restored.key !== undefined ? { key: restored.key } : {}),
    formId: saved.formId,
    restore: saved.restore,
    panel,
    log: options.log,
  });
  restored.adopted?.(opened);
}

/** A static page (no script) that says why the form is gone and shows what was typed in it. */
function showGone(panel: vscode.WebviewPanel, title: string, reason: string, values?: FormValues): void {
  const typed = values ? typedLines(values) : [];
  panel.webview.options = { enableScripts: false, localResourceRoots: [] };
  panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${panel.webview.cspSource} 'unsafe-inline';">
<title>${esc(title)}</title>
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 20px}pre{white-space:pre-wrap;background:var(--vscode-textCodeBlock-background);padding:8px}</style>
</head><body><main><h1 data-testid="restore-problem">${esc(title)}</h1><p>${esc(reason)}</p>
${typed.length > 0 ? `<h2>What was typed</h2><pre data-testid="restore-values">${esc(typed.join('\n'))}</pre>` : ''}
</main></body></html>`;
}

function typedLines(values: FormValues): string[] {
  const lines: string[] = [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  for (const [k, v] of Object.entries(values.path)) if (v !== '') lines.push(`${k}: ${v}`);
  for (const [k, v] of Object.entries(values.fields)) if (v !== '' && v !== false) lines.push(`${k}: ${text(v)}`);
  for (const [g, rows] of Object.entries(values.rows)) {
    rows.forEach((row, i) => {
      const filled = Object.entries(row).filter(([, v]) => v !== '' && v !== false);
      if (filled.length > 0) lines.push(`${g} ${i + 1}: ${filled.map(([k, v]) => `${k}=${text(v)}`).join(', ')}`);
    });
  }
  for (const [k, list] of Object.entries(values.lists)) if (list.some((x) => x !== '')) lines.push(`${k}: ${list.join(', ')}`);
  for (const f of values.filters) if (f.field !== '') lines.push(`filter ${f.group === '' ? '' : `${f.group}.`}${f.field} ${f.op} ${f.values.join(' and ')}`);
  return lines;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
