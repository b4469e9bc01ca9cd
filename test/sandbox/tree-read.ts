/**
 * Typed reads from a parsed param tree. The catalog validation has already checked types and
 * bounds when an endpoint is described there; these still refuse bad values themselves, because a
 * handler must never act on a value it cannot read.
 */
import { paramWrongValue } from './errors';
import type { FormTree, FormValue } from './form-parser';

export function isTree(value: FormValue | undefined): value is FormTree {
  return typeof value === 'object' && !Array.isArray(value);
}

export function obj(tree: FormTree, key: string): FormTree | undefined {
  const value = tree[key];
  return isTree(value) ? value : undefined;
}

export function str(tree: FormTree | undefined, key: string): string | undefined {
  const value = tree?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function int(tree: FormTree | undefined, key: string, param: string): number | undefined {
  const value = str(tree, key);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw paramWrongValue(param, 'invalid integer');
  return Number(value);
}

export function num(tree: FormTree | undefined, key: string, param: string): number | undefined {
  const value = str(tree, key);
  if (value === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw paramWrongValue(param, 'invalid number');
  return Number(value);
}

export function bool(tree: FormTree | undefined, key: string, param: string): boolean | undefined {
  const value = str(tree, key);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw paramWrongValue(param, 'must be true or false');
  return value === 'true';
}

/** Rows of an indexed group, `addons[id][i]`. */
export function rows(tree: FormTree, key: string): FormTree[] {
  const value = tree[key];
  return Array.isArray(value) ? value.filter(isTree) : [];
}

/** A plain list, `coupon_ids[i]`. */
export function values(tree: FormTree, key: string): string[] {
  const value = tree[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

export function required<T>(value: T | undefined, param: string): T {
  if (value === undefined) throw paramWrongValue(param, 'cannot be blank');
  return value;
}
