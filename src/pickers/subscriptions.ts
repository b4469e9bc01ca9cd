/**
 * Subscriptions by id, by customer id, and by the customer's name, company or email: the customers
 * matching the text are looked up first (the customer picker's search), then their subscriptions by
 * `customer_id[in]`. Only those of the site's product catalog are offered: a
 * PC1 change quote needs a plan-based subscription, a PC2 one an item-based one, and the list API has
 * no filter that tells them apart, so the page is filtered here.
 */
import type { ProductCatalog } from '../chargebee/catalog/types';
import { isRecord } from '../util/guards';
import { customerList, customerName } from './customers';
import type { DeferredStage, Stage, StagedList } from './staged-list';
import { joined, s, stagedPage } from './staged-list';

/** Most customers one search turns into a `customer_id[in]` stage. */
export const MAX_CUSTOMERS_PER_SEARCH = 20;

export function subscriptionStages(text: string): Stage[] {
  const t = text.trim();
  if (t === '') return [{}];
  const byCustomer: DeferredStage = {
    lookup: async (client, signal) => {
      const page = await stagedPage(client, customerList(t), { text: t, offset: undefined, signal }, MAX_CUSTOMERS_PER_SEARCH);
      const ids = page.items.map((i) => i.id).slice(0, MAX_CUSTOMERS_PER_SEARCH);
      return ids.length === 0 ? undefined : { customer_id: { in: ids } };
    },
  };
  return [{ id: { starts_with: t } }, { customer_id: { starts_with: t } }, byCustomer];
}

/** Which catalog a subscription object belongs to, by its shape; undefined when it says neither. */
export function subscriptionCatalog(sub: Readonly<Record<string, unknown>>): ProductCatalog | undefined {
  if (Array.isArray(sub['subscription_items'])) return 2;
  if (typeof sub['plan_id'] === 'string') return 1;
  return undefined;
}

/** Subscriptions matching `text`, newest first; `toItem` makes (or skips) each row. */
export function subscriptionSearch(text: string, toItem: StagedList['toItem']): StagedList {
  return { endpointId: 'subscriptions.list', key: 'subscription', base: { sort_by: { desc: 'created_at' } }, stages: subscriptionStages(text), toItem };
}

export function subscriptionList(text: string, catalog: ProductCatalog): StagedList {
  return subscriptionSearch(text, (sub, envelope) => {
    const id = s(sub, 'id');
    const own = subscriptionCatalog(sub);
    if (id === '' || (own !== undefined && own !== catalog)) return undefined;
    const customer = envelope['customer'];
    const who = isRecord(customer) ? customerName(customer) : '';
    const items = Array.isArray(sub['subscription_items'])
      ? (sub['subscription_items'] as unknown[]).map((i) => (isRecord(i) ? s(i, 'item_price_id') : '')).filter((x) => x !== '').join(', ')
      : s(sub, 'plan_id');
    return { id, label: joined(id, who), description: joined(items, s(sub, 'status'), s(sub, 'currency_code'), s(sub, 'customer_id')) };
  });
}
