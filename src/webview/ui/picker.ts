/**
 * A searchable, paged picker as an ARIA combobox: the text input keeps whatever is typed (an id can
 * always be entered directly), and a listbox below offers matches from the host's list APIs, with a
 * "More…" option for the next page. Arrow keys move, Enter picks, Escape closes.
 */
import type { PickerKind } from '../../chargebee/catalog/types';
import type { PickerItem } from '../protocol';
import { debounce, h, uid } from './dom';

export interface PickerPageResult {
  readonly items: readonly PickerItem[];
  readonly nextOffset?: string;
  readonly error?: string;
}

export type PickerQuery = (kind: PickerKind, text: string, offset: string | undefined) => Promise<PickerPageResult>;

interface Option {
  readonly el: HTMLLIElement;
  readonly item?: PickerItem;
}

/** Turns `input` into a combobox; `kindOf` is read on each search, as a sibling field may change it. */
export function attachPicker(input: HTMLInputElement, kindOf: () => PickerKind | undefined, query: PickerQuery, onPick: (id: string) => void): HTMLElement {
  const listId = uid('listbox');
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-list', hidden: true, 'data-testid': `picker-list-${input.dataset['field'] ?? ''}` });
  const status = h('div', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.autocomplete = 'off';

  let options: Option[] = [];
  let active = -1;
  let latest = 0;
  let next: string | undefined;
  let loadedFor = '';

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const setActive = (i: number): void => {
    options.forEach((o, j) => o.el.setAttribute('aria-selected', String(j === i)));
    active = i;
    const el = options[i]?.el;
    if (el) {
      input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    }
  };
  const choose = (i: number): void => {
    const o = options[i];
    if (!o) return;
    if (!o.item) {
      void search(true);
      return;
    }
    input.value = o.item.id;
    onPick(o.item.id);
    close();
  };
  const render = (): void => {
    list.replaceChildren(...options.map((o) => o.el));
    // An answer arriving after focus moved on must not pop the list open over other fields.
    list.hidden = options.length === 0 || document.activeElement !== input;
    input.setAttribute('aria-expanded', String(!list.hidden));
  };

  async function search(more: boolean): Promise<void> {
    const kind = kindOf();
    if (kind === undefined) return;
    const text = input.value.trim();
    const id = ++latest;
    status.textContent = 'Searching…';
    const page = await query(kind, text, more ? next : undefined);
    // A slower answer to an older search must not replace a newer one.
    if (id !== latest) return;
    if (page.error !== undefined) {
      status.textContent = `Search failed: ${page.error}`;
      return;
    }
    const kept = more && loadedFor === text ? options.filter((o) => o.item) : [];
    const added = page.items.map((item): Option => {
      const el = h('li', { id: uid('opt'), role: 'option', class: 'picker-option', 'aria-selected': 'false', 'data-id': item.id }, [
        h('span', { class: 'picker-label' }, [item.label]),
        item.description !== undefined ? h('span', { class: 'picker-description' }, [item.description]) : undefined,
      ]);
      return { el, item };
    });
    options = [...kept, ...added];
    next = page.nextOffset;
    loadedFor = text;
    if (next !== undefined) options.push({ el: h('li', { id: uid('opt'), role: 'option', class: 'picker-more', 'aria-selected': 'false', 'data-testid': 'picker-more' }, ['More…']) });
    options.forEach((o, i) => {
      // mousedown, not click: it fires before the input's blur would close the list.
      o.el.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(i);
      });
    });
    status.textContent = options.length === 0 ? 'No matches' : `${page.items.length} ${page.items.length === 1 ? 'match' : 'matches'}${next !== undefined ? ', more available' : ''}`;
    render();
    if (more && kept.length > 0) setActive(kept.length);
  }

  const searchSoon = debounce(250, () => void search(false));
  input.addEventListener('input', () => {
    if (kindOf() !== undefined) searchSoon();
  });
  input.addEventListener('keydown', (e) => {
    if (kindOf() === undefined) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) void search(false);
      else setActive(Math.min(active + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!list.hidden) setActive(Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);
  return h('div', { class: 'picker' }, [input, list, status]);
}
