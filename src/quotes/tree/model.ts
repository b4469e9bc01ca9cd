/**
 * The Quotes tree of one site under one filter and grouping, without `vscode`: either one flat paged
 * list, or one paged list per status group, each loading only when its group is opened. A change of
 * site, filter or grouping builds a new model; the old one is disposed (its requests aborted).
 */
import { CLASSIC_QUOTE_STATUSES } from '../../chargebee/catalog/enum-values';
import { filterParams, matchesFilter, type QuoteFilter } from './filter';
import { PagedQuoteList, type FetchRows } from './paged-list';
import type { QuoteRow } from './row';

export type GroupBy = 'status' | 'none';

/** The statuses a person works with; CPQ-only ones land in "Other". */
export const STATUS_GROUPS = CLASSIC_QUOTE_STATUSES;
export const OTHER_GROUP = 'other';

/**
 * A status group node. The object outlives a rebuild of the model for the same site (its `list` is
 * swapped): VS Code refreshes, and asks the children of, the element object it registered, so a
 * new object per model left an expanded group pointing at a disposed list that never loads or fires.
 */
export interface QuoteGroup {
  readonly kind: 'group';
  readonly siteId: string;
  /** A status of STATUS_GROUPS, or OTHER_GROUP. */
  readonly status: string;
  list: PagedQuoteList;
}

export interface QuoteTreeModelOptions {
  readonly siteId: string;
  readonly filter: QuoteFilter;
  readonly groupBy: GroupBy;
  readonly fetch: FetchRows;
  readonly pageSize: () => number;
  readonly onChange: (list: PagedQuoteList) => void;
  /** The model this one replaces: its group objects are reused when the site is the same. */
  readonly previous?: QuoteTreeModel;
}

export class QuoteTreeModel {
  readonly siteId: string;
  readonly filter: QuoteFilter;
  readonly groupBy: GroupBy;
  /** Group mode only. */
  readonly groups: readonly QuoteGroup[];
  /** Flat mode only. */
  readonly flat: PagedQuoteList | undefined;

  constructor(options: QuoteTreeModelOptions) {
    this.siteId = options.siteId;
    this.filter = options.filter;
    this.groupBy = options.groupBy;
    const base = filterParams(options.filter);
    const make = (key: string, params: typeof base, accepts: (row: QuoteRow) => boolean): PagedQuoteList =>
      new PagedQuoteList({ key, params, accepts, fetch: options.fetch, pageSize: options.pageSize, onChange: options.onChange });
    const inFilter = (row: QuoteRow): boolean => row.deleted !== true && matchesFilter(row, options.filter);
    if (options.groupBy === 'none') {
      this.flat = make('flat', base, inFilter);
      this.groups = [];
      return;
    }
    this.flat = undefined;
    const wanted = options.filter.statuses;
    const statuses = STATUS_GROUPS.filter((s) => wanted === undefined || wanted.length === 0 || wanted.includes(s));
    const reusable = options.previous?.siteId === options.siteId ? options.previous.groups : [];
    const group = (status: string, list: PagedQuoteList): QuoteGroup => {
      const old = reusable.find((g) => g.status === status);
      if (!old) return { kind: 'group', siteId: options.siteId, status, list };
      old.list = list;
      return old;
    };
    const groups: QuoteGroup[] = statuses.map((status) =>
      group(status, make(`status:${status}`, { ...base, status: { in: [status] } }, (row) => row.status === status && inFilter(row))),
    );
    const others = (wanted ?? []).filter((s) => !(STATUS_GROUPS as readonly string[]).includes(s));
    if (wanted === undefined || wanted.length === 0 || others.length > 0) {
      const status = others.length > 0 ? { in: others } : { not_in: [...STATUS_GROUPS] };
      const isOther = (row: QuoteRow): boolean => !(STATUS_GROUPS as readonly string[]).includes(row.status);
      groups.push(group(OTHER_GROUP, make(`status:${OTHER_GROUP}`, { ...base, status }, (row) => isOther(row) && inFilter(row))));
    }
    this.groups = groups;
  }

  lists(): PagedQuoteList[] {
    return this.flat ? [this.flat] : this.groups.map((g) => g.list);
  }

  groupOf(list: PagedQuoteList): QuoteGroup | undefined {
    return this.groups.find((g) => g.list === list);
  }

  find(id: string): { readonly list: PagedQuoteList; readonly row: QuoteRow } | undefined {
    for (const list of this.lists()) {
      const row = list.find(id);
      if (row) return { list, row };
    }
    return undefined;
  }

  /**
   * A quote changed or appeared: updated in place where it is and still belongs, removed where it no
   * longer does (a status change moves it between groups), and put at the top of the list it now
   * belongs to. Returns the lists that changed.
   */
  quoteChanged(row: QuoteRow): PagedQuoteList[] {
    const changed: PagedQuoteList[] = [];
    for (const list of this.lists()) {
      const belongs = list.accepts(row);
      const had = list.find(row.id) !== undefined;
      if (belongs ? list.upsert(row) : had && list.remove(row.id)) changed.push(list);
    }
    return changed;
  }

  quoteRemoved(id: string): PagedQuoteList[] {
    return this.lists().filter((list) => list.remove(id));
  }

  dispose(): void {
    for (const list of this.lists()) list.dispose();
  }
}
