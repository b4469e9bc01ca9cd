/**
 * The whole catalog and the two ways in: by stable id (the client) and by method + concrete path
 * (the sandbox routing a request it received).
 */
import { exportEndpoints, exportRetrieveEndpoint } from './exports';
import { quoteEndpoints } from './quotes';
import { referenceEndpoints } from './reference';
import { subscriptionEndpoints } from './subscriptions';
import type { EndpointSpec } from './types';

export { exportEndpoints, exportGroups, exportRetrieveEndpoint } from './exports';
export type { ExportEndpointSpec, ExportGroup } from './exports';
export { quoteEndpoints } from './quotes';
export { referenceEndpoints } from './reference';
export { subscriptionEndpoints } from './subscriptions';

const endpoints = [...quoteEndpoints, ...exportEndpoints, exportRetrieveEndpoint, ...subscriptionEndpoints, ...referenceEndpoints];

/** Every endpoint id the catalog defines, e.g. `'quotes.list' | 'exports.customers' | ...`: a wrong id fails to compile. */
export type EndpointId = (typeof endpoints)[number]['id'];
/** The id of an export trigger, e.g. `exports.customers`. */
export type ExportEndpointId = (typeof exportEndpoints)[number]['id'];

export const allEndpoints: readonly EndpointSpec[] = endpoints;

const byId = new Map<string, EndpointSpec>(allEndpoints.map((e) => [e.id, e]));

/** The endpoint with this id. Throws for an unknown id: the type only admits catalog ids, so that is a bug. */
export function getEndpoint<Id extends EndpointId>(id: Id): EndpointSpec<Id> {
  const spec = byId.get(id);
  if (!spec) throw new Error(`Unknown Chargebee endpoint id: ${id}`);
  return spec as EndpointSpec<Id>;
}

/** For ids read at run time (persisted export jobs, presets): undefined when the catalog has no such endpoint. */
export function findEndpointById(id: string): EndpointSpec | undefined {
  return byId.get(id);
}

/** Narrows a run-time string to an EndpointId. */
export function isEndpointId(id: string): id is EndpointId {
  return byId.has(id);
}

export interface EndpointMatch {
  readonly spec: EndpointSpec;
  /** Decoded path params by placeholder name, e.g. `{ quote_id: '12' }`. */
  readonly pathParams: Readonly<Record<string, string>>;
}

interface CompiledPath {
  readonly spec: EndpointSpec;
  /** A literal segment, or a placeholder name wrapped as `{ name }`. */
  readonly segments: readonly (string | { readonly name: string })[];
}

const compiled: readonly CompiledPath[] = allEndpoints.map((spec) => ({
  spec,
  segments: spec.path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\{\w+\}$/.test(s) ? { name: s.slice(1, -1) } : s)),
}));

/**
 * The spec serving `method path`, where path is concrete (`/quotes/12/convert`), may carry the
 * `/api/v2` prefix and a query string. When several specs match, the one whose first differing
 * segment is literal wins, so `/quotes/update_subscription_quote` never lands on `/quotes/{quote_id}`.
 */
export function findEndpoint(method: string, path: string): EndpointMatch | undefined {
  const bare = path.split('?')[0]?.replace(/^\/api\/v2(?=\/)/, '') ?? '';
  const parts = bare.split('/').filter((s) => s !== '');
  let best: CompiledPath | undefined;
  for (const c of compiled) {
    if (c.spec.method !== method.toUpperCase() || c.segments.length !== parts.length) continue;
    const fits = c.segments.every((seg, i) => typeof seg !== 'string' || seg === parts[i]);
    if (fits && (!best || moreLiteral(c, best))) best = c;
  }
  if (!best) return undefined;
  const pathParams: Record<string, string> = {};
  best.segments.forEach((seg, i) => {
    if (typeof seg !== 'string') pathParams[seg.name] = safeDecode(parts[i] ?? '');
  });
  return { spec: best.spec, pathParams };
}

function moreLiteral(a: CompiledPath, b: CompiledPath): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const aLit = typeof a.segments[i] === 'string';
    const bLit = typeof b.segments[i] === 'string';
    if (aLit !== bLit) return aLit;
  }
  return false;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
