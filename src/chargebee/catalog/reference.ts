/**
 * The list and retrieve calls behind the pickers. Lean on purpose: only what the pickers filter on,
 * so the client and the sandbox agree on these few requests. Each filter, operator, `sort_by`
 * attribute and `include_deleted` is one the official SDK's list params define for that endpoint
 * (test/contract/catalog-sdk.test.ts holds us to it): the API refuses the rest.
 */
import { bool, fEnum, fStr, fTs, str } from './builders';
import { CHANNELS, ITEM_TYPES, SUBSCRIPTION_STATUSES } from './enum-values';
import type { EndpointSpec, FieldSpec, FilterSpec, ProductCatalog, ResponseShape } from './types';

interface ListOpts {
  /** Plain params besides limit, offset, sort_by and include_deleted. */
  readonly params?: readonly FieldSpec[];
  /** `sort_by[asc|desc]` attributes; none means the list takes no sort_by. */
  readonly sortBy?: readonly string[];
  readonly includeDeleted?: boolean;
  readonly catalog?: ProductCatalog;
}

function listOf<const Id extends string>(id: Id, path: string, title: string, filters: readonly FilterSpec[], response: ResponseShape, opts: ListOpts): EndpointSpec<Id> {
  const { catalog, params = [], ...list } = opts;
  return { id, method: 'GET', path, title, params, filters, response, list, ...(catalog ? { catalog } : {}) };
}

function retrieve<const Id extends string>(id: Id, path: string, title: string, pathParam: FieldSpec, response: ResponseShape): EndpointSpec<Id> {
  return { id, method: 'GET', path, title, pathParams: [pathParam], params: [], response };
}

const STATUSES = ['active', 'archived', 'deleted'];
const updatedAt = fTs('updated_at');

export const referenceEndpoints = [
  listOf('customers.list', '/customers', 'List customers', [
    fStr('id', 'SIN', { label: 'Customer id' }),
    fStr('email', 'SP'),
    fStr('first_name', 'SP'),
    fStr('last_name', 'SP'),
    fStr('company', 'SP'),
    fTs('created_at'),
    updatedAt,
  ], 'customer_list', { sortBy: ['created_at', 'updated_at'], includeDeleted: true }),
  retrieve('customers.retrieve', '/customers/{customer_id}', 'Retrieve a customer',
    str('customer_id', 50, { label: 'Customer', required: true, picker: 'customer' }), 'customer'),

  listOf('subscriptions.list', '/subscriptions', 'List subscriptions', [
    fStr('id', 'SIN', { label: 'Subscription id' }),
    fStr('customer_id'),
    fStr('plan_id'),
    fStr('item_id'),
    fStr('item_price_id'),
    fEnum('status', SUBSCRIPTION_STATUSES),
    fTs('created_at'),
    updatedAt,
  ], 'subscription_list', { sortBy: ['created_at', 'updated_at'], includeDeleted: true }),
  retrieve('subscriptions.retrieve', '/subscriptions/{subscription_id}', 'Retrieve a subscription',
    str('subscription_id', 50, { label: 'Subscription', required: true, picker: 'subscription' }), 'subscription'),

  listOf('plans.list', '/plans', 'List plans', [fStr('id'), fStr('name'), fEnum('status', STATUSES), updatedAt], 'list', { includeDeleted: true, catalog: 1 }),
  listOf('addons.list', '/addons', 'List addons', [fStr('id'), fStr('name'), fEnum('status', STATUSES), updatedAt], 'list', { includeDeleted: true, catalog: 1 }),

  listOf('item_families.list', '/item_families', 'List item families', [fStr('id'), fStr('name', 'S'), updatedAt], 'list', { catalog: 2 }),
  listOf('items.list', '/items', 'List items', [
    fStr('id'), fStr('item_family_id'), fEnum('type', ITEM_TYPES), fStr('name', 'S'), fEnum('status', STATUSES), updatedAt, fEnum('channel', CHANNELS),
  ], 'list', { sortBy: ['name', 'id', 'updated_at'], catalog: 2 }),
  listOf('item_prices.list', '/item_prices', 'List item prices', [
    fStr('id'), fStr('name'), fStr('item_id'), fStr('item_family_id'), fEnum('item_type', ITEM_TYPES), fStr('currency_code'),
    fEnum('status', STATUSES), updatedAt, fEnum('channel', CHANNELS),
  ], 'list', { sortBy: ['name', 'id', 'updated_at'], catalog: 2 }),

  listOf('coupons.list', '/coupons', 'List coupons', [
    fStr('id'), fStr('name'), fEnum('status', ['active', 'expired', 'archived', 'deleted', 'future']), fTs('created_at'), updatedAt,
  ], 'list', { sortBy: ['created_at'] }),

  // Voided charges are listed only with is_voided=true.
  listOf('unbilled_charges.list', '/unbilled_charges', 'List unbilled charges', [fStr('subscription_id', 'SPIN'), fStr('customer_id', 'SPIN')], 'list', {
    includeDeleted: true,
    params: [bool('is_voided')],
  }),

  // Which product catalog the site runs (docs/chargebee-api-notes.md#product-catalogs); takes no params.
  { id: 'configurations.list' as const, method: 'GET', path: '/configurations', title: 'Site configuration', params: [], response: 'configurations' },
] satisfies readonly EndpointSpec[];
