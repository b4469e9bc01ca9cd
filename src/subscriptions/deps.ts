/**
 * What the subscription commands need from the rest of the extension, as narrow interfaces: activate()
 * adapts the sites service (SiteStore, clientFor, confirmWrite) and the command wrapper to these, and
 * tests pass a site on the sandbox.
 */
import type * as vscode from 'vscode';
import type { ProductCatalog } from '../chargebee/catalog/types';
import type { ChargebeeClient } from '../chargebee/client';
import type { FormRestoreRegistry } from '../webview/form-restore';
import type { RegisterCommand } from '../commands/register';
import type { RequestHeaderStore } from '../sites/request-headers-store';
import type { SiteInfo } from '../webview/protocol';

/** The part of ChargebeeClient used here; tests may pass a client on the sandbox. */
export type SubscriptionClient = Pick<ChargebeeClient, 'call' | 'request'>;

export interface UnbilledSite {
  /** Stable id: keys panels and the per-site request header settings. */
  readonly id: string;
  /** For titles and the form badge: name, currency, multi-decimal pricing, test or live. */
  readonly info: SiteInfo;
  /** Undefined when unknown: entity types of both catalogs are offered. */
  readonly catalogVersion?: ProductCatalog;
  /** API base, for the request preview and "Copy as curl". */
  readonly baseUrl: string;
  readonly client: SubscriptionClient;
  /** The site write guard (`confirmWrite(site, action)`): resolves true to go ahead. */
  confirmWrite(action: string): Promise<boolean>;
}

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
  /** Where the import form registers how it comes back after a reload. */
  readonly restorers?: FormRestoreRegistry;
}
