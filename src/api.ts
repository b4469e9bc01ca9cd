/**
 * What `activate()` returns: the extension's services, for the extension-host tests (through
 * `vscode.extensions.getExtension(...).exports`). Not a public API for other extensions.
 */
import type * as vscode from 'vscode';
import type { ExportJobs } from './exports/commands';
import type { RequestHeaderStore } from './sites/request-headers-store';
import type { Sites } from './sites/service';
import type { QuotesTree } from './quotes/tree/provider';

export interface ChargebeeExtensionApi {
  readonly log: vscode.LogOutputChannel;
  readonly sites: Sites;
  readonly requestHeaders: RequestHeaderStore;
  readonly quotesTree: QuotesTree;
  readonly exportJobs: ExportJobs;
  /** Settles when the start-up work after activation (dev site, status bar, export keys) is done. */
  readonly ready: Promise<void>;
}
