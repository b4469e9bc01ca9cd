/**
 * One picker page from a list API, searched through several filters in turn. Chargebee list filters
 * are ANDed and have no OR, so "id or company starts with X" is two requests: the stages. The offset
 * handed to the webview is `<stage>:<api offset>`, so "More…" continues exactly where the last page
 * stopped, in the same stage or at the start of the next one.
 */
import type { EndpointId } from '../chargebee/catalog';
import type { ParamTree } from '../chargebee/catalog/types';
import type { PickerItem } from './page';
import type { ListBody, PickerClient, PickerPage, PickerQuery } from './types';

/** `I` may carry more than the row (e.g. the quote object), for quick picks that resolve with it. */
export interface StagedList<I extends PickerItem = PickerItem> {
  /** Catalog id of the list endpoint, e.g. `customers.list`. */
  readonly endpointId: EndpointId;
  /** Envelope key of each entry: `customer` in `{ list: [{ customer }] }`. */
  readonly key: string;
  /** Params every stage sends (status, sort order, item type). */
  readonly base: ParamTree;
  /** The filters of each stage, tried in order; `[{}]` lists everything. */
  readonly stages: readonly ParamTree[];
  /** The row for one entry; undefined leaves the entry out (filters the API cannot express). */
  toItem(entry: Readonly<Record<string, unknown>>, envelope: Readonly<Record<string, unknown>>): I | undefined;
}

export interface StagedPage<I extends PickerItem = PickerItem> extends PickerPage {
  readonly items: readonly I[];
}

export const DEFAULT_PAGE_SIZE = 20;

export function encodeOffset(stage: number, apiOffset: string | undefined): string {
  return `${stage}:${apiOffset ?? ''}`;
}

/** Anything malformed starts from the beginning rather than failing the search. */
export function decodeOffset(offset: string | undefined, stages: number): { stage: number; apiOffset?: string } {
  const m = offset === undefined ? null : /^(\d+):([\s\S]*)$/.exec(offset);
  const stage = m ? Number(m[1]) : 0;
  if (!m || stage >= stages) return { stage: 0 };
  return m[2] === '' || m[2] === undefined ? { stage } : { stage, apiOffset: m[2] };
}

export async function stagedPage<I extends PickerItem>(client: PickerClient, list: StagedList<I>, query: PickerQuery, pageSize = DEFAULT_PAGE_SIZE): Promise<StagedPage<I>> {
  const size = Math.min(100, Math.max(1, pageSize));
  let { stage, apiOffset } = decodeOffset(query.offset, list.stages.length);
  const items: I[] = [];
  const seen = new Set<string>();
  for (;;) {
    const params: ParamTree = {
      ...list.base,
      ...list.stages[stage],
      limit: Math.max(1, size - items.length),
      ...(apiOffset !== undefined ? { offset: apiOffset } : {}),
    };
    const res = await client.call<ListBody>(list.endpointId, { params, signal: query.signal });
    for (const envelope of res.body.list ?? []) {
      const entry = envelope[list.key];
      if (typeof entry !== 'object' || entry === null) continue;
      const item = list.toItem(entry as Record<string, unknown>, envelope);
      // A customer whose id and company both match shows once.
      if (item && !seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
    const next = typeof res.body.next_offset === 'string' && res.body.next_offset !== '' ? res.body.next_offset : undefined;
    if (next !== undefined) return { items, nextOffset: encodeOffset(stage, next) };
    if (stage + 1 >= list.stages.length) return { items };
    stage += 1;
    apiOffset = undefined;
    // A full page already: let "More…" start the next stage instead of fetching it now.
    if (items.length >= size) return { items, nextOffset: encodeOffset(stage, undefined) };
  }
}

/** `Capitalised` for `capitalised`: starts_with is case-sensitive, and names and companies are capitalised. */
export function textVariants(text: string): string[] {
  const cap = text.charAt(0).toUpperCase() + text.slice(1);
  return cap === text ? [text] : [text, cap];
}

/** Reads a string property, '' when absent or not a string. */
export function s(entry: Readonly<Record<string, unknown>>, key: string): string {
  const v = entry[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Non-empty parts joined with a middle dot. */
export function joined(...parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(' · ');
}
