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

/**
 * A stage whose filter needs a request first: subscriptions of the customers named like the text are
 * `customer_id[in]` of a customer search. Undefined (nobody found) skips the stage.
 */
export interface DeferredStage {
  lookup(client: PickerClient, signal: AbortSignal): Promise<ParamTree | undefined>;
}

export type Stage = ParamTree | DeferredStage;

function isDeferred(stage: Stage | undefined): stage is DeferredStage {
  return typeof stage === 'object' && typeof (stage as Partial<DeferredStage>).lookup === 'function';
}

/** `I` may carry more than the row (e.g. the quote object), for quick picks that resolve with it. */
export interface StagedList<I extends PickerItem = PickerItem> {
  /** Catalog id of the list endpoint, e.g. `customers.list`. */
  readonly endpointId: EndpointId;
  /** Envelope key of each entry: `customer` in `{ list: [{ customer }] }`. */
  readonly key: string;
  /** Params every stage sends (status, sort order, item type). */
  readonly base: ParamTree;
  /** The filters of each stage, tried in order; `[{}]` lists everything. */
  readonly stages: readonly Stage[];
  /**
   * Ask the first page of every stage at once and merge them in stage order (the API has no OR, so
   * "name, company or email starts with" is several requests; in parallel they cost one round trip).
   */
  readonly parallel?: boolean;
  /**
   * A search the API cannot do (a match anywhere in the id or name), done here: full API pages are
   * read and filtered by `toItem`, at most `maxRequests` of them per picker page, then "Load more" goes on.
   */
  readonly scan?: { readonly maxRequests: number };
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
  const items: I[] = [];
  const seen = new Set<string>();
  const take = (body: ListBody): void => {
    for (const envelope of body.list ?? []) {
      const entry = envelope[list.key];
      if (typeof entry !== 'object' || entry === null) continue;
      const item = list.toItem(entry as Record<string, unknown>, envelope);
      // A customer whose id and company both match shows once.
      if (item && !seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
  };
  const nextOf = (body: ListBody): string | undefined => (typeof body.next_offset === 'string' && body.next_offset !== '' ? body.next_offset : undefined);
  const filterOf = async (stage: Stage | undefined): Promise<ParamTree | undefined> => (isDeferred(stage) ? stage.lookup(client, query.signal) : stage);
  const limit = (): number => (list.scan ? 100 : Math.max(1, size - items.length));

  if (list.parallel === true && query.offset === undefined && list.stages.length > 1) {
    const bodies = await Promise.all(
      list.stages.map(async (stage) => {
        const filter = await filterOf(stage);
        if (filter === undefined) return undefined;
        return (await client.call<ListBody>(list.endpointId, { params: { ...list.base, ...filter, limit: size }, signal: query.signal })).body;
      }),
    );
    bodies.forEach((body) => body && take(body));
    // Go on from the first stage that has more; the stages after it are asked again from their start
    // (the picker drops what it already shows).
    const more = bodies.findIndex((body) => body !== undefined && nextOf(body) !== undefined);
    const body = more >= 0 ? bodies[more] : undefined;
    return more >= 0 && body ? { items, nextOffset: encodeOffset(more, nextOf(body)) } : { items };
  }

  let { stage, apiOffset } = decodeOffset(query.offset, list.stages.length);
  let requests = 0;
  for (;;) {
    const filter = await filterOf(list.stages[stage]);
    if (filter !== undefined) {
      const params: ParamTree = { ...list.base, ...filter, limit: limit(), ...(apiOffset !== undefined ? { offset: apiOffset } : {}) };
      const res = await client.call<ListBody>(list.endpointId, { params, signal: query.signal });
      requests++;
      take(res.body);
      const next = nextOf(res.body);
      if (next !== undefined) {
        if (!list.scan || items.length >= size || requests >= list.scan.maxRequests) return { items, nextOffset: encodeOffset(stage, next) };
        apiOffset = next;
        continue;
      }
    }
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
