/**
 * The form webview: renders the form the host sends in `init`, keeps what is typed in the webview
 * state (panels do not retain their context when hidden), validates locally before sending, and shows
 * the host's previews, picker pages, validation and submit results.
 *
 * Stable hooks for UI tests (all values are field paths as in src/forms/values.ts: `name`,
 * `group[field]`, `group[field][row]`, `list[i]`, `{path_param}`, `filter:<row>`):
 * - inputs, selects, checkboxes:  data-field="<path>"  data-testid="field-<path>"
 *   filter rows: `filter:<row>:field`, `filter:<row>:op`, `filter:<row>:value`, `filter:<row>:to` (between)
 * - a field's error:               data-testid="error-<path>"  data-error-for="<path>" (hidden when none)
 * - error summary:                 data-testid="error-summary"; its links data-testid="error-link-<path>"
 * - buttons:                       submit, cancel, copy-curl, add-row-<group>, remove-row-<group>-<row>,
 *                                  add-value-<list>, remove-value-<list>-<i>, add-filter, remove-filter-<row>,
 *                                  save-preset, load-preset (inputs preset-name, preset-select)
 * - picker listbox:                data-testid="picker-list-<path>", options carry data-id, next page "picker-more"
 * - list rows:                     data-testid="row-<group>-<row>"; filter rows "filter-row-<row>"
 * - request preview:               data-testid="preview" (method, path, name=value lines), "preview-curl"
 * - submit outcome:                data-testid="submit-result" (+ "result-table"); site badge "site-badge"
 */
import type { PickerKind } from '../../chargebee/catalog/types';
import { currencyOf } from '../../forms/convert';
import type { FormValues } from '../../forms/values';
import { errorsAfterChange } from '../../forms/shown-errors';
import { descriptorAt, validateForm } from '../../forms/validate-form';
import type { FormCurrencyInfo, HostToWebview } from '../protocol';
import { assertNever } from '../protocol';
import { debounce, h } from './dom';
import type { Draft } from './draft';
import { restoreValues, stateOf, toDraft } from './draft';
import { FormView } from './form-view';
import type { PickerPageResult } from './picker';
import { loadState, post, saveState } from './vscode-api';

const root = document.getElementById('app') ?? document.body;

interface Live {
  readonly formId: string;
  readonly view: FormView;
  draft: Draft;
  readonly init: Extract<HostToWebview, { type: 'init' }>;
  busy: boolean;
  /** The host's word on the currency (it may learn the customer's after the form opened). */
  currency: FormCurrencyInfo;
}

let live: Live | undefined;
let nextRequest = 1;
const pendingPickers = new Map<number, (page: PickerPageResult) => void>();

const sendChange = debounce(300, () => {
  if (live) post({ type: 'change', values: live.draft });
});

function query(kind: PickerKind, text: string, offset: string | undefined): Promise<PickerPageResult> {
  const requestId = nextRequest++;
  return new Promise((resolve) => {
    pendingPickers.set(requestId, resolve);
    post({ type: 'pickerQuery', requestId, kind, text, ...(offset !== undefined ? { offset } : {}) });
  });
}

function currency(): string {
  return live ? currencyOf(live.draft, { currency: live.currency.code }) : 'USD';
}

/** Field paths changed since the last re-check. */
const changedSince = new Set<string>();

/**
 * Errors already shown are re-checked as the user types: a corrected field clears at once, a value
 * that cannot be sent shows on its field at once, and host and server errors stay until their field
 * (or one their rule names) changes. See src/forms/shown-errors.ts.
 */
const recheckShown = debounce(200, () => {
  if (!live) return;
  const changed = new Set(changedSince);
  changedSince.clear();
  const checked = validateForm(live.init.model, live.draft, { currency: currency() });
  const next = errorsAfterChange(live.view.currentErrors, changed, checked.errors, checked.conversion.errors);
  if (JSON.stringify(next) !== JSON.stringify(live.view.currentErrors)) live.view.setErrors(next, false);
});

/** `values` replaces the form's content (a loaded preset); otherwise saved state wins over the host's copy. */
function start(init: Extract<HostToWebview, { type: 'init' }>, values?: FormValues): void {
  values ??= restoreValues(loadState(), init.formId) ?? init.values;
  const draft = toDraft(values, init.model);
  const view = new FormView(root, init, draft, {
    onChange: (path) => {
      if (!live) return;
      if (path !== '') changedSince.add(path);
      saveState(stateOf(live.formId, live.draft, live.init.restore));
      sendChange();
      recheckShown();
    },
    onSubmit: submit,
    onCopyCurl: () => {
      if (live) post({ type: 'copyCurl', values: live.draft });
    },
    onCancel: () => post({ type: 'cancel' }),
    onSavePreset: (name) => {
      if (live) post({ type: 'savePreset', name, values: live.draft });
    },
    onLoadPreset: (name) => post({ type: 'loadPreset', name }),
    query,
    currency,
    currencyInfo: () => ({ code: currency(), basis: live && currency() === live.currency.code ? live.currency.basis : 'the currency code of this form' }),
  });
  live = { formId: init.formId, view, draft, init, busy: init.busy, currency: init.currency };
  view.setBusy(init.busy);
  view.render();
  saveState(stateOf(init.formId, draft, init.restore));
  // The host may hold older values than the restored ones; bring its preview up to date.
  post({ type: 'change', values: draft });
}

function submit(): void {
  if (!live || live.busy) return;
  // The submit judges every field now; a re-check still pending must not undo what it shows.
  recheckShown.cancel();
  changedSince.clear();
  const { errors } = validateForm(live.init.model, live.draft, { currency: currency() });
  if (errors.length > 0) {
    live.view.clearResult();
    live.view.setErrors(errors, true);
    // Nothing is sent; the host answers with its rules' errors too, so all show on this first submit.
    post({ type: 'check', values: live.draft });
    return;
  }
  live.view.setErrors([], false);
  live.view.clearResult();
  live.busy = true;
  live.view.setBusy(true);
  post({ type: 'submit', values: live.draft });
}

function onMessage(msg: HostToWebview): void {
  if (msg.type === 'init') {
    start(msg);
    return;
  }
  if (!live) return;
  switch (msg.type) {
    case 'pickerResults': {
      const resolve = pendingPickers.get(msg.requestId);
      pendingPickers.delete(msg.requestId);
      resolve?.(msg);
      return;
    }
    case 'validation':
      live.view.setErrors(msg.errors, true);
      return;
    case 'submitResult':
      live.busy = false;
      live.view.setBusy(false);
      if (msg.ok) {
        live.view.setErrors([], false);
        live.view.showResult(msg.summary, msg.table, true);
      } else {
        // Everything typed stays; the message goes on its field when the server named one.
        const fieldErrors = msg.field !== undefined ? [{ field: msg.field, message: msg.message, origin: 'server' as const }] : [];
        if (fieldErrors.length > 0) live.view.setErrors([...fieldErrors, ...live.view.currentErrors.filter((e) => e.field !== msg.field)], true);
        live.view.showResult(msg.field !== undefined ? 'The request failed; see the marked field.' : msg.message, undefined, false);
      }
      return;
    case 'preview':
      live.view.showPreview(msg.preview);
      return;
    case 'currency':
      if (msg.currency.code === live.currency.code && msg.currency.basis === live.currency.basis) return;
      live.currency = msg.currency;
      // Hints, suffixes and the local rules follow the currency; errors judged in the old one are re-judged.
      live.view.render();
      // Errors on amounts were judged in the old currency: re-judged now, whoever found them.
      for (const e of live.view.currentErrors) if (descriptorAt(live.init.model, e.field)?.type === 'money') changedSince.add(e.field);
      recheckShown();
      return;
    case 'setValues':
      start({ ...live.init, busy: live.busy }, msg.values);
      return;
    case 'presets':
      live.view.setPresets(msg.names);
      return;
    default:
      assertNever(msg);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  // Only the host posts to this window; the check guards against shapes from anything else.
  if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') onMessage(data as HostToWebview);
});

root.replaceChildren(h('p', { class: 'loading' }, ['Loading form…']));
post({ type: 'ready' });
