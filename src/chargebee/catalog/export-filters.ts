/**
 * The nested filter groups of the export triggers (docs/chargebee-api-notes.md#export-filters), each defined once and shared by every
 * export that takes it. Operator sets use the docs' legend; see OPS in builders.ts.
 */
import { fBool, fEnum, fMoney, fNum, fStr, fTs } from './builders';
import {
  AUTO_COLLECTION,
  CANCEL_REASONS,
  CATALOG_STATUSES,
  CHANNELS,
  ITEM_TYPES,
  OFFLINE_PAYMENT_METHODS,
  PERIOD_UNITS,
  PRICE_TYPES,
  SUBSCRIPTION_STATUSES,
  TRANSACTION_GATEWAYS,
  TRANSACTION_PAYMENT_METHODS,
  TRIAL_PERIOD_UNITS,
} from './enum-values';
import type { FilterGroupSpec, FilterSpec } from './types';

const UPDATED_AT_HELP = 'Present only on records changed after 2016-09-28; sort by updated_at for faster results.';
const updatedAt = fTs('updated_at', 'T', { label: 'Updated at', help: UPDATED_AT_HELP });
const channel = fEnum('channel', CHANNELS);
const priceType = fEnum('price_type', PRICE_TYPES);

function group(name: string, label: string, filters: readonly FilterSpec[]): FilterGroupSpec {
  return { name, label, filters };
}

export const customerFilters = group('customer', 'Customer', [
  fStr('id', 'SIN', { label: 'Customer id' }),
  fStr('first_name', 'SP'),
  fStr('last_name', 'SP'),
  fStr('email', 'SP'),
  fStr('company', 'SP'),
  fStr('phone', 'SP'),
  fEnum('auto_collection', AUTO_COLLECTION),
  // The current OpenAPI spec adds zero_rated to the two values the SDK schema lists.
  fEnum('taxability', ['taxable', 'exempt', 'zero_rated']),
  fTs('created_at'),
  updatedAt,
  fEnum('offline_payment_method', OFFLINE_PAYMENT_METHODS),
  fBool('auto_close_invoices'),
  channel,
]);

export const relationshipFilters = group('relationship', 'Account hierarchy', [
  fStr('parent_id', 'S'),
  fStr('payment_owner_id', 'S'),
  fStr('invoice_owner_id', 'S'),
]);

const subscriptionFilterList: readonly FilterSpec[] = [
  fStr('id', 'SIN', { label: 'Subscription id' }),
  fStr('customer_id'),
  fStr('plan_id'),
  // The SDK's revenue-report schemas reuse the invoice statuses here, a generator slip (docs/chargebee-api-notes.md#export-filters).
  fEnum('status', SUBSCRIPTION_STATUSES),
  fEnum('cancel_reason', CANCEL_REASONS, 'EP'),
  fNum('remaining_billing_cycles', 'NP'),
  fTs('created_at'),
  fTs('activated_at', 'TP', { label: 'Activated at', help: 'When the status last changed to active.' }),
  fTs('next_billing_at'),
  fTs('cancelled_at'),
  fBool('has_scheduled_changes'),
  updatedAt,
  fEnum('offline_payment_method', OFFLINE_PAYMENT_METHODS),
  fBool('auto_close_invoices'),
  channel,
];

/** Revenue reports filter subscriptions without `decommissioned`. */
export const subscriptionFilters = group('subscription', 'Subscription', subscriptionFilterList);
export const subscriptionExportFilters = group('subscription', 'Subscription', [...subscriptionFilterList, fBool('decommissioned')]);

const invoiceFilterList: readonly FilterSpec[] = [
  fStr('id', 'SIN', { label: 'Invoice id' }),
  fBool('recurring'),
  fEnum('status', ['paid', 'posted', 'payment_due', 'not_paid', 'voided', 'pending']),
  priceType,
  fTs('date'),
  fTs('paid_at'),
  fMoney('total', 'N', { label: 'Total' }),
  fMoney('amount_paid'),
  fMoney('amount_adjusted'),
  fMoney('credits_applied'),
  fMoney('amount_due'),
  fEnum('dunning_status', ['in_progress', 'exhausted', 'stopped', 'success'], 'EP'),
  updatedAt,
  channel,
];

/** Revenue reports filter invoices without the subscription and customer ids the invoices export has. */
export const invoiceFilters = group('invoice', 'Invoice', invoiceFilterList);
export const invoiceExportFilters = group('invoice', 'Invoice', [
  ...invoiceFilterList.slice(0, 1),
  fStr('subscription_id', 'SPIN'),
  fStr('customer_id'),
  ...invoiceFilterList.slice(1),
]);

export const creditNoteFilters = group('credit_note', 'Credit note', [
  fStr('id', 'SIN', { label: 'Credit note id' }),
  fStr('customer_id'),
  fStr('subscription_id', 'SPIN'),
  fStr('reference_invoice_id', 'SPIN'),
  fEnum('type', ['adjustment', 'refundable', 'store']),
  fEnum('reason_code', [
    'write_off', 'subscription_change', 'subscription_cancellation', 'subscription_pause', 'chargeback',
    'product_unsatisfactory', 'service_unsatisfactory', 'order_change', 'order_cancellation', 'waiver', 'other', 'fraudulent',
  ]),
  fStr('create_reason_code'),
  fEnum('status', ['adjusted', 'refunded', 'refund_due', 'voided']),
  fTs('date'),
  fMoney('total'),
  priceType,
  fMoney('amount_allocated'),
  fMoney('amount_refunded'),
  fMoney('amount_available'),
  fTs('voided_at'),
  updatedAt,
  channel,
]);

export const transactionFilters = group('transaction', 'Transaction', [
  fStr('id', 'SIN', { label: 'Transaction id' }),
  fStr('customer_id', 'SPIN'),
  fStr('subscription_id', 'SPIN'),
  fStr('payment_source_id', 'SPIN'),
  fEnum('payment_method', TRANSACTION_PAYMENT_METHODS),
  fEnum('gateway', TRANSACTION_GATEWAYS),
  fStr('gateway_account_id'),
  fStr('id_at_gateway', 'S'),
  fStr('reference_number', 'SP', { label: 'Reference number', help: 'E.g. the cheque number when payment_method is check.' }),
  fEnum('type', ['authorization', 'payment', 'refund', 'payment_reversal']),
  fTs('date'),
  fMoney('amount'),
  fMoney('amount_capturable'),
  fEnum('status', ['in_progress', 'success', 'voided', 'failure', 'timeout', 'needs_attention', 'late_failure']),
  updatedAt,
]);

export const orderFilters = group('order', 'Order', [
  fStr('id', 'SIN', { label: 'Order id' }),
  fStr('subscription_id', 'SPIN'),
  fStr('customer_id'),
  fEnum('status', [
    'new', 'processing', 'complete', 'cancelled', 'voided', 'queued', 'awaiting_shipment', 'on_hold',
    'delivered', 'shipped', 'partially_delivered', 'returned',
  ]),
  priceType,
  fTs('order_date'),
  fTs('shipping_date'),
  fTs('shipped_at'),
  fTs('delivered_at'),
  fTs('cancelled_at'),
  fMoney('amount_paid'),
  fMoney('refundable_credits'),
  fMoney('refundable_credits_issued'),
  updatedAt,
  fEnum('resent_status', ['fully_resent', 'partially_resent']),
  fBool('is_resent'),
  fStr('original_order_id', 'S'),
]);

export const planFilters = group('plan', 'Plan', [
  fStr('id', 'SIN', { label: 'Plan id' }),
  fStr('name'),
  fMoney('price'),
  fNum('period'),
  fEnum('period_unit', PERIOD_UNITS),
  fNum('trial_period', 'NP'),
  fEnum('trial_period_unit', TRIAL_PERIOD_UNITS),
  fEnum('addon_applicability', ['all', 'restricted']),
  fBool('giftable'),
  fEnum('status', CATALOG_STATUSES),
  updatedAt,
  channel,
]);

export const addonFilters = group('addon', 'Addon', [
  fStr('id', 'SIN', { label: 'Addon id' }),
  fStr('name'),
  fEnum('charge_type', ['recurring', 'non_recurring']),
  fMoney('price'),
  fNum('period'),
  fEnum('period_unit', [...PERIOD_UNITS, 'not_applicable']),
  fEnum('status', CATALOG_STATUSES),
  updatedAt,
  channel,
]);

export const couponFilters = group('coupon', 'Coupon', [
  fStr('id', 'SIN', { label: 'Coupon id' }),
  fStr('name'),
  fEnum('discount_type', ['fixed_amount', 'percentage', 'offer_quantity']),
  fEnum('duration_type', ['one_time', 'forever', 'limited_period']),
  fEnum('status', ['active', 'expired', 'archived', 'deleted', 'future']),
  fEnum('apply_on', ['invoice_amount', 'specified_items_total', 'each_specified_item', 'each_unit_of_specified_items']),
  fTs('created_at'),
  updatedAt,
]);

export const itemFamilyFilters = group('item_family', 'Item family', [
  fStr('id', 'SIN', { label: 'Item family id' }),
  fStr('name', 'S'),
  updatedAt,
]);

export const itemFilters = group('item', 'Item', [
  fStr('id', 'SIN', { label: 'Item id' }),
  fStr('item_family_id'),
  fEnum('type', ITEM_TYPES),
  fStr('name', 'S'),
  fEnum('item_applicability', ['all', 'restricted']),
  fEnum('status', CATALOG_STATUSES),
  fBool('is_giftable'),
  updatedAt,
  fBool('enabled_for_checkout'),
  fBool('enabled_in_portal'),
  fBool('metered', 'B', { label: 'Metered', help: 'When true, the quantity is calculated from usage records.' }),
  fEnum('usage_calculation', ['sum_of_usages', 'last_usage', 'max_usage']),
  channel,
]);

export const itemPriceFilters = group('item_price', 'Item price', [
  fStr('id', 'SIN', { label: 'Item price id' }),
  fStr('name'),
  fEnum('pricing_model', ['flat_fee', 'per_unit', 'tiered', 'volume', 'stairstep']),
  fStr('item_id'),
  fStr('price_variant_id'),
  fNum('trial_period'),
  fEnum('trial_period_unit', TRIAL_PERIOD_UNITS),
  fEnum('status', CATALOG_STATUSES),
  updatedAt,
  fEnum('period_unit', PERIOD_UNITS),
  fNum('period'),
  channel,
]);

export const attachedItemFilters = group('attached_item', 'Attached item', [
  fStr('id', 'SIN', { label: 'Attached item id' }),
  fStr('item_id'),
  fEnum('type', ['recommended', 'mandatory', 'optional']),
  fEnum('charge_on_event', [
    'subscription_creation', 'subscription_trial_start', 'plan_activation', 'subscription_activation', 'contract_termination', 'on_demand',
  ]),
  updatedAt,
  fStr('parent_item_id'),
]);

export const differentialPriceFilters = group('differential_price', 'Differential price', [
  fStr('item_price_id'),
  fStr('id', 'SIN', { label: 'Differential price id' }),
  fStr('parent_item_id'),
]);

export const priceVariantFilters = group('price_variant', 'Price variant', [
  fStr('id', 'SIN', { label: 'Price variant id' }),
  fStr('name'),
  fEnum('status', ['active', 'archived']),
  updatedAt,
  fTs('created_at'),
]);

export const rampFilters = group('ramp', 'Ramp', [
  fEnum('status', ['scheduled', 'succeeded', 'failed', 'draft'], ['is', 'in']),
  fStr('subscription_id', ['is', 'in']),
  fTs('effective_from'),
  updatedAt,
]);
