/**
 * A form in a WebviewPanel. The page is the fixed shell from html.ts; the form arrives by `init` after
 * the webview says `ready`. Panels do not retain their context when hidden: the webview keeps its
 * values with setState and the host re-sends `init` on the next `ready`, so a hidden form costs no
 * memory and loses nothing.
 */
import * as vscode from 'vscode';
import type { FormController } from './form-controller';
import { FormSession } from './form-session';
import { renderWebviewHtml } from './html';
import type { FormValues } from '../forms/values';
import { DisposableStore } from '../util/disposables';
import type { FormRestoreRef } from './protocol';

export interface FormPanelOptions {
  readonly extensionUri: vscode.Uri;
  readonly controller: FormController;
  /**
   * Panels with the same key are one panel: opening it again reveals the open one (e.g.
   * `quotes.edit:Q-12`). Without a key every call opens a new panel.
   */
  readonly key?: string;
  readonly column?: vscode.ViewColumn;
  readonly log?: { warn(message: string): void };
  /** How the form comes back after a reload (form-restore.ts); without it a reload shows it cannot. */
  readonly restore?: FormRestoreRef;
  /** A restored form keeps its id, so the webview puts its saved values back. */
  readonly formId?: string;
  /** A panel VS Code restored, to adopt instead of creating one. */
  readonly panel?: vscode.WebviewPanel;
}

/** The view type of every form panel; package.json activates on `onWebviewPanel:chargebee.form`. */
import { FORM_VIEW_TYPE } from './view-types';

export { FORM_VIEW_TYPE };
/** What scripts/build.mjs emits for src/webview/ui/forms.entry.ts (esbuild's `[name]` keeps `.entry`). */
const FORMS_SCRIPT = 'forms.entry.js';
let nextId = 1;

export class FormPanel implements vscode.Disposable {
  private static readonly open = new Map<string, FormPanel>();

  private readonly disposables = new DisposableStore();
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  readonly session: FormSession;
  private readonly panel: vscode.WebviewPanel;
  private disposed = false;

  /** Opens the form, or reveals the panel already open under the same key. */
  static show(opts: FormPanelOptions): FormPanel {
    const existing = opts.key === undefined ? undefined : FormPanel.open.get(opts.key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    return new FormPanel(opts);
  }

  static find(key: string): FormPanel | undefined {
    return FormPanel.open.get(key);
  }

  private constructor(private readonly opts: FormPanelOptions) {
    const { extensionUri, controller } = opts;
    // Ids of new forms must not repeat across reloads either: a restored form's saved values follow its id.
    const formId = opts.formId ?? opts.key ?? `${controller.definition.model.spec.id}#${Date.now().toString(36)}-${nextId++}`;
    const title = controller.definition.title ?? controller.definition.model.title;
    const options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    if (opts.panel) {
      this.panel = opts.panel;
      this.panel.title = title;
      this.panel.webview.options = options;
    } else {
      this.panel = vscode.window.createWebviewPanel(FORM_VIEW_TYPE, title, opts.column ?? vscode.ViewColumn.Active, { ...options, retainContextWhenHidden: false });
    }
    const webview = this.panel.webview;
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', FORMS_SCRIPT)).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')).toString()],
    });
    this.session = new FormSession(controller, {
      post: (message) => {
        // A post to a disposed or hidden-and-destroyed webview resolves false; `init` is re-sent on `ready`.
        webview.postMessage(message).then(undefined, (err: unknown) => this.warn(`postMessage failed: ${String(err)}`));
      },
      copyText: async (text, what) => {
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(`Copied the ${what}`, 3000);
      },
      close: () => this.dispose(),
      warn: (message) => this.warn(message),
    }, formId, opts.restore);
    this.disposables.addAll(
      webview.onDidReceiveMessage((raw: unknown) => {
        this.session.handle(raw).catch((err: unknown) => this.warn(`form ${formId}: ${String(err)}`));
      }),
      this.panel.onDidDispose(() => this.cleanUp()),
    );
    if (opts.key !== undefined) FormPanel.open.set(opts.key, this);
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn);
  }

  /** Replaces the form's values, e.g. after loading a preset from the tree. */
  setValues(values: FormValues): void {
    this.session.setValues(values);
  }

  dispose(): void {
    // Disposing the panel fires onDidDispose, which cleans up.
    this.panel.dispose();
  }

  private cleanUp(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    if (this.opts.key !== undefined && FormPanel.open.get(this.opts.key) === this) FormPanel.open.delete(this.opts.key);
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
    this.disposables.dispose();
  }

  private warn(message: string): void {
    this.opts.log?.warn(message);
  }
}
