/**
 * What the subscription commands need from the rest of the extension, as narrow interfaces: activate()
 * adapts the sites service (SiteStore, clientFor, confirmWrite) and the command wrapper to these, and
 * tests pass a site on the sandbox.
 */
import type * as vscode from 'vscode';
import type { ChargebeeClient } from '../chargebee/client';
import type { FormRestoreRegistry } from '../webview/form-restore';
import type { RegisterCommand } from '../commands/register';
import type { RequestHeaderStore } from '../request-headers/store';
import type { ActiveSite } from '../sites/site';
import type { UserInput } from '../commands/user-input';

/** The part of ChargebeeClient used here; tests may pass a client on the sandbox. */
export type SubscriptionClient = Pick<ChargebeeClient, 'call' | 'request'>;

/** An undefined `catalogVersion` offers the entity types of both catalogs. */
export type UnbilledSite = Pick<ActiveSite, 'id' | 'info' | 'baseUrl' | 'confirmWrite'> &
  Partial<Pick<ActiveSite, 'catalogVersion'>> & { readonly client: SubscriptionClient };

/** What opening the import form needs; the extension-host test passes these directly. */
export interface SubscriptionDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The active site with a client, or undefined when none is set up (the handler says so). */
  activeSite(): Promise<UnbilledSite | undefined>;
  /** Per-site request headers (also what clientFor should send; see request-headers-store.ts). */
  readonly headers: RequestHeaderStore;
}

/** registerSubscriptionCommands also needs the central command wrapper (src/commands/register.ts). */
export interface SubscriptionCommandDeps extends SubscriptionDeps {
  readonly registerCommand: RegisterCommand;
  /** Every question the commands ask goes through it. */
  readonly ui: UserInput;
  /** Where the import form registers how it comes back after a reload. */
  readonly restorers?: FormRestoreRegistry;
}
