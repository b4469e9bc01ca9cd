/** Registers the PDF viewer and the CSV table as read-only custom editors. */
import * as vscode from 'vscode';
import { ViewerProvider } from './provider';
import { CSV_VIEW_TYPE, PDF_VIEW_TYPE } from './view-types';

export interface ViewerDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: { info(message: string): void; warn(message: string): void };
}

export function registerViewers(deps: ViewerDeps): vscode.Disposable {
  // Kept alive when hidden: re-parsing 100,000 rows on every tab switch would cost more than the memory.
  const options = { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true };
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(PDF_VIEW_TYPE, new ViewerProvider('pdf', deps.extensionUri, deps.log), options),
    vscode.window.registerCustomEditorProvider(CSV_VIEW_TYPE, new ViewerProvider('csv', deps.extensionUri, deps.log), options),
  );
}
