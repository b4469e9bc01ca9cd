/**
 * Per-form overrides of the request headers, for any form built on the form engine (the import form,
 * the quote forms). The form gets one extra object group, `request_headers`, appended to its endpoint
 * spec, so the engine renders, converts and validates it like any other group; before anything is
 * sent the group is split off the param tree and becomes headers instead of body params.
 *
 * Usage in a FormController:
 *   const spec = withRequestHeaderGroup(getEndpoint(id), siteSettings);      // -> buildFormModel(spec, ...)
 *   const { body, headers } = splitRequestHeaders(submission, siteSettings); // in buildRequest / onSubmit
 *   validate: (s) => requestHeaderErrors(s)
 */
import type { EndpointSpec, FieldSpec, GroupSpec, ParamTree, ParamValue } from '../chargebee/catalog/types';
import type { FieldError } from '../forms/values';
import { objectFieldPath } from '../forms/values';
import type { FlagKey, RequestHeaderKey, RequestHeaderSettings } from './settings';
import { ALL_DISABLED, buildRequestHeaders, HEADER, HEADER_HELP, headerProblem, isFlagKey, MAX_LENGTH, REQUEST_HEADER_KEYS } from './settings';

/** The group's name in the form values and the tree; not a Chargebee param, so it never reaches the wire. */
export const HEADERS_GROUP = 'request_headers';
export const HEADERS_SECTION_TITLE = 'Request headers';
/** The select value that switches a site's event flag off for one request. */
export const FLAG_OFF = 'not sent';

/** Field names inside the group: the header names without the `chargebee-` prefix, as snake case. */
const FIELD_NAME: Readonly<Record<RequestHeaderKey, string>> = {
  eventEmail: 'event_email',
  eventWebhook: 'event_webhook',
  eventActions: 'event_actions',
  businessEntityId: 'business_entity_id',
  originIp: 'request_origin_ip',
  originUser: 'request_origin_user',
  originDevice: 'request_origin_device',
};

export function headerFieldPath(key: RequestHeaderKey): string {
  return objectFieldPath(HEADERS_GROUP, FIELD_NAME[key]);
}

/** The group's field specs; the site's settings show as each field's default ("blank keeps this"). */
export function requestHeaderGroup(site: RequestHeaderSettings = {}): GroupSpec {
  const fields = REQUEST_HEADER_KEYS.map((key): FieldSpec => {
    const label = key === 'originUser' ? `${HEADER.originUser} (or -encoded)` : HEADER[key];
    const siteValue = site[key];
    const base = { kind: 'field' as const, name: FIELD_NAME[key], label, help: HEADER_HELP[key] };
    if (isFlagKey(key)) {
      return { ...base, type: 'enum', values: [ALL_DISABLED, FLAG_OFF], ...(siteValue === true ? { default: `${ALL_DISABLED}, the site setting` } : {}) };
    }
    const shown = typeof siteValue === 'string' && siteValue.trim() !== '' ? { default: `${siteValue.trim()} (site setting)` } : {};
    return { ...base, type: 'string', maxLength: MAX_LENGTH[key], ...shown };
  });
  return {
    kind: 'group',
    name: HEADERS_GROUP,
    label: HEADERS_SECTION_TITLE,
    shape: 'object',
    help: "Sent as HTTP headers with this request only. Blank fields keep the site's settings (Chargebee: Edit Request Headers...).",
    fields,
  };
}

/** The endpoint spec with the headers group appended (for buildFormModel); the API spec itself is untouched. */
export function withRequestHeaderGroup(spec: EndpointSpec, site: RequestHeaderSettings = {}): EndpointSpec {
  return { ...spec, params: [...spec.params.filter((p) => p.name !== HEADERS_GROUP), requestHeaderGroup(site)] };
}

export interface SplitRequest {
  /** The tree without the headers group: what goes in the body. */
  readonly body: ParamTree;
  readonly overrides: RequestHeaderSettings;
  /** buildRequestHeaders(site, overrides). */
  readonly headers: Record<string, string>;
}

/** Splits a converted form tree into the body and the request headers. */
export function splitRequestHeaders(tree: ParamTree, site: RequestHeaderSettings = {}): SplitRequest {
  const { [HEADERS_GROUP]: group, ...body } = tree;
  const overrides = overridesOf(group);
  return { body, overrides, headers: buildRequestHeaders(site, overrides) };
}

function overridesOf(group: ParamValue): RequestHeaderSettings {
  if (typeof group !== 'object' || group === null || Array.isArray(group)) return {};
  const g = group as ParamTree;
  const out: Record<string, string | boolean> = {};
  for (const key of REQUEST_HEADER_KEYS) {
    const v = g[FIELD_NAME[key]];
    if (typeof v !== 'string' || v.trim() === '') continue;
    if (isFlagKey(key)) out[key satisfies FlagKey] = v === ALL_DISABLED;
    else out[key] = v.trim();
  }
  return out;
}

/** Checks the catalog cannot express (IP syntax, email shape), placed on the section's fields. */
export function requestHeaderErrors(tree: ParamTree): FieldError[] {
  const group = tree[HEADERS_GROUP];
  if (typeof group !== 'object' || group === null || Array.isArray(group)) return [];
  const g = group as ParamTree;
  return REQUEST_HEADER_KEYS.flatMap((key) => {
    const v = g[FIELD_NAME[key]];
    const problem = typeof v === 'string' ? headerProblem(key, v) : undefined;
    return problem === undefined ? [] : [{ field: headerFieldPath(key), message: `${HEADER[key]} ${problem}` }];
  });
}
