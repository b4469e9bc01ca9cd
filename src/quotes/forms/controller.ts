/**
 * The FormController behind every quote create and edit form. No `vscode` here: the commands give it
 * a site and a callback for the saved quote, and the unit tests drive it against the sandbox.
 *
 * A submit converts the amounts in the currency of the customer or subscription (looked up while the
 * person fills the form), passes the site write guard, and sends the request with the form's held
 * idempotency key (see SubmissionKey). An API error with a `param` is rethrown as is: the engine shows
 * it on that field.
 */
import { getEndpoint, type EndpointId } from '../../chargebee/catalog';
import type { EndpointSpec, PickerKind, ProductCatalog } from '../../chargebee/catalog/types';
import { SubmissionKey } from '../../chargebee/submission-key';
import { currencyOf, toParamTree } from '../../forms/convert';
import { formatMinor } from '../../forms/money';
import { buildFormModel } from '../../forms/model';
import type { FormModel } from '../../forms/model';
import { validateForm } from '../../forms/validate-form';
import { parseDate } from '../../forms/dates';
import type { FieldError, FormValues } from '../../forms/values';
import { queryPicker } from '../../pickers';
import { buildRequestFor } from '../../webview/build-request';
import type { BuiltRequest, FormController, FormDefinition, PickerPage, Submission, SubmitOutcome } from '../../webview/form-controller';
import type { PickerItem, ResultTable } from '../../webview/protocol';
import type { QuoteEnvelope } from '../detail/quote-model';
import { requireQuoteEnvelope } from '../detail/quote-model';
import { currencyRefOf, FormCurrency, lookUpCurrency } from './currency';
import type { QuoteFormSite } from './deps';
import type { FormMode, QuoteKind } from './kinds';
import { endpointIdFor, KIND_LABELS } from './kinds';
import { quoteFormOptions } from './layout';
import { CATALOG_NAMES, isCatalogMismatch } from '../../sites/detect-catalog';
import { CUSTOM_FIELDS_GROUP, customFieldRowProblems, spreadCustomFields, withCustomFieldGroup } from '../../chargebee/catalog/custom-fields';
import { rowFieldPath } from '../../forms/values';

export interface QuoteFormOptions {
  readonly site: QuoteFormSite;
  readonly kind: QuoteKind;
  readonly mode: FormMode;
  /** The site's catalog version (asked for when the site has none); edits pass the quote's own. */
  readonly catalog: ProductCatalog;
  /** Edits: the quote being edited (its id fills the path). */
  readonly quoteId?: string;
  readonly initialValues?: FormValues;
  /** A currency known when the form opens (the quote's, the subscription's). */
  readonly currency?: string;
  /** Shown under the title, e.g. what an edit could not pre-fill. */
  readonly description?: string;
  /** Shown next to Submit, e.g. what the edit would reset. */
  readonly submitNote?: string;
  /** Runs after a quote was created or edited; errors in it are the caller's to report. */
  readonly onSaved?: (envelope: QuoteEnvelope, mode: FormMode) => void;
  /** The site answered `configuration_incompatible`: its catalog is not the one this form was built for. */
  readonly onCatalogMismatch?: () => void;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
  /** New idempotency keys; injectable for tests. */
  readonly newKey?: () => string;
}

export class QuoteFormController implements FormController {
  readonly initialValues?: FormValues;
  readonly kind: QuoteKind;
  readonly mode: FormMode;
  readonly catalog: ProductCatalog;
  readonly spec: EndpointSpec<EndpointId>;
  private readonly model: FormModel;
  private readonly currency: FormCurrency;
  private readonly keys: SubmissionKey;
  private lastValues: FormValues | undefined;

  constructor(private readonly opts: QuoteFormOptions) {
    this.kind = opts.kind;
    this.mode = opts.mode;
    this.catalog = opts.catalog;
    this.spec = getEndpoint(endpointIdFor(opts.kind, this.catalog, opts.mode));
    const model = buildFormModel(withCustomFieldGroup(this.spec), quoteFormOptions(this.catalog, opts.site.info.multiDecimal, opts.mode));
    this.model = opts.description === undefined ? model : { ...model, description: opts.description };
    if (opts.initialValues) this.initialValues = opts.initialValues;
    this.currency = new FormCurrency((ref) => lookUpCurrency(opts.site.client, ref), opts.site.info.currency, opts.currency);
    this.keys = new SubmissionKey(opts.newKey);
  }

  /** Read on every validation by the engine, so a currency found since the last change applies. */
  get definition(): FormDefinition {
    return {
      model: this.model,
      site: { ...this.opts.site.info, currency: this.currency.current() },
      title: this.opts.mode === 'edit' ? `Edit Quote ${this.opts.quoteId ?? ''}`.trim() : `New Quote: ${KIND_LABELS[this.kind]}`,
      submitLabel: this.opts.mode === 'edit' ? 'Save Quote' : 'Create Quote',
      currencyBasis: this.currencyBasis(),
      ...(this.opts.submitNote !== undefined ? { submitNote: this.opts.submitNote } : {}),
    };
  }

  private currencyBasis(): string {
    const record = this.kind === 'change' ? 'subscription' : 'customer';
    switch (this.currency.source()) {
      case 'fixed':
        return this.mode === 'edit' ? "the quote's currency" : `the ${record}'s currency`;
      case 'found':
        return this.kind === 'change' ? "the subscription's currency" : "the customer's preferred currency";
      case 'fallback':
        return this.currency.named
          ? `the site's default currency (the ${record} names none, or is still being looked up)`
          : `assumed (the site's default) until a ${record} is chosen`;
    }
  }

  /** The key the next submit will reuse, if one is held (for tests and the log). */
  watch(onChange: () => void): void {
    this.currency.onChange = onChange;
  }

  get heldIdempotencyKey(): string | undefined {
    return this.keys.held;
  }

  async onPickerQuery(kind: PickerKind, text: string, offset: string | undefined, signal: AbortSignal): Promise<PickerPage> {
    const ownCode = this.lastValues === undefined ? '' : trimmed(this.lastValues.fields['currency_code']);
    // Only a currency the form has learnt narrows item prices; the site default is a guess.
    const certain = ownCode !== '' || this.opts.currency !== undefined || this.currency.current() !== this.opts.site.info.currency;
    const known = this.lastValues ? currencyOf(this.lastValues, { currency: this.currency.current() }) : this.currency.current();
    const page = await queryPicker(this.opts.site.client, kind, { text, offset, signal }, {
      catalogVersion: this.catalog,
      ...(certain ? { currency: known } : {}),
      ...(this.kind === 'onetime' && this.catalog === 2 ? { itemType: 'charge' as const } : {}),
    });
    // Item prices are filtered to the currency; plans and addons (1.0) cannot be: theirs come first, others marked.
    return certain && (kind === 'plan' || kind === 'addon') ? { ...page, items: inCurrencyFirst(page.items, known) } : page;
  }

  buildRequest(submission: Submission): BuiltRequest {
    this.lastValues = submission.values;
    if (this.mode === 'create') this.currency.observe(currencyRefOf(this.kind, submission.values));
    return buildRequestFor(this.spec, this.withPath({ ...submission, tree: spreadCustomFields(submission.tree) }), { baseUrl: this.opts.site.baseUrl, ...(this.opts.site.headers ? { headers: this.opts.site.headers } : {}) });
  }

  validate(submission: Submission): readonly FieldError[] {
    const errors: FieldError[] = customFieldRowProblems(submission.values.rows[CUSTOM_FIELDS_GROUP] ?? []).map((p) => ({
      field: rowFieldPath(CUSTOM_FIELDS_GROUP, 'name', p.row),
      message: p.message,
    }));
    const f = submission.values.fields;
    if (f['change_option'] === 'specific_date' && !trimmed(f['changes_scheduled_at'])) {
      errors.push({ field: 'changes_scheduled_at', message: 'Changes scheduled at is required when changes apply on a specific date', related: ['change_option'] });
    }
    const expires = trimmed(f['expires_at']);
    const parsed = expires ? parseDate(expires) : undefined;
    if (parsed?.ok === true && parsed.seconds * 1000 <= this.nowMs()) {
      errors.push({ field: 'expires_at', message: 'Expires at must be in the future' });
    }
    if (this.kind === 'onetime' && !hasRow(submission.values, ['charges', 'addons', 'item_prices'])) {
      errors.push({ field: '', message: this.catalog === 1 ? 'Add at least one addon or charge' : 'Add at least one charge item or charge', related: ['charges', 'addons', 'item_prices'] });
    }
    return errors;
  }

  async onSubmit(submission: Submission, signal: AbortSignal): Promise<SubmitOutcome> {
    const values = submission.values;
    const currency = this.mode === 'create' ? await this.currency.resolve(currencyRefOf(this.kind, values)) : this.currency.current();
    // The engine converted with the currency it knew then; convert again with the one the record has.
    const conversion = toParamTree(this.model, values, { currency });
    const [problem] = conversion.errors;
    if (problem) throw new Error(problem.message);
    const site = this.opts.site;
    const action = this.mode === 'edit' ? `edit quote ${this.opts.quoteId ?? ''}` : `create a quote (${KIND_LABELS[this.kind].toLowerCase()})`;
    if (!(await site.confirmWrite(action))) throw new Error('Nothing was sent: the write was not confirmed.');
    const key = this.keys.next();
    let body: unknown;
    try {
      const res = await site.client.call<unknown>(this.spec.id, { pathParams: this.withPath(submission).pathParams, params: spreadCustomFields(conversion.tree), idempotencyKey: key, signal });
      body = res.body;
    } catch (err) {
      if (this.keys.failed(err) === 'key_conflict') {
        throw new Error('An earlier submit of this form may already have created the quote (Chargebee refused to reuse its idempotency key for changed values). Check the Quotes view; submit again to send these values as a new request.');
      }
      if (isCatalogMismatch(err)) {
        this.opts.onCatalogMismatch?.();
        throw new Error(`${site.info.name} no longer takes ${CATALOG_NAMES[this.catalog]} quotes: the site's product catalog changed. Detect it again ("Chargebee: Detect Product Catalog"), then reopen this form.`);
      }
      throw err;
    }
    this.keys.settle('done');
    const envelope = requireQuoteEnvelope(body);
    this.opts.onSaved?.(envelope, this.mode);
    return outcomeFor(envelope, this.mode);
  }

  /**
   * The engine's submit path without a webview: validate as the form would, then onSubmit. Used by
   * the extension-host tests through the command's return value.
   */
  async submitValues(values: FormValues, signal: AbortSignal = new AbortController().signal): Promise<SubmitOutcome> {
    const checked = validateForm(this.model, values, { currency: this.definition.site.currency });
    const submission: Submission = { values, tree: checked.conversion.tree, pathParams: values.path };
    this.buildRequest(submission);
    const errors = [...checked.errors, ...this.validate(submission)];
    if (errors.length > 0) throw new FormInvalidError(errors);
    return this.onSubmit(submission, signal);
  }

  private withPath(submission: Submission): Submission {
    if (this.opts.quoteId === undefined) return submission;
    return { ...submission, pathParams: { ...submission.pathParams, quote_id: this.opts.quoteId } };
  }

  private nowMs(): number {
    return this.opts.now?.() ?? Date.now();
  }
}

export class FormInvalidError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field === '' ? 'form' : e.field}: ${e.message}`).join('; '));
  }
}

/** Items priced in `currency` first (their description names it, e.g. "10.00 USD per month"); the others marked. */
export function inCurrencyFirst(items: readonly PickerItem[], currency: string): PickerItem[] {
  const named = new RegExp(`\\b${currency.replace(/[^A-Za-z]/g, '')}\\b`);
  const mine = items.filter((i) => named.test(i.description ?? ''));
  const others = items.filter((i) => !named.test(i.description ?? '')).map((i) => ({ ...i, description: `${i.description ?? ''} · not in ${currency}`.replace(/^ · /, '') }));
  return [...mine, ...others];
}

function trimmed(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function hasRow(values: FormValues, groups: readonly string[]): boolean {
  return groups.some((g) => (values.rows[g] ?? []).some((row) => Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '')));
}

/** "Quote #12 created · 25.00 USD", with the line items as a table. */
export function outcomeFor(envelope: QuoteEnvelope, mode: FormMode): SubmitOutcome {
  const q = envelope.quote;
  const currency = q.currency_code ?? '';
  const money = (v: number | undefined): string => (v === undefined || currency === '' ? '' : `${formatMinor(v, currency)} ${currency}`);
  const total = money(q.total);
  const summary = `Quote #${q.id} ${mode === 'edit' ? 'updated' : 'created'}${total === '' ? '' : ` · ${total}`}`;
  const lines = q.line_items ?? [];
  if (lines.length === 0) return { summary };
  // Lines, then subtotal, discounts, taxes and total, so the total is explained by the rows above it.
  const total4 = (label: string, amount: string): string[] => [label, '', '', amount];
  const discounts = q.discounts ?? [];
  const taxes = q.taxes ?? [];
  const rows: string[][] = [
    ...lines.map((l) => [l.description ?? l.entity_id ?? '', String(l.quantity ?? 1), money(l.unit_amount), money(l.amount)]),
    ...(q.sub_total !== undefined ? [total4('Subtotal', money(q.sub_total))] : []),
    ...discounts.map((d) => total4(`Discount: ${d.description ?? d.entity_id ?? d.entity_type ?? ''}`.trim(), d.amount === undefined ? '' : `-${money(d.amount)}`)),
    ...taxes.map((t) => total4(`Tax: ${t.description ?? t.name ?? ''}`.trim(), money(t.amount))),
    ...(q.price_type === 'tax_inclusive' && taxes.length > 0 ? [total4('(taxes included in the prices)', '')] : []),
    ...(q.total !== undefined ? [total4('Total', money(q.total))] : []),
  ];
  const table: ResultTable = { columns: ['Item', 'Quantity', 'Unit amount', 'Amount'], rows };
  return { summary, table };
}
