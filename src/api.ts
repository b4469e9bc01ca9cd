/**
 * What `activate()` returns: the extension's services, for the extension-host tests (through
 * `vscode.extensions.getExtension(...).exports`). Not a public API for other extensions.
 */
import type * as vscode from 'vscode';
import type { ExportJobs } from './exports/commands';
import type { ExportForms } from './exports/form/register';
import type { RequestHeaderStore } from './request-headers/store';
import type { Sites } from './sites/service';
import type { QuoteActions } from './quotes/actions/register';
import type { QuotesTree } from './quotes/tree/provider';

export interface ChargebeeExtensionApi {
  readonly log: vscode.LogOutputChannel;
  readonly sites: Sites;
  readonly requestHeaders: RequestHeaderStore;
  readonly quotesTree: QuotesTree;
  readonly quoteActions: QuoteActions;
  readonly exportJobs: ExportJobs;
  readonly exportForms: ExportForms;
  /** Settles when the start-up work after activation (dev site, status bar, export keys) is done. */
  readonly ready: Promise<void>;
}
