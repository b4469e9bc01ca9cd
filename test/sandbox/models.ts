/**
 * The records the sandbox stores. They are kept in the exact JSON shape the API returns (with
 * `object`), so serializing is a copy, not a mapping. Only the fields the extension, the filters
 * and the exports use are modelled.
 */
export interface Address {
  first_name?: string;
  last_name?: string;
  email?: string;
  company?: string;
  phone?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  state_code?: string;
  country?: string;
  zip?: string;
  validation_status: string;
  object: 'billing_address' | 'shipping_address';
}

export interface Customer {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  company?: string;
  phone?: string;
  auto_collection: 'on' | 'off';
  net_term_days: number;
  allow_direct_debit: boolean;
  taxability: 'taxable' | 'exempt';
  preferred_currency_code: string;
  channel: 'web';
  auto_close_invoices: boolean;
  offline_payment_method?: string;
  billing_address?: Address;
  card_status: 'no_card' | 'valid';
  pii_cleared: 'active';
  promotional_credits: number;
  refundable_credits: number;
  excess_payments: number;
  unbilled_charges: number;
  created_at: number;
  updated_at: number;
  resource_version: number;
  deleted: boolean;
  object: 'customer';
}

export type PricingModel = 'flat_fee' | 'per_unit' | 'tiered' | 'volume' | 'stairstep';

export interface Plan {
  id: string;
  name: string;
  invoice_name: string;
  price: number;
  currency_code: string;
  period: number;
  period_unit: 'day' | 'week' | 'month' | 'year';
  pricing_model: PricingModel;
  setup_cost?: number;
  trial_period?: number;
  trial_period_unit?: 'day' | 'month';
  status: 'active' | 'archived';
  addon_applicability: 'all' | 'restricted';
  giftable: boolean;
  channel: 'web';
  updated_at: number;
  resource_version: number;
  object: 'plan';
}

export interface Addon {
  id: string;
  name: string;
  invoice_name: string;
  charge_type: 'recurring' | 'non_recurring';
  price: number;
  currency_code: string;
  period?: number;
  period_unit: 'day' | 'week' | 'month' | 'year' | 'not_applicable';
  pricing_model: PricingModel;
  type: 'quantity' | 'on_off';
  status: 'active' | 'archived';
  channel: 'web';
  updated_at: number;
  resource_version: number;
  object: 'addon';
}

export interface ItemFamily {
  id: string;
  name: string;
  description: string;
  status: 'active';
  updated_at: number;
  resource_version: number;
  object: 'item_family';
}

export type ItemType = 'plan' | 'addon' | 'charge';

export interface Item {
  id: string;
  name: string;
  external_name: string;
  item_family_id: string;
  type: ItemType;
  status: 'active' | 'archived';
  item_applicability: 'all' | 'restricted';
  is_giftable: boolean;
  is_shippable: boolean;
  enabled_for_checkout: boolean;
  enabled_in_portal: boolean;
  metered: boolean;
  channel: 'web';
  updated_at: number;
  resource_version: number;
  object: 'item';
}

export interface ItemPrice {
  id: string;
  name: string;
  external_name: string;
  item_id: string;
  item_family_id: string;
  item_type: ItemType;
  status: 'active' | 'archived';
  pricing_model: PricingModel;
  price: number;
  currency_code: string;
  period?: number;
  period_unit?: 'day' | 'week' | 'month' | 'year';
  trial_period?: number;
  trial_period_unit?: 'day' | 'month';
  free_quantity: number;
  is_taxable: boolean;
  channel: 'web';
  created_at: number;
  updated_at: number;
  resource_version: number;
  object: 'item_price';
}

export interface Coupon {
  id: string;
  name: string;
  discount_type: 'percentage' | 'fixed_amount';
  discount_percentage?: number;
  discount_amount?: number;
  currency_code?: string;
  duration_type: 'one_time' | 'forever' | 'limited_period';
  duration_month?: number;
  status: 'active' | 'expired' | 'archived';
  apply_on: 'invoice_amount';
  created_at: number;
  updated_at: number;
  resource_version: number;
  object: 'coupon';
}

export interface SubscriptionItem {
  item_price_id: string;
  item_type: ItemType;
  quantity: number;
  unit_price: number;
  amount: number;
  object: 'subscription_item';
}

export interface SubscriptionAddon {
  id: string;
  quantity: number;
  unit_price: number;
  amount: number;
  object: 'addon';
}

export type SubscriptionStatus = 'future' | 'in_trial' | 'active' | 'non_renewing' | 'paused' | 'cancelled';

export interface Subscription {
  id: string;
  customer_id: string;
  currency_code: string;
  status: SubscriptionStatus;
  /** PC1 only. */
  plan_id?: string;
  plan_quantity?: number;
  plan_unit_price?: number;
  plan_amount?: number;
  addons?: SubscriptionAddon[];
  /** PC2 only. */
  subscription_items?: SubscriptionItem[];
  coupons?: { coupon_id: string; applied_count: number; object: 'coupon' }[];
  billing_period: number;
  billing_period_unit: 'day' | 'week' | 'month' | 'year';
  current_term_start?: number;
  current_term_end?: number;
  next_billing_at?: number;
  remaining_billing_cycles?: number;
  po_number?: string;
  auto_collection?: 'on' | 'off';
  started_at?: number;
  activated_at?: number;
  cancelled_at?: number;
  cancel_reason?: string;
  has_scheduled_changes: boolean;
  auto_close_invoices: boolean;
  channel: 'web';
  mrr: number;
  due_invoices_count: number;
  created_at: number;
  updated_at: number;
  resource_version: number;
  deleted: boolean;
  object: 'subscription';
}

export interface LineItem {
  id: string;
  date_from: number;
  date_to: number;
  unit_amount: number;
  quantity: number;
  amount: number;
  pricing_model: PricingModel;
  is_taxed: boolean;
  tax_amount: number;
  discount_amount: number;
  item_level_discount_amount: number;
  description: string;
  entity_type: string;
  entity_id?: string;
  subscription_id?: string;
  customer_id: string;
  object: 'line_item';
}

export type DiscountEntityType = 'item_level_coupon' | 'document_level_coupon' | 'item_level_discount' | 'document_level_discount';

export interface Discount {
  amount: number;
  description: string;
  entity_type: DiscountEntityType;
  discount_type?: 'fixed_amount' | 'percentage';
  entity_id?: string;
  object: 'discount';
}

export interface LineItemDiscount {
  line_item_id: string;
  discount_type: DiscountEntityType;
  coupon_id?: string;
  entity_id?: string;
  discount_amount: number;
  object: 'line_item_discount';
}

/** The priced part shared by quotes, quote line groups and invoices. */
export interface PricedDocument {
  sub_total: number;
  total: number;
  credits_applied: number;
  amount_paid: number;
  amount_due: number;
  line_items: LineItem[];
  discounts: Discount[];
  line_item_discounts: LineItemDiscount[];
  taxes: never[];
  line_item_taxes: never[];
}

export type QuoteStatus = 'open' | 'accepted' | 'declined' | 'invoiced' | 'closed';
export type QuoteOperation = 'create_subscription_for_customer' | 'change_subscription' | 'onetime_invoice';

export interface Quote extends PricedDocument {
  id: string;
  name?: string;
  po_number?: string;
  customer_id: string;
  subscription_id?: string;
  invoice_id?: string;
  status: QuoteStatus;
  operation_type: QuoteOperation;
  price_type: 'tax_exclusive';
  valid_till: number;
  date: number;
  version: number;
  currency_code: string;
  notes?: { note: string; object: 'note' }[];
  billing_address?: Address;
  shipping_address?: Address;
  vat_number?: string;
  updated_at: number;
  resource_version: number;
  deleted: boolean;
  object: 'quote';
  /** Custom fields, returned inline as Chargebee does (`cf_region: "EU"`). */
  [customField: `cf_${string}`]: string;
}

export interface QuotedSubscription {
  id: string;
  plan_id?: string;
  plan_quantity?: number;
  plan_unit_price?: number;
  setup_fee?: number;
  addons?: SubscriptionAddon[];
  subscription_items?: SubscriptionItem[];
  coupons: { coupon_id: string; object: 'coupon' }[];
  billing_cycles?: number;
  start_date?: number;
  trial_end?: number;
  po_number?: string;
  change_option?: string;
  object: 'quoted_subscription';
}

export interface QuotedCharge {
  charges: { amount: number; description?: string; object: 'charge' }[];
  addons: { id: string; quantity: number; unit_price: number; object: 'addon' }[];
  invoice_items: { item_price_id: string; quantity: number; unit_price: number; object: 'invoice_item' }[];
  coupons: { coupon_id: string; object: 'coupon' }[];
  object: 'quoted_charge';
}

/** A quote with its related objects and the bookkeeping the API does not show. */
export type ChargeEvent = 'immediate' | 'subscription_creation' | 'trial_start' | 'subscription_change' | 'subscription_renewal' | 'subscription_cancel';

/** One charge event of a quote (GET /quotes/{id}/quote_line_groups), priced on its own. */
export interface QuoteLineGroup extends PricedDocument {
  id: string;
  version: number;
  charge_event: ChargeEvent;
  billing_cycle_number: number;
  object: 'quote_line_group';
}

export interface StoredQuote {
  quote: Quote;
  quotedSubscription?: QuotedSubscription;
  quotedCharge?: QuotedCharge;
  catalog: 1 | 2;
  /** Set for multi-term quotes (terms_to_charge > 1); the first group is the one inlined in the quote. */
  lineGroups?: QuoteLineGroup[];
}

export interface Invoice extends PricedDocument {
  id: string;
  customer_id: string;
  subscription_id?: string;
  recurring: boolean;
  status: 'paid' | 'posted' | 'payment_due' | 'not_paid' | 'voided' | 'pending';
  price_type: 'tax_exclusive';
  date: number;
  due_date: number;
  paid_at?: number;
  currency_code: string;
  tax: number;
  amount_adjusted: number;
  write_off_amount: number;
  dunning_status?: 'in_progress' | 'exhausted' | 'stopped' | 'success';
  channel: 'web';
  first_invoice: boolean;
  updated_at: number;
  resource_version: number;
  deleted: boolean;
  object: 'invoice';
}

export interface CreditNote {
  id: string;
  customer_id: string;
  subscription_id?: string;
  reference_invoice_id: string;
  type: 'adjustment' | 'refundable';
  reason_code: string;
  create_reason_code: string;
  status: 'adjusted' | 'refunded' | 'refund_due' | 'voided';
  date: number;
  total: number;
  amount_allocated: number;
  amount_refunded: number;
  amount_available: number;
  currency_code: string;
  price_type: 'tax_exclusive';
  channel: 'web';
  updated_at: number;
  object: 'credit_note';
}

export interface Transaction {
  id: string;
  customer_id: string;
  subscription_id?: string;
  gateway_account_id: string;
  payment_source_id?: string;
  id_at_gateway: string;
  reference_number?: string;
  payment_method: string;
  gateway: string;
  type: 'payment' | 'refund';
  date: number;
  amount: number;
  amount_capturable: number;
  currency_code: string;
  status: 'success' | 'failure' | 'voided';
  updated_at: number;
  object: 'transaction';
}

export interface Order {
  id: string;
  customer_id: string;
  subscription_id?: string;
  invoice_id: string;
  status: string;
  price_type: 'tax_exclusive';
  order_date: number;
  shipping_date?: number;
  total: number;
  amount_paid: number;
  refundable_credits: number;
  refundable_credits_issued: number;
  currency_code: string;
  is_resent: boolean;
  updated_at: number;
  object: 'order';
}

export interface AttachedItem {
  id: string;
  item_id: string;
  parent_item_id: string;
  type: 'recommended' | 'mandatory' | 'optional';
  charge_on_event?: string;
  item_type: ItemType;
  quantity: number;
  status: 'active';
  created_at: number;
  updated_at: number;
  object: 'attached_item';
}

export interface DifferentialPrice {
  id: string;
  item_price_id: string;
  parent_item_id: string;
  price: number;
  currency_code: string;
  item_id: string;
  status: 'active';
  updated_at: number;
  object: 'differential_price';
}

export interface PriceVariant {
  id: string;
  name: string;
  external_name: string;
  status: 'active' | 'archived';
  created_at: number;
  updated_at: number;
  object: 'price_variant';
}

export interface Ramp {
  id: string;
  subscription_id: string;
  status: 'scheduled' | 'succeeded' | 'failed' | 'draft';
  effective_from: number;
  description: string;
  created_at: number;
  updated_at: number;
  object: 'ramp';
}

export interface UnbilledChargeTier {
  starting_unit?: number;
  ending_unit?: number;
  quantity_used?: number;
  unit_amount?: number;
  object: 'tier';
}

export interface UnbilledCharge {
  id: string;
  customer_id: string;
  subscription_id: string;
  date_from: number;
  date_to: number;
  unit_amount?: number;
  pricing_model?: PricingModel;
  quantity?: number;
  amount: number;
  currency_code: string;
  discount_amount: number;
  description?: string;
  entity_type: string;
  entity_id?: string;
  is_voided: boolean;
  use_for_proration: boolean;
  is_advance_charge: boolean;
  tiers: UnbilledChargeTier[];
  created_at: number;
  updated_at: number;
  deleted: boolean;
  object: 'unbilled_charge';
}

export interface ExportFile {
  name: string;
  csv: string;
}

export interface ExportJob {
  id: string;
  operation_type: string;
  mime_type: 'zip';
  created_at: number;
  /** Sandbox time at which the job leaves in_process. */
  finishesAt: number;
  fails: boolean;
  /** The filtered records, snapshotted at trigger time. */
  files: ExportFile[];
  /** Secret part of the download URL. */
  token: string;
}
