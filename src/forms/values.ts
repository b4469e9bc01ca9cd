/**
 * What a form holds while the user types: plain JSON, so it travels in postMessage and in the
 * webview's saved state unchanged. Conversion to a param tree happens in convert.ts.
 *
 * Field paths (also the `data-field` attributes and the keys of errors) follow the API's own names:
 * `name`, `group[field]`, `group[field][row]`, `list[i]`, `{path_param}`, and `filter:<row>` for
 * filter rows (a colon never occurs in an API name).
 */

/** Text as typed, or a checkbox state. An empty string means "not set" and is not sent. */
export type FieldInput = string | boolean;
export type RowValues = Readonly<Record<string, FieldInput>>;

/** One filter row of an export form; `group` is '' for top-level filters such as `status[in]`. */
export interface FilterRowValue {
  readonly group: string;
  readonly field: string;
  readonly op: string;
  /** One entry for single-value operators, two for `between`, any number for `in`/`not_in`. */
  readonly values: readonly string[];
}

export interface FormValues {
  /** Path parameters, e.g. `quote_id` of `/quotes/{quote_id}/edit...`. */
  readonly path: Readonly<Record<string, string>>;
  /** Top-level fields by name and object-group fields as `group[field]`. */
  readonly fields: Readonly<Record<string, FieldInput>>;
  /** List groups: rows in form order. */
  readonly rows: Readonly<Record<string, readonly RowValues[]>>;
  /** Value lists such as `coupon_ids`. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly filters: readonly FilterRowValue[];
  /** The IANA zone filter dates are whole days in; absent means UTC. */
  readonly filterTimeZone?: string;
}

/**
 * Who found an error, which decides how long it stays shown: the webview re-judges its own (client)
 * errors as the user types; an error of the host's rules or of the server stays until its field, or a
 * field its rule names in `related`, changes (the webview cannot re-run those rules).
 */
export type ErrorOrigin = 'client' | 'host' | 'server';

/** A message to show on one field; `field` is '' for messages about the whole form. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  /** Absent means 'client'. */
  readonly origin?: ErrorOrigin;
  /** Other field paths (or group names) the rule reads, e.g. From for "To cannot be before From". */
  readonly related?: readonly string[];
}

export function emptyValues(): FormValues {
  return { path: {}, fields: {}, rows: {}, lists: {}, filters: [] };
}

export const filterPath = (row: number): string => `filter:${row}`;
export const rowFieldPath = (group: string, field: string, row: number): string => `${group}[${field}][${row}]`;
export const objectFieldPath = (group: string, field: string): string => `${group}[${field}]`;
export const pathParamPath = (name: string): string => `{${name}}`;

export function isBlank(v: FieldInput | undefined): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '');
}
