/**
 * The filter builder of export forms: one row per filter, each a field (grouped by resource), an
 * operator valid for that field's type, and a value editor that fits the operator.
 */
import type { FilterOperator, FilterSpec } from '../../chargebee/catalog/types';
import type { FilterEditor } from '../../forms/filters';
import { FILTER_TIME_ZONE, OPERATOR_LABELS, dayFilterHint, filterEditor, findFilter } from '../../forms/filters';
import { moneyExample } from '../../forms/money';
import type { FilterGroupDescriptor } from '../../forms/model';
import type { FilterRowValue } from '../../forms/values';
import { filterPath } from '../../forms/values';
import { INVALID_DATE } from '../../forms/dates';
import { button } from './buttons';
import { h, uid } from './dom';
import type { RenderedField } from './fields';

export interface FilterRowsContext {
  readonly groups: readonly FilterGroupDescriptor[];
  readonly rows: FilterRowValue[];
  /** A structural change (field, operator, add, remove): the form re-renders and focuses `focus`. */
  readonly onStructure: (focus: string, changed: string) => void;
  /** A value typed in row `path` (`filter:<row>`): no re-render. */
  readonly onValue: (path: string) => void;
  readonly register: (path: string, field: RenderedField) => void;
  /** The currency money filters are typed in (major units). */
  readonly currency: string;
  /** The zone dates are whole days in, and how the user changes it. */
  readonly timeZone: string;
  readonly onTimeZone: (zone: string) => void;
}

const SEP = '|';

export function renderFilters(ctx: FilterRowsContext): HTMLElement {
  const list = h('div', { class: 'filter-rows' });
  ctx.rows.forEach((row, i) => list.append(renderRow(ctx, row, i)));
  if (ctx.rows.length === 0) list.append(h('p', { class: 'empty' }, ['No filters: the export includes everything.']));
  // UTC by default (the same export on every machine); the browser's own zone is offered too.
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set([FILTER_TIME_ZONE, local, ctx.timeZone])];
  const zoneId = uid('filter-zone');
  const zone = h('select', { id: zoneId, 'data-testid': 'filter-time-zone' }, zones.map((z) => h('option', { value: z }, [z])));
  zone.value = ctx.timeZone;
  zone.addEventListener('change', () => ctx.onTimeZone(zone.value));
  const units = h('p', { class: 'field-hint filter-units', 'data-testid': 'filter-units' }, [
    h('label', { for: zoneId }, ['Dates are whole days in ']),
    zone,
    `; amounts are in ${ctx.currency}.`,
  ]);
  const add = button(
    'Add filter',
    () => {
      ctx.rows.push({ group: '', field: '', op: '', values: [] });
      ctx.onStructure(`${filterPath(ctx.rows.length - 1)}:field`, 'filter');
    },
    { testId: 'add-filter', secondary: true },
  );
  return h('div', { class: 'filters' }, [units, list, h('div', { class: 'row-actions' }, [add])]);
}

function renderRow(ctx: FilterRowsContext, row: FilterRowValue, index: number): HTMLElement {
  const path = filterPath(index);
  const spec = row.field === '' ? undefined : findFilter(ctx.groups, row.group, row.field);
  const errorId = uid('filter-error');
  const error = h('div', { id: errorId, class: 'field-error', 'data-testid': `error-${path}`, 'data-error-for': path, hidden: true });
  const rowLabel = `Filter ${index + 1}`;

  const fieldSelect = h('select', { 'aria-label': `${rowLabel}: field`, 'data-field': `${path}:field`, 'data-testid': `field-${path}:field` }, [
    h('option', { value: '' }, ['Choose a field…']),
    ...ctx.groups.map((g) => h('optgroup', { label: g.label }, g.filters.map((f) => h('option', { value: `${g.name}${SEP}${f.name}` }, [f.label])))),
  ]);
  fieldSelect.value = spec ? `${row.group}${SEP}${row.field}` : '';
  fieldSelect.addEventListener('change', () => {
    const [group = '', field = ''] = fieldSelect.value.split(SEP);
    const chosen = findFilter(ctx.groups, group, field);
    ctx.rows[index] = { group, field, op: chosen?.operators[0] ?? '', values: [] };
    ctx.onStructure(`${path}:op`, path);
  });

  const parts: HTMLElement[] = [fieldSelect];
  let firstValue: HTMLElement | undefined;
  if (spec) {
    const opSelect = h(
      'select',
      { 'aria-label': `${rowLabel}: operator`, 'data-field': `${path}:op`, 'data-testid': `field-${path}:op` },
      spec.operators.map((op) => h('option', { value: op }, [OPERATOR_LABELS[op]])),
    );
    opSelect.value = row.op;
    opSelect.addEventListener('change', () => {
      const before = editorKey(spec, row.op);
      const op = opSelect.value;
      // Values survive an operator change when the editor stays the same (is -> is_not).
      ctx.rows[index] = { ...row, op, values: editorKey(spec, op) === before ? row.values : [] };
      ctx.onStructure(`${path}:value`, path);
    });
    parts.push(opSelect);
    const editors = valueEditors(spec, row, index, rowLabel, ctx, errorId);
    firstValue = editors[0];
    parts.push(...editors);
  }
  parts.push(
    button(
      'Remove',
      () => {
        ctx.rows.splice(index, 1);
        ctx.onStructure(ctx.rows.length > 0 ? `${filterPath(Math.min(index, ctx.rows.length - 1))}:field` : 'add-filter', 'filter');
      },
      { testId: `remove-filter-${index}`, secondary: true, ariaLabel: `Remove filter ${index + 1}` },
    ),
  );
  const control = firstValue ?? fieldSelect;
  const hint = spec ? rowHint(spec, row.op, ctx.currency, ctx.timeZone) : '';
  const hintId = uid('filter-hint');
  control.setAttribute('aria-describedby', hint === '' ? errorId : `${hintId} ${errorId}`);
  ctx.register(path, { root: control, control, error });
  const hintEl = hint === '' ? undefined : h('div', { id: hintId, class: 'field-hint', 'data-testid': `hint-${path}` }, [hint]);
  return h('div', { class: 'filter-row', role: 'group', 'aria-label': rowLabel, 'data-testid': `filter-row-${index}` }, [h('div', { class: 'filter-controls' }, parts), hintEl, error]);
}

function rowHint(spec: FilterSpec, op: string, currency: string, timeZone: string): string {
  if (spec.type === 'timestamp') return dayFilterHint(op, timeZone);
  if (spec.unit === 'money') return `Amount in ${currency}, e.g. ${moneyExample(currency)}.`;
  return '';
}

function editorKey(spec: FilterSpec, op: string): string {
  const e = filterEditor(spec.type, op as FilterOperator);
  return `${e.kind}:${e.input}`;
}

function valueEditors(spec: FilterSpec, row: FilterRowValue, index: number, rowLabel: string, ctx: FilterRowsContext, errorId: string): HTMLElement[] {
  const editor: FilterEditor = filterEditor(spec.type, row.op as FilterOperator);
  const path = filterPath(index);
  const set = (values: string[]): void => {
    // Only a new value is a change (keyup and blur also call this): a change clears the row's errors.
    if (values.length === row.values.length && values.every((v, i) => v === row.values[i])) return;
    ctx.rows[index] = { ...row, values };
    row = ctx.rows[index] ?? row;
    ctx.onValue(path);
  };
  const attrs = (suffix: string, label: string): Record<string, string> => ({
    'aria-label': `${rowLabel}: ${label}`,
    'data-field': `${path}:${suffix}`,
    'data-testid': `field-${path}:${suffix}`,
    'aria-describedby': errorId,
  });
  switch (editor.kind) {
    case 'single': {
      if (editor.input === 'select' || editor.input === 'boolean') {
        const options = editor.input === 'boolean' ? ['true', 'false'] : (spec.values ?? []);
        const select = h('select', attrs('value', 'value'), options.map((v) => h('option', { value: v }, [v])));
        select.value = row.values[0] ?? options[0] ?? '';
        // A select always shows a value, so the row holds it from the start.
        if (row.values[0] !== select.value) ctx.rows[index] = { ...row, values: [select.value] };
        row = ctx.rows[index] ?? row;
        select.addEventListener('change', () => set([select.value]));
        return [select];
      }
      const input = valueInput(editor.input, row.values[0] ?? '', attrs('value', 'value'));
      const update = (): void => set([typed(input)]);
      for (const ev of ['input', 'change', 'keyup', 'blur']) input.addEventListener(ev, update);
      return [input];
    }
    case 'range': {
      const from = valueInput(editor.input, row.values[0] ?? '', attrs('value', 'from'));
      const to = valueInput(editor.input, row.values[1] ?? '', attrs('to', 'to'));
      const update = (): void => set([typed(from), typed(to)]);
      // keyup and blur: an impossible date typed by hand leaves the value '' and fires no input event.
      for (const el of [from, to]) for (const ev of ['input', 'change', 'keyup', 'blur']) el.addEventListener(ev, update);
      return [from, h('span', { class: 'range-and', 'aria-hidden': 'true' }, ['and']), to];
    }
    case 'multi': {
      if (editor.input === 'select') {
        const select = h('select', { ...attrs('value', 'values'), multiple: true, size: Math.min(6, spec.values?.length ?? 1) }, (spec.values ?? []).map((v) => h('option', { value: v }, [v])));
        for (const o of Array.from(select.options)) o.selected = row.values.includes(o.value);
        select.addEventListener('change', () => set(Array.from(select.selectedOptions, (o) => o.value)));
        return [select];
      }
      const input = valueInput('text', row.values.join(', '), { ...attrs('value', 'values, separated by commas'), placeholder: 'a, b, c' });
      input.addEventListener('input', () => set([input.value]));
      return [input];
    }
  }
}

function valueInput(kind: 'text' | 'number' | 'date', value: string, attrs: Record<string, string>): HTMLInputElement {
  const input = h('input', { ...attrs, type: kind === 'date' ? 'date' : 'text', inputmode: kind === 'number' ? 'decimal' : undefined, spellcheck: 'false' });
  input.value = value === INVALID_DATE ? '' : value;
  return input;
}

/** What a value editor holds: an impossible date typed into a date control is kept as one (see INVALID_DATE). */
function typed(input: HTMLInputElement): string {
  return input.value === '' && input.validity.badInput ? INVALID_DATE : input.value;
}

