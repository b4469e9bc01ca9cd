/**
 * What the quote forms need from the rest of the extension, as narrow interfaces: activate() adapts
 * the site store (with its write guard and catalog-version setting), the Quotes tree and the command
 * wrapper to these, and tests pass their own.
 */
import type * as vscode from 'vscode';
import type { RegisterCommand } from '../../commands/register';
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { FormRestoreRegistry } from '../../webview/form-restore';
import type { SiteInfo } from '../../webview/protocol';
import type { QuoteClient } from '../actions/api';
import type { QuoteObject } from '../detail/quote-model';

/** Calls for the forms, plus what the quote picker of "Edit Quote" pages with. */
export type FormClient = QuoteClient;

export interface QuoteFormSite {
  /** Stable id of the site (keys panels, tells the tree which site changed). */
  readonly id: string;
  /**
   * For the form's badge: name, TEST or LIVE, multi-decimal pricing, and the site's default currency,
   * which money fields use until the customer's or subscription's currency is known.
   */
  readonly info: SiteInfo;
  /** The site setting: which product catalog its quotes use; undefined means ask. */
  readonly catalogVersion?: ProductCatalog;
  /** API base and per-site headers, for the "Copy as curl" preview (the key never enters it). */
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly client: FormClient;
  /** The site write guard (`confirmWrite(site, action)`): resolves true to go ahead. */
  confirmWrite(action: string): Promise<boolean>;
}

/** How the Quotes tree hears about a created or edited quote. */
export interface QuoteFormTree {
  quoteChanged(siteId: string, quote: QuoteObject): void;
  /** Shows the row (refreshing the list if it is not loaded); optional. */
  reveal?(siteId: string, quoteId: string): Promise<void>;
}

export interface QuoteFormDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  activeSite(): Promise<QuoteFormSite | undefined>;
  readonly tree?: QuoteFormTree;
  /** The central command wrapper (src/commands/register.ts). */
  readonly registerCommand: RegisterCommand;
  /** The detail view's command, for the "Open" button after a create. */
  readonly openQuoteCommand?: string;
  /** Where the forms register how they come back after a reload. */
  readonly restorers?: FormRestoreRegistry;
  /** Epoch milliseconds; injectable for tests. */
  now?(): number;
}
