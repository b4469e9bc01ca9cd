/**
 * A download behind a progress notification with a Cancel button, and the download folder of the
 * current window. Feature-free: the caller says what is downloaded (a title) and how (a function
 * given the cancel signal and the progress callback), so this layer knows no export or quote.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { resolveDownloadFolder } from './folder';
import type { StreamProgress } from './stream-to-file';

/** What a finished download left on disk: the file, and the files extracted from it (a zip's CSVs). */
export interface DownloadedFiles {
  readonly file: string;
  readonly extracted: readonly string[];
}

/** The files to open for a download: the extracted CSVs, or the file itself (a PDF, or a zip not extracted). */
export function filesOf(result: DownloadedFiles): string[] {
  return result.extracted.length > 0 ? [...result.extracted] : [result.file];
}

/** The download folder for the current window (see `resolveDownloadFolder`). */
export function downloadFolder(setting: string, globalStorageUri: vscode.Uri): string {
  // Only a local (`file:`) workspace folder can take the files; virtual workspaces fall back to global storage.
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return resolveDownloadFolder({ setting, workspaceFolder: workspace?.uri.fsPath, globalStorage: globalStorageUri.fsPath, home: os.homedir() });
}

/** The work a progress notification wraps: it must stop (and clean up) when `signal` aborts. */
export type DownloadRun<T> = (signal: AbortSignal, onProgress: (progress: StreamProgress) => void) => Promise<T>;

/**
 * Runs `run` behind a progress notification titled `title` with a Cancel button. Resolves undefined
 * when the user cancelled: the download's own cleanup has removed its temporary file.
 */
export function withDownloadProgress<T>(title: string, run: DownloadRun<T>): Promise<T | undefined> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        return await run(abort.signal, ({ bytes, totalBytes }) => {
          // `increment` is relative; without a Content-Length only the byte count is shown.
          const increment = totalBytes ? ((bytes - reported) / totalBytes) * 100 : undefined;
          reported = bytes;
          progress.report({ message: `${mb(bytes)}${totalBytes ? ` of ${mb(totalBytes)}` : ''}`, increment });
        });
      } catch (err) {
        if (abort.signal.aborted) return undefined;
        throw err;
      } finally {
        sub.dispose();
      }
    }),
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
