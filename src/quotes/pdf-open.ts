/**
 * Opening a saved quote PDF: in the PDF viewer inside VS Code (desktop and browser alike), or, on a
 * desktop whose user prefers it (setting chargebee.viewers.preferSystemPdfViewer), the system viewer.
 * In a browser (code-server, vscode.dev) the file lives on the server, so the user is also offered a
 * copy through the browser itself. No vscode import: the host is passed in, so every branch runs in
 * unit tests.
 */

export interface PdfOpenHost {
  readonly isWeb: boolean;
  /** The setting; only read on desktop (a browser has no system viewer the extension can reach). */
  readonly preferSystemViewer: boolean;
  /** `vscode.env.openExternal`: file paths on desktop, http(s) URLs in the browser. */
  openExternalFile(file: string): Promise<boolean>;
  openExternalUrl(url: string): Promise<boolean>;
  /** The file in the PDF viewer (src/viewers). */
  openInViewer(file: string): Promise<void>;
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
    // No system handler for PDFs: the viewer inside VS Code is as good.
    if (host.preferSystemViewer && (await host.openExternalFile(file))) return { followUp: Promise.resolve() };
    await host.openInViewer(file);
    return { followUp: Promise.resolve() };
  }
  await host.openInViewer(file);
  const followUp = (async () => {
    const choice = await host.offer(`Saved ${fileLabel} on the server. Download a copy to this computer through the browser?`, BROWSER_DOWNLOAD);
    if (choice === BROWSER_DOWNLOAD) await host.openExternalUrl(await freshDownloadUrl());
  })();
  return { followUp };
}
