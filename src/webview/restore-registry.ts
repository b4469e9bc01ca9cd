/**
 * The panel serializer of the form panels, registered at activation without loading the form code:
 * when VS Code brings a form back after a reload, `loadFeatures` first loads the (lazily loaded)
 * features so each has registered how its kind of form comes back, then form-restore.ts rebuilds it.
 */
import * as vscode from 'vscode';
import type { FormRestorer, FormRestoreRegistry } from './form-restore';
import { FORM_VIEW_TYPE } from './view-types';

export interface LazyFormRestorersOptions {
  readonly extensionUri: vscode.Uri;
  readonly log: { warn(message: string): void };
  /** Loads every feature that registers restorers (their register functions run once). */
  loadFeatures(): Promise<unknown>;
}

export class LazyFormRestorers implements FormRestoreRegistry, vscode.Disposable {
  private readonly restorers = new Map<string, FormRestorer>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly options: LazyFormRestorersOptions) {
    this.registration = vscode.window.registerWebviewPanelSerializer(FORM_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        await this.options.loadFeatures();
        const { restoreFormPanel } = await import('./form-restore');
        await restoreFormPanel(panel, state, { extensionUri: this.options.extensionUri, log: this.options.log, restorerFor: (kind) => this.restorers.get(kind) });
      },
    });
  }

  register(kind: string, restorer: FormRestorer): vscode.Disposable {
    this.restorers.set(kind, restorer);
    return { dispose: () => this.restorers.delete(kind) };
  }

  dispose(): void {
    this.registration.dispose();
    this.restorers.clear();
  }
}
