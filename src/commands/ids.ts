/**
 * Every command id the extension registers, in one typed map. The features keep their own small id
 * maps (they were written before this one existed, and their tests import them); this map spreads
 * them in rather than repeating the strings, and package.json must name exactly these ids
 * (test/unit/core-manifest.test.ts checks both directions).
 */
import { EXPORT_JOB_COMMANDS } from '../exports/command-ids';
import { EXPORT_FORM_COMMANDS } from '../exports/form/command-ids';
import { QUOTE_ACTION_COMMANDS } from '../quotes/actions/command-ids';
import { QUOTE_FORM_COMMANDS } from '../quotes/forms/command-ids';
import { SUBSCRIPTION_COMMANDS } from '../subscriptions/command-ids';

/** Sites and the Quotes tree: the core's own commands. */
export const SITE_COMMANDS = {
  addSite: 'chargebee.addSite',
  switchSite: 'chargebee.switchSite',
  renameSite: 'chargebee.renameSite',
  removeSite: 'chargebee.removeSite',
  changeApiKey: 'chargebee.changeApiKey',
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

/** Grouped by owner: flat keys would collide (`copyId` is both a quote and an export-job command). */
export const COMMANDS = {
  sites: SITE_COMMANDS,
  quotesTree: QUOTE_TREE_COMMANDS,
  quoteActions: QUOTE_ACTION_COMMANDS,
  quoteForms: QUOTE_FORM_COMMANDS,
  exportForm: EXPORT_FORM_COMMANDS,
  exportJobs: EXPORT_JOB_COMMANDS,
  subscriptions: SUBSCRIPTION_COMMANDS,
} as const;

type Groups = typeof COMMANDS;
/** The union of every command id, e.g. `'chargebee.addSite' | 'chargebee.quotes.open' | ...`. */
export type CommandId = { [G in keyof Groups]: Groups[G][keyof Groups[G]] }[keyof Groups];

export const ALL_COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS).flatMap((group) => Object.values(group) as CommandId[]);
