/**
 * What `activate()` returns in `ExtensionMode.Test` only: the extension's services, for the
 * extension-host tests (through `vscode.extensions.getExtension(...).exports`). In normal use
 * (Production, and Development as under `npm start` and the UI tests) activate() returns nothing,
 * so no other extension can reach a site's key, a client or the live-site confirmation.
 */
import type * as vscode from 'vscode';
import type { ReplaceableUserInput } from './commands/user-input';
import type { ExportJobs } from './exports/commands';
import type { RequestHeaderStore } from './request-headers/store';
import type { Sites } from './sites/service';
import type { QuotesTree } from './quotes/tree/provider';

export interface ChargebeeTestApi {
  readonly log: vscode.LogOutputChannel;
  readonly sites: Sites;
  readonly requestHeaders: RequestHeaderStore;
  readonly quotesTree: QuotesTree;
  readonly exportJobs: ExportJobs;
  /** Every prompt of every command; tests `use()` a scripted implementation. */
  readonly userInput: ReplaceableUserInput;
  /** Settles when the start-up work after activation (dev site, status bar, export keys) is done. */
  readonly ready: Promise<void>;
}
