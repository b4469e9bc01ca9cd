/**
 * The read-only custom editors (PDF and CSV table): a fixed page per editor that asks for the file with
 * `ready` and gets its bytes by postMessage, so files outside the workspace and on remote file systems
 * work the same. The toolbar's actions (open externally, save as, reveal, open as text, copy) run here.
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { viewerPage } from './html';
import { basename, csvSizeLimit, openInViewer } from './open';
import { parseViewerMessage, type HostToViewer, type ViewerAction } from './protocol';
import { VIEWER_SCRIPTS } from './view-types';

export type ViewerKind = 'pdf' | 'csv';

/** About a screenful of rows of a wide export, many times over. */
const HEAD_BYTES = 128 * 1024;

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

class ViewerDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {
    // Nothing held: each editor reads the file itself.
  }
}

export class ViewerProvider implements vscode.CustomReadonlyEditorProvider<ViewerDocument> {
  constructor(
    private readonly kind: ViewerKind,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    /** Shows a file in the OS file manager (or the Explorer in a browser); given by activate(). */
    private readonly reveal: (file: string) => Promise<void>,
  ) {}

  openCustomDocument(uri: vscode.Uri): ViewerDocument {
    return new ViewerDocument(uri);
  }

  resolveCustomEditor(document: ViewerDocument, panel: vscode.WebviewPanel): void {
    const { webview } = panel;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'viewers');
    webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    const script = this.kind === 'pdf' ? VIEWER_SCRIPTS.pdf : VIEWER_SCRIPTS.csv;
    webview.html = viewerPage({
      cspSource: webview.cspSource,
      title: basename(document.uri),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, script)).toString(),
      ...(this.kind === 'pdf' ? { bootScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, VIEWER_SCRIPTS.pdfBoot)).toString() } : {}),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(media, 'viewers.css')).toString()],
      data: this.kind === 'pdf' ? { worker: webview.asWebviewUri(vscode.Uri.joinPath(dist, VIEWER_SCRIPTS.pdfWorker)).toString() } : {},
    });
    const post = (message: HostToViewer): void => {
      webview.postMessage(message).then(undefined, (err: unknown) => this.log.warn(`Viewer postMessage failed: ${String(err)}`));
    };
    const send = async (): Promise<void> => {
      // A big CSV's first rows go first: painted while the whole file is read and crosses to the webview.
      if (this.kind === 'csv') {
        const head = await this.head(document.uri);
        if (head) post(head);
      }
      post(await this.load(document.uri));
    };
    const subscriptions: vscode.Disposable[] = [];
    subscriptions.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseViewerMessage(raw);
        if (!message) {
          this.log.warn(`The ${this.kind} viewer sent an unknown message; ignored.`);
          return;
        }
        const run = (what: string, work: () => Promise<unknown>): void => {
          work().then(undefined, (err: unknown) => {
            const text = err instanceof Error ? err.message : String(err);
            this.log.warn(`Viewer ${what} failed: ${text}`);
            void vscode.window.showErrorMessage(`Could not ${what} ${basename(document.uri)}: ${text}`);
          });
        };
        if (message.type === 'ready') run('read', send);
        else if (message.type === 'action') run(actionLabel(message.action), () => this.act(message.action, document.uri));
        else
          run('copy', async () => {
            await vscode.env.clipboard.writeText(message.text);
            vscode.window.setStatusBarMessage(`Copied ${message.what}`, 3000);
          });
      }),
    );
    // A file downloaded again (same name) shows its new content in the open viewer.
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, basename(document.uri)), true, false, true);
    subscriptions.push(watcher, watcher.onDidChange(() => void send().catch((err: unknown) => this.log.warn(`Viewer reload failed: ${String(err)}`))));
    panel.onDidDispose(() => {
      for (const d of subscriptions) d.dispose();
    });
  }

  /** The first HEAD_BYTES of a local file larger than that (and within the size limit), read alone. */
  private async head(uri: vscode.Uri): Promise<HostToViewer | undefined> {
    if (uri.scheme !== 'file') return undefined;
    try {
      const file = await open(uri.fsPath, 'r');
      try {
        const { size } = await file.stat();
        if (size <= HEAD_BYTES || size > csvSizeLimit()) return undefined;
        const bytes = new Uint8Array(HEAD_BYTES);
        const { bytesRead } = await file.read(bytes, 0, HEAD_BYTES, 0);
        return { type: 'head', name: basename(uri), bytes: bytes.subarray(0, bytesRead), size, canOpenExternally: vscode.env.uiKind !== vscode.UIKind.Web };
      } finally {
        await file.close();
      }
    } catch {
      return undefined; // the whole file follows, or its error does
    }
  }

  private async load(uri: vscode.Uri): Promise<HostToViewer> {
    const name = basename(uri);
    try {
      if (this.kind === 'csv') {
        const limit = csvSizeLimit();
        const { size } = await vscode.workspace.fs.stat(uri);
        if (size > limit) return { type: 'tooLarge', name, size, limit };
      }
      const read = await vscode.workspace.fs.readFile(uri);
      // A plain Uint8Array view: a Node Buffer's toJSON would turn the transfer into a JSON array of numbers.
      const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
      return { type: 'load', name, bytes, canOpenExternally: vscode.env.uiKind !== vscode.UIKind.Web && uri.scheme === 'file' };
    } catch (err) {
      return { type: 'loadFailed', name, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private async act(action: ViewerAction, uri: vscode.Uri): Promise<void> {
    switch (action) {
      case 'openExternal':
        if (!(await vscode.env.openExternal(uri))) void vscode.window.showWarningMessage(`No application opened ${basename(uri)}.`);
        return;
      case 'saveAs': {
        const target = await vscode.window.showSaveDialog({ defaultUri: uri, saveLabel: 'Save Copy', title: `Save a copy of ${basename(uri)}` });
        if (!target || target.toString() === uri.toString()) return;
        // The dialog has already asked before replacing an existing file.
        await vscode.workspace.fs.copy(uri, target, { overwrite: true });
        this.log.info(`Saved a copy of ${uri.fsPath} to ${target.fsPath}`);
        vscode.window.setStatusBarMessage(`Saved ${basename(target)}`, 3000);
        return;
      }
      case 'reveal':
        if (uri.scheme === 'file') await this.reveal(uri.fsPath);
        else await vscode.commands.executeCommand('revealInExplorer', uri);
        return;
      case 'openAsText':
        await openInViewer(uri, 'default', { preserveFocus: false });
        return;
    }
  }
}

function actionLabel(action: ViewerAction): string {
  return { openExternal: 'open', saveAs: 'save a copy of', reveal: 'reveal', openAsText: 'open as text' }[action];
}
