/**
 * What the quote actions need from the rest of the extension, as narrow interfaces: activate() adapts
 * the site store, the write guard, the tree and the command wrapper to these, and tests pass fakes.
 */
import type * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import type { RegisterCommand } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import type { QuoteObject } from '../detail/quote-model';
import type { QuoteClient } from './api';

export interface QuoteSite {
  /** Stable id of the site (keys panels and JSON documents). */
  readonly id: string;
  /** For titles and messages, e.g. `acme-test (test)`. */
  readonly label: string;
  /** The Chargebee site name for real sites; undefined for base-URL sites (sandbox, proxies). */
  readonly siteName?: string;
  readonly client: QuoteClient;
  /** The site write guard (`confirmWrite(site, action)`): resolves true to go ahead. */
  confirmWrite(action: string): Promise<boolean>;
}

/** How the Quotes tree hears about changes, so its rows update in place. */
export interface QuoteChangeSink {
  quoteChanged(siteId: string, quote: QuoteObject): void;
  quoteDeleted(siteId: string, quoteId: string): void;
}

export interface QuoteActionDeps {
  readonly log: vscode.LogOutputChannel;
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
  /** Epoch milliseconds; injectable for tests. */
  now?(): number;
}
