/**
 * A generic Chargebee list over stored records: filters on the record's own fields (plus custom
 * readers for derived ones), `sort_by[asc|desc]` on a timestamp, `name` or `id`, `include_deleted`,
 * and keyset paging. Which filters and sorts an endpoint takes is the catalog's (validation.ts).
 */
import { matchOperator, recordReader, type FieldValue } from '../filters';
import type { FormTree } from '../form-parser';
import { LIST_PARAMS, paginate, readPageRequest } from '../paging';
import type { ApiResult, RequestContext } from '../router';
import { isTree, obj, str } from '../tree-read';

export type ListReader = (rec: object) => FieldValue | FieldValue[];

export interface ListOptions<T extends object> {
  /** Envelope key of each entry, e.g. `customer` -> `{list:[{customer:{...}}]}`. */
  key: string;
  records: Iterable<T>;
  readers?: Record<string, ListReader>;
  /** Extra objects beside each entry, e.g. a subscription's customer. */
  extras?: (rec: T) => Record<string, object | undefined>;
}

function timeOf(rec: object, attr: string): number {
  const v = recordReader(rec)(attr);
  if (typeof v === 'number') return v;
  const fallback = recordReader(rec)('updated_at');
  return typeof fallback === 'number' ? fallback : 0;
}

export function listRecords<T extends object>(ctx: RequestContext, opts: ListOptions<T>): ApiResult {
  const page = readPageRequest(ctx.query);
  const includeDeleted = ctx.query.include_deleted === 'true';
  const sortBy = obj(ctx.query, 'sort_by');
  const desc = str(sortBy, 'desc') !== undefined;
  const sortAttr = str(sortBy, 'desc') ?? str(sortBy, 'asc') ?? 'created_at';
  const filters: [string, FormTree][] = Object.entries(ctx.query).filter((e): e is [string, FormTree] => !LIST_PARAMS.has(e[0]) && isTree(e[1]));
  const selected: T[] = [];
  for (const rec of opts.records) {
    const read = recordReader(rec);
    if (!includeDeleted && read('deleted') === true) continue;
    const keep = filters.every(([field, ops]) => {
      const custom = opts.readers?.[field];
      const raw = custom ? custom(rec) : read(field);
      const values = Array.isArray(raw) ? raw : [raw];
      return Object.entries(ops).every(([op, v]) => (values.length === 0 ? [undefined] : values).some((one) => matchOperator(one, op, v, `${field}[${op}]`)));
    });
    if (keep) selected.push(rec);
  }
  const idOf = (r: T): string => String(recordReader(r)('id') ?? '');
  // Text sorts key on the rank of the text, so the cursor keeps its numeric shape.
  const rank = sortAttr === 'name' ? textRanks(selected, (r) => String(recordReader(r)('name') ?? '')) : undefined;
  const result = paginate(selected, page, (r) => ({ sort: sortAttr === 'id' ? 0 : rank ? (rank.get(r) ?? 0) : timeOf(r, sortAttr), id: idOf(r) }), desc);
  const list = result.items.map((r) => ({ [opts.key]: r, ...(opts.extras ? definedOnly(opts.extras(r)) : {}) }));
  return { body: { list, ...(result.nextOffset !== undefined ? { next_offset: result.nextOffset } : {}) } };
}

function textRanks<T>(records: readonly T[], text: (r: T) => string): Map<T, number> {
  const sorted = [...new Set(records.map(text))].sort();
  const index = new Map(sorted.map((t, i) => [t, i]));
  return new Map(records.map((r) => [r, index.get(text(r)) ?? 0]));
}

function definedOnly(extras: Record<string, object | undefined>): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) out[k] = v;
  return out;
}
