/**
 * The one encoder from param trees to Chargebee's bracket wire format (docs/architecture.md#param-trees, docs/chargebee-api-notes.md#form-encoding).
 * It follows the official Node SDK's `encodeParams`: object groups as `a[b]`, rows of objects as
 * `a[b][i]` (row-major), plain lists as `a[i]`, filters as `field[op]`, and the list operators
 * `in` / `not_in` / `between` as one JSON list. Pair order is the tree's key order, so the same tree
 * always gives the same bytes (idempotency keys compare payloads).
 */
import type { ParamScalar, ParamTree, ParamValue } from './catalog/types';
import { isSensitiveHeader } from './redact';
import { isRecord } from '../util/guards';

export type WirePair = [name: string, value: string];

/** Filter operators whose whole list travels as one field: `status[in]=["open","accepted"]`. */
export const LIST_OPERATORS: readonly string[] = ['in', 'not_in', 'between'];

function isScalar(value: ParamValue): value is ParamScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function scalarText(value: ParamScalar, name: string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`Parameter ${name} is not a finite number.`);
  }
  return String(value);
}

function present(value: ParamValue): boolean {
  return value !== null && value !== undefined;
}

function encodeValue(name: string, key: string, value: ParamValue, out: WirePair[]): void {
  if (!present(value)) return;
  if (isScalar(value)) {
    out.push([name, scalarText(value, name)]);
  } else if (Array.isArray(value)) {
    encodeList(name, key, value as readonly ParamValue[], out);
  } else if (isRecord(value)) {
    for (const [child, childValue] of Object.entries(value)) encodeValue(`${name}[${child}]`, child, childValue, out);
  }
}

function encodeList(name: string, key: string, items: readonly ParamValue[], out: WirePair[]): void {
  const kept = items.filter(present);
  if (kept.length === 0) return;
  if (kept.every(isScalar)) {
    if (LIST_OPERATORS.includes(key)) {
      // JSON keeps numbers unquoted (`[1704067200,1717199999]`), which the timestamp patterns require.
      kept.forEach((v) => scalarText(v, name));
      out.push([name, JSON.stringify(kept)]);
    } else {
      // Compact indices: the API only needs them unique, and holes would not survive a round trip.
      kept.forEach((v, i) => out.push([`${name}[${i}]`, scalarText(v, name)]));
    }
    return;
  }
  if (!kept.every((v) => isRecord(v))) {
    throw new TypeError(`Parameter ${name} mixes plain values and rows, or nests lists; the API has no such shape.`);
  }
  kept.forEach((row, i) => {
    for (const [field, fieldValue] of Object.entries(row)) {
      if (!present(fieldValue)) continue;
      if (Array.isArray(fieldValue)) throw new TypeError(`Parameter ${name}[${field}] nests a list inside a row.`);
      if (isScalar(fieldValue)) out.push([`${name}[${field}][${i}]`, scalarText(fieldValue, name)]);
      else encodeValue(`${name}[${field}][${i}]`, field, fieldValue, out);
    }
  });
}

/** Wire pairs of a param tree, in the tree's order; `null` / `undefined` (and empty lists) are left out. */
export function encodeParams(tree: ParamTree): WirePair[] {
  const out: WirePair[] = [];
  for (const [key, value] of Object.entries(tree)) encodeValue(key, key, value, out);
  return out;
}

/** `application/x-www-form-urlencoded` text of pairs: percent-encoding with spaces as `+`, like the SDK. */
export function pairsToString(pairs: readonly WirePair[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) params.append(name, value);
  return params.toString();
}

export function toFormBody(tree: ParamTree): string {
  return pairsToString(encodeParams(tree));
}

/** The query string of a GET, without the leading `?`; empty when the tree encodes to nothing. */
export function toQueryString(tree: ParamTree): string {
  return pairsToString(encodeParams(tree));
}

export interface CurlRequest {
  readonly method: 'GET' | 'POST';
  /** Endpoint URL without a query string; GET pairs are added with `-G`. */
  readonly url: string;
  readonly pairs: readonly WirePair[];
  readonly headers?: Readonly<Record<string, string>>;
  /** The key is always written as the `{api_key}` placeholder; the flag documents that at call sites. */
  readonly redactKey?: true;
}

/** POSIX shell single-quoting: the only character needing care inside '...' is the quote itself. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A copy-pasteable curl command for a request. The key is never in it: auth is `-u {api_key}:` for the
 * user to fill in, and any Authorization/cookie header passed in is dropped rather than redacted.
 */
export function toCurl(req: CurlRequest): string {
  const lines = [`curl ${shellQuote(req.url)}`];
  if (req.method === 'GET') lines.push('-G');
  else lines.push('-X POST');
  lines.push(`-u ${shellQuote('{api_key}:')}`);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    // An empty value means "not sent" (see ChargebeeClient), so the curl leaves it out too.
    if (isSensitiveHeader(name) || value === '') continue;
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  // --data-urlencode encodes only the value part, so bracketed names stay readable.
  for (const [name, value] of req.pairs) lines.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
  return lines.join(' \\\n  ');
}
