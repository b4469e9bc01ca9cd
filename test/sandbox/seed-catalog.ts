/**
 * The product catalog every seed shares: PC1 plans and addons, PC2 item families, items and item
 * prices, and coupons, in USD, EUR and JPY (JPY amounts are whole yen: the currency has no minor unit).
 */
import type { Addon, Coupon, Item, ItemFamily, ItemPrice, Plan } from './models';
import type { Store } from './store';

const CURRENCIES = ['USD', 'EUR', 'JPY'] as const;
export type SeedCurrency = (typeof CURRENCIES)[number];

/** Price in minor units per currency: cents, euro cents, yen. */
type Prices = Readonly<Record<SeedCurrency, number>>;

const PLANS: readonly { id: string; name: string; prices: Prices; setup?: Prices; trial?: number; unit: 'month' | 'year' }[] = [
  { id: 'basic', name: 'Basic', prices: { USD: 900, EUR: 800, JPY: 1200 }, unit: 'month', trial: 14 },
  { id: 'pro', name: 'Pro', prices: { USD: 2900, EUR: 2700, JPY: 3500 }, setup: { USD: 5000, EUR: 4500, JPY: 6000 }, unit: 'month' },
  { id: 'enterprise-annual', name: 'Enterprise Annual', prices: { USD: 99000, EUR: 92000, JPY: 120000 }, unit: 'year' },
];

const ADDONS: readonly { id: string; name: string; prices: Prices; recurring: boolean }[] = [
  { id: 'extra-seat', name: 'Extra Seat', prices: { USD: 500, EUR: 450, JPY: 600 }, recurring: true },
  { id: 'priority-support', name: 'Priority Support', prices: { USD: 2000, EUR: 1800, JPY: 2400 }, recurring: true },
  { id: 'day-pass', name: 'Day Pass', prices: { USD: 200, EUR: 180, JPY: 250 }, recurring: false },
  { id: 'onboarding-session', name: 'Onboarding Session', prices: { USD: 15000, EUR: 14000, JPY: 18000 }, recurring: false },
];

const FAMILIES: readonly { id: string; name: string; items: readonly { id: string; name: string; type: 'plan' | 'addon' | 'charge'; prices: Prices; unit?: 'month' | 'year' }[] }[] = [
  {
    id: 'cloud-storage',
    name: 'Cloud Storage',
    items: [
      { id: 'storage-starter', name: 'Storage Starter', type: 'plan', prices: { USD: 1200, EUR: 1100, JPY: 1500 }, unit: 'month' },
      { id: 'storage-business', name: 'Storage Business', type: 'plan', prices: { USD: 4900, EUR: 4500, JPY: 6000 }, unit: 'month' },
      { id: 'extra-terabyte', name: 'Extra Terabyte', type: 'addon', prices: { USD: 1000, EUR: 900, JPY: 1200 }, unit: 'month' },
      { id: 'data-migration', name: 'Data Migration', type: 'charge', prices: { USD: 25000, EUR: 23000, JPY: 30000 } },
    ],
  },
  {
    id: 'analytics',
    name: 'Analytics',
    items: [
      { id: 'analytics-team', name: 'Analytics Team', type: 'plan', prices: { USD: 19900, EUR: 18500, JPY: 24000 }, unit: 'year' },
      { id: 'dashboards', name: 'Extra Dashboards', type: 'addon', prices: { USD: 300, EUR: 280, JPY: 400 }, unit: 'month' },
      { id: 'training-day', name: 'Training Day', type: 'charge', prices: { USD: 80000, EUR: 75000, JPY: 95000 } },
    ],
  },
];

export function seedCatalog(store: Store, now: number): void {
  const at = now - 400 * 86400;
  for (const currency of CURRENCIES) {
    const suffix = currency.toLowerCase();
    for (const p of PLANS) {
      const plan: Plan = {
        id: `${p.id}-${suffix}`,
        name: `${p.name} ${currency}`,
        invoice_name: p.name,
        price: p.prices[currency],
        currency_code: currency,
        period: 1,
        period_unit: p.unit,
        pricing_model: 'per_unit',
        status: 'active',
        addon_applicability: 'all',
        giftable: false,
        channel: 'web',
        updated_at: at,
        resource_version: at * 1000,
        object: 'plan',
      };
      if (p.setup) plan.setup_cost = p.setup[currency];
      if (p.trial !== undefined) Object.assign(plan, { trial_period: p.trial, trial_period_unit: 'day' });
      store.plans.set(plan.id, plan);
    }
    for (const a of ADDONS) {
      const addon: Addon = {
        id: `${a.id}-${suffix}`,
        name: `${a.name} ${currency}`,
        invoice_name: a.name,
        charge_type: a.recurring ? 'recurring' : 'non_recurring',
        price: a.prices[currency],
        currency_code: currency,
        period_unit: a.recurring ? 'month' : 'not_applicable',
        pricing_model: 'per_unit',
        type: 'quantity',
        status: 'active',
        channel: 'web',
        updated_at: at,
        resource_version: at * 1000,
        object: 'addon',
      };
      if (a.recurring) addon.period = 1;
      store.addons.set(addon.id, addon);
    }
  }
  for (const f of FAMILIES) {
    const family: ItemFamily = { id: f.id, name: f.name, description: `${f.name} products`, status: 'active', updated_at: at, resource_version: at * 1000, object: 'item_family' };
    store.itemFamilies.set(family.id, family);
    for (const i of f.items) {
      const item: Item = {
        id: i.id, name: i.name, external_name: i.name, item_family_id: f.id, type: i.type, status: 'active', item_applicability: 'all',
        is_giftable: false, is_shippable: false, enabled_for_checkout: true, enabled_in_portal: true, metered: false, channel: 'web',
        updated_at: at, resource_version: at * 1000, object: 'item',
      };
      store.items.set(item.id, item);
      for (const currency of CURRENCIES) {
        const period = i.unit === undefined ? {} : { period: 1, period_unit: i.unit };
        const price: ItemPrice = {
          id: i.unit === undefined ? `${i.id}-${currency}` : `${i.id}-${currency}-${i.unit === 'month' ? 'Monthly' : 'Yearly'}`,
          name: `${i.name} ${currency}${i.unit === undefined ? '' : i.unit === 'month' ? ' Monthly' : ' Yearly'}`,
          external_name: i.name,
          item_id: i.id,
          item_family_id: f.id,
          item_type: i.type,
          status: 'active',
          pricing_model: i.type === 'charge' ? 'flat_fee' : 'per_unit',
          price: i.prices[currency],
          currency_code: currency,
          ...period,
          free_quantity: 0,
          is_taxable: true,
          channel: 'web',
          created_at: at,
          updated_at: at,
          resource_version: at * 1000,
          object: 'item_price',
        };
        store.itemPrices.set(price.id, price);
      }
    }
  }
  const coupons: Coupon[] = [
    { id: 'WELCOME10', name: 'Welcome 10%', discount_type: 'percentage', discount_percentage: 10, duration_type: 'one_time', status: 'active', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
    { id: 'LOYAL20', name: 'Loyalty 20%', discount_type: 'percentage', discount_percentage: 20, duration_type: 'forever', status: 'active', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
    { id: 'SAVE5-USD', name: '$5 off', discount_type: 'fixed_amount', discount_amount: 500, currency_code: 'USD', duration_type: 'limited_period', duration_month: 3, status: 'active', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
    { id: 'SAVE5-EUR', name: '€5 off', discount_type: 'fixed_amount', discount_amount: 500, currency_code: 'EUR', duration_type: 'one_time', status: 'active', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
    { id: 'YEN500', name: '¥500 off', discount_type: 'fixed_amount', discount_amount: 500, currency_code: 'JPY', duration_type: 'one_time', status: 'active', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
    { id: 'SPRING-SALE', name: 'Spring Sale 15% (expired)', discount_type: 'percentage', discount_percentage: 15, duration_type: 'one_time', status: 'expired', apply_on: 'invoice_amount', created_at: at, updated_at: at, resource_version: at * 1000, object: 'coupon' },
  ];
  for (const c of coupons) store.coupons.set(c.id, c);
}

export { CURRENCIES };
