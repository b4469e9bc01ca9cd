/**
 * The export triggers (docs/chargebee-api-notes.md#export-endpoints) and the export retrieve. Each trigger starts an asynchronous job and
 * answers `{ export }`; the kind picker shows them by `group`, in the order of `exportGroups`.
 */
import { bool, enm, fBool, fEnum, fMoney, fStr, int, str } from './builders';
import { EXPORT_TYPES, ITEM_TYPES } from './enum-values';
import * as g from './export-filters';
import type { EndpointSpec, FilterGroupSpec, FilterSpec, ParamSpec, ProductCatalog } from './types';

export type ExportGroup = 'Customers & billing' | 'Product catalog 1.0' | 'Product catalog 2.0' | 'Revenue reports (deprecated)';

export const exportGroups: readonly ExportGroup[] = ['Customers & billing', 'Product catalog 2.0', 'Product catalog 1.0', 'Revenue reports (deprecated)'];

/** A trigger, with what the kind picker needs on top of the shared EndpointSpec. */
export interface ExportEndpointSpec<Id extends string = string> extends EndpointSpec<Id> {
  /** The path's last segment, e.g. `customers`; also the id suffix (`exports.customers`). */
  readonly kind: string;
  readonly group: ExportGroup;
}

interface TriggerDef {
  readonly kind: string;
  readonly title: string;
  readonly group: ExportGroup;
  readonly description: string;
  readonly catalog?: ProductCatalog;
  readonly deprecated?: boolean;
  readonly params?: readonly ParamSpec[];
  readonly filters?: readonly FilterSpec[];
  readonly filterGroups: readonly FilterGroupSpec[];
}

function trigger<const K extends string>(def: TriggerDef & { readonly kind: K }): ExportEndpointSpec<`exports.${K}`> {
  const { kind, params, ...rest } = def;
  return { id: `exports.${kind}` as const, kind, method: 'POST', path: `/exports/${kind}`, params: params ?? [], response: 'export', ...rest };
}

const exportType = enm('export_type', EXPORT_TYPES, {
  label: 'Export type',
  help: 'import_friendly_data gives files ready for bulk import.',
  default: 'data',
});
const currencyFilter = fStr('currency_code', 'SIN', { label: 'Currency code' });
const businessEntityIs = fStr('business_entity_id', ['is', 'is_present'], { label: 'Business entity id' });
const includeSiteLevel = fBool('include_site_level_resources', 'B', { label: 'Include site-level resources' });

// Both revenue reports take the same required period and optional filters.
const month = (name: string, label: string) => int(name, { label, required: true, min: 1, max: 12 });
const year = (name: string, label: string) => int(name, { label, required: true, min: 1970, max: 9999 });
const reportParams: readonly ParamSpec[] = [
  enm('report_by', ['customer', 'invoice', 'product', 'subscription'], { label: 'Report by', required: true }),
  str('currency_code', 3, { label: 'Currency code', help: 'Leave empty for a report consolidated across currencies.' }),
  month('report_from_month', 'From month'),
  year('report_from_year', 'From year'),
  month('report_to_month', 'To month'),
  year('report_to_year', 'To year'),
  bool('include_discounts', { label: 'Include discounts', default: true }),
];
const reportFilters: readonly FilterSpec[] = [
  fStr('payment_owner'),
  fStr('item_id'),
  fStr('item_price_id'),
  fStr('cancel_reason_code'),
  fStr('business_entity_id', 'S', { label: 'Business entity id' }),
];
const reportGroups = [g.invoiceFilters, g.subscriptionFilters, g.customerFilters, g.relationshipFilters];

export const exportEndpoints = [
  trigger({
    kind: 'customers', title: 'Customers', group: 'Customers & billing',
    description: 'Customer data as a zip of CSV files.',
    params: [exportType], filters: [fStr('business_entity_id', 'S', { label: 'Business entity id' })],
    filterGroups: [g.customerFilters, g.relationshipFilters],
  }),
  trigger({
    kind: 'subscriptions', title: 'Subscriptions', group: 'Customers & billing',
    description: 'Subscription data as a zip of CSV files.',
    params: [exportType], filters: [fStr('item_id'), fStr('item_price_id'), fStr('cancel_reason_code')],
    filterGroups: [g.subscriptionExportFilters],
  }),
  trigger({
    kind: 'invoices', title: 'Invoices', group: 'Customers & billing',
    description: 'Invoice data as a zip of CSV files.',
    filters: [fStr('payment_owner')], filterGroups: [g.invoiceExportFilters],
  }),
  trigger({
    kind: 'credit_notes', title: 'Credit notes', group: 'Customers & billing',
    description: 'Credit note data as a zip of CSV files.', filterGroups: [g.creditNoteFilters],
  }),
  trigger({
    kind: 'transactions', title: 'Transactions', group: 'Customers & billing',
    description: 'Transaction data as a zip of CSV files.', filterGroups: [g.transactionFilters],
  }),
  trigger({
    kind: 'orders', title: 'Orders', group: 'Customers & billing',
    description: 'Order data as a zip of CSV files.',
    filters: [fMoney('total', 'N', { label: 'Total' })], filterGroups: [g.orderFilters],
  }),
  trigger({
    kind: 'coupons', title: 'Coupons', group: 'Customers & billing',
    description: 'Coupon data as a zip of CSV files.',
    filters: [currencyFilter, fStr('applicable_item_price_ids', ['is', 'in'], { label: 'Applicable item price ids' })],
    filterGroups: [g.couponFilters],
  }),
  trigger({
    kind: 'ramps', title: 'Ramps', group: 'Customers & billing',
    description: 'Subscription ramp data as a zip of CSV files.', params: [exportType], filterGroups: [g.rampFilters],
  }),
  trigger({
    kind: 'item_families', title: 'Item families', group: 'Product catalog 2.0', catalog: 2,
    description: 'Item family data as a zip of CSV files.',
    filters: [businessEntityIs, includeSiteLevel], filterGroups: [g.itemFamilyFilters],
  }),
  trigger({
    kind: 'items', title: 'Items', group: 'Product catalog 2.0', catalog: 2,
    description: 'Item data as a zip of CSV files.',
    filters: [businessEntityIs, includeSiteLevel], filterGroups: [g.itemFilters],
  }),
  trigger({
    kind: 'item_prices', title: 'Item prices', group: 'Product catalog 2.0', catalog: 2,
    description: 'Item price data as a zip of CSV files.',
    filters: [fStr('item_family_id'), fEnum('item_type', ITEM_TYPES), currencyFilter, businessEntityIs, includeSiteLevel],
    filterGroups: [g.itemPriceFilters],
  }),
  trigger({
    kind: 'attached_items', title: 'Attached items', group: 'Product catalog 2.0', catalog: 2,
    description: 'Attached item data as a zip of CSV files.',
    filters: [fEnum('item_type', ITEM_TYPES)], filterGroups: [g.attachedItemFilters],
  }),
  trigger({
    kind: 'differential_prices', title: 'Differential prices', group: 'Product catalog 2.0', catalog: 2,
    description: 'Differential price data as a zip of CSV files.',
    filters: [fStr('item_id')], filterGroups: [g.differentialPriceFilters],
  }),
  trigger({
    kind: 'price_variants', title: 'Price variants', group: 'Product catalog 2.0', catalog: 2,
    description: 'Price variant data as a zip of CSV files.',
    filters: [businessEntityIs, includeSiteLevel], filterGroups: [g.priceVariantFilters],
  }),
  trigger({
    kind: 'plans', title: 'Plans', group: 'Product catalog 1.0', catalog: 1,
    description: 'Plan data as a zip of CSV files.', filters: [currencyFilter], filterGroups: [g.planFilters],
  }),
  trigger({
    kind: 'addons', title: 'Addons', group: 'Product catalog 1.0', catalog: 1,
    description: 'Addon data as a zip of CSV files.', filters: [currencyFilter], filterGroups: [g.addonFilters],
  }),
  trigger({
    kind: 'revenue_recognition', title: 'Revenue recognition report', group: 'Revenue reports (deprecated)', deprecated: true,
    description: 'Revenue recognised per month over a period. Deprecated by Chargebee.',
    params: reportParams, filters: reportFilters, filterGroups: reportGroups,
  }),
  trigger({
    kind: 'deferred_revenue', title: 'Deferred revenue report', group: 'Revenue reports (deprecated)', deprecated: true,
    description: 'Revenue deferred per month over a period. Deprecated by Chargebee.',
    params: reportParams, filters: reportFilters, filterGroups: reportGroups,
  }),
] satisfies readonly ExportEndpointSpec[];

/** GET /exports/{export_id}: poll this at most every 10 s until the job is completed or failed. */
export const exportRetrieveEndpoint: EndpointSpec<'exports.retrieve'> = {
  id: 'exports.retrieve',
  method: 'GET',
  path: '/exports/{export_id}',
  title: 'Retrieve an export',
  pathParams: [str('export_id', 50, { label: 'Export id', required: true })],
  params: [],
  response: 'export',
};
