/**
 * One labelled control per field descriptor, with its hint and error slot wired for screen readers
 * (`label for`, `aria-describedby`, `aria-invalid`, `aria-required`). Inputs are native elements
 * styled with the theme's variables: their labels and descriptions must reach the real input, which
 * ARIA references cannot do into a web component's shadow root.
 */
import type { PickerKind } from '../../chargebee/catalog/types';
import type { FieldDescriptor } from '../../forms/model';
import { INVALID_DATE } from '../../forms/dates';
import { moneyExample } from '../../forms/money';
import type { FieldInput } from '../../forms/values';
import { h, uid } from './dom';
import type { PickerQuery } from './picker';
import { attachPicker } from './picker';

export interface FieldContext {
  readonly path: string;
  readonly value: FieldInput | undefined;
  readonly currency: string;
  readonly onChange: (value: FieldInput) => void;
  /** For picker fields: the picker to search with now (may follow a sibling field). */
  readonly pickerKind?: () => PickerKind | undefined;
  readonly query: PickerQuery;
  /** Overrides the label, e.g. for a value list's items. */
  readonly label?: string;
}

/** What the form needs to show an error on a field later. */
export interface RenderedField {
  readonly root: HTMLElement;
  readonly control: HTMLElement;
  readonly error: HTMLElement;
}

export function renderField(f: FieldDescriptor, ctx: FieldContext): RenderedField {
  const id = uid('f');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const label = ctx.label ?? f.label;
  const control = controlFor(f, ctx, id);
  control.dataset['field'] = ctx.path;
  control.dataset['testid'] = `field-${ctx.path}`;
  if (f.required) control.setAttribute('aria-required', 'true');
  const hint = hintText(f, ctx.currency);
  control.setAttribute('aria-describedby', hint === '' ? errorId : `${hintId} ${errorId}`);
  const error = h('div', { id: errorId, class: 'field-error', 'data-testid': `error-${ctx.path}`, 'data-error-for': ctx.path, hidden: true });
  const labelEl = h('label', { for: id, class: 'field-label' }, [label, f.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, [' *']) : undefined]);
  const hintEl = hint === '' ? undefined : h('div', { id: hintId, class: 'field-hint' }, [hint]);

  let body: HTMLElement = control;
  if (f.widget === 'picker' && control instanceof HTMLInputElement) {
    body = attachPicker(control, ctx.pickerKind ?? (() => undefined), ctx.query, (picked) => ctx.onChange(picked));
  } else if ((f.widget === 'date' || f.widget === 'datetime') && f.zeroMeans !== undefined && control instanceof HTMLInputElement) {
    body = withZeroChoice(control, f.zeroMeans, ctx);
  } else if (f.widget === 'money') {
    body = h('div', { class: 'with-suffix' }, [control, h('span', { class: 'suffix', 'aria-hidden': 'true' }, [ctx.currency])]);
  }
  const root =
    f.widget === 'checkbox'
      ? h('div', { class: 'field field-checkbox' }, [h('div', { class: 'checkbox-line' }, [body, labelEl]), hintEl, error])
      : h('div', { class: 'field' }, [labelEl, body, hintEl, error]);
  return { root, control, error };
}

/** The date input plus a checkbox for the API's 0 ("No trial: activate now"); ticking it sends 0. */
function withZeroChoice(input: HTMLInputElement, label: string, ctx: FieldContext): HTMLElement {
  const id = uid('zero');
  const box = h('input', { id, type: 'checkbox', 'data-testid': `zero-${ctx.path}` });
  box.checked = ctx.value === '0';
  input.disabled = box.checked;
  box.addEventListener('change', () => {
    input.disabled = box.checked;
    if (box.checked) input.value = '';
    ctx.onChange(box.checked ? '0' : input.value);
  });
  return h('div', { class: 'with-zero-choice' }, [input, h('span', { class: 'checkbox-line' }, [box, h('label', { for: id }, [label])])]);
}

function controlFor(f: FieldDescriptor, ctx: FieldContext, id: string): HTMLElement {
  const text = typeof ctx.value === 'string' ? ctx.value : '';
  switch (f.widget) {
    case 'checkbox': {
      const box = h('input', { id, type: 'checkbox' });
      box.checked = ctx.value === true || ctx.value === 'true';
      box.addEventListener('change', () => ctx.onChange(box.checked));
      return box;
    }
    case 'select': {
      const shown = (v: string): string => (f.type === 'boolean' ? (v === 'true' ? 'yes' : v === 'false' ? 'no' : v) : v);
      const blank = f.defaultHint !== undefined ? (f.type === 'boolean' ? `default (${shown(f.defaultHint)})` : `(not set: ${f.defaultHint})`) : '(not set)';
      const select = h('select', { id }, [h('option', { value: '' }, [blank]), ...(f.values ?? []).map((v) => h('option', { value: v }, [shown(v)]))]);
      // A pre-filled value the catalog does not list is kept visible rather than silently dropped.
      if (text !== '' && !(f.values ?? []).includes(text)) select.append(h('option', { value: text }, [text]));
      select.value = typeof ctx.value === 'boolean' ? String(ctx.value) : text;
      select.addEventListener('change', () => ctx.onChange(select.value));
      return select;
    }
    default: {
      const input = h('input', { id, type: inputType(f.widget), spellcheck: 'false', inputmode: inputMode(f.widget) });
      input.value = text === INVALID_DATE || (f.zeroMeans !== undefined && text === '0') ? '' : text;
      let last = text;
      const update = (): void => {
        // A date control holds '' for an impossible or half-typed date (02/30/1999): that is an error, not "empty".
        const now = input.value === '' && input.validity.badInput ? INVALID_DATE : input.value;
        // `change` also fires on blur with nothing new: only a new value is a change (it clears errors).
        if (now === last) return;
        last = now;
        ctx.onChange(now);
      };
      input.addEventListener('input', update);
      // Date pickers change without typing; `change` covers them.
      input.addEventListener('change', update);
      // An impossible date typed by hand fires neither (the value stays ''): look at each key and on leaving.
      if (f.widget === 'date' || f.widget === 'datetime') {
        input.addEventListener('keyup', update);
        input.addEventListener('blur', update);
      }
      return input;
    }
  }
}

function inputType(widget: FieldDescriptor['widget']): string {
  return widget === 'date' ? 'date' : widget === 'datetime' ? 'datetime-local' : 'text';
}

function inputMode(widget: FieldDescriptor['widget']): string | undefined {
  return widget === 'integer' ? 'numeric' : widget === 'money' || widget === 'decimal' ? 'decimal' : undefined;
}

function hintText(f: FieldDescriptor, currency: string): string {
  const parts: string[] = [];
  if (f.help !== undefined) parts.push(f.help);
  if (f.widget === 'money') parts.push(`Amount in ${currency}, e.g. ${moneyExample(currency)}.`);
  if (f.widget === 'datetime') parts.push('Date and time in UTC.');
  if (f.widget === 'date') parts.push('A day in UTC (sent as its 00:00).');
  if (f.maxLength !== undefined && (f.widget === 'text' || f.widget === 'picker')) parts.push(`At most ${f.maxLength} characters.`);
  if (f.widget !== 'select' && f.defaultHint !== undefined) parts.push(`Default: ${f.defaultHint}.`);
  return parts.join(' ');
}
