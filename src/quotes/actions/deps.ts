/**
 * What the quote actions need from the rest of the extension, as narrow interfaces: activate() adapts
 * the site store, the write guard, the tree and the command wrapper to these, and tests pass fakes.
 */
import type * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import type { RegisterCommand } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import type { ActiveSite } from '../../sites/site';
import type { QuoteObject } from '../detail/quote-model';
import type { QuoteClient } from './api';

export type QuoteSite = Pick<ActiveSite, 'id' | 'label' | 'siteName' | 'confirmWrite'> & { readonly client: QuoteClient };

/** How the Quotes tree hears about changes, so its rows update in place. */
export interface QuoteChangeSink {
  quoteChanged(siteId: string, quote: QuoteObject): void;
  quoteDeleted(siteId: string, quoteId: string): void;
}

export interface QuoteActionDeps {
  readonly log: vscode.LogOutputChannel;
  /** The extension's folder: the quote detail page loads its stylesheet and script from media/. */
  readonly extensionUri: vscode.Uri;
  /** Where PDFs go when no file-system workspace folder is open. */
  readonly globalStorageUri: vscode.Uri;
  /** The active site with a client, or undefined when none is set up (the handler says so). */
  activeSite(): Promise<QuoteSite | undefined>;
  readonly tree?: QuoteChangeSink;
  /** The central command wrapper (src/commands/register.ts). */
  readonly registerCommand: RegisterCommand;
  /** Every question the actions ask goes through it. */
  readonly ui: UserInput;
  /** The forms' "Edit quote" command; the detail view offers Edit only when set. */
  readonly editCommand?: CommandId;
  /** A site's label by id, so messages name sites as the user knows them. */
  siteLabel?(siteId: string): string | undefined;
  /** A site was removed: its detail panels close. */
  readonly onDidRemoveSite?: vscode.Event<string>;
  /** Epoch milliseconds; injectable for tests. */
  now?(): number;
}
