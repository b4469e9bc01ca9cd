/**
 * The Quotes endpoints, the 20 of docs/chargebee-api-notes.md#quote-endpoints. Each edit endpoint's body is derived from its
 * create endpoint (minus `name` and the keys that identify what is quoted), so the two cannot drift.
 */
import { bool, editBody, enm, fEnum, fStr, fTs, str, ts } from './builders';
import { QUOTE_STATUSES, type QuoteStatus } from './enum-values';
import * as q from './quote-params';
import type { EndpointSpec, FieldSpec } from './types';

const quoteIdParam: FieldSpec = str('quote_id', 50, { label: 'Quote', required: true, picker: 'quote' });
const customerIdParam: FieldSpec = str('customer_id', 50, { label: 'Customer', required: true, picker: 'customer' });

/** An EndpointSpec with the quote defaults left out: POST, `{ quote }` back, no params, path params from the path. */
type Def = Omit<EndpointSpec, 'method' | 'response' | 'params' | 'pathParams'> & Partial<Pick<EndpointSpec, 'method' | 'response' | 'params'>>;

function endpoint<const Id extends string>(def: Def & { readonly id: Id }): EndpointSpec<`quotes.${Id}`> {
  const pathParams = [quoteIdParam, customerIdParam].filter((p) => def.path.includes(`{${p.name}}`));
  return {
    method: 'POST',
    response: 'quote',
    params: [],
    ...def,
    id: `quotes.${def.id}` as const,
    ...(pathParams.length > 0 ? { pathParams } : {}),
  };
}

// ---- create bodies ----

const createSubscriptionQuote: q.Body = [
  q.quoteName, q.notes, q.expiresAt, q.billingCycles, q.mandatoryAddonsToRemove, q.termsToCharge, q.billingAlignmentMode,
  q.couponIds, q.pc1CreateSubscription, q.shippingAddress, q.contractTermCreate, q.addons(true), q.eventBasedAddons,
];

const updateSubscriptionQuote: q.Body = [
  q.quoteName, q.notes, q.expiresAt,
  bool('replace_addon_list', { default: false, help: 'Replace the existing addons with the ones passed.' }),
  q.mandatoryAddonsToRemove, q.billingCycles, q.termsToCharge, q.billingAlignmentMode, q.couponIds, ...q.updateFlags,
  q.pc1UpdateSubscription, q.billingAddress, q.shippingAddress, q.customerTax, q.contractTermUpdate, q.addons(true), q.eventBasedAddons,
];

const createForOnetimeCharges: q.Body = [
  q.quoteName,
  str('customer_id', 50, { label: 'Customer', required: true, picker: 'customer', help: 'The customer the quote is for.' }),
  q.poNumber, q.notes, q.expiresAt, q.currencyCode, q.coupon, q.couponIds, q.shippingAddress, q.addons(false), q.charges,
  q.taxProvidersFields,
];

const createSubscriptionQuoteForItems: q.Body = [
  q.quoteName, q.notes, q.expiresAt, q.billingCycles, q.mandatoryItemsToRemove, q.termsToCharge, q.billingAlignmentMode,
  q.couponIds, q.billingStartOption, q.netTermDays, q.pc2CreateSubscription, q.billingAddress, q.shippingAddress,
  q.contractTermCreate, q.subscriptionItems, q.discountsCreate, q.itemTiers, q.coupons, q.entitlementOverrides,
];

const updateSubscriptionQuoteForItems: q.Body = [
  q.quoteName, q.notes, q.expiresAt, q.mandatoryItemsToRemove,
  bool('replace_items_list', { default: false, help: 'true replaces the subscription items; false adds to them.' }),
  q.billingCycles, q.termsToCharge, q.billingAlignmentMode, q.couponIds, ...q.updateFlags, q.netTermDays,
  // A change of coupons, term or discounts alone is a valid change quote: items are optional here.
  q.pc2UpdateSubscription, q.billingAddress, q.shippingAddress, q.customerTax, q.contractTermUpdate, { ...q.subscriptionItems, required: false },
  q.discountsUpdate, q.itemTiers, q.coupons, q.entitlementOverrides,
];

const createForChargeItemsAndCharges: q.Body = [
  q.quoteName,
  str('customer_id', 50, { label: 'Customer', required: true, picker: 'customer', help: 'The customer the quote is for.' }),
  q.poNumber, q.notes, q.expiresAt, q.currencyCode, q.coupon, q.couponIds, q.netTermDays, q.billingAddress,
  q.shippingAddress, q.itemPrices, q.itemTiersNoRamp, q.charges, q.discountsForCharges, q.taxProvidersFields,
];

// ---- endpoints ----

export const quoteEndpoints = [
  endpoint({
    id: 'list', method: 'GET', path: '/quotes', title: 'List quotes', response: 'quote_list',
    list: { sortBy: ['date'], includeDeleted: true },
    filters: [
      fStr('id', 'SIN', { label: 'Quote number' }),
      fStr('customer_id', 'SIN', { label: 'Customer id' }),
      fStr('subscription_id', 'SPIN', { label: 'Subscription id', help: 'Not usable when consolidated invoicing is enabled.' }),
      fEnum('status', QUOTE_STATUSES),
      fTs('date', 'T', { label: 'Quote date' }),
      fTs('updated_at', 'T', { label: 'Updated at' }),
    ],
  }),
  endpoint({ id: 'retrieve', method: 'GET', path: '/quotes/{quote_id}', title: 'Retrieve a quote' }),

  // Product catalog 1.0
  endpoint({
    id: 'create_subscription_quote', path: '/customers/{customer_id}/create_subscription_quote', catalog: 1,
    title: 'Create a quote for a new subscription', params: createSubscriptionQuote,
  }),
  endpoint({
    id: 'edit_create_subscription_quote', path: '/quotes/{quote_id}/edit_create_subscription_quote', catalog: 1,
    title: 'Edit a new-subscription quote', params: editBody(createSubscriptionQuote, []),
  }),
  endpoint({
    id: 'update_subscription_quote', path: '/quotes/update_subscription_quote', catalog: 1,
    title: 'Create a quote for a subscription change', params: updateSubscriptionQuote,
  }),
  endpoint({
    id: 'edit_update_subscription_quote', path: '/quotes/{quote_id}/edit_update_subscription_quote', catalog: 1,
    title: 'Edit a subscription-change quote', params: editBody(updateSubscriptionQuote, ['subscription[id]']),
  }),
  endpoint({
    id: 'create_for_onetime_charges', path: '/quotes/create_for_onetime_charges', catalog: 1,
    title: 'Create a quote for one-time charges', params: createForOnetimeCharges,
  }),
  endpoint({
    id: 'edit_one_time_quote', path: '/quotes/{quote_id}/edit_one_time_quote', catalog: 1,
    title: 'Edit a one-time charges quote', params: editBody(createForOnetimeCharges, ['customer_id']),
  }),

  // Product catalog 2.0
  endpoint({
    id: 'create_subscription_quote_for_items', customFields: true, path: '/customers/{customer_id}/create_subscription_quote_for_items', catalog: 2,
    title: 'Create a quote for a new subscription (items)', params: createSubscriptionQuoteForItems,
  }),
  endpoint({
    id: 'edit_create_subscription_quote_for_items', customFields: true, path: '/quotes/{quote_id}/edit_create_subscription_quote_for_items', catalog: 2,
    title: 'Edit a new-subscription quote (items)', params: editBody(createSubscriptionQuoteForItems, []),
  }),
  endpoint({
    id: 'update_subscription_quote_for_items', customFields: true, path: '/quotes/update_subscription_quote_for_items', catalog: 2,
    title: 'Create a quote for a subscription change (items)', params: updateSubscriptionQuoteForItems,
  }),
  endpoint({
    id: 'edit_update_subscription_quote_for_items', customFields: true, path: '/quotes/{quote_id}/edit_update_subscription_quote_for_items', catalog: 2,
    title: 'Edit a subscription-change quote (items)', params: editBody(updateSubscriptionQuoteForItems, ['subscription[id]']),
  }),
  endpoint({
    id: 'create_for_charge_items_and_charges', path: '/quotes/create_for_charge_items_and_charges', catalog: 2,
    title: 'Create a quote for charge items and charges', params: createForChargeItemsAndCharges,
  }),
  endpoint({
    id: 'edit_for_charge_items_and_charges', path: '/quotes/{quote_id}/edit_for_charge_items_and_charges', catalog: 2,
    title: 'Edit a charge items and charges quote', params: editBody(createForChargeItemsAndCharges, ['customer_id']),
  }),

  // Both catalogs
  endpoint({
    id: 'quote_line_groups', method: 'GET', path: '/quotes/{quote_id}/quote_line_groups', title: 'List quote line groups',
    response: 'quote_line_group_list', list: {},
  }),
  endpoint({
    id: 'convert', path: '/quotes/{quote_id}/convert', title: 'Convert a quote', response: 'convert',
    description: 'Turns the quote into an invoice, subscription or charges; the quote becomes invoiced.',
    params: [
      ts('invoice_date', { help: 'Backdate the invoice: a past date at most a month back; needs invoice_immediately.' }),
      bool('invoice_immediately', { help: 'Invoice now; the site setting applies when empty.' }),
      bool('create_pending_invoices'),
      bool('first_invoice_pending', { default: false }),
      {
        kind: 'group', name: 'subscription', label: 'Subscription', shape: 'object',
        fields: [
          str('id', 50, { label: 'Subscription id' }),
          enm('auto_collection', ['on', 'off']),
          str('po_number', 100, { label: 'PO number' }),
          bool('auto_close_invoices'),
        ],
      },
    ],
  }),
  endpoint({
    id: 'update_status', path: '/quotes/{quote_id}/update_status', title: 'Update quote status',
    params: [
      // `open` is in the SDK's generated schema but not in its TS type or the docs page (docs/chargebee-api-notes.md#open-points); we accept it.
      enm('status', ['accepted', 'declined', 'closed', 'open', 'proposed', 'voided'] satisfies QuoteStatus[], {
        required: true, help: 'proposed and voided apply to CPQ quotes only.',
      }),
      str('comment', 300, { help: 'Internal only: shown in the app, never on PDFs or hosted pages.' }),
    ],
  }),
  endpoint({
    id: 'extend_expiry_date', path: '/quotes/{quote_id}/extend_expiry_date', title: 'Extend quote expiry',
    params: [ts('valid_till', { required: true, label: 'Valid till', help: 'After this date the quote is closed.' })],
  }),
  endpoint({
    id: 'delete', path: '/quotes/{quote_id}/delete', title: 'Delete a quote',
    params: [str('comment', 300, { help: "Added to the subscription, or to the customer when there is none." })],
  }),
  endpoint({
    id: 'pdf', path: '/quotes/{quote_id}/pdf', title: 'Download quote PDF', response: 'download',
    params: [
      bool('consolidated_view', { default: false, help: 'One view across all charge events.' }),
      enm('disposition_type', ['attachment', 'inline'], { default: 'attachment' }),
    ],
  }),
] satisfies readonly EndpointSpec[];
