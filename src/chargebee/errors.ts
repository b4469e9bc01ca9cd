/**
 * One error type for everything a Chargebee call can end in: an API error body, a body that is not
 * JSON (a proxy's HTML 503), a timeout, a network failure, or the caller cancelling. `message` is
 * written for the person using the extension; the API's own text stays in `apiMessage` for the log.
 */
import { labelOf } from './catalog/builders';
import type { FilterOperator } from './catalog/types';
import { redactSecrets } from './redact';

export type ChargebeeErrorKind = 'api' | 'non_json' | 'timeout' | 'network' | 'aborted';

export interface ChargebeeErrorInit {
  readonly kind: ChargebeeErrorKind;
  readonly message: string;
  /** 0 when no response arrived (timeout, network, aborted). */
  readonly httpStatus: number;
  readonly apiErrorCode: string;
  readonly type?: string;
  readonly param?: string;
  readonly apiMessage?: string;
  readonly retryable: boolean;
  /** Parsed `Retry-After`, in ms, when the response carried one. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class ChargebeeError extends Error {
  override readonly name = 'ChargebeeError';
  readonly kind: ChargebeeErrorKind;
  readonly httpStatus: number;
  readonly apiErrorCode: string;
  readonly type?: string;
  readonly param?: string;
  readonly apiMessage?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(init: ChargebeeErrorInit) {
    // Redacted here, once for every place an error is shown: API messages echo what was sent.
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.apiErrorCode = init.apiErrorCode;
    this.type = init.type;
    this.param = init.param;
    this.apiMessage = init.apiMessage === undefined ? undefined : redactSecrets(init.apiMessage);
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** True for a user's cancellation (ours, or an AbortError from fetch), which commands stay silent about. */
export function isCancellation(err: unknown): boolean {
  if (err instanceof ChargebeeError) return err.kind === 'aborted';
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'CancellationError');
}

/** 5xx and 429 may succeed later; everything else will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const FILTER_OPERATORS: readonly FilterOperator[] = [
  'is', 'is_not', 'starts_with', 'in', 'not_in', 'is_present', 'lt', 'lte', 'gt', 'gte', 'between', 'after', 'before', 'on',
];

/** `subscription[plan_id]` -> `Plan id`; `addons[quantity][1]` -> `Quantity`; `status[in]` -> `Status`. */
export function paramLabel(param: string): string {
  const parts = param.split(/[[\]]+/).filter((p) => p !== '' && !/^\d+$/.test(p));
  while (parts.length > 1 && (FILTER_OPERATORS as readonly string[]).includes(parts[parts.length - 1] ?? '')) parts.pop();
  return labelOf(parts[parts.length - 1] ?? param);
}

/** The API message without a leading `param :` echo, which the label and suffix already say. */
function problemText(apiMessage: string, param: string): string {
  const leaf = param.replace(/\[\d+\]$/, '').split('[').pop()?.replace(/\]$/, '') ?? param;
  for (const prefix of [param, leaf]) {
    // Both `plan_id : cannot be blank` and `plan_id cannot be blank` occur.
    const match = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s*:\\s*|\\s+)`).exec(apiMessage);
    if (match) return apiMessage.slice(match[0].length);
  }
  return apiMessage;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

interface ApiErrorBody {
  readonly message?: unknown;
  readonly error_msg?: unknown;
  readonly type?: unknown;
  readonly api_error_code?: unknown;
  readonly error_code?: unknown;
  readonly param?: unknown;
  readonly error_param?: unknown;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface ResponseFacts {
  readonly status: number;
  readonly bodyText: string;
  /** Host of the site, for messages (never the full URL). */
  readonly site: string;
  readonly retryAfterMs?: number;
}

function apiMessageFor(status: number, code: string, apiMessage: string, param: string | undefined, site: string): string {
  if (status === 401) {
    return `The API key was rejected by ${site}. Check the key in the site's settings, and that it is a key of this site (test and live sites have separate keys).`;
  }
  if (status === 403 && code === 'api_authorization_failed') {
    return `The API key of ${site} is not allowed to do this. Use a full-access key, or a key with the needed permission.`;
  }
  if (status === 429) {
    return `Chargebee is limiting the request rate for ${site} (HTTP 429). Wait a minute and try again.`;
  }
  if (param !== undefined) return `${paramLabel(param)}: ${problemText(apiMessage, param)} (${param})`;
  if (status >= 500) return `Chargebee could not complete the request (HTTP ${status}): ${sentence(apiMessage)}`;
  return sentence(apiMessage);
}

function nonJsonError(facts: ResponseFacts): ChargebeeError {
  const { status } = facts;
  // The SDKs' mapping for bodies that are not JSON (docs/chargebee-api-notes.md#errors).
  const code = status === 503 ? 'internal_temporary_error' : status === 504 ? 'gateway_timeout' : 'internal_error';
  const message =
    status === 503
      ? 'Chargebee is temporarily unavailable (HTTP 503). Try again in a moment.'
      : status === 504
        ? 'Chargebee did not answer in time (HTTP 504 gateway timeout).'
        : `Chargebee sent an unexpected response (HTTP ${status}) from ${facts.site}, not the JSON the API sends.`;
  return new ChargebeeError({
    kind: 'non_json',
    message,
    httpStatus: status,
    apiErrorCode: code,
    retryable: isRetryableStatus(status),
    retryAfterMs: facts.retryAfterMs,
  });
}

/** The error for a response that is not a success: a JSON error body, or anything else as `non_json`. */
export function errorFromResponse(facts: ResponseFacts): ChargebeeError {
  let body: ApiErrorBody | undefined;
  try {
    const parsed: unknown = JSON.parse(facts.bodyText);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed;
  } catch {
    body = undefined;
  }
  const code = str(body?.api_error_code) ?? str(body?.error_code);
  if (body === undefined || code === undefined) return nonJsonError(facts);
  const apiMessage = str(body.message) ?? str(body.error_msg) ?? code.replace(/_/g, ' ');
  const param = str(body.param) ?? str(body.error_param);
  const type = str(body.type);
  return new ChargebeeError({
    kind: 'api',
    message: apiMessageFor(facts.status, code, apiMessage, param, facts.site),
    httpStatus: facts.status,
    apiErrorCode: code,
    type,
    param,
    apiMessage,
    // lock_timeout is a 429 too; both clear up on their own.
    retryable: isRetryableStatus(facts.status),
    retryAfterMs: facts.retryAfterMs,
  });
}

/** `30 s`, `1.5 s`, `200 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

export function timeoutError(site: string, timeoutMs: number): ChargebeeError {
  return new ChargebeeError({
    kind: 'timeout',
    message: `Chargebee did not answer within ${formatDuration(timeoutMs)} (${site}).`,
    httpStatus: 0,
    apiErrorCode: 'timeout',
    retryable: true,
  });
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection was closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name',
};

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errno } = err as { code?: unknown; errno?: unknown };
  if (typeof code === 'string') return code;
  return typeof errno === 'string' ? errno : undefined;
}

/**
 * A failure before any response. The reason comes from the error code, never from the underlying
 * message: node-fetch puts the whole request URL in it, query string included.
 */
export function networkError(site: string, cause: unknown): ChargebeeError {
  const code = errorCode(cause) ?? errorCode((cause as { cause?: unknown } | undefined)?.cause);
  const reason = (code !== undefined ? NETWORK_REASONS[code] : undefined) ?? 'the connection failed or was closed before a response';
  return new ChargebeeError({
    kind: 'network',
    message: `Could not reach ${site}: ${reason}${code !== undefined ? ` (${code})` : ''}.`,
    httpStatus: 0,
    apiErrorCode: code?.toLowerCase() ?? 'network_error',
    retryable: true,
  });
}

export function abortedError(): ChargebeeError {
  return new ChargebeeError({
    kind: 'aborted',
    message: 'Cancelled.',
    httpStatus: 0,
    apiErrorCode: 'aborted',
    retryable: false,
  });
}
