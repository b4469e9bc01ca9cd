/**
 * The sandbox's own parser of Chargebee's form encoding. It is written independently of the
 * client's encoder (src/chargebee/form-encoding.ts) so that round-trip tests compare two
 * implementations rather than one with itself.
 *
 *   subscription[plan_id]=basic            -> { subscription: { plan_id: 'basic' } }
 *   addons[id][3]=a&addons[id][1]=b        -> { addons: [{ id: 'b' }, { id: 'a' }] }   (any order, gaps)
 *   coupon_ids[0]=A                        -> { coupon_ids: ['A'] }
 *   status[in]=['open', 'accepted']        -> { status: { in: ['open', 'accepted'] } }
 *
 * Rows are compacted into dense arrays; the original wire indices are kept in `indexMap` so an
 * error can name the parameter exactly as the client sent it.
 */
export type FormValue = string | FormTree | FormValue[];
export interface FormTree {
  [key: string]: FormValue;
}

export interface ParsedForm {
  tree: FormTree;
  /** Container path (`addons`, `coupon_ids`) -> wire indices in the order of the dense array. */
  indexMap: Map<string, string[]>;
}

/** Malformed input; `param` names the offending key when there is one. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

/** Operators whose value is one field holding a bracketed list. */
export const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'not_in', 'between']);

type Node =
  | { kind: 'obj'; children: Map<string, Node> }
  | { kind: 'leaf'; value: string }
  | { kind: 'values'; items: Map<string, string> }
  | { kind: 'rows'; rows: Map<string, Node & { kind: 'obj' }> };

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]+\])*)$/;
/**
 * Deepest name the parser takes: Chargebee's go three deep (`customer[email][is]`,
 * `subscription_items[item_price_id][0]`), so eight leaves room and stops a name nested thousands
 * deep from exhausting the stack (a 400, not a 500).
 */
export const MAX_DEPTH = 8;
const INDEX_PATTERN = /^\d+$/;

function decode(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new FormError(`Malformed percent-encoding in ${what}`);
  }
}

/** `a[b][0]` -> ['a', 'b', '0']. */
export function splitKey(key: string): string[] {
  const match = KEY_PATTERN.exec(key);
  // Errors name at most 60 characters of a key: a 1 MB name is not echoed back.
  const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  if (!match) throw new FormError(`Malformed parameter name ${shown}`, shown);
  const rest = match[2] ?? '';
  const segments = [match[1] ?? ''];
  for (const m of rest.matchAll(/\[([^[\]]+)\]/g)) {
    segments.push(m[1] ?? '');
    if (segments.length > MAX_DEPTH) {
      throw new FormError(`Parameter ${shown} is nested deeper than ${MAX_DEPTH} levels`, segments[0]);
    }
  }
  return segments;
}

function newObj(): Node & { kind: 'obj' } {
  return { kind: 'obj', children: new Map() };
}

/** Walks (creating) object nodes along `path`; any non-object in the way is a conflict. */
function containerAt(root: Node & { kind: 'obj' }, path: readonly string[], key: string): Node & { kind: 'obj' } {
  let node = root;
  for (const seg of path) {
    const child: Node = node.children.get(seg) ?? newObj();
    node.children.set(seg, child);
    if (child.kind !== 'obj') throw new FormError(`Conflicting parameter ${key}`, key);
    node = child;
  }
  return node;
}

function insert(root: Node & { kind: 'obj' }, key: string, value: string): void {
  const segs = splitKey(key);
  const last = segs[segs.length - 1] ?? '';
  if (segs.length >= 2 && INDEX_PATTERN.test(last)) {
    if (segs.length === 2) {
      // coupon_ids[0]=A: a list of plain values
      const parent = containerAt(root, [], key);
      const name = segs[0] ?? '';
      const existing = parent.children.get(name) ?? { kind: 'values', items: new Map<string, string>() };
      if (existing.kind !== 'values') throw new FormError(`Conflicting parameter ${key}`, key);
      existing.items.set(last, value);
      parent.children.set(name, existing);
      return;
    }
    // addons[id][0]=a: field `id` of row 0 of the list `addons`
    const listPath = segs.slice(0, -2);
    const field = segs[segs.length - 2] ?? '';
    const parent = containerAt(root, listPath.slice(0, -1), key);
    const listName = listPath[listPath.length - 1] ?? '';
    const existing = parent.children.get(listName) ?? { kind: 'rows', rows: new Map<string, Node & { kind: 'obj' }>() };
    if (existing.kind !== 'rows') throw new FormError(`Conflicting parameter ${key}`, key);
    parent.children.set(listName, existing);
    const row = existing.rows.get(last) ?? newObj();
    existing.rows.set(last, row);
    const prior = row.children.get(field);
    if (prior && prior.kind !== 'leaf') throw new FormError(`Conflicting parameter ${key}`, key);
    row.children.set(field, { kind: 'leaf', value });
    return;
  }
  const parent = containerAt(root, segs.slice(0, -1), key);
  const prior = parent.children.get(last);
  // A repeated plain key keeps its last value, as most form parsers do.
  if (prior && prior.kind !== 'leaf') throw new FormError(`Conflicting parameter ${key}`, key);
  parent.children.set(last, { kind: 'leaf', value });
}

function byIndex(a: string, b: string): number {
  return Number(a) - Number(b);
}

function finish(node: Node & { kind: 'obj' }, path: string, indexMap: Map<string, string[]>): FormTree {
  const out: FormTree = {};
  for (const [name, child] of node.children) {
    const childPath = path === '' ? name : `${path}[${name}]`;
    switch (child.kind) {
      case 'leaf':
        out[name] = LIST_OPERATORS.has(name) && child.value.trimStart().startsWith('[') ? parseListValue(child.value, childPath) : child.value;
        break;
      case 'obj':
        out[name] = finish(child, childPath, indexMap);
        break;
      case 'values': {
        const keys = [...child.items.keys()].sort(byIndex);
        indexMap.set(childPath, keys);
        out[name] = keys.map((k) => child.items.get(k) ?? '');
        break;
      }
      case 'rows': {
        const keys = [...child.rows.keys()].sort(byIndex);
        indexMap.set(childPath, keys);
        out[name] = keys.map((k) => finish(child.rows.get(k) ?? newObj(), childPath, indexMap));
        break;
      }
    }
  }
  return out;
}

/** Parses an `application/x-www-form-urlencoded` string (a body or a query string). */
export function parseForm(input: string): ParsedForm {
  const root = newObj();
  for (const part of input.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey, 'a parameter name');
    insert(root, key, decode(rawValue, key));
  }
  const indexMap = new Map<string, string[]>();
  return { tree: finish(root, '', indexMap), indexMap };
}

/**
 * A list operator's value in any of the three forms real SDKs send:
 * `[a,b]` (unquoted), `["a","b"]` (Node, JSON) and `['a', 'b']` (Python's str(list)).
 */
export function parseListValue(raw: string, param = 'value'): string[] {
  const text = raw.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) throw new FormError(`${param} must be a bracketed list`, param);
  const inner = text.slice(1, -1);
  const items: string[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < inner.length && /\s/.test(inner.charAt(i))) i++;
  };
  skipSpace();
  if (i === inner.length) return items;
  for (;;) {
    skipSpace();
    const quote = inner.charAt(i);
    if (quote === '"' || quote === "'") {
      let value = '';
      i++;
      while (i < inner.length && inner.charAt(i) !== quote) {
        if (inner.charAt(i) === '\\' && i + 1 < inner.length) i++;
        value += inner.charAt(i);
        i++;
      }
      if (i >= inner.length) throw new FormError(`${param} has an unterminated quote`, param);
      i++;
      items.push(value);
      skipSpace();
    } else {
      const end = inner.indexOf(',', i);
      items.push((end < 0 ? inner.slice(i) : inner.slice(i, end)).trim());
      i = end < 0 ? inner.length : end;
    }
    if (i >= inner.length) break;
    if (inner.charAt(i) !== ',') throw new FormError(`${param} is not a valid list`, param);
    i++;
  }
  return items;
}

/** Rewrites a dense-array param such as `addons[quantity][1]` back to the wire index the client used. */
export function wireParam(param: string, indexMap: ReadonlyMap<string, string[]>): string {
  let segs: string[];
  try {
    segs = splitKey(param);
  } catch {
    return param;
  }
  const last = segs[segs.length - 1] ?? '';
  if (segs.length < 2 || !INDEX_PATTERN.test(last)) return param;
  const containerSegs = segs.length === 2 ? segs.slice(0, 1) : segs.slice(0, -2);
  const container = containerSegs.map((s, i) => (i === 0 ? s : `[${s}]`)).join('');
  const wire = indexMap.get(container)?.[Number(last)];
  if (wire === undefined) return param;
  return param.slice(0, param.length - last.length - 2) + `[${wire}]`;
}
