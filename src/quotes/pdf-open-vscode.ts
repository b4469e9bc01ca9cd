/** The real PdfOpenHost: `vscode.env`, the setting, and the PDF viewer. */
import * as vscode from 'vscode';
import { openPdfInViewer } from '../viewers/open';
import { VIEWER_SETTINGS } from '../viewers/view-types';
import type { PdfOpenHost } from './pdf-open';

export function vscodePdfOpenHost(): PdfOpenHost {
  return {
    isWeb: vscode.env.uiKind === vscode.UIKind.Web,
    preferSystemViewer: vscode.workspace.getConfiguration().get<boolean>(VIEWER_SETTINGS.preferSystemPdfViewer, false),
    openExternalFile: async (file) => vscode.env.openExternal(vscode.Uri.file(file)),
    openExternalUrl: async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
    // The user asked for this PDF (a command), so the viewer takes the focus.
    openInViewer: async (file) => openPdfInViewer(vscode.Uri.file(file), { preserveFocus: false }),
    offer: async (message, ...choices) => vscode.window.showInformationMessage(message, ...choices),
  };
}
