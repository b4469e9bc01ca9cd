/**
 * The import's answer (`{"unbilled_charges":[...]}`, a top-level array, docs/chargebee-api-notes.md#unbilled-charges) as the one-line
 * summary and the table the form shows: money in major units of the charge's currency, dates in UTC.
 */
import { formatDate } from '../forms/dates';
import { formatMinor } from '../forms/money';
import type { ResultTable } from '../webview/protocol';

export interface ImportedCharge {
  readonly id: string;
  readonly subscriptionId?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly description?: string;
  readonly dateFrom?: number;
  readonly dateTo?: number;
  readonly amount?: number;
  readonly discountAmount?: number;
  readonly currency?: string;
  readonly pricingModel?: string;
  readonly tiers: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The charges in a response body; entries that are not objects with an id are skipped. */
export function importedCharges(body: unknown): ImportedCharge[] {
  const list = typeof body === 'object' && body !== null ? (body as { unbilled_charges?: unknown }).unbilled_charges : undefined;
  if (!Array.isArray(list)) throw new Error('Chargebee answered without the list of imported unbilled charges.');
  return list.flatMap((raw: unknown): ImportedCharge[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const c = raw as Record<string, unknown>;
    const id = str(c.id);
    if (id === undefined) return [];
    const optional: Record<string, string | number | undefined> = {
      subscriptionId: str(c.subscription_id),
      entityType: str(c.entity_type),
      entityId: str(c.entity_id),
      description: str(c.description),
      dateFrom: num(c.date_from),
      dateTo: num(c.date_to),
      amount: num(c.amount),
      discountAmount: num(c.discount_amount),
      currency: str(c.currency_code),
      pricingModel: str(c.pricing_model),
    };
    const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
    return [{ id, tiers: Array.isArray(c.tiers) ? c.tiers.length : 0, ...defined }];
  });
}

export const RESULT_COLUMNS = ['Id', 'Entity', 'Description', 'From', 'To', 'Amount', 'Discount', 'Pricing'] as const;

export function resultTable(charges: readonly ImportedCharge[], fallbackCurrency: string): ResultTable {
  const money = (minor: number | undefined, currency: string): string => (minor === undefined ? '' : `${formatMinor(minor, currency)} ${currency}`);
  return {
    columns: RESULT_COLUMNS,
    rows: charges.map((c) => {
      const currency = c.currency ?? fallbackCurrency;
      const entity = c.entityType === undefined ? '' : c.entityId === undefined ? c.entityType : `${c.entityType}: ${c.entityId}`;
      const pricing = c.tiers > 0 ? `${c.pricingModel ?? 'tiered'} (${c.tiers} ${c.tiers === 1 ? 'tier' : 'tiers'})` : (c.pricingModel ?? '');
      return [
        c.id,
        entity,
        c.description ?? '',
        c.dateFrom === undefined ? '' : formatDate(c.dateFrom),
        c.dateTo === undefined ? '' : formatDate(c.dateTo),
        money(c.amount, currency),
        money(c.discountAmount, currency),
        pricing,
      ];
    }),
  };
}

export function resultSummary(charges: readonly ImportedCharge[], subscriptionId: string): string {
  const n = charges.length;
  return `Imported ${n} unbilled ${n === 1 ? 'charge' : 'charges'} into subscription ${subscriptionId}; they are invoiced at the next renewal.`;
}
