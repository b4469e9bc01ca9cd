// The one paged Quick Pick, driven through a QuickPick-shaped fake against the sandbox over a real
// socket: paging with "Load more", server search that a newer search supersedes (the stale page is
// aborted and never shown), the typed-id fallback, and the failure row.
import assert from 'node:assert/strict';
import { ChargebeeClient } from '../../src/chargebee/client';
import { runPagedPick, runPagedStep, SEARCH_DELAY_MS, type PagedPick, type PickRow, type QuickPickLike } from '../../src/pickers/paged-pick';
import type { PickerItem } from '../../src/pickers/page';
import { customerList } from '../../src/pickers/customers';
import { quoteList } from '../../src/pickers/quotes';
import { importableSubscriptions } from '../../src/subscriptions/subscription-list';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

type Row = PickRow & { readonly entry?: PickerItem; readonly loadMore?: true; readonly typed?: string };

class FakeQuickPick implements QuickPickLike<Row> {
  title: string | undefined;
  placeholder: string | undefined;
  value = '';
  items: readonly Row[] = [];
  activeItems: readonly Row[] = [];
  selectedItems: readonly Row[] = [];
  busy = false;
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  disposed = false;
  private readonly valueListeners: ((v: string) => unknown)[] = [];
  private readonly acceptListeners: (() => unknown)[] = [];
  private readonly hideListeners: (() => unknown)[] = [];
  onDidChangeValue(l: (v: string) => unknown): void {
    this.valueListeners.push(l);
  }
  onDidAccept(l: () => unknown): void {
    this.acceptListeners.push(l);
  }
  onDidHide(l: () => unknown): void {
    this.hideListeners.push(l);
  }
  show(): void {}
  dispose(): void {
    this.disposed = true;
  }
  type(value: string): void {
    this.value = value;
    for (const l of this.valueListeners) l(value);
  }
  accept(row: Row | undefined): void {
    this.selectedItems = row ? [row] : [];
    for (const l of this.acceptListeners) l();
  }
  hide(): void {
    for (const l of this.hideListeners) l();
  }
  step: number | undefined;
  totalSteps: number | undefined;
  buttons: readonly unknown[] = [];
  private readonly buttonListeners: ((b: unknown) => unknown)[] = [];
  onDidTriggerButton(l: (b: unknown) => unknown): void {
    this.buttonListeners.push(l);
  }
  press(button: unknown): void {
    for (const l of this.buttonListeners) l(button);
  }
  entries(): string[] {
    return this.items.flatMap((r) => (r.entry ? [r.entry.id] : []));
  }
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('paged Quick Pick (sandbox)', () => {
  let sb: RunningSandbox;
  let client: ChargebeeClient;
  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    client = new ChargebeeClient({ baseUrl: sb.url, apiKey: sb.apiKey, retry: { maxAttempts: 1 } });
  });
  after(async () => sb.close());

  it('as a step: shows its place, offers Back from step 2 and an "any" row first', async () => {
    const back = { id: 'back' };
    const qp = new FakeQuickPick();
    const picked = runPagedStep(qp, client, { title: 'Filter', placeholder: '', list: customerList, noun: 'customers', anyLabel: 'All customers', step: { step: 2, totalSteps: 3 }, backButton: back });
    await until(() => !qp.busy && qp.entries().length > 0, 'the first page');
    assert.equal(qp.step, 2);
    assert.equal(qp.totalSteps, 3);
    assert.deepEqual(qp.buttons, [back]);
    assert.equal(qp.items[0]?.label, 'All customers');
    qp.press(back);
    assert.deepEqual(await picked, { back: true });

    const again = new FakeQuickPick();
    const any = runPagedStep(again, client, { title: 'Filter', placeholder: '', list: customerList, noun: 'customers', anyLabel: 'All customers', step: { step: 1 }, backButton: back });
    await until(() => !again.busy && again.entries().length > 0, 'the first page');
    assert.deepEqual(again.buttons, [], 'no Back on step 1');
    again.accept(again.items[0]);
    assert.deepEqual(await any, { any: true });
  });

  it('pages with "Load more" and keeps every loaded entry once', async () => {
    const qp = new FakeQuickPick();
    const picked = runPagedPick(qp, client, { title: 'Quotes', placeholder: '', list: quoteList, pageSize: 3, noun: 'quotes' });
    await until(() => !qp.busy && qp.entries().length === 3, 'the first page');
    const more = qp.items.find((r) => r.loadMore === true);
    assert.ok(more, 'a Load more row');
    qp.accept(more);
    await until(() => !qp.busy && qp.entries().length === 6, 'the second page');
    assert.equal(new Set(qp.entries()).size, 6);
    const chosen = qp.items.find((r) => r.entry !== undefined);
    qp.accept(chosen);
    const result = (await picked) as PagedPick<PickerItem>;
    assert.ok('item' in result && result.item.id === chosen?.entry?.id);
    assert.equal(qp.disposed, true);
  });

  it('searches on the server; a newer search aborts the older page, which never shows', async () => {
    const all = await client.call<{ list: { subscription: { id: string } }[] }>('subscriptions.list', { params: { limit: 100 } });
    const target = all.body.list[0]?.subscription.id ?? '';
    assert.ok(target !== '');
    const qp = new FakeQuickPick();
    const picked = runPagedPick(qp, client, { title: 'Subs', placeholder: '', list: importableSubscriptions, allowTypedId: true, noun: 'subscriptions' });
    await until(() => !qp.busy && qp.entries().length > 0, 'the first page');
    // The first search's request is held up; a second search follows before it answers.
    sb.control.addFaults([{ type: 'delay', ms: 800, count: 1, path: '/subscriptions' }]);
    qp.type('zzz-nothing');
    await new Promise((r) => setTimeout(r, SEARCH_DELAY_MS + 100));
    qp.type(target);
    await until(() => !qp.busy && qp.entries().includes(target), 'the newer search');
    await new Promise((r) => setTimeout(r, 900));
    assert.ok(qp.entries().includes(target), 'the late answer of the older search did not replace the list');
    assert.ok(qp.entries().every((id) => id.startsWith(target)), 'only matches of the newer text');
    assert.equal(qp.items.some((r) => r.typed !== undefined), false, 'no "Use" row for a listed id');
    qp.type('sub_not_listed');
    const use = qp.items.find((r) => r.typed === 'sub_not_listed');
    assert.ok(use, 'the typed id can be used as is');
    qp.accept(use);
    assert.deepEqual(await picked, { typedId: 'sub_not_listed' });
  });

  it('shows a failed page as a row and resolves undefined when hidden', async () => {
    sb.control.addFaults([{ type: 'status', status: 503, count: 1, path: '/quotes' }]);
    const qp = new FakeQuickPick();
    const picked = runPagedPick(qp, client, { title: 'Quotes', placeholder: '', list: quoteList, noun: 'quotes' });
    await until(() => !qp.busy && qp.items.length > 0, 'the failure');
    assert.match(qp.items[0]?.label ?? '', /Could not list quotes/);
    qp.hide();
    assert.equal(await picked, undefined);
  });
});
