/**
 * The shape of the declarative API catalog. Every request field the extension knows is defined once,
 * with these types, and the same definition drives the webview forms, the host-side validation, the
 * form encoder's tests and the sandbox's own request validation.
 *
 * Values travel as a plain "param tree" (see ParamTree): nested objects for `a[b]`, arrays of objects
 * for indexed groups `a[b][i]`, arrays of scalars for simple lists `a[i]`, and `{ op: value }` objects
 * for filters `field[op]=value`. The form encoder turns such a tree into the wire format.
 */

/** Scalar kinds a request field can take. */
export type FieldType =
  /** Free text; `maxLength` applies. */
  | 'string'
  /** Whole number (counts, billing cycles). `min`/`max` apply. */
  | 'integer'
  /** Money in the currency's minor units on the wire; forms take major units. `min` applies (minor units). */
  | 'money'
  /** A decimal number carried as a string (the `*_in_decimal` fields, percentages). */
  | 'decimal'
  /** UTC epoch seconds on the wire; forms show a date (or date-time) picker. */
  | 'timestamp'
  | 'boolean'
  /** One of `values`. */
  | 'enum';

/**
 * What a field can be picked from: an entity backed by a list API, or `charge_row`, the ids of the
 * import form's own unbilled charge rows (answered from the form's values, never from the API).
 */
export const PICKER_KINDS = ['customer', 'subscription', 'plan', 'addon', 'item_family', 'item', 'item_price', 'coupon', 'quote', 'charge_row'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

export interface FieldSpec {
  readonly kind: 'field';
  /** API name inside its group, e.g. `plan_id` in `subscription[plan_id]`. */
  readonly name: string;
  readonly type: FieldType;
  readonly label: string;
  /** One line shown under the field; taken from the API docs where they say something useful. */
  readonly help?: string;
  readonly required?: boolean;
  readonly maxLength?: number;
  /** Inclusive lower bound (minor units for money). */
  readonly min?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  readonly values?: readonly string[];
  readonly default?: string | number | boolean;
  readonly picker?: PickerKind;
  readonly deprecated?: boolean;
  /** The field is required when a sibling field (same group, same row) has one of these values. */
  readonly requiredWhen?: { readonly field: string; readonly in: readonly string[] };
  /** Only shown on sites with multi-decimal pricing (`*_in_decimal` fields). */
  readonly multiDecimal?: boolean;
  /** Timestamps where the API gives 0 a meaning (trial_end=0: no trial): the form offers it as this choice. */
  readonly zeroMeans?: string;
}

/** `coupon_ids[0]=A&coupon_ids[1]=B`: a list of plain values. */
export interface ValueListSpec {
  readonly kind: 'values';
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly item: Omit<FieldSpec, 'kind' | 'name' | 'label'>;
  readonly maxItems?: number;
}

/**
 * A group of fields sent with a prefix: `object` groups as `name[field]` (one), `list` groups as
 * `name[field][i]` (rows; the wire index only has to be unique).
 */
export interface GroupSpec {
  readonly kind: 'group';
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly shape: 'object' | 'list';
  readonly fields: readonly FieldSpec[];
  /** For lists: at least one row must be present. For objects: the object must be present. */
  readonly required?: boolean;
  readonly maxItems?: number;
}

export type ParamSpec = FieldSpec | ValueListSpec | GroupSpec;

export type FilterOperator =
  | 'is'
  | 'is_not'
  | 'starts_with'
  | 'in'
  | 'not_in'
  | 'is_present'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'between'
  | 'after'
  | 'before'
  | 'on';

export type FilterType = 'string' | 'number' | 'timestamp' | 'enum' | 'boolean';

/** `field[op]=value`; at top level (`status[in]=...`) or inside a filter group (`customer[email][is]=...`). */
export interface FilterSpec {
  readonly name: string;
  readonly label: string;
  readonly type: FilterType;
  readonly operators: readonly FilterOperator[];
  readonly values?: readonly string[];
  readonly help?: string;
  /** `money`: a number filter in minor units of the record's currency (forms take major units). */
  readonly unit?: 'money';
}

/** A nested filter group of an export: `invoice[total][lt]=1000`. */
export interface FilterGroupSpec {
  readonly name: string;
  readonly label: string;
  readonly filters: readonly FilterSpec[];
}

export type ProductCatalog = 1 | 2;

/** What a successful response carries, so callers and the sandbox agree on the envelope. */
export type ResponseShape =
  | 'quote'
  | 'quote_list'
  | 'quote_line_group_list'
  | 'convert'
  | 'download'
  | 'export'
  | 'unbilled_charges'
  | 'unbilled_charge'
  | 'invoices'
  | 'configurations'
  | 'customer'
  | 'customer_list'
  | 'subscription'
  | 'subscription_list'
  | 'list';

/** `Id` is the literal id where the catalog defines the endpoint, so EndpointId can be derived from it. */
export interface EndpointSpec<Id extends string = string> {
  /** Stable id, e.g. `quotes.create_for_onetime_charges`, `exports.customers`. */
  readonly id: Id;
  readonly method: 'GET' | 'POST';
  /** Path below `/api/v2`, with `{name}` placeholders for path params, e.g. `/quotes/{quote_id}/convert`. */
  readonly path: string;
  readonly title: string;
  readonly description?: string;
  /** Set when the endpoint exists only in one product catalog version. */
  readonly catalog?: ProductCatalog;
  readonly deprecated?: boolean;
  /** Takes top-level custom fields (`cf_*`), as the SDK's input type says; see custom-fields.ts. */
  readonly customFields?: boolean;
  readonly pathParams?: readonly FieldSpec[];
  /** Body (POST) or query (GET) fields and groups. */
  readonly params: readonly ParamSpec[];
  /** Top-level filters, e.g. quotes list `status[in]`, exports `currency_code[is]`. */
  readonly filters?: readonly FilterSpec[];
  /** Nested filter groups of exports, e.g. `customer[email][is]`. */
  readonly filterGroups?: readonly FilterGroupSpec[];
  /** List endpoints accept `limit`, `offset`, and these `sort_by[asc|desc]` attributes. */
  readonly list?: { readonly sortBy?: readonly string[]; readonly includeDeleted?: boolean };
  readonly response: ResponseShape;
}

/** Scalar values in a param tree: strings when parsed from the wire, typed when built by a form. */
export type ParamScalar = string | number | boolean;
export type ParamValue = ParamScalar | null | undefined | ParamTree | readonly ParamValue[];
export interface ParamTree {
  readonly [key: string]: ParamValue;
}

/** One violated rule, named by the parameter in API form, e.g. `addons[quantity][1]`. */
export interface Violation {
  readonly param: string;
  readonly rule: 'required' | 'max_length' | 'min' | 'max' | 'enum' | 'type' | 'operator' | 'unknown';
  readonly message: string;
}
