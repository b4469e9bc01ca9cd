/**
 * Every command id the extension registers, in one typed map: the only place a command id string is
 * written. `registerCommand` takes a `CommandId`, so a mistyped id fails to compile, and package.json
 * must name exactly these ids (test/unit/core-manifest.test.ts checks both directions). Plain data with
 * no `vscode` import, so Node unit tests can read it.
 */

/** Sites (and their request headers): the core's own commands. */
export const SITE_COMMANDS = {
  addSite: 'chargebee.addSite',
  switchSite: 'chargebee.switchSite',
  renameSite: 'chargebee.renameSite',
  removeSite: 'chargebee.removeSite',
  changeApiKey: 'chargebee.changeApiKey',
  /** Reads the site's product catalog again (also offered when a form meets configuration_incompatible). */
  detectCatalog: 'chargebee.detectProductCatalog',
  showLog: 'chargebee.showLog',
} as const;

export const QUOTE_TREE_COMMANDS = {
  refresh: 'chargebee.quotes.refresh',
  filter: 'chargebee.quotes.filter',
  clearFilter: 'chargebee.quotes.clearFilter',
  goTo: 'chargebee.quotes.goTo',
  groupByStatus: 'chargebee.quotes.groupByStatus',
  showFlat: 'chargebee.quotes.showFlat',
  loadMore: 'chargebee.quotes.loadMore',
  retry: 'chargebee.quotes.retry',
} as const;

/** The quote detail and action commands. */
export const QUOTE_ACTION_COMMANDS = {
  open: 'chargebee.quotes.open',
  accept: 'chargebee.quotes.accept',
  decline: 'chargebee.quotes.decline',
  close: 'chargebee.quotes.close',
  convert: 'chargebee.quotes.convert',
  extend: 'chargebee.quotes.extendExpiry',
  delete: 'chargebee.quotes.delete',
  pdf: 'chargebee.quotes.downloadPdf',
  copyId: 'chargebee.quotes.copyId',
  openConsole: 'chargebee.quotes.openInConsole',
  showJson: 'chargebee.quotes.showJson',
} as const;

/** The quote form commands. */
export const QUOTE_FORM_COMMANDS = {
  newQuote: 'chargebee.quotes.new',
  newSubscription: 'chargebee.quotes.newSubscriptionQuote',
  newChange: 'chargebee.quotes.newChangeQuote',
  newOneTime: 'chargebee.quotes.newOneTimeQuote',
  edit: 'chargebee.quotes.edit',
} as const;

/** The "New Export" form and the presets. */
export const EXPORT_FORM_COMMANDS = {
  /** Palette and the Export Jobs view title ("+"). */
  newExport: 'chargebee.exports.new',
  runPreset: 'chargebee.exports.runPreset',
  deletePreset: 'chargebee.exports.deletePreset',
  /** A job (tree item) argument: its form, pre-filled with the job's params, to change and run again. */
  editAndRunAgain: 'chargebee.exports.editAndRunAgain',
} as const;

/** The export job actions (tree items of the Export Jobs view). */
export const EXPORT_JOB_COMMANDS = {
  openFile: 'chargebee.exports.openFile',
  revealFile: 'chargebee.exports.revealFile',
  download: 'chargebee.exports.downloadAgain',
  runAgain: 'chargebee.exports.runAgain',
  copyId: 'chargebee.exports.copyId',
  remove: 'chargebee.exports.removeJob',
  cancel: 'chargebee.exports.cancelJob',
  checkNow: 'chargebee.exports.checkNow',
  clearFinished: 'chargebee.exports.clearFinished',
} as const;

/** Subscriptions. */
export const SUBSCRIPTION_COMMANDS = {
  importUnbilledCharges: 'chargebee.subscriptions.importUnbilledCharges',
  /** The subscription's unbilled charges: invoice them now, or delete one. */
  showUnbilledCharges: 'chargebee.subscriptions.showUnbilledCharges',
  invoiceUnbilledCharges: 'chargebee.subscriptions.invoiceUnbilledCharges',
} as const;

/** The per-site Chargebee request headers (src/request-headers/). */
export const REQUEST_HEADER_COMMANDS = {
  edit: 'chargebee.sites.editRequestHeaders',
} as const;

/** Grouped by owner: flat keys would collide (`copyId` is both a quote and an export-job command). */
export const COMMANDS = {
  sites: SITE_COMMANDS,
  quotesTree: QUOTE_TREE_COMMANDS,
  quoteActions: QUOTE_ACTION_COMMANDS,
  quoteForms: QUOTE_FORM_COMMANDS,
  exportForm: EXPORT_FORM_COMMANDS,
  exportJobs: EXPORT_JOB_COMMANDS,
  subscriptions: SUBSCRIPTION_COMMANDS,
  requestHeaders: REQUEST_HEADER_COMMANDS,
} as const;

type Groups = typeof COMMANDS;
/** The ids of one group, e.g. `CommandIdOf<'exportJobs'>`. */
export type CommandIdOf<G extends keyof Groups> = Groups[G][keyof Groups[G]];
/** The union of every command id, e.g. `'chargebee.addSite' | 'chargebee.quotes.open' | ...`. */
export type CommandId = { [G in keyof Groups]: CommandIdOf<G> }[keyof Groups];

export const ALL_COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS).flatMap((group) => Object.values(group) as CommandId[]);
