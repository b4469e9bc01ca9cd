/**
 * One parent's children in the Quotes tree: the rows loaded so far, the offset of the next page,
 * the last error, and at most one page request in flight (a second `loadMore()` joins it). Rows that
 * arrive from elsewhere (an edited or created quote) are updated in place or put at the top; a later
 * page never adds a row twice.
 */
import type { ParamTree } from '../../chargebee/catalog/types';
import type { QuoteRow } from './row';

export interface RowPage {
  readonly rows: readonly QuoteRow[];
  readonly nextOffset?: string;
}

/** The request is waiting before another attempt: why (a 429, offline) and until when (epoch ms). */
export interface ListWait {
  readonly reason: string;
  readonly until: number;
}

export type FetchRows = (params: ParamTree, signal: AbortSignal, onWait: (wait: ListWait) => void) => Promise<RowPage>;

export interface PagedListOptions {
  /** Stable, e.g. `flat` or `status:open`: tree item ids are built on it. */
  readonly key: string;
  /** Filter params; paging and sorting are added here. */
  readonly params: ParamTree;
  /** Does a row belong in this list (status group, filter)? */
  readonly accepts: (row: QuoteRow) => boolean;
  readonly fetch: FetchRows;
  readonly pageSize: () => number;
  /** After every change of rows, loading state or error. */
  readonly onChange: (list: PagedQuoteList) => void;
}

export class PagedQuoteList {
  private readonly items: QuoteRow[] = [];
  private readonly index = new Map<string, number>();
  private next: string | undefined;
  private pages = 0;
  private failure: string | undefined;
  private wait: ListWait | undefined;
  private inFlight: Promise<void> | undefined;
  /** The page request in flight; "Retry" during a wait aborts it and asks again at once. */
  private attempt: AbortController | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: PagedListOptions) {}

  get key(): string {
    return this.options.key;
  }

  get rows(): readonly QuoteRow[] {
    return this.items;
  }

  /** A first page has arrived (possibly empty). */
  get loaded(): boolean {
    return this.pages > 0;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get hasMore(): boolean {
    return this.pages > 0 && this.next !== undefined;
  }

  get error(): string | undefined {
    return this.failure;
  }

  /** Set while the request in flight waits to try again (rate limit, offline). */
  get waiting(): ListWait | undefined {
    return this.wait;
  }

  /** Gives up a wait between attempts and asks again now; otherwise as loadMore(). */
  retryNow(): Promise<void> {
    if (this.inFlight && this.wait !== undefined) {
      this.attempt?.abort();
      return this.inFlight.then(async () => this.loadMore());
    }
    return this.loadMore();
  }

  accepts(row: QuoteRow): boolean {
    return this.options.accepts(row);
  }

  find(id: string): QuoteRow | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /** The first page, or the next one; joins the request in flight; a no-op at the end of the list. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    // A thrown-away list would fetch for nothing and, aborted, never report back.
    if (this.abort.signal.aborted) return Promise.resolve();
    if (this.pages > 0 && this.next === undefined) return Promise.resolve();
    this.failure = undefined;
    const limit = Math.min(100, Math.max(1, Math.floor(this.options.pageSize())));
    const params: ParamTree = {
      ...this.options.params,
      limit,
      sort_by: { desc: 'date' },
      ...(this.next !== undefined ? { offset: this.next } : {}),
    };
    const attempt = new AbortController();
    this.attempt = attempt;
    const stop = (): void => attempt.abort();
    this.abort.signal.addEventListener('abort', stop);
    const onWait = (wait: ListWait): void => {
      if (attempt.signal.aborted) return;
      this.wait = wait;
      this.options.onChange(this);
    };
    const task = this.options
      .fetch(params, attempt.signal, onWait)
      .then(
        (page) => {
          if (attempt.signal.aborted) return;
          for (const row of page.rows) this.append(row);
          this.next = page.nextOffset;
          this.pages++;
        },
        (err: unknown) => {
          if (attempt.signal.aborted) return;
          this.failure = err instanceof Error ? err.message : String(err);
        },
      )
      .finally(() => {
        this.abort.signal.removeEventListener('abort', stop);
        this.inFlight = undefined;
        this.attempt = undefined;
        this.wait = undefined;
        if (!this.abort.signal.aborted) this.options.onChange(this);
      });
    this.inFlight = task;
    this.options.onChange(this);
    return task;
  }

  /** Puts a changed row in place; a row new to this list goes to the top. Returns whether the list changed. */
  upsert(row: QuoteRow): boolean {
    const i = this.index.get(row.id);
    if (i !== undefined) {
      this.items[i] = row;
      return true;
    }
    // Before the first page the row would only be duplicated by it.
    if (this.pages === 0) return false;
    this.items.unshift(row);
    this.reindex();
    return true;
  }

  remove(id: string): boolean {
    const i = this.index.get(id);
    if (i === undefined) return false;
    this.items.splice(i, 1);
    this.reindex();
    return true;
  }

  /** Settles when no page request is in flight (tests, reveal). */
  idle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Stops the request in flight; the list is thrown away after this. */
  dispose(): void {
    this.abort.abort();
  }

  private append(row: QuoteRow): void {
    const i = this.index.get(row.id);
    if (i !== undefined) {
      this.items[i] = row;
      return;
    }
    this.index.set(row.id, this.items.length);
    this.items.push(row);
  }

  private reindex(): void {
    this.index.clear();
    this.items.forEach((r, i) => this.index.set(r.id, i));
  }
}
