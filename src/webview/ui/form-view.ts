/**
 * Renders a whole form from its model and keeps the DOM in step with the draft values, the errors,
 * the busy state and the request preview. Structural changes (rows added or removed, a filter's field
 * changed) re-render and put focus back where it was; typing only updates the draft.
 */
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { PickerKind } from '../../chargebee/catalog/types';
import type { FieldDescriptor, FormItem, FormModel, FormSection } from '../../forms/model';
import { pickerFor } from '../../forms/model';
import type { FieldError, FieldInput } from '../../forms/values';
import { objectFieldPath, pathParamPath, rowFieldPath } from '../../forms/values';
import type { FormCurrencyInfo, FormSiteInfo, RequestPreview, ResultTable } from '../protocol';
import { button } from './buttons';
import { h, uid } from './dom';
import type { Draft } from './draft';
import type { RenderedField } from './fields';
import { renderField } from './fields';
import { renderFilters } from './filters-view';
import { FILTER_TIME_ZONE } from '../../forms/filters';
import type { PickerQuery } from './picker';

export interface FormSetup {
  readonly formId: string;
  readonly model: FormModel;
  readonly site: FormSiteInfo;
  readonly submitLabel: string;
  readonly submitNote?: string;
  readonly presets?: readonly string[];
}

export interface FormCallbacks {
  /** Any value changed (`path` is the field's path, '' for structural changes). */
  readonly onChange: (path: string) => void;
  readonly onSubmit: () => void;
  readonly onCopyCurl: () => void;
  readonly onCancel: () => void;
  readonly onSavePreset: (name: string) => void;
  readonly onLoadPreset: (name: string) => void;
  readonly query: PickerQuery;
  /** The currency money fields are typed in right now (the form's own currency_code may change it). */
  readonly currency: () => string;
  /** That currency and why it is the one, for the note above the form. */
  readonly currencyInfo: () => FormCurrencyInfo;
}

export class FormView {
  private readonly fields = new Map<string, RenderedField>();
  /** Refreshers of the collapsed sections' "n filled" counts. */
  private readonly counters: (() => void)[] = [];
  /** Collapsed sections the user opened (or an error opened): they stay open across re-renders. */
  private readonly openSections = new Set<string>();
  private errors: readonly FieldError[] = [];
  private busy = false;
  private readonly summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true, 'data-testid': 'error-summary' });
  private readonly result = h('div', { class: 'submit-result', role: 'status', 'data-testid': 'submit-result' });
  private readonly previewRequest = h('pre', { class: 'preview-request', 'data-testid': 'preview', tabindex: 0 });
  private readonly previewCurl = h('pre', { class: 'preview-curl', 'data-testid': 'preview-curl', tabindex: 0 });
  private readonly formEl = h('form', { novalidate: true, 'aria-busy': 'false' });
  private readonly ring = document.createElement('vscode-progress-ring');
  private submitButton = button('', () => undefined, { testId: 'submit' });
  private presetNames: readonly string[];

  constructor(
    private readonly root: HTMLElement,
    private readonly setup: FormSetup,
    private readonly draft: Draft,
    private readonly cb: FormCallbacks,
  ) {
    this.presetNames = setup.presets ?? [];
    this.formEl.addEventListener('submit', (e) => {
      e.preventDefault();
      this.cb.onSubmit();
    });
  }

  /** Builds the page; `focusPath` names the control (data-field or data-testid) to focus afterwards. */
  render(focusPath?: string): void {
    const active = focusPath ?? (document.activeElement instanceof HTMLElement ? (document.activeElement.dataset['field'] ?? document.activeElement.dataset['testid']) : undefined);
    this.fields.clear();
    const { model, site } = this.setup;
    const header = h('header', { class: 'form-header' }, [
      h('h1', {}, [model.title]),
      h('span', { class: `site-badge site-${site.mode}`, 'data-testid': 'site-badge' }, [`${site.name} · ${site.mode === 'live' ? 'LIVE site' : 'test site'}`]),
      model.description !== undefined ? h('p', { class: 'form-description' }, [model.description]) : undefined,
      this.currencyNote(),
    ]);
    const sections: HTMLElement[] = [];
    if (model.pathParams.length > 0) {
      sections.push(
        this.section('Target', model.pathParams.map((f) => this.field(f, pathParamPath(f.name), this.draft.path[f.name], (v) => (this.draft.path[f.name] = String(v))))),
      );
    }
    this.counters.length = 0;
    for (const s of model.sections) {
      const children = s.items.map((it) => this.item(it, s.items.length === 1 ? s.title : undefined));
      sections.push(s.collapsed === true ? this.collapsedSection(s, children) : this.section(s.title, children));
    }
    this.submitButton = button(this.setup.submitLabel, () => this.cb.onSubmit(), { testId: 'submit' });
    this.ring.setAttribute('aria-label', 'Sending');
    const actions = h('div', { class: 'form-actions' }, [
      this.submitButton,
      button('Cancel', () => this.cb.onCancel(), { testId: 'cancel', secondary: true }),
      this.ring,
      this.setup.submitNote !== undefined ? h('p', { class: 'submit-note', 'data-testid': 'submit-note' }, [this.setup.submitNote]) : undefined,
    ]);
    this.formEl.replaceChildren(...sections, this.presetsBar() ?? '', actions);
    const preview = h('details', { class: 'preview', open: true }, [
      h('summary', {}, ['Request preview']),
      this.previewRequest,
      h('h3', {}, ['curl']),
      this.previewCurl,
      button('Copy as curl', () => this.cb.onCopyCurl(), { testId: 'copy-curl', secondary: true }),
    ]);
    this.root.replaceChildren(header, this.summary, this.result, this.formEl, preview);
    this.root.setAttribute('aria-busy', 'false');
    this.setBusy(this.busy);
    this.showErrors(this.errors, false);
    if (active !== undefined) this.focus(active);
  }

  /** Opens the collapsed sections around a control, scrolls it into view and focuses it. */
  private reveal(control: HTMLElement): void {
    for (let el: HTMLElement | null = control; el; el = el.parentElement) if (el instanceof HTMLDetailsElement) el.open = true;
    control.scrollIntoView({ block: 'center' });
    control.focus({ preventScroll: true });
  }

  /** "Amounts in JPY: the customer's currency." above forms with money fields. */
  private currencyNote(): HTMLElement | undefined {
    const hasMoney = this.setup.model.sections.some((s) =>
      s.items.some((it) => (it.kind === 'field' ? it.field.widget === 'money' : it.kind === 'object' || it.kind === 'list' ? it.fields.some((f) => f.widget === 'money') : false)),
    );
    if (!hasMoney) return undefined;
    const info = this.cb.currencyInfo();
    return h('p', { class: 'currency-note', 'data-testid': 'currency-note' }, [`Amounts in ${info.code}: ${info.basis}.`]);
  }

  setErrors(errors: readonly FieldError[], focusSummary: boolean): void {
    this.errors = errors;
    this.showErrors(errors, focusSummary);
  }

  get currentErrors(): readonly FieldError[] {
    return this.errors;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.disabled = busy;
    this.formEl.setAttribute('aria-busy', String(busy));
    this.ring.hidden = !busy;
  }

  showPreview(p: RequestPreview): void {
    const unsent = (p.unsent ?? []).map((m) => `\n# not sent until fixed: ${m}`).join('');
    this.previewRequest.textContent = `${p.method} ${p.path}\n${p.body}${unsent}`;
    this.previewCurl.textContent = p.curl;
  }

  showResult(summary: string, table: ResultTable | undefined, ok: boolean): void {
    this.result.className = `submit-result ${ok ? 'ok' : 'failed'}`;
    this.result.replaceChildren(h('p', {}, [summary]), table ? renderTable(table) : '');
  }

  clearResult(): void {
    this.result.replaceChildren();
  }

  setPresets(names: readonly string[]): void {
    this.presetNames = names;
    this.render();
  }

  private showErrors(errors: readonly FieldError[], focusSummary: boolean): void {
    const byField = new Map(errors.filter((e) => e.field !== '').map((e) => [e.field, e.message]));
    for (const [path, f] of this.fields) {
      const message = byField.get(path);
      // An error inside a closed section opens it: an error must be seen where it is.
      if (message !== undefined) for (let el: HTMLElement | null = f.root; el; el = el.parentElement) if (el instanceof HTMLDetailsElement) el.open = true;
      f.error.hidden = message === undefined;
      f.error.textContent = message ?? '';
      if (message === undefined) f.control.removeAttribute('aria-invalid');
      else f.control.setAttribute('aria-invalid', 'true');
    }
    if (errors.length === 0) {
      this.summary.hidden = true;
      this.summary.replaceChildren();
      return;
    }
    // The summary reads in the form's order, whoever found each error.
    const order = new Map([...this.fields.keys()].map((k, i) => [k, i]));
    const sorted = [...errors].sort((a, b) => (order.get(a.field) ?? order.size) - (order.get(b.field) ?? order.size));
    const items = sorted.map((e) => {
      const target = this.fields.get(e.field);
      if (!target) return h('li', {}, [e.message]);
      const link = h('a', { href: '#', 'data-testid': `error-link-${e.field}` }, [`${this.where(e.field)}${e.message}`]);
      link.addEventListener('click', (ev) => {
        ev.preventDefault();
        this.reveal(target.control);
      });
      return h('li', {}, [link]);
    });
    const n = errors.length;
    this.summary.replaceChildren(h('h2', {}, [n === 1 ? 'There is a problem' : `There are ${n} problems`]), h('ul', {}, items));
    this.summary.hidden = false;
    if (focusSummary) this.summary.focus();
  }

  /** "Addons, row 2: " for a row field, "Filter 1: " for a filter row, "" for plain fields. */
  private where(path: string): string {
    const filter = /^filter:(\d+)$/.exec(path);
    if (filter) return `Filter ${Number(filter[1]) + 1}: `;
    const row = /^([^[]+)\[[^\]]+\]\[(\d+)\]$/.exec(path);
    if (!row) return '';
    const group = this.setup.model.sections.flatMap((s) => s.items).find((it) => it.kind === 'list' && it.name === row[1]);
    return group && group.kind === 'list' ? `${group.label}, row ${Number(row[2]) + 1}: ` : '';
  }

  private focus(path: string): void {
    const el = this.root.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"], [data-testid="${CSS.escape(path)}"]`);
    el?.focus();
  }

  /** Deprecated optional fields of a group, closed, with how many of them are set (an edit may pre-fill one). */
  private deprecatedFields(id: string, children: readonly HTMLElement[], filled: number): HTMLElement {
    const details = h('details', { class: 'deprecated-fields', 'data-testid': `deprecated-${id}` }, [
      h('summary', {}, [`Deprecated fields${filled === 0 ? '' : ` (${filled} filled)`}`]),
      h('div', { class: 'group-grid' }, children),
    ]);
    if (filled > 0 || this.openSections.has(`deprecated:${id}`)) details.open = true;
    details.addEventListener('toggle', () => {
      if (details.open) this.openSections.add(`deprecated:${id}`);
      else this.openSections.delete(`deprecated:${id}`);
    });
    return details;
  }

  /** A closed section whose heading counts what is filled in it, so nothing set there goes unseen. */
  private collapsedSection(s: FormSection, children: readonly HTMLElement[]): HTMLElement {
    const count = h('span', { class: 'filled-count', 'data-testid': `filled-${s.id}` });
    const update = (): void => {
      const n = filledCount(s.items, this.draft);
      count.textContent = n === 0 ? ' (none filled)' : ` (${n} filled)`;
    };
    update();
    this.counters.push(update);
    const details = h('details', { class: 'form-section collapsed-section', 'data-testid': `section-${s.id}` }, [
      h('summary', {}, [h('h2', { class: 'summary-heading' }, [s.title]), count]),
      ...children,
    ]);
    if (this.openSections.has(s.id)) details.open = true;
    details.addEventListener('toggle', () => {
      if (details.open) this.openSections.add(s.id);
      else this.openSections.delete(s.id);
    });
    return details;
  }

  private section(title: string, children: readonly HTMLElement[]): HTMLElement {
    const id = uid('section');
    return h('section', { class: 'form-section', 'aria-labelledby': id }, [h('h2', { id }, [title]), ...children]);
  }

  /** `sectionTitle` is set when the item is its section's only one: its legend then repeats the heading. */
  private item(it: FormItem, sectionTitle?: string): HTMLElement {
    const legendClass = sectionTitle !== undefined && 'label' in it && it.label === sectionTitle ? 'sr-only' : undefined;
    switch (it.kind) {
      case 'field':
        return this.field(it.field, it.field.name, this.draft.fields[it.field.name], (v) => (this.draft.fields[it.field.name] = v));
      case 'object': {
        const render = (f: FieldDescriptor): HTMLElement => {
          const path = objectFieldPath(it.name, f.name);
          return this.field(f, path, this.draft.fields[path], (v) => (this.draft.fields[path] = v));
        };
        const current = it.fields.filter((f) => f.deprecated !== true || f.required === true);
        const old = it.fields.filter((f) => f.deprecated === true && f.required !== true);
        const filled = old.filter((f) => isFilled(this.draft.fields[objectFieldPath(it.name, f.name)])).length;
        return this.fieldset(it.label, legendClass, it.help, 'group-grid', [
          ...current.map(render),
          ...(old.length > 0 ? [this.deprecatedFields(`${it.name}`, old.map(render), filled)] : []),
        ]);
      }
      case 'list':
        return this.listGroup(it, legendClass);
      case 'values':
        return this.valueList(it, legendClass);
      case 'filters':
        return renderFilters({
          groups: it.groups,
          rows: this.draft.filters,
          onStructure: (focus, changed) => this.structural(focus, changed),
          onValue: (path) => this.cb.onChange(path),
          register: (path, f) => this.fields.set(path, f),
          currency: this.cb.currency(),
          timeZone: this.draft.filterTimeZone ?? FILTER_TIME_ZONE,
          onTimeZone: (zone) => {
            if (zone === FILTER_TIME_ZONE) delete this.draft.filterTimeZone;
            else this.draft.filterTimeZone = zone;
            // Every date row now means other moments: its errors are judged again.
            this.structural('filter-time-zone', 'filter');
          },
        });
    }
  }

  private field(f: FieldDescriptor, path: string, value: FieldInput | undefined, set: (v: FieldInput) => void, opts: { row?: Record<string, FieldInput>; label?: string } = {}): HTMLElement {
    const rendered = renderField(f, {
      path,
      value,
      currency: this.cb.currency(),
      ...(opts.label !== undefined ? { label: opts.label } : {}),
      onChange: (v) => {
        set(v);
        for (const c of this.counters) c();
        this.cb.onChange(path);
      },
      pickerKind: (): PickerKind | undefined => pickerFor(f, opts.row ?? {}),
      query: this.cb.query,
    });
    this.fields.set(path, rendered);
    return rendered.root;
  }

  private fieldset(legend: string, legendClass: string | undefined, help: string | undefined, cls: string, children: readonly (HTMLElement | string)[]): HTMLElement {
    return h('fieldset', { class: 'group' }, [h('legend', { class: legendClass }, [legend]), help !== undefined ? h('p', { class: 'field-hint' }, [help]) : undefined, h('div', { class: cls }, children)]);
  }

  private listGroup(it: Extract<FormItem, { kind: 'list' }>, legendClass: string | undefined): HTMLElement {
    const rows = (this.draft.rows[it.name] ??= []);
    // Fields whose value picks another field's picker (entity_type -> entity_id) re-render their row.
    const drivers = new Set(it.fields.flatMap((f) => (f.picker !== undefined && typeof f.picker !== 'string' ? [f.picker.field] : [])));
    const rowEls = rows.map((row, i) => {
      const render = (f: FieldDescriptor): HTMLElement =>
        this.field(f, rowFieldPath(it.name, f.name, i), row[f.name], (v) => {
          row[f.name] = v;
          if (drivers.has(f.name)) queueMicrotask(() => this.render(rowFieldPath(it.name, f.name, i)));
        }, { row });
      const old = it.fields.filter((f) => f.deprecated === true && f.required !== true);
      const fields = [
        ...it.fields.filter((f) => !old.includes(f)).map(render),
        ...(old.length > 0 ? [this.deprecatedFields(`${it.name}-${i}`, old.map(render), old.filter((f) => isFilled(row[f.name])).length)] : []),
      ];
      const remove = button('Remove row', () => {
        rows.splice(i, 1);
        this.structural(rows.length > 0 ? `remove-row-${it.name}-${Math.min(i, rows.length - 1)}` : `add-row-${it.name}`, it.name);
      }, { testId: `remove-row-${it.name}-${i}`, secondary: true, ariaLabel: `Remove ${it.label} row ${i + 1}` });
      return h('fieldset', { class: 'list-row', 'data-testid': `row-${it.name}-${i}` }, [h('legend', {}, [`${it.label} ${i + 1}`]), h('div', { class: 'group-grid' }, fields), h('div', { class: 'row-actions' }, [remove])]);
    });
    const full = it.maxItems !== undefined && rows.length >= it.maxItems;
    const add = button('Add row', () => {
      rows.push({});
      this.structural(rowFieldPath(it.name, it.fields[0]?.name ?? '', rows.length - 1), it.name);
    }, { testId: `add-row-${it.name}`, secondary: true, ariaLabel: `Add ${it.label} row` });
    add.disabled = full;
    const empty = rows.length === 0 ? h('p', { class: 'empty' }, ['No rows.']) : undefined;
    return h('fieldset', { class: 'group list-group', 'data-group': it.name }, [
      h('legend', { class: legendClass }, [it.label, it.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, [' *']) : undefined]),
      it.help !== undefined ? h('p', { class: 'field-hint' }, [it.help]) : undefined,
      ...rowEls,
      empty,
      h('div', { class: 'row-actions' }, [add, full ? h('span', { class: 'field-hint' }, [`At most ${it.maxItems ?? 0} rows.`]) : undefined]),
      this.groupError(it.name),
    ]);
  }

  private valueList(it: Extract<FormItem, { kind: 'values' }>, legendClass: string | undefined): HTMLElement {
    const list = (this.draft.lists[it.name] ??= []);
    const items = list.map((v, i) =>
      h('div', { class: 'value-item' }, [
        this.field(it.item, `${it.name}[${i}]`, v, (nv) => (list[i] = String(nv)), { label: `${it.label} ${i + 1}` }),
        button('Remove', () => {
          list.splice(i, 1);
          this.structural(`add-value-${it.name}`, it.name);
        }, { testId: `remove-value-${it.name}-${i}`, secondary: true, ariaLabel: `Remove ${it.label} ${i + 1}` }),
      ]),
    );
    const add = button('Add', () => {
      list.push('');
      this.structural(`${it.name}[${list.length - 1}]`, it.name);
    }, { testId: `add-value-${it.name}`, secondary: true, ariaLabel: `Add ${it.label}` });
    add.disabled = it.maxItems !== undefined && list.length >= it.maxItems;
    return h('fieldset', { class: 'group value-list' }, [h('legend', { class: legendClass }, [it.label]), it.help !== undefined ? h('p', { class: 'field-hint' }, [it.help]) : undefined, ...items, h('div', { class: 'row-actions' }, [add]), this.groupError(it.name)]);
  }

  /** Errors about a whole group (`addons cannot have more than 10 rows`) show under it. */
  private groupError(name: string): HTMLElement {
    const error = h('div', { class: 'field-error', id: uid('group-error'), 'data-testid': `error-${name}`, 'data-error-for': name, hidden: true });
    const anchor = h('span', { tabindex: -1, class: 'group-anchor', 'aria-describedby': error.id });
    this.fields.set(name, { root: error, control: anchor, error });
    return h('div', {}, [anchor, error]);
  }

  private presetsBar(): HTMLElement | undefined {
    if (this.setup.presets === undefined) return undefined;
    const nameId = uid('preset-name');
    const name = h('input', { id: nameId, type: 'text', 'data-testid': 'preset-name', maxlength: 200 });
    const save = button('Save as preset', () => {
      if (name.value.trim() !== '') this.cb.onSavePreset(name.value.trim());
    }, { testId: 'save-preset', secondary: true });
    const parts: (HTMLElement | undefined)[] = [h('label', { for: nameId }, ['Preset name']), name, save];
    if (this.presetNames.length > 0) {
      const pickId = uid('preset-pick');
      const pick = h('select', { id: pickId, 'data-testid': 'preset-select' }, this.presetNames.map((n) => h('option', { value: n }, [n])));
      parts.push(h('label', { for: pickId }, ['Load preset']), pick, button('Load', () => this.cb.onLoadPreset(pick.value), { testId: 'load-preset', secondary: true }));
    }
    return h('div', { class: 'presets', role: 'group', 'aria-label': 'Presets' }, parts);
  }

  /** Rows or filters changed shape: indices moved, so errors about them no longer point anywhere. */
  private structural(focus: string, changed: string): void {
    this.errors = this.errors.filter((e) => !/\]\[\d+\]$|^filter:|\[\d+\]$/.test(e.field));
    this.render(focus);
    this.cb.onChange(changed);
  }
}

function isFilled(v: FieldInput | undefined): boolean {
  return typeof v === 'boolean' ? v : v !== undefined && v.trim() !== '';
}

/** Fields of `items` holding a value (a row or list entry counts once per filled field). */
function filledCount(items: readonly FormItem[], draft: Draft): number {
  const filled = isFilled;
  let n = 0;
  for (const it of items) {
    switch (it.kind) {
      case 'field':
        if (filled(draft.fields[it.field.name])) n++;
        break;
      case 'object':
        for (const f of it.fields) if (filled(draft.fields[objectFieldPath(it.name, f.name)])) n++;
        break;
      case 'list':
        for (const row of draft.rows[it.name] ?? []) for (const f of it.fields) if (filled(row[f.name])) n++;
        break;
      case 'values':
        n += (draft.lists[it.name] ?? []).filter((v) => v.trim() !== '').length;
        break;
      case 'filters':
        n += draft.filters.filter((f) => f.field !== '').length;
        break;
    }
  }
  return n;
}

function renderTable(table: ResultTable): HTMLElement {
  return h('table', { class: 'result-table', 'data-testid': 'result-table' }, [
    h('thead', {}, [h('tr', {}, table.columns.map((c) => h('th', { scope: 'col' }, [c])))]),
    h('tbody', {}, table.rows.map((r) => h('tr', {}, r.map((cell) => h('td', {}, [cell]))))),
  ]);
}
