import type { ParamTree } from '../../chargebee/catalog/types';

/** Leaves shown before "+N more". */
const MAX_PARTS = 2;

/**
 * A job's filters in a few words for its tree row, e.g. `auto_collection is on, created_at after 2015-01-01 +1`.
 * Group names (`customer[...]`) are dropped, UTC-second timestamps of `*_at` fields shown as dates.
 */
export function filterSummary(params: ParamTree): string {
  const parts: string[] = [];
  walk(params, [], parts);
  if (parts.length === 0) return 'no filters';
  const shown = parts.slice(0, MAX_PARTS).join(', ');
  return parts.length > MAX_PARTS ? `${shown} +${parts.length - MAX_PARTS}` : shown;
}

function walk(node: unknown, path: string[], out: string[]): void {
  if (node === undefined || node === null) return;
  if (typeof node !== 'object' || Array.isArray(node)) {
    if (path.length === 0) return;
    const op = path[path.length - 1];
    const field = path.length >= 2 ? path[path.length - 2] : op;
    out.push(path.length >= 2 ? `${field} ${op.replace(/_/g, ' ')} ${value(field, node)}` : `${field} ${value(field, node)}`);
    return;
  }
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(child, [...path, key], out);
}

function value(field: string, raw: unknown): string {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' && raw.startsWith('[') ? parseList(raw) : undefined;
  if (list) return list.map((v) => value(field, v)).join('–');
  if (field.endsWith('_at') && (typeof raw === 'number' || (typeof raw === 'string' && /^\d{9,11}$/.test(raw)))) {
    return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
  }
  return String(raw);
}

function parseList(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
