/**
 * What a feature (quotes, exports, unbilled charges) supplies to open a form. The engine does the
 * rest: rendering, conversion, validation on both sides, error placement, previews and state.
 */
import type { ParamTree, PickerKind } from '../chargebee/catalog/types';
import type { WirePair } from '../chargebee/form-encoding';
import type { FormModel } from '../forms/model';
import type { FieldError, FormValues } from '../forms/values';
import type { PickerPage } from '../pickers/page';
import type { FormSiteInfo, ResultTable } from './protocol';

export interface FormDefinition {
  /** From buildFormModel(spec, opts). */
  readonly model: FormModel;
  readonly site: FormSiteInfo;
  /** Panel title; defaults to the model's title. */
  readonly title?: string;
  /** Defaults to "Create" for POST endpoints and "Run" for GET. */
  readonly submitLabel?: string;
  /** Close the panel after a successful submit (otherwise it shows the summary and stays). */
  readonly closeOnSuccess?: boolean;
  /**
   * Why money is typed in `site.currency`, shown with the amounts; defaults to the site's currency.
   * A form that learns the currency later (the customer's) says here what it assumes until then.
   */
  readonly currencyBasis?: string;
  /** Shown next to Submit, e.g. what an edit would reset that the form could not pre-fill. */
  readonly submitNote?: string;
}

/** What a submit carries to the feature: the raw values and the converted, validated tree. */
export interface Submission {
  readonly values: FormValues;
  /** Body (POST) or query (GET) params: money in minor units, dates in seconds, blanks left out. */
  readonly tree: ParamTree;
  /** Path params as typed in the form (values.path), e.g. `{ quote_id: 'Q-1' }`. */
  readonly pathParams: Readonly<Record<string, string>>;
}

export type { PickerPage };

export interface SubmitOutcome {
  /** One line for the webview, e.g. "Quote Q-12 created". */
  readonly summary: string;
  readonly table?: ResultTable;
}

/** The request as it will be sent, for the live preview and "Copy as curl". */
export interface BuiltRequest {
  readonly method: 'GET' | 'POST';
  /** Path with path params filled in, e.g. `/quotes/Q-1/edit_one_time_quote`. */
  readonly path: string;
  readonly pairs: readonly WirePair[];
  /** From toCurl(): the API key redacted, site headers included. */
  readonly curl: string;
}

export interface PresetStore {
  list(): readonly string[];
  save(name: string, values: FormValues): Promise<void>;
  load(name: string): Promise<FormValues | undefined>;
}

export interface FormController {
  readonly definition: FormDefinition;
  /** Pre-filled values, e.g. fromParamTree(model, quoteParams, { currency }) for edit forms. */
  readonly initialValues?: FormValues;
  onPickerQuery(kind: PickerKind, text: string, offset: string | undefined, signal: AbortSignal): Promise<PickerPage>;
  /**
   * Sends the request. Throw on failure: an error with a string `param` (ChargebeeError) has its
   * message shown on that field; any other error's message is shown at the top of the form.
   */
  onSubmit(submission: Submission, signal: AbortSignal): Promise<SubmitOutcome>;
  buildRequest(submission: Submission): BuiltRequest;
  /** Checks across fields that the catalog cannot express (date_from <= date_to, month ranges). */
  validate?(submission: Submission): readonly FieldError[];
  /** Registers the session's listener for changes of `definition` it learns later (the customer's currency). */
  watch?(onChange: () => void): void;
  /** Named presets (exports); the form shows save/load only when present. */
  readonly presets?: PresetStore;
}
