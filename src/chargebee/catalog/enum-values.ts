/**
 * Enumerations shared by several catalog files. The two long transaction lists follow the values the
 * official SDK's generated schemas carry (docs/chargebee-api-notes.md#export-filters only says "60+ values"); the API may add more, so a
 * value missing here is a catalog update, not a user error to argue with.
 */

export const CHANNELS = ['web', 'app_store', 'play_store'] as const;
export const PRICE_TYPES = ['tax_exclusive', 'tax_inclusive'] as const;
export const AUTO_COLLECTION = ['on', 'off'] as const;
export const PERIOD_UNITS = ['day', 'week', 'month', 'year'] as const;
export const TRIAL_PERIOD_UNITS = ['day', 'month'] as const;
export const CATALOG_STATUSES = ['active', 'archived', 'deleted'] as const;
export const ITEM_TYPES = ['plan', 'addon', 'charge'] as const;
export const EXPORT_TYPES = ['data', 'import_friendly_data'] as const;

export const OFFLINE_PAYMENT_METHODS = [
  'no_preference', 'cash', 'check', 'bank_transfer', 'ach_credit', 'sepa_credit', 'boleto',
  'us_automated_bank_transfer', 'eu_automated_bank_transfer', 'uk_automated_bank_transfer',
  'jp_automated_bank_transfer', 'mx_automated_bank_transfer', 'custom',
] as const;

export const SUBSCRIPTION_STATUSES = ['future', 'in_trial', 'active', 'non_renewing', 'paused', 'cancelled', 'transferred'] as const;

export const CANCEL_REASONS = [
  'not_paid', 'no_card', 'fraud_review_failed', 'non_compliant_eu_customer', 'tax_calculation_failed',
  'currency_incompatible_with_gateway', 'non_compliant_customer',
] as const;

export const TRANSACTION_PAYMENT_METHODS = [
  'card', 'cash', 'check', 'chargeback', 'bank_transfer', 'amazon_payments', 'paypal_express_checkout',
  'direct_debit', 'alipay', 'unionpay', 'apple_pay', 'wechat_pay', 'ach_credit', 'sepa_credit', 'ideal',
  'google_pay', 'sofort', 'bancontact', 'giropay', 'dotpay', 'other', 'app_store', 'upi',
  'netbanking_emandates', 'play_store', 'custom', 'boleto', 'venmo', 'pay_to', 'faster_payments',
  'sepa_instant_transfer', 'automated_bank_transfer', 'klarna_pay_now', 'online_banking_poland',
  'payconiq_by_bancontact', 'electronic_payment_standard', 'kbc_payment_button', 'pay_by_bank', 'trustly',
  'stablecoin', 'kakao_pay', 'naver_pay', 'revolut_pay', 'cash_app_pay', 'pix', 'twint', 'go_pay',
  'grab_pay', 'pay_co', 'after_pay', 'swish', 'payme', 'klarna', 'alipay_hk', 'paypay', 'gcash',
  'south_korean_cards', 'paynow', 'bizum', 'promptpay', 'dana', 'touch_n_go', 'tamara', 'qpay',
] as const;

export const TRANSACTION_GATEWAYS = [
  'chargebee', 'chargebee_payments', 'adyen', 'stripe', 'wepay', 'braintree', 'authorize_net', 'paypal_pro',
  'pin', 'eway', 'eway_rapid', 'worldpay', 'balanced_payments', 'beanstream', 'bluepay', 'elavon',
  'first_data_global', 'hdfc', 'migs', 'nmi', 'ogone', 'paymill', 'paypal_payflow_pro', 'sage_pay', 'tco',
  'wirecard', 'amazon_payments', 'paypal_express_checkout', 'gocardless', 'orbital', 'moneris_us', 'moneris',
  'bluesnap', 'cybersource', 'vantiv', 'checkout_com', 'paypal', 'ingenico_direct', 'exact', 'mollie',
  'quickbooks', 'razorpay', 'global_payments', 'bank_of_america', 'ecentric', 'metrics_global', 'windcave',
  'pay_com', 'ebanx', 'dlocal', 'nuvei', 'solidgate', 'paystack', 'jp_morgan', 'deutsche_bank', 'ezidebit',
  'twikey', 'tempus', 'moyasar', 'payway', 'not_applicable',
] as const;

/** Quote statuses (docs/chargebee-api-notes.md#quote-statuses): the five classic ones plus the CPQ-only ones. */
export const QUOTE_STATUSES = [
  'open', 'accepted', 'declined', 'invoiced', 'closed', 'pending_approval', 'approval_rejected', 'proposed', 'voided', 'expired',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** The five statuses every site has (the rest are CPQ-only): the Quotes view's groups. */
export const CLASSIC_QUOTE_STATUSES = ['open', 'accepted', 'declined', 'invoiced', 'closed'] as const satisfies readonly QuoteStatus[];
