/**
 * "Which subscription?": a QuickPick over GET /subscriptions, paged with a "Load more" entry and
 * searchable: typing filters what is loaded and asks the API for ids starting with the text, so a
 * subscription not loaded yet can still be found. A typed id that matches nothing can be used as is.
 */
import * as vscode from 'vscode';
import { settleOnce } from '../util/settle-once';
import type { PickerItem } from '../webview/protocol';
import type { SubscriptionClient } from './deps';
import { subscriptionPage } from './subscription-list';

interface SubItem extends vscode.QuickPickItem {
  readonly id?: string;
  readonly loadMore?: true;
  readonly typed?: string;
}

const SEARCH_DELAY_MS = 300;

function itemOf(e: PickerItem): SubItem {
  return { label: e.label, ...(e.description !== undefined ? { description: e.description } : {}), id: e.id };
}

/** The picked (or typed) subscription id; undefined when the user backs out. */
export function pickSubscription(client: SubscriptionClient, title: string): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<SubItem>();
  qp.title = title;
  qp.placeholder = 'Pick a subscription, or type an id to search';
  qp.matchOnDescription = true;
  qp.ignoreFocusOut = true;
  let loaded: SubItem[] = [];
  let next: string | undefined;
  let search = '';
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let abort: AbortController | undefined;

  const render = (): void => {
    const typed = qp.value.trim();
    const exact = loaded.some((i) => i.id === typed);
    const extra: SubItem[] = [];
    if (next !== undefined) extra.push({ label: '$(more) Load more…', loadMore: true, alwaysShow: true });
    if (typed !== '' && !exact) extra.push({ label: `$(edit) Use "${typed}"`, description: 'an id not in the list', typed, alwaysShow: true });
    qp.items = [...loaded, ...extra];
  };

  const load = async (more: boolean): Promise<void> => {
    abort?.abort();
    const mine = new AbortController();
    abort = mine;
    const gen = ++generation;
    qp.busy = true;
    try {
      const page = await subscriptionPage(client, search, more ? next : undefined, mine.signal);
      if (gen !== generation) return;
      loaded = [...(more ? loaded : []), ...page.items.map(itemOf)];
      next = page.nextOffset;
      render();
    } catch (err) {
      if (gen !== generation || mine.signal.aborted) return;
      qp.items = [{ label: '$(error) Could not list subscriptions', detail: err instanceof Error ? err.message : String(err), alwaysShow: true }];
    } finally {
      if (gen === generation) qp.busy = false;
    }
  };

  return new Promise<string | undefined>((resolve) => {
    const finish = settleOnce(resolve, () => {
      if (timer) clearTimeout(timer);
      abort?.abort();
      qp.dispose();
    });
    qp.onDidChangeValue(() => {
      render();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        search = qp.value.trim();
        void load(false);
      }, SEARCH_DELAY_MS);
    });
    qp.onDidAccept(() => {
      // Items are replaced as pages arrive; an Enter that lands in between has no selection but has the text.
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item?.loadMore) void load(true);
      else if (item?.id !== undefined) finish(item.id);
      else if (item?.typed !== undefined) finish(item.typed);
      else if (qp.value.trim() !== '') finish(qp.value.trim());
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    void load(false);
  });
}
