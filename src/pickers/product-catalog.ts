/**
 * Plans and addons (Product Catalog 1.0), items, item families and item prices (2.0), and coupons:
 * active ones only. Plans, addons and item prices match the text anywhere in the id or name; the
 * others by the start of the id, then of the name. Item prices can be held to one item type and
 * one currency, which the quote forms know better than the person typing.
 */
import type { EndpointId } from '../chargebee/catalog';
import type { ParamTree } from '../chargebee/catalog/types';
import { formatMinor } from '../forms/money';
import type { StagedList } from './staged-list';
import { joined, s, textVariants } from './staged-list';
import type { PickerContext } from './types';

/** id as typed, then the name as typed and capitalised. */
function byIdThenName(text: string): ParamTree[] {
  const t = text.trim();
  return t === '' ? [{}] : [{ id: { starts_with: t } }, ...textVariants(t).map((v) => ({ name: { starts_with: v } }))];
}

function price(entry: Readonly<Record<string, unknown>>, key: string): string {
  const amount = entry[key];
  const currency = s(entry, 'currency_code');
  if (typeof amount !== 'number' || currency === '') return '';
  return `${formatMinor(amount, currency)} ${currency}`;
}

function period(entry: Readonly<Record<string, unknown>>): string {
  const n = entry['period'];
  const unit = s(entry, 'period_unit');
  if (typeof n !== 'number' || unit === '' || unit === 'not_applicable') return '';
  return n === 1 ? `per ${unit}` : `every ${n} ${unit}s`;
}

/** API pages read per picker page when matching anywhere (100 entries each). */
export const SCAN_REQUESTS = 5;

/**
 * `anywhere`: the text may be anywhere in the id or the name, in any case. The list APIs filter ids
 * and names by `starts_with` only, so those lists are read page by page and matched here.
 */
function named(key: string, endpointId: EndpointId, text: string, base: ParamTree, describe: (e: Readonly<Record<string, unknown>>) => string, anywhere = false): StagedList {
  const needle = text.trim().toLowerCase();
  const scan = anywhere && needle !== '';
  return {
    endpointId,
    key,
    base,
    stages: scan ? [{}] : byIdThenName(text),
    ...(scan ? { scan: { maxRequests: SCAN_REQUESTS } } : {}),
    toItem: (e) => {
      const id = s(e, 'id');
      if (id === '') return undefined;
      const name = s(e, 'name');
      if (scan && !id.toLowerCase().includes(needle) && !name.toLowerCase().includes(needle)) return undefined;
      return { id, label: name !== '' && name !== id ? `${id} — ${name}` : id, description: describe(e) };
    },
  };
}

const ACTIVE: ParamTree = { status: { is: 'active' } };

export function planList(text: string): StagedList {
  return named('plan', 'plans.list', text, ACTIVE, (p) => joined(price(p, 'price'), period(p)), true);
}

export function addonList(text: string): StagedList {
  return named('addon', 'addons.list', text, ACTIVE, (a) => joined(price(a, 'price'), period(a) !== '' ? period(a) : s(a, 'charge_type').replace('_', '-')), true);
}

/** The item families list has no status filter (the API refuses one); a deleted family is not listed. */
export function itemFamilyList(text: string): StagedList {
  return named('item_family', 'item_families.list', text, {}, (f) => s(f, 'description'));
}

export function itemList(text: string, ctx: PickerContext): StagedList {
  const base: ParamTree = { ...ACTIVE, ...(ctx.itemType !== undefined ? { type: { is: ctx.itemType } } : {}) };
  return named('item', 'items.list', text, base, (i) => joined(s(i, 'type'), s(i, 'item_family_id')));
}

export function itemPriceList(text: string, ctx: PickerContext): StagedList {
  const base: ParamTree = {
    ...ACTIVE,
    ...(ctx.itemType !== undefined ? { item_type: { is: ctx.itemType } } : {}),
    ...(ctx.currency !== undefined ? { currency_code: { is: ctx.currency } } : {}),
  };
  return named('item_price', 'item_prices.list', text, base, (p) => joined(s(p, 'item_type'), price(p, 'price'), period(p)), true);
}

export function couponList(text: string): StagedList {
  return named('coupon', 'coupons.list', text, ACTIVE, (c) => {
    const off = typeof c['discount_percentage'] === 'number' ? `${String(c['discount_percentage'])}% off` : price({ price: c['discount_amount'], currency_code: c['currency_code'] }, 'price');
    return joined(off, s(c, 'duration_type').replace('_', ' '));
  });
}
