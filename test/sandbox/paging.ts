/**
 * List paging: `limit` 1-100 (default 10) and an opaque `offset`. The offset is a keyset cursor in
 * the shape real Chargebee offsets take (`["1540797487000","2"]`: sort value, then id), so pages stay
 * stable while records are added between calls.
 */
import { paramWrongValue } from './errors';
import type { FormTree } from './form-parser';

export interface PageRequest {
  limit: number;
  after?: { sort: number; id: string };
}

export interface Page<T> {
  items: T[];
  nextOffset?: string;
}

export const LIST_PARAMS: ReadonlySet<string> = new Set(['limit', 'offset', 'sort_by', 'include_deleted']);

export function readPageRequest(query: FormTree): PageRequest {
  const rawLimit = query.limit;
  let limit = 10;
  if (rawLimit !== undefined) {
    if (typeof rawLimit !== 'string' || !/^-?\d+$/.test(rawLimit)) throw paramWrongValue('limit', 'invalid integer');
    limit = Number(rawLimit);
    if (limit < 1) throw paramWrongValue('limit', 'cannot be less than 1');
    if (limit > 100) throw paramWrongValue('limit', 'cannot be more than 100');
  }
  const rawOffset = query.offset;
  if (rawOffset === undefined || rawOffset === '') return { limit };
  if (typeof rawOffset !== 'string' || rawOffset.length > 1000) throw paramWrongValue('offset', 'invalid offset');
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawOffset);
  } catch {
    throw paramWrongValue('offset', 'invalid offset');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string' || !/^-?\d+$/.test(parsed[0])) {
    throw paramWrongValue('offset', 'invalid offset');
  }
  // The sort value travels in milliseconds, as in real offsets.
  return { limit, after: { sort: Number(parsed[0]) / 1000, id: parsed[1] } };
}

/** Numeric ids (quote numbers) compare as numbers, others as strings. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by (sort value, id), ascending or descending, and cuts the page after the cursor. */
export function paginate<T>(records: readonly T[], req: PageRequest, key: (r: T) => { sort: number; id: string }, desc = false): Page<T> {
  const dir = desc ? -1 : 1;
  const cmp = (a: { sort: number; id: string }, b: { sort: number; id: string }): number =>
    dir * (a.sort !== b.sort ? a.sort - b.sort : compareIds(a.id, b.id));
  const keyed = records.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => cmp(a.k, b.k));
  const after = req.after;
  const start = after ? keyed.findIndex((e) => cmp(e.k, after) > 0) : 0;
  if (start < 0) return { items: [] };
  const slice = keyed.slice(start, start + req.limit);
  const page: Page<T> = { items: slice.map((e) => e.r) };
  const last = slice[slice.length - 1];
  if (last && start + req.limit < keyed.length) page.nextOffset = JSON.stringify([String(last.k.sort * 1000), last.k.id]);
  return page;
}
