/**
 * The Quotes view's own commands: refresh, filter (statuses, customer, date range) and clear it,
 * "Go to quote..." by id, grouped or flat, and the Load more / Retry nodes (their tree node is the
 * argument). No argument answers a prompt: the filter and the id are asked through the injected UserInput.
 */
import * as vscode from 'vscode';
import { QUOTE_STATUSES } from '../../chargebee/catalog/enum-values';
import { ChargebeeError } from '../../chargebee/errors';
import { QUOTE_TREE_COMMANDS } from '../../commands/ids';
import { CancelledError, Notice, type RegisterCommand } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import { NO_SITE_MESSAGE } from '../../sites/site';
import { retrieveQuote } from '../actions/api';
import type { QuoteClient } from '../actions/api';
import type { QuoteObject } from '../detail/quote-model';
import { humanize } from '../detail/format';
import { parseDateRange, parseFilter, type QuoteFilter } from './filter';
import type { QuotesTree } from './provider';
import type { CommandId } from '../../commands/ids';

export interface QuoteTreeCommandDeps {
  readonly tree: QuotesTree;
  readonly registerCommand: RegisterCommand;
  readonly ui: UserInput;
  activeSite(): Promise<{ readonly id: string; readonly label: string; readonly client: QuoteClient } | undefined>;
  /** The detail view's command (quote actions). */
  readonly openCommand: CommandId;
}

export function registerQuoteTreeCommands(deps: QuoteTreeCommandDeps): vscode.Disposable[] {
  const c = QUOTE_TREE_COMMANDS;
  const { tree, registerCommand } = deps;
  const site = async (): Promise<{ readonly id: string; readonly label: string; readonly client: QuoteClient }> => {
    const s = await deps.activeSite();
    if (!s) throw new Notice(NO_SITE_MESSAGE);
    return s;
  };
  return [
    registerCommand(c.refresh, () => tree.refresh()),
    registerCommand(c.loadMore, async (node) => tree.loadMore(node)),
    registerCommand(c.retry, async (node) => tree.loadMore(node)),
    registerCommand(c.groupByStatus, async () => setGroupBy('status')),
    registerCommand(c.showFlat, async () => setGroupBy('none')),
    registerCommand(c.clearFilter, async () => {
      const s = await site();
      await tree.setFilter(s.id, {});
    }),
    registerCommand(c.filter, async () => {
      const s = await site();
      const filter = await askFilter(deps.ui, s.label, tree.filterFor(s.id));
      await tree.setFilter(s.id, filter);
      return filter;
    }),
    registerCommand(c.goTo, async () => {
      const s = await site();
      const id = await askQuoteId(deps.ui, s.label);
      const quote = await findQuote(s, id);
      tree.quoteChanged(s.id, quote);
      await vscode.commands.executeCommand(deps.openCommand, { quote, siteId: s.id });
      return quote;
    }),
  ];
}

async function setGroupBy(value: 'status' | 'none'): Promise<void> {
  await vscode.workspace.getConfiguration('chargebee.quotes').update('groupBy', value, vscode.ConfigurationTarget.Global);
}

async function findQuote(site: { readonly label: string; readonly client: QuoteClient }, id: string): Promise<QuoteObject> {
  try {
    return (await retrieveQuote(site.client, id)).quote;
  } catch (err) {
    if (err instanceof ChargebeeError && err.httpStatus === 404) throw new Notice(`There is no quote ${id} on ${site.label}.`);
    throw err;
  }
}

async function askQuoteId(ui: UserInput, siteLabel: string): Promise<string> {
  const id = await ui.showInputBox({
    title: `Go to Quote on ${siteLabel}`,
    prompt: 'Quote number (id)',
    validateInput: (t) => (t.trim() === '' ? 'Enter a quote id.' : undefined),
  });
  if (id === undefined || id.trim() === '') throw new CancelledError();
  return id.trim();
}

/** Three steps; Escape at any step keeps the filter as it was. */
async function askFilter(ui: UserInput, siteLabel: string, current: QuoteFilter): Promise<QuoteFilter> {
  const chosen = new Set(current.statuses ?? []);
  const statuses = await ui.showQuickPick(
    QUOTE_STATUSES.map((status) => ({ label: humanize(status), status, picked: chosen.has(status) })),
    { title: `Filter Quotes on ${siteLabel} (1/3)`, placeHolder: 'Statuses to show (none checked shows all)', canPickMany: true },
  );
  if (!statuses) throw new CancelledError();
  const customer = await ui.showInputBox({
    title: `Filter Quotes on ${siteLabel} (2/3)`,
    prompt: 'Customer id (leave empty for all customers)',
    value: current.customerId ?? '',
  });
  if (customer === undefined) throw new CancelledError();
  const range = await ui.showInputBox({
    title: `Filter Quotes on ${siteLabel} (3/3)`,
    prompt: 'Quote date range YYYY-MM-DD..YYYY-MM-DD, UTC (either side may be empty; leave empty for any date)',
    value: current.dateFrom || current.dateTo ? `${current.dateFrom ?? ''}..${current.dateTo ?? ''}` : '',
    validateInput: (t) => {
      const parsed = parseDateRange(t);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (range === undefined) throw new CancelledError();
  const parsed = parseDateRange(range);
  if (!parsed.ok) throw new Notice(parsed.message);
  return parseFilter({
    statuses: statuses.map((s) => s.status),
    customerId: customer.trim(),
    dateFrom: parsed.from,
    dateTo: parsed.to,
  });
}
