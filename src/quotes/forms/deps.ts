/**
 * What the quote forms need from the rest of the extension, as narrow interfaces: activate() adapts
 * the site store (with its write guard and catalog-version setting), the Quotes tree and the command
 * wrapper to these, and tests pass their own.
 */
import type * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import type { RegisterCommand } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import type { ActiveSite } from '../../sites/site';
import type { FormRestoreRegistry } from '../../webview/form-restore';
import type { QuoteClient } from '../actions/api';
import type { QuoteObject } from '../detail/quote-model';

/** Calls for the forms, plus what the quote picker of "Edit Quote" pages with. */
export type FormClient = QuoteClient;

/**
 * The site as the quote forms use it. `info.currency` is what money fields use until the customer's
 * or subscription's currency is known; an undefined `catalogVersion` means ask.
 */
export type QuoteFormSite = Pick<ActiveSite, 'id' | 'info' | 'baseUrl' | 'confirmWrite'> &
  Partial<Pick<ActiveSite, 'catalogVersion' | 'headers'>> & { readonly client: FormClient };

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
  /** Every question the form commands ask goes through it. */
  readonly ui: UserInput;
  /** The detail view's command, for the "Open" button after a create. */
  readonly openQuoteCommand?: CommandId;
  /** Where the forms register how they come back after a reload. */
  readonly restorers?: FormRestoreRegistry;
  /** Epoch milliseconds; injectable for tests. */
  now?(): number;
}
