/**
 * How a quote form reads: who the quote is for first, then what is sold (plan or items, addons,
 * charges), then discounts, billing terms, addresses, and notes last. One order serves all twelve
 * endpoints: buildFormModel skips the names an endpoint does not have and drops empty sections.
 */
import type { ProductCatalog } from '../../chargebee/catalog/types';
import type { FormModelOptions } from '../../forms/model';

const SECTIONS: FormModelOptions['sections'] = [
  { title: 'Quote', params: ['customer_id', 'name', 'currency_code', 'po_number', 'expires_at'] },
  { title: 'Subscription', params: ['subscription', 'change_option', 'changes_scheduled_at', 'billing_start_option'] },
  { title: 'Items', params: ['subscription_items', 'item_prices', 'replace_items_list', 'mandatory_items_to_remove', 'item_tiers'] },
  { title: 'Addons', params: ['addons', 'replace_addon_list', 'event_based_addons', 'mandatory_addons_to_remove'] },
  { title: 'One-time charges', params: ['charges'] },
  { title: 'Coupons and discounts', params: ['coupon_ids', 'coupon', 'replace_coupon_list', 'coupons', 'discounts'] },
  { title: 'Billing and term', params: ['billing_cycles', 'terms_to_charge', 'billing_alignment_mode', 'net_term_days', 'contract_term', 'force_term_reset', 'reactivate', 'reactivate_from'] },
  { title: 'Addresses and tax', params: ['billing_address', 'shipping_address', 'customer', 'tax_providers_fields', 'entitlement_overrides'] },
  { title: 'Notes', params: ['notes'] },
  { title: 'Custom fields', params: ['custom_fields'] },
];

/** Moments people pick to the minute; other dates are days (sent as 00:00 UTC). */
const DATE_TIME = ['expires_at', 'changes_scheduled_at', 'reactivate_from'];

/** Edits name their quote in the path; the form does not ask for it again. */
export function quoteFormOptions(catalogVersion: ProductCatalog, multiDecimal: boolean, mode: 'create' | 'edit'): FormModelOptions {
  return { catalogVersion, multiDecimal, sections: SECTIONS, dateTime: DATE_TIME, ...(mode === 'edit' ? { hide: ['quote_id'] } : {}) };
}
