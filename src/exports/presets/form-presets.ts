/**
 * The form engine's PresetStore for one export form: names of this site's presets of this kind, save
 * after validating the form (a preset must be runnable as it is), load through fromParamTree. The
 * questions (overwrite?) and messages go through `prompts`, so this stays free of `vscode`.
 */
import type { ExportEndpointSpec } from '../../chargebee/catalog/exports';
import { fromParamTree } from '../../forms/convert';
import type { FormModel } from '../../forms/model';
import { mergeErrors, validateForm } from '../../forms/validate-form';
import type { FormValues } from '../../forms/values';
import type { PresetStore } from '../../webview/form-controller';
import { reportPeriodErrors } from '../form/report-period';
import type { ExportPreset, ExportPresetStore } from './store';
import { presetNameProblem } from './store';

export interface PresetPrompts {
  /** Resolves true to replace `existing`. */
  confirmOverwrite(existing: ExportPreset): Promise<boolean>;
  /** A refusal the user must see (bad name, invalid form). */
  showError(message: string): void;
  saved?(preset: ExportPreset): void;
}

export interface FormPresetOptions {
  readonly store: ExportPresetStore;
  readonly siteId: string;
  readonly spec: ExportEndpointSpec;
  readonly model: FormModel;
  readonly currency: string;
  readonly prompts: PresetPrompts;
}

export function formPresets(opts: FormPresetOptions): PresetStore {
  const { store, siteId, spec, model, prompts } = opts;
  const ctx = { currency: opts.currency };
  return {
    list: () => store.list(siteId, spec.id).map((p) => p.name),
    async save(name: string, values: FormValues): Promise<void> {
      const problem = presetNameProblem(name);
      if (problem) {
        prompts.showError(problem);
        return;
      }
      const checked = validateForm(model, values, ctx);
      const errors = mergeErrors(checked.errors, reportPeriodErrors(checked.conversion.tree));
      if (errors.length > 0) {
        prompts.showError(`Preset "${name.trim()}" not saved: ${errors.length === 1 ? 'a field needs' : `${errors.length} fields need`} attention (${errors[0]?.message ?? ''}).`);
        return;
      }
      const existing = store.get(siteId, name);
      if (existing && !(await prompts.confirmOverwrite(existing))) return;
      // Not `saved?.(await ...)`: an optional call skips evaluating its arguments when absent.
      const preset = await store.save(siteId, { name, kind: spec.id, params: checked.conversion.tree });
      prompts.saved?.(preset);
    },
    load(name: string): Promise<FormValues | undefined> {
      const preset = store.get(siteId, name);
      // A preset of another kind under this name cannot fill this form.
      return Promise.resolve(preset && preset.kind === spec.id ? fromParamTree(model, preset.params, ctx) : undefined);
    },
  };
}
