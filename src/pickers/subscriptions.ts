/**
 * Subscriptions by id, then by customer id. Only those of the site's product catalog are offered: a
 * PC1 change quote needs a plan-based subscription, a PC2 one an item-based one, and the list API has
 * no filter that tells them apart, so the page is filtered here.
 */
import type { ParamTree, ProductCatalog } from '../chargebee/catalog/types';
import { isRecord } from '../util/guards';
import { customerName } from './customers';
import type { StagedList } from './staged-list';
import { joined, s } from './staged-list';

export function subscriptionStages(text: string): ParamTree[] {
  const t = text.trim();
  return t === '' ? [{}] : [{ id: { starts_with: t } }, { customer_id: { starts_with: t } }];
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
