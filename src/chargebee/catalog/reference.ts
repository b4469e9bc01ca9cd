/**
 * The list and retrieve calls behind the pickers. Lean on purpose: only what the pickers filter on,
 * so the client and the sandbox agree on these few requests.
 */
import { fEnum, fStr, fTs, str } from './builders';
import { CHANNELS, ITEM_TYPES, SUBSCRIPTION_STATUSES } from './enum-values';
import type { EndpointSpec, FieldSpec, FilterSpec, ProductCatalog, ResponseShape } from './types';

function listOf<const Id extends string>(id: Id, path: string, title: string, filters: readonly FilterSpec[], response: ResponseShape, catalog?: ProductCatalog): EndpointSpec<Id> {
  return {
    id, method: 'GET', path, title, params: [], filters, response,
    list: { sortBy: ['created_at', 'updated_at'], includeDeleted: true },
    ...(catalog ? { catalog } : {}),
  };
}

function retrieve<const Id extends string>(id: Id, path: string, title: string, pathParam: FieldSpec, response: ResponseShape): EndpointSpec<Id> {
  return { id, method: 'GET', path, title, pathParams: [pathParam], params: [], response };
}

const STATUSES = ['active', 'archived', 'deleted'];
const updatedAt = fTs('updated_at');

export const referenceEndpoints = [
  listOf('customers.list', '/customers', 'List customers', [
    fStr('id', 'SIN', { label: 'Customer id' }),
    fStr('email', 'SPIN'),
    fStr('first_name', 'SPIN'),
    fStr('last_name', 'SPIN'),
    fStr('company', 'SPIN'),
    fTs('created_at'),
    updatedAt,
  ], 'customer_list'),
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
  ], 'subscription_list'),
  retrieve('subscriptions.retrieve', '/subscriptions/{subscription_id}', 'Retrieve a subscription',
    str('subscription_id', 50, { label: 'Subscription', required: true, picker: 'subscription' }), 'subscription'),

  listOf('plans.list', '/plans', 'List plans', [fStr('id'), fStr('name'), fEnum('status', STATUSES), updatedAt], 'list', 1),
  listOf('addons.list', '/addons', 'List addons', [fStr('id'), fStr('name'), fEnum('status', STATUSES), updatedAt], 'list', 1),

  listOf('item_families.list', '/item_families', 'List item families', [fStr('id'), fStr('name', 'S'), updatedAt], 'list', 2),
  listOf('items.list', '/items', 'List items', [
    fStr('id'), fStr('item_family_id'), fEnum('type', ITEM_TYPES), fStr('name', 'S'), fEnum('status', STATUSES), updatedAt, fEnum('channel', CHANNELS),
  ], 'list', 2),
  listOf('item_prices.list', '/item_prices', 'List item prices', [
    fStr('id'), fStr('name'), fStr('item_id'), fStr('item_family_id'), fEnum('item_type', ITEM_TYPES), fStr('currency_code'),
    fEnum('status', STATUSES), updatedAt, fEnum('channel', CHANNELS),
  ], 'list', 2),

  listOf('coupons.list', '/coupons', 'List coupons', [
    fStr('id'), fStr('name'), fEnum('status', ['active', 'expired', 'archived', 'deleted', 'future']), fTs('created_at'), updatedAt,
  ], 'list'),
] satisfies readonly EndpointSpec[];
