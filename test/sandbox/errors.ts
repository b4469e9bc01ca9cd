/**
 * Chargebee's error body: the current fields (`message`, `type`, `api_error_code`, `param`) plus the
 * legacy ones real responses still carry (`error_code`, `error_msg`, `http_status_code`), because the
 * Node SDK reads `http_status_code` and the Python SDK refuses a body without `api_error_code`.
 */
export type ErrorType = 'invalid_request' | 'payment' | 'operation_failed';

export interface ErrorBody {
  message: string;
  type?: ErrorType;
  api_error_code: string;
  param?: string;
  error_code: string;
  error_msg: string;
  http_status_code: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Undefined for "untyped" errors (401): sending no `type` is the safer choice (docs/chargebee-api-notes.md#errors). */
    readonly type: ErrorType | undefined,
    readonly param?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    const body: ErrorBody = {
      message: this.message,
      api_error_code: this.code,
      error_code: this.code,
      error_msg: this.message,
      http_status_code: this.status,
    };
    if (this.type !== undefined) body.type = this.type;
    if (this.param !== undefined) body.param = this.param;
    return body;
  }
}

/** 400 for a value that breaks the parameter's rules; `param` is in API form, e.g. `addons[quantity][1]`. */
export const paramWrongValue = (param: string, message: string): ApiError =>
  new ApiError(400, 'param_wrong_value', `${param} : ${message}`, 'invalid_request', param);

/** The same, with a message that already names the param (the catalog's violation messages do). */
export const paramViolation = (param: string, message: string): ApiError => new ApiError(400, 'param_wrong_value', message, 'invalid_request', param);

export const invalidRequest = (message: string, param?: string): ApiError =>
  new ApiError(400, 'invalid_request', message, 'invalid_request', param);

export const notFound = (param?: string, what?: string): ApiError =>
  new ApiError(404, 'resource_not_found', what ?? "Sorry, we couldn't find that resource", 'invalid_request', param);

export const invalidState = (message: string): ApiError => new ApiError(409, 'invalid_state_for_request', message, 'invalid_request');

export const unprocessable = (message: string): ApiError => new ApiError(422, 'unable_to_process_request', message, 'invalid_request');

export const authFailed = (): ApiError =>
  new ApiError(401, 'api_authentication_failed', 'Sorry, authentication failed. Invalid api key', undefined);

export const methodNotSupported = (method: string): ApiError =>
  new ApiError(405, 'http_method_not_supported', `Sorry, the ${method} method is not supported for this URL`, 'invalid_request');

export const configurationIncompatible = (message: string): ApiError =>
  new ApiError(400, 'configuration_incompatible', message, 'invalid_request');

export const requestLimit = (message: string, headers: Record<string, string> = {}): ApiError =>
  new ApiError(429, 'api_request_limit_exceeded', message, 'operation_failed', undefined, headers);

export const internalError = (): ApiError =>
  new ApiError(500, 'internal_error', 'Sorry, something went wrong when trying to process the request.', 'operation_failed');
