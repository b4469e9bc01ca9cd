/** Shared by the sandbox's own tests: raw HTTP calls with Basic auth against a running sandbox. */
import type { RunningSandbox } from './index';

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  /** Override the API key; `null` sends no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
}

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

/** GET sends `params` as the query string, POST as a form body; both are passed pre-encoded. */
export async function call(sb: RunningSandbox, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, params = '', opts: CallOptions = {}): Promise<RawReply> {
  const key = opts.key === undefined ? sb.apiKey : opts.key;
  const headers: Record<string, string> = { ...(key !== null ? { authorization: basic(key) } : {}), ...opts.headers };
  const isGet = method === 'GET';
  if (!isGet) headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  const url = `${sb.url}${path}${isGet && params !== '' ? `?${params}` : ''}`;
  const res = await fetch(url, { method, headers, ...(isGet ? {} : { body: params }) });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Encodes `[name, value]` pairs exactly as given (brackets included), for hand-built wire input. */
export function form(pairs: readonly (readonly [string, string | number])[]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}

/** Narrowing helpers for JSON bodies in assertions. */
export function objectAt(value: unknown, key: string): Record<string, unknown> {
  const inner = (value as Record<string, unknown> | undefined)?.[key];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new Error(`expected an object at ${key}, got ${JSON.stringify(inner)}`);
  return inner as Record<string, unknown>;
}

export function listAt(value: unknown, key: string): Record<string, unknown>[] {
  const inner = (value as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(inner)) throw new Error(`expected a list at ${key}, got ${JSON.stringify(inner)}`);
  return inner as Record<string, unknown>[];
}
