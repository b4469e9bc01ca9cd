/**
 * One measured figure: a value, the reference measured in the same run, their ratio, and a goal. The
 * machine is shared, so goals on speed are judged on the ratio where one exists, not on the raw value.
 */
import { cpus, totalmem } from 'node:os';

export interface Goal {
  /** What the goal is checked against. */
  readonly on: 'value' | 'ratio';
  readonly op: '<=' | '>=';
  readonly target: number;
  /** As printed, e.g. "<= 15 ms". */
  readonly text: string;
}

export interface Figure {
  /** e.g. "2a". */
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly value: number | null;
  readonly reference: { readonly label: string; readonly value: number | null };
  /** value / reference, when both exist and the reference is not 0. */
  readonly ratio: number | null;
  readonly goal: Goal | null;
  /** null when not measured or there is no goal. */
  readonly met: boolean | null;
  /** Why there is no value; a figure never carries a made-up number. */
  readonly notMeasured?: string;
  readonly notes?: string;
}

export interface FigureInput {
  id: string;
  name: string;
  unit: string;
  value: number;
  reference: { label: string; value: number | null };
  goal?: Goal;
  notes?: string;
}

export function figure(input: FigureInput): Figure {
  const ref = input.reference.value;
  const ratio = ref !== null && ref !== 0 && Number.isFinite(input.value) ? input.value / ref : null;
  const goal = input.goal ?? null;
  const checked = goal === null ? null : goal.on === 'value' ? input.value : ratio;
  const met = goal === null || checked === null ? null : goal.op === '<=' ? checked <= goal.target : checked >= goal.target;
  return { id: input.id, name: input.name, unit: input.unit, value: input.value, reference: input.reference, ratio, goal, met, ...(input.notes ? { notes: input.notes } : {}) };
}

export function notMeasured(id: string, name: string, unit: string, why: string, goal?: Goal, reference?: { label: string; value: number }): Figure {
  return { id, name, unit, value: null, reference: reference ?? { label: '-', value: null }, ratio: null, goal: goal ?? null, met: null, notMeasured: why };
}

export const goal = (on: Goal['on'], op: Goal['op'], target: number, text: string): Goal => ({ on, op, target, text });

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

function num(n: number | null, unit = ''): string {
  if (n === null) return '-';
  const abs = Math.abs(n);
  const text = abs >= 1000 || Number.isInteger(n) ? String(Math.round(n)) : abs >= 10 ? n.toFixed(1) : abs >= 0.01 ? n.toFixed(2) : n.toPrecision(2);
  return unit ? `${text} ${unit}` : text;
}

/** A plain-text table for the terminal; not-measured rows carry their reason on a line of their own. */
export function table(figures: readonly Figure[]): string {
  const head = ['#', 'figure', 'value', 'reference', 'ratio', 'goal', 'met?'];
  const rows = figures.map((f) => [
    f.id,
    f.name,
    f.notMeasured ? 'not measured' : num(f.value, f.unit),
    f.reference.value === null ? f.reference.label : `${num(f.reference.value, f.unit)} (${f.reference.label})`,
    f.ratio === null ? '-' : num(f.ratio),
    f.goal?.text ?? '-',
    f.met === null ? '-' : f.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  figures.forEach((f, i) => {
    out.push(line(rows[i] ?? []));
    if (f.notMeasured) out.push(`    ${f.notMeasured}`);
    else if (f.notes) out.push(`    ${f.notes}`);
  });
  return out.join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export const MB = 1024 ** 2;
