/**
 * Prices a quote (or invoice) from catalog lines: every line's amount is unit_amount x quantity,
 * coupons and manual discounts become `discounts[]`, and document-level discounts are spread over
 * the lines (`line_item_discounts[]`) so that every figure adds up: sub_total = sum(line amounts),
 * total = sub_total - discounts, amount_due = total (no taxes, credits or payments in the sandbox).
 * All amounts are integers in the currency's minor unit.
 */
import type { Coupon, DiscountEntityType, Discount, LineItem, LineItemDiscount, PricedDocument, PricingModel } from './models';

export interface PriceLine {
  description: string;
  entity_type: string;
  entity_id?: string;
  unit_amount: number;
  quantity: number;
  pricing_model: PricingModel;
  date_from: number;
  date_to: number;
  subscription_id?: string;
}

/** A discount given on the request itself (PC2 `discounts[...]`) rather than through a coupon. */
export interface ManualDiscount {
  percentage?: number;
  amount?: number;
  /** Set for `apply_on=specific_item_price`: the discount applies to that line only. */
  item_price_id?: string;
}

const DECIMALS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3 };

/** Digits after the decimal point for a currency's minor unit (JPY has none). */
export function currencyDecimals(currency: string): number {
  return DECIMALS[currency] ?? 2;
}

/** `123456, 'USD'` -> `USD 1,234.56`; `1200, 'JPY'` -> `JPY 1,200`. */
export function formatMoney(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const major = minor / 10 ** decimals;
  return `${currency} ${major.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}`;
}

interface DiscountPlan {
  discount: Discount;
  /** Undefined: document level, spread over all lines. */
  lineIndex?: number;
  couponId?: string;
}

export function priceDocument(
  lines: readonly PriceLine[],
  coupons: readonly Coupon[],
  manual: readonly ManualDiscount[],
  customerId: string,
  newLineId: () => string,
): PricedDocument {
  const lineItems: LineItem[] = lines.map((l) => ({
    id: newLineId(),
    date_from: l.date_from,
    date_to: l.date_to,
    unit_amount: l.unit_amount,
    quantity: l.quantity,
    amount: l.unit_amount * l.quantity,
    pricing_model: l.pricing_model,
    is_taxed: false,
    tax_amount: 0,
    discount_amount: 0,
    item_level_discount_amount: 0,
    description: l.description,
    entity_type: l.entity_type,
    ...(l.entity_id !== undefined ? { entity_id: l.entity_id } : {}),
    ...(l.subscription_id !== undefined ? { subscription_id: l.subscription_id } : {}),
    customer_id: customerId,
    object: 'line_item',
  }));
  const subTotal = lineItems.reduce((sum, li) => sum + li.amount, 0);
  let remaining = subTotal;
  const plans: DiscountPlan[] = [];

  const add = (entityType: DiscountEntityType, raw: number, description: string, type: 'percentage' | 'fixed_amount', lineIndex?: number, entityId?: string): void => {
    const cap = lineIndex === undefined ? remaining : Math.min(remaining, (lineItems[lineIndex]?.amount ?? 0) - (lineItems[lineIndex]?.item_level_discount_amount ?? 0));
    const amount = Math.max(0, Math.min(Math.round(raw), cap));
    remaining -= amount;
    const discount: Discount = { amount, description, entity_type: entityType, discount_type: type, object: 'discount' };
    if (entityId !== undefined) discount.entity_id = entityId;
    const line = lineIndex === undefined ? undefined : lineItems[lineIndex];
    if (line) line.item_level_discount_amount += amount;
    plans.push({ discount, ...(lineIndex !== undefined ? { lineIndex } : {}), ...(entityId !== undefined && entityType.endsWith('coupon') ? { couponId: entityId } : {}) });
  };

  // Item-level manual discounts first, so document-level ones see the reduced base.
  for (const m of manual.filter((d) => d.item_price_id !== undefined)) {
    const index = lineItems.findIndex((li) => li.entity_id === m.item_price_id);
    if (index < 0) continue;
    const base = lineItems[index]?.amount ?? 0;
    const raw = m.percentage !== undefined ? (base * m.percentage) / 100 : (m.amount ?? 0);
    add('item_level_discount', raw, m.percentage !== undefined ? `${m.percentage}% off` : 'Discount', m.percentage !== undefined ? 'percentage' : 'fixed_amount', index);
  }
  for (const m of manual.filter((d) => d.item_price_id === undefined)) {
    const raw = m.percentage !== undefined ? (subTotal * m.percentage) / 100 : (m.amount ?? 0);
    add('document_level_discount', raw, m.percentage !== undefined ? `${m.percentage}% off` : 'Discount', m.percentage !== undefined ? 'percentage' : 'fixed_amount');
  }
  for (const c of coupons) {
    const raw = c.discount_type === 'percentage' ? (subTotal * (c.discount_percentage ?? 0)) / 100 : (c.discount_amount ?? 0);
    add('document_level_coupon', raw, c.name, c.discount_type, undefined, c.id);
  }

  const lineItemDiscounts: LineItemDiscount[] = [];
  for (const plan of plans) {
    if (plan.lineIndex !== undefined) {
      const li = lineItems[plan.lineIndex];
      if (li) lineItemDiscounts.push({ line_item_id: li.id, discount_type: plan.discount.entity_type, discount_amount: plan.discount.amount, object: 'line_item_discount' });
      continue;
    }
    // Spread a document-level discount over the lines in proportion to what is left of each.
    const bases = lineItems.map((li) => Math.max(0, li.amount - li.discount_amount - li.item_level_discount_amount));
    const baseTotal = bases.reduce((a, b) => a + b, 0);
    let left = plan.discount.amount;
    bases.forEach((base, i) => {
      const li = lineItems[i];
      if (!li || base === 0 || baseTotal === 0) return;
      const isLast = bases.slice(i + 1).every((b) => b === 0);
      const share = isLast ? left : Math.min(left, Math.floor((plan.discount.amount * base) / baseTotal));
      left -= share;
      li.discount_amount += share;
      const entry: LineItemDiscount = { line_item_id: li.id, discount_type: plan.discount.entity_type, discount_amount: share, object: 'line_item_discount' };
      if (plan.couponId !== undefined) entry.coupon_id = plan.couponId;
      lineItemDiscounts.push(entry);
    });
  }
  for (const li of lineItems) li.discount_amount += li.item_level_discount_amount;

  const total = subTotal - plans.reduce((sum, p) => sum + p.discount.amount, 0);
  return {
    sub_total: subTotal,
    total,
    credits_applied: 0,
    amount_paid: 0,
    amount_due: total,
    line_items: lineItems,
    discounts: plans.map((p) => p.discount),
    line_item_discounts: lineItemDiscounts,
    taxes: [],
    line_item_taxes: [],
  };
}
