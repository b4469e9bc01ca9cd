/**
 * The one paged Quick Pick: pages of a StagedList with a "Load more" row, searched on the server as
 * the user types (debounced; a newer search or page aborts the older one, so a stale page never
 * replaces a newer list), and, when asked, an "Use <typed id>" row for an id the search does not reach.
 * No `vscode` import: it drives any QuickPick-shaped object, so quick-pick.ts passes VS Code's and the
 * unit tests a fake one.
 */
import { settleOnce } from '../util/settle-once';
import type { PickerItem } from './page';
import { DEFAULT_PAGE_SIZE, stagedPage, type StagedList } from './staged-list';
import type { PickerClient } from './types';

/** The fields of vscode.QuickPickItem used here. */
export interface PickRow {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
}

/** The part of vscode.QuickPick driven here. */
export interface QuickPickLike<R extends PickRow> {
  title: string | undefined;
  placeholder: string | undefined;
  value: string;
  items: readonly R[];
  activeItems: readonly R[];
  readonly selectedItems: readonly R[];
  busy: boolean;
  matchOnDescription: boolean;
  matchOnDetail: boolean;
  ignoreFocusOut: boolean;
  onDidChangeValue(listener: (value: string) => unknown): unknown;
  onDidAccept(listener: () => unknown): unknown;
  onDidHide(listener: () => unknown): unknown;
  show(): void;
  dispose(): void;
  /** A multi-step input's place and its Back button (VS Code's QuickPick has them). */
  step?: number | undefined;
  totalSteps?: number | undefined;
  buttons?: readonly unknown[];
  onDidTriggerButton?(listener: (button: unknown) => unknown): unknown;
}

export interface PagedPickOptions<I extends PickerItem> {
  readonly title: string;
  readonly placeholder: string;
  /** The list for the typed text, trimmed; '' lists everything. */
  list(text: string): StagedList<I>;
  /** The row for one entry; defaults to its label and description. */
  readonly row?: (item: I) => PickRow;
  /** Entries per request, 1-100. */
  readonly pageSize?: number;
  /** Offer `Use "<text>"` when the typed text is not a loaded id (the search has prefix filters only). */
  readonly allowTypedId?: boolean;
  /** The row shown when nothing matches, e.g. "No quotes allow this action". */
  readonly emptyLabel?: string;
  /** Said when a page fails: "Could not list <noun>". */
  readonly noun: string;
  readonly ignoreFocusOut?: boolean;
  /** A step of a multi-step input: its place, and Back (`backButton`) from step 2 on. */
  readonly step?: { readonly step: number; readonly totalSteps?: number };
  /** The host's Back button (vscode.QuickInputButtons.Back); this file has no `vscode`. */
  readonly backButton?: unknown;
  /** A first row that picks "none of them", e.g. "All customers". */
  readonly anyLabel?: string;
}

export type PagedPick<I> = { readonly item: I } | { readonly typedId: string };
/** What a step (with Back) or a picker with an "any" row may also resolve with. */
export type PagedStep<I> = PagedPick<I> | { readonly back: true } | { readonly any: true };

export const SEARCH_DELAY_MS = 300;

type Row<I> = PickRow & { readonly entry?: I; readonly loadMore?: true; readonly typed?: string; readonly any?: true };

export function runPagedPick<I extends PickerItem>(qp: QuickPickLike<Row<I>>, client: PickerClient, options: Omit<PagedPickOptions<I>, 'step' | 'anyLabel'>): Promise<PagedPick<I> | undefined> {
  // Without a step or an "any" row, neither of the other answers can come.
  return runPagedStep(qp, client, options) as Promise<PagedPick<I> | undefined>;
}

export function runPagedStep<I extends PickerItem>(qp: QuickPickLike<Row<I>>, client: PickerClient, options: PagedPickOptions<I>): Promise<PagedStep<I> | undefined> {
  const toRow = options.row ?? ((i: I): PickRow => ({ label: i.label, ...(i.description !== undefined ? { description: i.description } : {}) }));
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
  if (options.step) {
    qp.step = options.step.step;
    qp.totalSteps = options.step.totalSteps;
    if (options.step.step > 1 && options.backButton !== undefined) qp.buttons = [options.backButton];
  }
  let loaded: I[] = [];
  let next: string | undefined;
  let search = '';
  let failed: string | undefined;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abort: AbortController | undefined;

  const render = (): void => {
    const typed = qp.value.trim();
    const rows: Row<I>[] = [
      ...(options.anyLabel !== undefined && typed === '' ? [{ label: options.anyLabel, any: true as const, alwaysShow: true }] : []),
      ...loaded.map((entry) => ({ ...toRow(entry), entry })),
    ];
    if (next !== undefined) rows.push({ label: '$(more) Load more…', loadMore: true, alwaysShow: true });
    if (options.allowTypedId === true && typed !== '' && !loaded.some((i) => i.id === typed)) {
      rows.push({ label: `$(edit) Use "${typed}"`, description: 'an id not in the list', typed, alwaysShow: true });
    }
    if (failed !== undefined) rows.unshift({ label: `$(error) Could not list ${options.noun}`, detail: failed, alwaysShow: true });
    else if (rows.length === (options.anyLabel !== undefined && typed === '' ? 1 : 0) && !qp.busy) rows.push({ label: options.emptyLabel ?? `No ${options.noun} found`, alwaysShow: true });
    // Keep the user's place: replacing items would otherwise jump to the top after "Load more".
    const active = qp.activeItems[0]?.entry?.id;
    qp.items = rows;
    const again = active === undefined ? undefined : rows.find((r) => r.entry?.id === active);
    if (again) qp.activeItems = [again];
  };

  const load = async (more: boolean): Promise<void> => {
    abort?.abort();
    const mine = new AbortController();
    abort = mine;
    const gen = ++generation;
    qp.busy = true;
    try {
      const page = await stagedPage(client, options.list(search), { text: search, offset: more ? next : undefined, signal: mine.signal }, options.pageSize ?? DEFAULT_PAGE_SIZE);
      if (gen !== generation) return;
      // A parallel search goes on with stages it showed part of: an entry is listed once.
      const shown = new Set(more ? loaded.map((i) => i.id) : []);
      loaded = [...(more ? loaded : []), ...page.items.filter((i) => !shown.has(i.id))];
      next = page.nextOffset;
      failed = undefined;
    } catch (err) {
      if (gen !== generation || mine.signal.aborted) return;
      failed = err instanceof Error ? err.message : String(err);
    } finally {
      if (gen === generation) {
        qp.busy = false;
        render();
      }
    }
  };

  return new Promise<PagedStep<I> | undefined>((resolve) => {
    const finish = settleOnce(resolve, () => {
      if (timer !== undefined) clearTimeout(timer);
      abort?.abort();
      qp.dispose();
    });
    qp.onDidChangeValue(() => {
      render();
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        const text = qp.value.trim();
        if (text === search) return;
        search = text;
        void load(false);
      }, SEARCH_DELAY_MS);
    });
    qp.onDidAccept(() => {
      // Items are replaced as pages arrive; an Enter that lands in between has no selection but has the text.
      const row = qp.selectedItems[0] ?? qp.activeItems[0];
      if (row?.loadMore === true) void load(true);
      else if (row?.any === true) finish({ any: true });
      else if (row?.entry !== undefined) finish({ item: row.entry });
      else if (row?.typed !== undefined) finish({ typedId: row.typed });
      else if (options.allowTypedId === true && qp.value.trim() !== '') finish({ typedId: qp.value.trim() });
    });
    qp.onDidHide(() => finish(undefined));
    qp.onDidTriggerButton?.((button) => {
      if (button === options.backButton) finish({ back: true });
    });
    qp.show();
    // load() marks the picker busy before its first await, so the empty row does not flash.
    void load(false);
    render();
  });
}
