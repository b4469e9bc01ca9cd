/**
 * "Unbilled Charges of a Subscription...": the subscription's pending charges in a Quick Pick, with
 * "Invoice now" on top; picking a charge offers to delete it, and the list comes back until the
 * person leaves it or the charges are invoiced. A Quick Pick rather than a tree: it is a short task on
 * one subscription's few charges, started from the palette or right after an import, and a view would
 * keep stale state about charges that leave the list when invoiced. Every question goes through the
 * injected UserInput; the writes go through UnbilledWrites (write guard, idempotency).
 */
import * as vscode from 'vscode';
import { formatDate } from '../forms/dates';
import { formatMinor } from '../forms/money';
import type { UserInput } from '../commands/user-input';
import type { UnbilledSite } from './deps';
import { listUnbilledCharges, UnbilledWrites, type MadeInvoice, type UnbilledCharge } from './unbilled-charges';

/** What the command resolves with: what was done, for the person's log and the extension-host tests. */
export interface UnbilledSession {
  readonly subscriptionId: string;
  readonly deleted: readonly string[];
  readonly invoices: readonly MadeInvoice[];
  /** The charges when the list was last shown. */
  readonly remaining: readonly UnbilledCharge[];
}

export const INVOICE_NOW = 'Invoice Now';
export const DELETE_CHARGE = 'Delete Charge';

type Item = vscode.QuickPickItem & ({ readonly action: 'invoice' } | { readonly action: 'charge'; readonly charge: UnbilledCharge } | { readonly action: 'none' });

const money = (minor: number | undefined, currency: string): string => (minor === undefined ? '' : `${formatMinor(minor, currency)} ${currency}`);

/** "12.00 USD + 3.00 EUR": the pending total per currency. */
export function totalsText(charges: readonly UnbilledCharge[], fallbackCurrency: string): string {
  const sums = new Map<string, number>();
  for (const c of charges) {
    const cur = c.currency ?? fallbackCurrency;
    sums.set(cur, (sums.get(cur) ?? 0) + (c.amount ?? 0) - (c.discountAmount ?? 0));
  }
  return [...sums].map(([cur, minor]) => money(minor, cur)).join(' + ');
}

function chargeItem(c: UnbilledCharge, fallbackCurrency: string): Item {
  const currency = c.currency ?? fallbackCurrency;
  const entity = c.entityType === undefined ? undefined : c.entityId === undefined ? c.entityType : `${c.entityType}: ${c.entityId}`;
  const period = c.dateFrom !== undefined && c.dateTo !== undefined ? `${formatDate(c.dateFrom)} – ${formatDate(c.dateTo)}` : undefined;
  return {
    action: 'charge',
    charge: c,
    label: c.description ?? entity ?? c.id,
    description: money(c.amount, currency),
    detail: [period, entity, c.id].filter((p): p is string => p !== undefined).join(' · '),
  };
}

export class UnbilledManager {
  constructor(
    private readonly ui: UserInput,
    private readonly writes: UnbilledWrites = new UnbilledWrites(),
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  async run(site: UnbilledSite, subscriptionId: string): Promise<UnbilledSession> {
    const deleted: string[] = [];
    const invoices: MadeInvoice[] = [];
    for (;;) {
      const charges = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Unbilled charges of ${subscriptionId}…` },
        async () => listUnbilledCharges(site, subscriptionId),
      );
      const session = { subscriptionId, deleted, invoices, remaining: charges };
      if (charges.length === 0) {
        void vscode.window.showInformationMessage(`Subscription ${subscriptionId} has no unbilled charges${invoices.length > 0 || deleted.length > 0 ? ' left' : ''}.`);
        return session;
      }
      const cur = site.info.currency;
      const n = charges.length;
      const items: Item[] = [
        { action: 'invoice', label: `$(check) Invoice ${n === 1 ? 'it' : `all ${n}`} now`, description: totalsText(charges, cur), detail: 'One invoice per currency, instead of at the next renewal.' },
        { action: 'none', label: 'Charges', kind: vscode.QuickPickItemKind.Separator },
        ...charges.map((c) => chargeItem(c, cur)),
      ];
      const picked = await this.ui.showQuickPick(items, {
        title: `Unbilled charges of ${subscriptionId} (${site.info.name})`,
        placeHolder: `${n} pending ${n === 1 ? 'charge' : 'charges'}: invoice now, or pick one to delete it`,
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      });
      if (!picked || picked.action === 'none') return session;
      if (picked.action === 'invoice') {
        const made = await this.invoice(site, subscriptionId, charges);
        if (made) {
          invoices.push(...made);
          return { ...session, remaining: await listUnbilledCharges(site, subscriptionId) };
        }
        continue;
      }
      if (await this.delete(site, picked.charge)) deleted.push(picked.charge.id);
    }
  }

  /** "Invoice Unbilled Charges Now...": the same confirmation and write, without the list. */
  async invoiceOnly(site: UnbilledSite, subscriptionId: string): Promise<UnbilledSession> {
    const charges = await listUnbilledCharges(site, subscriptionId);
    const session = { subscriptionId, deleted: [], invoices: [] as MadeInvoice[], remaining: charges };
    if (charges.length === 0) {
      void vscode.window.showInformationMessage(`Subscription ${subscriptionId} has no unbilled charges to invoice.`);
      return session;
    }
    const made = await this.invoice(site, subscriptionId, charges);
    return made ? { ...session, invoices: made, remaining: await listUnbilledCharges(site, subscriptionId) } : session;
  }

  /** undefined when the person backed out. */
  private async invoice(site: UnbilledSite, subscriptionId: string, charges: readonly UnbilledCharge[]): Promise<MadeInvoice[] | undefined> {
    const n = charges.length;
    const sure = await this.ui.showWarningMessage(
      `Invoice ${n} unbilled ${n === 1 ? 'charge' : 'charges'} of subscription ${subscriptionId} now (${totalsText(charges, site.info.currency)})?`,
      { modal: true, detail: 'Chargebee raises the invoice at once instead of at the next renewal; the charges leave this list.' },
      INVOICE_NOW,
    );
    if (sure !== INVOICE_NOW) return undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Invoicing the unbilled charges of ${subscriptionId}…` },
      async () => this.writes.invoiceNow(site, subscriptionId),
    );
    if (result.kind === 'not_confirmed') return undefined;
    const list = result.value.map((i) => `${i.id}${i.total !== undefined ? ` (${money(i.total, i.currency ?? site.info.currency)})` : ''}`).join(', ');
    this.log?.info(`Invoiced the unbilled charges of ${subscriptionId} on ${site.id}: ${list || 'nothing pending'}${result.replayed ? ' (replayed)' : ''}`);
    void vscode.window.showInformationMessage(
      result.value.length === 0 ? `Nothing was pending on ${subscriptionId}: no invoice was made.` : `Invoiced now: ${list}.`,
    );
    return result.value;
  }

  private async delete(site: UnbilledSite, charge: UnbilledCharge): Promise<boolean> {
    const what = `${charge.description ?? charge.id} (${money(charge.amount, charge.currency ?? site.info.currency)})`;
    const sure = await this.ui.showWarningMessage(
      `Delete the unbilled charge ${what}?`,
      { modal: true, detail: `${charge.id} is removed from the subscription; it is not invoiced.` },
      DELETE_CHARGE,
    );
    if (sure !== DELETE_CHARGE) return false;
    const result = await this.writes.deleteCharge(site, charge.id);
    if (result.kind === 'not_confirmed') return false;
    this.log?.info(`Deleted unbilled charge ${charge.id} on ${site.id}${result.replayed ? ' (already gone)' : ''}`);
    return true;
  }
}
