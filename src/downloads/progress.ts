import * as os from 'node:os';
import * as vscode from 'vscode';
import type { DownloadResult } from '../exports/jobs/download-job';
import { downloadExport } from '../exports/jobs/download-job';
import type { ExportJob } from '../exports/jobs/job';
import { kindLabel } from '../exports/jobs/job';
import type { ExportEngineDeps } from '../exports/queue';
import { resolveDownloadFolder } from './folder';

/** The files to open for a download: the extracted CSVs, or the file itself (a PDF, or a zip not extracted). */
export function filesOf(result: DownloadResult): string[] {
  return result.extracted.length > 0 ? result.extracted : [result.file];
}

/** The download folder for the current window (see `resolveDownloadFolder`). */
export function downloadFolder(setting: string, globalStorageUri: vscode.Uri): string {
  // Only a local (`file:`) workspace folder can take the files; virtual workspaces fall back to global storage.
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return resolveDownloadFolder({ setting, workspaceFolder: workspace?.uri.fsPath, globalStorage: globalStorageUri.fsPath, home: os.homedir() });
}

/**
 * Downloads (and extracts) an export behind a progress notification with a Cancel button. Resolves
 * undefined when the user cancelled: the temporary file is gone and the job keeps its previous file.
 */
export function downloadWithProgress(deps: ExportEngineDeps, job: ExportJob, folder: string): Promise<DownloadResult | undefined> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading the ${kindLabel(job.kind)} export`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await downloadExport(deps, {
            jobId: job.id,
            folder,
            extract: true,
            signal: abort.signal,
            onProgress: ({ bytes, totalBytes }) => {
              // `increment` is relative; without a Content-Length only the byte count is shown.
              const increment = totalBytes ? ((bytes - reported) / totalBytes) * 100 : undefined;
              reported = bytes;
              progress.report({ message: `${mb(bytes)}${totalBytes ? ` of ${mb(totalBytes)}` : ''}`, increment });
            },
          });
        } catch (err) {
          if (abort.signal.aborted) return undefined;
          throw err;
        } finally {
          sub.dispose();
        }
      },
    ),
  );
}

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
