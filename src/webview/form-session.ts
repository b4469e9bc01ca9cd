/**
 * The host side of one form, without `vscode`: it answers the webview's messages through a
 * FormController and posts replies. FormPanel wires it to a real WebviewPanel; tests drive it directly.
 */
import { userMessage } from '../chargebee/redact';
import type { ConvertContext } from '../forms/convert';
import { emptyValues } from '../forms/values';
import type { FieldError, FormValues } from '../forms/values';
import { withOrigin } from '../forms/shown-errors';
import { fieldForParam, mergeErrors, serverMessage, validateForm } from '../forms/validate-form';
import type { FormValidation } from '../forms/validate-form';
import type { BuiltRequest, FormController, Submission } from './form-controller';
import type { FormCurrencyInfo, FormRestoreRef, HostToWebview, RequestPreview, WebviewToHost } from './protocol';
import { assertNever, parseWebviewMessage } from './protocol';

export interface SessionHost {
  post(message: HostToWebview): void;
  copyText(text: string, what: string): Promise<void>;
  close(): void;
  warn(message: string): void;
}

export class FormSession {
  private values: FormValues;
  private inFlight: AbortController | undefined;
  private readonly pickerQueries = new Set<AbortController>();
  private disposed = false;
  private sentCurrency: string | undefined;

  constructor(
    private readonly controller: FormController,
    private readonly host: SessionHost,
    readonly formId: string,
    private readonly restore?: FormRestoreRef,
  ) {
    this.values = controller.initialValues ?? emptyValues();
    controller.watch?.(() => {
      if (!this.disposed) this.postPreview();
    });
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** The values as last seen from the webview (or the initial ones). */
  get currentValues(): FormValues {
    return this.values;
  }

  /** Every inbound message comes here first; anything malformed is logged and dropped. */
  async handle(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.host.warn(`form ${this.formId}: ignored a malformed webview message`);
      return;
    }
    await this.dispatch(msg);
  }

  /** Replaces what the form shows, e.g. a loaded preset. */
  setValues(values: FormValues): void {
    this.values = values;
    this.host.post({ type: 'setValues', values });
    this.postPreview();
  }

  dispose(): void {
    this.disposed = true;
    this.inFlight?.abort();
    for (const q of this.pickerQueries) q.abort();
    this.pickerQueries.clear();
  }

  private async dispatch(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.sendInit();
        return;
      case 'change':
        this.values = msg.values;
        this.postPreview();
        return;
      case 'pickerQuery':
        await this.answerPicker(msg.requestId, msg.kind, msg.text, msg.offset);
        return;
      case 'submit':
        await this.submit(msg.values);
        return;
      case 'check':
        // Every rule at once on the first submit: the host's cross-field rules beside the webview's own.
        this.values = msg.values;
        this.post({ type: 'validation', errors: withOrigin(this.validate(msg.values).errors, 'host') });
        return;
      case 'copyCurl': {
        this.values = msg.values;
        const built = this.tryBuild(this.validate(msg.values));
        if (built) await this.host.copyText(built.curl, 'curl command');
        return;
      }
      case 'cancel':
        this.host.close();
        return;
      case 'savePreset': {
        const presets = this.controller.presets;
        if (!presets) return;
        await presets.save(msg.name, msg.values);
        this.post({ type: 'presets', names: presets.list() });
        return;
      }
      case 'loadPreset': {
        const loaded = await this.controller.presets?.load(msg.name);
        if (loaded) this.setValues(loaded);
        return;
      }
      default:
        assertNever(msg);
    }
  }

  private sendInit(): void {
    const { definition, presets } = this.controller;
    const submitLabel = definition.submitLabel ?? (definition.model.spec.method === 'GET' ? 'Run' : 'Create');
    const currency = currencyInfoOf(definition);
    this.sentCurrency = JSON.stringify(currency);
    this.post({
      type: 'init',
      formId: this.formId,
      model: definition.model,
      values: this.values,
      site: definition.site,
      currency,
      submitLabel,
      ...(definition.submitNote !== undefined ? { submitNote: definition.submitNote } : {}),
      busy: this.busy,
      ...(presets ? { presets: presets.list() } : {}),
      ...(this.restore ? { restore: this.restore } : {}),
    });
    this.postPreview();
  }

  private async answerPicker(requestId: number, kind: Parameters<FormController['onPickerQuery']>[0], text: string, offset: string | undefined): Promise<void> {
    const abort = new AbortController();
    this.pickerQueries.add(abort);
    try {
      const page = await this.controller.onPickerQuery(kind, text, offset, abort.signal);
      this.post({ type: 'pickerResults', requestId, items: page.items, ...(page.nextOffset !== undefined ? { nextOffset: page.nextOffset } : {}) });
    } catch (err) {
      this.post({ type: 'pickerResults', requestId, items: [], error: messageOf(err) });
    } finally {
      this.pickerQueries.delete(abort);
    }
  }

  private async submit(values: FormValues): Promise<void> {
    // The webview disables its button while a submit runs; this guards against a second message anyway.
    if (this.inFlight) {
      this.host.warn(`form ${this.formId}: ignored a submit while one is running`);
      return;
    }
    this.values = values;
    const checked = this.validate(values);
    if (checked.errors.length > 0) {
      this.post({ type: 'validation', errors: withOrigin(checked.errors, 'host') });
      const n = checked.errors.length;
      this.post({ type: 'submitResult', ok: false, message: `${n} ${n === 1 ? 'field needs' : 'fields need'} attention` });
      return;
    }
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      const outcome = await this.controller.onSubmit(submissionOf(values, checked), abort.signal);
      this.post({ type: 'submitResult', ok: true, summary: outcome.summary, ...(outcome.table ? { table: outcome.table } : {}) });
      if (this.controller.definition.closeOnSuccess) this.host.close();
    } catch (err) {
      const param = paramOf(err);
      const model = this.controller.definition.model;
      const field = param === undefined ? '' : fieldForParam(model, checked.conversion, param);
      // On a field the label is shown already: the API's own words fit better than the notification text.
      const message = abort.signal.aborted ? 'Cancelled' : param === undefined || field === '' ? messageOf(err) : serverMessage(model, field, param, apiMessageOf(err) ?? messageOf(err));
      this.post({ type: 'submitResult', ok: false, message, ...(field !== '' ? { field } : {}) });
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Catalog validation plus the feature's own cross-field checks, one message per field. */
  private validate(values: FormValues): FormValidation {
    const ctx: ConvertContext = { currency: this.controller.definition.site.currency };
    const base = validateForm(this.controller.definition.model, values, ctx);
    const extra: readonly FieldError[] = this.controller.validate?.(submissionOf(values, base)) ?? [];
    return { errors: mergeErrors(base.errors, extra), conversion: base.conversion };
  }

  private postPreview(): void {
    const checked = this.validate(this.values);
    const built = this.tryBuild(checked);
    // The preview shows what is sent; a typed value left out is named, never silently dropped.
    if (built) this.post({ type: 'preview', preview: previewOf(built, checked.conversion.errors) });
    // Building may have taught the controller the currency (the customer's): the webview follows.
    const currency = currencyInfoOf(this.controller.definition);
    const key = JSON.stringify(currency);
    if (key !== this.sentCurrency) {
      this.sentCurrency = key;
      this.post({ type: 'currency', currency });
    }
  }

  private tryBuild(checked: FormValidation): BuiltRequest | undefined {
    try {
      return this.controller.buildRequest(submissionOf(this.values, checked));
    } catch (err) {
      this.host.warn(`form ${this.formId}: could not build the request preview: ${messageOf(err)}`);
      return undefined;
    }
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) this.host.post(message);
  }
}

function submissionOf(values: FormValues, checked: FormValidation): Submission {
  return { values, tree: checked.conversion.tree, pathParams: values.path };
}

export function previewOf(built: BuiltRequest, unsendable: readonly FieldError[] = []): RequestPreview {
  const unsent = unsendable.map((e) => e.message);
  return { method: built.method, path: built.path, body: built.pairs.map(([k, v]) => `${k}=${v}`).join('\n'), curl: built.curl, ...(unsent.length > 0 ? { unsent } : {}) };
}

export function currencyInfoOf(definition: FormController['definition']): FormCurrencyInfo {
  return { code: definition.site.currency, basis: definition.currencyBasis ?? "the site's currency" };
}

function paramOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('param' in err)) return undefined;
  const param = (err as { param?: unknown }).param;
  return typeof param === 'string' && param !== '' ? param : undefined;
}

function apiMessageOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('apiMessage' in err)) return undefined;
  const m = (err as { apiMessage?: unknown }).apiMessage;
  return typeof m === 'string' && m.trim() !== '' ? m : undefined;
}

/** What the form's error list shows: redacted, as every user-visible text is. */
function messageOf(err: unknown): string {
  return userMessage(err);
}
