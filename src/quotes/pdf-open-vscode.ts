/** The real PdfOpenHost: `vscode.env` and the built-in `vscode.open` command. */
import * as vscode from 'vscode';
import type { PdfOpenHost } from './pdf-open';

export function vscodePdfOpenHost(): PdfOpenHost {
  return {
    isWeb: vscode.env.uiKind === vscode.UIKind.Web,
    openExternalFile: async (file) => vscode.env.openExternal(vscode.Uri.file(file)),
    openExternalUrl: async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
    openInEditor: async (file) => {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { preview: false });
    },
    offer: async (message, ...choices) => vscode.window.showInformationMessage(message, ...choices),
  };
}
