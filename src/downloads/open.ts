import * as vscode from 'vscode';

/** More editors than this at once would bury the user's own; the rest are revealed instead. */
const MAX_EDITORS = 8;

/** Opens CSV (and other text) files as editors, other files (PDF) with VS Code's default handler. */
export async function openDownloadedFiles(files: readonly string[]): Promise<void> {
  const csv = files.filter((file) => /\.(csv|txt|json)$/i.test(file));
  const other = files.filter((file) => !csv.includes(file));
  for (const file of csv.slice(0, MAX_EDITORS)) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
  }
  for (const file of other.slice(0, 1)) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
  if (csv.length > MAX_EDITORS) {
    void vscode.window.showInformationMessage(`Opened ${MAX_EDITORS} of ${csv.length} files; the rest are in ${files[0] ?? ''}'s folder.`);
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
