/**
 * The FormController of the "New Export" form, without `vscode`: the engine renders, validates and
 * previews; this adds the report-period check and turns a submit into a queued job. A trigger only
 * reads billing data, so unlike quote writes it passes no live-site confirmation.
 */
import type { ExportEndpointSpec } from '../../chargebee/catalog/exports';
import type { ParamTree } from '../../chargebee/catalog/types';
import type { FormModel } from '../../forms/model';
import type { FieldError, FormValues } from '../../forms/values';
import { buildRequestFor } from '../../webview/build-request';
import type { BuiltRequest, FormController, PresetStore, Submission, SubmitOutcome } from '../../webview/form-controller';
import type { ExportJob } from '../jobs/job';
import { exportFormModel } from './model';
import { hasReportPeriod, reportPeriodErrors } from './report-period';
import type { ExportFormSite } from './site';

/** ExportQueue.enqueue, or anything with its shape. */
export type EnqueueExport = (input: { siteId: string; kind: string; params: ParamTree }) => Promise<ExportJob>;

export interface ExportFormOptions {
  readonly spec: ExportEndpointSpec;
  readonly site: ExportFormSite;
  readonly enqueue: EnqueueExport;
  /** Built from the spec and site unless given. */
  readonly model?: FormModel;
  readonly initialValues?: FormValues;
  readonly presets?: PresetStore;
  /** After a job is queued (the host shows "Export queued" with a way to the jobs view). */
  readonly onQueued?: (job: ExportJob) => void;
}

export interface ExportFormController extends FormController {
  /** The job the last successful submit queued. */
  readonly lastJob: ExportJob | undefined;
}

export function createExportFormController(opts: ExportFormOptions): ExportFormController {
  const { spec, site } = opts;
  const model = opts.model ?? exportFormModel(spec, { ...(site.catalogVersion !== undefined ? { catalogVersion: site.catalogVersion } : {}), multiDecimal: site.info.multiDecimal });
  const period = hasReportPeriod(spec.params.map((p) => p.name));
  let lastJob: ExportJob | undefined;
  return {
    definition: { model, site: site.info, title: `New Export: ${spec.title}`, submitLabel: 'Start Export', closeOnSuccess: true },
    ...(opts.initialValues ? { initialValues: opts.initialValues } : {}),
    ...(opts.presets ? { presets: opts.presets } : {}),
    get lastJob() {
      return lastJob;
    },
    // Export params and filters have no entity pickers (filters are typed values).
    onPickerQuery: () => Promise.resolve({ items: [] }),
    async onSubmit(submission: Submission): Promise<SubmitOutcome> {
      const job = await opts.enqueue({ siteId: site.id, kind: spec.id, params: submission.tree });
      lastJob = job;
      opts.onQueued?.(job);
      return { summary: `${spec.title} export queued` };
    },
    buildRequest(submission: Submission): BuiltRequest {
      return buildRequestFor(spec, submission, { baseUrl: site.baseUrl, ...(site.headers ? { headers: site.headers } : {}) });
    },
    validate(submission: Submission): readonly FieldError[] {
      return period ? reportPeriodErrors(submission.tree) : [];
    },
  };
}
