/**
 * The Quotes view's filter: statuses, a customer id and a date range (YYYY-MM-DD..YYYY-MM-DD, UTC
 * days, both inclusive). It becomes list params for the API, a predicate for rows that arrive from
 * elsewhere (a quote created in a form), and the view's description.
 */
import type { ParamTree, ParamValue } from '../../chargebee/catalog/types';
import { parseDay } from '../../forms/dates';
import type { QuoteRow } from './row';

export interface QuoteFilter {
  readonly statuses?: readonly string[];
  readonly customerId?: string;
  /** YYYY-MM-DD, UTC. */
  readonly dateFrom?: string;
  readonly dateTo?: string;
}

/** Epoch seconds of 00:00:00 UTC on a YYYY-MM-DD day (the one day parser); undefined for anything else (2024-02-30 too). */
export function dayStart(day: string): number | undefined {
  const parsed = parseDay(day);
  return parsed.ok ? parsed.seconds : undefined;
}

export type RangeParse = { readonly ok: true; readonly from?: string; readonly to?: string } | { readonly ok: false; readonly message: string };

/** `2024-01-01..2024-01-31`, `2024-01-01..` or `..2024-01-31`; '' clears. */
export function parseDateRange(text: string): RangeParse {
  const t = text.trim();
  if (t === '') return { ok: true };
  const parts = t.split('..');
  if (parts.length !== 2) return { ok: false, message: 'Use YYYY-MM-DD..YYYY-MM-DD (either side may be left empty).' };
  const [from = '', to = ''] = parts.map((p) => p.trim());
  if (from === '' && to === '') return { ok: true };
  if (from !== '' && dayStart(from) === undefined) return { ok: false, message: `${from} is not a date in YYYY-MM-DD form.` };
  if (to !== '' && dayStart(to) === undefined) return { ok: false, message: `${to} is not a date in YYYY-MM-DD form.` };
  if (from !== '' && to !== '' && (dayStart(from) ?? 0) > (dayStart(to) ?? 0)) return { ok: false, message: 'The range starts after it ends.' };
  return { ok: true, ...(from !== '' ? { from } : {}), ...(to !== '' ? { to } : {}) };
}

/** The seconds range a filter covers, `to` being the last second of its day. */
function secondsRange(filter: QuoteFilter): { from?: number; to?: number } {
  const from = filter.dateFrom !== undefined ? dayStart(filter.dateFrom) : undefined;
  const toStart = filter.dateTo !== undefined ? dayStart(filter.dateTo) : undefined;
  return { ...(from !== undefined ? { from } : {}), ...(toStart !== undefined ? { to: toStart + 86_399 } : {}) };
}

/** List params for the filter (without paging and sorting). */
export function filterParams(filter: QuoteFilter): ParamTree {
  const params: Record<string, ParamValue> = {};
  if (filter.statuses !== undefined && filter.statuses.length > 0) params['status'] = { in: [...filter.statuses] };
  if (filter.customerId !== undefined && filter.customerId !== '') params['customer_id'] = { is: filter.customerId };
  const { from, to } = secondsRange(filter);
  if (from !== undefined && to !== undefined) params['date'] = { between: [from, to] };
  else if (from !== undefined) params['date'] = { after: from - 1 };
  else if (to !== undefined) params['date'] = { before: to + 1 };
  return params;
}

export function matchesFilter(row: QuoteRow, filter: QuoteFilter): boolean {
  if (filter.statuses !== undefined && filter.statuses.length > 0 && !filter.statuses.includes(row.status)) return false;
  if (filter.customerId !== undefined && filter.customerId !== '' && row.customer_id !== filter.customerId) return false;
  const { from, to } = secondsRange(filter);
  if (from !== undefined && (row.date === undefined || row.date < from)) return false;
  if (to !== undefined && (row.date === undefined || row.date > to)) return false;
  return true;
}

export function isEmptyFilter(filter: QuoteFilter): boolean {
  return (filter.statuses?.length ?? 0) === 0 && !filter.customerId && !filter.dateFrom && !filter.dateTo;
}

/** `open, accepted · customer cust_1 · 2024-01-01..2024-01-31`, or '' when nothing is filtered. */
export function describeFilter(filter: QuoteFilter): string {
  const parts: string[] = [];
  if (filter.statuses !== undefined && filter.statuses.length > 0) parts.push(filter.statuses.join(', '));
  if (filter.customerId) parts.push(`customer ${filter.customerId}`);
  if (filter.dateFrom || filter.dateTo) parts.push(`${filter.dateFrom ?? ''}..${filter.dateTo ?? ''}`);
  return parts.join(' · ');
}

/** A stored filter, read defensively (globalState outlives versions). */
export function parseFilter(raw: unknown): QuoteFilter {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const statuses = Array.isArray(r['statuses']) ? r['statuses'].filter((s): s is string => typeof s === 'string') : [];
  const day = (v: unknown): string | undefined => (typeof v === 'string' && dayStart(v) !== undefined ? v : undefined);
  const from = day(r['dateFrom']);
  const to = day(r['dateTo']);
  return {
    ...(statuses.length > 0 ? { statuses } : {}),
    ...(typeof r['customerId'] === 'string' && r['customerId'] !== '' ? { customerId: r['customerId'] } : {}),
    ...(from !== undefined ? { dateFrom: from } : {}),
    ...(to !== undefined ? { dateTo: to } : {}),
  };
}
