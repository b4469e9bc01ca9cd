import * as vscode from 'vscode';
import { openCsvInViewer, openPdfInViewer, type OpenInViewerOptions } from '../viewers/open';

/** More editors than this at once would bury the user's own; the rest are revealed instead. */
const MAX_EDITORS = 8;

/**
 * Opens downloaded files: CSVs in the table viewer (as text when over its size limit), PDFs in the PDF
 * viewer, other text as text. Downloads finish in the background, so by default the focus stays where
 * the user is; a caller acting on a click may pass `preserveFocus: false`.
 */
export async function openDownloadedFiles(files: readonly string[], options: OpenInViewerOptions = { preserveFocus: true }): Promise<void> {
  const viewable = files.filter((file) => /\.(csv|txt|json|pdf)$/i.test(file));
  const other = files.filter((file) => !viewable.includes(file));
  for (const file of viewable.slice(0, MAX_EDITORS)) {
    const uri = vscode.Uri.file(file);
    if (/\.csv$/i.test(file)) await openCsvInViewer(uri, options);
    else if (/\.pdf$/i.test(file)) await openPdfInViewer(uri, options);
    else {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
        preview: options.preview === true,
        preserveFocus: options.preserveFocus === true,
        ...(options.viewColumn !== undefined ? { viewColumn: options.viewColumn } : {}),
      });
    }
  }
  for (const file of other.slice(0, 1)) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  if (viewable.length > MAX_EDITORS) {
    void vscode.window.showInformationMessage(`Opened ${MAX_EDITORS} of ${viewable.length} files; the rest are in ${files[0] ?? ''}'s folder.`);
  }
}

/**
 * Shows a file in the OS file manager on desktop. In a browser (code-server, vscode.dev) there is no OS
 * file manager to open, so it is revealed in the Explorer view when it lies inside the workspace.
 */
export async function revealDownloadedFile(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  if (vscode.env.uiKind !== vscode.UIKind.Web) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
    return;
  }
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  const copy = 'Copy Path';
  if ((await vscode.window.showInformationMessage(`The file is outside the workspace: ${file}`, copy)) === copy) {
    await vscode.env.clipboard.writeText(file);
  }
}
