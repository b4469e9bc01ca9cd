/**
 * Registers the PDF viewer and the CSV table as read-only custom editors. The providers' code loads
 * when the first PDF or CSV opens in one (VS Code needs the registration at start-up, not the code).
 */
import * as vscode from 'vscode';
import type { ViewerKind } from './provider';
import { CSV_VIEW_TYPE, PDF_VIEW_TYPE } from './view-types';

export interface ViewerDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: { info(message: string): void; warn(message: string): void };
  /** The viewers' Reveal action (downloads/open.ts has the one implementation). */
  reveal(file: string): Promise<void>;
}

type Provider = vscode.CustomReadonlyEditorProvider<vscode.CustomDocument>;

class LazyViewerProvider implements Provider {
  private real: Promise<Provider> | undefined;

  constructor(
    private readonly kind: ViewerKind,
    private readonly deps: ViewerDeps,
  ) {}

  private load(): Promise<Provider> {
    this.real ??= import('./provider').then((m) => new m.ViewerProvider(this.kind, this.deps.extensionUri, this.deps.log, (file) => this.deps.reveal(file)) as unknown as Provider);
    return this.real;
  }

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext, token: vscode.CancellationToken): Promise<vscode.CustomDocument> {
    return (await this.load()).openCustomDocument(uri, context, token);
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel, token: vscode.CancellationToken): Promise<void> {
    await (await this.load()).resolveCustomEditor(document, panel, token);
  }
}

export function registerViewers(deps: ViewerDeps): vscode.Disposable {
  // Kept alive when hidden: re-parsing 100,000 rows on every tab switch would cost more than the memory.
  const options = { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true };
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(PDF_VIEW_TYPE, new LazyViewerProvider('pdf', deps), options),
    vscode.window.registerCustomEditorProvider(CSV_VIEW_TYPE, new LazyViewerProvider('csv', deps), options),
  );
}
