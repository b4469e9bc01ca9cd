/**
 * "Show JSON": raw API objects as read-only JSON documents under the `chargebee-quote:` scheme. A
 * content provider's documents cannot be edited or saved over, which is the point: what is shown is
 * what Chargebee said, not something to tweak and believe was sent back.
 */
import * as vscode from 'vscode';

export const QUOTE_JSON_SCHEME = 'chargebee-quote';

export class QuoteJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(QUOTE_JSON_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}\n';
  }

  /** `chargebee-quote:/<site>/<name>.json`; the `.json` suffix gives the tab a JSON icon and language. */
  uriFor(siteId: string, name: string): vscode.Uri {
    const safe = (part: string): string => encodeURIComponent(part).replace(/%/g, '_');
    return vscode.Uri.from({ scheme: QUOTE_JSON_SCHEME, path: `/${safe(siteId)}/${safe(name)}.json` });
  }

  /** Opens (or refreshes, when already open) the document for `value`. */
  async show(siteId: string, name: string, value: unknown): Promise<vscode.TextEditor> {
    const uri = this.uriFor(siteId, name);
    const key = uri.toString();
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const had = this.contents.has(key);
    this.contents.set(key, text);
    if (had) this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Refreshes an already-shown document (after an action changed the quote); no-op otherwise. */
  refresh(siteId: string, name: string, value: unknown): void {
    const uri = this.uriFor(siteId, name);
    const key = uri.toString();
    if (!this.contents.has(key)) return;
    this.contents.set(key, `${JSON.stringify(value, null, 2)}\n`);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
