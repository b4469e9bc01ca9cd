/**
 * Opening a saved quote PDF. On desktop the system viewer gets the file. In a browser (code-server,
 * vscode.dev) there is no system viewer the extension host can reach, so the file opens in VS Code
 * (its binary view, or a PDF extension if installed) and the user is offered the PDF in the browser
 * itself. No vscode import: the host is passed in, so both branches run in unit tests.
 */

export interface PdfOpenHost {
  readonly isWeb: boolean;
  /** `vscode.env.openExternal`: file paths on desktop, http(s) URLs in the browser. */
  openExternalFile(file: string): Promise<boolean>;
  openExternalUrl(url: string): Promise<boolean>;
  /** `vscode.open` on the file. */
  openInEditor(file: string): Promise<void>;
  /** A notification with buttons; resolves to the chosen one. */
  offer(message: string, ...choices: string[]): Promise<string | undefined>;
}

export const BROWSER_DOWNLOAD = 'Download';

/**
 * Returns when the file has been handed to a viewer. The browser offer is not awaited by the caller's
 * progress: `followUp` settles when the user answers (or dismisses) it.
 */
export async function openQuotePdf(
  host: PdfOpenHost,
  file: string,
  fileLabel: string,
  /** A fresh link on demand: Chargebee's expire quickly (docs/chargebee-api-notes.md#quote-pdf-expiry), so one from before the click may be dead. */
  freshDownloadUrl: () => Promise<string>,
): Promise<{ readonly followUp: Promise<void> }> {
  if (!host.isWeb) {
    if (await host.openExternalFile(file)) return { followUp: Promise.resolve() };
    // No system handler for PDFs: VS Code's own view is better than nothing.
    await host.openInEditor(file);
    return { followUp: Promise.resolve() };
  }
  await host.openInEditor(file);
  const followUp = (async () => {
    const choice = await host.offer(`Saved ${fileLabel}. Open it in the browser to view or keep a copy.`, BROWSER_DOWNLOAD);
    if (choice === BROWSER_DOWNLOAD) await host.openExternalUrl(await freshDownloadUrl());
  })();
  return { followUp };
}
