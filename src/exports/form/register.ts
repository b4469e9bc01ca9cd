/**
 * registerExportForm: "New Export..." (kind picker, then the form), and the presets (save from the
 * form; run, edit or delete from the palette). Every path that starts an export ends in `enqueue`,
 * the same call "Run Again" of a job makes, so a preset run and a re-run queue alike.
 */
import * as vscode from 'vscode';
import type { ExportEndpointSpec } from '../../chargebee/catalog/exports';
import type { ParamTree } from '../../chargebee/catalog/types';
import type { RegisterCommand } from '../../commands/register';
import type { UserInput } from '../../commands/user-input';
import { validateParams } from '../../chargebee/validate';
import { fromParamTree } from '../../forms/convert';
import type { FormValues } from '../../forms/values';
import { isRecord } from '../../util/guards';
import type { FormModel } from '../../forms/model';
import { FormPanel } from '../../webview/form-panel';
import { siteOfRestored, type FormRestoreRegistry, type RestoredForm } from '../../webview/form-restore';
import type { FormRestoreRef } from '../../webview/protocol';
import type { ExportJob } from '../jobs/job';
import type { KeyValueStore } from '../jobs/store';
import { formPresets } from '../presets/form-presets';
import type { ExportPreset } from '../presets/store';
import { ExportPresetStore } from '../presets/store';
import { EXPORT_FORM_COMMANDS } from '../../commands/ids';
import type { EnqueueExport, ExportFormController } from './controller';
import { createExportFormController } from './controller';
import { exportFormModel, exportSpec } from './model';
import { confirm, pickExportKind, pickPreset } from './prompts';
import { reportPeriodErrors } from './report-period';
import type { ExportFormSite } from './site';
import { DisposableStore } from '../../util/disposables';

export interface ExportFormDeps {
  readonly extensionUri: vscode.Uri;
  /** `context.globalState`: presets are kept per site under one key. */
  readonly state: KeyValueStore;
  readonly log: vscode.LogOutputChannel;
  /** The active site, or undefined when none is set up (the command says so). */
  activeSite(): Promise<ExportFormSite | undefined>;
  /** ExportQueue.enqueue. */
  readonly enqueue: EnqueueExport;
  /** The Export Jobs view id, focused from the "Export queued" message. */
  readonly jobsView?: string;
  /** The central command wrapper (src/commands/register.ts). */
  readonly registerCommand: RegisterCommand;
  /** Every plain pick and confirmation goes through it. */
  readonly ui: UserInput;
  /** Where the form registers how it comes back after a reload. */
  readonly restorers?: FormRestoreRegistry;
}

/** Restore kind of the export form (src/webview/form-restore.ts). */
const RESTORE_KIND = 'exports.new';

/** What `chargebee.exports.new` resolves with: the open form (tests drive its session). */
export interface OpenExportForm {
  readonly panel: FormPanel;
  readonly controller: ExportFormController;
  readonly site: ExportFormSite;
}

export interface ExportForms extends vscode.Disposable {
  readonly presets: ExportPresetStore;
}

export function registerExportForm(deps: ExportFormDeps): ExportForms {
  const forms = new ExportFormCommands(deps);
  const register = deps.registerCommand;
  const c = EXPORT_FORM_COMMANDS;
  const disposables = DisposableStore.of(
    register(c.newExport, () => forms.newExport()),
    register(c.runPreset, () => forms.runPreset()),
    register(c.deletePreset, (arg) => forms.deletePreset(arg)),
    register(c.editAndRunAgain, (arg) => forms.editAndRunAgain(arg)),
  );
  if (deps.restorers) disposables.add(deps.restorers.register(RESTORE_KIND, async (args) => forms.restore(args)));
  return {
    presets: forms.presets,
    dispose: () => disposables.dispose(),
  };
}

class ExportFormCommands {
  readonly presets: ExportPresetStore;

  constructor(private readonly deps: ExportFormDeps) {
    this.presets = new ExportPresetStore(deps.state);
  }

  /** The kind is always picked: no argument skips the picker or its other-catalog confirmation. */
  async newExport(): Promise<OpenExportForm | undefined> {
    const site = await this.site();
    if (!site) return undefined;
    const spec = await pickExportKind(this.deps.ui, site.info.name, site.catalogVersion);
    return spec && this.open(site, spec, undefined);
  }

  /** A job's form, pre-filled, for "change the filters and run again". */
  async editAndRunAgain(arg: unknown): Promise<OpenExportForm | undefined> {
    if (!isJobLike(arg)) throw new Error('Choose a job in the Export Jobs view to run again with changes.');
    const site = await this.site();
    if (!site) return undefined;
    // Jobs of another site would be re-run against the active one: refuse rather than guess.
    if (site.id !== arg.siteId) throw new Error(`That job ran on ${arg.siteId}; switch to that site to run it again with changes.`);
    const spec = exportSpec(arg.kind);
    if (!spec) throw new Error(`There is no export of kind ${arg.kind}.`);
    return this.open(site, spec, arg.params);
  }

  async runPreset(): Promise<ExportJob | OpenExportForm | undefined> {
    const site = await this.site();
    if (!site) return undefined;
    // Always picked: a preset name as argument would start an export nobody chose.
    const choice = await pickPreset(this.deps.ui, this.presets.list(site.id), `Run Export Preset on ${site.info.name}`, 'run');
    if (!choice) return undefined;
    const spec = exportSpec(choice.preset.kind);
    if (!spec) throw new Error(`Preset "${choice.preset.name}" is for an export kind this version does not know (${choice.preset.kind}).`);
    if (choice.action === 'delete') {
      await this.removePreset(site, choice.preset);
      return undefined;
    }
    if (choice.action === 'edit') return this.open(site, spec, choice.preset.params);
    // A preset saved before a catalog change may no longer be valid: show it in the form to fix.
    const problems = [...validateParams(spec, choice.preset.params), ...reportPeriodErrors(choice.preset.params)];
    if (problems.length > 0) {
      void vscode.window.showWarningMessage(`Preset "${choice.preset.name}" needs changes before it can run: ${problems[0]?.message ?? ''}`);
      return this.open(site, spec, choice.preset.params);
    }
    const job = await this.deps.enqueue({ siteId: site.id, kind: spec.id, params: choice.preset.params });
    this.queued(spec, job);
    return job;
  }

  async deletePreset(arg: unknown): Promise<boolean> {
    const site = await this.site();
    if (!site) return false;
    const named = typeof arg === 'string' ? arg : undefined;
    const preset = named !== undefined ? this.presets.get(site.id, named) : (await pickPreset(this.deps.ui, this.presets.list(site.id), `Delete Export Preset on ${site.info.name}`, 'delete'))?.preset;
    if (!preset) return false;
    return this.removePreset(site, preset);
  }

  private async removePreset(site: ExportFormSite, preset: ExportPreset): Promise<boolean> {
    if (!(await confirm(this.deps.ui, `Delete the export preset "${preset.name}" of ${site.info.name}?`, 'Delete'))) return false;
    return this.presets.remove(site.id, preset.name);
  }

  /** The form again after a reload, when its site is still the active one. */
  async restore(args: FormRestoreRef['args']): Promise<RestoredForm> {
    const site = await siteOfRestored(() => this.deps.activeSite(), args['siteId']);
    if ('problem' in site) return site;
    const spec = typeof args['kind'] === 'string' ? exportSpec(args['kind']) : undefined;
    if (!spec) return { problem: 'It was for an export kind this version does not know.' };
    const model = this.modelFor(site, spec);
    const controller = this.controllerFor(site, spec, model, undefined);
    return { controller, key: formKey(site, spec), adopted: (panel) => openControllers.set(panel, controller) };
  }

  private modelFor(site: ExportFormSite, spec: ExportEndpointSpec): FormModel {
    return exportFormModel(spec, { ...(site.catalogVersion !== undefined ? { catalogVersion: site.catalogVersion } : {}), multiDecimal: site.info.multiDecimal });
  }

  private open(site: ExportFormSite, spec: ExportEndpointSpec, params: ParamTree | undefined): OpenExportForm {
    const model = this.modelFor(site, spec);
    const initialValues: FormValues | undefined = params ? fromParamTree(model, params, { currency: site.info.currency }) : undefined;
    const key = formKey(site, spec);
    const existing = FormPanel.find(key);
    const live = existing && openControllers.get(existing);
    if (existing && live) {
      // One form per site and kind: opening it again shows it, with the new values when there are some.
      existing.reveal();
      if (initialValues) existing.setValues(initialValues);
      return { panel: existing, controller: live, site };
    }
    const controller = this.controllerFor(site, spec, model, initialValues);
    const restore = { kind: RESTORE_KIND, args: { siteId: site.id, kind: spec.id } };
    const panel = FormPanel.show({ extensionUri: this.deps.extensionUri, controller, key, restore, log: this.deps.log });
    openControllers.set(panel, controller);
    return { panel, controller, site };
  }

  private controllerFor(site: ExportFormSite, spec: ExportEndpointSpec, model: FormModel, initialValues: FormValues | undefined): ExportFormController {
    return createExportFormController({
      spec,
      site,
      model,
      enqueue: this.deps.enqueue,
      ...(initialValues ? { initialValues } : {}),
      presets: formPresets({
        store: this.presets,
        siteId: site.id,
        spec,
        model,
        currency: site.info.currency,
        prompts: {
          confirmOverwrite: (p) => confirm(this.deps.ui, `A preset named "${p.name}" already exists on ${site.info.name}. Replace it?`, 'Replace'),
          showError: (message) => void vscode.window.showErrorMessage(message),
          saved: (p) => vscode.window.setStatusBarMessage(`Saved the export preset "${p.name}"`, 3000),
        },
      }),
      onQueued: (job) => this.queued(spec, job),
    });
  }

  private queued(spec: ExportEndpointSpec, job: ExportJob): void {
    const show = 'Show Export Jobs';
    const view = this.deps.jobsView;
    void vscode.window.showInformationMessage(`${spec.title} export queued.`, ...(view ? [show] : [])).then((pick) => {
      if (pick === show && view) void vscode.commands.executeCommand(`${view}.focus`);
    });
    this.deps.log.info(`New export ${spec.id} queued as job ${job.id}.`);
  }

  private async site(): Promise<ExportFormSite | undefined> {
    const site = await this.deps.activeSite();
    if (!site) void vscode.window.showInformationMessage('Add a Chargebee site first, then start an export.');
    return site;
  }
}

function formKey(site: ExportFormSite, spec: ExportEndpointSpec): string {
  return `exports.new:${site.id}:${spec.id}`;
}

/** The controller behind each open panel, so a second open of the same form returns the live one. */
const openControllers = new WeakMap<FormPanel, ExportFormController>();

function isJobLike(arg: unknown): arg is Pick<ExportJob, 'siteId' | 'kind' | 'params'> {
  return isRecord(arg) && typeof arg['siteId'] === 'string' && typeof arg['kind'] === 'string' && isRecord(arg['params']);
}
