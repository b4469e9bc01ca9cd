/**
 * Named export presets, per site, in `globalState`. A preset keeps the param tree it would send (the
 * same shape a job keeps), not the form's raw values: re-running it needs no form, and the form
 * pre-fills from the tree with fromParamTree, so a change in how forms hold values never breaks a preset.
 */
import type { ParamTree } from '../../chargebee/catalog/types';
import type { KeyValueStore } from '../jobs/store';

export const PRESETS_KEY = 'chargebee.exports.presets.v1';
export const MAX_PRESET_NAME = 60;
/** Far above any real use; keeps a runaway loop from filling globalState. */
export const MAX_PRESETS_PER_SITE = 200;

export interface ExportPreset {
  /** Unique per site, compared case-insensitively (so "Monthly" and "monthly" are one preset). */
  readonly name: string;
  /** Catalog endpoint id, e.g. `exports.customers` (as ExportJob.kind). */
  readonly kind: string;
  readonly params: ParamTree;
  /** Epoch ms of the last save. */
  readonly savedAt: number;
}

type Persisted = Record<string, ExportPreset[]>;

/** Why a name is refused, or undefined when it is fine. Used by the store and by input boxes alike. */
export function presetNameProblem(raw: string): string | undefined {
  const name = raw.trim();
  if (name === '') return 'Give the preset a name.';
  if (name.length > MAX_PRESET_NAME) return `A preset name has at most ${MAX_PRESET_NAME} characters.`;
  // Control characters would show as nothing in the QuickPick and make two names look alike.
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A preset name cannot contain control characters.';
  return undefined;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export class ExportPresetStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** A site's presets, by name; only those of `kind` when given. */
  list(siteId: string, kind?: string): ExportPreset[] {
    return this.all()[siteId]?.filter((p) => kind === undefined || p.kind === kind).sort((a, b) => a.name.localeCompare(b.name)) ?? [];
  }

  get(siteId: string, name: string): ExportPreset | undefined {
    return this.all()[siteId]?.find((p) => sameName(p.name, name));
  }

  /**
   * Saves or replaces (same name, any kind) a preset. Throws on a bad name or a full site; whether to
   * replace is the caller's question to ask (see `get`), the store just does it.
   */
  async save(siteId: string, input: { name: string; kind: string; params: ParamTree }): Promise<ExportPreset> {
    const problem = presetNameProblem(input.name);
    if (problem) throw new Error(problem);
    const all = this.all();
    const others = (all[siteId] ?? []).filter((p) => !sameName(p.name, input.name));
    if (others.length >= MAX_PRESETS_PER_SITE) throw new Error(`A site keeps at most ${MAX_PRESETS_PER_SITE} presets; delete some first.`);
    const preset: ExportPreset = { name: input.name.trim(), kind: input.kind, params: input.params, savedAt: this.now() };
    await this.kv.update(PRESETS_KEY, { ...all, [siteId]: [...others, preset] });
    return preset;
  }

  /** Resolves false when there was no such preset. */
  async remove(siteId: string, name: string): Promise<boolean> {
    const all = this.all();
    const list = all[siteId] ?? [];
    const kept = list.filter((p) => !sameName(p.name, name));
    if (kept.length === list.length) return false;
    const next: Persisted = { ...all, [siteId]: kept };
    if (kept.length === 0) delete next[siteId];
    await this.kv.update(PRESETS_KEY, next);
    return true;
  }

  /** Reads afresh each time: another window may have saved meanwhile, and globalState is shared. */
  private all(): Persisted {
    const saved = this.kv.get<unknown>(PRESETS_KEY);
    if (typeof saved !== 'object' || saved === null) return {};
    const out: Persisted = {};
    for (const [site, list] of Object.entries(saved as Record<string, unknown>)) {
      if (Array.isArray(list)) out[site] = list.filter(isPreset);
    }
    return out;
  }
}

/** Drops hand-edited or foreign entries instead of failing on them. */
function isPreset(value: unknown): value is ExportPreset {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<ExportPreset>;
  return typeof p.name === 'string' && typeof p.kind === 'string' && typeof p.savedAt === 'number' && typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params);
}
