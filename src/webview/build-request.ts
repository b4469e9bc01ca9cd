/**
 * The usual FormController.buildRequest: fill the path params, encode the tree, write the curl.
 * Features call it with their site's base URL and headers; the key never enters the curl.
 */
import type { EndpointSpec } from '../chargebee/catalog/types';
import { encodeParams, toCurl } from '../chargebee/form-encoding';
import type { BuiltRequest, Submission } from './form-controller';

export interface RequestTarget {
  /** API base, e.g. `https://acme-test.chargebee.com/api/v2`. */
  readonly baseUrl: string;
  /** Extra request headers (chargebee-event-email etc.) shown in the curl. */
  readonly headers?: Readonly<Record<string, string>>;
}

export function buildRequestFor(spec: EndpointSpec, submission: Submission, target: RequestTarget): BuiltRequest {
  // An unfilled path param stays visible as `{name}` rather than producing a wrong URL silently.
  const path = spec.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = submission.pathParams[name]?.trim();
    return v ? encodeURIComponent(v) : whole;
  });
  const pairs = encodeParams(submission.tree);
  const curl = toCurl({ method: spec.method, url: `${target.baseUrl.replace(/\/+$/, '')}${path}`, pairs, ...(target.headers ? { headers: target.headers } : {}), redactKey: true });
  return { method: spec.method, path, pairs, curl };
}
