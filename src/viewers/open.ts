/**
 * Opening a file in a viewer, for any feature (downloads, quotes): a lower layer, it imports no feature
 * folder. Background callers keep the user's focus (`preserveFocus`), and a CSV over the size limit
 * opens as text with a note, since a table of it would not fit in a webview's memory.
 */
import * as vscode from 'vscode';
import { CSV_VIEW_TYPE, DEFAULT_CSV_MAX_MB, PDF_VIEW_TYPE, VIEWER_SETTINGS } from './view-types';

export interface OpenInViewerOptions {
  /** True when a background job opens the file: the editor shows, the focus stays where the user is. */
  readonly preserveFocus?: boolean;
  /** Preview tabs are replaced by the next file opened; downloads keep theirs. Default false. */
  readonly preview?: boolean;
  /** Where it opens; default the active group. */
  readonly viewColumn?: vscode.ViewColumn;
}

/** Opens `uri` with one of the viewers (or `default`, the editor VS Code would pick). */
export async function openInViewer(uri: vscode.Uri, viewType: string, options: OpenInViewerOptions = {}): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType, {
    preserveFocus: options.preserveFocus === true,
    preview: options.preview === true,
    ...(options.viewColumn !== undefined ? { viewColumn: options.viewColumn } : {}),
  });
}

export async function openPdfInViewer(uri: vscode.Uri, options: OpenInViewerOptions = {}): Promise<void> {
  await openInViewer(uri, PDF_VIEW_TYPE, options);
}

/** The size limit of the CSV table, in bytes (the setting is in MB). */
export function csvSizeLimit(): number {
  const mb = vscode.workspace.getConfiguration().get<number>(VIEWER_SETTINGS.csvMaxFileSizeMb, DEFAULT_CSV_MAX_MB);
  return Math.max(1, Number.isFinite(mb) ? mb : DEFAULT_CSV_MAX_MB) * 1024 * 1024;
}

/** Opens a CSV as a table, or as text when it is over the size limit; says which it did. */
export async function openCsvInViewer(uri: vscode.Uri, options: OpenInViewerOptions = {}): Promise<'table' | 'text'> {
  const limit = csvSizeLimit();
  const size = (await vscode.workspace.fs.stat(uri)).size;
  if (size <= limit) {
    await openInViewer(uri, CSV_VIEW_TYPE, options);
    return 'table';
  }
  await openInViewer(uri, 'default', options);
  void vscode.window.showInformationMessage(
    `${basename(uri)} is ${formatBytes(size)}, over the table viewer's limit of ${formatBytes(limit)} (setting ${VIEWER_SETTINGS.csvMaxFileSizeMb}), so it opened as text.`,
  );
  return 'text';
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
