/**
 * Request groups and fields shared by the quote create/edit bodies (docs/chargebee-api-notes.md#quote-bodies). Limits follow the
 * seed docs and the SDK's generated schemas; where they disagree the stricter current value wins, so
 * a request this catalog accepts is one the live API accepts too.
 */
import { bool, dec, enm, int, list, money, num, object, str, ts, values, withOpts, without } from './builders';
import { AUTO_COLLECTION, OFFLINE_PAYMENT_METHODS, PERIOD_UNITS } from './enum-values';
import type { FieldSpec, GroupSpec, ParamSpec } from './types';

export const EVENTS = ['subscription_creation', 'subscription_trial_start', 'plan_activation', 'subscription_activation', 'contract_termination'] as const;

// ---- top-level fields ----

export const quoteName = str('name', 100, { label: 'Quote name', help: 'Used as the name of the quote PDF.' });
/** Up to the SDK's 10000 characters: the API reference page says 2000, the API itself takes what its schema does. */
export const notes = str('notes', 10000, { label: 'Notes', help: 'Shown on the quote.' });
export const expiresAt = ts('expires_at', { label: 'Expires at', help: 'Becomes valid_till; after it the quote is closed.' });
export const poNumber = str('po_number', 100, { label: 'PO number', help: 'Purchase order number for this quote.' });
export const currencyCode = str('currency_code', 3, { label: 'Currency', help: 'ISO 4217 code; required when multi-currency is enabled.' });
export const coupon = str('coupon', 100, { label: 'Coupon', help: "The 'One Time' coupon to apply.", picker: 'coupon' });
export const couponIds = values('coupon_ids', { type: 'string', maxLength: 100, picker: 'coupon' }, {
  label: 'Coupons',
  help: 'Coupon ids or coupon codes.',
});
export const billingCycles = int('billing_cycles', {
  label: 'Billing cycles',
  min: 0,
  help: 'Number of billing cycles to charge; the subscription is cancelled after them.',
});
export const termsToCharge = int('terms_to_charge', { label: 'Terms to charge', min: 1, help: 'Future renewals to invoice in advance.' });
export const billingAlignmentMode = enm('billing_alignment_mode', ['immediate', 'delayed'], {
  label: 'Billing alignment',
  help: 'With calendar billing: align the period now or at a later renewal.',
});
export const netTermDays = int('net_term_days', { label: 'Net term days', help: 'Days after the invoice date by which payment is due.' });
export const mandatoryAddonsToRemove = values('mandatory_addons_to_remove', { type: 'string', maxLength: 100, picker: 'addon' }, {
  label: 'Mandatory addons to remove',
});
export const mandatoryItemsToRemove = values('mandatory_items_to_remove', { type: 'string', maxLength: 100, picker: 'item' }, {
  label: 'Mandatory items to remove',
});

/** Flags shared by the two "update subscription" quote kinds (docs/chargebee-api-notes.md#quote-bodies). */
export const updateFlags: readonly FieldSpec[] = [
  bool('replace_coupon_list', { default: false, help: 'Replace the existing coupons with the ones passed.' }),
  enm('change_option', ['immediately', 'end_of_term', 'specific_date'], { label: 'Apply changes', help: 'When the change takes effect.' }),
  ts('changes_scheduled_at', { help: 'With change_option=specific_date: when the change happens.' }),
  bool('force_term_reset', { default: false, help: 'Active and non-renewing subscriptions only: start a new term now.' }),
  bool('reactivate', { help: 'Cancelled subscriptions only: reactivate with this change.' }),
  ts('reactivate_from', { help: 'When a cancelled subscription should be reactivated.' }),
];

// ---- address and contract groups ----

function addressFields(): FieldSpec[] {
  return [
    str('first_name', 150),
    str('last_name', 150),
    str('email', 70),
    str('company', 250),
    str('phone', 50),
    // The older seed page allows 180 for shipping line1; the current schema says 150 for every line.
    str('line1', 150, { label: 'Address line 1' }),
    str('line2', 150, { label: 'Address line 2' }),
    str('line3', 150, { label: 'Address line 3' }),
    str('city', 50),
    str('state_code', 50, { label: 'State code', help: 'ISO 3166-2 code without the country prefix, e.g. AZ.' }),
    str('state', 50),
    str('zip', 20, { label: 'Zip / postal code' }),
    str('country', 50, { help: '2-letter ISO 3166 alpha-2 code.' }),
    enm('validation_status', ['not_validated', 'valid', 'partially_valid', 'invalid'], { default: 'not_validated' }),
  ];
}

export const billingAddress = object('billing_address', addressFields(), { label: 'Billing address' });
export const shippingAddress = object('shipping_address', addressFields(), { label: 'Shipping address' });

const contractTermFields = (actions: readonly string[]): FieldSpec[] => [
  enm('action_at_term_end', actions, { label: 'At term end' }),
  int('cancellation_cutoff_period', { help: 'Days before term end after which cancellation is not allowed.' }),
];
export const contractTermCreate = object('contract_term', contractTermFields(['renew', 'evergreen', 'cancel']), { label: 'Contract term' });
export const contractTermUpdate = object('contract_term', contractTermFields(['renew', 'evergreen', 'cancel', 'renew_once']), { label: 'Contract term' });

export const customerTax = object('customer', [
  str('vat_number', 20, { label: 'VAT number', help: 'No VIES validation happens for this value.' }),
  str('vat_number_prefix', 10, { label: 'VAT number prefix', help: 'XI or GB override.' }),
  bool('registered_for_gst', { label: 'Registered for GST', help: 'Australia only.' }),
], { label: 'Customer' });

// ---- PC1 subscription fields ----

export const subscriptionId = (required: boolean, picker?: 'subscription'): FieldSpec =>
  str('id', 50, {
    label: 'Subscription id',
    required,
    ...(picker ? { picker, help: 'The subscription to change.' } : { help: 'Id for the new subscription; generated when empty.' }),
  });

const offlinePaymentMethod = enm('offline_payment_method', OFFLINE_PAYMENT_METHODS);
const contractCycles = int('contract_term_billing_cycle_on_renewal', { min: 1, max: 100, label: 'Contract billing cycles on renewal' });
const planId = (required: boolean) => str('plan_id', 100, { label: 'Plan', required, picker: 'plan' });
const planQuantity = int('plan_quantity', { min: 1, default: 1, label: 'Plan quantity' });
const planUnitPrice = money('plan_unit_price', { min: 0, label: 'Plan unit price', help: "Overrides the plan's price." });
const setupFee = money('setup_fee', { min: 0, label: 'Setup fee', help: 'Overrides the default setup fee.' });
const trialEnd = ts('trial_end', { label: 'Trial end', zeroMeans: 'No trial: activate now' });
/** What both catalogs' change-a-subscription quotes take after their plan or item fields. */
const changedSubscriptionFields = [
  ts('start_date', { help: 'Future subscriptions only: the new start date.' }),
  trialEnd,
  str('coupon', 100, { picker: 'coupon', help: 'Deprecated; use coupon_ids.' }),
  enm('auto_collection', AUTO_COLLECTION),
  offlinePaymentMethod,
  contractCycles,
];

export const pc1CreateSubscription = object('subscription', [
  subscriptionId(false),
  str('po_number', 100, { label: 'PO number' }),
  planId(true),
  planQuantity,
  dec('plan_quantity_in_decimal', 33),
  planUnitPrice,
  dec('plan_unit_price_in_decimal', 39),
  setupFee,
  trialEnd,
  ts('start_date', { help: 'Future date, or a past date within the current term; empty starts now.' }),
  offlinePaymentMethod,
  contractCycles,
], { label: 'Subscription' });

export const pc1UpdateSubscription = object('subscription', [
  subscriptionId(true, 'subscription'),
  planId(false),
  planQuantity,
  planUnitPrice,
  setupFee,
  dec('plan_quantity_in_decimal', 33),
  dec('plan_unit_price_in_decimal', 39),
  ...changedSubscriptionFields,
], { label: 'Subscription' });

// ---- PC1 addon rows ----

const addonId = str('id', 100, { label: 'Addon', picker: 'addon' });
const quantity = int('quantity', { min: 1, label: 'Quantity' });
const unitPrice = money('unit_price', { min: 0, label: 'Unit price', help: "Overrides the default price." });

export const addons = (withTrialAndCycles: boolean): GroupSpec =>
  list('addons', [
    addonId,
    withOpts(quantity, { default: 1 }),
    dec('quantity_in_decimal', 33),
    unitPrice,
    dec('unit_price_in_decimal', 39),
    ...(withTrialAndCycles
      ? [int('billing_cycles', { min: 0, help: 'Billing cycles the addon is charged for.' }), ts('trial_end', { help: 'Needs enabling by Chargebee support.' })]
      : [int('service_period', { help: 'Service period of the addon, in days.' })]),
  ], { label: 'Addons' });

export const eventBasedAddons = list('event_based_addons', [
  addonId,
  quantity,
  unitPrice,
  dec('quantity_in_decimal', 33),
  dec('unit_price_in_decimal', 39),
  int('service_period_in_days', { min: 1, max: 4000 }),
  enm('on_event', EVENTS, { help: 'The event on which the addon is charged.' }),
  bool('charge_once', { default: true, help: 'Charge only at the first occurrence of the event.' }),
  enm('charge_on', ['immediately', 'on_event']),
], { label: 'Event-based addons' });

// ---- one-time charges (PC1 and PC2) ----

export const charges = list('charges', [
  money('amount', { min: 1, label: 'Amount' }),
  dec('amount_in_decimal', 39),
  str('description', 250, { label: 'Description' }),
  enm('avalara_sale_type', ['wholesale', 'retail', 'consumed', 'vendor_use']),
  int('avalara_transaction_type'),
  int('avalara_service_type'),
  int('service_period', { help: 'Service period of the charge, in days.' }),
], { label: 'Charges' });

export const taxProvidersFields = list('tax_providers_fields', [
  str('provider_name', 50),
  str('field_id', 50),
  str('field_value', 50),
], { label: 'Tax provider fields' });

// ---- PC2 ----

const itemPriceId = (required = false) => str('item_price_id', 100, { label: 'Item price', picker: 'item_price', required });

export const pc2CreateSubscription = object('subscription', [
  subscriptionId(false),
  str('po_number', 100, { label: 'PO number' }),
  trialEnd,
  withOpts(setupFee, { deprecated: true }),
  ts('start_date', { help: 'Future date, or a past date within the current term; empty starts now.' }),
  offlinePaymentMethod,
  contractCycles,
  int('free_period', { min: 1 }),
  enm('free_period_unit', PERIOD_UNITS),
], { label: 'Subscription' });

export const pc2UpdateSubscription = object('subscription', [
  subscriptionId(true, 'subscription'),
  withOpts(setupFee, { deprecated: true }),
  ...changedSubscriptionFields,
], { label: 'Subscription' });

export const subscriptionItems = list('subscription_items', [
  itemPriceId(true),
  withOpts(quantity, { help: 'For quantity-based item prices.' }),
  dec('quantity_in_decimal', 33),
  unitPrice,
  dec('unit_price_in_decimal', 39),
  int('billing_cycles', { min: 0 }),
  trialEnd,
  int('service_period_days', { min: 1, max: 730 }),
  enm('charge_on_event', EVENTS),
  bool('charge_once'),
  enm('item_type', ['plan', 'addon', 'charge'], { deprecated: true }),
  enm('charge_on_option', ['immediately', 'on_event']),
  ts('start_date'),
  ts('end_date'),
  str('description', 2000),
  str('ramp_tier_id', 105),
], { label: 'Items', required: true });

const discountCommon: readonly FieldSpec[] = [
  enm('apply_on', ['invoice_amount', 'specific_item_price'], { help: 'What the discount applies to.' }),
  enm('duration_type', ['one_time', 'forever', 'limited_period'], { required: true }),
  num('percentage', { min: 0.01, max: 100, help: 'Percentage discount (0.01 to 100).' }),
  money('amount', { min: 0, help: 'Fixed discount amount.' }),
  int('period', { min: 1, help: 'With limited_period: how long the discount lasts.' }),
  enm('period_unit', PERIOD_UNITS),
  bool('included_in_mrr'),
  itemPriceId(),
  int('quantity', { min: 1 }),
  ts('start_date'),
  ts('end_date'),
];
export const discountsCreate = list('discounts', discountCommon, { label: 'Discounts' });
export const discountsUpdate = list('discounts', [
  ...discountCommon,
  enm('operation_type', ['add', 'remove'], { required: true }),
  str('id', 50, { label: 'Discount id', help: 'The discount to remove.' }),
], { label: 'Discounts' });
/** One-time charges quotes take a smaller discount row where apply_on is the required field. */
export const discountsForCharges = list('discounts', [
  num('percentage', { min: 0.01, max: 100 }),
  int('quantity', { min: 1 }),
  money('amount', { min: 0 }),
  enm('apply_on', ['invoice_amount', 'specific_item_price'], { required: true }),
  itemPriceId(),
], { label: 'Discounts' });

const itemTierFields: readonly FieldSpec[] = [
  itemPriceId(),
  int('starting_unit', { min: 1 }),
  int('ending_unit'),
  money('price', { min: 0 }),
  dec('starting_unit_in_decimal', 33),
  dec('ending_unit_in_decimal', 33),
  dec('price_in_decimal', 39),
  enm('pricing_type', ['per_unit', 'flat_fee', 'package']),
  int('package_size', { min: 1 }),
  str('ramp_tier_id', 105),
];
export const itemTiers = list('item_tiers', itemTierFields, { label: 'Item tiers' });
export const itemTiersNoRamp = list('item_tiers', without(itemTierFields, ['ramp_tier_id']), { label: 'Item tiers' });

export const coupons = list('coupons', [
  str('id', 100, { label: 'Coupon', picker: 'coupon' }),
  ts('start_date'),
  ts('end_date'),
], { label: 'Coupons (scheduled)' });

export const entitlementOverrides = list('entitlement_overrides', [
  str('feature_id', 50),
  str('entity_id', 100),
  enm('entity_type', ['plan_price', 'addon_price', 'charge_price', 'charge']),
  str('value', 50),
  bool('is_enabled'),
  ts('start_date'),
  ts('end_date'),
], { label: 'Entitlement overrides' });

export const itemPrices = list('item_prices', [
  itemPriceId(),
  int('quantity', { min: 1 }),
  dec('quantity_in_decimal', 33),
  unitPrice,
  dec('unit_price_in_decimal', 39),
  int('service_period_days', { min: 1, max: 730 }),
], { label: 'Charge items' });

export const billingStartOption = enm('billing_start_option', ['immediately', 'on_specific_date'], {
  help: 'CPQ only.',
  default: 'on_specific_date',
});

/** A convenience for the quote files: the body of a create endpoint as one readonly list. */
export type Body = readonly ParamSpec[];
