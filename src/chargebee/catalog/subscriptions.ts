/**
 * POST /subscriptions/{subscription_id}/import_unbilled_charges (docs/chargebee-api-notes.md#unbilled-charges): charges recorded elsewhere,
 * invoiced at the next renewal. `discounts` and `tiers` rows point at a charge row through its `id`.
 */
import { bool, dec, enm, int, list, money, str, ts } from './builders';
import type { EndpointSpec, PickerKind, ProductCatalog } from './types';

/** unbilled_charges[entity_type] (the SDK's `EntityTypeEnum` subset for this call). */
export const UNBILLED_ENTITY_TYPES = ['adhoc', 'plan_item_price', 'addon_item_price', 'charge_item_price', 'plan_setup', 'plan', 'addon'] as const;
export type UnbilledEntityType = (typeof UNBILLED_ENTITY_TYPES)[number];
/** An entity type that names a catalog entity: every one but adhoc. */
export type UnbilledEntityKind = Exclude<UnbilledEntityType, 'adhoc'>;

/** Which product catalog an entity type belongs to: plans and addons are 1.0, item prices 2.0. */
export const UNBILLED_ENTITY_CATALOG: Readonly<Record<UnbilledEntityKind, ProductCatalog>> = {
  plan: 1,
  plan_setup: 1,
  addon: 1,
  plan_item_price: 2,
  addon_item_price: 2,
  charge_item_price: 2,
};

/** The picker for a charge's entity_id by its entity_type; adhoc charges have no entity. */
export const UNBILLED_ENTITY_PICKER: Readonly<Record<UnbilledEntityKind, PickerKind>> = {
  plan: 'plan',
  plan_setup: 'plan',
  addon: 'addon',
  plan_item_price: 'item_price',
  addon_item_price: 'item_price',
  charge_item_price: 'item_price',
};

/** The discount and tier rows' charge id is picked among the form's own charge rows. */
export const CHARGE_ROW_PICKER = 'charge_row' satisfies PickerKind;
const DISCOUNT_ENTITY_TYPES = ['item_level_coupon', 'document_level_coupon', 'item_level_discount', 'document_level_discount'];
const chargeRef = (required: boolean) =>
  str('unbilled_charge_id', 40, { label: 'Charge id', required, help: 'The id given to the unbilled charge row this belongs to.' });

const unbilledCharges = list('unbilled_charges', [
  str('id', 40, { label: 'Charge id', help: 'Your id for this row, to link discounts and tiers to it.' }),
  ts('date_from', { required: true, label: 'From', help: 'Start date of this charge.' }),
  ts('date_to', { required: true, label: 'To', help: 'End date of this charge.' }),
  enm('entity_type', UNBILLED_ENTITY_TYPES, { required: true, label: 'Entity type' }),
  // The docs only say entity_id "will be null for adhoc"; nothing makes it required for other types.
  str('entity_id', 100, { label: 'Entity id', help: 'The plan, addon or item price charged; empty for adhoc.' }),
  str('description', 250),
  money('unit_amount', { min: 0, label: 'Unit amount' }),
  int('quantity', { min: 0 }),
  money('amount', { min: 0, help: 'Typically unit amount x quantity.' }),
  money('discount_amount', { min: 0, label: 'Discount amount' }),
  dec('unit_amount_in_decimal', 39),
  dec('quantity_in_decimal', 33),
  dec('amount_in_decimal', 39),
  bool('use_for_proration', { default: false, help: "Used for proration when inside the subscription's current term." }),
  bool('is_advance_charge', { default: false, help: 'A recurring charge for a future term.' }),
], { label: 'Unbilled charges' });

const discounts = list('discounts', [
  chargeRef(false),
  enm('entity_type', DISCOUNT_ENTITY_TYPES, { label: 'Entity type' }),
  str('entity_id', 100, {
    label: 'Coupon',
    picker: 'coupon',
    help: 'The coupon id, for coupon discounts.',
    requiredWhen: { field: 'entity_type', in: ['item_level_coupon', 'document_level_coupon'] },
  }),
  str('description', 250),
  money('amount', { required: true, min: 0, help: 'The amount deducted.' }),
], { label: 'Discounts' });

const tiers = list('tiers', [
  chargeRef(true),
  int('starting_unit', { min: 0 }),
  int('ending_unit'),
  int('quantity_used', { min: 0 }),
  money('unit_amount', { min: 0, help: 'Per-unit price for tiered/volume, total price for stairstep.' }),
  dec('starting_unit_in_decimal', 33),
  dec('ending_unit_in_decimal', 33),
  dec('quantity_used_in_decimal', 33),
  dec('unit_amount_in_decimal', 40),
], { label: 'Tiers' });

export const subscriptionEndpoints = [
  {
    id: 'subscriptions.import_unbilled_charges' as const,
    method: 'POST',
    path: '/subscriptions/{subscription_id}/import_unbilled_charges',
    title: 'Import unbilled charges',
    description: 'Charges recorded elsewhere, invoiced at the next renewal. Live sites need it enabled by Chargebee support.',
    pathParams: [str('subscription_id', 50, { label: 'Subscription', required: true, picker: 'subscription' })],
    params: [unbilledCharges, discounts, tiers],
    response: 'unbilled_charges',
  },
  {
    id: 'unbilled_charges.invoice_unbilled_charges' as const,
    method: 'POST',
    path: '/unbilled_charges/invoice_unbilled_charges',
    title: 'Invoice unbilled charges now',
    description: "Invoices the pending charges of a subscription (or a customer) now instead of at the next renewal.",
    params: [str('subscription_id', 50, { label: 'Subscription', picker: 'subscription' }), str('customer_id', 50, { label: 'Customer', picker: 'customer' })],
    response: 'invoices',
  },
  {
    id: 'unbilled_charges.delete' as const,
    method: 'POST',
    path: '/unbilled_charges/{unbilled_charge_id}/delete',
    title: 'Delete an unbilled charge',
    pathParams: [str('unbilled_charge_id', 50, { label: 'Unbilled charge', required: true })],
    params: [],
    response: 'unbilled_charge',
  },
] satisfies readonly EndpointSpec[];
