/**
 * How a quote form reads: the essentials open (who the quote is for, what is sold, coupons, expiry),
 * then advanced parts closed: manual discounts, item options, billing terms, addresses, entitlements. One order serves all twelve
 * endpoints: buildFormModel skips the names an endpoint does not have and drops empty sections.
 */
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { FormModelOptions } from '../../forms/model';

const SECTIONS: FormModelOptions['sections'] = [
  // Essentials, open: who the quote is for, what is sold, coupons, expiry.
  { title: 'Quote', params: ['customer_id', 'currency_code', 'expires_at'] },
  { title: 'Subscription', params: ['subscription', 'change_option', 'changes_scheduled_at'] },
  { title: 'Items', params: ['subscription_items', 'item_prices', 'replace_items_list'] },
  { title: 'Addons', params: ['addons', 'replace_addon_list'] },
  { title: 'One-time charges', params: ['charges'] },
  { title: 'Coupons', params: ['coupon_ids', 'replace_coupon_list'] },
  { title: 'Name and notes', params: ['name', 'po_number', 'notes'] },
  // Advanced, closed (each heading counts what is filled in it).
  { title: 'Discounts and coupon periods', params: ['discounts', 'coupons', 'coupon'], collapsed: true },
  { title: 'More item and addon options', params: ['event_based_addons', 'item_tiers', 'mandatory_items_to_remove', 'mandatory_addons_to_remove'], collapsed: true },
  {
    title: 'Billing and term',
    params: ['billing_start_option', 'billing_cycles', 'terms_to_charge', 'billing_alignment_mode', 'net_term_days', 'contract_term', 'force_term_reset', 'reactivate', 'reactivate_from'],
    collapsed: true,
  },
  { title: 'Addresses and tax', params: ['billing_address', 'shipping_address', 'customer', 'tax_providers_fields'], collapsed: true },
  { title: 'Entitlement overrides', params: ['entitlement_overrides'], collapsed: true },
  { title: 'Custom fields', params: ['custom_fields'], collapsed: true },
];

/** Moments people pick to the minute; other dates are days (sent as 00:00 UTC). */
const DATE_TIME = ['expires_at', 'changes_scheduled_at', 'reactivate_from'];

/** Edits name their quote in the path; the form does not ask for it again. */
export function quoteFormOptions(catalogVersion: ProductCatalog, multiDecimal: boolean, mode: 'create' | 'edit'): FormModelOptions {
  return { catalogVersion, multiDecimal, sections: SECTIONS, dateTime: DATE_TIME, ...(mode === 'edit' ? { hide: ['quote_id'] } : {}) };
}
