/**
 * Chargebee's custom request headers (docs/chargebee-api-notes.md#request-headers): per-site settings, per-form overrides, and the one
 * function that turns both into the header record a request carries. Pure: no `vscode` import, so the
 * forms, the client factory and the unit tests share it.
 */

/** The only value the three `chargebee-event-*` headers take. */
export const ALL_DISABLED = 'all-disabled';

/** What a user sets, per site or per form. Every key is optional; blank means "not set". */
export interface RequestHeaderSettings {
  /** `chargebee-event-email: all-disabled`: skip the emails this call would send. */
  readonly eventEmail?: boolean;
  /** `chargebee-event-webhook: all-disabled`: skip only webhooks. */
  readonly eventWebhook?: boolean;
  /** `chargebee-event-actions: all-disabled`: skip all actions on the events this call generates. */
  readonly eventActions?: boolean;
  /** `chargebee-business-entity-id`, at most 50 characters. */
  readonly businessEntityId?: string;
  /** `chargebee-request-origin-ip`: the end customer's IPv4 or IPv6 address. */
  readonly originIp?: string;
  /** The end user's email: sent as `-origin-user`, or base64 as `-origin-user-encoded` when not ASCII. */
  readonly originUser?: string;
  /** `chargebee-request-origin-device`, free text such as `Android`. */
  readonly originDevice?: string;
}

export type RequestHeaderKey = keyof RequestHeaderSettings;

export const HEADER = {
  eventEmail: 'chargebee-event-email',
  eventWebhook: 'chargebee-event-webhook',
  eventActions: 'chargebee-event-actions',
  businessEntityId: 'chargebee-business-entity-id',
  originIp: 'chargebee-request-origin-ip',
  originUser: 'chargebee-request-origin-user',
  originUserEncoded: 'chargebee-request-origin-user-encoded',
  originDevice: 'chargebee-request-origin-device',
} as const;

/** Field order everywhere the settings are listed (the quick pick, the form section). */
export const REQUEST_HEADER_KEYS: readonly RequestHeaderKey[] = [
  'eventEmail',
  'eventWebhook',
  'eventActions',
  'businessEntityId',
  'originIp',
  'originUser',
  'originDevice',
];

export const FLAG_KEYS = ['eventEmail', 'eventWebhook', 'eventActions'] as const satisfies readonly RequestHeaderKey[];
export type FlagKey = (typeof FLAG_KEYS)[number];
export type TextKey = Exclude<RequestHeaderKey, FlagKey>;

export function isFlagKey(key: RequestHeaderKey): key is FlagKey {
  return (FLAG_KEYS as readonly string[]).includes(key);
}

/** Limits: 50 is documented for the entity id; the others are generous caps against pasted junk. */
export const MAX_LENGTH: Readonly<Record<TextKey, number>> = {
  businessEntityId: 50,
  originIp: 45,
  originUser: 254,
  originDevice: 100,
};

/** A short description per setting, for the quick pick and the form's hints. */
export const HEADER_HELP: Readonly<Record<RequestHeaderKey, string>> = {
  eventEmail: 'Skip the emails this call would send.',
  eventWebhook: 'Skip the webhooks this call would send.',
  eventActions: 'Skip all actions (emails, webhooks, integrations) on the events this call generates.',
  businessEntityId: 'On sites with several business entities: the entity to act for.',
  originIp: "The end customer's IP address (IPv4 or IPv6), for fraud checks and EU tax validation.",
  originUser: "The end user's email; sent base64-encoded automatically when it is not plain ASCII.",
  originDevice: 'The device the request came from, e.g. Android.',
};

/**
 * The headers to send: overrides beat site settings key by key, blank values are dropped, and the
 * user email goes as `-origin-user` (ASCII) or `-origin-user-encoded` (base64 of its UTF-8 bytes).
 * A flag set to false in the overrides switches the site's flag off for that request.
 */
export function buildRequestHeaders(site: RequestHeaderSettings = {}, overrides: RequestHeaderSettings = {}): Record<string, string> {
  const merged = mergeSettings(site, overrides);
  const out: Record<string, string> = {};
  for (const key of FLAG_KEYS) if (merged[key] === true) out[HEADER[key]] = ALL_DISABLED;
  // A form that switches off a flag the site has on sends it empty: the client then drops the site's header.
  for (const key of FLAG_KEYS) if (overrides[key] === false && site[key] === true) out[HEADER[key]] = '';
  const text = (key: TextKey): string | undefined => {
    const v = merged[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const entity = text('businessEntityId');
  if (entity !== undefined) out[HEADER.businessEntityId] = entity;
  const ip = text('originIp');
  if (ip !== undefined) out[HEADER.originIp] = ip;
  const user = text('originUser');
  if (user !== undefined) {
    // Header values must be ASCII on the wire; the API defines the encoded variant for the rest.
    if (isAscii(user)) out[HEADER.originUser] = user;
    else out[HEADER.originUserEncoded] = encodeEmail(user);
  }
  const device = text('originDevice');
  if (device !== undefined) out[HEADER.originDevice] = device;
  return out;
}

/** Override values that are set (a flag given as true/false, a non-blank text) replace the site's. */
export function mergeSettings(site: RequestHeaderSettings, overrides: RequestHeaderSettings): RequestHeaderSettings {
  const out: Record<string, string | boolean> = {};
  for (const key of REQUEST_HEADER_KEYS) {
    const o = overrides[key];
    const s = site[key];
    const chosen = o !== undefined && !(typeof o === 'string' && o.trim() === '') ? o : s;
    if (chosen !== undefined) out[key] = chosen;
  }
  return out;
}

/** Base64 of the UTF-8 bytes, as the API asks for `chargebee-request-origin-user-encoded`. */
export function encodeEmail(email: string): string {
  return Buffer.from(email.trim(), 'utf8').toString('base64');
}

export function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** Why a setting's value would be refused, or undefined when it is fine (blank is always fine). */
export function headerProblem(key: RequestHeaderKey, value: string | boolean | undefined): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const v = value.trim();
  if (v === '' || isFlagKey(key)) return undefined;
  const max = MAX_LENGTH[key];
  if (v.length > max) return `must be at most ${max} characters`;
  switch (key) {
    case 'originIp':
      return isIpAddress(v) ? undefined : 'must be an IPv4 address (203.0.113.7) or an IPv6 address (2001:db8::1)';
    case 'originUser':
      return /^[^\s@]+@[^\s@]+$/.test(v) ? undefined : 'must be an email address';
    case 'businessEntityId':
    case 'originDevice':
      // Control characters would break the header line itself.
      return /[\x00-\x1f\x7f]/.test(v) ? 'cannot contain control characters' : undefined;
  }
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  // Leading zeros are refused: some parsers read them as octal, so `010.1.1.1` is ambiguous.
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(text: string): boolean {
  let rest = text;
  // An IPv4 tail (`::ffff:192.0.2.1`) counts as two groups.
  let tailGroups = 0;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon >= 0 && rest.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(rest.slice(lastColon + 1))) return false;
    rest = `${rest.slice(0, lastColon + 1)}0`;
    tailGroups = 1;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = all.length + tailGroups;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Settings read from storage, keeping only well-typed keys: stored data may come from an older version. */
export function parseSettings(raw: unknown): RequestHeaderSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const src = raw as Record<string, unknown>;
  const out: Record<string, string | boolean> = {};
  for (const key of REQUEST_HEADER_KEYS) {
    const v = src[key];
    if (isFlagKey(key) ? typeof v === 'boolean' : typeof v === 'string' && v.trim() !== '') out[key] = v as string | boolean;
  }
  return out;
}

/** One line for a setting's current value, e.g. in the quick pick. */
export function describeSetting(key: RequestHeaderKey, settings: RequestHeaderSettings): string {
  const v = settings[key];
  if (isFlagKey(key)) return v === true ? ALL_DISABLED : 'not sent';
  return typeof v === 'string' && v.trim() !== '' ? v : 'not sent';
}
