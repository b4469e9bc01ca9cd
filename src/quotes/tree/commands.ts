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
import { BACK, type UserInput } from '../../commands/user-input';
import { customerList } from '../../pickers/customers';
import { pickPagedStep } from '../../pickers/quick-pick';
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
      const filter = await askFilter(deps.ui, s, tree.filterFor(s.id));
      await tree.setFilter(s.id, filter);
      return filter;
    }),
    registerCommand(c.goTo, async () => {
      const s = await site();
      const id = await askQuoteId(deps.ui, s.label);
      const quote = await findQuote(s, id);
      tree.quoteChanged(s.id, quote);
      // Selected in the tree (loading its first pages if needed), then opened, which keeps the focus.
      await tree.revealRow(s.id, quote.id);
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

/**
 * Three steps with Back; Escape at any step keeps the filter as it was. The customer step is the
 * customer picker (name, email, company or id), with "All customers" first.
 */
async function askFilter(ui: UserInput, site: { readonly label: string; readonly client: QuoteClient }, current: QuoteFilter): Promise<QuoteFilter> {
  const title = `Filter Quotes on ${site.label}`;
  let statuses: readonly string[] = current.statuses ?? [];
  let customerId = current.customerId ?? '';
  let range = current.dateFrom || current.dateTo ? `${current.dateFrom ?? ''}..${current.dateTo ?? ''}` : '';
  let step = 1;
  while (step <= 3) {
    if (step === 1) {
      const chosen = new Set(statuses);
      const picked = await ui.showQuickPick(
        QUOTE_STATUSES.map((status) => ({ label: humanize(status), status, picked: chosen.has(status) })),
        { title, placeHolder: 'Statuses to show (none checked shows all)', canPickMany: true, step: { step: 1, totalSteps: 3 } },
      );
      if (picked === undefined || picked === BACK) throw new CancelledError();
      statuses = picked.map((p) => p.status);
      step = 2;
    } else if (step === 2) {
      const picked = await pickPagedStep(
        site.client,
        {
          title,
          placeholder: customerId === '' ? 'Customer: type a name, email, company or id' : `Customer (now ${customerId}): type a name, email, company or id`,
          list: customerList,
          noun: 'customers',
          anyLabel: '$(globe) All customers',
          allowTypedId: true,
          step: { step: 2, totalSteps: 3 },
        },
        ui,
      );
      if (picked === undefined) throw new CancelledError();
      if ('back' in picked) {
        step = 1;
        continue;
      }
      customerId = 'any' in picked ? '' : 'item' in picked ? picked.item.id : picked.typedId;
      step = 3;
    } else {
      const answer = await ui.showInputBox({
        title,
        step: { step: 3, totalSteps: 3 },
        prompt: 'Quote date range YYYY-MM-DD..YYYY-MM-DD, UTC (either side may be empty; leave empty for any date)',
        value: range,
        validateInput: (t) => {
          const parsed = parseDateRange(t);
          return parsed.ok ? undefined : parsed.message;
        },
      });
      if (answer === undefined) throw new CancelledError();
      if (answer === BACK) {
        step = 2;
        continue;
      }
      range = answer;
      step = 4;
    }
  }
  const parsed = parseDateRange(range);
  if (!parsed.ok) throw new Notice(parsed.message);
  return parseFilter({ statuses: [...statuses], customerId: customerId.trim(), dateFrom: parsed.from, dateTo: parsed.to });
}
