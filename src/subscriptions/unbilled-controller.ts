/**
 * The FormController of "Import Unbilled Charges", without `vscode`: the engine renders and validates
 * the catalog's rules; this adds the cross-row checks, answers the pickers (entity ids from the list
 * APIs, charge ids from the form's own rows), splits the request headers off the form, and sends the
 * import through the site's write guard with one idempotency key per logical submission.
 */
import type { PickerKind } from '../chargebee/catalog/types';
import { SubmissionKey } from '../chargebee/submission-key';
import type { FormModel } from '../forms/model';
import type { FieldError, FormValues } from '../forms/values';
import type { RequestHeaderSettings } from '../request-headers/settings';
import { requestHeaderErrors, splitRequestHeaders } from '../request-headers/form-group';
import { queryPicker } from '../pickers';
import { buildRequestFor } from '../webview/build-request';
import type { BuiltRequest, FormController, PickerPage, Submission, SubmitOutcome } from '../webview/form-controller';
import type { UnbilledSite } from './deps';
import { CHARGE_ROW_PICKER, CHARGES, importSpec, initialUnbilledValues, unbilledFormModel, IMPORT_ENDPOINT_ID } from './unbilled-model';
import { importedCharges, resultSummary, resultTable } from './unbilled-result';
import { unbilledChargeErrors } from './unbilled-rules';

export interface UnbilledFormOptions {
  readonly site: UnbilledSite;
  readonly subscriptionId: string;
  /** The subscription's currency: money fields are typed in it. The site's currency when unknown. */
  readonly currency?: string;
  /** The site's request header settings, read at each build and submit (they may change meanwhile). */
  readonly siteHeaders?: () => RequestHeaderSettings;
  readonly initialValues?: FormValues;
  /** After a successful import (or its replay): how many charges it holds. */
  readonly onImported?: (count: number) => void;
  /** Injectable for tests. */
  readonly newKey?: () => string;
}

export interface UnbilledFormController extends FormController {
  /** Where the charge-id picker reads the rows typed so far (FormPanel's session.currentValues). */
  attachValues(read: () => FormValues): void;
  readonly subscriptionId: string;
}

export function createUnbilledFormController(opts: UnbilledFormOptions): UnbilledFormController {
  const { site, subscriptionId } = opts;
  const siteHeaders = opts.siteHeaders ?? ((): RequestHeaderSettings => ({}));
  const info = opts.currency !== undefined ? { ...site.info, currency: opts.currency } : site.info;
  const base = unbilledFormModel({
    multiDecimal: info.multiDecimal,
    headers: siteHeaders(),
    ...(site.catalogVersion !== undefined ? { catalogVersion: site.catalogVersion } : {}),
  });
  // The subscription is chosen before the form opens and fixed with it: its currency decides how amounts are read.
  const model: FormModel = { ...base, title: `Import unbilled charges into ${subscriptionId}`, pathParams: [] };
  const spec = importSpec();
  const keys = new SubmissionKey(opts.newKey);
  const initialValues = opts.initialValues ?? initialUnbilledValues(subscriptionId);
  let readValues: () => FormValues = () => initialValues;
  const pathParams = { subscription_id: subscriptionId };

  const split = (submission: Submission): { submission: Submission; headers: Record<string, string> } => {
    const { body, headers } = splitRequestHeaders(submission.tree, siteHeaders());
    return { submission: { ...submission, tree: body, pathParams }, headers };
  };

  return {
    definition: {
      model,
      site: info,
      title: `Import Unbilled Charges: ${subscriptionId}`,
      submitLabel: 'Import',
      currencyBasis: opts.currency !== undefined ? "the subscription's currency" : "the site's currency (the subscription's is not known)",
    },
    initialValues,
    subscriptionId,
    attachValues(read) {
      readValues = read;
    },
    async onPickerQuery(kind: PickerKind, text: string, offset: string | undefined, signal: AbortSignal): Promise<PickerPage> {
      if (kind === CHARGE_ROW_PICKER) {
        // The webview sends its values 300 ms after the last keystroke, and the picker asks after 250 ms:
        // wait for that change to land so rows typed just before are offered.
        await settle(VALUES_DEBOUNCE_MS, signal);
        return chargeRowPage(readValues(), text);
      }
      // An unknown catalog is taken from the kind: the entity type already chose plans (1.0) or item prices (2.0).
      const catalogVersion = site.catalogVersion ?? (kind === 'plan' || kind === 'addon' ? 1 : 2);
      return queryPicker(site.client, kind, { text, offset, signal }, { catalogVersion, currency: info.currency });
    },
    async onSubmit(submission: Submission, signal: AbortSignal): Promise<SubmitOutcome> {
      const { submission: sent, headers } = split(submission);
      const rows = Array.isArray(sent.tree[CHARGES]) ? (sent.tree[CHARGES] as readonly unknown[]).length : 0;
      const action = `import ${rows} unbilled ${rows === 1 ? 'charge' : 'charges'} into subscription ${subscriptionId}`;
      if (!(await site.confirmWrite(action))) throw new Error('Nothing was imported: the write was not confirmed.');
      const idempotencyKey = keys.next();
      try {
        const res = await site.client.call<unknown>(IMPORT_ENDPOINT_ID, { pathParams, params: sent.tree, headers, idempotencyKey, signal });
        keys.settle('done');
        const charges = importedCharges(res.body);
        const summary = resultSummary(charges, subscriptionId) + (res.replayed ? ' (Chargebee replayed an earlier identical import.)' : '');
        opts.onImported?.(charges.length);
        return { summary, table: resultTable(charges, info.currency) };
      } catch (error) {
        if (keys.failed(error) === 'key_conflict') {
          throw new Error(`An earlier import into subscription ${subscriptionId} may already have gone through (Chargebee refused to reuse its idempotency key for a changed request). Check its unbilled charges; submit again to send this request as a new import.`);
        }
        throw error;
      }
    },
    buildRequest(submission: Submission): BuiltRequest {
      const { submission: sent, headers } = split(submission);
      return buildRequestFor(spec, sent, { baseUrl: site.baseUrl, headers });
    },
    validate(submission: Submission): readonly FieldError[] {
      return [...unbilledChargeErrors(model, submission.values, info.currency), ...requestHeaderErrors(submission.tree)];
    },
  };
}

/** A little longer than the webview's debounce of `change` messages (src/webview/ui/forms.entry.ts). */
const VALUES_DEBOUNCE_MS = 400;

function settle(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** The ids typed on the charge rows so far, matching what is typed in the charge-id field. */
function chargeRowPage(values: FormValues, text: string): PickerPage {
  const typed = text.trim().toLowerCase();
  const items = (values.rows[CHARGES] ?? []).flatMap((row, i) => {
    const id = typeof row.id === 'string' ? row.id.trim() : '';
    if (id === '' || !id.toLowerCase().startsWith(typed)) return [];
    const parts = [row.entity_type, row.description].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    return [{ id, label: id, description: [`Charge row ${i + 1}`, ...parts].join(' · ') }];
  });
  return { items };
}
